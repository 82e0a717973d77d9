// Fault injection (see tests/reliability/faults.js): the host refuses memory
// or a callback throws in the middle of an allocation, a growth or a trim.
// Afterwards the heap holds every invariant, no live block changed, the next
// allocation that fits succeeds, and a refusal left the heap as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULTS, injectFaults } from '../reliability/faults.js';

test('every fault, on heaps of many layouts, leaves a consistent heap and every block intact', () => {
  const repeats = 20;
  const { faults, failures } = injectFaults({ repeats });
  assert.deepEqual(failures, []);
  assert.equal(faults, repeats * FAULTS.reduce((sum, fault) => sum + (fault.faults ?? 1), 0));
});
