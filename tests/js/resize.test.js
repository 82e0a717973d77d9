import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { collectRounds, collectUntil } from './collect.js';

const PAGE = 65536;

test('grow adds pages: 0 on success, and the buffer is replaced', () => {
  const heap = createHeap();
  const before = heap.buffer;
  assert.equal(heap.grow(3), 0);
  assert.equal(heap.totalBytes(), 4 * PAGE);
  assert.equal(heap.memory.buffer.byteLength, 4 * PAGE);
  assert.notEqual(heap.buffer, before);
  assert.equal(heap.buffer, heap.memory.buffer);
  assert.equal(heap.cap, (4 * PAGE) / 16);
  assert.equal(heap.i32.buffer, heap.buffer);
});

test('grow of zero or negative pages does nothing', () => {
  const heap = createHeap();
  const buffer = heap.buffer;
  assert.equal(heap.grow(0), 0);
  assert.equal(heap.grow(-5), 0);
  assert.equal(heap.buffer, buffer);
});

test('grow past the maximum returns 1 after an oom event, and changes nothing', () => {
  const heap = createHeap({ maximum: 3 });
  const token = {};
  const events = [];
  heap.on('oom', token, (event) => events.push(event));
  assert.equal(heap.grow(5), 1);
  assert.deepEqual(events, [{ type: 'oom', info: { currentCapacity: 1, requestCapacity: 6, maximumCapacity: 3 } }]);
  assert.equal(heap.totalBytes(), PAGE);
  assert.equal(heap.grow(2), 0, 'growth that fits still works');
});

test('an allocation beyond the maximum: oom event, RangeError, heap consistent, smaller allocations still work', () => {
  const heap = createHeap({ maximum: 2 });
  const token = {};
  let oom = 0;
  heap.on('oom', token, () => oom++);
  heap.malloc(1000);
  const spans = heap.spans();
  assert.throws(() => heap.malloc(3 * PAGE), { name: 'RangeError', message: /malloc\(size\): out of memory/ });
  assert.throws(() => heap.alloc(3 * PAGE, {}), RangeError);
  assert.throws(() => heap.alloc(3 * PAGE), RangeError);
  assert.equal(oom, 3);
  assert.deepEqual(heap.spans(), spans);
  assert.equal(heap.malloc(PAGE), 1008);
});

test('a memory whose grow the host refuses: oom event and RangeError', () => {
  const heap = createHeap();
  const memory = heap.memory;
  memory.grow = () => {
    throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
  };
  let oom = 0;
  const token = {};
  heap.on('oom', token, () => oom++);
  assert.throws(() => heap.malloc(2 * PAGE), /out of memory/);
  assert.equal(heap.grow(1), 1);
  assert.equal(oom, 2);
  assert.equal(heap.totalBytes(), PAGE);
  assert.equal(heap.malloc(16), 0);
});

test('trim releases the free pages at the end, keeps the live prefix, and announces trim then resize', () => {
  const heap = createHeap();
  const keep = heap.malloc(100);
  new Uint8Array(heap.buffer, keep, 100).fill(7);
  const big = heap.malloc(5 * PAGE);
  heap.free(big);
  const oldMemory = heap.memory;
  const token = {};
  const seen = [];
  heap.on('trim', token, (event) => seen.push(event.type));
  heap.on('resize', token, (event) => seen.push([event.type, event.info.oldSize, event.info.newSize]));
  assert.equal(heap.trim(), 5);
  assert.equal(heap.totalBytes(), PAGE);
  assert.notEqual(heap.memory, oldMemory);
  assert.equal(heap.memory.buffer.byteLength, PAGE);
  assert.ok(new Uint8Array(heap.buffer, keep, 100).every((byte) => byte === 7), 'live data copied');
  assert.deepEqual(seen, ['trim', ['resize', 6 * PAGE, PAGE]]);
  assert.deepEqual(heap.spans(), [{ addr: 0, size: 112, free: false, kind: 'strong' }, { addr: 112, size: PAGE - 112, free: true, kind: 'free' }]);
});

test('trim keeps the page holding the last live block, and at least one page', () => {
  const heap = createHeap({ initial: 8 });
  heap.malloc(16);
  const last = heap.malloc(2 * PAGE);
  const far = heap.malloc(3 * PAGE);
  heap.free(far);
  assert.equal(heap.trim(), 5, 'the last block ends 16 bytes into page 3: 3 pages stay');
  assert.equal(heap.totalBytes(), 3 * PAGE);
  assert.deepEqual(heap.spans().at(-2), { addr: last, size: 2 * PAGE, free: false, kind: 'strong' });
  const empty = createHeap({ initial: 4 });
  assert.equal(empty.trim(), 3);
  assert.equal(empty.totalBytes(), PAGE);
});

