// A JS wrapper over tally.wat, a guest whose counters live at a fixed
// address set up by its data segments. The ranges of those segments are
// reserved in the heap, so no block is placed over them and the heap keeps
// their bytes when trim() moves everything to a new memory.

import { compile, dataSegments, reserveDataSegments } from 'hostheap/segments';
import { watBytes } from './wat.js';

/** The compiled guest; made by compile() so its data segments can be read back. */
export const TALLY = compile(await watBytes('tally.wat'));

/** Counters in the table. */
export const SLOTS = 8;

const [table, label] = dataSegments(TALLY);

/** Where the counters are: the first data segment. */
export const TABLE_ADDR = table.offset;
/** Where the label is: the second data segment. */
export const LABEL_ADDR = label.offset;
/** The label's length in bytes. */
export const LABEL_SIZE = label.size;

/** The counters' values right after instantiation. */
export const INITIAL_COUNTS = Object.freeze([10, 20, 30, 40, 50, 60, 70, 80]);

/**
 * Eight counters in a heap's memory, updated by the tally guest. One per
 * heap: the counters are at a fixed address, which a second Tally on the
 * same heap finds already reserved.
 * @example
 * const tally = new Tally(createHeap());
 * tally.add(2, 5); // 35
 * tally.sum(); // 365
 */
export class Tally {
  #heap;
  #guest;
  #reserved;

  /**
   * Reserves the guest's data segments in `heap`, then instantiates it
   * through `heap.bind`, so it is instantiated again after every trim.
   * @param {import('hostheap').Heap} heap
   * @throws {RangeError} when the segments' range holds a block or is reserved already
   */
  constructor(heap) {
    this.#heap = heap;
    this.#reserved = reserveDataSegments(heap, { tally: TALLY });
    const instantiate = () => new WebAssembly.Instance(TALLY, { env: { mem: heap.memory } }).exports;
    this.#guest = heap.bind(instantiate, () => {
      // The memory's bytes come back through the reservation; the global
      // lives in the instance, so it is carried over here.
      const updates = this.#guest.updates.value;
      this.#guest = instantiate();
      this.#guest.updates.value = updates;
    });
  }

  /**
   * Adds `n` to counter `slot`.
   * @param {number} slot an integer from 0 to 7
   * @param {number} n an i32
   * @returns {number} the counter's new value
   * @throws {RangeError} when slot is out of range or n is not an i32
   * @throws {TypeError} when slot or n is not a number
   */
  add(slot, n) {
    checkSlot('add(slot, n)', slot);
    if (!(Number.isInteger(n) && n === (n | 0))) {
      const message = `add(slot, n): n must be an integer from ${-(2 ** 31)} to ${2 ** 31 - 1}, got ${typeof n === 'number' ? n : typeof n}`;
      throw typeof n === 'number' ? new RangeError(message) : new TypeError(message);
    }
    return this.#guest.add(slot, n);
  }

  /**
   * @param {number} slot an integer from 0 to 7
   * @returns {number} counter `slot`
   * @throws {RangeError} when slot is out of range
   * @throws {TypeError} when slot is not a number
   */
  get(slot) {
    checkSlot('get(slot)', slot);
    return this.#guest.get(slot);
  }

  /** @returns {number} the sum of the counters, computed by the guest */
  sum() {
    return this.#guest.sum();
  }

  /** @returns {number[]} the counters, read from the memory by JS */
  counts() {
    return Array.from(new Int32Array(this.#heap.buffer, TABLE_ADDR, SLOTS));
  }

  /** @returns {number} how many times `add` ran, kept in the guest's mutable global */
  get updates() {
    return this.#guest.updates.value;
  }

  /** @returns {string} the label of the second data segment, read from the memory */
  get label() {
    return new TextDecoder().decode(new Uint8Array(this.#heap.buffer, LABEL_ADDR, LABEL_SIZE));
  }

  /** @returns {{ addr: number, size: number, modules: string[] }[]} the ranges reserved for the segments */
  get reserved() {
    return this.#reserved;
  }

  /** @returns {WebAssembly.Exports} the current instance's exports (a new object after each trim) */
  get guest() {
    return this.#guest;
  }
}

function checkSlot(call, slot) {
  if (!(Number.isInteger(slot) && slot >= 0 && slot < SLOTS)) {
    const message = `${call}: slot must be an integer from 0 to ${SLOTS - 1}, got ${typeof slot === 'number' ? slot : typeof slot}`;
    throw typeof slot === 'number' ? new RangeError(message) : new TypeError(message);
  }
}
