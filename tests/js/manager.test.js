import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hostheap from 'hostheap';
import { createHeap } from 'hostheap';
import * as managers from 'hostheap/manager';
import { createHeapManager, createWasmHeapManager, defineStruct, managerOf, wrapEmscriptenModuleHeap } from 'hostheap/manager';

const PAGE = 65536;

/** A manager over a plain buffer with a bump allocator from 16. */
function overBuffer(size = 4096, options) {
  const buffer = new ArrayBuffer(size);
  let next = 16;
  const freed = [];
  const alloc = (bytes) => {
    const address = next;
    next += Math.max(16, Math.ceil(bytes / 16) * 16);
    return address;
  };
  const manager = createWasmHeapManager(() => buffer, alloc, (address) => freed.push(address), options);
  return { manager, buffer, freed };
}

const snapshot = (manager) => new Uint8Array(manager.buffer).slice();

// ---------------------------------------------------------------------------
// Binding to hostheap heaps.

test('managerOf gives one manager per heap, and hostheap/manager exports the default heap\'s', () => {
  const heap = createHeap();
  assert.equal(managerOf(heap), managerOf(heap));
  assert.notEqual(managerOf(heap), managerOf(createHeap()));
  assert.notEqual(createHeapManager(heap), managerOf(heap), 'createHeapManager makes another');
  const ref = managers.manager.allocInt32(41);
  assert.equal(new Int32Array(hostheap.buffer, ref.address, 1)[0], 41, 'the default manager writes the default heap');
  ref.free();
});

test('a bound manager follows grow: refs and reads work on the new buffer', () => {
  const heap = createHeap();
  const manager = managerOf(heap);
  const ref = manager.allocFloat64(2.5);
  const before = heap.buffer;
  const big = heap.malloc(3 * PAGE);
  assert.notEqual(heap.buffer, before, 'the memory grew');
  assert.equal(ref.value, 2.5);
  ref.value = 4.25;
  assert.equal(new Float64Array(heap.buffer, ref.address, 1)[0], 4.25, 'the write reached the new buffer');
  manager.writeUint8(big + 3 * PAGE - 1, 9);
  assert.equal(new Uint8Array(heap.buffer)[big + 3 * PAGE - 1], 9, 'addresses in the new pages are in bounds');
});

test('a bound manager follows trim: the old buffer stays attached, yet reads and writes go to the new memory', () => {
  const heap = createHeap();
  const manager = managerOf(heap);
  const ref = manager.allocInt32Array([1, 2, 3]);
  const big = heap.malloc(4 * PAGE);
  heap.free(big);
  const oldBuffer = heap.buffer;
  assert.ok(heap.trim() > 0);
  assert.ok(oldBuffer.byteLength > 0, 'trim does not detach the old buffer');
  assert.deepEqual(Array.from(ref.view), [1, 2, 3]);
  ref.writeAt(1, 20);
  assert.equal(new Int32Array(heap.buffer, ref.address, 3)[1], 20, 'written to the new memory');
  assert.equal(new Int32Array(oldBuffer, ref.address, 3)[1], 2, 'not to the old one');
  assert.throws(() => manager.readUint8(heap.buffer.byteLength), /pass the end of the heap/);
});

test('createHeapManager takes only hostheap heaps, and options of the right kind', () => {
  assert.throws(() => createHeapManager({}), TypeError);
  assert.throws(() => createHeapManager(createHeap(), { trackAllocations: 'yes' }), {
    name: 'TypeError',
    message: /options\.trackAllocations must be a boolean, got string "yes"/,
  });
});

// ---------------------------------------------------------------------------
// Numbers.

