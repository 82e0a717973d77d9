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
    buffer: ArrayBuffer;
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

/** Options of {@link createHeap}, in pages. */
export interface HeapOptions {
  /** Pages at the start, 1 to 65536; default 1. */
  initial?: number;
  /** Pages the memory may grow to, `initial` to 65536; default 65536. */
  maximum?: number;
}

/** One span of the layout. */
export interface Span {
  addr: number;
  size: number;
  free: boolean;
}

/** A heap: one memory for guests, a best-fit allocator over it, events and stats. */
export interface Heap {
  /** The current memory; replaced by `trim`. */
  readonly memory: WebAssembly.Memory;
  /** The current buffer; replaced by every resize. */
  readonly buffer: ArrayBuffer;
  /** Older name of `memory`. */
  readonly mem: WebAssembly.Memory;
  /** Older name of `buffer`. */
  readonly buf: ArrayBuffer;
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
  alloc(size: number, token: Token): number;
  /**
   * A scratch address where `size` bytes are free now; nothing is allocated,
   * and the next allocation may reuse it.
   */
  alloc(size: number): number;
  /** Allocates `size` bytes that live until `free`. */
  malloc(size: number): number;
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

  /** The layout in address order. */
  spans(): Span[];
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
export const free: Heap['free'];
export const grow: Heap['grow'];
export const trim: Heap['trim'];
export const bind: Heap['bind'];
export const watch: Heap['watch'];
export const on: Heap['on'];
export const off: Heap['off'];
export const spans: Heap['spans'];
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
