// The package as npm publishes it: `npm pack` holds only what users need,
// and the tarball installed into a scratch project (offline, from the file)
// runs the PRNG example on the release build and on the development one,
// and type-checks the typed usage file, with hostheap resolved inside that
// project.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BINDINGS = join(ROOT, 'bindings');

/** What a user needs; anything else in the tarball fails the test. */
const ALLOWED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/[\w/-]+\.js$/, /^dist\/[\w/-]+\.wasm$/, /^[\w/.-]+\.d\.ts$/];
const REQUIRED = [
  'package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/pkg/hostheap_bg.wasm', 'index.d.ts',
  'dist/development/index.js', 'dist/development/pkg-check/hostheap_bg.wasm',
];

function npm(args, cwd) {
  const run = spawnSync('npm', ['--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.error, undefined, `npm did not start: ${run.error?.message}`);
  assert.equal(run.status, 0, `npm ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describe('npm pack', () => {
  let scratch;
  let packed;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'hostheap-pack-'));
    [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], BINDINGS));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('--dry-run lists the same files as the tarball holds', () => {
    const [dry] = JSON.parse(npm(['pack', '--dry-run', '--json'], BINDINGS));
    assert.deepEqual(dry.files.map((file) => file.path).sort(), packed.files.map((file) => file.path).sort());
  });

  test('holds the minified entry, the wasm, the types, README and license, and nothing else', () => {
    const paths = packed.files.map((file) => file.path);
    for (const path of REQUIRED) assert.ok(paths.includes(path), `${path} missing from ${paths.join(', ')}`);
    for (const path of paths) assert.ok(ALLOWED.some((pattern) => pattern.test(path)), `${path} is not for users`);
    const entry = packed.files.find((file) => file.path === 'dist/index.js');
    assert.ok(entry.size < 200_000, `dist/index.js is ${entry.size} bytes`);
  });

  test('the packed package.json points exports at the packed files', () => {
    const manifest = JSON.parse(spawnSync('tar', ['-xOzf', join(scratch, packed.filename), 'package/package.json'], { encoding: 'utf8' }).stdout);
    const entry = manifest.exports['.'];
    const paths = packed.files.map((file) => file.path);
    assert.ok(paths.includes(entry.default.replace(/^\.\//, '')), `exports default ${entry.default}`);
    assert.ok(paths.includes(entry.types.replace(/^\.\//, '')), `exports types ${entry.types}`);
    assert.equal(manifest.type, 'module');
    assert.ok(manifest.engines?.node, 'engines.node is set');
    assert.equal(typeof manifest.sideEffects, 'boolean');
  });

  test('installed from the tarball into a scratch project, runs the PRNG example', () => {
    const project = join(scratch, 'project');
    cpSync(join(ROOT, 'examples/prng'), join(project, 'prng'), { recursive: true });
    cpSync(join(ROOT, 'examples/wat.js'), join(project, 'wat.js'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    npm(['install', '--offline', join(scratch, packed.filename)], project);
    // The example compiles its WAT with wabt, a dev tool here: the repo's copy.
    symlinkSync(join(ROOT, 'node_modules/wabt'), join(project, 'node_modules/wabt'), 'dir');

    // Each build: the release one by default, the development one (with
    // the engine's check in its wasm) under the `development` condition.
    const builds = [
      [[], 'dist/index.js', 'dist/pkg/hostheap_bg.wasm', false],
      [['--conditions=development'], 'dist/development/index.js', 'dist/development/pkg-check/hostheap_bg.wasm', true],
    ];
    for (const [flags, entry, wasm, checks] of builds) {
      const resolved = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', "console.log(import.meta.resolve('hostheap'))"], {
        cwd: project,
        encoding: 'utf8',
      });
      assert.equal(fileURLToPath(resolved.stdout.trim()), join(project, 'node_modules/hostheap', entry));
      const module = new WebAssembly.Module(readFileSync(join(project, 'node_modules/hostheap', wasm)));
      const exported = WebAssembly.Module.exports(module).map(({ name }) => name);
      assert.ok(exported.includes('malloc'), `${wasm} exports ${exported.join(', ')}`);
      assert.equal(exported.includes('check'), checks, `${wasm}: the engine's check is in the development build only`);

      const run = spawnSync(process.execPath, [...flags, '--expose-gc', 'prng/main.js'], { cwd: project, encoding: 'utf8' });
      assert.equal(run.status, 0, `${flags.join(' ')}\n${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /^equal seeds give equal sequences: yes$/m);
      assert.match(run.stdout, /reclaimed [1-9]\d* bytes/);
      assert.match(run.stdout, /^same numbers after trim: yes$/m);
    }

    // The packed types are whole: the typed usage file checks against them.
    cpSync(join(ROOT, 'tests/types/usage.ts'), join(project, 'usage.ts'));
    cpSync(join(ROOT, 'tests/types/tsconfig.json'), join(project, 'tsconfig.json'));
    const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '--listFiles', '-p', project], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, `tsc over the installed package:\n${tsc.stdout}\n${tsc.stderr}`);
    assert.ok(tsc.stdout.includes(join(project, 'node_modules/hostheap/index.d.ts')), 'types resolved inside the project');
  });
});
