// The per-type code is generated from bindings/manager/types.js: the files
// in the tree must be exactly what the generator renders now.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { render } from '../../bindings/manager/generate.js';

const DIRECTORY = new URL('../../bindings/manager/', import.meta.url);

test('the generated manager files are up to date with types.js (run node bindings/manager/generate.js)', () => {
  const files = render();
  assert.deepEqual(Object.keys(files).sort(), ['manager.generated.d.ts', 'manager.generated.js']);
  for (const [path, expected] of Object.entries(files)) {
    const actual = readFileSync(new URL(path, DIRECTORY), 'utf8');
    assert.ok(actual.startsWith('// Generated from types.js. Do not edit.\n'), `${path} has the generated header`);
    assert.equal(actual, expected, `${path} differs from what generate.js renders`);
  }
});
