// A heap: one WebAssembly.Memory that guest modules import, and the engine
// that places blocks in it. The engine's bookkeeping lives in the
// allocator's own instance (see wasm.js); this file owns what is JavaScript:
// the Memory object, growth and trim, token lifetimes through a
// FinalizationRegistry, respawn callbacks and events.
//
// Every public method checks its arguments before touching anything, so a
// throw leaves the heap as it was. Number checks start with Number.isInteger
// or typeof, which never convert: a comparison would call a valueOf of the
// caller's.
//
// The engine manages atoms [0, capacity) of the memory. A heap that manages
// only [start, end) of it (options.start, options.end, or pages another
// party grew in an adopted memory) reserves the rest, so the engine never
// hands it out.

import * as wasm from './wasm.js';
import { NO_FIT } from './wasm.js';
import {
  ADDRESS_SPACE,
  addrError,
  alignError,
  choiceError,
  describe,
  eventTypeError,
  functionError,
  notLiveError,
  oomError,
  optionError,
  overlapError,
  pagesError,
  rethrow,
  sizeError,
  stateError,
  tokenError,
} from './errors.js';
import { Listeners, EVENT_TYPES } from './listeners.js';
import { planHeap } from './options.js';

/** Bytes in an atom, the unit of alignment. */
export const ATOM = 16;
/** Bytes in a page. */
export const PAGE = 65536;
/** Pages in the 32-bit address space. */
export const MAX_PAGES = 65536;
/** Atoms in a page. */
const ATOMS_PER_PAGE = PAGE / ATOM;

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

/** What `spans()` calls the engine's span kinds (see `kindOf` in src/wasm). */
const KINDS = [undefined, 'free', 'strong', 'token', 'reserved'];
const KIND_FREE = 1;
const KIND_TOKEN = 3;
const KIND_RESERVED = 4;

/** The engine's figures, by their numbers for `stat` (see `stat` in src/wasm). */
const STAT_PAGES = 0;
const STAT_TOTAL = 1;
const STAT_USED = 2;
const STAT_HEAD = 3;
const STAT_TAIL = 4;
const STAT_RESERVED = 5;
const STAT_LARGEST = 6;
const STAT_TRIM_TARGET = 7;

/** Why the engine refused a call, by the number it returned (`error_code` in src/wasm). */
const REFUSALS = [
  undefined,
  'no free span is large enough',
  'not the start of a live block',
  'the memory would pass 65536 pages (4 GiB)',
  'trimming that far would cut live blocks',
  'the range is not within the memory',
  'the range overlaps a span in use',
  'not the start of a reserved span',
];

/**
 * Throws when the engine refused `what` (`code` is not 0). The heap checks
 * every such call first, so this only backs the checks up.
 */
function expectDone(what, code) {
  if (code !== 0) throw new RangeError(`hostheap: the engine refused ${what}: ${REFUSALS[code]}`);
}

/** Whether `addr` is an integer multiple of 16 below 2^32. */
function isAddr(addr) {
  // For a number, `addr >>> 0 === addr` holds exactly for the integers
  // from 0 to 2^32 - 1; `typeof` comes first, as `>>>` converts. `&` is
  // exact then: the low bits of such an integer survive ToInt32. 15 is
  // ATOM - 1 written out: V8 reads a module constant from memory on every
  // call, and this test runs on every free.
  return typeof addr === 'number' && addr >>> 0 === addr && (addr & 15) === 0;
}

/** Whether `size` is an integer from 1 to 2^32. */
function isSize(size) {
  return Number.isInteger(size) && size >= 1 && size <= ADDRESS_SPACE;
}

