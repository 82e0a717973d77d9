// Demo: a guest whose counters live in its data segments keeps its run-time
// changes through growth and several trims, and a second module whose
// segment would overwrite them is refused.
// Run: node examples/data-segment/main.js

import { createHeap } from 'hostheap';
import { dataSegments, reserveDataSegments } from 'hostheap/segments';
import { INITIAL_COUNTS, Tally, TALLY } from './tally.js';
import { watBytes } from './wat.js';

const PAGE_SIZE = 65536;
const BIG_SIZE = 1 << 20;

let failed = false;
function check(ok) {
  if (!ok) failed = true;
  return ok ? 'yes' : 'NO';
}

const heap = createHeap();
const pages = () => heap.buffer.byteLength / PAGE_SIZE;
const range = ({ addr, size }) => `[${addr}, ${addr + size})`;

// 1. Read the segments, reserve them, instantiate.
console.log(`tally.wat data segments: ${dataSegments(TALLY).map(({ index, offset, size }) => `#${index} at ${offset}, ${size} bytes`).join('; ')}`);
const tally = new Tally(heap);
console.log(`reserved: ${tally.reserved.map(range).join(', ')}`);
console.log(`counters at start: ${tally.counts().join(' ')} (label "${tally.label}")`);
console.log(`initial values from the segment: ${check(String(tally.counts()) === String(INITIAL_COUNTS))}`);

// 2. Blocks around the reservation never overlap it.
const sizes = Array.from({ length: 200 }, (_, i) => 16 + (i % 5) * 16);
const blocks = sizes.map((size) => heap.malloc(size));
const [reserved] = tally.reserved;
const clear = blocks.every((addr, i) => addr + sizes[i] <= reserved.addr || addr >= reserved.addr + reserved.size);
console.log(`200 blocks placed around the reserved range: ${check(clear)}`);

// 3. Change the counters, then grow and trim a few times.
const model = [...INITIAL_COUNTS];
let adds = 0;
function step(round) {
  for (let slot = 0; slot < model.length; slot++) {
    const n = (round + 1) * (slot + 1);
    model[slot] += n;
    tally.add(slot, n);
    adds += 1;
  }
}
for (let round = 0; round < 3; round++) {
  step(round);
  const big = heap.malloc(BIG_SIZE);
  const grown = pages();
  heap.free(big);
  const before = tally.guest;
  const released = heap.trim();
  const same = String(tally.counts()) === String(model) && tally.sum() === model.reduce((a, b) => a + b, 0);
  console.log(
    `round ${round + 1}: grew to ${grown} pages, trim released ${released}, respawned: ${check(tally.guest !== before)}, ` +
      `counters kept: ${check(same)}, updates ${tally.updates}`,
  );
}
console.log(`counters at end: ${tally.counts().join(' ')} (label "${tally.label}")`);
console.log(`updates survived in the global: ${check(tally.updates === adds)}`);
console.log(`label intact: ${check(tally.label === 'counters')}`);

// 4. A module whose segment lands inside the counters is refused; nothing changes.
const layout = JSON.stringify(heap.spans());
try {
  reserveDataSegments(heap, { tally: TALLY, banner: await watBytes('banner.wat') });
  console.log('overlap refused: NO');
  failed = true;
} catch (error) {
  console.log(`overlap refused: ${error.message}`);
}
console.log(`heap unchanged: ${check(JSON.stringify(heap.spans()) === layout)}`);

for (const addr of blocks) heap.free(addr);
if (failed) process.exitCode = 1;
