// Refs from a hostheap-bound manager are tied to the GC: their blocks are
// allocated with the ref itself as the token. These tests collect for real.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { createHeapManager, defineStruct, managerOf } from 'hostheap/manager';
import { collectRounds, collectUntil } from './collect.js';

test('a ref dropped without free() is freed when it is collected', async () => {
  const heap = createHeap();
  const manager = managerOf(heap);
  // In a helper: a suspended async frame may hold on to a local.
  (() => {
    manager.allocFloat64Array(100);
    manager.allocNullTerminatedUtf8String('dropped');
    manager.allocStruct(defineStruct({ a: 'Int32', b: 'Float64' }));
  })();
  assert.equal(heap.usedBytes(), 800 + 16 + 16);
  await collectUntil(() => heap.usedBytes() === 0, 'the blocks of three dropped refs to be freed');
});

test('tracking does not keep refs alive: the list empties as they are collected', async () => {
  const heap = createHeap();
  const manager = createHeapManager(heap);
  (() => {
    for (let i = 0; i < 50; i++) manager.allocInt32(i);
  })();
  await collectUntil(() => heap.usedBytes() === 0, 'fifty dropped refs to be freed');
  assert.deepEqual(manager.allocatedHeapRefs, []);
  assert.equal(manager.totalAllocatedByteCount, 0);
});

test('live refs are never freed, whatever else is collected', async () => {
  const heap = createHeap();
  const manager = managerOf(heap);
  const kept = [];
  (() => {
    for (let i = 0; i < 100; i++) {
      const ref = manager.allocUint32(i);
      if (i % 2 === 0) kept.push(ref);
    }
  })();
  await collectUntil(() => heap.usedBytes() === 50 * 16, 'the 50 dropped refs to be freed');
  await collectRounds();
  assert.equal(heap.usedBytes(), 50 * 16, 'nothing else was freed');
  kept.forEach((ref, i) => assert.equal(ref.value, 2 * i));
  assert.equal(manager.allocatedHeapRefs.length, 50);
});

test('free() before collection frees once: a later block at the same address survives the ref\'s collection', async () => {
  const heap = createHeap();
  const manager = managerOf(heap);
  let address;
  (() => {
    const ref = manager.allocFloat64(1);
    address = ref.address;
    ref.free();
    ref.free();
  })();
  assert.equal(heap.usedBytes(), 0);
  const reused = heap.malloc(16);
  assert.equal(reused, address, 'the address is reused');
  await collectRounds(10);
  assert.equal(heap.usedBytes(), 16, 'the collected ref did not free the new block');
  heap.free(reused);
});

test('refs keep working across grow and trim, and are still freed when collected', async () => {
  const heap = createHeap();
  const manager = managerOf(heap);
  const ref = manager.allocInt32Array([5, 6, 7]);
  (() => {
    const big = heap.malloc(8 * 65536);
    manager.allocUint8Array(100); // dropped
    heap.free(big);
  })();
  assert.ok(heap.trim() >= 0);
  assert.deepEqual(Array.from(ref.view), [5, 6, 7]);
  ref.writeAt(0, 50);
  assert.equal(new Int32Array(heap.buffer, ref.address, 1)[0], 50);
  await collectUntil(() => heap.usedBytes() === 16, 'the dropped array to be freed, the kept one not');
  assert.equal(ref.readAt(0), 50);
});

test('the manager itself can be collected with its heap', async () => {
  let collected = false;
  const registry = new FinalizationRegistry(() => {
    collected = true;
  });
  (() => {
    const heap = createHeap();
    registry.register(managerOf(heap), 'manager');
    managerOf(heap).allocInt32(1);
  })();
  await collectUntil(() => collected, 'a dropped heap\'s manager to be collected');
});
