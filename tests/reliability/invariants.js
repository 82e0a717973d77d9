// What the reliability tests check after every disturbance, seen from
// outside the engine: the layout from spans() tiles the memory, blocks are
// 16-byte aligned, no two free spans touch, the stats add up; the heap's own
// check() passes; and every block still holds the pattern written into it,
// a function of its address.
//
// Imports nothing but what the caller passes in, so every runtime loads it.

const ATOM = 16;
const STATS = ['total', 'used', 'run', 'free', 'head', 'tail', 'largest', 'reserved'];

/**
 * Everything observable about a heap's layout, to compare before and after.
 * @param {import('hostheap').Heap} heap
 * @returns {{ spans: object[], stats: number[], memory: WebAssembly.Memory, buffer: ArrayBuffer }}
 */
export function snapshot(heap) {
  return {
    spans: heap.spans(),
    stats: STATS.map((name) => heap[`${name}Bytes`]()),
    memory: heap.memory,
    buffer: heap.buffer,
  };
}

/**
 * The live blocks of a layout, as `addr:size` strings in address order.
 * @param {{ addr: number, size: number, free: boolean }[]} spans
 * @returns {string[]}
 */
export function liveBlocks(spans) {
  return spans.filter((span) => !span.free).map((span) => `${span.addr}:${span.size}`);
}

/**
 * The invariants a heap breaks, as sentences; empty when it holds them all.
 * The heap manages its whole memory (no options.start or end).
 * @param {import('hostheap').Heap} heap
 * @returns {string[]}
 */
export function brokenInvariants(heap) {
  const broken = [];
  try {
    heap.check();
  } catch (error) {
    broken.push(`check() threw ${error}`);
  }
  const spans = heap.spans();
  const total = heap.totalBytes();
  if (total !== heap.buffer.byteLength) broken.push(`totalBytes() ${total}, buffer ${heap.buffer.byteLength} bytes`);
  if (heap.buffer !== heap.memory.buffer) broken.push('buffer is not the memory’s buffer');
  let end = 0;
  let used = 0;
  let reserved = 0;
  let largest = 0;
  let previousFree = false;
  for (const span of spans) {
    if (span.addr !== end) broken.push(`span at ${span.addr} does not start where the last ended (${end})`);
    if (span.addr % ATOM !== 0 || span.size % ATOM !== 0 || span.size <= 0) broken.push(`span ${span.addr}+${span.size} is not whole atoms`);
    if (span.free !== (span.kind === 'free')) broken.push(`span at ${span.addr} is ${span.kind} but free is ${span.free}`);
    if (span.free && previousFree) broken.push(`free span at ${span.addr} touches the free span before it`);
    if (span.free) largest = Math.max(largest, span.size);
    else if (span.kind === 'reserved') reserved += span.size;
    else used += span.size;
    previousFree = span.free;
    end = span.addr + span.size;
  }
  if (end !== total) broken.push(`the spans end at ${end}, the memory at ${total}`);
  const first = spans[0];
  const last = spans[spans.length - 1];
  const expected = {
    total,
    used,
    reserved,
    free: total - used - reserved,
    head: first?.free ? first.size : 0,
    tail: last?.free ? last.size : 0,
    largest,
  };
  expected.run = used + reserved === 0 ? 0 : total - expected.head - expected.tail;
  for (const name of STATS) {
    const bytes = heap[`${name}Bytes`]();
    const atoms = heap[`${name}Atoms`]();
    if (bytes !== expected[name]) broken.push(`${name}Bytes() ${bytes}, the spans say ${expected[name]}`);
    if (atoms * ATOM !== bytes) broken.push(`${name}Atoms() ${atoms} is not ${name}Bytes() / 16`);
  }
  return broken;
}

/**
 * The 32-bit word `index` of the pattern for a block at `addr`. `salt` (an
 * allocation's serial number, say) tells apart blocks that came to the same
 * address one after another.
 * @param {number} addr
 * @param {number} index
 * @param {number} [salt]
 * @returns {number}
 */
export function patternWord(addr, index, salt = 0) {
  let x = Math.imul((addr >>> 4) ^ 0x5bd1e995 ^ Math.imul(salt, 0x85ebca6b), 0x27d4eb2d) + Math.imul(index + 1, 0x9e3779b1);
  x ^= x >>> 15;
  return Math.imul(x, 0x2c1b3c6d) | 0;
}

/**
 * Writes the pattern for `addr` over `size` bytes (a multiple of 4) there.
 * @param {ArrayBuffer} buffer
 * @param {number} addr
 * @param {number} size
 * @param {number} [salt] see {@link patternWord}
 */
export function fillPattern(buffer, addr, size, salt = 0) {
  const words = new Int32Array(buffer, addr, size >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = patternWord(addr, i, salt);
}

/**
 * Whether `size` bytes at `addr` still hold the pattern for `addr` and `salt`.
 * @param {ArrayBuffer} buffer
 * @param {number} addr
 * @param {number} size
 * @param {number} [salt] see {@link patternWord}
 * @returns {boolean}
 */
export function holdsPattern(buffer, addr, size, salt = 0) {
  if (addr + size > buffer.byteLength) return false;
  const words = new Int32Array(buffer, addr, size >>> 2);
  for (let i = 0; i < words.length; i++) if (words[i] !== patternWord(addr, i, salt)) return false;
  return true;
}

/**
 * A small seeded generator (mulberry32), the same in every runtime.
 * @param {number} seed
 * @returns {() => number} integers from 0 to 2^32 - 1
 */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
}