const TYPES = [
  // type          bytes  inside                        outside (the value out of range and the kind of error)
  ['Int8',          1,    [-128, 127],                  [[128, RangeError], [1.5, RangeError], ['1', TypeError]]],
  ['Uint8',         1,    [0, 255],                     [[-1, RangeError], [256, RangeError]]],
  ['Int16',         2,    [-32768, 32767],              [[32768, RangeError], [-32769, RangeError]]],
  ['Uint16',        2,    [0, 65535],                   [[65536, RangeError], [1n, TypeError]]],
  ['Int32',         4,    [-(2 ** 31), 2 ** 31 - 1],    [[2 ** 31, RangeError], [NaN, RangeError]]],
  ['Uint32',        4,    [0, 2 ** 32 - 1],             [[-1, RangeError], [2 ** 32, RangeError]]],
  ['BigInt64',      8,    [-(2n ** 63n), 2n ** 63n - 1n], [[2n ** 63n, RangeError], [1, TypeError]]],
  ['BigUint64',     8,    [0n, 2n ** 64n - 1n],         [[-1n, RangeError], [2n ** 64n, RangeError]]],
  ['Float32',       4,    [1.5, -Infinity],             [['1', TypeError], [1n, TypeError]]],
  ['Float64',       8,    [Math.E, NaN],                [[null, TypeError]]],
  ['Pointer32',     4,    [0, 2 ** 32 - 1],             [[2 ** 32, RangeError]]],
  ['Pointer53',     8,    [0, 2 ** 53 - 1],             [[2 ** 53, RangeError], [-16, RangeError], [16n, TypeError]]],
  ['Pointer64',     8,    [0n, 2n ** 64n - 1n],         [[2n ** 64n, RangeError], [16, TypeError]]],
];

test('every type reads back what it wrote, plainly and atomically, and through refs and arrays', () => {
  const { manager } = overBuffer();
  for (const [type, bytes, values] of TYPES) {
    for (const value of values) {
      manager[`write${type}`](64, value);
      assert.equal(manager[`read${type}`](64), value, `${type} ${value}`);
      manager[`write${type}Atomic`](128, value);
      assert.equal(manager[`read${type}Atomic`](128), value, `${type} atomic ${value}`);
      const ref = manager[`alloc${type}`](value);
      assert.equal(ref.value, value);
      assert.equal(ref.allocatedByteSize, bytes);
      const array = manager[`alloc${type}Array`]([value, value]);
      assert.equal(array.readAt(1), value);
      assert.equal(array.bytesPerElement, bytes);
      assert.equal(array.writeAtomicAt(0, value).readAtomicAt(0), value);
    }
  }
});

test('a value out of range for its type is refused, naming the type, with the heap unchanged', () => {
  const { manager } = overBuffer();
  const before = snapshot(manager);
  for (const [type, , , outside] of TYPES) {
    for (const [value, kind] of outside) {
      for (const call of [`write${type}`, `write${type}Atomic`]) {
        assert.throws(() => manager[call](64, value), (error) => {
          assert.ok(error instanceof kind, `${call}(${String(value)}) threw ${error.name}, expected ${kind.name}`);
          assert.match(error.message, new RegExp(`^${call}\\(address, value\\): ${type} value must be `));
          return true;
        });
      }
      assert.throws(() => manager[`alloc${type}`](value), kind);
      assert.throws(() => manager[`alloc${type}Array`]([0, value].map((v) => (v === 0 && typeof value === 'bigint' ? 0n : v))), kind);
    }
  }
  assert.deepEqual(snapshot(manager), before, 'no byte changed');
  assert.equal(manager.allocatedHeapRefs.length, 0, 'nothing was allocated');
});

