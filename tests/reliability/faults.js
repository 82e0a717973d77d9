// Fault injection: memory is refused (the heap's maximum or a lowered limit
// reached, an adopted memory at its own maximum, a grow that throws, a
// smaller memory that cannot be made) or a callback throws (a respawn, a
// watch or event handler) in the middle of an allocation, a realloc, a
// reserve, a growth or a trim. After each fault the heap holds every
// invariant, no live block moved, changed size or lost a byte, and the next
// allocation that fits succeeds. Refusals leave the heap exactly as it was;
// a refusal the retry after the `oom` event overcomes ends in success.
//
// One row per fault in FAULTS; each runs on many heaps with different
// layouts. Used by tests/js/faults.test.js and the figures command.

import { createHeap } from 'hostheap';
import { brokenInvariants, fillPattern, holdsPattern, liveBlocks, seeded, snapshot } from './invariants.js';

const PAGE = 65536;

/** The error a stubbed host throws where it refuses memory. */
function refusal() {
  return new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
}

/** A callback error, told apart from everything the heap throws. */
class CallbackError extends Error {}

/**
 * A callback that throws a CallbackError while `fault.armed`, and records its calls.
 * @returns {() => void}
 */
function thrower(fault, name) {
  return () => {
    fault.calls.push(name);
    if (fault.armed) throw new CallbackError(`${name} failed`);
  };
}

/** Replaces `WebAssembly.Memory` with a constructor that throws until `restore()`. */
function refuseNewMemory(heap, fault) {
  const original = WebAssembly.Memory;
  fault.restore.push(() => {
    WebAssembly.Memory = original;
  });
  WebAssembly.Memory = function Memory() {
    fault.calls.push('new Memory');
    throw refusal();
  };
}

/** Makes the heap's current memory refuse to grow until `restore()`. */
function refuseGrow(heap, fault) {
  const memory = heap.memory;
  fault.restore.push(() => delete memory.grow);
  memory.grow = () => {
    fault.calls.push('memory.grow');
    throw refusal();
  };
}

/** Makes the heap's current memory refuse to grow once, then grow again. */
function refuseGrowOnce(heap, fault) {
  const memory = heap.memory;
  fault.restore.push(() => delete memory.grow);
  memory.grow = (pages) => {
    fault.calls.push('memory.grow');
    delete memory.grow;
    throw refusal();
  };
}

/** Bytes that need more pages than a heap of `maximum` pages may have. */
const pastMaximum = (maximum) => maximum * PAGE + 16;
/** Bytes that need more pages than the heap has. */
const pastEnd = (heap) => heap.totalBytes() + PAGE;
/** Lowers the growth limit to the pages the heap has now. */
const limitToNow = (heap) => {
  heap.limit = heap.totalBytes() / PAGE;
};

/**
 * The faults. `prepare` shapes the heap before the snapshot; `inject` arms
 * the fault; `act(heap, { maximum, block })` is the operation it hits
 * (`block` is the address of a live block); `expect` says how that ends:
 * `error` the class it throws (`CallbackError` for a callback's own error,
 * `AggregateError` for several), or `returns` a value (`'address'` for any
 * multiple of 16); `same` whether the heap is exactly as before
 * (refusals), else only its live blocks are.
 */
