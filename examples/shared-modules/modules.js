// Three guest modules with different jobs, one hostheap memory.
//
// Each guest is exported as a live binding to its instance's exports: when
// trim() replaces the memory, the respawn callbacks below assign new
// instances, and every importer sees them on its next call.

import { alloc, bind, buffer, memory } from 'hostheap';
import { compileWat } from '../wat.js';

const VEC = compileWat(new URL('./vec.wat', import.meta.url));
const FNV = compileWat(new URL('./fnv.wat', import.meta.url));
const RING = compileWat(new URL('./ring.wat', import.meta.url));

// The ring's mutable globals: all of its state that is not in the memory.
const RING_GLOBALS = ['base', 'capacity', 'head', 'count'];

function instantiate(module) {
  return new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
}

/** f64 reductions: `sum(addr, n)`, `dot(a, b, n)`. Stateless. */
export let vec = bind(
  () => instantiate(VEC),
  () => {
    vec = instantiate(VEC);
  },
);

/** 32-bit FNV-1a: `fnv1a(addr, len)`. Stateless. */
export let fnv = bind(
  () => instantiate(FNV),
  () => {
    fnv = instantiate(FNV);
  },
);

/** An i32 FIFO ring: `reset(base, capacity)`, `push(value)`, `shift()`, `at(index)`. */
export let ring = bind(
  () => instantiate(RING),
  () => {
    // Capture from the old instance, then restore into the new one.
    const saved = RING_GLOBALS.map((name) => ring[name].value);
    ring = instantiate(RING);
    RING_GLOBALS.forEach((name, i) => {
      ring[name].value = saved[i];
    });
  },
);

const encoder = new TextEncoder();

/**
 * FNV-1a of a string's UTF-8 bytes, computed by the fnv guest.
 * @param {string} text
 * @returns {number} the hash as an unsigned 32-bit integer
 * @example
 * hashText('a'); // 0xe40c292c
 */
export function hashText(text) {
  const bytes = encoder.encode(text);
  if (bytes.length === 0) return fnv.fnv1a(0, 0) >>> 0;
  // A scratch block: nothing allocates before the guest has read it.
  const addr = alloc(bytes.length);
  new Uint8Array(buffer, addr >>> 0, bytes.length).set(bytes);
  return fnv.fnv1a(addr, bytes.length) >>> 0;
}

/**
 * Copies numbers into f64 slots at `addr`.
 * @param {number} addr a block of at least `values.length * 8` bytes
 * @param {ArrayLike<number>} values
 */
export function writeF64(addr, values) {
  new Float64Array(buffer, addr >>> 0, values.length).set(values);
}

/**
 * The ring's values from head to tail, read through the guest.
 * @returns {number[]}
 */
export function ringValues() {
  return Array.from({ length: ring.count.value }, (_, i) => ring.at(i));
}
