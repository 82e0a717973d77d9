/**
 * Typed access through the heap manager, against the same loop on raw
 * typed arrays and through wasm-heap-manager (the published release), all
 * over one hostheap heap, measured side by side by run.js's timer.
 *
 * Loops: read an element, add to it, write it back, over 1,024 elements,
 * for Int32, Float64 and BigUint64; and a UTF-8 string written and read
 * back. Each peer runs its own copy of a loop (`fresh`), so one's type
 * feedback does not slow another's.
 */
import { createWasmHeapManager } from 'wasm-heap-manager';
import { createHeap } from '../bindings/heap.js';
import { managerOf } from '../bindings/manager/index.js';

const OPS = 1_000_000;
const STRING_OPS = 200_000;
const ELEMENTS = 1024;
const STRINGS = ['hello', 'a short ASCII line', 'héllo wörld ünïcode', 'x'.repeat(60)];
const STRING_CAPACITY = 128;

// Loops, one per kind of peer; `fresh` compiles a copy per peer from their source.

function managerInt32(m, base, n) {
  for (let i = 0; i < n; i++) {
    const address = base + ((i & 1023) << 2);
    m.writeInt32(address, (m.readInt32(address) + 1) | 0);
  }
}
function rawInt32(view, base, n) {
  for (let i = 0; i < n; i++) {
    const address = base + ((i & 1023) << 2);
    view[address >>> 2] = (view[address >>> 2] + 1) | 0;
  }
}
function managerFloat64(m, base, n) {
  for (let i = 0; i < n; i++) {
    const address = base + ((i & 1023) << 3);
    m.writeFloat64(address, m.readFloat64(address) + 0.5);
  }
}
function rawFloat64(view, base, n) {
  for (let i = 0; i < n; i++) {
    const address = base + ((i & 1023) << 3);
    view[address >>> 3] = view[address >>> 3] + 0.5;
  }
}
function managerBigUint64(m, base, n) {
  for (let i = 0; i < n; i++) {
    const address = base + ((i & 1023) << 3);
    m.writeBigUint64(address, m.readBigUint64(address) + 1n);
  }
}
function rawBigUint64(view, base, n) {
  for (let i = 0; i < n; i++) {
    const address = base + ((i & 1023) << 3);
    view[address >>> 3] = view[address >>> 3] + 1n;
  }
}
function managerUtf8(m, address, n, strings, capacity) {
  let length = 0;
  for (let i = 0; i < n; i++) {
    m.writeNullTerminatedUtf8String(address, strings[i & 3], capacity);
    length += m.readNullTerminatedUtf8String(address, capacity).length;
  }
  return length;
}

/** A hostheap heap with our manager, the release's over the same heap, and a block for the loops. */
function peers() {
  const heap = createHeap({ initial: 1, maximum: 65536 });
  const ours = managerOf(heap);
  const theirs = createWasmHeapManager(() => heap.buffer, (size) => heap.malloc(size), (address) => heap.free(address));
  heap.malloc(16); // the release reads address 0 as a failed allocation
  const base = heap.malloc(ELEMENTS * 8);
  return { heap, ours, theirs, base };
}

/**
 * The typed-access scenario for run.js.
 *
 * @param {{ bestOfEach: Function, fresh: Function, row: Function, atMost: Function, times: Function, ns: Function }} tools run.js's timer and table helpers
 * @returns {Promise<object[]>} table rows
 */
export async function typed({ bestOfEach, fresh, row, atMost, times, ns }) {
  const rows = [];
  const kinds = [
    ['Int32', managerInt32, rawInt32, (heap) => new Int32Array(heap.buffer)],
    ['Float64', managerFloat64, rawFloat64, (heap) => new Float64Array(heap.buffer)],
    ['BigUint64', managerBigUint64, rawBigUint64, (heap) => new BigUint64Array(heap.buffer)],
  ];
  for (const [type, managerLoop, rawLoop, rawView] of kinds) {
    const [ours, raw, theirs] = (
      await bestOfEach([
        { setup: () => ({ ...peers(), run: fresh(managerLoop) }), body: (s) => s.run(s.ours, s.base, OPS) },
        { setup: () => { const p = peers(); return { ...p, view: rawView(p.heap), run: fresh(rawLoop) }; }, body: (s) => s.run(s.view, s.base, OPS) },
        { setup: () => ({ ...peers(), run: fresh(managerLoop) }), body: (s) => s.run(s.theirs, s.base, OPS) },
      ])
    ).map((ms) => (ms * 1e6) / OPS);
    rows.push(
      row(`typed ${type} read+write`, ns(ours), `raw ${type}Array`, ns(raw), ours / raw, atMost(1.25, times)),
      row('  same', ns(ours), 'wasm-heap-manager', ns(theirs), ours / theirs, atMost(1.0, times)),
    );
  }
  const [ours, theirs] = (
    await bestOfEach([
      { setup: () => ({ ...peers(), run: fresh(managerUtf8) }), body: (s) => s.run(s.ours, s.base, STRING_OPS, STRINGS, STRING_CAPACITY) },
      { setup: () => ({ ...peers(), run: fresh(managerUtf8) }), body: (s) => s.run(s.theirs, s.base, STRING_OPS, STRINGS, STRING_CAPACITY) },
    ])
  ).map((ms) => (ms * 1e6) / STRING_OPS);
  rows.push(row('UTF-8 string write+read', ns(ours), 'wasm-heap-manager', ns(theirs), ours / theirs, atMost(1.0, times)));
  return rows;
}
