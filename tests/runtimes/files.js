// Which test files each runtime runs: every tests/js/*.test.js, found by
// listing the folder (new files join without being named anywhere), except
// that *.node.test.js files (they spawn processes or read files) run on
// Node only.

import { existsSync, readdirSync, statSync } from 'node:fs';

const TESTS = new URL('../js/', import.meta.url);

/**
 * The test files for a runtime, in name order.
 * @param {'node' | 'deno' | 'bun' | 'chromium'} runtime
 * @returns {URL[]}
 */
export function testFiles(runtime) {
  return readdirSync(TESTS)
    .filter((name) => name.endsWith('.test.js') && (runtime === 'node' || !name.endsWith('.node.test.js')))
    .sort()
    .map((name) => new URL(name, TESTS));
}

/**
 * Throws when the published entry is older than a source it is built from:
 * the tests load `hostheap` from bindings/dist/, which only scripts/build
 * refreshes.
 * @throws {Error} naming the newer source and the command to run
 */
export function checkBuildIsFresh() {
  const bindings = new URL('../../bindings/', import.meta.url);
  const entry = new URL('dist/index.js', bindings);
  if (!existsSync(entry)) throw new Error('bindings/dist/index.js is missing: run scripts/build');
  const built = statSync(entry).mtimeMs;
  const newer = [];
  const visit = (folder, name) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      const path = `${name}${item.name}`;
      if (item.isDirectory() && item.name !== 'dist' && item.name !== 'node_modules') {
        visit(new URL(`${item.name}/`, folder), `${path}/`);
      } else if (/\.(js|wasm)$/.test(item.name) && statSync(new URL(item.name, folder)).mtimeMs > built) {
        newer.push(`bindings/${path}`);
      }
    }
  };
  visit(bindings, '');
  if (newer.length > 0) {
    throw new Error(`bindings/dist/index.js is older than ${newer.join(', ')}: run scripts/build, then the tests`);
  }
}
