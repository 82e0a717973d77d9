// A collected heap's engine is destroyed, so its bookkeeping in the
// allocator's own instance is reused. Reading that instance's memory takes
// bindings/wasm.js itself, which only Node resolves from the readable
// sources, so this file runs on Node only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from '../../bindings/heap.js';
import { instanceMemory } from '../../bindings/wasm.js';
import { collectRounds } from './collect.js';

const instanceBytes = () => instanceMemory().buffer.byteLength;

/** A heap of 64 MiB holding 2,000 blocks: a few MiB of bookkeeping. */
function busyHeap() {
  const heap = createHeap({ initial: 1024, maximum: 1024 });
  for (let i = 0; i < 2000; i++) heap.malloc(16 + (i % 7) * 48);
  return heap;
}

test('the engine of a collected heap is destroyed, and its bookkeeping reused', async () => {
  const start = instanceBytes();
  let heap = busyHeap();
  const one = instanceBytes() - start;
  assert.ok(one > 0, 'a heap of 1024 pages needs bookkeeping of its own');
  heap = null;
  for (let i = 0; i < 40; i++) {
    busyHeap();
    await collectRounds(1);
  }
  // Kept, 40 engines would take 40 times as much.
  const grown = instanceBytes() - start;
  assert.ok(grown <= 4 * one, `40 heaps made and dropped grew the instance by ${grown} bytes; one heap takes ${one}`);
});