export const FAULTS = [
  // Refused growth: the maximum, a lowered limit, a host whose grow throws.
  { name: 'malloc past the maximum', act: (heap, { maximum }) => heap.malloc(pastMaximum(maximum)), error: RangeError, same: true },
  { name: 'malloc(size, { align }) past the maximum', act: (heap, { maximum }) => heap.malloc(pastMaximum(maximum), { align: 4096 }), error: RangeError, same: true },
  { name: 'alloc(size, token) past the maximum', act: (heap, { maximum }) => heap.alloc(pastMaximum(maximum), {}), error: RangeError, same: true },
  { name: 'scratch alloc(size) past the maximum', act: (heap, { maximum }) => heap.alloc(pastMaximum(maximum)), error: RangeError, same: true },
  { name: 'calloc past the maximum', act: (heap, { maximum }) => heap.calloc(pastMaximum(maximum) / 16, 16), error: RangeError, same: true },
  { name: 'realloc past the maximum', act: (heap, { maximum, block }) => heap.realloc(block, pastMaximum(maximum)), error: RangeError, same: true },
  { name: 'reserve past the maximum', act: (heap, { maximum }) => heap.reserve(heap.totalBytes(), pastMaximum(maximum)), error: RangeError, same: true },
  { name: 'grow(pages) past the maximum', act: (heap, { maximum }) => heap.grow(maximum), returns: 1, same: true },
  { name: 'malloc past a lowered limit', prepare: limitToNow, act: (heap) => heap.malloc(pastEnd(heap)), error: RangeError, same: true },
  { name: 'realloc past a lowered limit', prepare: limitToNow, act: (heap, { block }) => heap.realloc(block, pastEnd(heap)), error: RangeError, same: true },
  // An adopted memory at its own maximum: the host itself refuses, no stub.
  { name: 'malloc, adopted memory at its maximum', adopted: true, act: (heap, { maximum }) => heap.malloc(pastMaximum(maximum)), error: RangeError, same: true },
  { name: 'alloc(size, token), adopted memory at its maximum', adopted: true, act: (heap, { maximum }) => heap.alloc(pastMaximum(maximum), {}), error: RangeError, same: true },
  { name: 'realloc, adopted memory at its maximum', adopted: true, act: (heap, { maximum, block }) => heap.realloc(block, pastMaximum(maximum)), error: RangeError, same: true },
  { name: 'grow(pages), adopted memory at its maximum', adopted: true, act: (heap, { maximum }) => heap.grow(maximum), returns: 1, same: true },
  { name: 'malloc, host refuses to grow', inject: refuseGrow, act: (heap) => heap.malloc(pastEnd(heap)), error: RangeError, same: true },
  { name: 'alloc(size, token), host refuses to grow', inject: refuseGrow, act: (heap) => heap.alloc(pastEnd(heap), {}), error: RangeError, same: true },
  { name: 'scratch alloc(size), host refuses to grow', inject: refuseGrow, act: (heap) => heap.alloc(pastEnd(heap)), error: RangeError, same: true },
  { name: 'calloc, host refuses to grow', inject: refuseGrow, act: (heap) => heap.calloc(1, pastEnd(heap)), error: RangeError, same: true },
  { name: 'realloc, host refuses to grow', inject: refuseGrow, act: (heap, { block }) => heap.realloc(block, pastEnd(heap)), error: RangeError, same: true },
  { name: 'reserve, host refuses to grow', inject: refuseGrow, act: (heap) => heap.reserve(heap.totalBytes(), PAGE), error: RangeError, same: true },
  { name: 'grow(pages), host refuses', inject: refuseGrow, act: (heap) => heap.grow(1), returns: 1, same: true },
  // Refused once: the retry after the oom event grows, and the call succeeds.
  { name: 'malloc, host refuses once, the retry grows', inject: refuseGrowOnce, act: (heap) => heap.malloc(pastEnd(heap)), returns: 'address', calls: ['memory.grow'] },
  {
    name: 'realloc, host refuses once, the retry grows',
    inject: refuseGrowOnce,
    act: (heap, { block }) => heap.realloc(block, pastEnd(heap)),
    returns: 'address',
    moves: true,
    calls: ['memory.grow'],
  },
  {
    name: 'malloc past a lowered limit, the oom handler raises it',
    prepare: limitToNow,
    inject: (heap, fault) =>
      heap.on('oom', fault.token, () => {
        fault.calls.push('oom handler');
        heap.limit = heap.maximum;
      }),
    act: (heap) => heap.malloc(pastEnd(heap)),
    returns: 'address',
    calls: ['oom handler'],
  },
  // Callbacks that throw while the heap grows.
  {
    name: 'malloc past the maximum, the oom handler throws',
    inject: (heap, fault) => heap.on('oom', fault.token, thrower(fault, 'oom handler')),
    act: (heap, { maximum }) => heap.malloc(pastMaximum(maximum)),
    error: RangeError,
    cause: CallbackError,
    same: true,
  },
  {
    name: 'malloc that grows, a watch handler throws',
    inject: (heap, fault) => heap.watch(thrower(fault, 'watch handler'), fault.token),
    act: (heap) => heap.malloc(pastEnd(heap)),
    error: CallbackError,
  },
  {
    name: 'alloc(size, token) that grows, the grow handler throws',
    inject: (heap, fault) => heap.on('grow', fault.token, thrower(fault, 'grow handler')),
    act: (heap) => heap.alloc(pastEnd(heap), {}),
    error: CallbackError,
  },
  {
    name: 'realloc that grows, the resize handler throws',
    inject: (heap, fault) => heap.on('resize', fault.token, thrower(fault, 'resize handler')),
    act: (heap, { block }) => heap.realloc(block, pastEnd(heap)),
    error: CallbackError,
  },
  {
    name: 'grow(pages), the resize handler throws',
    inject: (heap, fault) => heap.on('resize', fault.token, thrower(fault, 'resize handler')),
    act: (heap) => heap.grow(2),
    error: CallbackError,
  },
  // Trim: the smaller memory refused, then callbacks that throw once it is in place.
  { name: 'trim, host refuses the smaller memory', prepare: growForTrim, inject: refuseNewMemory, act: (heap) => heap.trim(), error: RangeError, same: true },
  {
    name: 'trim, a respawn callback throws',
    prepare: growForTrim,
    inject: (heap, fault) => {
      heap.bind(() => {}, thrower(fault, 'respawn'));
      heap.bind(() => {}, () => fault.calls.push('second respawn'));
    },
    act: (heap) => heap.trim(),
    error: CallbackError,
    calls: ['respawn', 'second respawn'],
  },
  {
    name: 'trim, a watch handler throws',
    prepare: growForTrim,
    inject: (heap, fault) => heap.watch(thrower(fault, 'watch handler'), fault.token),
    act: (heap) => heap.trim(),
    error: CallbackError,
  },
  {
    name: 'trim, a respawn callback and the trim handler throw',
    prepare: growForTrim,
    inject: (heap, fault) => {
      heap.bind(() => {}, thrower(fault, 'respawn'));
      heap.on('trim', fault.token, thrower(fault, 'trim handler'));
    },
    act: (heap) => heap.trim(),
    error: AggregateError,
    faults: 2,
  },
];

