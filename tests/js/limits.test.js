import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';

const PAGE = 65536;

test('the limit stops growth below the memory\'s maximum, and can be raised later', () => {
  const heap = createHeap({ maximum: 8, limit: 2 });
  assert.deepEqual([heap.limit, heap.maximum], [2, 8]);
  assert.throws(() => heap.malloc(3 * PAGE), { name: 'RangeError', message: /malloc\(size\): out of memory: size 196608 needs 3 pages, the limit is 2/ });
  heap.limit = 4;
  assert.equal(heap.malloc(3 * PAGE), 0);
  assert.equal(heap.totalBytes(), 3 * PAGE);
  assert.throws(() => (heap.limit = 9), { name: 'RangeError', message: 'limit = pages: expected pages to be an integer from 1 to 8, got 9' });
  assert.throws(() => (heap.limit = '4'), { name: 'TypeError' });
  assert.equal(heap.limit, 4);
});

test('an oom handler that raises the limit gets the allocation retried', () => {
  const heap = createHeap({ maximum: 8, limit: 1 });
  const seen = [];
  heap.on('oom', seen, (event) => {
    seen.push(event.info);
    heap.limit = event.info.requestCapacity;
  });
  assert.equal(heap.malloc(PAGE + 16), 0);
  assert.deepEqual(seen, [{ currentCapacity: 1, requestCapacity: 2, maximumCapacity: 1 }]);
  heap.check();
});

test('an oom handler that frees blocks gets the allocation retried without growth', () => {
  const heap = createHeap({ limit: 1 });
  const cache = [heap.malloc(PAGE / 2), heap.malloc(PAGE / 4)];
  const token = {};
  heap.on('oom', token, () => {
    while (cache.length > 0) heap.free(cache.pop());
  });
  assert.equal(heap.malloc(PAGE / 2 + 16), 0);
  assert.equal(heap.totalBytes(), PAGE);
  heap.check();
});

test('after one oom event and one retry, the allocation fails and nothing changed', () => {
  const heap = createHeap({ limit: 1 });
  const a = heap.malloc(PAGE - 32);
  let events = 0;
  heap.on('oom', heap, () => events++);
  const spans = heap.spans();
  assert.throws(() => heap.malloc(64), RangeError);
  assert.equal(events, 1);
  assert.deepEqual(heap.spans(), spans);
  assert.equal(heap.grow(1), 1);
  assert.equal(events, 2);
  heap.free(a);
});

test('grow(pages) retries once after its oom handlers', () => {
  const heap = createHeap({ maximum: 4, limit: 1 });
  heap.on('oom', heap, () => (heap.limit = 4));
  assert.equal(heap.grow(2), 0);
  assert.equal(heap.totalBytes(), 3 * PAGE);
});
