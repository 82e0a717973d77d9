import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { collectRounds, collectUntil } from './collect.js';

test('a collected token frees its block', async () => {
  const heap = createHeap();
  (() => heap.alloc(256, {}))();
  assert.equal(heap.usedBytes(), 256);
  await collectUntil(() => heap.usedBytes() === 0, 'the block of a dropped token to be freed');
});

test('blocks of live tokens are never freed, whatever else is collected', async () => {
  const heap = createHeap();
  const keep = [];
  const kept = [];
  // In a helper: a suspended async frame may hold on to the loop's last token.
  (() => {
    for (let i = 0; i < 200; i++) {
      const token = {};
      const addr = heap.alloc(32, token);
      new Uint8Array(heap.buffer, addr, 32).fill(i);
      if (i % 2 === 0) {
        keep.push(token);
        kept.push([addr, i]);
      }
    }
  })();
  await collectUntil(() => heap.usedBytes() === 100 * 32, 'the 100 dropped tokens to free their blocks');
  await collectRounds();
  assert.equal(heap.usedBytes(), 100 * 32, 'nothing else was freed');
  for (const [addr, fill] of kept) {
    assert.ok(new Uint8Array(heap.buffer, addr, 32).every((byte) => byte === fill), `block at ${addr} intact`);
  }
  assert.equal(keep.length, 100);
});

test('a symbol can be a token', async () => {
  const heap = createHeap();
  // Tokens live in an object, not in local variables: JavaScriptCore may
  // collect a local that is never read again, and its conservative stack scan
  // may keep one alive after it is cleared.
  const held = { symbol: Symbol('owner') };
  heap.alloc(16, held.symbol);
  await collectRounds();
  assert.equal(heap.usedBytes(), 16, 'held while the symbol is reachable');
  held.symbol = null;
  await collectUntil(() => heap.usedBytes() === 0, 'the symbol-owned block to be freed');
});

test('one token can own several blocks, all freed with it', async () => {
  const heap = createHeap();
  (() => {
    const token = {};
    heap.alloc(16, token);
    heap.alloc(1024, token);
    heap.alloc(48, token);
  })();
  assert.equal(heap.usedBytes(), 16 + 1024 + 48);
  await collectUntil(() => heap.usedBytes() === 0, 'all three blocks to be freed');
});

test('free releases a token block early; the later collection frees nothing, even at a reused address', async () => {
  const heap = createHeap();
  let token = {};
  const addr = heap.alloc(64, token);
  heap.free(addr);
  assert.throws(() => heap.free(addr), /not the start of a live block/, 'freed once');
  const reused = heap.malloc(64);
  assert.equal(reused, addr, 'the address is reused by a strong block');
  token = null;
  await collectRounds(10);
  assert.equal(heap.usedBytes(), 64, 'the strong block at the same address survives');
  heap.free(reused);
});

test('an early-freed token block whose address goes to another token block: each token frees only its own', async () => {
  const heap = createHeap();
  const held = { first: {}, second: {} }; // in an object, as above
  const addr = heap.alloc(32, held.first);
  heap.free(addr);
  assert.equal(heap.alloc(32, held.second), addr);
  held.first = null;
  await collectRounds(10);
  assert.equal(heap.usedBytes(), 32, 'the first token frees nothing');
  held.second = null;
  await collectUntil(() => heap.usedBytes() === 0, 'the second token to free its block');
});

test('scratch allocations need no token and hold nothing', () => {
  const heap = createHeap();
  heap.alloc(4096);
  heap.alloc(16);
  assert.equal(heap.usedBytes(), 0);
});

test('malloc blocks survive collection', async () => {
  const heap = createHeap();
  heap.malloc(100);
  await collectRounds();
  assert.equal(heap.usedBytes(), 112);
});
