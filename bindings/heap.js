// A heap: one WebAssembly.Memory that guest modules import, and the engine
// that places blocks in it. The engine's bookkeeping lives in the
// allocator's own instance (see wasm.js); this file owns what is JavaScript:
// the Memory object, growth and trim, token lifetimes through a
// FinalizationRegistry, respawn callbacks and events.
//
// Every public method checks its arguments before touching anything, so a
// throw leaves the heap as it was. Number checks start with Number.isInteger,
// which never converts: a comparison would call a valueOf of the caller's.

import { Engine, NO_FIT } from './wasm.js';
import {
  ADDRESS_SPACE,
  addrError,
  eventTypeError,
  functionError,
  notLiveError,
  oomError,
  optionError,
  pagesError,
  rethrow,
  sizeError,
  tokenError,
} from './errors.js';
import { Listeners, EVENT_TYPES } from './listeners.js';

/** Bytes in an atom, the unit of alignment. */
export const ATOM = 16;
/** Bytes in a page. */
export const PAGE = 65536;
/** Pages in the 32-bit address space. */
export const MAX_PAGES = 65536;

/** The low bits of a ticket: the block's atom index (see Engine::alloc_owned). */
const TICKET_START_MASK = 0x0fffffff;

/** Atoms that hold `size` bytes, for a checked size from 1 to 2^32. */
function bytesToAtoms(size) {
  return size <= ADDRESS_SPACE - ATOM ? (size + ATOM - 1) >>> 4 : ADDRESS_SPACE / ATOM;
}

/** Whether `token` can be registered with a FinalizationRegistry. */
function isWeakKey(token) {
  return (
    (typeof token === 'object' && token !== null) ||
    typeof token === 'function' ||
    (typeof token === 'symbol' && Symbol.keyFor(token) === undefined)
  );
}

function checkPagesOption(call, name, value, low, high) {
  if (!(Number.isInteger(value) && value >= low && value <= high)) {
    throw optionError(call, name, low, high, value);
  }
}

/**
 * An independent heap: its own memory, engine, events and stats.
 * Create one with {@link createHeap}; the package's top-level functions use a default one.
 */
export class Heap {
  #engine;
  #memory;
  #buffer;
  #i32;
  #maximum;
  /** Frees a token's block when the token is collected; holds tickets. */
  #registry;
  #respawns = [];
  #listeners = new Listeners();
  /** Called first after every resize; the default heap refreshes its live bindings here. */
  #onResize;