test('a bad address is refused: not a number, negative, fractional, misaligned or out of bounds', () => {
  const { manager } = overBuffer(4096);
  assert.throws(() => manager.readInt32('8'), { name: 'TypeError', message: 'readInt32(address): address must be a number, got string "8"' });
  assert.throws(() => manager.readInt32(8n), { name: 'TypeError', message: 'readInt32(address): address must be a number, got bigint 8n' });
  let converted = false;
  const sneaky = { valueOf: () => ((converted = true), 8) };
  assert.throws(() => manager.writeFloat64(sneaky, 1), TypeError);
  assert.throws(() => manager.writeInt32Atomic(sneaky, 1), TypeError);
  assert.equal(converted, false, 'an address object is never converted');
  assert.throws(() => manager.readInt8(-1), { name: 'RangeError', message: /readInt8\(address\): address must be an integer from 0/ });
  assert.throws(() => manager.readUint8(1.5), RangeError);
  assert.throws(() => manager.readInt32(6), { name: 'RangeError', message: 'readInt32(address): address 6 is not a multiple of 4' });
  assert.throws(() => manager.writeFloat64(12, 1), { message: 'writeFloat64(address, value): address 12 is not a multiple of 8' });
  assert.throws(() => manager.readInt16Atomic(3), { message: /3 is not a multiple of 2/ });
  assert.throws(() => manager.readUint32(4096), {
    name: 'RangeError',
    message: 'readUint32(address): 4 bytes at address 4096 pass the end of the heap (4096 bytes)',
  });
  assert.throws(() => manager.readFloat64(4092), RangeError);
  assert.equal(manager.readFloat64(4088), 0, 'the last whole element is in bounds');
  assert.throws(() => manager.viewInt32Array(4088, 4), /4 elements of 4 bytes at address 4088 pass the end/);
  assert.throws(() => manager.viewInt32Array(0, -1), /elementCount must be an integer/);
  assert.throws(() => manager.wrapInt32(2), RangeError);
  assert.throws(() => manager.readBigUint128LE(4088), RangeError);
});

test('atomics are polyfilled for floats and clamped bytes', () => {
  const { manager } = overBuffer();
  manager.writeFloat32Atomic(16, 0.1);
  assert.equal(manager.readFloat32Atomic(16), Math.fround(0.1));
  assert.equal(manager.readFloat32(16), Math.fround(0.1));
  manager.writeFloat64Atomic(24, -0.1);
  assert.equal(manager.readFloat64Atomic(24), -0.1);
  manager.writeClampedUint8Atomic(32, 300);
  assert.equal(manager.readClampedUint8Atomic(32), 255);
  manager.writeClampedUint8(33, -4);
  assert.equal(manager.readUint8(33), 0);
});

test('wide integers are little-endian 64-bit words', () => {
  const { manager } = overBuffer();
  const value = (3n << 192n) | (2n << 128n) | (1n << 64n) | 0xffn;
  manager.writeBigUint256LE(64, value);
  assert.deepEqual(Array.from(manager.viewBigUint64Array(64, 4)), [0xffn, 1n, 2n, 3n]);
  assert.equal(manager.readBigUint256LE(64), value);
  manager.writeBigUint128LE(96, 2n ** 128n - 1n);
  assert.equal(manager.readBigUint128(96), 2n ** 128n - 1n);
  assert.throws(() => manager.writeBigUint128LE(96, 2n ** 128n), { name: 'RangeError', message: /BigUint128LE value must be a bigint from 0n/ });
});

test('views of every kind, pointer views included, see the same bytes', () => {
  const { manager } = overBuffer();
  manager.writeUint32(64, 0x01020304);
  const expected = {
    Int8: Int8Array, Uint8: Uint8Array, ClampedUint8: Uint8ClampedArray, Int16: Int16Array, Uint16: Uint16Array,
    Int32: Int32Array, Uint32: Uint32Array, BigInt64: BigInt64Array, BigUint64: BigUint64Array,
    Float32: Float32Array, Float64: Float64Array, Pointer32: Uint32Array, Pointer53: BigUint64Array, Pointer64: BigUint64Array,
  };
  for (const [type, View] of Object.entries(expected)) {
    const view = manager[`view${type}Array`](64, 2);
    assert.ok(view instanceof View, `view${type}Array is a ${View.name}`);
    assert.equal(view.length, 2);
    assert.equal(view.byteOffset, 64);
  }
  assert.equal(manager.viewPointer32Array(64, 1)[0], 0x01020304);
  const pointers = manager.allocPointer53Array([16, 2 ** 40]);
  assert.deepEqual(Array.from(pointers.view), [16n, 2n ** 40n]);
  assert.equal(pointers.readAt(1), 2 ** 40);
});

