// Data segments: reading them from module bytes, reserving them in a heap,
// refusing overlaps, and a guest whose segment data changes at run time
// keeping those changes through growth and trims.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import initWabt from 'wabt';

import * as hostheap from 'hostheap';
import { createHeap } from 'hostheap';
import { compile, dataSegments, reserveDataSegments } from 'hostheap/segments';
import { INITIAL_COUNTS, LABEL_ADDR, SLOTS, TABLE_ADDR, TALLY, Tally } from '../../examples/data-segment/tally.js';
import { watBytes } from '../../examples/data-segment/wat.js';

const PAGE_SIZE = 65536;
const wabt = await initWabt();

const FEATURES = { extended_const: true };

/** The binary of a module written in WAT, with the features tests need. */
function wat(text) {
  const parsed = wabt.parseWat('test.wat', text, FEATURES);
  try {
    parsed.resolveNames();
    parsed.validate(FEATURES);
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** A module importing `env.mem` with these data segments. */
function withData(...segments) {
  return wat(`(module (memory (import "env" "mem") 1) ${segments.join(' ')})`);
}

// ---- hand-written binaries, for what a WAT compiler would never emit -------

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function uleb(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function sleb(value) {
  const bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}

function section(id, payload) {
  return [id, ...uleb(payload.length), ...payload];
}

function binary(...sections) {
  return Uint8Array.from([...HEADER, ...sections.flat()]);
}

/** An active segment of memory 0 at `offset` with `size` bytes of 0xaa. */
function active(offset, size) {
  return [0x00, 0x41, ...sleb(offset), 0x0b, ...uleb(size), ...new Array(size).fill(0xaa)];
}

function dataSection(...segments) {
  return section(11, [...uleb(segments.length), ...segments.flat()]);
}

/** The error dataSegments throws for `source`, checked for kind and words. */
function rejects(source, kind, ...words) {
  assert.throws(
    () => dataSegments(source),
    (error) => {
      assert.equal(error.constructor, kind, error.message);
      assert.match(error.message, /^dataSegments\(source\): /);
      for (const word of words) assert.ok(error.message.includes(word), `"${word}" not in: ${error.message}`);
      return true;
    },
  );
}

describe('dataSegments', () => {
  test('lists the active segments of memory 0 with their index in the data section, offsets unsigned', () => {
    const bytes = withData('(data (i32.const 1024) "hello")', '(data "passive")', '(data (i32.const -16) "abcd")', '(data (i32.const 64))');
    assert.deepEqual(dataSegments(bytes), [
      { index: 0, offset: 1024, size: 5 },
      { index: 2, offset: 2 ** 32 - 16, size: 4 },
      { index: 3, offset: 64, size: 0 },
    ]);
  });

  test('reads an ArrayBuffer, a typed array in the middle of a larger buffer, and a DataView alike', () => {
    const bytes = new Uint8Array(withData('(data (i32.const 32) "xyz")'));
    const padded = new Uint8Array(bytes.length + 20);
    padded.set(bytes, 7);
    const expected = [{ index: 0, offset: 32, size: 3 }];
    assert.deepEqual(dataSegments(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)), expected);
    assert.deepEqual(dataSegments(padded.subarray(7, 7 + bytes.length)), expected);
    assert.deepEqual(dataSegments(new DataView(padded.buffer, 7, bytes.length)), expected);
  });

  test('skips other sections, custom ones included, and segments of other memories', () => {
    const bytes = wat(`(module
      (memory (import "env" "mem") 1)
      (global (export "g") (mut i32) (i32.const 5))
      (func (export "f") (result i32) (i32.const 7))
      (data (i32.const 48) "mine"))`);
    assert.deepEqual(dataSegments(bytes), [{ index: 0, offset: 48, size: 4 }]);
    const custom = section(0, [4, ...new TextEncoder().encode('name'), 1, 2, 3]);
    assert.deepEqual(dataSegments(binary(custom, dataSection(active(96, 2)), custom)), [{ index: 0, offset: 96, size: 2 }]);
    // Flags 2 name the memory: index 0 is memory 0 too, index 1 another memory.
    const explicit = (memory, offset) => [0x02, memory, 0x41, ...sleb(offset), 0x0b, 1, 0x61];
    assert.deepEqual(dataSegments(binary(dataSection(explicit(1, 16), explicit(0, 256)))), [{ index: 1, offset: 256, size: 1 }]);
  });

  test('a module without data, or with passive segments only, has none', () => {
    assert.deepEqual(dataSegments(wat('(module (func))')), []);
    assert.deepEqual(dataSegments(binary()), []);
    assert.deepEqual(dataSegments(withData('(data "a")', '(data "b")')), []);
  });

  test('reads the bytes of a Module made by compile, which keeps its own copy', () => {
    const bytes = new Uint8Array(withData('(data (i32.const 2048) "abcdef")'));
    const module = compile(bytes);
    assert.ok(module instanceof WebAssembly.Module);
    bytes.fill(0);
    assert.deepEqual(dataSegments(module), [{ index: 0, offset: 2048, size: 6 }]);
    assert.deepEqual(WebAssembly.Module.imports(module), [{ module: 'env', name: 'mem', kind: 'memory' }]);
  });

  test('refuses a Module it has not compiled, saying how to get one it can read', () => {
    const module = new WebAssembly.Module(withData('(data (i32.const 0) "a")'));
    rejects(module, TypeError, 'WebAssembly.Module', 'compile(bytes)');
  });

  test('refuses an offset that is not a constant, naming the segment and the instruction', () => {
    const global = wat(`(module (import "env" "base" (global i32)) (memory (import "env" "mem") 1)
      (data (i32.const 0) "ok") (data (global.get 0) "where?"))`);
    rejects(global, RangeError, 'data segment 1', 'global.get 0', 'not a single i32.const');
    const sum = wat(`(module (memory (import "env" "mem") 1) (data (i32.add (i32.const 16) (i32.const 32)) "x"))`);
    rejects(sum, RangeError, 'data segment 0', 'several instructions');
    const wide = [0x00, 0x42, 0x10, 0x0b, 1, 0x61];
    rejects(binary(dataSection(wide)), RangeError, 'i64.const', '32-bit memories');
  });

  test('refuses a segment that ends past 4 GiB', () => {
    rejects(binary(dataSection(active(-16, 32))), RangeError, 'data segment 0', 'ends past 4294967296');
  });

  test('refuses malformed bytes, saying what and where', () => {
    rejects(new Uint8Array([0x00, 0x61, 0x73]), RangeError, 'malformed module', 'unexpected end');
    rejects(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 0, 0, 0]), RangeError, 'not a WebAssembly module');
    rejects(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0]), RangeError, 'version 2, expected 1');
    rejects(binary([14, 0]), RangeError, 'unknown section id 14', 'at byte 8');
    rejects(binary([11, 10, 1]), RangeError, 'section 11 of 10 bytes runs past the end');
    rejects(binary([11, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), RangeError, 'not an unsigned 32-bit LEB128');
    rejects(binary([11, 0x80, 0x80, 0x80, 0x80, 0x10]), RangeError, 'not an unsigned 32-bit LEB128');
    rejects(binary(dataSection([0x03, 0x00])), RangeError, 'data segment 0 has flags 3');
    rejects(binary(section(11, [1, ...active(0, 1), 0xff])), RangeError, '1 bytes left over in the data section');
    rejects(binary(section(11, [1, 0x00, 0x41, 0x00, 0x0b, 9, 1, 2])), RangeError, 'data segment 0 of 9 bytes runs past the end');
    rejects(binary(section(11, [1, 0x00, 0x41, 0x80, 0x80, 0x80, 0x80, 0x40, 0x0b, 0])), RangeError, 'not a signed 32-bit LEB128');
    rejects(binary(section(11, [1, 0x00, 0x01, 0x0b, 0])), RangeError, 'starts with opcode 0x01, expected i32.const');
    rejects(binary(dataSection(active(0, 1)), dataSection(active(16, 1))), RangeError, 'a second data section');
  });

  test('refuses sources of the wrong kind, naming what came', () => {
    rejects('(module)', TypeError, 'ArrayBuffer', 'got string "(module)"');
    rejects(1024, TypeError, 'got 1024');
    rejects(null, TypeError, 'got null');
    rejects(undefined, TypeError, 'got undefined');
    rejects([0, 97, 115, 109], TypeError, 'got an array');
    rejects({ bytes: new Uint8Array(8) }, TypeError, 'got an object');
  });
});

