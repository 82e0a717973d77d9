// Types of the hostheap package. Sizes and addresses are bytes; `…Atoms`
// stats count 16-byte atoms; `pages` are 64 KiB.

/** A value a FinalizationRegistry can watch: an object, a function or a non-registered symbol. */
export type Token = object | symbol;

/** What a `resize`, `grow` or `trim` handler receives. */
export interface ResizeEvent {
  type: 'resize' | 'grow' | 'trim';
  info: {
    /** Memory size before, in bytes. */
    oldSize: number;
    /** Memory size after, in bytes. */
    newSize: number;
    /** The memory now in use. */
    memory: WebAssembly.Memory;
    /** Its buffer. */
    buffer: ArrayBuffer | SharedArrayBuffer;
  };
}

/** What an `oom` handler receives; capacities in pages. */
export interface OomEvent {
  type: 'oom';
  info: { currentCapacity: number; requestCapacity: number; maximumCapacity: number };
}

export type HeapEvent = ResizeEvent | OomEvent;

export interface HeapEventMap {
  resize: ResizeEvent;
  grow: ResizeEvent;
  trim: ResizeEvent;
  oom: OomEvent;
}

/** Options of {@link createHeap}; sizes in 64 KiB pages, addresses in bytes. */
export interface HeapOptions {
  /** Pages at the start, 1 to 65536; default 1, or enough to hold `start`. Not with `memory`. */
  initial?: number;
  /** The memory's maximum in pages, `initial` to 65536; default 65536. Required with `shared`. */
  maximum?: number;
  /** Pages the heap grows the memory to at most, 1 to `maximum`; default `maximum`. */
  limit?: number;
  /** A memory to adopt (one a module exports, an Emscripten heap) instead of creating one. */
  memory?: WebAssembly.Memory;
  /** Create a shared memory (a SharedArrayBuffer) that workers can import. */
  shared?: boolean;
  /** Manage only bytes from here on, e.g. a module's `__heap_base`; the bytes below are reserved. */
  start?: number;
  /** The same as `start`. */
  heapBase?: number;
  /** Manage only bytes below this; the heap never grows the memory past the page that holds it. */
  end?: number;
}

/** One span of the layout. */
export interface Span {
  addr: number;
  size: number;
  /** Whether the span is free (the same as `kind === 'free'`). */
  free: boolean;
  /** What the span holds: free, a strong block, a token's block, or a reserved range. */
  kind: 'free' | 'strong' | 'token' | 'reserved';
}

/** The options of an aligned allocation. */
export interface AllocOptions {
  /** A power of two from 16 (the default) to 65536: the address is a multiple of it. */
  align?: number;
}

/** A heap: one memory for guests, a best-fit allocator over it, events and stats. */
export interface Heap {
  /** The current memory; replaced by `trim`. */
  readonly memory: WebAssembly.Memory;
  /** The current buffer; replaced by every resize (a SharedArrayBuffer for a shared memory). */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** Older name of `memory`. */
  readonly mem: WebAssembly.Memory;
  /** Older name of `buffer`. */
  readonly buf: ArrayBuffer | SharedArrayBuffer;
  /** An Int32Array over the current buffer. */
  readonly i32: Int32Array;
  /** The memory size in 16-byte blocks. */
  readonly cap: number;

  /**
   * Allocates `size` bytes (1 to 2^32), freed when `token` is garbage-collected.
   * @returns the address, a multiple of 16
   * @throws {RangeError} size out of range, or out of memory (after an `oom` event)
   * @throws {TypeError} size not a number, or token not an object or non-registered symbol
   */
  alloc(size: number, token: Token, options?: AllocOptions): number;
  /**
   * A scratch address where `size` bytes are free now; nothing is allocated,
   * and the next allocation may reuse it.
   */
  alloc(size: number, token?: undefined, options?: AllocOptions): number;
  /** Allocates `size` bytes that live until `free`. */
  malloc(size: number, options?: AllocOptions): number;
  /**
   * Allocates `count × size` bytes, zeroed, that live until `free`.
   * @throws {RangeError} count × size above 2^32, or out of memory
   */
  calloc(count: number, size: number): number;
  /**
   * Resizes the block at `addr` to `size` bytes, keeping its contents (up to
   * the smaller size) and its kind; in place when it can, else moved.
   * @returns the block's address now
   * @throws {RangeError} addr is not a live block, size out of range, or out of memory
   */
  realloc(addr: number, size: number): number;
  /** Ties the strong block at `addr` to `token`: freed when the token is collected. */
  tie(addr: number, token: Token): void;
  /** Makes the token's block at `addr` strong: it lives until `free`. */
  untie(addr: number): void;
  /**
   * Reserves `[addr, addr + size)` (widened to 16-byte atoms): never handed
   * out, and kept byte for byte across trim.
   * @returns the reserved span's address
   * @throws {RangeError} the range overlaps a live block or reserved span
   */
  reserve(addr: number, size: number): number;
  /** Frees the reserved span at `addr`. */
  unreserve(addr: number): void;
  /**
   * Checks every invariant of the heap that its layout shows; the
   * development build (the `development` import condition) checks the
   * engine's own invariants too.
   * @throws {Error} describing the first violation
   */
  check(): void;
  /** Pages the heap may grow to, 1 to `maximum`; settable. */
  limit: number;
  /** The memory's own maximum, in pages. */
  readonly maximum: number;
  /**
   * Frees the block at `addr` (from `malloc`, or `alloc` with a token).
   * @throws {RangeError} addr is not the start of a live block
   */
  free(addr: number): void;
  /** Grows the memory by `pages`; 0 on success, 1 when it cannot (after an `oom` event). */
  grow(pages: number): 0 | 1;
  /**
   * Gives the free pages at the end back: a smaller memory receives the live
   * prefix, respawn callbacks run, then `trim` and `resize` events.
   * @returns the pages released (0: nothing changed)
   */
  trim(): number;
  /** Registers `respawn` for memory replacement; calls `spawn` now and returns its result. */
  bind<T>(spawn: () => T, respawn: () => unknown): T;
  /** Calls `fn` after every resize, until `token` is collected. */
  watch(fn: (event: ResizeEvent) => unknown, token: Token): void;
  /** Adds a handler for `type` that lives as long as `token`. */
  on<K extends keyof HeapEventMap>(type: K, token: Token, fn: (event: HeapEventMap[K]) => unknown): void;
  /** Removes `token`'s handler `fn` for `type`, or all of them without `fn`. */
  off<K extends keyof HeapEventMap>(type: K, token: Token, fn?: (event: HeapEventMap[K]) => unknown): void;

