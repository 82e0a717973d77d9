// Demo: a fragmented heap drawn as a picture. Blocks of a few sizes, some
// tied to tokens, some freed again to leave holes, and two reserved ranges
// like a guest's data segments; heapToSVG (from hostheap/svg) draws the layout.
// Run: node examples/heap-picture/main.js [out.svg]   (default: heap.svg here)

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHeap } from 'hostheap';
import { heapToSVG } from 'hostheap/svg';

const out = process.argv[2] ?? fileURLToPath(new URL('./heap.svg', import.meta.url));

const heap = createHeap({ initial: 1 });

// Two ranges no block may take, as a guest's data segments would be.
heap.reserve(1024, 1024);
heap.reserve(40960, 3000);

// Forty blocks from 256 B to 1.5 KiB; every third is tied to a token, and
// every fourth is freed again.
const tokens = [];
const blocks = [];
for (let i = 0; i < 40; i++) {
  const size = 256 * (1 + ((i * 7) % 6));
  if (i % 3 === 0) {
    const token = { i };
    tokens.push(token);
    blocks.push(heap.alloc(size, token));
  } else {
    blocks.push(heap.malloc(size));
  }
}
for (let i = 0; i < blocks.length; i += 4) heap.free(blocks[i]);

const svg = heapToSVG(heap, { title: 'hostheap: 40 blocks, 10 freed, 2 reserved ranges' });
writeFileSync(out, svg);

const kinds = {};
for (const span of heap.spans()) kinds[span.kind] = (kinds[span.kind] ?? 0) + 1;
console.log(`spans: ${Object.entries(kinds).map(([kind, count]) => `${count} ${kind}`).join(', ')}`);
console.log(`used ${heap.usedBytes()} of ${heap.totalBytes()} bytes, largest free span ${heap.largestBytes()}`);
console.log(`wrote ${out} (${svg.length} bytes)`);
console.log(`tokens alive: ${tokens.length}`);
