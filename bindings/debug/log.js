// The debug log of a heap made with `createDebugHeap` (./index.js): where
// each live block was allocated, and poison in freed memory.
//
// The heap tells the log about every block it hands out, frees, moves or
// retypes, after the operation succeeded; scratch addresses are not blocks
// and never reach it. Freed bytes are filled with POISON, so a guest or a
// view that reads a block after its free sees 0xDEDEDEDE instead of
// plausible old data. The log reads the heap's buffer at each call: it is a
// new object after every grow and trim.

/** The byte freed blocks are filled with: an i32 read there gives 0xDEDEDEDE. */
export const POISON = 0xde;

/** Frames kept per allocation site. */
const SITE_FRAMES = 8;

/**
 * The package's own folder, as a URL (V8, SpiderMonkey) and as a path (Bun
 * names files by path); frames in files under it are not the user's. It is
 * the folder above this file's, both here and bundled (dist/debug/index.js
 * beside dist/index.js).
 */
const PACKAGE_URL = new URL('..', import.meta.url);
const PACKAGE = [PACKAGE_URL.href];
if (PACKAGE_URL.protocol === 'file:') PACKAGE.push(decodeURIComponent(PACKAGE_URL.pathname));

/**
 * The caller's stack, without this package's frames: the first line is the
 * user's call that allocated. The text is made now, not when leaks() asks:
 * an unformatted Error keeps its frames' receivers alive, and one of them
 * is often the token (`alloc(16, this)` in a constructor).
 */
function captureSite() {
  const limit = Error.stackTraceLimit;
  // V8 and JavaScriptCore keep only this many frames; the package's own come first.
  if (typeof limit === 'number') Error.stackTraceLimit = SITE_FRAMES + 16;
  const stack = String(new Error().stack ?? '');
  if (typeof limit === 'number') Error.stackTraceLimit = limit;
  const frames = stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== 'Error' && !PACKAGE.some((folder) => line.includes(folder)));
  return frames.length === 0 ? '(unknown)' : frames.slice(0, SITE_FRAMES).join('\n');
}

/**
 * A record of a heap's live blocks, with the stack of the call that
 * allocated each, and a poisoner of freed memory. A heap made with
 * `createDebugHeap` keeps one and calls it after each block
 * operation; `heap.leaks()` returns its {@link DebugLog#leaks}. The heap
 * checked every argument before the operation, so the log takes them as
 * they come; it throws only when a call disagrees with what it recorded
 * (a bug in the heap).
 * @example
 * const log = new DebugLog(heap);
 * log.allocated(addr, 32, 'strong');
 * log.leaks(); // [{ addr, size: 32, kind: 'strong', site: 'at main (file:///app/main.js:7:20)\n…' }]
 * log.freed(addr, 32); // 32 bytes of 0xDE at addr
 */
export class DebugLog {
  #heap;
  /** addr -> { size, kind, site } of every live block. */
  #blocks = new Map();

  /**
   * @param {{ readonly buffer: ArrayBuffer | SharedArrayBuffer }} heap the heap whose blocks this log records
   */
  constructor(heap) {
    this.#heap = heap;
  }

  /**
   * Records a block the heap has just allocated, with the current stack as its site.
   * @param {number} addr the block's address
   * @param {number} size the block's bytes
   * @param {'strong' | 'token'} kind
   * @throws {Error} when addr is already a live block in the log
   */
  allocated(addr, size, kind) {
    const call = 'DebugLog.allocated(addr, size, kind)';
    if (this.#blocks.has(addr)) throw new Error(`${call}: ${addr} is already a live block in the log`);
    this.#blocks.set(addr, { size, kind, site: captureSite() });
  }

  /**
   * Forgets a block the heap has just freed and fills its bytes with {@link POISON}.
   * @param {number} addr the block's address
   * @param {number} size the block's bytes
   * @throws {Error} when addr is not a live block in the log
   */
  freed(addr, size) {
    const call = 'DebugLog.freed(addr, size)';
    this.#live(call, addr);
    this.#blocks.delete(addr);
    this.#poison(addr, addr + size);
  }

  /**
   * Moves a block's record after a realloc: the new block keeps the old
   * one's kind and site, and the bytes of the old block that the new one
   * does not cover are poisoned.
   * @param {number} oldAddr
   * @param {number} oldSize
   * @param {number} newAddr
   * @param {number} newSize
   * @throws {Error} when oldAddr is not a live block in the log, or newAddr is another one
   */
  moved(oldAddr, oldSize, newAddr, newSize) {
    const call = 'DebugLog.moved(oldAddr, oldSize, newAddr, newSize)';
    const block = this.#live(call, oldAddr);
    if (newAddr !== oldAddr && this.#blocks.has(newAddr)) throw new Error(`${call}: ${newAddr} is already a live block in the log`);
    this.#blocks.delete(oldAddr);
    this.#blocks.set(newAddr, { size: newSize, kind: block.kind, site: block.site });
    // What is left of [oldAddr, oldEnd) outside [newAddr, newEnd): up to two pieces.
    const oldEnd = oldAddr + oldSize;
    const newEnd = newAddr + newSize;
    this.#poison(oldAddr, Math.min(oldEnd, newAddr));
    this.#poison(Math.max(oldAddr, newEnd), oldEnd);
  }

  /**
   * Records that a live block changed kind (strong to token or back).
   * @param {number} addr
   * @param {'strong' | 'token'} kind
   * @throws {Error} when addr is not a live block in the log
   */
  retyped(addr, kind) {
    this.#live('DebugLog.retyped(addr, kind)', addr).kind = kind;
  }

  /**
   * The live blocks in address order, each with the stack of the call that
   * allocated it (the first line is the caller outside hostheap).
   * @returns {{ addr: number, size: number, kind: 'strong' | 'token', site: string }[]}
   */
  leaks() {
    return [...this.#blocks]
      .map(([addr, { size, kind, site }]) => ({ addr, size, kind, site }))
      .sort((a, b) => a.addr - b.addr);
  }

  #live(call, addr) {
    const block = this.#blocks.get(addr);
    if (block === undefined) throw new Error(`${call}: ${addr} is not a live block in the log`);
    return block;
  }

  #poison(start, end) {
    if (start < end) new Uint8Array(this.#heap.buffer, start, end - start).fill(POISON);
  }
}