test('trim with nothing to release changes nothing: same memory and buffer', () => {
  const heap = createHeap();
  heap.malloc(PAGE - 16);
  const { memory, buffer } = heap;
  const token = {};
  let events = 0;
  heap.on('resize', token, () => events++);
  assert.equal(heap.trim(), 0);
  assert.equal(heap.memory, memory);
  assert.equal(heap.buffer, buffer);
  assert.equal(events, 0);
});

test('trim keeps the maximum', () => {
  const heap = createHeap({ initial: 4, maximum: 4 });
  heap.trim();
  assert.equal(heap.grow(3), 0);
  assert.equal(heap.grow(1), 1);
});

test('bind calls spawn now and returns its result; respawn runs after each trim on the new memory', () => {
  const heap = createHeap({ initial: 3 });
  const memories = [];
  const result = heap.bind(
    () => 'spawned',
    () => memories.push(heap.memory),
  );
  assert.equal(result, 'spawned');
  assert.equal(memories.length, 0);
  heap.trim();
  assert.deepEqual(memories, [heap.memory]);
  heap.grow(1);
  assert.equal(memories.length, 1, 'growth keeps the memory object: no respawn');
});

test('a respawn callback that throws: the error reaches trim, the others still run, the heap is consistent', () => {
  const heap = createHeap({ initial: 3 });
  const addr = heap.malloc(64);
  let second = 0;
  heap.bind(() => {}, () => {
    throw new Error('guest refused');
  });
  heap.bind(() => {}, () => second++);
  assert.throws(() => heap.trim(), /guest refused/);
  assert.equal(second, 1);
  assert.equal(heap.totalBytes(), PAGE);
  assert.equal(heap.buffer, heap.memory.buffer);
  heap.free(addr);
  assert.deepEqual(heap.spans(), [{ addr: 0, size: PAGE, free: true, kind: 'free' }]);
});

test('watch runs after every resize with the new buffer in place', () => {
  const heap = createHeap({ initial: 2 });
  const token = {};
  const lengths = [];
  heap.watch(() => lengths.push(heap.buffer.byteLength), token);
  heap.grow(1);
  heap.malloc(4 * PAGE);
  heap.alloc(16 * PAGE);
  heap.trim();
  assert.deepEqual(lengths, [3 * PAGE, 4 * PAGE, 20 * PAGE, 4 * PAGE]);
});

test('a grow announces grow then resize with sizes, memory and buffer', () => {
  const heap = createHeap();
  const token = {};
  const events = [];
  heap.on('grow', token, (event) => events.push(event));
  heap.on('resize', token, (event) => events.push(event));
  heap.grow(2);
  const info = { oldSize: PAGE, newSize: 3 * PAGE, memory: heap.memory, buffer: heap.buffer };
  assert.deepEqual(events, [{ type: 'grow', info }, { type: 'resize', info }]);
});

test('off removes one handler, or all of a token\'s handlers of a type', () => {
  const heap = createHeap();
  const token = {};
  const calls = [];
  const a = () => calls.push('a');
  const b = () => calls.push('b');
  heap.on('grow', token, a);
  heap.on('grow', token, b);
  heap.off('grow', token, a);
  heap.grow(1);
  assert.deepEqual(calls, ['b']);
  heap.off('grow', token);
  heap.grow(1);
  assert.deepEqual(calls, ['b']);
});

test('a throwing handler does not stop the others; its error reaches the caller after the growth', () => {
  const heap = createHeap();
  const token = {};
  let later = 0;
  heap.on('grow', token, () => {
    throw new Error('handler failed');
  });
  heap.on('resize', token, () => later++);
  assert.throws(() => heap.grow(1), /handler failed/);
  assert.equal(later, 1);
  assert.equal(heap.totalBytes(), 2 * PAGE, 'the growth happened');
  assert.equal(heap.usedBytes(), 0);
});

test('handlers die with their token, even when they close over it', async () => {
  const heap = createHeap();
  let calls = 0;
  let collected = false;
  const observer = new FinalizationRegistry(() => {
    collected = true;
  });
  (() => {
    const owner = { name: 'view' };
    heap.watch(() => {
      calls += owner.name.length;
    }, owner);
    observer.register(owner, 0);
  })();
  heap.grow(1);
  assert.equal(calls, 4);
  await collectUntil(() => collected, 'a token whose handler closes over it to be collected');
  heap.grow(1);
  assert.equal(calls, 4, 'the collected token\'s watcher no longer runs');
});
