import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { collectUntil } from './collect.js';

const PAGE = 65536;

test('malloc and alloc place blocks on any power-of-two boundary up to a page', () => {
  const heap = createHeap();
  heap.malloc(16);
  for (let align = 16; align <= PAGE; align *= 2) {
    const addr = heap.malloc(24, { align });
    assert.equal(addr % align, 0, `align ${align}`);
  }
  const token = {};
  assert.equal(heap.alloc(8, token, { align: 4096 }) % 4096, 0);
  heap.check();
});

test('the bytes skipped before an aligned block stay free for others', () => {
  const heap = createHeap();
  heap.malloc(16);
  //  [ 16 ][ free: 16 … 256 ][ aligned: 256 ][ free … ]
  assert.equal(heap.malloc(16, { align: 256 }), 256);
  assert.equal(heap.malloc(240), 16, 'the gap before it is the best fit');
  heap.check();
});

test('a scratch address honours the alignment too', () => {
  const heap = createHeap();
  heap.malloc(48);
  assert.equal(heap.alloc(100, undefined, { align: 1024 }), 1024);
  assert.equal(heap.usedBytes(), 48, 'scratch allocates nothing');
});

test('aligned allocation grows the memory when it must', () => {
  const heap = createHeap();
  heap.malloc(PAGE - 32);
  const addr = heap.malloc(16, { align: PAGE });
  assert.equal(addr, PAGE);
  assert.equal(heap.totalBytes(), 2 * PAGE);
  heap.check();
});

test('an aligned token block is freed with its token', async () => {
  const heap = createHeap();
  (() => heap.alloc(64, {}, { align: 512 }))();
  await collectUntil(() => heap.usedBytes() === 0, 'the aligned token block freed');
});

test('alignments that are not powers of two from 16 to 65536 are refused, changing nothing', () => {
  const heap = createHeap();
  const spans = heap.spans();
  for (const align of [0, 8, 24, 48, 131072, -16, 16.5, NaN, Infinity]) {
    assert.throws(() => heap.malloc(16, { align }), {
      name: 'RangeError',
      message: `malloc(size, options): expected options.align to be a power of two from 16 to 65536, got ${align}`,
    });
  }
  assert.throws(() => heap.alloc(16, {}, { align: '64' }), { name: 'TypeError', message: /got string "64"/ });
  assert.throws(() => heap.malloc(16, null), { name: 'TypeError', message: 'malloc(size, options): options must be an object, got null' });
  assert.deepEqual(heap.spans(), spans);
});
