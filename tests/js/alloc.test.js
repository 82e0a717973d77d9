import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';

const free = (addr, size) => ({ addr, size, free: true, kind: 'free' });
const used = (addr, size) => ({ addr, size, free: false, kind: 'strong' });
const PAGE = 65536;

test('blocks are 16-byte aligned and sizes round up to 16', () => {
  const heap = createHeap();
  const addrs = [1, 15, 16, 17, 100].map((size) => heap.malloc(size));
  assert.deepEqual(addrs, [0, 16, 32, 48, 80]);
  assert.equal(heap.usedBytes(), 16 + 16 + 16 + 32 + 112);
});

test('best fit: the smallest free span that holds the size, lowest address among equals', () => {
  const heap = createHeap();
  const [a, , c, , e, , g] = [32, 16, 48, 16, 32, 16, 16].map((size) => heap.malloc(size));
  heap.free(a);
  heap.free(c);
  heap.free(e);
  //  [ a:32 free ][ 16 ][ c:48 free ][ 16 ][ e:32 free ][ 16 ][ g:16 ][ tail … ]
  //                                           ^ same size as a, higher address
  assert.equal(heap.malloc(32), a, 'two spans of 32: the lower one');
  assert.equal(heap.malloc(32), e, 'then the other 32 before the 48');
  assert.equal(heap.malloc(17), c, 'only 48 is left that fits, before the tail');
  assert.equal(heap.spans().at(-1).addr, g + 16);
});

test('a freed block coalesces with free neighbours on both sides', () => {
  const heap = createHeap();
  const [a, b, c] = [16, 32, 16, 16].map((size) => heap.malloc(size));
  heap.free(a);
  heap.free(c);
  assert.deepEqual(heap.spans().slice(0, 3), [free(0, 16), used(16, 32), free(48, 16)]);
  heap.free(b);
  assert.deepEqual(heap.spans().slice(0, 2), [free(0, 64), used(64, 16)]);
});

test('freeing the last block merges it into the free tail', () => {
  const heap = createHeap();
  const a = heap.malloc(16);
  const b = heap.malloc(16);
  heap.free(b);
  assert.deepEqual(heap.spans(), [used(0, 16), free(16, PAGE - 16)]);
  heap.free(a);
  assert.deepEqual(heap.spans(), [free(0, PAGE)]);
});

test('malloc grows the memory by the pages it needs, and the new pages join the free tail', () => {
  const heap = createHeap();
  heap.malloc(PAGE - 32);
  const addr = heap.malloc(3 * PAGE);
  assert.equal(addr, PAGE - 32);
  assert.equal(heap.totalBytes(), 4 * PAGE, 'grew by the 3 pages the rest of the request needed');
  assert.deepEqual(heap.spans(), [used(0, PAGE - 32), used(PAGE - 32, 3 * PAGE), free(4 * PAGE - 32, 32)]);
});

test('stats: total, used, run, free, head, tail and largest, in bytes and atoms', () => {
  const heap = createHeap();
  const a = heap.malloc(64);
  heap.malloc(16);
  const c = heap.malloc(128);
  heap.malloc(16);
  heap.free(a);
  heap.free(c);
  //  [ free:64 ][ 16 ][ free:128 ][ 16 ][ tail: 65536 - 224 ]
  assert.equal(heap.totalBytes(), PAGE);
  assert.equal(heap.usedBytes(), 32);
  assert.equal(heap.freeBytes(), PAGE - 32);
  assert.equal(heap.headBytes(), 64);
  assert.equal(heap.tailBytes(), PAGE - 224);
  assert.equal(heap.runBytes(), 16 + 128 + 16);
  assert.equal(heap.largestBytes(), PAGE - 224);
  for (const name of ['total', 'used', 'run', 'free', 'head', 'tail', 'largest']) {
    assert.equal(heap[`${name}Atoms`]() * 16, heap[`${name}Bytes`](), name);
  }
});

test('stats of an empty heap: all free, run 0', () => {
  const heap = createHeap({ initial: 2 });
  assert.deepEqual(
    [heap.totalBytes(), heap.usedBytes(), heap.runBytes(), heap.headBytes(), heap.tailBytes(), heap.largestBytes()],
    [2 * PAGE, 0, 0, 2 * PAGE, 2 * PAGE, 2 * PAGE],
  );
});

test('a block costs exactly its rounded size of managed memory: no headers', () => {
  const heap = createHeap();
  for (let i = 0; i < 4096; i++) heap.malloc(16);
  assert.equal(heap.totalBytes(), PAGE, '4096 blocks of 16 bytes fill one page exactly');
  assert.equal(heap.freeBytes(), 0);
});

test('a scratch address is free now and allocates nothing', () => {
  const heap = createHeap();
  heap.malloc(32);
  const scratch = heap.alloc(100);
  assert.equal(scratch, 32, 'the start of the free tail');
  assert.equal(heap.usedBytes(), 32);
  assert.equal(heap.malloc(16), scratch, 'the next allocation may reuse it');
});

test('a scratch larger than the free space grows the memory', () => {
  const heap = createHeap();
  heap.malloc(PAGE - 16);
  const scratch = heap.alloc(2 * PAGE);
  assert.equal(scratch, PAGE - 16);
  assert.equal(heap.totalBytes(), 3 * PAGE);
  assert.equal(heap.usedBytes(), PAGE - 16);
});

test('addresses above 2 GiB come back as positive numbers', () => {
  const heap = createHeap({ initial: 2 ** 15 + 1 });
  const low = heap.malloc(2 ** 31);
  const high = heap.malloc(16);
  assert.equal(low, 0);
  assert.equal(high, 2 ** 31);
  heap.free(high);
  heap.free(low);
  assert.equal(heap.usedBytes(), 0);
});

test('a 4 GiB request is allowed by the argument check and refused as out of memory', () => {
  const heap = createHeap({ maximum: 4 });
  assert.throws(() => heap.malloc(2 ** 32), { name: 'RangeError', message: /out of memory/ });
  assert.equal(heap.totalBytes(), PAGE);
});

test('heaps are independent: memory, layout and stats', () => {
  const one = createHeap();
  const two = createHeap({ initial: 3 });
  one.malloc(1000);
  assert.notEqual(one.memory, two.memory);
  assert.equal(two.usedBytes(), 0);
  assert.equal(two.malloc(16), 0);
  assert.equal(two.totalBytes(), 3 * PAGE);
});