describe('compile', () => {
  test('compiles like new WebAssembly.Module, errors included', () => {
    const module = compile(wat('(module (func (export "seven") (result i32) (i32.const 7)))'));
    assert.equal(new WebAssembly.Instance(module).exports.seven(), 7);
    assert.throws(() => compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99])), WebAssembly.CompileError);
  });

  test('refuses what is not bytes', () => {
    assert.throws(() => compile('bytes'), { name: 'TypeError', message: /^compile\(bytes\): bytes must be an ArrayBuffer or an ArrayBufferView, got string "bytes"$/ });
    assert.throws(() => compile(new WebAssembly.Module(wat('(module)'))), /compile\(bytes\): .*got an object/);
  });
});

// ---- reserving in a heap ---------------------------------------------------

/** The spans of kind 'reserved'. */
function reservedSpans(heap) {
  return heap.spans().filter((span) => span.kind === 'reserved').map(({ addr, size }) => ({ addr, size }));
}

/** Asserts that `fn` throws `kind` with these words and leaves the layout and size of `heap` as they were. */
function refusesUnchanged(heap, fn, kind, ...words) {
  const layout = heap.spans();
  const size = heap.totalBytes();
  assert.throws(fn, (error) => {
    assert.equal(error.constructor, kind, error.message);
    assert.match(error.message, /^reserveDataSegments\(heap, modules\): /);
    for (const word of words) assert.ok(error.message.includes(word), `"${word}" not in: ${error.message}`);
    return true;
  });
  assert.deepEqual(heap.spans(), layout);
  assert.equal(heap.totalBytes(), size);
}

