// The bad-input sweep (see tests/reliability/badinput.js): every argument
// of every allocator call, on a created heap and on the default heap, given
// wrong kinds, NaN, infinities, negative, fractional, huge and boundary
// values. One test per property, so a failure says which one broke.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLS, VALUES, sweepBadInput } from '../reliability/badinput.js';

const { tried, failures } = sweepBadInput();
/** The first ten failures of a check, and how many there are in all. */
function broken(check) {
  const texts = failures.filter((failure) => failure.check === check).map((failure) => failure.text);
  return texts.length <= 10 ? texts : [...texts.slice(0, 10), `… ${texts.length} in all`];
}

test('the sweep tries every bad value of every argument', () => {
  const least = CALLS.reduce((sum, row) => sum + VALUES[row.kind].values.length, 0);
  assert.ok(tried >= least, `${tried} inputs tried, at least ${least} expected`);
});

test('every bad input throws a TypeError (wrong kind) or a RangeError (bad value)', () => {
  assert.deepEqual(broken('error'), []);
});

test('no bad input changes the heap: spans, stats, memory and buffer', () => {
  assert.deepEqual(broken('unchanged'), []);
});

test('every message starts with the call and names the argument', () => {
  assert.deepEqual(broken('names'), []);
});

test('every message shows the value that came', () => {
  assert.deepEqual(broken('shows'), []);
});
