// Data segments of guest modules that share one memory.
//
// A module's active `(data)` segments are written into the memory each time
// the module is instantiated, at offsets fixed in its bytes. In a shared
// memory those ranges must never be handed out as blocks, and two modules
// must not claim the same bytes. This file reads the segments from the
// module bytes (a small reader of the binary format: the section headers,
// LEB128 numbers and the data section, nothing else) and reserves their
// ranges in a heap.
//
// A WebAssembly.Module does not give its bytes back in the JS API, so the
// bytes of modules made by `compile(bytes)` are remembered in a WeakMap; a
// Module made any other way has to be described by its bytes instead.

import { describe } from './errors.js';

/** Bytes in the 32-bit address space: no segment may end past it. */
const ADDRESS_SPACE = 2 ** 32;
/** Bytes in an atom; reserved ranges are rounded out to atoms. */
const ATOM = 16;

const MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"
const VERSION = 1;
const DATA_SECTION = 11;
/** The highest section id of the binary format (the tag section). */
const LAST_SECTION = 13;

/** Data segment flags: where the segment goes. */
const ACTIVE = 0;
const PASSIVE = 1;
const ACTIVE_EXPLICIT = 2;

/** Opcodes a data segment's offset expression may start with. */
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const END = 0x0b;
const GLOBAL_GET = 0x23;
const NON_CONSTANT = {
  [GLOBAL_GET]: 'global.get',
  0x6a: 'i32.add',
  0x6b: 'i32.sub',
  0x6c: 'i32.mul',
};

/** Module bytes remembered for the Modules made by `compile`. */
const compiledBytes = new WeakMap();

/**
 * Reads a module's bytes front to back; every read is bounds-checked and
 * every malformed byte fails with the offset where it was found.
 */
class Reader {
  #bytes;
  #call;
  position = 0;

  constructor(bytes, call) {
    this.#bytes = bytes;
    this.#call = call;
  }

  get length() {
    return this.#bytes.length;
  }

  /** A RangeError for malformed bytes at the current position. */
  malformed(what, at = this.position) {
    return new RangeError(`${this.#call}: malformed module: ${what} at byte ${at}`);
  }

  byte() {
    if (this.position >= this.#bytes.length) throw this.malformed('unexpected end of the bytes');
    return this.#bytes[this.position++];
  }

  /** Skips `count` bytes that must all be there. */
  skip(count, what) {
    if (count > this.#bytes.length - this.position) {
      throw this.malformed(`${what} of ${count} bytes runs past the end (${this.#bytes.length} bytes)`);
    }
    this.position += count;
  }

  /** An unsigned LEB128 number of at most 32 bits. */
  u32(what) {
    const start = this.position;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      if (shift === 28 && byte > 0x0f) throw this.malformed(`${what} is not an unsigned 32-bit LEB128`, start);
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw this.malformed(`${what} is not an unsigned 32-bit LEB128`, start);
  }

  /** A signed LEB128 number of at most 32 bits. */
  s32(what) {
    const start = this.position;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      if (shift === 28) {
        // Bits past the 32nd must repeat the sign bit.
        const rest = byte & 0x78;
        if ((byte & 0x80) !== 0 || (rest !== 0 && rest !== 0x78)) {
          throw this.malformed(`${what} is not a signed 32-bit LEB128`, start);
        }
      }
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) {
        return shift + 7 < 32 && (byte & 0x40) !== 0 ? result | (-1 << (shift + 7)) : result;
      }
    }
    throw this.malformed(`${what} is not a signed 32-bit LEB128`, start);
  }
}

/** The module bytes of `source`, or a TypeError naming `what`. */
function bytesOf(call, what, source) {
  if (source instanceof WebAssembly.Module) {
    const bytes = compiledBytes.get(source);
    if (bytes !== undefined) return bytes;
    throw new TypeError(
      `${call}: ${what} is a WebAssembly.Module whose bytes are unknown (the JS API does not expose them); ` +
        'create it with compile(bytes) from hostheap, or pass the bytes themselves',
    );
  }
  const bytes = viewOf(source);
  if (bytes !== undefined) return bytes;
  throw new TypeError(
    `${call}: ${what} must be module bytes (an ArrayBuffer or an ArrayBufferView) ` +
      `or a WebAssembly.Module from compile(bytes), got ${describe(source)}`,
  );
}