test('Pointer53 refuses to read a stored pointer above 2^53 - 1', () => {
  const { manager } = overBuffer();
  manager.writeBigUint64(64, 2n ** 53n);
  assert.throws(() => manager.readPointer53(64), { name: 'RangeError', message: /above 2\^53 - 1/ });
  manager.writePointer53(64, 2 ** 53 - 1);
  assert.equal(manager.readPointer53(64), 2 ** 53 - 1);
});

// ---------------------------------------------------------------------------
// Refs.

test('a freed ref refuses use with a clear error; free() frees once', () => {
  const { manager, freed } = overBuffer();
  const ref = manager.allocInt32(5);
  ref.free();
  ref.free();
  assert.deepEqual(freed, [ref.address], 'one free');
  assert.equal(ref.isFreed, true);
  for (const use of [() => ref.value, () => ref.read(), () => ref.write(1), () => ref.readAtomic(), () => ref.clear(), () => ref.allocatedBytesView]) {
    assert.throws(use, { name: 'TypeError', message: new RegExp(`the ref at address ${ref.address} was freed`) });
  }
  const array = manager.allocUint8Array(4);
  manager.free(array.address);
  assert.equal(array.isFreed, true, 'freeing the address through the manager marks the tracked ref');
  assert.throws(() => array.readAt(0), { name: 'TypeError', message: /^Uint8ArrayRef\.readAt\(index\): .* was freed/ });
});

test('array refs check their index', () => {
  const { manager } = overBuffer();
  const array = manager.allocInt16Array(3);
  assert.throws(() => array.readAt(3), { name: 'RangeError', message: 'Int16ArrayRef.readAt(index): index must be an integer from 0 to 2, got 3' });
  assert.throws(() => array.writeAt(-1, 0), RangeError);
  assert.throws(() => array.writeAt('0', 0), TypeError);
  assert.deepEqual(Array.from(array.writeAt(2, -7).view), [0, 0, -7]);
});

test('tracking lists refs and frees them in bulk; without it those calls refuse', () => {
  const { manager, freed } = overBuffer();
  const refs = [manager.allocInt8(), manager.allocFloat64Array(2), manager.allocNullTerminatedAsciiString('abc')];
  manager.wrapInt32(512);
  assert.deepEqual(manager.allocatedHeapRefs, refs, 'wrapped refs are not tracked');
  assert.equal(manager.totalAllocatedByteCount, 1 + 16 + 4);
  manager.freeAll();
  assert.deepEqual(freed.sort((a, b) => a - b), refs.map((ref) => ref.address));
  assert.ok(refs.every((ref) => ref.isFreed));
  const untracked = overBuffer(4096, { trackAllocations: false }).manager;
  assert.throws(() => untracked.freeAll(), { name: 'TypeError', message: /trackAllocations: false/ });
  assert.throws(() => untracked.allocatedHeapRefs, TypeError);
});

test('clearAllocatedRegions: zeroed by default, left as they were when false', () => {
  for (const [options, expected] of [[undefined, 0], [{ clearAllocatedRegions: false }, 0xee]]) {
    const { manager, buffer } = overBuffer(4096, options);
    new Uint8Array(buffer).fill(0xee);
    assert.equal(manager.allocUint32().allocatedBytesView[0], expected);
  }
});

test('a custom allocator that returns 0 or a non-address is an error, not a ref at 0', () => {
  const buffer = new ArrayBuffer(256);
  const failing = createWasmHeapManager(() => buffer, () => 0, () => {});
  assert.throws(() => failing.allocInt32(), { name: 'RangeError', message: /allocInt32\(initialValue\): the allocator returned 0 for 4 bytes/ });
  const beyond = createWasmHeapManager(() => buffer, () => 512, () => {});
  assert.throws(() => beyond.allocInt32(), /past the end of the heap/);
});