describe('reserveDataSegments', () => {
  test('reserves each module\'s ranges rounded out to atoms, in address order', () => {
    const heap = createHeap();
    const ranges = reserveDataSegments(heap, {
      text: withData('(data (i32.const 4100) "hello, world, hello")'),
      table: compile(withData('(data (i32.const 1024) "0123456789abcdef0123")')),
    });
    assert.deepEqual(ranges, [
      { addr: 1024, size: 32, modules: ['table'] },
      { addr: 4096, size: 32, modules: ['text'] },
    ]);
    assert.deepEqual(reservedSpans(heap), [
      { addr: 1024, size: 32 },
      { addr: 4096, size: 32 },
    ]);
  });

  test('takes a Map, and merges ranges that share an atom, also across modules that share no byte', () => {
    //  atom 2048..2064: [ a: 2048..2056 ][ b: 2056..2060 ]
    const heap = createHeap();
    const modules = new Map([
      ['a', withData('(data (i32.const 2048) "aaaaaaaa")', '(data (i32.const 2070) "a")')],
      ['b', withData('(data (i32.const 2056) "bbbb")')],
    ]);
    assert.deepEqual(reserveDataSegments(heap, modules), [{ addr: 2048, size: 32, modules: ['a', 'b'] }]);
    assert.deepEqual(reservedSpans(heap), [{ addr: 2048, size: 32 }]);
  });

  test('no block is ever placed in a reserved range', () => {
    const heap = createHeap();
    const [range] = reserveDataSegments(heap, { table: withData('(data (i32.const 800) "x")') });
    const blocks = [];
    for (let i = 0; i < 500; i++) {
      const size = 16 * (1 + (i % 7));
      const addr = heap.malloc(size);
      blocks.push(addr);
      assert.ok(addr + size <= range.addr || addr >= range.addr + range.size, `block [${addr}, ${addr + size}) in ${range.addr}`);
    }
    for (const addr of blocks) heap.free(addr);
    assert.deepEqual(reservedSpans(heap), [{ addr: 800, size: 16 }]);
  });

  test('reserves in the default heap when given the package', () => {
    const ranges = reserveDataSegments(hostheap, { table: withData('(data (i32.const 8192) "default heap")') });
    assert.deepEqual(ranges, [{ addr: 8192, size: 16, modules: ['table'] }]);
    assert.deepEqual(reservedSpans(hostheap), [{ addr: 8192, size: 16 }]);
    hostheap.unreserve(8192);
    assert.deepEqual(reservedSpans(hostheap), []);
  });

  test('a range past the end of the memory grows it', () => {
    const heap = createHeap({ initial: 1 });
    reserveDataSegments(heap, { far: withData('(data (i32.const 200000) "far away")') });
    assert.ok(heap.totalBytes() >= 200016);
    assert.deepEqual(reservedSpans(heap), [{ addr: 200000, size: 16 }]);
  });

  test('refuses two modules whose segments share bytes, naming both and the bytes, and reserves nothing', () => {
    const heap = createHeap();
    refusesUnchanged(
      heap,
      () => reserveDataSegments(heap, { tally: TALLY, banner: compile(withData('(data (i32.const 1040) "banner")')) }),
      RangeError,
      'overlap',
      '"tally" segment 0 [1024, 1056)',
      '"banner" segment 0 [1040, 1046)',
      'share bytes [1040, 1046)',
    );
    assert.deepEqual(reservedSpans(heap), []);
  });

  test('segments of one module may overlap each other', () => {
    const heap = createHeap();
    const ranges = reserveDataSegments(heap, { twice: withData('(data (i32.const 64) "0123456789")', '(data (i32.const 68) "ab")') });
    assert.deepEqual(ranges, [{ addr: 64, size: 16, modules: ['twice'] }]);
  });

  test('when a range holds a live block, unreserves what it reserved and names the module', () => {
    //  [ free … 1024: low … 4096 ][ live 4096 ]
    const heap = createHeap();
    const first = heap.malloc(4096);
    const live = heap.malloc(16);
    heap.free(first);
    assert.equal(live, 4096);
    refusesUnchanged(
      heap,
      () => reserveDataSegments(heap, { low: withData('(data (i32.const 1024) "low")'), high: withData('(data (i32.const 4100) "high")') }),
      RangeError,
      'cannot reserve [4096, 4112) for "high"',
    );
    assert.deepEqual(reservedSpans(heap), []);
    heap.free(live);
  });

  test('refuses modules already reserved in the heap', () => {
    const heap = createHeap();
    reserveDataSegments(heap, { tally: TALLY });
    refusesUnchanged(heap, () => reserveDataSegments(heap, { again: TALLY }), RangeError, 'cannot reserve [1024, 1072) for "again"');
  });

  test('an empty set of modules, or modules without active segments, reserve nothing', () => {
    const heap = createHeap();
    assert.deepEqual(reserveDataSegments(heap, {}), []);
    assert.deepEqual(reserveDataSegments(heap, new Map()), []);
    assert.deepEqual(reserveDataSegments(heap, { passive: withData('(data "p")'), empty: withData('(data (i32.const 64))') }), []);
    assert.deepEqual(reservedSpans(heap), []);
  });

  test('refuses a heap, modules or sources of the wrong kind, and malformed sources, naming the module', () => {
    const heap = createHeap();
    const good = withData('(data (i32.const 512) "x")');
    for (const bad of [null, undefined, 42, {}, { reserve() {} }]) {
      assert.throws(() => reserveDataSegments(bad, { good }), { name: 'TypeError', message: /heap must be a Heap/ });
    }
    refusesUnchanged(heap, () => reserveDataSegments(heap, null), TypeError, 'modules must be an object or a Map', 'got null');
    refusesUnchanged(heap, () => reserveDataSegments(heap, [good]), TypeError, 'got an array');
    refusesUnchanged(heap, () => reserveDataSegments(heap, 'good'), TypeError, 'got string "good"');
    refusesUnchanged(heap, () => reserveDataSegments(heap, new Map([[1, good]])), TypeError, 'every key of modules must be a string, got 1');
    refusesUnchanged(heap, () => reserveDataSegments(heap, { good, odd: 'bytes' }), TypeError, 'modules["odd"] must be module bytes');
    refusesUnchanged(heap, () => reserveDataSegments(heap, { good, raw: new WebAssembly.Module(good) }), TypeError, 'modules["raw"] is a WebAssembly.Module');
    refusesUnchanged(heap, () => reserveDataSegments(heap, { good, torn: good.slice(0, 20) }), RangeError, 'modules["torn"]: malformed module');
    const global = wat('(module (import "env" "g" (global i32)) (memory (import "env" "mem") 1) (data (global.get 0) "x"))');
    refusesUnchanged(heap, () => reserveDataSegments(heap, { good, moving: global }), RangeError, 'modules["moving"]: data segment 0', 'global.get');
  });
});

