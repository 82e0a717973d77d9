// A million GC-tied allocations across 100,000 short-lived and 1,000
// long-lived owners, collected for real in waves (see
// tests/reliability/stress.js): no block of a live owner is freed or
// overwritten, and once every owner is collected nothing is left in use.
// Node only: too heavy for a browser page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stressTokens } from '../reliability/stress.js';

test('a million token blocks: live owners keep their bytes, collected owners leave nothing used', async () => {
  const result = await stressTokens({ allocations: 1_000_000, shortOwners: 100_000, longOwners: 1_000 });
  assert.deepEqual(result.failures, []);
  assert.equal(result.allocations, 1_000_000);
});