test('options and arguments of the wrong kind or value are refused', () => {
  const buffer = new ArrayBuffer(64);
  const ok = () => 16;
  assert.throws(() => createWasmHeapManager(buffer, ok, ok), { name: 'TypeError', message: /getLatestHeap must be a function/ });
  assert.throws(() => createWasmHeapManager(() => buffer, ok, ok, { pollingMode: 'sometimes' }), {
    name: 'RangeError',
    message: /options\.pollingMode must be one of "never", "whenEmpty", "always", got string "sometimes"/,
  });
  assert.throws(() => createWasmHeapManager(() => buffer, ok, ok, { clearAllocatedRegions: 1 }), TypeError);
  assert.throws(() => createWasmHeapManager(() => 'heap', ok, ok), { name: 'TypeError', message: /the heap must be an ArrayBuffer/ });
  assert.throws(() => wrapEmscriptenModuleHeap({ _malloc: ok, _free: ok }), /HEAPU8 must be a Uint8Array/);
});

test('any heap: a WebAssembly.Memory, an Emscripten-like module, a SharedArrayBuffer', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const overMemory = createWasmHeapManager(() => memory, () => 16, () => {});
  overMemory.writeInt32(16, 3);
  memory.grow(1);
  assert.equal(overMemory.readInt32(16), 3);
  assert.equal(overMemory.byteLength, 2 * PAGE, 'whenEmpty: the detached buffer was replaced');

  const module = { HEAPU8: new Uint8Array(memory.buffer), _malloc: () => 32, _free: () => {} };
  const emscripten = wrapEmscriptenModuleHeap(module);
  assert.equal(emscripten.allocInt32(9).address, 32);
  assert.equal(new Int32Array(memory.buffer)[8], 9);

  if (typeof SharedArrayBuffer !== 'function') return; // not cross-origin isolated
  const shared = new SharedArrayBuffer(1024);
  const overShared = createWasmHeapManager(() => shared, () => 64, () => {});
  overShared.writeInt32Atomic(64, 12);
  assert.equal(Atomics.load(new Int32Array(shared), 16), 12);
  const text = overShared.allocNullTerminatedUtf8String('shared ünïcode text, long enough to leave the short path');
  assert.equal(text.value, 'shared ünïcode text, long enough to leave the short path');
});

test('pollingMode never: a replaced heap is not seen', () => {
  let buffer = new ArrayBuffer(64);
  const manager = createWasmHeapManager(() => buffer, () => 16, () => {}, { pollingMode: 'never' });
  const first = buffer;
  buffer = new ArrayBuffer(128);
  manager.writeUint8(8, 1);
  assert.equal(new Uint8Array(first)[8], 1);
  assert.throws(() => manager.readUint8(100), RangeError, 'the new size is not seen either');
});

test('heaps above 4 GiB, addressed with safe integers, where the runtime allows them', (t) => {
  const size = 2 ** 32 + PAGE;
  let buffer;
  try {
    buffer = new ArrayBuffer(size);
    new Uint8Array(buffer); // some runtimes allow the buffer but no view over all of it
  } catch {
    t.skip('this runtime has no typed arrays above 4 GiB');
    return;
  }
  const manager = createWasmHeapManager(() => buffer, () => 2 ** 32 + 16, () => {});
  const high = 2 ** 32 + 64;
  manager.writeFloat64(high, 1.25);
  assert.equal(manager.readFloat64(high), 1.25);
  const ref = manager.allocPointer53(high);
  assert.equal(ref.address, 2 ** 32 + 16);
  assert.equal(manager.readFloat64(ref.value), 1.25);
  assert.throws(() => manager.readInt32(high + 2), /not a multiple of 4/);
  assert.throws(() => manager.readInt32(size), /pass the end/);
});

// ---------------------------------------------------------------------------
// Strings.

