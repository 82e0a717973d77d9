// A JS class over prng.wat. Each Prng owns 16 bytes of the shared memory,
// freed when the Prng is collected; all of them read one 1 KiB table that
// lives as long as this file.

import { alloc, bind, buffer, memory, trim, watch } from 'hostheap';
import { compileWat } from '../wat.js';

export { trim };

const PRNG = compileWat(new URL('./prng.wat', import.meta.url));

const TABLE_SIZE = 1024;
const STATE_SIZE = 16;
const STATE_WORDS = STATE_SIZE / Int32Array.BYTES_PER_ELEMENT;

// The compiled module is referenced from this file until the program ends,
// so it is a token with the module's lifetime.
const tab = alloc(TABLE_SIZE, PRNG);

function instantiate() {
  return new WebAssembly.Instance(PRNG, { env: { mem: memory, tab } }).exports;
}

let guest = bind(
  () => {
    const exports = instantiate();
    exports.init();
    return exports;
  },
  // trim() copied the table with the rest of the live memory, and the module
  // has no mutable globals: a new instance is all there is to restore.
  () => {
    guest = instantiate();
  },
);

/**
 * A xoshiro128** generator whose 128-bit state lives in the hostheap memory.
 * @example
 * const prng = new Prng(42);
 * prng.rand(); // a signed 32-bit integer
 */
export class Prng {
  #addr;
  #state;

  /**
   * @param {number} [seed=0] an integer; only its low 32 bits are used
   * @throws {TypeError} when seed is not a number
   * @throws {RangeError} when seed is not an integer
   */
  constructor(seed = 0) {
    if (!Number.isInteger(seed)) throw numberError('new Prng(seed)', seed);
    this.#addr = alloc(STATE_SIZE, this);
    this.#state = this.#view();
    // Growing detaches the old buffer and trim replaces it: refresh the view.
    watch(() => {
      this.#state = this.#view();
    }, this);
    guest.seed(this.#addr, seed | 0);
  }

  #view() {
    return new Int32Array(buffer, this.#addr >>> 0, STATE_WORDS);
  }

  /**
   * Advances the generator once.
   * @returns {number} a signed 32-bit integer
   */
  rand() {
    return guest.rand(this.#addr);
  }

  /**
   * Fills `out` with generator output, 4 bytes per step; a byte length that
   * is not a multiple of 4 takes the low bytes of one more step.
   * @param {ArrayBufferView} out
   * @returns {ArrayBufferView} `out`
   * @throws {TypeError} when out is not a typed array or DataView
   * @throws {RangeError} when the memory cannot grow to hold out's bytes
   */
  fill(out) {
    if (!ArrayBuffer.isView(out)) throw new TypeError(`fill(out): out must be a typed array or DataView, got ${describe(out)}`);
    const size = out.byteLength;
    if (size === 0) return out;
    // Nothing allocates between here and the copy, so a scratch block is safe.
    const scratch = alloc(size);
    guest.fill(this.#addr, scratch, size);
    new Uint8Array(out.buffer, out.byteOffset, size).set(new Uint8Array(buffer, scratch >>> 0, size));
    return out;
  }

  /**
   * The four state words, as signed 32-bit integers.
   * @returns {number[]}
   */
  get state() {
    return Array.from(this.#state);
  }

  /**
   * @param {ArrayLike<number>} words four integers; only their low 32 bits are used
   * @throws {TypeError} when words is not array-like or holds a non-number
   * @throws {RangeError} when words does not hold exactly 4 integers
   */
  set state(words) {
    if (words == null || typeof words.length !== 'number') {
      throw new TypeError(`state: expected an array of ${STATE_WORDS} integers, got ${describe(words)}`);
    }
    if (words.length !== STATE_WORDS) {
      throw new RangeError(`state: expected an array of ${STATE_WORDS} integers, got length ${words.length}`);
    }
    for (let i = 0; i < STATE_WORDS; i++) {
      if (!Number.isInteger(words[i])) throw numberError(`state[${i}]`, words[i]);
    }
    this.#state.set(words);
  }
}

function numberError(what, value) {
  return typeof value === 'number'
    ? new RangeError(`${what}: expected an integer, got ${value}`)
    : new TypeError(`${what}: expected an integer, got ${describe(value)}`);
}

function describe(value) {
  return value === null ? 'null' : typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value;
}
