// A plain JS model of examples/prng/prng.wat, shared by the example tests:
// xoshiro128** seeded through a scrambler, each output mixed with a CRC-32
// table entry picked by its top byte.

/** CRC-32 table, as the guest's table is filled. */
export const CRC_TABLE = Int32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  return crc;
});

function rotl(x, r) {
  return (x << r) | (x >>> (32 - r));
}

function scramble(z) {
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return z ^ (z >>> 15);
}

/**
 * The state `Prng(seed)` writes.
 * @param {number} seed
 * @returns {number[]}
 */
export function modelSeed(seed) {
  const state = [];
  for (let k = 0; k < 4; k++) state.push(scramble((seed = (seed + 0x9e3779b9) | 0)));
  return state;
}

/** One xoshiro128** step on `state` (in place); returns the unmixed output. */
export function xoshiroStep(state) {
  const out = Math.imul(rotl(Math.imul(state[1], 5), 7), 9);
  const shifted = state[1] << 9;
  state[2] ^= state[0];
  state[3] ^= state[1];
  state[1] ^= state[2];
  state[0] ^= state[3];
  state[2] ^= shifted;
  state[3] = rotl(state[3], 11);
  return out;
}

/** One `rand()`: a step, its output mixed with the table. */
export function modelRand(state) {
  const out = xoshiroStep(state);
  return out ^ CRC_TABLE[out >>> 24];
}

/** `count` outputs of `rand()` from `state` (advanced in place). */
export function modelSequence(state, count) {
  return Array.from({ length: count }, () => modelRand(state));
}

