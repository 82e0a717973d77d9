// Trim under load: the three guests of examples/shared-modules (vec, fnv,
// ring) bound to the default heap, live data of every kind (f64 arrays the
// vec guest reduces, the ring's slots tied to a token, a pool of blocks
// that churns), and thousands of cycles that grow the memory and trim it
// back. After every growth and every trim each guest still computes what
// plain JavaScript computes, the ring continues where it was, and every
// live block keeps its bytes.
//
// Used by tests/js/trimload.test.js and the figures command.

import * as hostheap from 'hostheap';
import { alloc, free, grow, malloc, trim } from 'hostheap';
import { fnv, hashText, ring, ringValues, vec, writeF64 } from '../../examples/shared-modules/modules.js';
import { brokenInvariants, fillPattern, holdsPattern, seeded } from './invariants.js';

const PAGE = 65536;
const LENGTH = 500;
const RING_CAPACITY = 16;
const WORDS = ['hostheap', 'trim under load', 'FNV-1a', 'ω'];

/** FNV-1a of a string's UTF-8 bytes, in plain JavaScript. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

/** Adds left to right, as the guest does. */
function sum(values) {
  return values.reduce((total, x) => total + x, 0);
}

/**
 * Runs `cycles` grow/trim cycles.
 * @param {{ cycles?: number, seed?: number }} [options]
 * @returns {{ cycles: number, trims: number, pagesReleased: number, failures: string[] }}
 */
export function trimUnderLoad({ cycles = 2000, seed = 1 } = {}) {
  const random = seeded(seed);
  const failures = [];
  const fail = (text) => failures.length < 20 && failures.push(text);
  const usedAtStart = hostheap.usedBytes();

  // The vec guest's arrays, malloc'd.
  const xs = Array.from({ length: LENGTH }, (_, i) => i + 1);
  const ys = Array.from({ length: LENGTH }, (_, i) => (i % 7) - 3);
  const xsAddr = malloc(LENGTH * 8);
  const ysAddr = malloc(LENGTH * 8);
  writeF64(xsAddr, xs);
  writeF64(ysAddr, ys);
  const expected = { hashes: WORDS.map(fnv1a) };
  // New values every cycle, written through the current buffer: a guest
  // still reading an old memory would give the old sums.
  function rewrite(cycle) {
    for (let i = 0; i < LENGTH; i++) xs[i] = i + 1 + cycle;
    writeF64(xsAddr, xs);
    expected.sum = sum(xs);
    expected.dot = sum(xs.map((x, i) => x * ys[i]));
  }
  rewrite(0);

  // The ring's slots, tied to a token that lives as long as this run; a plain queue mirrors it.
  const ringToken = {};
  ring.reset(alloc(RING_CAPACITY * 4, ringToken), RING_CAPACITY);
  const queue = [];

  // A pool of blocks that churns, each holding its pattern.
  let serial = 0;
  const pool = [];
  function place() {
    const size = 16 * (1 + (random() % 64));
    const addr = malloc(size);
    fillPattern(hostheap.buffer, addr, size, serial);
    pool.push({ addr, size, salt: serial++ });
  }
  for (let i = 0; i < 100; i++) place();

  function verify(when) {
    if (vec.sum(xsAddr, LENGTH) !== expected.sum) fail(`${when}: vec.sum is ${vec.sum(xsAddr, LENGTH)}, not ${expected.sum}`);
    if (vec.dot(xsAddr, ysAddr, LENGTH) !== expected.dot) fail(`${when}: vec.dot is wrong`);
    WORDS.forEach((word, i) => {
      if (hashText(word) !== expected.hashes[i]) fail(`${when}: fnv1a(${JSON.stringify(word)}) is wrong`);
    });
    if (JSON.stringify(ringValues()) !== JSON.stringify(queue)) fail(`${when}: the ring holds [${ringValues()}], not [${queue}]`);
    // The ring's slots as the current buffer has them.
    const slots = new Int32Array(hostheap.buffer, ring.base.value, RING_CAPACITY);
    const inMemory = queue.map((_, i) => slots[(ring.head.value + i) % RING_CAPACITY]);
    if (JSON.stringify(inMemory) !== JSON.stringify(queue)) fail(`${when}: the ring's slots hold [${inMemory}], not [${queue}]`);
    for (const block of pool) {
      if (!holdsPattern(hostheap.buffer, block.addr, block.size, block.salt)) fail(`${when}: the block at ${block.addr} lost its bytes`);
    }
    for (const broken of brokenInvariants(hostheap)) fail(`${when}: ${broken}`);
  }

  let trims = 0;
  let pagesReleased = 0;
  for (let cycle = 0; cycle < cycles && failures.length === 0; cycle++) {
    // Churn: a few blocks go, a few come.
    for (let i = random() % 4; i > 0 && pool.length > 0; i--) free(pool.splice(random() % pool.length, 1)[0].addr);
    for (let i = random() % 4; i > 0; i--) place();
    // The ring moves on: push one, and shift one when it is half full.
    ring.push(cycle);
    queue.push(cycle);
    if (queue.length > RING_CAPACITY / 2) {
      const shifted = ring.shift();
      if (shifted !== queue.shift()) fail(`cycle ${cycle}: ring.shift() gave ${shifted}`);
    }
    // Grow: by pages, by a large block, or both.
    const how = random() % 3;
    if (how !== 1 && grow(1 + (random() % 3)) !== 0) fail(`cycle ${cycle}: grow failed`);
    const big = how !== 0 ? malloc(PAGE + 16 * (random() % 8192)) : undefined;
    verify(`cycle ${cycle}, grown to ${hostheap.totalBytes() / PAGE} pages`);
    if (big !== undefined) free(big);
    const released = trim();
    if (released > 0) trims++;
    pagesReleased += released;
    verify(`cycle ${cycle}, trimmed by ${released} pages`);
    rewrite(cycle + 1);
  }

  // Leave the default heap as it was found.
  for (const block of pool) free(block.addr);
  free(xsAddr);
  free(ysAddr);
  free(ring.base.value);
  if (hostheap.usedBytes() !== usedAtStart) fail(`${hostheap.usedBytes() - usedAtStart} bytes still used at the end`);
  return { cycles, trims, pagesReleased, failures };
}
