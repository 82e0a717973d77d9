/**
 * The hostheap bench: runs hostheap and its peers side by side in one node
 * process and prints one table. Absolute figures move from machine to
 * machine and run to run; ratios between peers measured in the same run hold.
 *
 * Run it with `scripts/bench [--rounds=N] [scenario ...]`, which builds
 * everything first, or directly with
 * `node --expose-gc benches/run.js [--rounds=N] [scenario ...]`.
 * Scenario names are the keys of `SCENARIOS`; with none given, all run.
 * This is a report, not a gate: it exits 0 even when a target is missed.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { MemPool } from '@thi.ng/malloc';
import { transformSync } from 'esbuild';
// The readable sources, not the published bundle: the metadata scenario reads
// the engine's memory through wasm.js, which must be the instance createHeap uses.
import { createHeap } from '../bindings/heap.js';
import { instanceMemory } from '../bindings/wasm.js';
import { typed } from './typed.js';

const KIB = 1024;
const MIB = 1024 * KIB;
const PAGE = 64 * KIB;
const ATOM = 16;
const HEAP_OPTIONS = { initial: 1, maximum: 65536 };

const BINDINGS = new URL('../bindings/', import.meta.url);
const DLMALLOC_WASM = new URL(
  'dlmalloc-peer/target/wasm32-unknown-unknown/release/dlmalloc_peer.wasm',
  import.meta.url,
);

const { values: OPTIONS, positionals: ONLY } = parseArgs({
  args: isMainThread ? process.argv.slice(2) : [],
  options: { rounds: { type: 'string', default: '5' } },
  allowPositionals: true,
});
// A worker has no arguments of its own: it times with the main thread's rounds (see `inWorker`).
const ROUNDS = isMainThread ? Number(OPTIONS.rounds) : workerData.rounds;

// ---------------------------------------------------------------------------
// Tools: one timer, one PRNG, the peers.

/**
 * Times `body(setup())` for each case in ROUNDS rounds and returns each
 * case's fastest round. Every round runs every case, in an order that
 * flips from round to round, so drift in the machine or in the GC's state
 * weighs on all cases alike. Before each run the GC runs and finalizers
 * get a macrotask, so one run's garbage is not billed to the next; `setup`
 * is not timed.
 *
 * @param {{ body: (state: any) => void, setup?: () => any }[]} cases
 * @returns {Promise<number[]>} milliseconds, one per case
 */
async function bestOfEach(cases) {
  const best = cases.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...cases.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const { body, setup = () => undefined } = cases[i];
      globalThis.gc();
      await new Promise(setImmediate);
      const state = setup();
      const start = performance.now();
      body(state);
      best[i] = Math.min(best[i], performance.now() - start);
    }
  }
  return best;
}

/**
 * {@link bestOfEach} for one case.
 *
 * @param {(state: any) => void} body the timed part
 * @param {() => any} [setup] builds the state `body` starts from
 * @returns {Promise<number>} milliseconds
 */
async function bestOf(body, setup) {
  return (await bestOfEach([{ body, setup }]))[0];
}

/**
 * A seeded PRNG (mulberry32), so every peer sees the same sequence.
 *
 * @param {number} seed
 * @returns {(min: number, max: number) => number} an integer from `min` to `max`, both included
 */
function prng(seed) {
  let state = seed >>> 0;
  return (min, max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    return min + Math.floor(unit * (max - min + 1));
  };
}

/**
 * A copy of `fn` compiled from its source, with type feedback of its own.
 * Timed loops shared by peers run as one copy per peer and round, so V8's
 * feedback for one peer's calls cannot slow another's down.
 *
 * @template {Function} F
 * @param {F} fn a function that uses only its parameters and globals
 * @returns {F}
 */
function fresh(fn) {
  copies += 1;
  return (0, eval)(`(${fn})\n// copy ${copies}`);
}
let copies = 0;

let dlmallocModule;

