// Runs the JS test suite on each runtime the package supports, from the same
// published files, each with its own way to force a collection:
//
//   node      node --expose-gc --test, one file per run (*.node.test.js too)
//   deno      deno test --v8-flags=--expose-gc, one file per run
//   bun       bun test (Bun.gc(true) needs no flag), one file per run
//   chromium  tests/browser/run.js: headless /usr/bin/chromium, --js-flags=--expose-gc
//
// Node runs the package's development build (--conditions=development),
// whose check() also walks the engine's own invariants; the others run
// the release build. So the suite passes on both builds.
//
// Deno and Bun come from the npm packages of those names (dev
// dependencies), Chromium from Debian. A runtime that cannot start is
// reported loudly and fails the run; none is skipped. The run ends with a
// table of test files by runtime.
//
// Run: node tests/runtimes/run.js [node|deno|bun|chromium ...]   (all four without arguments)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkBuildIsFresh, testFiles } from './files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${ROOT}node_modules/.bin/`;
// The binaries; DENO, BUN and CHROMIUM_PATH point elsewhere when set.
const DENO = process.env.DENO ?? `${BIN}deno`;
const BUN = process.env.BUN ?? `${BIN}bun`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const paths = (files) => files.map((file) => `./${relative(ROOT, fileURLToPath(file))}`);

/**
 * Each runtime: how to ask its version (the start check), and how to run
 * its test files: `perFile` gives the command for one file (each must exit
 * with 0); `all` runs every file at once and writes a `{ file: ok }` report.
 */
const RUNTIMES = {
  node: {
    version: [process.execPath, '--version'],
    perFile: (file) => [process.execPath, '--expose-gc', '--conditions=development', '--test', file],
  },
  deno: {
    version: [DENO, '--version'],
    perFile: (file) => [DENO, 'test', '--no-check', '--v8-flags=--expose-gc', '--allow-read', file],
  },
  bun: {
    version: [BUN, '--version'],
    // bun test stops a test after 5 s by default; Node, Deno and the browser runner have no such limit.
    perFile: (file) => [BUN, 'test', '--timeout=300000', file],
  },
  chromium: {
    version: [CHROMIUM, '--headless', '--no-sandbox', '--version'],
    // One browser for every file, each file in a fresh page.
    all: (files, report) => [process.execPath, 'tests/browser/run.js', `--report=${report}`, ...files],
  },
};

try {
  checkBuildIsFresh();
} catch (error) {
  console.error(`!!! ${error.message}`);
  process.exit(1);
}

const chosen = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(RUNTIMES);
for (const name of chosen) {
  if (!(name in RUNTIMES)) {
    console.error(`tests/runtimes/run.js: unknown runtime ${JSON.stringify(name)}; expected one of ${Object.keys(RUNTIMES).join(', ')}`);
    process.exit(2);
  }
}

/** outcomes[file][runtime]: 'ok', 'FAIL', or absent when the runtime does not run the file. */
const outcomes = {};
const summary = [];
const scratch = mkdtempSync(join(tmpdir(), 'hostheap-runtimes-'));
for (const name of chosen) {
  const runtime = RUNTIMES[name];
  const files = paths(testFiles(name));
  const version = spawnSync(runtime.version[0], runtime.version.slice(1), { cwd: ROOT, encoding: 'utf8' });
  if (version.status !== 0) {
    const why = version.error?.message ?? (version.stderr.trim() || `exit status ${version.status}`);
    console.error(`\n!!! ${name} CANNOT START: ${runtime.version.join(' ')}: ${why}`);
    console.error(`!!! ${name} is part of the test matrix; run scripts/setup.sh to install it.\n`);
    summary.push([name, 'CANNOT START']);
    for (const file of files) (outcomes[file] ??= {})[name] = 'NO START';
    continue;
  }
  console.log(`\n== ${name} (${version.stdout.trim().split('\n')[0]}): ${files.length} files`);
  const run = (command) =>
    spawnSync(command[0], command.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
  if (runtime.perFile) {
    for (const file of files) {
      const status = run(runtime.perFile(file)).status;
      (outcomes[file] ??= {})[name] = status === 0 ? 'ok' : 'FAIL';
    }
  } else {
    const report = join(scratch, `${name}.json`);
    const status = run(runtime.all(files, report)).status;
    const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : {};
    for (const file of files) (outcomes[file] ??= {})[name] = status !== null && results[file] === true ? 'ok' : 'FAIL';
  }
  const failed = files.filter((file) => outcomes[file][name] !== 'ok');
  for (const file of failed) console.error(`!!! ${name} failed: ${file}`);
  summary.push([name, failed.length === 0 ? 'ok' : `FAILED (${failed.length} of ${files.length} files)`]);
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n== test files by runtime (- : not run there)');
const width = Math.max(...Object.keys(outcomes).map((file) => file.length));
console.log(`${''.padEnd(width)}  ${chosen.map((name) => name.padEnd(8)).join(' ')}`);
for (const [file, byRuntime] of Object.entries(outcomes).sort()) {
  console.log(`${file.padEnd(width)}  ${chosen.map((name) => (byRuntime[name] ?? '-').padEnd(8)).join(' ')}`);
}
console.log('\n== runtimes');
for (const [name, outcome] of summary) console.log(`${name.padEnd(9)} ${outcome}`);
process.exitCode = summary.every(([, outcome]) => outcome === 'ok') ? 0 : 1;
