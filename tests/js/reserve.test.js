import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { compileWat } from './wat.js';

const PAGE = 65536;

test('reserved bytes are never handed out, and count apart from used ones', () => {
  const heap = createHeap();
  //  [ free: 0 … 1024 ][ reserved: 1024 … 1100 → 1104 ][ free … ]
  assert.equal(heap.reserve(1030, 70), 1024, 'widened to whole atoms');
  const blocks = Array.from({ length: 200 }, () => heap.malloc(16));
  assert.ok(blocks.every((addr) => addr + 16 <= 1024 || addr >= 1104));
  assert.equal(heap.reservedBytes(), 80);
  assert.equal(heap.usedBytes(), 3200);
  assert.equal(heap.freeBytes(), PAGE - 3200 - 80);
  assert.deepEqual(heap.spans().find((span) => span.addr === 1024), { addr: 1024, size: 80, free: false, kind: 'reserved' });
  heap.check();
});

test('unreserve gives the bytes back, coalesced with their free neighbours', () => {
  const heap = createHeap();
  const at = heap.reserve(4096, 4096);
  heap.unreserve(at);
  assert.deepEqual(heap.spans(), [{ addr: 0, size: PAGE, free: true, kind: 'free' }]);
  assert.throws(() => heap.unreserve(at), { name: 'RangeError', message: 'unreserve(addr): 4096 is not the start of a reserved span' });
});

test('reserving over a live block or another reservation names it and changes nothing', () => {
  const heap = createHeap();
  const a = heap.malloc(64);
  heap.reserve(256, 32);
  const spans = heap.spans();
  assert.throws(() => heap.reserve(32, 64), { name: 'RangeError', message: 'reserve(addr, size): addr 32 and size 64 overlap the live block at 0' });
  assert.throws(() => heap.reserve(200, 64), { name: 'RangeError', message: 'reserve(addr, size): addr 200 and size 64 (bytes 192 to 272 in whole atoms) overlap the reserved span at 256' });
  assert.throws(() => heap.reserve(-1, 4), { name: 'RangeError', message: /expected addr to be an integer from 0 to 4294967295, got -1/ });
  assert.throws(() => heap.reserve(2 ** 32 - 16, 32), { name: 'RangeError', message: /expected size to be an integer from 1 to 16, got 32/ });
  assert.throws(() => heap.reserve('0', 4), TypeError);
  assert.deepEqual(heap.spans(), spans);
  assert.equal(a, 0);
});

test('reserving past the end grows the memory to hold the range', () => {
  const heap = createHeap();
  assert.equal(heap.reserve(3 * PAGE + 100, 10), 3 * PAGE + 96);
  assert.equal(heap.totalBytes(), 4 * PAGE);
  assert.equal(heap.malloc(16), 3 * PAGE + 112, 'the tail after it is the smaller free span');
  heap.check();
});

test('options.start (or heapBase) keeps the heap above a base', () => {
  const heap = createHeap({ heapBase: 66_000 });
  assert.equal(heap.totalBytes(), 2 * PAGE, 'enough pages to hold the base and a block');
  assert.equal(heap.malloc(16), 66_000);
  assert.deepEqual(heap.spans()[0], { addr: 0, size: 66_000, free: false, kind: 'reserved' });
  const other = createHeap({ start: 100 });
  assert.equal(other.malloc(16), 112, 'rounded up to an atom');
  assert.throws(() => createHeap({ start: 16, heapBase: 16 }), { name: 'TypeError', message: /name the same thing/ });
});

test('options.end keeps the heap below an end, and growth stops there', () => {
  const heap = createHeap({ start: 1024, end: PAGE + 4096 });
  const oom = [];
  heap.on('oom', oom, (event) => oom.push(event.info));
  const big = heap.malloc(PAGE);
  assert.equal(big, 1024);
  assert.equal(heap.totalBytes(), 2 * PAGE);
  assert.deepEqual(heap.spans().at(-1), { addr: PAGE + 4096, size: PAGE - 4096, free: false, kind: 'reserved' });
  assert.throws(() => heap.malloc(4096), { name: 'RangeError', message: /malloc\(size\): out of memory/ });
  assert.equal(oom.length, 1);
  assert.ok(heap.malloc(3072 - 16) < PAGE + 4096);
  heap.free(big);
  assert.equal(heap.trim(), 0, 'the block below the end still needs the second page');
  heap.check();
});

test('a heap with an end trims below it and reserves past it again when it grows back', () => {
  const heap = createHeap({ end: 2 * PAGE + 4096, initial: 3 });
  assert.equal(heap.reservedBytes(), PAGE - 4096);
  assert.equal(heap.trim(), 2);
  assert.equal(heap.reservedBytes(), 0, 'the end is past the memory now');
  heap.malloc(2 * PAGE + 16);
  assert.equal(heap.totalBytes(), 3 * PAGE);
  assert.equal(heap.reservedBytes(), PAGE - 4096);
  heap.check();
});

test('trim keeps what runtime code wrote into a reserved data segment, though respawn rewrites it', () => {
  const heap = createHeap();
  const module = compileWat(`(module
    (import "env" "memory" (memory 1))
    (data (i32.const 2048) "hello")
    (func (export "poke") (param i32) (i32.store8 (i32.const 2048) (local.get 0)))
    (func (export "peek") (result i32) (i32.load8_u (i32.const 2048))))`);
  heap.reserve(2048, 5);
  const spawn = () => new WebAssembly.Instance(module, { env: { memory: heap.memory } }).exports;
  let guest = heap.bind(spawn, () => (guest = spawn()));
  assert.equal(guest.peek(), 'h'.charCodeAt(0));
  guest.poke(42);
  heap.malloc(3 * PAGE);
  heap.free(heap.spans().find((span) => span.kind === 'strong').addr);
  assert.equal(heap.trim(), 3);
  assert.equal(guest.peek(), 42, 'not the "h" the data segment writes on instantiation');
  assert.equal(new TextDecoder().decode(new Uint8Array(heap.buffer, 2049, 4)), 'ello');
});