/** Grows the heap so that trim has pages to give back. */
function growForTrim(heap) {
  heap.grow(2);
}

/**
 * A heap of a few pages with a `maximum` a few above (the heap's, or with
 * `adopted` the memory's own, which the heap cannot see), a few dozen live
 * blocks (some owned by tokens held in `tokens`) and holes, each block
 * filled with its pattern.
 */
function busyHeap(random, tokens, adopted) {
  const initial = 1 + (random() % 3);
  const maximum = initial + 2 + (random() % 4);
  const heap = adopted ? createHeap({ memory: new WebAssembly.Memory({ initial, maximum }) }) : createHeap({ initial, maximum });
  const blocks = [];
  const count = 1 + (random() % 60);
  for (let i = 0; i < count; i++) {
    const size = 16 * (1 + (random() % 32));
    let addr;
    if (random() % 2 === 0) {
      addr = heap.malloc(size);
    } else {
      const token = {};
      tokens.push(token);
      addr = heap.alloc(size, token);
    }
    blocks.push({ addr, size, salt: i });
  }
  for (let i = blocks.length - 1; i > 0; i--) {
    if (random() % 3 === 0) heap.free(blocks.splice(i, 1)[0].addr);
  }
  for (const block of blocks) fillPattern(heap.buffer, block.addr, block.size, block.salt);
  return { heap, blocks, maximum };
}

