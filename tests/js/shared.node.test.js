// Workers need node:worker_threads, so this file runs on Node only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createHeap } from 'hostheap';

const PAGE = 65536;

/** A worker that waits at `addr`, then adds 1 to the word at each address it is sent. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { memory } = workerData;
parentPort.on('message', (addr) => {
  if (addr < 0) return parentPort.close();
  // A fresh view each time: the memory may have grown since.
  const words = new Int32Array(memory.buffer);
  parentPort.postMessage({ added: Atomics.add(words, addr / 4, 1) + 1, size: memory.buffer.byteLength });
});
`;

function ask(worker, addr) {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(addr);
  });
}

test('workers share a shared heap\'s memory and see it grow', async () => {
  const heap = createHeap({ shared: true, maximum: 64 });
  const worker = new Worker(WORKER, { eval: true, workerData: { memory: heap.memory } });
  try {
    const first = heap.malloc(16);
    Atomics.store(new Int32Array(heap.buffer), first / 4, 41);
    assert.deepEqual(await ask(worker, first), { added: 42, size: PAGE });
    const far = heap.malloc(3 * PAGE);
    assert.equal(heap.totalBytes(), 4 * PAGE);
    const last = far + 3 * PAGE - 16;
    assert.deepEqual(await ask(worker, last), { added: 1, size: 4 * PAGE }, 'the worker sees the grown memory');
    assert.equal(Atomics.load(new Int32Array(heap.buffer), last / 4), 1);
  } finally {
    worker.postMessage(-1);
    await worker.terminate();
  }
});