// ---- a guest whose data segments change at run time ------------------------

/** The counters as they should be, from the adds applied to INITIAL_COUNTS. */
class Model {
  counts = [...INITIAL_COUNTS];
  adds = 0;
  add(tally, slot, n) {
    this.counts[slot] += n;
    this.adds += 1;
    assert.equal(tally.add(slot, n), this.counts[slot]);
  }
  check(tally, when) {
    assert.deepEqual(tally.counts(), this.counts, `counters ${when}`);
    for (let slot = 0; slot < SLOTS; slot++) assert.equal(tally.get(slot), this.counts[slot], `get(${slot}) ${when}`);
    assert.equal(tally.sum(), this.counts.reduce((a, b) => a + b, 0), `sum ${when}`);
    assert.equal(tally.updates, this.adds, `updates ${when}`);
    assert.equal(tally.label, 'counters', `label ${when}`);
  }
}

describe('examples/data-segment', () => {
  test('the tally guest starts from its segments and reserves them', () => {
    const heap = createHeap();
    const tally = new Tally(heap);
    assert.deepEqual(tally.reserved, [{ addr: 1024, size: 48, modules: ['tally'] }]);
    assert.equal(TABLE_ADDR, 1024);
    assert.equal(LABEL_ADDR, 1056);
    new Model().check(tally, 'at start');
  });

  test('keeps its run-time changes and its global through growth and several trims', () => {
    const heap = createHeap({ initial: 1 });
    const tally = new Tally(heap);
    const model = new Model();
    const keep = [heap.malloc(48), heap.alloc(96, model), heap.malloc(2000)];

    for (let round = 1; round <= 4; round++) {
      for (let slot = 0; slot < SLOTS; slot++) model.add(tally, slot, round * (slot + 3));
      model.check(tally, `round ${round}, before growth`);

      const pages = heap.totalBytes() / PAGE_SIZE;
      const big = heap.malloc(round * 3 * PAGE_SIZE);
      assert.ok(heap.totalBytes() / PAGE_SIZE > pages, 'the memory did not grow');
      model.check(tally, `round ${round}, after growth`);

      heap.free(big);
      const guest = tally.guest;
      assert.ok(heap.trim() > 0, 'trim released nothing');
      assert.notEqual(tally.guest, guest, 'the guest was not respawned');
      model.check(tally, `round ${round}, after trim`);
      // The new instance goes on from the kept values.
      model.add(tally, round % SLOTS, 1000);
      model.check(tally, `round ${round}, after an add on the new instance`);
    }
    assert.deepEqual(reservedSpans(heap), [{ addr: 1024, size: 48 }]);
    heap.free(keep[0]);
    heap.free(keep[2]);
  });

  test('refuses slots and amounts of the wrong kind or out of range, changing nothing', () => {
    const heap = createHeap();
    const tally = new Tally(heap);
    const model = new Model();
    assert.throws(() => tally.add(8, 1), { name: 'RangeError', message: 'add(slot, n): slot must be an integer from 0 to 7, got 8' });
    assert.throws(() => tally.add(-1, 1), RangeError);
    assert.throws(() => tally.add(1.5, 1), RangeError);
    assert.throws(() => tally.add('1', 1), { name: 'TypeError', message: 'add(slot, n): slot must be an integer from 0 to 7, got string' });
    assert.throws(() => tally.add(1, 2 ** 31), { name: 'RangeError', message: /n must be an integer from -2147483648 to 2147483647, got 2147483648/ });
    assert.throws(() => tally.add(1, 1n), TypeError);
    assert.throws(() => tally.get(8), RangeError);
    assert.throws(() => tally.get(null), TypeError);
    model.check(tally, 'after refused calls');
  });

  test('a trim that releases nothing changes nothing', () => {
    const heap = createHeap();
    const tally = new Tally(heap);
    const model = new Model();
    model.add(tally, 5, 5);
    const guest = tally.guest;
    assert.equal(heap.trim(), 0);
    assert.equal(tally.guest, guest);
    model.check(tally, 'after a trim of nothing');
  });

  test('a second tally on the same heap is refused: its counters are reserved already', () => {
    const heap = createHeap();
    const tally = new Tally(heap);
    tally.add(0, 1);
    refusesUnchanged(heap, () => new Tally(heap), RangeError, 'cannot reserve [1024, 1072) for "tally"');
    assert.equal(tally.get(0), 11);
  });

  test('the banner module is refused beside the tally, with the heap unchanged', async () => {
    const heap = createHeap();
    new Tally(heap);
    const banner = await watBytes('banner.wat');
    refusesUnchanged(heap, () => reserveDataSegments(heap, { tally: TALLY, banner }), RangeError, 'share bytes [1040, 1046)');
  });
});
