// Demo: three guests share one memory and give the same answers before
// growth, after growth, and after trim() has moved everything to a new memory.
// Run: node examples/shared-modules/main.js

import { alloc, free, grow, malloc, memory, trim } from 'hostheap';
import { fnv, hashText, ring, ringValues, vec, writeF64 } from './modules.js';

const PAGE_SIZE = 65536;
const LENGTH = 1000;
const F64_SIZE = 8;
const I32_SIZE = 4;
const RING_CAPACITY = 8;
const BIG_SIZE = 1 << 20;
const WORDS = ['hostheap', 'shared memory', 'FNV-1a'];

// Lives as long as this file, and so does the ring's storage.
const RING_TOKEN = {};

let failed = false;
function check(ok) {
  if (!ok) failed = true;
  return ok ? 'yes' : 'NO';
}

// 1. Data: two f64 arrays with malloc, the ring's slots with a token.
const xs = Array.from({ length: LENGTH }, (_, i) => i + 1);
const ys = Array.from({ length: LENGTH }, (_, i) => (i % 7) - 3);
const xsAddr = malloc(LENGTH * F64_SIZE);
const ysAddr = malloc(LENGTH * F64_SIZE);
writeF64(xsAddr, xs);
writeF64(ysAddr, ys);

ring.reset(alloc(RING_CAPACITY * I32_SIZE, RING_TOKEN), RING_CAPACITY);
for (let value = 1; value <= 6; value++) ring.push(value);
for (let i = 0; i < 3; i++) ring.shift();
for (let value = 7; value <= 10; value++) ring.push(value); // wraps past the last slot

const expected = {
  sum: xs.reduce((total, x) => total + x, 0),
  dot: xs.reduce((total, x, i) => total + x * ys[i], 0),
  hashes: WORDS.map(fnv1a),
  ring: [4, 5, 6, 7, 8, 9, 10],
};

console.log(`memory: ${pages()} pages`);
const before = answers();
report('before growth', before);
console.log(`matches plain JS: ${check(same(before, expected))}`);

// 2. Growth keeps the memory object; the guests keep working as they are.
const pagesBeforeGrow = pages();
const grown = grow(4);
console.log(`grow(4) -> ${grown}: memory ${pagesBeforeGrow} -> ${pages()} pages`);
const pagesBeforeBig = pages();
const big = malloc(BIG_SIZE);
console.log(`malloc(${BIG_SIZE}): memory ${pagesBeforeBig} -> ${pages()} pages`);
const afterGrowth = answers();
report('after growth', afterGrowth);
console.log(`same answers after growth: ${check(same(afterGrowth, before))}`);

// 3. trim() moves the live prefix to a smaller memory and respawns every guest.
free(big);
const guestsBeforeTrim = [vec, fnv, ring];
const pagesBeforeTrim = pages();
trim();
const pagesAfterTrim = pages();
console.log(`free(big); trim(): memory ${pagesBeforeTrim} -> ${pagesAfterTrim} pages (released ${pagesBeforeTrim - pagesAfterTrim} pages)`);
const respawned = [vec, fnv, ring].filter((guest, i) => guest !== guestsBeforeTrim[i]).length;
console.log(`guests respawned on the new memory: ${respawned} of 3`);
const afterTrim = answers();
report('after trim', afterTrim);
console.log(`same answers after trim: ${check(same(afterTrim, before))}`);

// 4. The ring's restored globals point at its slots in the new memory.
ring.push(11);
const shifted = ring.shift();
console.log(`ring after push(11), shift() -> ${shifted}: [${ringValues().join(' ')}]`);
console.log(`ring continues after trim: ${check(shifted === 4 && same(ringValues(), [5, 6, 7, 8, 9, 10, 11]))}`);

free(xsAddr);
free(ysAddr);
process.exitCode = failed ? 1 : 0;

function answers() {
  return {
    sum: vec.sum(xsAddr, LENGTH),
    dot: vec.dot(xsAddr, ysAddr, LENGTH),
    hashes: WORDS.map(hashText),
    ring: ringValues(),
  };
}

function report(when, { sum, dot, hashes, ring: values }) {
  const hashList = WORDS.map((word, i) => `${JSON.stringify(word)}=0x${hashes[i].toString(16).padStart(8, '0')}`);
  console.log(`${when}: sum=${sum} dot=${dot} fnv1a ${hashList.join(' ')} ring=[${values.join(' ')}]`);
}

function same(left, right) {
  return JSON.stringify(left) === JSON.stringify(right);
}

function pages() {
  return memory.buffer.byteLength / PAGE_SIZE;
}

// Plain JS FNV-1a over UTF-8, to check the guest.
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}
