// Demo: seeded generators, memory given back when they are collected, and
// pages given back by trim() without disturbing a generator that survives.
// Run: node --expose-gc examples/prng/main.js

import { memory, usedBytes } from 'hostheap';
import { Prng, trim } from './prng.js';

const PAGE_SIZE = 65536;
const CROWD = 30_000;
const GC_ROUNDS = 100;

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc: this demo needs gc() to show memory coming back');
  process.exit(2);
}

let failed = false;
function check(ok) {
  if (!ok) failed = true;
  return ok ? 'yes' : 'NO';
}

// 1. Equal seeds, equal sequences.
const a = new Prng(42);
const b = new Prng(42);
const c = new Prng(7);
const fromA = draw(a, 5);
const fromB = draw(b, 5);
console.log(`seed 42, generator a: ${fromA.join(' ')}`);
console.log(`seed 42, generator b: ${fromB.join(' ')}`);
console.log(`seed 7,  generator c: ${draw(c, 5).join(' ')}`);
console.log(`equal seeds give equal sequences: ${check(same(fromA, fromB))}`);
console.log(`a.fill(new Int32Array(4)): ${a.fill(new Int32Array(4)).join(' ')}`);

// 2. Note what `a` says next, then rewind it, so the trim below can be checked.
const saved = a.state;
const expected = draw(a, 5);
a.state = saved;

// 3. Many generators grow the memory; once collected, their bytes come back.
const usedAtStart = usedBytes();
const pagesAtStart = pages();
let crowd = Array.from({ length: CROWD }, (_, i) => new Prng(i));
console.log(
  `created ${CROWD} generators: used ${usedAtStart} -> ${usedBytes()} bytes, ` +
    `memory ${pagesAtStart} -> ${pages()} pages`,
);
const usedByCrowd = usedBytes();
crowd = null;
const rounds = await collect(() => usedBytes() <= usedAtStart);
const usedAfterGc = usedBytes();
console.log(
  `dropped them, gc() x${rounds}: used ${usedByCrowd} -> ${usedAfterGc} bytes ` +
    `(reclaimed ${usedByCrowd - usedAfterGc} bytes)`,
);

// 4. trim() gives the free pages at the end back; `a` lives below them.
const pagesBeforeTrim = pages();
trim();
const pagesAfterTrim = pages();
console.log(`trim(): memory ${pagesBeforeTrim} -> ${pagesAfterTrim} pages (released ${pagesBeforeTrim - pagesAfterTrim} pages)`);
const actual = draw(a, 5);
console.log(`a after trim: ${actual.join(' ')}`);
console.log(`a before trim would say: ${expected.join(' ')}`);
console.log(`same numbers after trim: ${check(same(actual, expected))}`);

process.exitCode = failed ? 1 : 0;

function draw(prng, count) {
  return Array.from({ length: count }, () => prng.rand());
}

function same(left, right) {
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

function pages() {
  return memory.buffer.byteLength / PAGE_SIZE;
}

// Collects until `done()` holds or the round limit is hit; returns the rounds used.
async function collect(done) {
  let round = 0;
  while (!done() && round < GC_ROUNDS) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
    round++;
  }
  return round;
}