/**
 * A fresh instance of the dlmalloc peer (`benches/dlmalloc-peer`): the
 * allocator a guest links in when there is no host allocator.
 *
 * @returns {{ malloc(size: number): number, free(addr: number, size: number): void, memory: WebAssembly.Memory }}
 */
function dlmalloc() {
  dlmallocModule ??= new WebAssembly.Module(readFileSync(DLMALLOC_WASM));
  return new WebAssembly.Instance(dlmallocModule).exports;
}

/**
 * A fresh @thi.ng/malloc pool (first fit over address-sorted lists) on a
 * 32 MiB ArrayBuffer, 16-byte aligned like the others.
 *
 * @returns {MemPool}
 */
function thingPool() {
  return new MemPool({ size: 32 * MIB, align: ATOM });
}

/** @param {number} size bytes @returns {number} `size` rounded up to whole atoms */
const roundToAtoms = (size) => Math.ceil(size / ATOM) * ATOM;

/** @param {number} size bytes @returns {number} `size` rounded up to whole pages */
const roundToPages = (size) => Math.ceil(size / PAGE) * PAGE;

// ---------------------------------------------------------------------------
// Scenarios. Each returns table rows (see `row`).

const CHURN = { live: 10_000, warmup: 20_000, steps: 1_000_000, thingSteps: 20_000, minSize: 16, maxSize: 512 };
/** The same churn over blocks above 1 KiB, which the engine keeps in its ordered set rather than its bins. */
const LARGE_CHURN = { ...CHURN, live: 20_000, steps: 200_000, minSize: 1040, maxSize: 31_040 };

/**
 * The churn trace: sizes of the first live blocks, then for each step the
 * slot whose block is freed and the size allocated in its place; the
 * first `config.warmup` steps are run untimed.
 *
 * @param {typeof CHURN} config
 */
function churnTrace(config) {
  const random = prng(0x5eed);
  const size = () => random(config.minSize, config.maxSize);
  return {
    initial: Uint32Array.from({ length: config.live }, size),
    slots: Uint32Array.from({ length: config.warmup + config.steps }, () => random(0, config.live - 1)),
    sizes: Uint32Array.from({ length: config.warmup + config.steps }, size),
  };
}

/** The churn loop, steps `from` to `to`; peers get their own copy of it (see `fresh`). */
function churnSteps(peer, addrs, live, slots, sizes, from, to) {
  for (let step = from; step < to; step++) {
    const slot = slots[step];
    peer.free(addrs[slot], live[slot]);
    const size = sizes[step];
    addrs[slot] = peer.malloc(size);
    live[slot] = size;
  }
}

/**
 * A timed case for churn steps `from` to `to` on a fresh allocator. The
 * steps before `from` run first, untimed, on the same allocator and copy
 * of the loop: a warm-up, so that the timed steps run in optimized code.
 *
 * @param {ReturnType<typeof churnTrace>} trace
 * @param {() => any} create makes a fresh allocator with `malloc(size)` and `free(addr, size)`
 * @param {number} from
 * @param {number} to
 * @param {boolean} zeroIsNull whether a 0 address means out of memory
 */
function churnCase(trace, create, from, to, zeroIsNull) {
  return {
    body: ({ peer, addrs, live, run }) => {
      run(peer, addrs, live, trace.slots, trace.sizes, from, to);
      if (zeroIsNull && addrs.includes(0)) failed('churn: a peer ran out of memory');
    },
    setup: () => {
      const peer = create();
      const live = trace.initial.slice();
      const addrs = Float64Array.from(live, (size) => peer.malloc(size));
      const run = fresh(churnSteps);
      run(peer, addrs, live, trace.slots, trace.sizes, 0, from);
      return { peer, addrs, live, run };
    },
  };
}

