// Code written for the LEWD allocator runs unchanged but for the import:
// the first generation (mem, buf, i32, cap, watch) and the later one
// (memory, buffer, on/off, grow, stats). These use the default heap and
// its live bindings, with a real guest module compiled from WAT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import wabtInit from 'wabt';
import * as hostheap from 'hostheap';
import { alloc, bind, buf, cap, free, grow, i32, malloc, mem, memory, buffer, off, on, trim, watch } from 'hostheap';

const wabt = await wabtInit();
const COUNTER = new WebAssembly.Module(
  wabt.parseWat('counter.wat', `
    (module
      (memory (import "env" "mem") 1)
      ;; Adds 1 to the i32 at $addr and returns the new value.
      (func (export "bump") (param $addr i32) (result i32)
        (i32.store (local.get $addr) (i32.add (i32.load (local.get $addr)) (i32.const 1)))
        (i32.load (local.get $addr))))`).toBinary({}).buffer,
);

test('first generation: alloc, bind, watch, trim with mem, buf, i32 and cap live', () => {
  const spawn = () => new WebAssembly.Instance(COUNTER, { env: { mem: hostheap.mem } }).exports;
  let guest = bind(spawn, () => {
    guest = spawn();
  });
  assert.equal(mem, hostheap.memory);
  assert.equal(buf, mem.buffer);
  assert.equal(i32.buffer, buf);
  assert.equal(cap, buf.byteLength / 16);

  class Counter {
    #addr;
    #view;
    constructor() {
      this.#addr = alloc(16, this) | 0;
      this.#view = new Int32Array(hostheap.buf, this.#addr >>> 0, 4);
      watch(() => {
        this.#view = new Int32Array(hostheap.buf, this.#addr >>> 0, 4);
      }, this);
    }
    bump() {
      return guest.bump(this.#addr);
    }
    get value() {
      return this.#view[0];
    }
  }

  const counter = new Counter();
  assert.equal(counter.bump(), 1);
  const pages = hostheap.buf.byteLength / 65536;
  const big = malloc(3 * 65536);
  assert.ok(hostheap.buf.byteLength > pages * 65536, 'grew');
  assert.equal(hostheap.cap, hostheap.buf.byteLength / 16, 'cap follows');
  assert.equal(hostheap.i32.buffer, hostheap.buf, 'i32 follows');
  assert.equal(counter.value, 1, 'the watched view was refreshed');
  free(big);
  trim();
  assert.equal(hostheap.mem, hostheap.memory);
  assert.equal(hostheap.buf, hostheap.mem.buffer, 'mem and buf follow the trim');
  assert.equal(counter.bump(), 2, 'the respawned guest sees the copied state');
  assert.equal(counter.value, 2);
  assert.equal(new Int32Array(hostheap.buf)[hostheap.i32.length - 1], hostheap.i32.at(-1));
});

test('later generation: memory, buffer, on/off, grow and the stats', () => {
  const token = {};
  const seen = [];
  const handler = (event) => seen.push([event.type, event.info.newSize - event.info.oldSize]);
  on('grow', token, handler);
  on('resize', token, handler);
  const before = hostheap.memory.buffer.byteLength;
  assert.equal(grow(2), 0);
  assert.deepEqual(seen, [['grow', 131072], ['resize', 131072]]);
  assert.equal(hostheap.buffer.byteLength, before + 131072);
  assert.equal(hostheap.totalBytes(), hostheap.buffer.byteLength);
  off('grow', token, handler);
  off('resize', token);
  grow(1);
  assert.equal(seen.length, 2);
  assert.equal(grow(70000), 1, 'beyond the address space: 1');
  const addr = malloc(32);
  assert.equal(hostheap.usedBytes() % 16, 0);
  assert.ok(hostheap.usedAtoms() >= 2);
  trim();
  assert.equal(hostheap.tailBytes() + hostheap.runBytes() + hostheap.headBytes(), hostheap.totalBytes());
  free(addr);
  assert.ok(memory instanceof WebAssembly.Memory && buffer instanceof ArrayBuffer, 'bindings exist from the start');
});
