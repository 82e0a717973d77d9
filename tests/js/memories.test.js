import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHeap } from 'hostheap';
import { compileWat } from './wat.js';

const PAGE = 65536;

test('a heap adopts a memory a module exports, above the module\'s own data', () => {
  // A module that owns its memory, keeps data at the bottom and says where its heap may start.
  const module = compileWat(`(module
    (memory (export "memory") 1 8)
    (global (export "__heap_base") i32 (i32.const 1040))
    (data (i32.const 1024) "module data")
    (func (export "sum") (param $at i32) (param $n i32) (result i32)
      (local $total i32)
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $total (i32.add (local.get $total) (i32.load (local.get $at))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
      (local.get $total)))`);
  const guest = new WebAssembly.Instance(module).exports;
  const heap = createHeap({ memory: guest.memory, heapBase: guest.__heap_base.value, maximum: 8 });
  assert.equal(heap.memory, guest.memory);
  const addr = heap.malloc(4 * 100_000);
  assert.ok(addr >= 1040);
  assert.equal(heap.totalBytes(), 7 * PAGE, 'the adopted memory grew');
  const values = new Int32Array(heap.buffer, addr, 100_000);
  values.fill(3);
  assert.equal(guest.sum(addr, 100_000), 300_000, 'the module sees the blocks in its own memory');
  assert.equal(new TextDecoder().decode(new Uint8Array(heap.buffer, 1024, 11)), 'module data');
  heap.check();
});

test('trim refuses a memory the heap adopted, and changes nothing', () => {
  const memory = new WebAssembly.Memory({ initial: 3 });
  const heap = createHeap({ memory });
  assert.throws(() => heap.trim(), {
    name: 'Error',
    message: 'trim(): the heap adopted its memory (options.memory), which its owner holds; it keeps its size',
  });
  assert.equal(heap.memory, memory);
  assert.equal(memory.buffer.byteLength, 3 * PAGE);
});

test('pages others grew an adopted memory by are reserved, not handed out', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const heap = createHeap({ memory });
  memory.grow(2); // another party's pages
  const addr = heap.malloc(PAGE + 16);
  assert.equal(addr, 3 * PAGE, 'after the pages the other party grew');
  assert.equal(heap.totalBytes(), 5 * PAGE);
  assert.deepEqual(heap.spans().find((span) => span.kind === 'reserved'), { addr: PAGE, size: 2 * PAGE, free: false, kind: 'reserved' });
  heap.check();
});

test('a shared memory is backed by a SharedArrayBuffer, grows in place, and refuses trim', () => {
  const heap = createHeap({ shared: true, initial: 1, maximum: 16 });
  assert.ok(heap.buffer instanceof SharedArrayBuffer);
  const before = heap.buffer;
  const addr = heap.malloc(2 * PAGE + 16);
  assert.equal(heap.totalBytes(), 3 * PAGE);
  Atomics.store(new Int32Array(heap.buffer), addr / 4, 7);
  assert.equal(Atomics.load(new Int32Array(before), addr / 4), 7, 'the old view still sees the same memory');
  assert.throws(() => heap.trim(), { name: 'Error', message: /trim\(\): a shared memory cannot be replaced/ });
  assert.throws(() => createHeap({ shared: true }), { name: 'TypeError', message: /options.maximum is required with options.shared/ });
});

test('independent heaps keep their own memories, events and stats', () => {
  const a = createHeap();
  const b = createHeap({ initial: 2 });
  const grown = [];
  a.on('grow', grown, () => grown.push('a'));
  b.on('grow', grown, () => grown.push('b'));
  a.malloc(PAGE + 16);
  b.malloc(16);
  assert.deepEqual(grown, ['a']);
  assert.notEqual(a.memory, b.memory);
  assert.deepEqual([a.usedBytes(), b.usedBytes()], [PAGE + 16, 16]);
  assert.deepEqual([a.totalBytes(), b.totalBytes()], [2 * PAGE, 2 * PAGE]);
});

test('createHeap refuses options of the wrong kind, naming them', () => {
  assert.throws(() => createHeap({ memory: {} }), { name: 'TypeError', message: 'createHeap(options): options.memory must be a WebAssembly.Memory, got an object' });
  assert.throws(() => createHeap({ memory: new WebAssembly.Memory({ initial: 1 }), initial: 2 }), {
    name: 'TypeError',
    message: 'createHeap(options): options.initial cannot be given with options.memory, which has its own',
  });
  assert.throws(() => createHeap({ shared: 'yes', maximum: 2 }), { name: 'TypeError', message: /options.shared to be true or false, got string "yes"/ });
  assert.throws(() => createHeap({ start: 100, end: 50 }), { name: 'RangeError', message: /options.end to be an integer from 116 to 4294967296, got 50/ });
  assert.throws(() => createHeap({ limit: 0 }), { name: 'RangeError', message: /options.limit to be an integer from 1 to 65536, got 0/ });
});