/** Churn: free one random block, allocate one of a random size: a million timed steps, after 20,000 untimed. */
async function churn() {
  const trace = churnTrace(CHURN);
  const perPair = (ms, steps) => (ms * 1e6) / steps;
  const [ours, dl] = (
    await bestOfEach([
      churnCase(trace, () => createHeap(HEAP_OPTIONS), CHURN.warmup, CHURN.warmup + CHURN.steps, false),
      churnCase(trace, dlmalloc, CHURN.warmup, CHURN.warmup + CHURN.steps, true),
    ])
  ).map((ms) => perPair(ms, CHURN.steps));
  // @thi.ng/malloc's free walks every live block: it runs a prefix only,
  // with no warm-up, and so does hostheap for that row.
  const [oursPrefix, thing] = (
    await bestOfEach([
      churnCase(trace, () => createHeap(HEAP_OPTIONS), 0, CHURN.thingSteps, false),
      churnCase(trace, thingPool, 0, CHURN.thingSteps, true),
    ])
  ).map((ms) => perPair(ms, CHURN.thingSteps));
  const large = churnTrace(LARGE_CHURN);
  const [oursLarge, dlLarge] = (
    await bestOfEach([
      churnCase(large, () => createHeap(HEAP_OPTIONS), LARGE_CHURN.warmup, LARGE_CHURN.warmup + LARGE_CHURN.steps, false),
      churnCase(large, dlmalloc, LARGE_CHURN.warmup, LARGE_CHURN.warmup + LARGE_CHURN.steps, true),
    ])
  ).map((ms) => perPair(ms, LARGE_CHURN.steps));
  const name = `churn, ${count(CHURN.live)} live: free+malloc`;
  return [
    row(name, ns(ours), 'dlmalloc (wasm)', ns(dl), ours / dl, atMost(0.5, times)),
    row(`  same, first ${count(CHURN.thingSteps)} steps`, ns(oursPrefix), '@thi.ng/malloc', ns(thing),
      oursPrefix / thing),
    row(`  same, ${count(LARGE_CHURN.live)} live of 1-31 KiB`, ns(oursLarge), 'dlmalloc (wasm)', ns(dlLarge),
      oursLarge / dlLarge),
  ];
}

const TOKEN_CALLS = 200_000;

/**
 * Times GC-tied allocation with a fresh token per call and a bare
 * register, side by side. Runs in a worker (see `tokens`).
 *
 * @returns {Promise<[number, number]>} ns per call: hostheap's, then the bare register's
 */
async function tokensPerCall() {
  const [ours, bare] = await bestOfEach([
    {
      body: (heap) => {
        for (let i = 0; i < TOKEN_CALLS; i++) heap.alloc(16, {});
      },
      setup: () => {
        // Room for every block up front: in a steady state tokens die and
        // their blocks are reused, so growing is not part of this cost.
        const heap = createHeap(HEAP_OPTIONS);
        heap.grow(roundToPages(TOKEN_CALLS * 16) / PAGE);
        return heap;
      },
    },
    {
      body: (registry) => {
        for (let i = 0; i < TOKEN_CALLS; i++) registry.register({}, i);
      },
      setup: () => new FinalizationRegistry(() => {}),
    },
  ]);
  return [ours, bare].map((ms) => (ms * 1e6) / TOKEN_CALLS);
}

/**
 * GC-tied allocation with a fresh token per call, against a bare register.
 * Both run in one fresh worker: the heap and GC state earlier scenarios
 * leave behind (churn's most) would weigh on them, and not alike.
 */
async function tokens() {
  const [perAlloc, perRegister] = await inWorker('tokensPerCall');
  return [
    row('gc-tied alloc(16, {})', ns(perAlloc), 'FinalizationRegistry.register({}, i)', ns(perRegister),
      perAlloc / perRegister, atMost(1.2, times)),
  ];
}

const SCRATCH = { calls: 1_000_000, blocks: 1_000 };