  /** Memory capacity. */
  totalBytes(): number;
  /** Bytes in live blocks. */
  usedBytes(): number;
  /** From the first live block to the end of the last, gaps included. */
  runBytes(): number;
  /** Capacity minus used. */
  freeBytes(): number;
  /** Free bytes at the start of memory. */
  headBytes(): number;
  /** Free bytes at the end of memory. */
  tailBytes(): number;
  /** The largest free span. */
  largestBytes(): number;
  totalAtoms(): number;
  usedAtoms(): number;
  runAtoms(): number;
  freeAtoms(): number;
  headAtoms(): number;
  tailAtoms(): number;
  largestAtoms(): number;
  /** Bytes in reserved spans. */
  reservedBytes(): number;
  /** Atoms in reserved spans. */
  reservedAtoms(): number;

  /** The layout in address order. */
  spans(): Span[];
  /**
   * The live blocks of a heap made by `createDebugHeap` (`hostheap/debug`), in address order.
   * @throws {Error} the heap keeps no log
   */
  leaks(): Leak[];
}

/** Creates an independent heap with its own memory, events and stats. */
export function createHeap(options?: HeapOptions): Heap;

// The default heap, as module functions and live bindings.
export const memory: WebAssembly.Memory;
export const buffer: ArrayBuffer;
export const mem: WebAssembly.Memory;
export const buf: ArrayBuffer;
export const i32: Int32Array;
export const cap: number;
export const alloc: Heap['alloc'];
export const malloc: Heap['malloc'];
export const calloc: Heap['calloc'];
export const realloc: Heap['realloc'];
export const free: Heap['free'];
export const tie: Heap['tie'];
export const untie: Heap['untie'];
export const reserve: Heap['reserve'];
export const unreserve: Heap['unreserve'];
export const check: Heap['check'];
/** The default heap's growth limit in pages. */
export function limit(): number;
/** Sets the default heap's growth limit in pages. */
export function setLimit(pages: number): void;
export const grow: Heap['grow'];
export const trim: Heap['trim'];
export const bind: Heap['bind'];
export const watch: Heap['watch'];
export const on: Heap['on'];
export const off: Heap['off'];
export const spans: Heap['spans'];
export const leaks: Heap['leaks'];
export const totalBytes: Heap['totalBytes'];
export const usedBytes: Heap['usedBytes'];
export const runBytes: Heap['runBytes'];
export const freeBytes: Heap['freeBytes'];
export const headBytes: Heap['headBytes'];
export const tailBytes: Heap['tailBytes'];
export const largestBytes: Heap['largestBytes'];
export const totalAtoms: Heap['totalAtoms'];
export const usedAtoms: Heap['usedAtoms'];
export const runAtoms: Heap['runAtoms'];
export const freeAtoms: Heap['freeAtoms'];
export const headAtoms: Heap['headAtoms'];
export const tailAtoms: Heap['tailAtoms'];
export const largestAtoms: Heap['largestAtoms'];
export const reservedBytes: Heap['reservedBytes'];
export const reservedAtoms: Heap['reservedAtoms'];

/** The default heap as a Heap object, for code that takes one (`createHeapManager` from `hostheap/manager`, say). */
export const heap: Heap;

// ---- debugging -----------------------------------------------------------

/** A live block in a debug heap's log. */
export interface Leak {
  addr: number;
  size: number;
  kind: 'strong' | 'token';
  /** The stack of the call that allocated it, first frame outside hostheap first, one frame a line. */
  site: string;
}