/** A Uint8Array over an ArrayBuffer, SharedArrayBuffer or view, or undefined. */
function viewOf(source) {
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof SharedArrayBuffer === 'function' && source instanceof SharedArrayBuffer) return new Uint8Array(source);
  return undefined;
}

/** The constant offset of data segment `index`; the reader is at its expression. */
function readOffset(reader, call, index) {
  const start = reader.position;
  const opcode = reader.byte();
  if (opcode === I32_CONST) {
    const value = reader.s32(`data segment ${index}'s offset`);
    const next = reader.byte();
    if (next === END) return value >>> 0;
    throw notConstantError(call, index, `an expression of several instructions (i32.const, then opcode 0x${hex(next)})`);
  }
  if (opcode === GLOBAL_GET) {
    throw notConstantError(call, index, `global.get ${reader.u32(`data segment ${index}'s global index`)}`);
  }
  if (opcode in NON_CONSTANT) throw notConstantError(call, index, NON_CONSTANT[opcode]);
  if (opcode === I64_CONST) {
    throw new RangeError(`${call}: data segment ${index} has an i64.const offset (a 64-bit memory); only 32-bit memories are supported`);
  }
  throw reader.malformed(`data segment ${index}'s offset expression starts with opcode 0x${hex(opcode)}, expected i32.const`, start);
}

function notConstantError(call, index, what) {
  return new RangeError(
    `${call}: data segment ${index}'s offset is ${what}, not a single i32.const; ` +
      'its address is known only at instantiation, so its range cannot be reserved ahead',
  );
}

function hex(byte) {
  return byte.toString(16).padStart(2, '0');
}

/** The active segments of memory 0 in the data section; the reader is at its start. */
function readDataSection(reader, call, end) {
  const segments = [];
  const count = reader.u32('the data segment count');
  for (let index = 0; index < count; index++) {
    const flagsAt = reader.position;
    const flags = reader.u32(`data segment ${index}'s flags`);
    let memory = 0;
    let offset;
    if (flags === ACTIVE_EXPLICIT) memory = reader.u32(`data segment ${index}'s memory index`);
    if (flags === ACTIVE || flags === ACTIVE_EXPLICIT) offset = readOffset(reader, call, index);
    else if (flags !== PASSIVE) throw reader.malformed(`data segment ${index} has flags ${flags}, expected 0, 1 or 2`, flagsAt);
    const size = reader.u32(`data segment ${index}'s size`);
    reader.skip(size, `data segment ${index}`);
    if (reader.position > end) throw reader.malformed(`data segment ${index} runs past the end of the data section`);
    if (offset === undefined || memory !== 0) continue;
    if (offset + size > ADDRESS_SPACE) {
      throw new RangeError(`${call}: data segment ${index} at ${offset} of ${size} bytes ends past ${ADDRESS_SPACE}`);
    }
    segments.push({ index, offset, size });
  }
  return segments;
}

/** Parses `bytes` as a module; returns its active segments of memory 0. */
function readSegments(call, bytes) {
  const reader = new Reader(bytes, call);
  for (let i = 0; i < MAGIC.length; i++) {
    if (reader.byte() !== MAGIC[i]) throw reader.malformed('not a WebAssembly module (no "\\0asm" magic)', 0);
  }
  const version = reader.byte() | (reader.byte() << 8) | (reader.byte() << 16) | (reader.byte() << 24);
  if (version !== VERSION) throw reader.malformed(`version ${version >>> 0}, expected ${VERSION}`, 4);
  let segments = [];
  let seenData = false;
  while (reader.position < reader.length) {
    const idAt = reader.position;
    const id = reader.byte();
    if (id > LAST_SECTION) throw reader.malformed(`unknown section id ${id}`, idAt);
    const size = reader.u32(`section ${id}'s size`);
    const start = reader.position;
    reader.skip(size, `section ${id}`);
    if (id !== DATA_SECTION) continue;
    if (seenData) throw reader.malformed('a second data section', idAt);
    seenData = true;
    const end = reader.position;
    reader.position = start;
    segments = readDataSection(reader, call, end);
    if (reader.position !== end) throw reader.malformed(`${end - reader.position} bytes left over in the data section`);
  }
  return segments;
}

/**
 * Compiles module bytes, as `new WebAssembly.Module(bytes)` does, and
 * remembers a copy of the bytes so that {@link dataSegments} and
 * {@link reserveDataSegments} can read the Module later (the JS API gives
 * no way to get a Module's bytes back). Compilation is synchronous, which
 * some browsers allow on the main thread only for small modules.
 * @param {BufferSource} bytes the module's binary
 * @returns {WebAssembly.Module}
 * @throws {TypeError} when bytes is not an ArrayBuffer or an ArrayBufferView
 * @throws {WebAssembly.CompileError} when the bytes are not a valid module
 * @example
 * const module = compile(wasmBytes);
 * dataSegments(module); // [{ index: 0, offset: 1024, size: 40 }]
 */
export function compile(bytes) {
  const view = viewOf(bytes);
  if (view === undefined) {
    throw new TypeError(`compile(bytes): bytes must be an ArrayBuffer or an ArrayBufferView, got ${describe(bytes)}`);
  }
  const copy = view.slice();
  const module = new WebAssembly.Module(copy);
  compiledBytes.set(module, copy);
  return module;
}

/**
 * The active data segments of memory 0, in the order of the data section.
 * Passive segments and segments of other memories are left out; `index` is
 * the segment's position among all of them. Offsets are unsigned. Memory 0
 * is the shared memory only in a module that imports it (as guests of a
 * heap do); a module with a memory of its own writes its segments there.
 * @param {BufferSource | WebAssembly.Module} source the module's bytes, or a Module made by {@link compile}
 * @returns {{ index: number, offset: number, size: number }[]}
 * @throws {TypeError} when source is not bytes, or a Module not made by compile
 * @throws {RangeError} when the bytes are malformed, an offset is not a constant (`global.get`), or a segment ends past 2^32
 * @example
 * // (data (i32.const 1024) "hello")
 * dataSegments(bytes); // [{ index: 0, offset: 1024, size: 5 }]
 */
export function dataSegments(source) {
  const call = 'dataSegments(source)';
  return readSegments(call, bytesOf(call, 'source', source));
}

/** `modules` as [name, source] pairs, or a TypeError. */
function entriesOf(call, modules) {
  if (modules instanceof Map) {
    const entries = [...modules];
    for (const [name] of entries) {
      if (typeof name !== 'string') throw new TypeError(`${call}: every key of modules must be a string, got ${describe(name)}`);
    }
    return entries;
  }
  if (typeof modules === 'object' && modules !== null && !Array.isArray(modules)) return Object.entries(modules);
  throw new TypeError(`${call}: modules must be an object or a Map of names to module sources, got ${describe(modules)}`);
}

/**
 * Reserves the ranges of the active data segments of several modules that
 * share `heap`'s memory, so no block is ever placed over them (and the heap
 * keeps their bytes through `trim`, see the README).
 *
 * Every pair of segments of different modules is checked first: when two
 * share a byte, nothing is reserved and a RangeError names both modules,
 * their segments and the shared bytes. Segments of one module may overlap
 * (the later one wins in the memory). Ranges are rounded out to 16-byte
 * atoms and merged where they share an atom or touch; each is reserved with
 * `heap.reserve(addr, size)`. When one cannot be (a live block or another
 * reserved span is there), the ranges reserved so far are unreserved, so
 * the heap keeps its layout (memory grown meanwhile stays), and the error
 * is thrown with the modules named.
 *
 * Reserve all modules that share a memory in one call: segments of modules
 * reserved in separate calls must not share an atom.
 * @param {{ reserve(addr: number, size: number): unknown, unreserve(addr: number): unknown }} heap
 *   a Heap from createHeap, or the package itself for the default heap (`import * as hostheap from 'hostheap'`)
 * @param {Record<string, BufferSource | WebAssembly.Module> | Map<string, BufferSource | WebAssembly.Module>} modules
 *   names (for messages) to module bytes or Modules made by {@link compile}
 * @returns {{ addr: number, size: number, modules: string[] }[]} the reserved ranges, in address order
 * @throws {TypeError} when heap has no reserve/unreserve, modules is not an object or Map, or a source is not bytes or a known Module
 * @throws {RangeError} when a module is malformed or has a non-constant offset, segments of two modules overlap, or a range cannot be reserved
 * @example
 * const heap = createHeap();
 * reserveDataSegments(heap, { table: compile(tableBytes), text: textBytes });
 * // [{ addr: 1024, size: 48, modules: ['table'] }, { addr: 4096, size: 64, modules: ['text'] }]
 */
export function reserveDataSegments(heap, modules) {
  const call = 'reserveDataSegments(heap, modules)';
  if (heap === null || typeof heap !== 'object' || typeof heap.reserve !== 'function' || typeof heap.unreserve !== 'function') {
    throw new TypeError(`${call}: heap must be a Heap (with reserve and unreserve), got ${describe(heap)}`);
  }
  // 1. Read every module; nothing has changed yet.
  const segments = [];
  for (const [name, source] of entriesOf(call, modules)) {
    const what = `modules[${JSON.stringify(name)}]`;
    for (const segment of readSegments(`${call}: ${what}`, bytesOf(call, what, source))) {
      if (segment.size > 0) segments.push({ name, ...segment, end: segment.offset + segment.size });
    }
  }
  // 2. Refuse overlaps between modules.
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const a = segments[i];
      const b = segments[j];
      const low = Math.max(a.offset, b.offset);
      const high = Math.min(a.end, b.end);
      if (a.name !== b.name && low < high) throw overlapError(call, a, b, low, high);
    }
  }
  // 3. Round out to atoms, merge what shares an atom or touches, reserve; undo on failure.
  const ranges = mergeRanges(segments);
  const reserved = [];
  for (const range of ranges) {
    try {
      heap.reserve(range.addr, range.size);
    } catch (error) {
      for (const done of reserved.reverse()) heap.unreserve(done.addr);
      if (!(error instanceof RangeError)) throw error;
      const names = range.modules.map((name) => JSON.stringify(name)).join(', ');
      throw new RangeError(
        `${call}: cannot reserve [${range.addr}, ${range.addr + range.size}) for ${names}: ${error.message}`,
        { cause: error },
      );
    }
    reserved.push(range);
  }
  return ranges;
}

function overlapError(call, a, b, low, high) {
  const segment = (s) => `${JSON.stringify(s.name)} segment ${s.index} [${s.offset}, ${s.end})`;
  return new RangeError(`${call}: data segments overlap: ${segment(a)} and ${segment(b)} share bytes [${low}, ${high})`);
}

/** Segment ranges rounded out to atoms, merged where they share or touch, in address order. */
function mergeRanges(segments) {
  const rounded = segments
    .map((s) => ({ start: Math.floor(s.offset / ATOM) * ATOM, end: Math.ceil(s.end / ATOM) * ATOM, name: s.name }))
    .sort((a, b) => a.start - b.start);
  const ranges = [];
  let last;
  for (const { start, end, name } of rounded) {
    if (last !== undefined && start <= last.end) {
      last.end = Math.max(last.end, end);
      if (!last.modules.includes(name)) last.modules.push(name);
    } else {
      last = { start, end, modules: [name] };
      ranges.push(last);
    }
  }
  return ranges.map(({ start, end, modules }) => ({ addr: start, size: end - start, modules }));
}