/** Scratch allocation: an address with room for `size` bytes, no bookkeeping. */
async function scratch() {
  const random = prng(0x5c7a);
  const sizes = Uint32Array.from({ length: 1024 }, () => random(16, 512));
  const ms = await bestOf(
    (heap) => {
      for (let i = 0; i < SCRATCH.calls; i++) heap.alloc(sizes[i & 1023]);
    },
    () => {
      // A heap with holes: every other of SCRATCH.blocks blocks freed.
      const heap = createHeap(HEAP_OPTIONS);
      const addrs = Array.from(sizes.subarray(0, SCRATCH.blocks), (size) => heap.malloc(size));
      addrs.forEach((addr, i) => i % 2 && heap.free(addr));
      return heap;
    },
  );
  const perCall = (ms * 1e6) / SCRATCH.calls;
  return [row('scratch alloc(size)', ns(perCall), '', '', NaN, atMost(20, ns, perCall))];
}

const REALLOC = { to: 16 * MIB, repeats: 10 };

/**
 * The timed realloc loop: a buffer from 16 bytes to `to` by doubling, then
 * freed, `repeats` times; peers get their own copy (see `fresh`).
 * `realloc(addr, oldSize, newSize)` and `free(addr, size)` take the sizes
 * the dlmalloc peer needs; hostheap's adapter ignores them.
 */
function reallocSteps(peer, to, repeats) {
  for (let r = 0; r < repeats; r++) {
    let addr = peer.malloc(16);
    for (let size = 16; size < to; size *= 2) addr = peer.realloc(addr, size, size * 2);
    if (addr === 0 && peer.zeroIsNull) throw new Error('realloc: a peer ran out of memory');
    peer.free(addr, to);
  }
}

/** realloc: growing a buffer from 16 bytes to 16 MiB by doubling, against dlmalloc's realloc. */
async function realloc() {
  const hostheap = () => {
    const heap = createHeap(HEAP_OPTIONS);
    return {
      malloc: (size) => heap.malloc(size),
      realloc: (addr, oldSize, size) => heap.realloc(addr, size),
      free: (addr) => heap.free(addr),
    };
  };
  const [ours, dl] = await bestOfEach(
    [hostheap, () => ({ ...dlmalloc(), zeroIsNull: true })].map((create) => ({
      body: ({ peer, run }) => run(peer, REALLOC.to, REALLOC.repeats),
      setup: () => ({ peer: create(), run: fresh(reallocSteps) }),
    })),
  );
  const steps = Math.log2(REALLOC.to / 16) * REALLOC.repeats;
  const [perStep, perDl] = [ours, dl].map((t) => (t * 1e6) / steps);
  return [
    row('realloc 16 B → 16 MiB by doubling', ns(perStep), 'dlmalloc (wasm) realloc', ns(perDl), ours / dl,
      atMost(1.0, times)),
  ];
}

/**
 * Block classes of the mixed-lifetime trace: percent of allocations, size
 * range in bytes, lifetime range in allocations.
 */
const LIFETIMES = [
  // class     percent  size           lifetime
  ['short',    70,      [16, 256],     [1, 64]],
  ['medium',   25,      [64, 2048],    [1_000, 20_000]],
  ['long',     5,       [1024, 8192],  [10_000, 100_000]],
];
const TRACE_ALLOCATIONS = 200_000;

/**
 * The mixed-lifetime trace, interleaved as they fall due: `ops[i] >= 0`
 * allocates block `ops[i]` of `sizes[ops[i]]` bytes, `ops[i] < 0` frees
 * block `~ops[i]`. Blocks whose lifetime runs past the end stay live.
 * Live bytes count sizes rounded up to atoms, the least any peer can use.
 */