/** What went wrong with one run of `fault`, as sentences. */
function runFault(fault, random) {
  const problems = [];
  const tokens = [];
  const { heap, blocks, maximum } = busyHeap(random, tokens, fault.adopted);
  fault.prepare?.(heap);
  const state = { token: {}, armed: true, calls: [], restore: [] };
  let outcome;
  let thrown;
  try {
    fault.inject?.(heap, state);
  } catch (error) {
    for (const restore of state.restore.reverse()) restore();
    return [`the fault could not be injected: ${error}`];
  }
  const before = snapshot(heap);
  const firstBytes = new Uint8Array(heap.buffer, blocks[0].addr, blocks[0].size).slice();
  try {
    outcome = fault.act(heap, { maximum, block: blocks[0].addr });
  } catch (error) {
    thrown = error;
  } finally {
    state.armed = false;
    for (const restore of state.restore.reverse()) restore();
  }
  const after = snapshot(heap);

  if (fault.error === undefined) {
    const address = fault.returns === 'address' && Number.isInteger(outcome) && outcome % 16 === 0;
    if (thrown !== undefined) problems.push(`threw ${thrown}`);
    else if (outcome !== fault.returns && !address) problems.push(`returned ${outcome}, expected ${fault.returns}`);
  } else if (!(thrown instanceof fault.error) || (fault.error !== AggregateError && thrown instanceof AggregateError)) {
    problems.push(`expected a ${fault.error.name}, got ${thrown === undefined ? `a return of ${outcome}` : thrown}`);
  } else if (fault.cause !== undefined && !(thrown.cause instanceof fault.cause)) {
    problems.push(`expected the cause to be a ${fault.cause.name}, got ${thrown.cause}`);
  } else if (fault.error === AggregateError && !thrown.errors.every((error) => error instanceof CallbackError)) {
    problems.push(`the AggregateError holds ${thrown.errors}`);
  }
  for (const call of fault.calls ?? []) {
    if (!state.calls.includes(call)) problems.push(`${call} was not called (calls: ${state.calls.join(', ')})`);
  }
  if (fault.same) {
    for (const key of Object.keys(before)) {
      const same = key === 'memory' || key === 'buffer' ? before[key] === after[key] : JSON.stringify(before[key]) === JSON.stringify(after[key]);
      if (!same) problems.push(`the heap's ${key} changed`);
    }
  } else if (fault.moves && thrown === undefined) {
    // A realloc that succeeded: the block is at `outcome` now, with its bytes; the others stay.
    const [first] = blocks.splice(0, 1);
    const now = new Uint8Array(heap.buffer, outcome, first.size);
    if (!now.every((byte, i) => byte === firstBytes[i])) problems.push(`realloc lost the bytes of the block from ${first.addr}`);
    const others = (spans) => liveBlocks(spans.filter((span) => span.addr !== first.addr && span.addr !== outcome));
    if (JSON.stringify(others(after.spans)) !== JSON.stringify(others(before.spans))) problems.push('other live blocks changed');
  } else {
    // A new block, when the call made one, is the only change.
    const made = thrown === undefined && fault.returns === 'address' ? outcome : undefined;
    const live = liveBlocks(after.spans.filter((span) => span.addr !== made));
    if (JSON.stringify(live) !== JSON.stringify(liveBlocks(before.spans))) problems.push('the live blocks changed');
  }
  problems.push(...brokenInvariants(heap));
  for (const block of blocks) {
    if (!holdsPattern(heap.buffer, block.addr, block.size, block.salt)) problems.push(`the block at ${block.addr} lost its bytes`);
  }

  // The next allocation that fits succeeds, in place, and disturbs nothing.
  const largest = heap.largestBytes();
  if (largest > 0) {
    const size = Math.min(largest, 16 * (1 + (random() % 64)));
    const total = heap.totalBytes();
    try {
      const addr = heap.malloc(size);
      fillPattern(heap.buffer, addr, size, -1);
      if (heap.totalBytes() !== total) problems.push(`malloc(${size}) grew the memory though ${largest} bytes were free`);
      for (const block of blocks) {
        if (!holdsPattern(heap.buffer, block.addr, block.size, block.salt)) problems.push(`malloc(${size}) overwrote the block at ${block.addr}`);
      }
      problems.push(...brokenInvariants(heap).map((broken) => `after malloc(${size}): ${broken}`));
    } catch (error) {
      problems.push(`the next malloc(${size}) threw ${error}`);
    }
  }
  tokens.length = 0;
  return problems;
}

/**
 * Runs every fault `repeats` times, each time on a heap with another layout.
 * @param {{ repeats?: number, seed?: number }} [options]
 * @returns {{ faults: number, failures: string[] }} faults injected, and what went wrong
 */
export function injectFaults({ repeats = 25, seed = 1 } = {}) {
  const random = seeded(seed);
  const failures = [];
  let faults = 0;
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const fault of FAULTS) {
      faults += fault.faults ?? 1;
      for (const problem of runFault(fault, random)) failures.push(`${fault.name} (run ${repeat}): ${problem}`);
    }
  }
  return { faults, failures };
}
