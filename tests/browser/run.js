// Runs the portable JS tests (tests/js/*.test.js, not *.node.test.js) in
// headless Chromium, each file in a fresh page, as node --test runs each
// in a fresh process. The page maps the test files' imports to browser
// modules with an import map: node:test and node:assert/strict to the small
// ones beside this file, `hostheap` to the package's published entry (read
// from its package.json, as a bundler would), wabt to its browser build,
// examples/wat.js to a version that gets its modules compiled by the server,
// and other packages to the ES modules Node resolves them to. The pages are
// cross-origin isolated, so SharedArrayBuffer exists as on a site that
// sends those headers.
//
// Run: node tests/browser/run.js [--report=file.json] [file ...]   (exit status 1 on any failure)

import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { startServer } from '../../examples/web/serve.js';
import { launchChromium } from './chromium.js';
import { checkBuildIsFresh, testFiles } from '../runtimes/files.js';

const ROOT = new URL('../../', import.meta.url);
const FILE_TIMEOUT_MS = 300_000;

/** `hostheap` and each subpath the package exports, mapped to its published file. */
function packageImports() {
  const manifest = JSON.parse(readFileSync(new URL('bindings/package.json', ROOT), 'utf8'));
  const imports = {};
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const file = typeof target === 'string' ? target : (target.browser ?? target.import ?? target.default);
    if (subpath.endsWith('.json') || typeof file !== 'string') continue;
    imports[`${manifest.name}${subpath.slice(1)}`] = `/bindings/${file.replace(/^\.\//, '')}`;
  }
  return imports;
}

/** Modules the browser gets in place of what the tests import. */
const STAND_INS = {
  'node:test': '/tests/browser/node-test.js',
  'node:assert/strict': '/tests/browser/assert.js',
  'node:assert': '/tests/browser/assert.js',
  wabt: '/tests/browser/wabt.js',
  '/examples/wat.js': '/tests/browser/wat.js',
};

/**
 * Other packages the test files reach (directly or through relative
 * imports), mapped to the files Node resolves them to, when those are ES
 * modules under the repository (a dev dependency such as wasm-heap-manager).
 */
function dependencyImports(files) {
  const seen = new Set();
  const bare = new Set();
  const visit = (url) => {
    if (seen.has(url.href) || !url.pathname.endsWith('.js')) return;
    seen.add(url.href);
    let source;
    try {
      source = readFileSync(url, 'utf8');
    } catch {
      return;
    }
    for (const [, , specifier] of source.matchAll(/(?:from|import)\s*\(?\s*(['"])([^'"]+)\1/g)) {
      if (specifier.startsWith('.')) visit(new URL(specifier, url));
      else if (!specifier.startsWith('node:') && !specifier.startsWith('/')) bare.add(specifier);
    }
  };
  files.forEach(visit);
  const imports = {};
  for (const specifier of bare) {
    let resolved;
    try {
      resolved = new URL(import.meta.resolve(specifier));
    } catch {
      continue; // left unmapped: the page reports it, naming the specifier
    }
    if (resolved.protocol === 'file:' && resolved.href.startsWith(ROOT.href)) {
      imports[specifier] = `/${resolved.href.slice(ROOT.href.length)}`;
    }
  }
  return imports;
}

function runnerPage() {
  const importMap = { imports: { ...dependencyImports(files), ...STAND_INS, ...packageImports() } };
  return `<!doctype html>
<meta charset="utf-8">
<title>hostheap tests</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">
  import { runRegistered } from '/tests/browser/node-test.js';
  const errors = [];
  addEventListener('error', (event) => errors.push(String(event.error?.stack ?? event.message)));
  addEventListener('unhandledrejection', (event) => errors.push(String(event.reason?.stack ?? event.reason)));
  const file = new URLSearchParams(location.search).get('file');
  window.outcome = (async () => {
    try {
      await import(file);
    } catch (error) {
      return { loadError: String(error?.stack ?? error), results: [], errors };
    }
    return { results: await runRegistered(), errors };
  })();
</script>
`;
}

/** Runs one test file in a fresh page; returns its outcome. */
async function runFile(browser, base, file) {
  const page = await browser.newPage();
  const messages = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') messages.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
  try {
    const path = `/${relative(fileURLToPath(ROOT), fileURLToPath(file)).split('\\').join('/')}`;
    await page.goto(`${base}__runner.html?file=${encodeURIComponent(path)}`);
    await page.waitForFunction(() => window.outcome !== undefined, undefined, { timeout: FILE_TIMEOUT_MS });
    const outcome = await page.evaluate(() => window.outcome);
    return { ...outcome, messages };
  } catch (error) {
    return { loadError: `the page did not finish: ${error.message}`, results: [], errors: [], messages };
  } finally {
    await page.close();
  }
}

const { values: options, positionals } = parseArgs({ options: { report: { type: 'string' } }, allowPositionals: true });
const files = positionals.length > 0 ? positionals.map((name) => pathToFileURL(resolve(name))) : testFiles('chromium');
/** `{ "./tests/js/name.test.js": passed }`, written to --report when given. */
const report = {};
try {
  checkBuildIsFresh();
} catch (error) {
  console.error(`!!! ${error.message}`);
  process.exit(1);
}
const server = await startServer({
  mounts: [['/', ROOT]],
  // Cross-origin isolation, as a site that uses SharedArrayBuffer must have.
  headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
  extra: new Map([['/__runner.html', () => ({ status: 200, type: 'text/html; charset=utf-8', body: runnerPage() })]]),
});
let browser;
try {
  browser = await launchChromium();
} catch (error) {
  console.error(`\n!!! chromium CANNOT START: ${error.message}\n`);
  await server.close();
  process.exit(1);
}
console.log(`chromium ${browser.version()} (headless, --js-flags=--expose-gc), serving ${server.url}`);

let failed = 0;
let passed = 0;
try {
  for (const file of files) {
    const name = relative(fileURLToPath(ROOT), fileURLToPath(file));
    const outcome = await runFile(browser, server.url, file);
    const bad = outcome.results.filter((result) => result.status === 'fail');
    const count = (status) => outcome.results.filter((result) => result.status === status).length;
    const problem = outcome.loadError ?? (outcome.results.length === 0 ? 'no tests ran' : undefined);
    const ok = bad.length === 0 && problem === undefined && outcome.errors.length === 0;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${name}: ${count('pass')} passed, ${bad.length} failed` +
        `${count('skip') ? `, ${count('skip')} skipped` : ''}${count('todo') ? `, ${count('todo')} todo` : ''}`,
    );
    for (const result of bad) console.log(`  not ok - ${result.name}\n${indent(result.error)}`);
    if (problem !== undefined) console.log(`  not ok - ${problem.split('\n')[0]}\n${indent(problem)}`);
    for (const error of outcome.errors) console.log(`  uncaught:\n${indent(error)}`);
    if (!ok) for (const line of outcome.messages) console.log(`  console ${line}`);
    report[`./${name}`] = ok;
    passed += count('pass');
    failed += bad.length + (problem === undefined ? 0 : 1) + outcome.errors.length;
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`chromium: ${passed} passed, ${failed} failed, ${files.length} files`);
if (options.report !== undefined) writeFileSync(options.report, JSON.stringify(report));
process.exitCode = failed === 0 ? 0 : 1;

function indent(text = '') {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