test('strings in four encodings: alloc, read, write, wrap', () => {
  const { manager } = overBuffer(8192);
  for (const encoding of ['Ascii', 'Utf8', 'Utf16', 'Utf32']) {
    const text = encoding === 'Ascii' ? 'plain text' : 'ünïcödé 😀 text';
    const ref = manager[`allocNullTerminated${encoding}String`](text);
    assert.equal(ref.value, text, encoding);
    assert.equal(manager[`readNullTerminated${encoding}String`](ref.address), text);
    assert.equal(manager[`wrapNullTerminated${encoding}String`](ref.address).value, text);
    const room = manager[`allocNullTerminated${encoding}String`](30);
    assert.equal(room.value, '');
    assert.equal(room.allocatedElementCount, 31);
    room.value = text;
    assert.equal(room.read(), text);
    assert.equal(room.encodedBytesView.length, room.encodedByteLength);
  }
  const utf32 = manager.allocNullTerminatedUtf32String('a😀');
  assert.deepEqual(Array.from(utf32.encodedElementsView), [0x61, 0x1f600]);
});

test('a string that does not fit, or that ASCII cannot hold, is refused with the heap unchanged', () => {
  const { manager } = overBuffer(4096);
  const room = manager.allocNullTerminatedUtf8String(4);
  room.value = 'abcd';
  const before = snapshot(manager);
  assert.throws(() => room.write('abcde'), { name: 'RangeError', message: /takes 5 elements and a terminator, the capacity is 5 elements/ });
  assert.throws(() => room.write('ééé'), RangeError, '6 bytes in UTF-8');
  assert.throws(() => manager.writeNullTerminatedAsciiString(room.address, 'naïve', 10), {
    name: 'RangeError',
    message: /ASCII holds characters 0 to 127, and character 2 of the string is "ï" \(239\)/,
  });
  assert.throws(() => manager.allocNullTerminatedAsciiString('€'), RangeError);
  assert.throws(() => manager.writeNullTerminatedUtf16String(room.address, 42, 4), TypeError);
  assert.throws(() => manager.writeNullTerminatedUtf16String(room.address + 1, 'a', 4), /not a multiple of 2/);
  assert.deepEqual(snapshot(manager), before, 'no byte changed');
  assert.equal(room.value, 'abcd');
});

test('reading a string with no terminator in reach is an error', () => {
  const { manager } = overBuffer(256);
  manager.viewUint8Array(0, 256).fill(65);
  assert.throws(() => manager.readNullTerminatedUtf8String(16, 8), /no terminator in the 8 elements of 1 bytes at 16/);
  assert.throws(() => manager.readNullTerminatedAsciiString(16), /no terminator/);
});

// ---------------------------------------------------------------------------
// Structs and custom arrays.

test('a struct lays out its fields with natural alignment and pads its size', () => {
  const Mixed = defineStruct({ flag: 'Uint8', position: 'Float64', count: 'Uint16', id: 'Int32' });
  //  [ flag:1 ][ pad:7 ][ position:8 ][ count:2 ][ pad:2 ][ id:4 ]  = 24
  assert.deepEqual(Mixed.fields.map((field) => [field.name, field.offset]), [['flag', 0], ['position', 8], ['count', 16], ['id', 20]]);
  assert.equal(Mixed.byteSize, 24);
  assert.equal(Mixed.alignment, 8);
  const Small = defineStruct([['a', 'Uint16'], ['b', 'Uint8']]);
  assert.equal(Small.byteSize, 4, 'padded to its alignment of 2');
});

test('a struct ref has typed field accessors, whole reads and all-or-nothing writes', () => {
  const { manager } = overBuffer();
  const Point = defineStruct({ x: 'Float64', y: 'Float64', id: 'Uint32', tag: 'Uint8Clamped' });
  const point = manager.allocStruct(Point, { x: 1.5, id: 7 });
  assert.deepEqual(point.read(), { x: 1.5, y: 0, id: 7, tag: 0 });
  point.y = -2;
  point.tag = 300;
  assert.equal(manager.readFloat64(point.address + 8), -2);
  assert.equal(point.tag, 255, 'clamped like its type');
  assert.throws(() => point.write({ x: 9, id: -1 }), { name: 'RangeError', message: /Uint32 value must be/ });
  assert.equal(point.x, 1.5, 'the bad write left every field as it was');
  assert.throws(() => point.write({ z: 1 }), /no field "z"/);
  assert.throws(() => (point.id = 1.5), RangeError);
  assert.equal(manager.wrapStruct(Point, point.address).id, 7);
  point.free();
  assert.throws(() => point.x, /was freed/);
});