function mixedTrace() {
  const random = prng(0x7ace);
  const sizes = new Uint32Array(TRACE_ALLOCATIONS);
  const due = new Map();
  const ops = [];
  let live = 0;
  let peakLive = 0;
  for (let id = 0; id < TRACE_ALLOCATIONS; id++) {
    for (const old of due.get(id) ?? []) {
      ops.push(~old);
      live -= roundToAtoms(sizes[old]);
    }
    due.delete(id);
    let roll = random(0, 99);
    const [, , size, lifetime] = LIFETIMES.find(([, percent]) => (roll -= percent) < 0);
    sizes[id] = random(...size);
    const end = id + random(...lifetime);
    if (!due.has(end)) due.set(end, []);
    due.get(end).push(id);
    ops.push(id);
    live += roundToAtoms(sizes[id]);
    peakLive = Math.max(peakLive, live);
  }
  return { ops: Int32Array.from(ops), sizes, peakLive };
}

/** Runs the trace through `malloc(size)` and `free(addr, size)`. */
function replay({ ops, sizes }, malloc, free) {
  const addrs = new Float64Array(sizes.length);
  for (const op of ops) {
    if (op >= 0) addrs[op] = malloc(sizes[op]);
    else free(addrs[~op], sizes[~op]);
  }
}

/** Peak memory over the mixed-lifetime trace, against the live bytes it needs. */
async function fragmentation() {
  const trace = mixedTrace();
  const heap = createHeap(HEAP_OPTIONS);
  let ours = 0;
  replay(trace, (size) => {
    const addr = heap.malloc(size);
    ours = Math.max(ours, heap.totalBytes());
    return addr;
  }, (addr) => heap.free(addr));

  // dlmalloc never gives memory back: its peak is its growth.
  const dl = dlmalloc();
  const start = dl.memory.buffer.byteLength;
  replay(trace, (size) => dl.malloc(size) || failed('fragmentation: dlmalloc ran out of memory'), dl.free);
  const dlPeak = dl.memory.buffer.byteLength - start;

  const floor = roundToPages(trace.peakLive);
  const name = `fragmentation, ${count(trace.ops.length)} ops: peak total`;
  return [
    row(name, bytes(ours), 'peak live, in pages', bytes(floor), ours / floor, atMost(1.15, times)),
    row('  same trace', bytes(ours), 'dlmalloc (wasm) growth', bytes(dlPeak), ours / dlPeak),
  ];
}

const TRIM = { from: 64 * MIB, live: 1 * MIB };

/** `trim()` of a big, mostly free memory, against a bare copy of the live prefix. */
async function trim() {
  let last;
  const ours = await bestOf(
    (heap) => heap.trim(),
    () => {
      const heap = createHeap(HEAP_OPTIONS);
      const addr = heap.malloc(TRIM.live);
      heap.grow((TRIM.from - heap.buffer.byteLength) / PAGE);
      if (heap.buffer.byteLength !== TRIM.from) failed(`trim: grow reached ${heap.buffer.byteLength} bytes`);
      new Uint8Array(heap.buffer, addr, TRIM.live).fill(0xa5);
      return (last = heap);
    },
  );
  // The baseline keeps as many pages as hostheap did and copies its live prefix.
  const kept = last.totalBytes();
  const prefix = kept - last.tailBytes();
  const copy = await bestOf(
    (old) => {
      const memory = new WebAssembly.Memory({ initial: kept / PAGE, maximum: HEAP_OPTIONS.maximum });
      new Uint8Array(memory.buffer).set(new Uint8Array(old.buffer, 0, prefix));
    },
    () => {
      // Built as hostheap's is: one page, then grown.
      const old = new WebAssembly.Memory(HEAP_OPTIONS);
      old.grow(TRIM.from / PAGE - HEAP_OPTIONS.initial);
      new Uint8Array(old.buffer, 0, TRIM.live).fill(0xa5);
      return old;
    },
  );
  return [
    row(`trim ${bytes(TRIM.from)} to ${bytes(kept)}`, ms(ours), 'new Memory + Uint8Array.set', ms(copy),
      ours / copy, atMost(2, times)),
  ];
}

const METADATA_BLOCKS = 1_000_000;

