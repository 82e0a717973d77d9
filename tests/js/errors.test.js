// Bad input gets a TypeError (wrong kind of value) or RangeError (right
// kind, wrong value) naming the call and the argument, and the heap is
// exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';

function snapshot(heap) {
  return {
    spans: heap.spans(),
    memory: heap.memory,
    buffer: heap.buffer,
    stats: ['total', 'used', 'head', 'tail', 'largest'].map((name) => heap[`${name}Bytes`]()),
  };
}

/** A heap with some live blocks and a hole, to have something to disturb. */
function busyHeap() {
  const heap = createHeap({ maximum: 16 });
  const blocks = [heap.malloc(48), heap.malloc(16), heap.malloc(200)];
  heap.free(blocks[1]);
  return { heap, blocks };
}

function rejects(heap, call, kind, pattern) {
  const before = snapshot(heap);
  assert.throws(call, (error) => {
    assert.equal(error.constructor, kind, `${error.constructor.name}: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
  assert.deepEqual(snapshot(heap), before, 'the heap is unchanged');
}

const NOT_NUMBERS = ['16', null, undefined, {}, [], 16n, Symbol('s'), () => 16, true];
const BAD_SIZES = [0, -1, -16, 0.5, 15.5, NaN, Infinity, -Infinity, 2 ** 32 + 1, 2 ** 53, -0.1];

test('sizes that are not numbers are TypeErrors naming the argument', () => {
  const { heap } = busyHeap();
  for (const size of NOT_NUMBERS) {
    if (size === undefined) continue;
    rejects(heap, () => heap.malloc(size), TypeError, /^malloc\(size\): expected size to be an integer from 1 to 4294967296, got /);
    rejects(heap, () => heap.alloc(size, {}), TypeError, /^alloc\(size, token\): expected size to be an integer/);
    rejects(heap, () => heap.alloc(size), TypeError, /^alloc\(size\): expected size to be an integer/);
  }
  rejects(heap, () => heap.malloc(), TypeError, /got undefined$/);
  let converted = false;
  const sneaky = { valueOf: () => ((converted = true), 16) };
  rejects(heap, () => heap.malloc(sneaky), TypeError, /got an object$/);
  rejects(heap, () => heap.free(sneaky), TypeError, /got an object$/);
  assert.equal(converted, false, 'arguments are never converted');
  rejects(heap, () => heap.malloc('16'), TypeError, /got string "16"$/);
});

test('sizes out of range are RangeErrors that say what came', () => {
  const { heap } = busyHeap();
  for (const size of BAD_SIZES) {
    const shown = Object.is(size, -0) ? '-0' : String(size);
    const end = new RegExp(`got ${shown.replace(/[.+]/g, '\\$&')}$`);
    rejects(heap, () => heap.malloc(size), RangeError, end);
    rejects(heap, () => heap.alloc(size, {}), RangeError, end);
    rejects(heap, () => heap.alloc(size), RangeError, end);
  }
});

test('tokens that cannot be held weakly are TypeErrors', () => {
  const { heap } = busyHeap();
  for (const token of ['a', 1, null, true, 1n, Symbol.for('registered')]) {
    rejects(heap, () => heap.alloc(16, token), TypeError, /^alloc\(size, token\): token must be an object or a non-registered symbol, got /);
    rejects(heap, () => heap.watch(() => {}, token), TypeError, /^watch\(fn, token\): token must be/);
    rejects(heap, () => heap.on('grow', token, () => {}), TypeError, /^on\(type, token, fn\): token must be/);
  }
});

test('free of anything but the start of a live block is a RangeError, nothing changes', () => {
  const { heap, blocks } = busyHeap();
  const [first, hole, last] = blocks;
  rejects(heap, () => heap.free(first + 16), RangeError, /^free\(addr\): 16 is not the start of a live block$/);
  rejects(heap, () => heap.free(hole), RangeError, /not the start of a live block/);
  rejects(heap, () => heap.free(last + 208), RangeError, /not the start of a live block/);
  rejects(heap, () => heap.free(2 ** 32 - 16), RangeError, /not the start of a live block/);
  heap.free(last);
  rejects(heap, () => heap.free(last), RangeError, /not the start of a live block/, 'double free');
  for (const addr of [8, -16, 0.5, NaN, Infinity, 2 ** 32]) {
    rejects(heap, () => heap.free(addr), RangeError, /^free\(addr\): expected addr to be an integer multiple of 16 from 0 to 4294967280, got /);
  }
  for (const addr of ['0', null, undefined, {}, 0n]) {
    rejects(heap, () => heap.free(addr), TypeError, /^free\(addr\): expected addr to be an integer multiple of 16/);
  }
});

test('grow takes an integer count of pages', () => {
  const { heap } = busyHeap();
  for (const pages of [0.5, NaN, Infinity, -Infinity]) {
    rejects(heap, () => heap.grow(pages), RangeError, /^grow\(pages\): expected pages to be an integer, got /);
  }
  for (const pages of ['1', null, undefined, 1n]) {
    rejects(heap, () => heap.grow(pages), TypeError, /^grow\(pages\): expected pages to be an integer, got /);
  }
});

test('callbacks must be functions', () => {
  const { heap } = busyHeap();
  rejects(heap, () => heap.bind(null, () => {}), TypeError, /^bind\(spawn, respawn\): spawn must be a function, got null$/);
  rejects(heap, () => heap.bind(() => {}, 'x'), TypeError, /^bind\(spawn, respawn\): respawn must be a function, got string "x"$/);
  rejects(heap, () => heap.watch(1, {}), TypeError, /^watch\(fn, token\): fn must be a function, got 1$/);
  rejects(heap, () => heap.on('grow', {}, {}), TypeError, /^on\(type, token, fn\): fn must be a function/);
  rejects(heap, () => heap.off('grow', {}, 5), TypeError, /^off\(type, token, fn\): fn must be a function/);
});

test('event types: unknown strings are RangeErrors, other values TypeErrors', () => {
  const { heap } = busyHeap();
  rejects(heap, () => heap.on('shrink', {}, () => {}), RangeError, /^on\(type, token, fn\): type must be one of "grow", "trim", "resize", "oom", got string "shrink"$/);
  rejects(heap, () => heap.off('Grow', {}), RangeError, /type must be one of/);
  rejects(heap, () => heap.on(1, {}, () => {}), TypeError, /type must be one of .* got 1$/);
});

test('createHeap options are checked before any memory is made', () => {
  assert.throws(() => createHeap({ initial: 0 }), { name: 'RangeError', message: /^createHeap\(options\): expected options.initial to be an integer from 1 to 65536, got 0$/ });
  assert.throws(() => createHeap({ initial: 1.5 }), RangeError);
  assert.throws(() => createHeap({ initial: 70000 }), RangeError);
  assert.throws(() => createHeap({ initial: 4, maximum: 2 }), { name: 'RangeError', message: /options.maximum to be an integer from 4 to 65536, got 2$/ });
  assert.throws(() => createHeap({ maximum: '9' }), { name: 'TypeError', message: /options.maximum .* got string "9"$/ });
  assert.throws(() => createHeap(5), { name: 'TypeError', message: /^createHeap\(options\): options must be an object, got 5$/ });
  assert.throws(() => createHeap(null), TypeError);
});

test('a spawn callback that throws registers nothing', () => {
  const heap = createHeap({ initial: 2 });
  let respawned = 0;
  assert.throws(() => heap.bind(() => {
    throw new Error('no module');
  }, () => respawned++), /no module/);
  heap.trim();
  assert.equal(respawned, 0);
});
