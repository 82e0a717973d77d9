import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { collectUntil } from './collect.js';

const PAGE = 65536;

/** Fills `size` bytes at `addr` with a pattern that depends on the address and a seed. */
function fill(heap, addr, size, seed) {
  const bytes = new Uint8Array(heap.buffer, addr, size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed) & 0xff;
}

function holds(heap, addr, size, seed) {
  const bytes = new Uint8Array(heap.buffer, addr, size);
  return bytes.every((byte, i) => byte === ((i * 7 + seed) & 0xff));
}

test('calloc zeroes a block that reuses dirty bytes', () => {
  const heap = createHeap();
  const dirty = heap.malloc(64);
  new Uint8Array(heap.buffer, dirty, 64).fill(0xab);
  heap.free(dirty);
  const addr = heap.calloc(4, 15);
  assert.equal(addr, dirty, 'the best fit is the freed block');
  assert.ok(new Uint8Array(heap.buffer, addr, 60).every((byte) => byte === 0));
  assert.equal(heap.usedBytes(), 64);
});

test('calloc refuses a product past the address space, naming both factors', () => {
  const heap = createHeap();
  assert.throws(() => heap.calloc(2 ** 20, 2 ** 13), {
    name: 'RangeError',
    message: 'calloc(count, size): 1048576 × 8192 = 8589934592 bytes is more than the 4294967296 of the address space',
  });
  assert.throws(() => heap.calloc(0, 8), { name: 'RangeError', message: /calloc\(count, size\): expected count to be an integer from 1/ });
  assert.throws(() => heap.calloc(1, '8'), { name: 'TypeError', message: /expected size to be an integer from 1 to 4294967296, got string "8"/ });
  assert.equal(heap.usedBytes(), 0);
});

test('realloc shrinks and grows in place, keeping the bytes', () => {
  const heap = createHeap();
  const a = heap.malloc(256);
  const b = heap.malloc(16);
  fill(heap, a, 256, 1);
  assert.equal(heap.realloc(a, 100), a);
  assert.equal(heap.usedBytes(), 112 + 16);
  assert.equal(heap.realloc(a, 256), a, 'takes back the gap it left');
  assert.ok(holds(heap, a, 112, 1));
  assert.equal(heap.realloc(b, 4096), b, 'the free tail follows b');
  heap.check();
});

test('realloc moves when it must, copying the contents', () => {
  const heap = createHeap();
  const a = heap.malloc(64);
  heap.malloc(16);
  fill(heap, a, 64, 9);
  const moved = heap.realloc(a, 1000);
  assert.notEqual(moved, a);
  assert.ok(holds(heap, moved, 64, 9));
  assert.deepEqual(heap.spans()[0], { addr: 0, size: 64, free: true, kind: 'free' });
  heap.check();
});

test('realloc grows the memory when nothing fits, in place at the end', () => {
  const heap = createHeap();
  const a = heap.malloc(PAGE - 64);
  fill(heap, a, 64, 3);
  const grown = [];
  heap.on('grow', grown, (event) => grown.push(event.info.newSize));
  assert.equal(heap.realloc(a, PAGE + 64), a);
  assert.deepEqual(grown, [2 * PAGE], 'one page is enough: the block reaches the tail');
  assert.ok(holds(heap, a, 64, 3));
  heap.check();
});

test('realloc by doubling from 16 bytes to 16 MiB keeps every byte', () => {
  const heap = createHeap();
  let addr = heap.malloc(16);
  fill(heap, addr, 16, 5);
  let size = 16;
  const blocker = [];
  while (size < 16 * 2 ** 20) {
    // A block after it now and then forces some moves.
    if (size % 4096 === 0) blocker.push(heap.malloc(16));
    addr = heap.realloc(addr, size * 2);
    assert.ok(holds(heap, addr, size, 5), `after growing to ${size * 2}`);
    fill(heap, addr, size * 2, 5);
    size *= 2;
  }
  heap.check();
  assert.equal(heap.usedBytes(), 16 * 2 ** 20 + 16 * blocker.length);
});

test('realloc of a token block keeps the token: collecting it frees the moved block', async () => {
  const heap = createHeap();
  let moved;
  (() => {
    const token = {};
    const addr = heap.alloc(32, token);
    heap.malloc(16);
    moved = heap.realloc(addr, 512);
    assert.notEqual(moved, addr);
    assert.equal(heap.spans().find((span) => span.addr === moved).kind, 'token');
  })();
  const used = 16;
  await collectUntil(() => heap.usedBytes() === used, 'the moved block freed with its token');
  assert.equal(heap.spans().find((span) => span.addr === moved)?.kind ?? 'free', 'free');
  heap.check();
});

test('realloc refuses what is not a live block, and changes nothing', () => {
  const heap = createHeap();
  const a = heap.malloc(32);
  heap.reserve(4096, 16);
  const spans = heap.spans();
  assert.throws(() => heap.realloc(a + 16, 64), { name: 'RangeError', message: 'realloc(addr, size): 16 is not the start of a live block' });
  assert.throws(() => heap.realloc(8, 64), { name: 'RangeError', message: /realloc\(addr, size\): expected addr to be an integer multiple of 16/ });
  assert.throws(() => heap.realloc(a, 0), { name: 'RangeError', message: /realloc\(addr, size\): expected size to be an integer from 1/ });
  assert.throws(() => heap.realloc(a, 2 ** 32 + 1), RangeError);
  assert.throws(() => heap.realloc(4096, 32), { name: 'RangeError', message: /4096 is not the start of a live block/ });
  assert.deepEqual(heap.spans(), spans);
});
