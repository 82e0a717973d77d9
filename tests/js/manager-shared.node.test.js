// A SharedArrayBuffer heap shared with worker threads, each with its own
// manager over the same memory. This file is also the worker's code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createWasmHeapManager } from 'hostheap/manager';

const noAllocator = () => {
  throw new Error('the workers only read and write');
};

if (!isMainThread) {
  // Worker: wait for the go signal, add its id into every slot atomically
  // through the manager's reads and writes, then write a string back.
  const { memory, id, slots } = workerData;
  const manager = createWasmHeapManager(() => memory, noAllocator, noAllocator);
  const gate = manager.viewInt32Array(0, 1);
  Atomics.wait(gate, 0, 0);
  for (let i = 0; i < slots; i++) {
    const ints = manager.viewInt32Array(64, slots);
    Atomics.add(ints, i, id);
    manager.writeFloat64Atomic(1024 + 8 * id, id / 2);
  }
  manager.writeNullTerminatedUtf8String(2048 + 64 * id, `worker ${id} ✓`, 64);
  parentPort.postMessage(manager.readInt32Atomic(64));
} else {
  test('workers share a SharedArrayBuffer heap through managers of their own', async () => {
    const slots = 16;
    const workers = 3;
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const manager = createWasmHeapManager(() => memory, () => 4096, () => {});
    assert.ok(manager.buffer instanceof SharedArrayBuffer);
    const done = [];
    for (let id = 1; id <= workers; id++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { memory, id, slots } });
      done.push(new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      }));
    }
    // Release them all at once.
    await new Promise((resolve) => setTimeout(resolve, 50));
    manager.writeInt32Atomic(0, 1);
    Atomics.notify(manager.viewInt32Array(0, 1), 0);
    await Promise.all(done);
    const sum = (workers * (workers + 1)) / 2;
    for (let i = 0; i < slots; i++) assert.equal(manager.readInt32Atomic(64 + 4 * i), sum, `slot ${i}`);
    for (let id = 1; id <= workers; id++) {
      assert.equal(manager.readFloat64Atomic(1024 + 8 * id), id / 2);
      assert.equal(manager.readNullTerminatedUtf8String(2048 + 64 * id), `worker ${id} ✓`);
    }
  });

  test('a shared memory that grows (its buffer is not detached) is followed in modes always and whenEmpty', () => {
    for (const pollingMode of ['always', 'whenEmpty']) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
      const manager = createWasmHeapManager(() => memory.buffer, () => 16, () => {}, { pollingMode });
      assert.throws(() => manager.readInt32(65536), RangeError);
      memory.grow(1);
      manager.writeInt32(65536, 9);
      assert.equal(manager.readInt32(65536), 9, pollingMode);
      assert.equal(manager.byteLength, 2 * 65536);
    }
  });
}
