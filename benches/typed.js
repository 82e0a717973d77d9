/**
 * Typed access through the heap manager, against the same loop on raw
 * typed arrays and through wasm-heap-manager (the published release), all
 * over one hostheap heap, measured side by side by run.js's timer.
 *
 * Loops: read an element, add to it, write it back, over 1,024 elements,
 * for Int32, Float64 and BigUint64; and a UTF-8 string written and read
 * back. Each peer runs its own copy of a loop (`fresh`), so one's type
 * feedback does not slow another's. The copy runs WARMUP_OPS times in the
 * untimed setup, so the timed run starts in optimized code instead of
 * paying for V8's tier-up, and OPS is large enough that a timed run of the
 * fastest peer takes some 30 ms: shorter runs move with the machine's noise.
 */
import { createWasmHeapManager } from 'wasm-heap-manager';
import { createHeap } from '../bindings/heap.js';
import { managerOf } from '../bindings/manager/index.js';

const OPS = 32_000_000;
const WARMUP_OPS = 1_000_000;
const STRING_OPS = 200_000;
const STRING_WARMUP_OPS = 20_000;
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
 * A timed case for run.js's timer: `loop(target, base, ops, ...rest)` on
 * fresh peers, `target` being what `pick(peers)` returns, the loop a copy
 * of its own (`fresh`) already run `warmup` times in the untimed setup.
 */
function loopCase(fresh, loop, pick, ops, warmup, ...rest) {
  return {
    setup: () => {
      const p = peers();
      const state = { heap: p.heap, target: pick(p), base: p.base, run: fresh(loop) };
      state.run(state.target, state.base, warmup, ...rest);
      return state;
    },
    body: (s) => s.run(s.target, s.base, ops, ...rest),
  };
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
        loopCase(fresh, managerLoop, (p) => p.ours, OPS, WARMUP_OPS),
        loopCase(fresh, rawLoop, (p) => rawView(p.heap), OPS, WARMUP_OPS),
        loopCase(fresh, managerLoop, (p) => p.theirs, OPS, WARMUP_OPS),
      ])
    ).map((ms) => (ms * 1e6) / OPS);
    rows.push(
      row(`typed ${type} read+write`, ns(ours), `raw ${type}Array`, ns(raw), ours / raw, atMost(1.25, times)),
      row('  same', ns(ours), 'wasm-heap-manager', ns(theirs), ours / theirs, atMost(1.0, times)),
    );
  }
  const [ours, theirs] = (
    await bestOfEach([
      loopCase(fresh, managerUtf8, (p) => p.ours, STRING_OPS, STRING_WARMUP_OPS, STRINGS, STRING_CAPACITY),
      loopCase(fresh, managerUtf8, (p) => p.theirs, STRING_OPS, STRING_WARMUP_OPS, STRINGS, STRING_CAPACITY),
    ])
  ).map((ms) => (ms * 1e6) / STRING_OPS);
  rows.push(row('UTF-8 string write+read', ns(ours), 'wasm-heap-manager', ns(theirs), ours / theirs, atMost(1.0, times)));
  return rows;
}