test('structs nest, and arrays of structs give element refs that are part of the array', () => {
  const { manager } = overBuffer(8192);
  const Vec = defineStruct({ x: 'Float32', y: 'Float32' });
  const Body = defineStruct({ position: Vec, velocity: Vec, mass: 'Float64', id: 'BigUint64' });
  assert.equal(Body.byteSize, 32);
  const body = manager.allocStruct(Body, { position: { x: 1, y: 2 }, mass: 10, id: 3n });
  assert.equal(body.position.y, 2);
  body.velocity.x = 0.5;
  assert.deepEqual(body.read(), { position: { x: 1, y: 2 }, velocity: { x: 0.5, y: 0 }, mass: 10, id: 3n });

  const bodies = manager.allocStructArray(Body, [{ mass: 1 }, { mass: 2 }, { mass: 3 }]);
  assert.equal(bodies.elementCount, 3);
  assert.equal(bodies.bytesPerElement, 32);
  assert.equal(bodies.at(2).mass, 3);
  bodies.at(1).position.x = 7;
  assert.equal(manager.readFloat32(bodies.address + 32), 7);
  bodies.writeAt(0, { id: 9n });
  assert.equal(bodies.readAt(0).id, 9n);
  assert.throws(() => bodies.at(3), RangeError);
  const element = bodies.at(0);
  assert.throws(() => element.free(), { name: 'TypeError', message: /part of another ref/ });
  bodies.free();
  assert.throws(() => element.mass, /was freed/, 'an element dies with its array');
});

test('defineStruct refuses unknown types, repeated names and names the ref uses', () => {
  assert.throws(() => defineStruct({ a: 'Int128' }), { name: 'RangeError', message: /field "a" has type string "Int128"/ });
  assert.throws(() => defineStruct({ a: 5 }), TypeError);
  assert.throws(() => defineStruct([['a', 'Int8'], ['a', 'Int8']]), /appears twice/);
  assert.throws(() => defineStruct({ address: 'Int32' }), /taken by the ref itself/);
  assert.throws(() => defineStruct({}), RangeError);
});

test('arrays with a custom element size', () => {
  const { manager } = overBuffer();
  const array = manager.allocCustomArray(4, 3);
  assert.equal(array.allocatedByteSize, 12);
  array.writeAt(1, [1, 2, 3]);
  assert.deepEqual(Array.from(array.readAt(1)), [1, 2, 3]);
  assert.deepEqual(Array.from(array.view), [0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0]);
  array.viewAt(3)[2] = 9;
  assert.equal(manager.readUint8(array.address + 11), 9);
  assert.throws(() => array.writeAt(0, [1, 2]), /expected 3 bytes, got 2/);
  assert.throws(() => array.writeAt(0, [1, 2, 256]), /byte 2 must be an integer from 0 to 255/);
  assert.throws(() => array.readAt(4), RangeError);
  assert.throws(() => manager.allocCustomArray(2, 0), /bytesPerElement must be an integer from 1/);
  assert.deepEqual(Array.from(manager.wrapCustomArray(array.address, 4, 3).readAt(1)), [1, 2, 3]);
});

test('a subnormal address, whose quotient by the size rounds to 0, is refused too', () => {
  const manager = managerOf(createHeap());
  for (const read of ['readInt16', 'readInt32', 'readFloat64', 'readBigInt64']) {
    assert.throws(() => manager[read](Number.MIN_VALUE), { name: 'RangeError', message: new RegExp(`^${read}\\(address\\): address must be an integer`) });
  }
  assert.throws(() => manager.writeInt32(5e-324, 1), RangeError);
  assert.equal(manager.readInt32(0), 0);
});