/** The alignment in atoms from an options bag of alloc or malloc; 1 without one. */
function alignAtoms(call, options) {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${call}: options must be an object, got ${describe(options)}`);
  }
  const { align = ATOM } = options;
  // `&` is exact: a power of two up to 2^16 keeps its bits under ToInt32.
  if (!(Number.isInteger(align) && align >= ATOM && align <= PAGE && (align & (align - 1)) === 0)) {
    throw alignError(call, align);
  }
  return align / ATOM;
}

/** Ends the engine of a collected heap, in the allocator's instance. */
const engines = new FinalizationRegistry((engine) => wasm.destroy(engine));

/**
 * An independent heap: its own memory, engine, events and stats.
 * Create one with {@link createHeap}; the package's top-level functions use a default one.
 */
export class Heap {
  /** The engine's address in the allocator's instance, which every call into the wasm takes. */
  #engine;
  #memory;
  #buffer;
  #i32;
  /** The memory's own maximum, in pages. */
  #maximum;
  /** Pages the heap grows the memory to at most; at most #maximum. */
  #limit;
  /** Whether the heap created #memory (and so may replace it on trim). */
  #owned;
  #shared;
  /** The bytes [#start, #end) are the heap's; the rest is reserved. */
  #start;
  #end;
  /** Reserved spans: addr -> size, in bytes, as the engine holds them. */
  #reserved = new Map();
  /** Frees a token's block when the token is collected; holds tickets. */
  #registry;
  #respawns = [];
  #listeners = new Listeners();
  /** The debug log (see debug/log.js), or null. */
  #debug = null;
  /** Called first after every resize; the default heap refreshes its live bindings here. */
  #onResize;

  /**
   * @param {HeapOptions} [options]
   * @param {(heap: Heap) => void} [onResize] internal: called with the heap after every resize, before anything else
   */
  constructor(options = {}, onResize = undefined) {
    const plan = planHeap(options);
    this.#maximum = plan.maximum;
    this.#limit = plan.limit;
    this.#shared = plan.memory === undefined ? plan.shared : !(plan.memory.buffer instanceof ArrayBuffer);
    this.#owned = plan.memory === undefined;
    this.#start = plan.start;
    this.#end = plan.end;
    if (plan.memory === undefined) {
      const { initial, maximum, shared } = plan;
      this.#memory = new WebAssembly.Memory(shared ? { initial, maximum, shared } : { initial, maximum });
    } else {
      this.#memory = plan.memory;
      const pages = plan.memory.buffer.byteLength / PAGE;
      if (pages < plan.initial) {
        try {
          plan.memory.grow(plan.initial - pages);
        } catch (cause) {
          throw new RangeError(`createHeap(options): options.memory cannot grow to the ${plan.initial} pages the heap needs`, { cause });
        }
      }
    }
    const pages = this.#memory.buffer.byteLength / PAGE;
    const engine = wasm.create(pages);
    engines.register(this, engine);
    this.#engine = engine;
    // The callback holds `this`, so the heap, and with it its engine,
    // outlives any callback still to run.
    this.#registry = new FinalizationRegistry((ticket) => {
      // A moved block's ticket keeps its first address: ask where it is now.
      const addr = this.#debug === null ? NO_FIT : wasm.ticketBlock(engine, ticket);
      const atoms = wasm.reclaim(engine, ticket);
      if (atoms < 0) throw new Error(`hostheap: internal error: unknown ticket ${ticket}`);
      if (atoms > 0 && addr !== NO_FIT) this.#debug?.freed(addr, atoms * ATOM);
    });
    if (this.#start > 0) this.#reserveAtoms(0, Math.ceil(this.#start / ATOM));
    this.#reserveOutside(pages);
    this.#onResize = onResize;
    this.#refresh();
    if (plan.Log !== undefined) this.#debug = new plan.Log(this);
  }

  /** The current memory; a new object after every trim. @type {WebAssembly.Memory} */
  get memory() {
    return this.#memory;
  }

  /** The current buffer; a new object after every resize. @type {ArrayBuffer | SharedArrayBuffer} */
  get buffer() {
    return this.#buffer;
  }

  /** Older name of {@link Heap#memory}. @type {WebAssembly.Memory} */
  get mem() {
    return this.#memory;
  }

  /** Older name of {@link Heap#buffer}. @type {ArrayBuffer | SharedArrayBuffer} */
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
   * Pages the heap may grow the memory to; growth past it is refused with an
   * `oom` event. Set it anywhere from 1 to the memory's maximum.
   * @type {number}
   * @throws {RangeError} when set outside 1 to the maximum
   * @throws {TypeError} when set to a non-number
   */
  get limit() {
    return this.#limit;
  }

  set limit(pages) {
    if (!(Number.isInteger(pages) && pages >= 1 && pages <= this.#maximum)) {
      throw optionError('limit = pages', 'pages', 1, this.#maximum, pages);
    }
    this.#limit = pages;
  }

  /** The memory's own maximum, in pages. @type {number} */
  get maximum() {
    return this.#maximum;
  }

  /**
   * Allocates `size` bytes freed when `token` is garbage-collected, or,
   * without a token, returns a scratch address where `size` bytes are free
   * now (nothing is allocated; the next allocation may reuse it).
   * @param {number} size bytes, an integer from 1 to 2^32
   * @param {WeakKey} [token] an object or a non-registered symbol
   * @param {{ align?: number }} [options] `align`: a power of two from 16 (default) to 65536
   * @returns {number} the address, a multiple of 16 (of `align`)
   * @throws {RangeError} when size or align is out of range, or memory cannot grow enough
   * @throws {TypeError} when size is not a number or token cannot be held weakly
   */
  alloc(size, token, options) {
    // The common call first, as in `malloc`: an integer size from 1 to
    // 2^32 - 1, an object token, no options, no debug log. `register`
    // cannot refuse an object, so it needs no `try` here (see #register).
    if (typeof size === 'number' && size >>> 0 === size && size !== 0 && typeof token === 'object' && token !== null &&
        options === undefined && this.#debug === null) {
      const ticket = wasm.allocOwned(this.#engine, ((size - 1) >>> 4) + 1);
      if (ticket >= 0) {
        this.#registry.register(token, ticket);
        // TICKET_START_MASK and ATOM written out, as in `malloc`.
        return (ticket & 0x0fffffff) * 16;
      }
    }
    return this.#allocChecked(size, token, options);
  }

  /** `alloc` past its common call: every check, then options, growth and the debug log. */
  #allocChecked(size, token, options) {
    if (!isSize(size)) throw sizeError(token === undefined ? 'alloc(size)' : 'alloc(size, token)', size);
    const atoms = bytesToAtoms(size);
    if (options !== undefined) return this.#allocAligned(size, token, atoms, alignAtoms('alloc(size, token, options)', options));
    if (token === undefined) {
      const addr = wasm.scratch(this.#engine, atoms);
      return addr !== NO_FIT ? addr : this.#growAndRetry('alloc(size)', size, atoms, wasm.scratch);
    }
    if (!isWeakKey(token)) throw tokenError('alloc(size, token)', token);
    let ticket = wasm.allocOwned(this.#engine, atoms);
    if (ticket < 0) ticket = this.#growAndRetry('alloc(size, token)', size, atoms, wasm.allocOwned);
    return this.#register(ticket, token, 'alloc(size, token)');
  }

  /**
   * Allocates `size` bytes that live until {@link Heap#free}.
   * @param {number} size bytes, an integer from 1 to 2^32
   * @param {{ align?: number }} [options] `align`: a power of two from 16 (default) to 65536
   * @returns {number} the address, a multiple of 16 (of `align`)
   * @throws {RangeError} when size or align is out of range, or memory cannot grow enough
   * @throws {TypeError} when size is not a number
   */
  malloc(size, options) {
    // The common call first, in as few steps as the checks allow: an
    // integer size from 1 to 2^32 - 1 (as in `isAddr`), no options, no
    // debug log. Anything else, 2^32 included, takes every check.
    if (!(typeof size === 'number' && size >>> 0 === size && size !== 0) || options !== undefined || this.#debug !== null) {
      return this.#mallocChecked(size, options);
    }
    // ceil(size / 16) without passing 2^32, which `>>>` would wrap.
    const atoms = ((size - 1) >>> 4) + 1;
    const addr = wasm.malloc(this.#engine, atoms);
    // NO_FIT written out, as ATOM is in `isAddr`: an imported binding is
    // read from memory, and checked, on every call.
    return addr !== 0xffffffff ? addr : this.#growAndRetry('malloc(size)', size, atoms, wasm.malloc);
  }

  /**
   * Allocates `count` elements of `size` bytes, zeroed, that live until {@link Heap#free}.
   * @param {number} count an integer from 1
   * @param {number} size bytes per element, an integer from 1
   * @returns {number} the address, a multiple of 16
   * @throws {RangeError} when count × size is above 2^32, or memory cannot grow enough
   * @throws {TypeError} when count or size is not a number
   */
  calloc(count, size) {
    const call = 'calloc(count, size)';
    if (!isSize(count)) throw choiceError(call, 'count', `an integer from 1 to ${ADDRESS_SPACE}`, count);
    if (!isSize(size)) throw choiceError(call, 'size', `an integer from 1 to ${ADDRESS_SPACE}`, size);
    const bytes = count * size;
    if (bytes > ADDRESS_SPACE) {
      throw new RangeError(`${call}: ${count} × ${size} = ${bytes} bytes is more than the ${ADDRESS_SPACE} of the address space`);
    }
    const addr = this.#mallocAligned(bytes, undefined, call);
    new Uint8Array(this.#buffer, addr, bytes).fill(0);
    return addr;
  }

  /**
   * Resizes the block at `addr` to `size` bytes, keeping its contents up to
   * the smaller size and its kind (a token's block keeps its token). It
   * shrinks in place, grows in place when the span after it is free, and
   * otherwise moves (copying).
   * @param {number} addr the start of a live block
   * @param {number} size bytes, an integer from 1 to 2^32
   * @returns {number} the block's address now
   * @throws {RangeError} when addr is not a live block, size is out of range, or memory cannot grow enough
   * @throws {TypeError} when addr or size is not a number
   */
  realloc(addr, size) {
    const call = 'realloc(addr, size)';
    if (!isAddr(addr)) throw addrError(call, addr);
    if (!isSize(size)) throw sizeError(call, size);
    const engine = this.#engine;
    const oldAtoms = wasm.sizeOf(engine, addr);
    if (oldAtoms === 0) throw notLiveError(call, addr);
    const atoms = bytesToAtoms(size);
    let moved = wasm.realloc(engine, addr, atoms);
    if (moved === NO_FIT) moved = this.#growThen(call, size, atoms, 1, () => wasm.realloc(engine, addr, atoms), () => wasm.wanted(engine));
    if (moved !== addr) {
      const bytes = Math.min(oldAtoms, atoms) * ATOM;
      new Uint8Array(this.#buffer).copyWithin(moved, addr, addr + bytes);
    }
    this.#debug?.moved(addr, oldAtoms * ATOM, moved, atoms * ATOM);
    return moved;
  }

  /**
   * Frees the block at `addr`, from {@link Heap#malloc} or {@link Heap#alloc}
   * with a token (then the token's later collection frees nothing).
   * @param {number} addr
   * @throws {RangeError} when addr is not the start of a live block
   * @throws {TypeError} when addr is not a number
   */
  free(addr) {
    // Only integers from 0 to 2^32 - 1 reach the engine; it frees nothing
    // at an address that is not a multiple of 16, and is asked why after.
    if (!(typeof addr === 'number' && addr >>> 0 === addr)) throw addrError('free(addr)', addr);
    const atoms = wasm.release(this.#engine, addr);
    if (atoms === 0) throw isAddr(addr) ? notLiveError('free(addr)', addr) : addrError('free(addr)', addr);
    this.#debug?.freed(addr, atoms * ATOM);
  }

  /**
   * Ties the strong block at `addr` to `token`: it is freed when the token
   * is collected (or by {@link Heap#free} before that).
   * @param {number} addr the start of a block from malloc (or untied)
   * @param {WeakKey} token
   * @throws {RangeError} when addr is not a strong live block
   * @throws {TypeError} when addr is not a number or token cannot be held weakly
   */
  tie(addr, token) {
    const call = 'tie(addr, token)';
    if (!isAddr(addr)) throw addrError(call, addr);
    if (!isWeakKey(token)) throw tokenError(call, token);
    if (wasm.kindOf(this.#engine, addr) === KIND_TOKEN) throw new RangeError(`${call}: the block at ${addr} is tied to a token already`);
    const ticket = wasm.tie(this.#engine, addr);
    if (ticket < 0) throw notLiveError(call, addr);
    this.#register(ticket, token, call, false);
    this.#debug?.retyped(addr, 'token');
  }

  /**
   * Makes the token's block at `addr` strong: it outlives its token and
   * lives until {@link Heap#free}.
   * @param {number} addr the start of a block allocated with a token
   * @throws {RangeError} when addr is not a token's live block
   * @throws {TypeError} when addr is not a number
   */
  untie(addr) {
    const call = 'untie(addr)';
    if (!isAddr(addr)) throw addrError(call, addr);
    if (!wasm.untie(this.#engine, addr)) {
      if (wasm.sizeOf(this.#engine, addr) === 0) throw notLiveError(call, addr);
      throw new RangeError(`${call}: the block at ${addr} is tied to no token`);
    }
    this.#debug?.retyped(addr, 'strong');
  }

  /**
   * Reserves the bytes `[addr, addr + size)`, widened to whole 16-byte
   * atoms, so the heap never hands them out: data segments, a stack,
   * another allocator's area. Grows the memory when the range reaches past it.
   * Reserved bytes keep their contents across trim, even when a respawned
   * guest rewrites its data segments.
   * @param {number} addr a byte address, an integer
   * @param {number} size bytes, an integer from 1
   * @returns {number} the address of the reserved span (addr rounded down to 16)
   * @throws {RangeError} when the range overlaps a live block or reserved span, passes 2^32, or memory cannot grow enough
   * @throws {TypeError} when addr or size is not a number
   */
  reserve(addr, size) {
    const call = 'reserve(addr, size)';
    if (!(Number.isInteger(addr) && addr >= 0 && addr < ADDRESS_SPACE)) {
      throw choiceError(call, 'addr', `an integer from 0 to ${ADDRESS_SPACE - 1}`, addr);
    }
    if (!(isSize(size) && addr + size <= ADDRESS_SPACE)) {
      throw choiceError(call, 'size', `an integer from 1 to ${ADDRESS_SPACE - addr}`, size);
    }
    const start = Math.floor(addr / ATOM);
    const atoms = Math.ceil((addr + size) / ATOM) - start;
    this.#checkFree(call, addr, size, start, atoms);
    const pages = Math.ceil((start + atoms) / ATOMS_PER_PAGE) - wasm.stat(this.#engine, STAT_PAGES);
    if (pages > 0) {
      const errors = [];
      if (!this.#grow(pages, errors)) {
        const what = `the range up to ${(start + atoms) * ATOM}`;
        throw oomError(call, what, wasm.stat(this.#engine, STAT_PAGES) + pages, this.#ceiling(), errors);
      }
    }
    this.#reserveAtoms(start, atoms);
    return start * ATOM;
  }

  /**
   * Frees the reserved span at `addr`; the heap may hand its bytes out again.
   * @param {number} addr the address {@link Heap#reserve} returned
   * @throws {RangeError} when no reserved span starts at addr
   * @throws {TypeError} when addr is not a number
   */
  unreserve(addr) {
    const call = 'unreserve(addr)';
    if (!isAddr(addr)) throw addrError(call, addr);
    if (!this.#reserved.has(addr)) throw new RangeError(`${call}: ${addr} is not the start of a reserved span`);
    this.#unreserve(addr);
  }

  /**
   * Grows the memory by `pages` pages of 64 KiB; zero or negative does nothing.
   * When the limit or the host refuses, `oom` handlers run and the growth
   * is tried once more.
   * @param {number} pages an integer
   * @returns {0 | 1} 0 on success, 1 when the memory cannot grow (after an `oom` event)
   * @throws {RangeError} when pages is not an integer
   * @throws {TypeError} when pages is not a number
   */
  grow(pages) {
    if (!Number.isInteger(pages)) throw pagesError('grow(pages)', pages);
    if (pages <= 0) return 0;
    const errors = [];
    if (this.#grow(pages, errors) || this.#grow(pages, errors, true)) {
      rethrow('grow(pages)', errors);
      return 0;
    }
    rethrow('grow(pages)', errors);
    return 1;
  }

  /**
   * Gives the free pages at the end of memory back to the host: a smaller
   * memory (same maximum) receives the live prefix, every respawn callback
   * runs, the reserved spans get their bytes back, then `trim` and `resize`
   * events. At least one page stays. With nothing to release, nothing changes.
   * @returns {number} the pages released
   * @throws {Error} when the heap cannot replace its memory: it adopted it (options.memory) or it is shared
   * @throws {RangeError} when the host cannot create the smaller memory (nothing changes)
   * @throws {unknown} what a respawn callback or handler threw, after all of them ran
   */
  trim() {
    // 1. Plan; nothing has changed yet.
    if (!this.#owned || this.#shared) {
      const why = this.#shared
        ? 'a shared memory cannot be replaced while other threads hold it; it keeps its size'
        : 'the heap adopted its memory (options.memory), which its owner holds; it keeps its size';
      throw stateError('trim()', why);
    }
    const engine = this.#engine;
    // The span past options.end is no reason to keep pages: plan without it.
    const endSpan = this.#endSpan();
    if (endSpan !== undefined) this.#unreserve(endSpan);
    const pages = wasm.stat(engine, STAT_TRIM_TARGET);
    const old = this.#memory;
    const oldSize = this.#buffer.byteLength;
    if (pages >= oldSize / PAGE) {
      this.#reserveOutside(wasm.stat(engine, STAT_PAGES));
      return 0;
    }
    const liveBytes = (wasm.stat(engine, STAT_TOTAL) - wasm.stat(engine, STAT_TAIL)) * ATOM;
    // 2. Build the smaller memory; a failure here leaves the heap as it was.
    let memory;
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: this.#maximum });
    } catch (error) {
      this.#reserveOutside(wasm.stat(engine, STAT_PAGES));
      const errors = this.#oom(oldSize / PAGE, pages);
      throw oomError('trim()', `a new memory of ${pages * PAGE} bytes`, pages, this.#ceiling(), [error, ...errors]);
    }
    new Uint8Array(memory.buffer).set(new Uint8Array(old.buffer, 0, liveBytes));
    // 3. Commit, then let guests and handlers follow.
    expectDone(`to trim to ${pages} pages`, wasm.trim(engine, pages));
    this.#reserveOutside(pages);
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
    // Respawned guests rewrote their data segments; reserved bytes are not theirs to reset.
    const bytes = new Uint8Array(this.#buffer);
    for (const [addr, size] of this.#reserved) bytes.set(new Uint8Array(old.buffer, addr, size), addr);
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

  /**
   * Checks every invariant of the heap that the layout shows: spans that
   * tile the memory, free spans never side by side, figures that add up,
   * the memory's size and the reserved spans. The development build (the
   * `development` import condition) first walks the engine's own
   * invariants too: indexes that agree with the layout, summaries that
   * agree with their words.
   * @throws {Error} describing the first violation found
   */
  check() {
    const engine = this.#engine;
    const violation = wasm.check?.(engine);
    if (violation !== undefined) throw new Error(`check(): ${violation}`);
    const fail = (what) => {
      throw new Error(`check(): ${what}`);
    };
    const spans = this.spans();
    let end = 0;
    let used = 0;
    let reserved = 0;
    let largest = 0;
    for (const [i, { addr, size, kind }] of spans.entries()) {
      if (addr !== end) fail(`the span at byte ${addr} does not start where the one before ends (${end})`);
      if (!(size > 0 && size % ATOM === 0)) fail(`the span at byte ${addr} has ${size} bytes`);
      if (kind === 'free' && spans[i - 1]?.kind === 'free') fail(`the free span at byte ${addr} touches the free span before it`);
      if (kind === 'strong' || kind === 'token') used += size;
      else if (kind === 'reserved') reserved += size;
      else if (kind === 'free') largest = Math.max(largest, size);
      else fail(`the span at byte ${addr} is of no known kind`);
      end = addr + size;
    }
    const figures = [
      ['capacity', end, wasm.stat(engine, STAT_TOTAL)],
      ['bytes in live blocks', used, wasm.stat(engine, STAT_USED)],
      ['bytes in reserved spans', reserved, wasm.stat(engine, STAT_RESERVED)],
      ['largest free span', largest, wasm.stat(engine, STAT_LARGEST)],
      ['free head', spans[0]?.kind === 'free' ? spans[0].size : 0, wasm.stat(engine, STAT_HEAD)],
      ['free tail', spans.at(-1)?.kind === 'free' ? spans.at(-1).size : 0, wasm.stat(engine, STAT_TAIL)],
    ];
    for (const [what, seen, counted] of figures) {
      if (seen !== counted * ATOM) fail(`the spans give a ${what} of ${seen} bytes, the engine counts ${counted * ATOM}`);
    }
    const pages = this.#memory.buffer.byteLength / PAGE;
    if (this.#owned && pages !== wasm.stat(engine, STAT_PAGES)) {
      fail(`the memory has ${pages} pages, the engine manages ${wasm.stat(engine, STAT_PAGES)}`);
    }
    const reservedSpans = spans.filter((span) => span.kind === 'reserved');
    const same = reservedSpans.length === this.#reserved.size && reservedSpans.every(({ addr, size }) => this.#reserved.get(addr) === size);
    if (!same) fail(`the heap's ${this.#reserved.size} reserved spans differ from the engine's ${reservedSpans.length}`);
  }

  /**
   * The live blocks of a heap made by `createDebugHeap` (hostheap/debug), in address
   * order, with their sizes, kinds and the stack that allocated them.
   * @returns {{ addr: number, size: number, kind: 'strong' | 'token', site: string }[]}
   * @throws {Error} when the heap keeps no log
   */
  leaks() {
    if (this.#debug === null) throw stateError('leaks()', 'the heap keeps no log: create it with createDebugHeap of hostheap/debug');
    return this.#debug.leaks();
  }

  /** Memory capacity, in bytes. @returns {number} */
  totalBytes() {
    return this.totalAtoms() * ATOM;
  }

  /** Bytes held by live blocks. @returns {number} */
  usedBytes() {
    return this.usedAtoms() * ATOM;
  }

  /** Bytes from the first block or reserved span to the end of the last, gaps included. @returns {number} */
  runBytes() {
    return this.runAtoms() * ATOM;
  }

  /** Capacity minus used and reserved bytes. @returns {number} */
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

  /** Bytes in reserved spans. @returns {number} */
  reservedBytes() {
    return this.reservedAtoms() * ATOM;
  }

  /** Memory capacity, in 16-byte atoms. @returns {number} */
  totalAtoms() {
    return wasm.stat(this.#engine, STAT_TOTAL);
  }

  /** Atoms held by live blocks. @returns {number} */
  usedAtoms() {
    return wasm.stat(this.#engine, STAT_USED);
  }

  /** Atoms from the first block or reserved span to the end of the last, gaps included. @returns {number} */
  runAtoms() {
    const engine = this.#engine;
    const inUse = wasm.stat(engine, STAT_USED) + wasm.stat(engine, STAT_RESERVED);
    return inUse === 0 ? 0 : wasm.stat(engine, STAT_TOTAL) - wasm.stat(engine, STAT_HEAD) - wasm.stat(engine, STAT_TAIL);
  }

  /** Capacity minus used and reserved atoms. @returns {number} */
  freeAtoms() {
    const engine = this.#engine;
    return wasm.stat(engine, STAT_TOTAL) - wasm.stat(engine, STAT_USED) - wasm.stat(engine, STAT_RESERVED);
  }

  /** Free atoms at the start of memory. @returns {number} */
  headAtoms() {
    return wasm.stat(this.#engine, STAT_HEAD);
  }

  /** Free atoms at the end of memory. @returns {number} */
  tailAtoms() {
    return wasm.stat(this.#engine, STAT_TAIL);
  }

  /** Atoms in the largest free span. @returns {number} */
  largestAtoms() {
    return wasm.stat(this.#engine, STAT_LARGEST);
  }

  /** Atoms in reserved spans. @returns {number} */
  reservedAtoms() {
    return wasm.stat(this.#engine, STAT_RESERVED);
  }

  /**
   * The layout, in address order: every live block, reserved span and free span.
   * @returns {{ addr: number, size: number, free: boolean, kind: 'free' | 'strong' | 'token' | 'reserved' }[]}
   */
  spans() {
    const engine = this.#engine;
    const end = wasm.stat(engine, STAT_TOTAL) * ATOM;
    const spans = [];
    for (let addr = 0; addr < end; ) {
      const size = wasm.spanAtoms(engine, addr) * ATOM;
      const kind = wasm.kindOf(engine, addr);
      spans.push({ addr, size, free: kind === KIND_FREE, kind: KINDS[kind] });
      if (size === 0) break; // no span starts here: a broken layout, which check() reports
      addr += size;
    }
    return spans;
  }

  /**
   * Registers a token's block (new unless `fresh` is false); returns its
   * address. `register` refuses a symbol on a runtime that cannot hold
   * one weakly (Node 20); it never refuses an object.
   */
  #register(ticket, token, call, fresh = true) {
    const addr = (ticket & TICKET_START_MASK) * ATOM;
    try {
      this.#registry.register(token, ticket);
    } catch {
      if (fresh) wasm.reclaim(this.#engine, ticket);
      else wasm.untie(this.#engine, addr);
      throw tokenError(call, token);
    }
    if (fresh) this.#debug?.allocated(addr, wasm.sizeOf(this.#engine, addr) * ATOM, 'token');
    return addr;
  }

  /** `malloc` past its common call: every check, then options and the debug log. */
  #mallocChecked(size, options) {
    if (!isSize(size)) throw sizeError('malloc(size)', size);
    const atoms = bytesToAtoms(size);
    if (options !== undefined || this.#debug !== null) return this.#mallocAligned(size, options);
    const addr = wasm.malloc(this.#engine, atoms);
    return addr !== NO_FIT ? addr : this.#growAndRetry('malloc(size)', size, atoms, wasm.malloc);
  }

  /**
   * `#growThen` with `alloc(engine, atoms)` as the retry, `alloc` being
   * `wasm.malloc`, `wasm.allocOwned` or `wasm.scratch`. The closure is
   * made here, not in the callers: a function that makes one pays for its
   * context on every call, the fast path included.
   */
  #growAndRetry(call, size, atoms, alloc) {
    const engine = this.#engine;
    return this.#growThen(call, size, atoms, 1, () => alloc(engine, atoms));
  }

  /** `malloc` with options, or in debug mode. */
  #mallocAligned(size, options, call = options === undefined ? 'malloc(size)' : 'malloc(size, options)') {
    const atoms = bytesToAtoms(size);
    const align = options === undefined ? 1 : alignAtoms(call, options);
    const engine = this.#engine;
    const alloc = () => wasm.mallocAligned(engine, atoms, align);
    let addr = alloc();
    if (addr === NO_FIT) addr = this.#growThen(call, size, atoms, align, alloc);
    this.#debug?.allocated(addr, atoms * ATOM, 'strong');
    return addr;
  }

  /** `alloc` with an alignment of `align` atoms. */
  #allocAligned(size, token, atoms, align) {
    const engine = this.#engine;
    if (token === undefined) {
      const scratch = () => wasm.scratchAligned(engine, atoms, align);
      const addr = scratch();
      return addr !== NO_FIT ? addr : this.#growThen('alloc(size, undefined, options)', size, atoms, align, scratch);
    }
    const call = 'alloc(size, token, options)';
    if (!isWeakKey(token)) throw tokenError(call, token);
    const alloc = () => wasm.allocOwnedAligned(engine, atoms, align);
    let ticket = alloc();
    if (ticket < 0) ticket = this.#growThen(call, size, atoms, align, alloc);
    return this.#register(ticket, token, call);
  }

  /**
   * Grows so that `atoms` atoms at a multiple of `align` fit, then runs
   * `retry`. When growth is refused, `oom` handlers run and `retry` runs
   * once more (they may have freed blocks or raised the limit), growing
   * again if it must; after a second refusal, throws.
   * @param {() => number} retry the operation; NO_FIT or a negative number when it does not fit
   * @param {() => number} [wanted] pages to grow by, when not those for `atoms` at the end
   */
  #growThen(call, size, atoms, align, retry, wanted = () => wasm.pagesToFitAligned(this.#engine, atoms, align)) {
    const errors = [];
    let refusals = 0;
    for (;;) {
      // Pages another party grew an adopted memory by may come between: then ask again.
      const pages = Math.max(1, wanted());
      if (this.#grow(pages, errors, refusals > 0)) {
        const result = retry();
        if (result !== NO_FIT && result >= 0) {
          rethrow(call, errors);
          return result;
        }
        continue;
      }
      if (++refusals === 2) {
        throw oomError(call, `size ${size}`, wasm.stat(this.#engine, STAT_PAGES) + pages, this.#ceiling(), errors);
      }
      const result = retry();
      if (result !== NO_FIT && result >= 0) {
        rethrow(call, errors);
        return result;
      }
    }
  }

  /**
   * Grows by `pages`. When the limit or the host refuses, emits `oom`
   * (unless `quiet`: the retry after one), collects what its handlers threw
   * into `errors` and returns false. Throws what `grow` and `resize`
   * handlers threw, after the growth.
   */
  #grow(pages, errors, quiet = false) {
    const oldSize = this.#buffer.byteLength;
    const current = wasm.stat(this.#engine, STAT_PAGES);
    let refused = pages > this.#ceiling() - current;
    if (!refused) {
      try {
        this.#memory.grow(pages);
      } catch {
        refused = true; // the host has no memory to back it, or a maximum below ours
      }
    }
    if (refused) {
      if (!quiet) errors.push(...this.#oom(current, current + pages));
      return false;
    }
    // An adopted memory may have grown by others too: those pages are theirs.
    const now = this.#memory.buffer.byteLength / PAGE;
    expectDone(`to grow by ${now - current} pages`, wasm.grow(this.#engine, now - current));
    if (now - current > pages) this.#reserveAtoms(current * ATOMS_PER_PAGE, (now - current - pages) * ATOMS_PER_PAGE);
    this.#reserveOutside(now);
    this.#refresh();
    rethrow('grow', this.#announce('grow', oldSize));
    return true;
  }

  /** Emits `oom`; returns what handlers threw. */
  #oom(currentCapacity, requestCapacity) {
    const info = { currentCapacity, requestCapacity, maximumCapacity: this.#ceiling() };
    return this.#listeners.emit('oom', { type: 'oom', info });
  }

  /** Emits `type`, then `resize`; returns what handlers threw. */
  #announce(type, oldSize) {
    const info = { oldSize, newSize: this.#buffer.byteLength, memory: this.#memory, buffer: this.#buffer };
    return [...this.#listeners.emit(type, { type, info }), ...this.#listeners.emit('resize', { type: 'resize', info })];
  }

  /** Pages the heap may grow to: the limit, and no further than options.end needs. */
  #ceiling() {
    return Math.min(this.#limit, Math.ceil(this.#end / PAGE));
  }

  /** Throws when atoms `[start, start + atoms)`, which hold bytes `[addr, addr + size)`, overlap a span in use. */
  #checkFree(call, addr, size, start, atoms) {
    const span = wasm.overlap(this.#engine, start, atoms);
    if (span === NO_FIT) return;
    const what = wasm.kindOf(this.#engine, span) === KIND_RESERVED ? 'reserved span' : 'live block';
    throw overlapError(call, addr, size, start * ATOM, (start + atoms) * ATOM, span, what);
  }

  #reserveAtoms(start, atoms) {
    expectDone(`to reserve ${atoms} atoms at atom ${start}`, wasm.reserve(this.#engine, start, atoms));
    this.#reserved.set(start * ATOM, atoms * ATOM);
  }

  #unreserve(addr) {
    wasm.unreserve(this.#engine, addr);
    this.#reserved.delete(addr);
  }

  /** The start of the reserved span past options.end, if the memory reaches it. */
  #endSpan() {
    const addr = Math.ceil(this.#end / ATOM) * ATOM;
    return this.#reserved.has(addr) && this.#end < ADDRESS_SPACE ? addr : undefined;
  }

  /** Reserves what lies past options.end within `pages` pages, once. */
  #reserveOutside(pages) {
    const start = Math.ceil(this.#end / ATOM);
    const end = pages * ATOMS_PER_PAGE;
    if (start < end && !this.#reserved.has(start * ATOM)) this.#reserveAtoms(start, end - start);
  }

  #refresh() {
    this.#buffer = this.#memory.buffer;
    this.#i32 = new Int32Array(this.#buffer);
    this.#onResize?.(this);
  }
}

/**
 * Creates an independent heap with its own memory (or one it adopts), events and stats.
 * @param {HeapOptions} [options]
 * @returns {Heap}
 * @throws {RangeError} when a size is out of range
 * @throws {TypeError} when options is not an object, or an option has the wrong type
 * @example
 * const heap = createHeap({ initial: 2, maximum: 256 });
 * const addr = heap.malloc(64);
 * heap.free(addr);
 */
export function createHeap(options) {
  return new Heap(options);
}

/**
 * @typedef {object} HeapOptions
 * @property {number} [initial] pages at the start, from 1 (default: 1, or enough to hold `start`)
 * @property {number} [maximum] the memory's maximum in pages, up to 65536 (default); required with `shared`
 * @property {number} [limit] pages the heap grows to at most (default: `maximum`); see {@link Heap#limit}
 * @property {WebAssembly.Memory} [memory] a memory to adopt instead of creating one
 * @property {boolean} [shared] create a shared memory (SharedArrayBuffer) for workers
 * @property {number} [start] manage only bytes from here on (e.g. `__heap_base`); below is reserved
 * @property {number} [heapBase] the same as `start`
 * @property {number} [end] manage only bytes below this; the heap never grows the memory past it
 */

/** @typedef {{ type: 'resize' | 'grow' | 'trim', info: { oldSize: number, newSize: number, memory: WebAssembly.Memory, buffer: ArrayBuffer | SharedArrayBuffer } } | { type: 'oom', info: { currentCapacity: number, requestCapacity: number, maximumCapacity: number } }} HeapEvent */