/**
 * Growth of the allocator's own wasm memory from an empty heap to one
 * holding METADATA_BLOCKS blocks, per block. Runs in a worker, where that
 * memory is fresh: memory freed by earlier heaps would hide growth.
 *
 * @param {{ minSize: number, maxSize: number }} sizes
 * @returns {number} bytes per block
 */
function metadataPerBlock({ minSize, maxSize }) {
  const random = prng(0x3e7a);
  const heap = createHeap(HEAP_OPTIONS);
  const before = instanceMemory().buffer.byteLength;
  for (let i = 0; i < METADATA_BLOCKS; i++) heap.malloc(random(minSize, maxSize));
  return (instanceMemory().buffer.byteLength - before) / METADATA_BLOCKS;
}

/**
 * Runs `WORKER_TASKS[task](data)` in a fresh worker thread of this file and
 * returns its result once the worker is gone, so that tearing it down does
 * not overlap the next scenario. The worker inherits node's flags
 * (`--expose-gc`) and gets ROUNDS here.
 *
 * @param {keyof typeof WORKER_TASKS} task
 * @param {any} [data] structured-cloneable
 * @returns {Promise<any>}
 */
function inWorker(task, data) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { task, data, rounds: ROUNDS } });
    worker.once('message', (result) => worker.terminate().then(() => resolve(result), reject));
    worker.once('error', reject);
  });
}

/** Bookkeeping per live block, in the allocator's own memory. */
async function metadata() {
  const rows = [];
  for (const [minSize, maxSize] of [[16, 16], [16, 512]]) {
    const perBlock = await inWorker('metadataPerBlock', { minSize, maxSize });
    const blocks = minSize === maxSize ? `${minSize} B` : `${minSize}-${maxSize} B`;
    rows.push(row(`metadata, ${count(METADATA_BLOCKS)} x ${blocks}`, `${perBlock.toFixed(1)} B/block`,
      '', '', NaN, atMost(32, (n) => `${n} B/block`, perBlock)));
  }
  return rows;
}

/**
 * What `import { alloc } from 'hostheap'` loads from the published package:
 * the file its package.json's `exports` gives for `.`, every file reached
 * from there by a relative static import, and every asset a reached file
 * names with `new URL('…', import.meta.url)` (the wasm).
 */
