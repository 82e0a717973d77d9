// Debugging tools, the package's `hostheap/debug` entry: heaps that keep a
// log of their blocks (allocation sites, poison in freed memory, leaks()).
// An entry of its own, so that `import { alloc } from 'hostheap'` does not
// load it.

import { createHeap } from '../index.js';
import { describe } from '../errors.js';
import { DEBUG_LOG } from '../options.js';
import { DebugLog } from './log.js';

export { POISON } from './log.js';

/**
 * A heap like `createHeap(options)` makes, that also keeps a log of its
 * blocks: each live block's allocation site, `0xDE` in every freed byte,
 * and `heap.leaks()`.
 * @param {import('../heap.js').HeapOptions} [options] those of createHeap
 * @returns {import('../heap.js').Heap}
 * @throws {TypeError | RangeError} as createHeap does, naming createDebugHeap
 * @example
 * const heap = createDebugHeap();
 * const addr = heap.malloc(32);
 * heap.leaks(); // [{ addr, size: 32, kind: 'strong', site: 'at main (file:///app/main.js:7:20)\n…' }]
 */
export function createDebugHeap(options = {}) {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`createDebugHeap(options): options must be an object, got ${describe(options)}`);
  }
  return createHeap({ ...options, [DEBUG_LOG]: { call: 'createDebugHeap(options)', Log: DebugLog } });
}
