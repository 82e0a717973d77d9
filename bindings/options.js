// The options of createHeap, checked and completed in one place.

import { ADDRESS_SPACE, choiceError, describe, optionError } from './errors.js';

/** Bytes in a page. */
const PAGE = 65536;
/** Pages in the 32-bit address space. */
const MAX_PAGES = 65536;

/**
 * The key under which `createDebugHeap` (hostheap/debug) hands createHeap
 * its log: `{ call, Log }`, the call to name in errors and the log's class.
 * A registered symbol, as that entry is a bundle of its own.
 */
export const DEBUG_LOG = Symbol.for('hostheap.debugLog');

/**
 * @typedef {object} HeapPlan
 * @property {WebAssembly.Memory | undefined} memory an adopted memory, or none: the heap creates one
 * @property {number} initial pages of a created memory
 * @property {number} maximum the memory's maximum in pages
 * @property {number} limit pages the heap grows to at most
 * @property {boolean} shared whether a created memory is shared
 * @property {number} start the first byte the heap manages
 * @property {number} end the byte after the last one it manages
 * @property {(new (heap: object) => object) | undefined} Log the debug log's class, given by createDebugHeap
 */

/**
 * Checks `options` and fills in defaults.
 * @param {unknown} options
 * @returns {HeapPlan}
 */
export function planHeap(options) {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`createHeap(options): options must be an object, got ${describe(options)}`);
  }
  const { call = 'createHeap(options)', Log } = options[DEBUG_LOG] ?? {};
  const checkPages = (name, value, low, high) => {
    if (!(Number.isInteger(value) && value >= low && value <= high)) throw optionError(call, name, low, high, value);
  };
  const checkBytes = (name, value, low, high) => {
    if (!(Number.isInteger(value) && value >= low && value <= high)) {
      throw choiceError(call, name, `an integer from ${low} to ${high}`, value);
    }
  };
  const { memory, shared = false } = options;
  if (options.debug !== undefined) {
    throw new TypeError(`${call}: options.debug is not an option: a heap with a debug log comes from createDebugHeap(options) of hostheap/debug; got ${describe(options.debug)}`);
  }
  if (memory !== undefined && !(memory instanceof WebAssembly.Memory)) {
    throw new TypeError(`${call}: options.memory must be a WebAssembly.Memory, got ${describe(memory)}`);
  }
  if (typeof shared !== 'boolean') throw new TypeError(`${call}: expected options.shared to be true or false, got ${describe(shared)}`);
  if (memory !== undefined && (options.initial !== undefined || options.shared !== undefined)) {
    const name = options.initial !== undefined ? 'options.initial' : 'options.shared';
    throw new TypeError(`${call}: ${name} cannot be given with options.memory, which has its own`);
  }
  if (options.start !== undefined && options.heapBase !== undefined) {
    throw new TypeError(`${call}: options.start and options.heapBase name the same thing; give one`);
  }
  const start = options.start !== undefined ? options.start : options.heapBase !== undefined ? options.heapBase : 0;
  checkBytes(options.start !== undefined ? 'options.start' : 'options.heapBase', start, 0, ADDRESS_SPACE - 16);
  const { end = ADDRESS_SPACE } = options;
  checkBytes('options.end', end, start + 16, ADDRESS_SPACE);

  // The heap needs its first atom above `start` inside the memory from the outset.
  const least = Math.max(1, Math.ceil((Math.ceil(start / 16) * 16 + 16) / PAGE));
  const current = memory === undefined ? undefined : memory.buffer.byteLength / PAGE;
  const { initial = Math.max(current ?? 1, least) } = options;
  checkPages('options.initial', initial, least, MAX_PAGES);
  if (shared && options.maximum === undefined) {
    throw new TypeError(`${call}: options.maximum is required with options.shared: a shared memory cannot move`);
  }
  const { maximum = MAX_PAGES } = options;
  checkPages('options.maximum', maximum, memory === undefined ? initial : 1, MAX_PAGES);
  const { limit = maximum } = options;
  checkPages('options.limit', limit, 1, maximum);
  return { memory, initial, maximum, limit, shared, start, end, Log };
}
