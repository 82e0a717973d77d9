// Trim under load (see tests/reliability/trimload.js): the three guests of
// examples/shared-modules and live data through thousands of grow/trim
// cycles; every guest still computes right after each, and every live block
// keeps its bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trimUnderLoad } from '../reliability/trimload.js';

test('three bound guests and live data through 2,000 grow/trim cycles', () => {
  const { cycles, trims, failures } = trimUnderLoad({ cycles: 2000 });
  assert.deepEqual(failures, []);
  assert.equal(cycles, 2000);
  assert.equal(trims, cycles, 'every cycle grew, so every trim released pages');
});
