import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { collectRounds, collectUntil } from './collect.js';

test('untie makes a token block strong: it outlives its token', async () => {
  const heap = createHeap();
  let addr;
  (() => {
    addr = heap.alloc(64, {});
    heap.untie(addr);
  })();
  await collectRounds();
  assert.equal(heap.usedBytes(), 64);
  assert.equal(heap.spans()[0].kind, 'strong');
  heap.free(addr);
  assert.equal(heap.usedBytes(), 0);
});

test('tie hands a strong block to a token: collecting it frees the block', async () => {
  const heap = createHeap();
  const addr = heap.malloc(32);
  (() => heap.tie(addr, {}))();
  assert.equal(heap.spans()[0].kind, 'token');
  await collectUntil(() => heap.usedBytes() === 0, 'the tied block freed');
});

test('a block tied, untied and tied again answers to its last token only', async () => {
  const heap = createHeap();
  const keep = {};
  const addr = heap.malloc(16);
  (() => {
    heap.tie(addr, {});
    heap.untie(addr);
    heap.tie(addr, keep);
  })();
  await collectRounds();
  assert.equal(heap.usedBytes(), 16, 'the first token died, the block did not');
  assert.ok(keep);
});

test('tie and untie refuse the wrong kind of block, changing nothing', () => {
  const heap = createHeap();
  const strong = heap.malloc(16);
  const token = {};
  const owned = heap.alloc(16, token);
  const spans = heap.spans();
  assert.throws(() => heap.untie(strong), { name: 'RangeError', message: `untie(addr): the block at ${strong} is tied to no token` });
  assert.throws(() => heap.tie(owned, {}), { name: 'RangeError', message: `tie(addr, token): the block at ${owned} is tied to a token already` });
  assert.throws(() => heap.tie(4096, {}), { name: 'RangeError', message: 'tie(addr, token): 4096 is not the start of a live block' });
  assert.throws(() => heap.tie(strong, 'x'), { name: 'TypeError', message: /tie\(addr, token\): token must be an object/ });
  assert.throws(() => heap.untie(-16), { name: 'RangeError', message: /untie\(addr\): expected addr to be an integer multiple of 16/ });
  assert.deepEqual(heap.spans(), spans);
});
