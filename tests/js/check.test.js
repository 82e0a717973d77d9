import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';

const PAGE = 65536;

test('check passes through a busy life of every kind of span', () => {
  const heap = createHeap();
  const tokens = [];
  const blocks = [];
  for (let i = 0; i < 2000; i++) {
    const size = 16 + ((i * 7919) % 3000);
    if (i % 3 === 0) tokens.push(heap.alloc(size, (tokens[i] = {})));
    else blocks.push(heap.malloc(size, i % 5 === 0 ? { align: 256 } : undefined));
    if (i % 4 === 0 && blocks.length > 2) heap.free(blocks.splice(i % blocks.length, 1)[0]);
    if (i % 50 === 0) heap.check();
  }
  heap.reserve(heap.totalBytes() + 100, 1000);
  for (let i = 0; i < blocks.length; i += 2) blocks[i] = heap.realloc(blocks[i], 5000);
  heap.check();
  for (const addr of blocks) heap.free(addr);
  heap.trim();
  heap.check();
});

test('check compares the memory with the engine, and says what differs', () => {
  const heap = createHeap();
  heap.malloc(16);
  heap.check();
  // Growing the heap's own memory behind its back breaks an invariant.
  heap.memory.grow(1);
  assert.throws(() => heap.check(), { name: 'Error', message: 'check(): the memory has 2 pages, the engine manages 1' });
  assert.equal(heap.totalBytes(), PAGE);
});