  /**
   * @param {{ initial?: number, maximum?: number }} [options]
   * @param {(heap: Heap) => void} [onResize] internal: called with the heap after every resize, before anything else
   */
  constructor(options = {}, onResize = undefined) {
    const call = 'createHeap(options)';
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`${call}: options must be an object, got ${typeof options}`);
    }
    const { initial = 1, maximum = MAX_PAGES } = options;
    checkPagesOption(call, 'options.initial', initial, 1, MAX_PAGES);
    checkPagesOption(call, 'options.maximum', maximum, initial, MAX_PAGES);
    this.#maximum = maximum;
    this.#memory = new WebAssembly.Memory({ initial, maximum });
    this.#engine = new Engine(initial);
    const engine = this.#engine;
    this.#registry = new FinalizationRegistry((ticket) => {
      if (engine.reclaim(ticket) < 0) throw new Error(`hostheap: internal error: unknown ticket ${ticket}`);
    });
    this.#onResize = onResize;
    this.#refresh();
  }

  /** The current memory; a new object after every trim. @type {WebAssembly.Memory} */
  get memory() {
    return this.#memory;
  }

  /** The current buffer; a new object after every resize. @type {ArrayBuffer} */
  get buffer() {
    return this.#buffer;
  }

  /** Older name of {@link Heap#memory}. @type {WebAssembly.Memory} */
  get mem() {
    return this.#memory;
  }

  /** Older name of {@link Heap#buffer}. @type {ArrayBuffer} */
  get buf() {
    return this.#buffer;
  }

  /** An Int32Array over the current buffer. @type {Int32Array} */
  get i32() {
    return this.#i32;
  }

  /** The memory size in 16-byte blocks. @type {number} */
  get cap() {
    return this.#buffer.byteLength / ATOM;
  }

  /**
   * Allocates `size` bytes freed when `token` is garbage-collected, or,
   * without a token, returns a scratch address where `size` bytes are free
   * now (nothing is allocated; the next allocation may reuse it).
   * @param {number} size bytes, an integer from 1 to 2^32
   * @param {WeakKey} [token] an object or a non-registered symbol
   * @returns {number} the address, a multiple of 16
   * @throws {RangeError} when size is out of range, or memory cannot grow enough
   * @throws {TypeError} when size is not a number or token cannot be held weakly
   */
  alloc(size, token) {
    if (!(Number.isInteger(size) && size >= 1 && size <= ADDRESS_SPACE)) {
      throw sizeError(token === undefined ? 'alloc(size)' : 'alloc(size, token)', size);
    }
    const atoms = bytesToAtoms(size);
    if (token === undefined) {
      const addr = this.#engine.scratch(atoms);
      return addr !== NO_FIT ? addr : this.#growThen('alloc(size)', atoms, () => this.#engine.scratch(atoms));
    }
    if (!isWeakKey(token)) throw tokenError('alloc(size, token)', token);
    let ticket = this.#engine.allocOwned(atoms);
    if (ticket < 0) ticket = this.#growThen('alloc(size, token)', atoms, () => this.#engine.allocOwned(atoms));
    const addr = (ticket & TICKET_START_MASK) * ATOM;
    try {
      this.#registry.register(token, ticket);
    } catch (error) {
      this.#engine.reclaim(ticket);
      throw tokenError('alloc(size, token)', token);
    }
    return addr;
  }

  /**
   * Allocates `size` bytes that live until {@link Heap#free}.
   * @param {number} size bytes, an integer from 1 to 2^32
   * @returns {number} the address, a multiple of 16
   * @throws {RangeError} when size is out of range, or memory cannot grow enough
   * @throws {TypeError} when size is not a number
   */
  malloc(size) {
    if (!(Number.isInteger(size) && size >= 1 && size <= ADDRESS_SPACE)) throw sizeError('malloc(size)', size);
    const atoms = bytesToAtoms(size);
    const addr = this.#engine.malloc(atoms);
    return addr !== NO_FIT ? addr : this.#growThen('malloc(size)', atoms, () => this.#engine.malloc(atoms));
  }

  /**
   * Frees the block at `addr`, from {@link Heap#malloc} or {@link Heap#alloc}
   * with a token (then the token's later collection frees nothing).
   * @param {number} addr
   * @throws {RangeError} when addr is not the start of a live block
   * @throws {TypeError} when addr is not a number
   */
  free(addr) {
    // `&` is exact here: addr is an integer below 2^32, and its low bits survive ToInt32.
    if (!(Number.isInteger(addr) && addr >= 0 && addr < ADDRESS_SPACE && (addr & (ATOM - 1)) === 0)) {
      throw addrError('free(addr)', addr);
    }
    if (this.#engine.release(addr) === 0) throw notLiveError('free(addr)', addr);
  }

  /**
   * Grows the memory by `pages` pages of 64 KiB; zero or negative does nothing.
   * @param {number} pages an integer
   * @returns {0 | 1} 0 on success, 1 when the memory cannot grow (after an `oom` event)
   * @throws {RangeError} when pages is not an integer
   * @throws {TypeError} when pages is not a number
   */
  grow(pages) {
    if (!Number.isInteger(pages)) throw pagesError('grow(pages)', pages);
    if (pages <= 0) return 0;
    const errors = [];
    if (this.#grow(pages, errors)) return 0;
    rethrow('grow(pages)', errors);
    return 1;
  }

  /**
   * Gives the free pages at the end of memory back to the host: a smaller
   * memory (same maximum) receives the live prefix, every respawn callback
   * runs, then `trim` and `resize` events. At least one page stays. With
   * nothing to release, nothing changes.
   * @returns {number} the pages released
   * @throws {RangeError} when the host cannot create the smaller memory (nothing changes)
   * @throws {unknown} what a respawn callback or handler threw, after all of them ran
   */
  trim() {
    // 1. Plan; nothing has changed yet.
    const pages = this.#engine.trimTarget();
    const old = this.#memory;
    const oldSize = this.#buffer.byteLength;
    if (pages >= oldSize / PAGE) return 0;
    const liveBytes = (this.#engine.totalAtoms() - this.#engine.tailAtoms()) * ATOM;
    // 2. Build the smaller memory; a failure here leaves the heap as it was.
    let memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: this.#maximum });
    } catch (error) {
      const errors = this.#oom(oldSize / PAGE, pages);
      throw oomError('trim()', pages * PAGE, pages, this.#maximum, [error, ...errors]);
    }
    new Uint8Array(memory.buffer).set(new Uint8Array(old.buffer, 0, liveBytes));
    // 3. Commit, then let guests and handlers follow.
    this.#engine.trim(pages);
    this.#memory = memory;
    this.#refresh();
    const errors = [];
    for (const respawn of this.#respawns) {
      try {
        respawn();
      } catch (error) {
        errors.push(error);
      }
    }
    errors.push(...this.#announce('trim', oldSize));
    rethrow('trim()', errors);
    return oldSize / PAGE - pages;
  }

  /**
   * Registers `respawn`, called after every trim to re-instantiate a guest on
   * the new memory; calls `spawn` now and returns its result.
   * @template T
   * @param {() => T} spawn
   * @param {() => unknown} respawn
   * @returns {T}
   * @throws {TypeError} when either is not a function
   */
  bind(spawn, respawn) {
    if (typeof spawn !== 'function') throw functionError('bind(spawn, respawn)', 'spawn', spawn);
    if (typeof respawn !== 'function') throw functionError('bind(spawn, respawn)', 'respawn', respawn);
    const result = spawn();
    this.#respawns.push(respawn);
    return result;
  }

  /**
   * Calls `fn` after every resize (grow or trim), once the new memory and
   * buffer are in place, until `token` is collected.
   * @param {(event: HeapEvent) => unknown} fn
   * @param {WeakKey} token
   * @throws {TypeError} when fn is not a function or token cannot be held weakly
   */
  watch(fn, token) {
    if (typeof fn !== 'function') throw functionError('watch(fn, token)', 'fn', fn);
    if (!isWeakKey(token)) throw tokenError('watch(fn, token)', token);
    this.#listeners.add('resize', token, fn);
  }

  /**
   * Adds a handler for `type` that lives as long as `token`.
   * @param {'resize' | 'grow' | 'trim' | 'oom'} type
   * @param {WeakKey} token
   * @param {(event: HeapEvent) => unknown} fn
   * @throws {RangeError} when type is an unknown string
   * @throws {TypeError} when type is not a string, token cannot be held weakly or fn is not a function
   */
  on(type, token, fn) {
    const call = 'on(type, token, fn)';
    if (!EVENT_TYPES.includes(type)) throw eventTypeError(call, EVENT_TYPES, type);
    if (!isWeakKey(token)) throw tokenError(call, token);
    if (typeof fn !== 'function') throw functionError(call, 'fn', fn);
    this.#listeners.add(type, token, fn);
  }

  /**
   * Removes `token`'s handler `fn` for `type`, or all its handlers for `type` without `fn`.
   * @param {'resize' | 'grow' | 'trim' | 'oom'} type
   * @param {WeakKey} token
   * @param {(event: HeapEvent) => unknown} [fn]
   * @throws {RangeError} when type is an unknown string
   * @throws {TypeError} when type is not a string, token cannot be held weakly or fn is not a function
   */
  off(type, token, fn) {
    const call = 'off(type, token, fn)';
    if (!EVENT_TYPES.includes(type)) throw eventTypeError(call, EVENT_TYPES, type);
    if (!isWeakKey(token)) throw tokenError(call, token);
    if (fn !== undefined && typeof fn !== 'function') throw functionError(call, 'fn', fn);
    this.#listeners.remove(type, token, fn);
  }

  /** Memory capacity, in bytes. @returns {number} */
  totalBytes() {
    return this.totalAtoms() * ATOM;
  }

  /** Bytes held by live blocks. @returns {number} */
  usedBytes() {
    return this.usedAtoms() * ATOM;
  }

  /** Bytes from the first live block to the end of the last, gaps included. @returns {number} */
  runBytes() {
    return this.runAtoms() * ATOM;
  }

  /** Capacity minus used bytes. @returns {number} */
  freeBytes() {
    return this.freeAtoms() * ATOM;
  }

  /** Free bytes at the start of memory. @returns {number} */
  headBytes() {
    return this.headAtoms() * ATOM;
  }

  /** Free bytes at the end of memory. @returns {number} */
  tailBytes() {
    return this.tailAtoms() * ATOM;
  }

  /** Bytes in the largest free span. @returns {number} */
  largestBytes() {
    return this.largestAtoms() * ATOM;
  }

  /** Memory capacity, in 16-byte atoms. @returns {number} */
  totalAtoms() {
    return this.#engine.totalAtoms();
  }

  /** Atoms held by live blocks. @returns {number} */
  usedAtoms() {
    return this.#engine.usedAtoms();
  }

  /** Atoms from the first live block to the end of the last, gaps included. @returns {number} */
  runAtoms() {
    const used = this.#engine.usedAtoms();
    return used === 0 ? 0 : this.#engine.totalAtoms() - this.#engine.headAtoms() - this.#engine.tailAtoms();
  }

  /** Capacity minus used atoms. @returns {number} */
  freeAtoms() {
    return this.#engine.totalAtoms() - this.#engine.usedAtoms();
  }

  /** Free atoms at the start of memory. @returns {number} */
  headAtoms() {
    return this.#engine.headAtoms();
  }

  /** Free atoms at the end of memory. @returns {number} */
  tailAtoms() {
    return this.#engine.tailAtoms();
  }

  /** Atoms in the largest free span. @returns {number} */
  largestAtoms() {
    return this.#engine.largestAtoms();
  }

  /**
   * The layout, in address order: every live block and free span.
   * @returns {{ addr: number, size: number, free: boolean }[]}
   */
  spans() {
    const triples = this.#engine.spans();
    const spans = [];
    for (let i = 0; i < triples.length; i += 3) {
      spans.push({ addr: triples[i] * ATOM, size: triples[i + 1] * ATOM, free: triples[i + 2] === 1 });
    }
    return spans;
  }

  /** Grows, then runs `retry`, which now fits; throws on OOM. */
  #growThen(call, atoms, retry) {
    const pages = this.#engine.pagesToFit(atoms);
    const errors = [];
    if (!this.#grow(pages, errors)) {
      const request = this.#buffer.byteLength / PAGE + pages;
      throw oomError(call, atoms * ATOM, request, this.#maximum, errors);
    }
    return retry();
  }

  /**
   * Grows by `pages`. When that is not possible, emits `oom`, collects what
   * its handlers threw into `errors` and returns false. Throws what `grow`
   * and `resize` handlers threw, after the growth.
   */
  #grow(pages, errors) {
    const oldSize = this.#buffer.byteLength;
    const current = oldSize / PAGE;
    let refused = pages > this.#maximum - current;
    if (!refused) {
      try {
        this.#memory.grow(pages);
      } catch {
        refused = true; // the host has no memory to back it
      }
    }
    if (refused) {
      errors.push(...this.#oom(current, current + pages));
      return false;
    }
    this.#engine.grow(pages);
    this.#refresh();
    rethrow('grow', this.#announce('grow', oldSize));
    return true;
  }

  /** Emits `oom`; returns what handlers threw. */
  #oom(currentCapacity, requestCapacity) {
    const info = { currentCapacity, requestCapacity, maximumCapacity: this.#maximum };
    return this.#listeners.emit('oom', { type: 'oom', info });
  }

  /** Emits `type`, then `resize`; returns what handlers threw. */
  #announce(type, oldSize) {
    const info = { oldSize, newSize: this.#buffer.byteLength, memory: this.#memory, buffer: this.#buffer };
    return [...this.#listeners.emit(type, { type, info }), ...this.#listeners.emit('resize', { type: 'resize', info })];
  }

  #refresh() {
    this.#buffer = this.#memory.buffer;
    this.#i32 = new Int32Array(this.#buffer);
    this.#onResize?.(this);
  }
}

/**
 * Creates an independent heap with its own memory, events and stats.
 * @param {{ initial?: number, maximum?: number }} [options] sizes in 64 KiB pages: initial from 1 (default 1), maximum up to 65536 (default)
 * @returns {Heap}
 * @throws {RangeError} when a size is out of range
 * @throws {TypeError} when options is not an object
 * @example
 * const heap = createHeap({ initial: 2, maximum: 256 });
 * const addr = heap.malloc(64);
 * heap.free(addr);
 */
export function createHeap(options) {
  return new Heap(options);
}

/** @typedef {{ type: 'resize' | 'grow' | 'trim', info: { oldSize: number, newSize: number, memory: WebAssembly.Memory, buffer: ArrayBuffer } } | { type: 'oom', info: { currentCapacity: number, requestCapacity: number, maximumCapacity: number } }} HeapEvent */