function shippedFiles() {
  const manifest = JSON.parse(readFileSync(new URL('package.json', BINDINGS), 'utf8'));
  const entry = manifest.exports['.'];
  const files = new Set();
  const visit = (url) => {
    if (files.has(url.href)) return;
    files.add(url.href);
    if (!url.pathname.endsWith('.js')) return;
    const source = readFileSync(url, 'utf8');
    const imports = source.matchAll(/(?:from|import)\s*(['"])(\.\.?\/[^'"]+)\1/g);
    const assets = source.matchAll(/new URL\((['"])(\.\.?\/[^'"]+)\1,\s*import\.meta\.url\)/g);
    for (const [, , specifier] of [...imports, ...assets]) visit(new URL(specifier, url));
  };
  visit(new URL(typeof entry === 'string' ? entry : entry.default, BINDINGS));
  return [...files].map((href) => new URL(href));
}

/**
 * What hostheap costs to ship, gzipped file by file: the allocator (its
 * wasm and the wasm-bindgen glue that binds it, minified as scripts/build
 * ships it), and everything `import 'hostheap'` loads (the package's own
 * JS on top).
 */
async function size() {
  const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const gzipped = (urls) => urls.reduce((sum, url) => sum + gzip(readFileSync(url)), 0);
  const glue = transformSync(readFileSync(new URL('pkg/hostheap_bg.js', BINDINGS), 'utf8'), {
    minify: true, format: 'esm', target: 'es2022',
  }).code;
  const allocator = gzipped([new URL('pkg/hostheap_bg.wasm', BINDINGS)]) + gzip(glue);
  const files = shippedFiles();
  const everything = gzipped(files);
  return [
    row('size, gzip -9: wasm + wasm-bindgen glue', bytes(allocator), '', '', NaN, atMost(16 * KIB, bytes, allocator)),
    row(`  import { alloc } from 'hostheap': ${files.length} files`, bytes(everything), '', '', NaN, atMost(16 * KIB, bytes, everything)),
  ];
}

/** Scenarios in table order; the keys name them on the command line. */
const SCENARIOS = {
  churn, tokens, scratch, realloc, fragmentation, trim, metadata, size,
  typed: () => typed({ bestOfEach, fresh, row, atMost, times, ns }),
};

/** What `inWorker` can run in a worker, by name; each takes the worker's data. */
const WORKER_TASKS = { metadataPerBlock, tokensPerCall };

// ---------------------------------------------------------------------------
// The table.

/**
 * One table row. `ratio` is hostheap's figure over the peer's. The target
 * checks the ratio, or an absolute figure where there is no peer; rows
 * without a target are for information.
 */
function row(scenario, ours, peer, theirs, ratio, target) {
  return {
    scenario, hostheap: ours, peer, 'peer figure': theirs,
    ratio: Number.isNaN(ratio) ? '' : times(ratio),
    target: target ? target.text : '',
    'ok?': target ? (target.pass(ratio) ? '✓' : '✗') : '',
  };
}

/**
 * A target "at most `limit`"; with `value` it checks that figure, else the ratio.
 *
 * @returns {{ text: string, pass: (ratio: number) => boolean }}
 */
function atMost(limit, format, value) {
  return { text: `≤ ${format(limit)}`, pass: (ratio) => (value ?? ratio) <= limit };
}

function failed(message) {
  throw new Error(message);
}

const count = (n) => n.toLocaleString('en-US');
const times = (ratio) => `${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}×`;
const ns = (n) => `${n.toFixed(1)} ns`;
const ms = (n) => `${n.toFixed(2)} ms`;
const bytes = (n) =>
  n >= MIB ? `${+(n / MIB).toFixed(2)} MiB` : n >= KIB ? `${+(n / KIB).toFixed(2)} KiB` : `${n} B`;

/** Prints rows as a Markdown table, each column padded to its widest cell. */
function print(rows) {
  const columns = Object.keys(rows[0]);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((r) => r[column].length)));
  const line = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const r of rows) console.log(line(columns.map((column) => r[column])));
}

/** The runtime, for the header: Node, or Deno or Bun running this through their Node APIs. */
function runtime() {
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno} (V8 ${globalThis.Deno.version.v8})`;
  if (globalThis.Bun) return `bun ${globalThis.Bun.version} (JavaScriptCore)`;
  return `node ${process.version} (V8 ${process.versions.v8})`;
}

// Bun forces a collection with Bun.gc(true), and has no flag for a global gc().
if (typeof globalThis.gc !== 'function' && globalThis.Bun) globalThis.gc = () => globalThis.Bun.gc(true);

async function main() {
  if (typeof globalThis.gc !== 'function') failed('run with node --expose-gc (deno: --v8-flags=--expose-gc)');
  if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) failed(`--rounds: expected an integer >= 1, got ${OPTIONS.rounds}`);
  const unknown = ONLY.filter((name) => !(name in SCENARIOS));
  if (unknown.length) failed(`unknown scenario ${unknown}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  console.log(`hostheap bench: ${runtime()}, ${process.platform} ${process.arch}, ` +
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${new Date().toISOString()}, best of ${ROUNDS} rounds\n`);
  const rows = [];
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (ONLY.length && !ONLY.includes(name)) continue;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Krunning ${name}...`);
    try {
      rows.push(...(await scenario()));
    } catch (error) {
      rows.push(row(name, 'error', '', '', NaN, { text: String(error.message ?? error), pass: () => false }));
    }
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  print(rows);
}

if (isMainThread) {
  await main().catch((error) => {
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  });
} else {
  const { task, data } = workerData;
  parentPort.postMessage(await WORKER_TASKS[task](data));
}
