// The bad-input sweep: every argument of every public call (the allocator's,
// the typed manager's reads, writes and constructors, the data-segment
// reader's, the SVG picture's and the debug heap's), on a heap from
// createHeap and on the default heap's functions, given values of the
// wrong kind, NaN, infinities, negative, fractional, huge and boundary
// values. Each must throw a TypeError (wrong kind of value) or RangeError
// (right kind, wrong value) whose message starts with the call, names the
// argument and shows what came, and leave the heap as it was: the same
// spans, stats, memory and buffer.
//
// Calls are rows of CALLS and values rows of VALUES, so a new call is one
// row. Used by tests/js/badinput.test.js and the figures command.

import * as hostheap from 'hostheap';
import { createDebugHeap } from 'hostheap/debug';
import * as managers from 'hostheap/manager';
import * as segments from 'hostheap/segments';
import * as svg from 'hostheap/svg';
import { snapshot } from './invariants.js';

const { createHeap } = hostheap;
const { heapToSVG, spansToSVG } = svg;
const { createHeapManager, createWasmHeapManager, defineStruct, managerOf, wrapEmscriptenModuleHeap } = managers;

/** Values of every kind but a number, a string or a function. */
const OTHER_KINDS = [null, undefined, true, false, {}, [], [16], 16n, Symbol('s'), Symbol.for('registered'), new Number(16), { valueOf: () => 16 }];
const NOT_NUMBERS = ['16', '', ' 16 ', 'NaN', () => 16, ...OTHER_KINDS];
const NON_INTEGERS = [NaN, Infinity, -Infinity, 0.5, -0.5, 15.5, 16.000001, Number.EPSILON, Number.MIN_VALUE, 1e-300];
const HUGE = [2 ** 32 + 1, 2 ** 32 + 16, 2 ** 53, 2 ** 53 + 2, 1e300, Number.MAX_VALUE];
const NEGATIVE = [-1, -16, -(2 ** 31), -(2 ** 32), -(2 ** 53), -Number.MAX_VALUE];
const NOT_FUNCTIONS = [1, 'f', ...OTHER_KINDS];
const NOT_WEAK_KEYS = ['a', '', 1, 0, NaN, null, true, 16n, Symbol.for('registered')];

const SIZES = [...NOT_NUMBERS, 0, -0, ...NON_INTEGERS, ...NEGATIVE, ...HUGE];
const PAGE_COUNTS = [...NOT_NUMBERS.filter((value) => value !== undefined), 0, -1, ...NON_INTEGERS, 65537, 2 ** 32, ...HUGE];

/**
 * Bad values for each kind of argument. A value's expected error is a
 * TypeError when its type is not `type`, else a RangeError. `more(heap)`
 * adds values that are bad only in that heap's state (not a live block,
 * overlapping one); their messages show the value rather than name the
 * argument.
 */
export const VALUES = {
  // 2^32 is a size the address space holds, and no heap here can.
  size: { type: 'number', values: [...SIZES, 2 ** 32] },
  count: { type: 'number', values: SIZES },
  addr: {
    type: 'number',
    values: [...NOT_NUMBERS, 1, 8, 15, 24, ...NON_INTEGERS, ...NEGATIVE, ...HUGE, 2 ** 32, 2 ** 32 - 8],
    // Inside a block, a free span, past the end, the last atom of the address space.
    more: (heap) => {
      const spans = heap.spans();
      const live = spans.find((span) => !span.free && span.size > 16);
      const free = spans.find((span) => span.free);
      return [live.addr + 16, free.addr, heap.totalBytes(), heap.totalBytes() + 16, 2 ** 32 - 16];
    },
  },
  // reserve takes any byte address; in use is bad only by state.
  byteAddr: {
    type: 'number',
    values: [...NOT_NUMBERS, ...NON_INTEGERS, ...NEGATIVE, ...HUGE, 2 ** 32],
    more: (heap) => {
      const live = heap.spans().find((span) => span.kind === 'strong');
      return [live.addr, live.addr + 1, live.addr + live.size - 1];
    },
  },
  pages: { type: 'number', values: [...NOT_NUMBERS, ...NON_INTEGERS] },
  // Past the heap's maximum (the default heap's is the address space).
  limit: { type: 'number', values: PAGE_COUNTS, more: (heap) => (typeof heap.maximum === 'number' ? [heap.maximum + 1] : []) },
  token: { type: 'weak key', values: NOT_WEAK_KEYS },
  optionalToken: { type: 'weak key', values: NOT_WEAK_KEYS.filter((value) => value !== undefined) },
  fn: { type: 'function', values: NOT_FUNCTIONS },
  optionalFn: { type: 'function', values: NOT_FUNCTIONS.filter((value) => value !== undefined) },
  type: { type: 'string', values: ['', 'Grow', 'grow ', 'shrink', 'resize\0', 'toString', '__proto__', 'constructor', 1, ...OTHER_KINDS] },
  options: { type: 'options', values: [5, 'x', true, 16n, Symbol('s'), null] },
  align: {
    type: 'number',
    values: [...NOT_NUMBERS.filter((value) => value !== undefined), 0, 1, 8, 15, 17, 24, 48, 100, 131072, 2 ** 32, ...NON_INTEGERS, -16],
  },
  pagesOption: { type: 'number', values: PAGE_COUNTS },
  bytesOption: { type: 'number', values: [...NOT_NUMBERS.filter((value) => value !== undefined), -1, -16, ...NON_INTEGERS, 2 ** 32 + 16, ...HUGE] },
  booleanOption: { type: 'boolean', values: [0, 1, 'true', '', null, {}, 1n, Symbol('s')] },
  memoryOption: { type: 'memory', values: [0, 'memory', true, null, {}, [], new ArrayBuffer(16), () => {}, Symbol('s')] },
  // Typed manager addresses: past the end, and misaligned for multi-byte types, go by state.
  address: { type: 'number', values: [...NOT_NUMBERS, ...NON_INTEGERS, ...NEGATIVE, ...HUGE, 2 ** 32] },
  notBytes: { type: 'bytes', values: [1, 'x', null, undefined, true, {}, [0, 97, 115, 109], 1n, Symbol('s')] },
  notObject: { type: 'object', values: [1, 'x', null, undefined, true, 1n, Symbol('s')] },
  notArray: { type: 'array', values: [1, 'x', null, undefined, true, {}, 1n, Symbol('s')] },
  notHeap: { type: 'heap', values: [1, 'x', null, undefined, true, {}, [], new ArrayBuffer(16), 1n, Symbol('s')] },
};

/** Wrong kinds for a typed write of a number, or of a bigint. */
const NOT_NUMBER_VALUES = ['1', '', null, undefined, true, {}, [1], 1n, Symbol('s'), new Number(1)];
const NOT_BIGINT_VALUES = [1, 0, '1', null, undefined, true, {}, Symbol('s'), Object(1n)];

/**
 * What each typed write refuses beyond the wrong kind, by the type's name
 * as the manager's methods spell it: integers out of range, fractions and
 * NaN; floats and clamped bytes take any number.
 */
function typedValues(type) {
  const int = (low, high) => ({ type: 'number', values: [...NOT_NUMBER_VALUES, low - 1, high + 1, 0.5, NaN, Infinity, -Infinity] });
  const big = (low, high) => ({ type: 'bigint', values: [...NOT_BIGINT_VALUES, low - 1n, high + 1n] });
  const ranges = {
    Int8: int(-128, 127), Uint8: int(0, 255), Int16: int(-32768, 32767), Uint16: int(0, 65535),
    Int32: int(-(2 ** 31), 2 ** 31 - 1), Uint32: int(0, 2 ** 32 - 1), Pointer32: int(0, 2 ** 32 - 1),
    Pointer53: int(0, 2 ** 53 - 1),
    BigInt64: big(-(2n ** 63n), 2n ** 63n - 1n), BigUint64: big(0n, 2n ** 64n - 1n), Pointer64: big(0n, 2n ** 64n - 1n),
    BigUint128: big(0n, 2n ** 128n - 1n), BigUint256: big(0n, 2n ** 256n - 1n),
  };
  const base = type.replace(/LE$/, '');
  return ranges[base] ?? { type: 'number', values: NOT_NUMBER_VALUES };
}

/** Bytes of each typed read and write, for the addresses that are bad by state. */
function typedBytes(type) {
  const base = type.replace(/LE$/, '');
  if (/^(Int8|Uint8|ClampedUint8|Uint8Clamped)$/.test(base)) return 1;
  if (/16$/.test(base)) return 2;
  if (/(32)$/.test(base)) return 4;
  if (/(64|53)$/.test(base)) return 8;
  return base === 'BigUint128' ? 16 : 32;
}

/** The typed manager's plain reads and writes, found on a manager, one row per argument. */
function typedRows() {
  const proto = Object.getPrototypeOf(managerOf(createHeap()));
  const names = new Set();
  for (let o = proto; o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) if (/^read[A-Z]\w*$/.test(name) && !/Atomic|String|At$/.test(name)) names.add(name);
  }
  // The release's spellings are other names for the same calls, whose messages use the document's.
  for (const name of names) if (names.has(`${name}LE`) || name === 'readUint8Clamped') names.delete(name);
  const rows = [];
  for (const read of [...names].sort()) {
    const type = read.slice('read'.length);
    const bytes = typedBytes(type);
    const kind = `typed ${type}`;
    // Bad by state: past the end, and (for 2, 4 and 8 bytes) not a multiple of the size.
    VALUES[`${kind} address`] = {
      ...VALUES.address,
      more: (heap) => [heap.totalBytes(), heap.totalBytes() - bytes + 1, ...(bytes > 1 && bytes <= 8 ? [bytes + 1] : [])],
    };
    VALUES[`${kind} value`] = typedValues(type);
    const write = `write${type}`;
    rows.push(
      { call: `${read}(address)`, arg: 'address', kind: `${kind} address`, invoke: (heap, value) => managerOf(heap)[read](value) },
      { call: `${write}(address, value)`, arg: 'address', kind: `${kind} address`, invoke: (heap, value) => managerOf(heap)[write](value, typedValues(type).type === 'bigint' ? 0n : 0) },
      { call: `${write}(address, value)`, arg: 'value', kind: `${kind} value`, invoke: (heap, value) => managerOf(heap)[write](64, value) },
    );
  }
  return rows;
}

const noop = () => {};

/**
 * The calls: the call as messages show it, the argument, its kind in
 * VALUES, and how to make the call with `value` there. `heapless` calls
 * make a heap rather than use one. `block(heap)` is a live block to call
 * with; `strong` and `token` are blocks of those kinds in every heap swept.
 */
export const CALLS = [
  { call: 'malloc(size)', arg: 'size', kind: 'size', invoke: (heap, value) => heap.malloc(value) },
  { call: 'malloc(size, options)', arg: 'options', kind: 'options', invoke: (heap, value) => heap.malloc(16, value) },
  { call: 'malloc(size, options)', arg: 'options.align', kind: 'align', invoke: (heap, value) => heap.malloc(16, { align: value }) },
  { call: 'alloc(size)', arg: 'size', kind: 'size', invoke: (heap, value) => heap.alloc(value) },
  { call: 'alloc(size, token)', arg: 'size', kind: 'size', invoke: (heap, value) => heap.alloc(value, {}) },
  { call: 'alloc(size, token)', arg: 'token', kind: 'optionalToken', invoke: (heap, value) => heap.alloc(16, value) },
  { call: 'alloc(size, token, options)', arg: 'options', kind: 'options', invoke: (heap, value) => heap.alloc(16, {}, value) },
  { call: 'alloc(size, token, options)', arg: 'options.align', kind: 'align', invoke: (heap, value) => heap.alloc(16, {}, { align: value }) },
  { call: 'calloc(count, size)', arg: 'count', kind: 'count', invoke: (heap, value) => heap.calloc(value, 16) },
  { call: 'calloc(count, size)', arg: 'size', kind: 'size', invoke: (heap, value) => heap.calloc(1, value) },
  { call: 'realloc(addr, size)', arg: 'addr', kind: 'addr', invoke: (heap, value) => heap.realloc(value, 16) },
  { call: 'realloc(addr, size)', arg: 'size', kind: 'size', invoke: (heap, value, { strong }) => heap.realloc(strong, value) },
  { call: 'free(addr)', arg: 'addr', kind: 'addr', invoke: (heap, value) => heap.free(value) },
  { call: 'tie(addr, token)', arg: 'addr', kind: 'addr', invoke: (heap, value) => heap.tie(value, {}) },
  { call: 'tie(addr, token)', arg: 'token', kind: 'token', invoke: (heap, value, { strong }) => heap.tie(strong, value) },
  { call: 'untie(addr)', arg: 'addr', kind: 'addr', invoke: (heap, value) => heap.untie(value) },
  { call: 'reserve(addr, size)', arg: 'addr', kind: 'byteAddr', invoke: (heap, value) => heap.reserve(value, 16) },
  { call: 'reserve(addr, size)', arg: 'size', kind: 'count', invoke: (heap, value) => heap.reserve(heap.totalBytes() - 16, value) },
  { call: 'unreserve(addr)', arg: 'addr', kind: 'addr', invoke: (heap, value) => heap.unreserve(value) },
  { call: 'grow(pages)', arg: 'pages', kind: 'pages', invoke: (heap, value) => heap.grow(value) },
  {
    call: 'limit = pages',
    arg: 'pages',
    kind: 'limit',
    invoke: (heap, value) => (typeof heap.setLimit === 'function' ? heap.setLimit(value) : (heap.limit = value)),
  },
  { call: 'bind(spawn, respawn)', arg: 'spawn', kind: 'fn', invoke: (heap, value) => heap.bind(value, noop) },
  { call: 'bind(spawn, respawn)', arg: 'respawn', kind: 'fn', invoke: (heap, value) => heap.bind(noop, value) },
  { call: 'watch(fn, token)', arg: 'fn', kind: 'fn', invoke: (heap, value) => heap.watch(value, {}) },
  { call: 'watch(fn, token)', arg: 'token', kind: 'token', invoke: (heap, value) => heap.watch(noop, value) },
  { call: 'on(type, token, fn)', arg: 'type', kind: 'type', invoke: (heap, value) => heap.on(value, {}, noop) },
  { call: 'on(type, token, fn)', arg: 'token', kind: 'token', invoke: (heap, value) => heap.on('grow', value, noop) },
  { call: 'on(type, token, fn)', arg: 'fn', kind: 'fn', invoke: (heap, value) => heap.on('grow', {}, value) },
  { call: 'off(type, token, fn)', arg: 'type', kind: 'type', invoke: (heap, value) => heap.off(value, {}) },
  { call: 'off(type, token, fn)', arg: 'token', kind: 'token', invoke: (heap, value) => heap.off('grow', value) },
  { call: 'off(type, token, fn)', arg: 'fn', kind: 'optionalFn', invoke: (heap, value) => heap.off('grow', {}, value) },
  { call: 'createHeap(options)', arg: 'options', kind: 'options', heapless: true, invoke: (value) => createHeap(value) },
  { call: 'createHeap(options)', arg: 'options.initial', kind: 'pagesOption', heapless: true, invoke: (value) => createHeap({ initial: value }) },
  { call: 'createHeap(options)', arg: 'options.maximum', kind: 'pagesOption', heapless: true, invoke: (value) => createHeap({ maximum: value }) },
  { call: 'createHeap(options)', arg: 'options.limit', kind: 'pagesOption', heapless: true, invoke: (value) => createHeap({ limit: value }) },
  { call: 'createHeap(options)', arg: 'options.start', kind: 'bytesOption', heapless: true, invoke: (value) => createHeap({ start: value }) },
  { call: 'createHeap(options)', arg: 'options.heapBase', kind: 'bytesOption', heapless: true, invoke: (value) => createHeap({ heapBase: value }) },
  { call: 'createHeap(options)', arg: 'options.end', kind: 'bytesOption', heapless: true, invoke: (value) => createHeap({ end: value }) },
  { call: 'createHeap(options)', arg: 'options.shared', kind: 'booleanOption', heapless: true, invoke: (value) => createHeap({ shared: value, maximum: 2 }) },
  { call: 'createDebugHeap(options)', arg: 'options', kind: 'options', heapless: true, invoke: (value) => createDebugHeap(value) },
  { call: 'createDebugHeap(options)', arg: 'options.initial', kind: 'pagesOption', heapless: true, invoke: (value) => createDebugHeap({ initial: value }) },
  { call: 'createDebugHeap(options)', arg: 'options.shared', kind: 'booleanOption', heapless: true, invoke: (value) => createDebugHeap({ shared: value, maximum: 2 }) },
  { call: 'createHeap(options)', arg: 'options.memory', kind: 'memoryOption', heapless: true, invoke: (value) => createHeap({ memory: value }) },
  { call: 'heapToSVG(heap, options)', arg: 'heap', kind: 'notHeap', heapless: true, invoke: (value) => heapToSVG(value) },
  // The default heap's functions stand for it elsewhere; heapToSVG takes the Heap object.
  { call: 'heapToSVG(heap, options)', arg: 'options', kind: 'options', invoke: (heap, value) => heapToSVG(heap === hostheap ? hostheap.heap : heap, value) },
  { call: 'spansToSVG(spans, totalSize, options)', arg: 'spans', kind: 'notArray', heapless: true, invoke: (value) => spansToSVG(value, 65536) },
  { call: 'spansToSVG(spans, totalSize, options)', arg: 'totalSize', kind: 'count', heapless: true, invoke: (value) => spansToSVG([], value) },
  { call: 'compile(bytes)', arg: 'bytes', kind: 'notBytes', heapless: true, invoke: (value) => segments.compile(value) },
  { call: 'dataSegments(source)', arg: 'source', kind: 'notBytes', heapless: true, invoke: (value) => segments.dataSegments(value) },
  { call: 'reserveDataSegments(heap, modules)', arg: 'modules', kind: 'notObject', invoke: (heap, value) => segments.reserveDataSegments(heap, value) },
  { call: 'createHeapManager(heap, options)', arg: 'heap', kind: 'notHeap', heapless: true, invoke: (value) => createHeapManager(value) },
  { call: 'createHeapManager(heap, options)', arg: 'options', kind: 'options', invoke: (heap, value) => createHeapManager(heap, value) },
  { call: 'managerOf(heap)', arg: 'heap', kind: 'notHeap', heapless: true, invoke: (value) => managerOf(value) },
  {
    call: 'createWasmHeapManager(getLatestHeap, alloc, free, options)',
    arg: 'getLatestHeap',
    kind: 'fn',
    heapless: true,
    invoke: (value) => createWasmHeapManager(value, () => 16, () => {}),
  },
  { call: 'wrapEmscriptenModuleHeap(module, options)', arg: 'module', kind: 'notObject', heapless: true, invoke: (value) => wrapEmscriptenModuleHeap(value) },
  { call: 'defineStruct(fields)', arg: 'fields', kind: 'notObject', heapless: true, invoke: (value) => defineStruct(value) },
  ...typedRows(),
];

/** The error class a bad `value` of `kind` must raise. */
function expectedError(kind, value) {
  const { type } = VALUES[kind];
  if (type === 'number' || type === 'bigint' || type === 'string' || type === 'boolean') return typeof value === type ? RangeError : TypeError;
  return TypeError;
}

/** How a message shows `value`, where the sweep can tell (not objects and functions). */
function shown(value) {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'boolean':
    case 'undefined':
      return String(value);
    default:
      return value === null ? 'null' : undefined;
  }
}

/** Whether the message names the argument: after the call, or as the call's only parameter. */
function namesArgument(message, call, arg) {
  const rest = message.slice(call.length);
  const parameters = call.slice(call.indexOf('(') + 1, -1).split(', ');
  return rest.includes(arg) || (parameters.length === 1 && parameters[0] === arg.split('.')[0] && !arg.includes('.'));
}

/**
 * Live blocks (strong and a token's), a hole and a free tail on `heap`.
 * @returns {{ strong: number, token: number, blocks: number[] }} two of the blocks, and all to free afterwards
 */
function makeBusy(heap, token) {
  const blocks = [heap.malloc(48), heap.malloc(16), heap.malloc(200), heap.alloc(64, token)];
  heap.free(blocks[1]);
  return { strong: blocks[0], token: blocks[3], blocks: [blocks[0], blocks[2], blocks[3]] };
}

function same(before, after) {
  return (
    before.memory === after.memory &&
    before.buffer === after.buffer &&
    JSON.stringify(before.spans) === JSON.stringify(after.spans) &&
    JSON.stringify(before.stats) === JSON.stringify(after.stats)
  );
}

function describeValue(value) {
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Tries every bad value on every call, or on the rows given. Each failure
 * says which check it broke: `error` (no error, or the wrong class),
 * `unchanged` (the heap changed), `names` (the message does not start with
 * the call or name the argument), `shows` (it does not show the value).
 * @param {typeof CALLS} [rows]
 * @returns {{ tried: number, failures: { check: 'error' | 'unchanged' | 'names' | 'shows', text: string }[] }}
 */
export function sweepBadInput(rows = CALLS) {
  const failures = [];
  let tried = 0;
  // A maximum keeps huge sizes out of reach; the default heap's is the address space.
  const targets = [
    { name: 'createHeap()', heap: createHeap({ maximum: 16 }) },
    { name: 'the default heap', heap: hostheap },
  ];
  const token = {};
  const busy = targets.map((target) => makeBusy(target.heap, token));
  for (const row of rows) {
    const { call, arg, kind, invoke, heapless } = row;
    for (const [t, target] of (heapless ? [{ name: '', heap: null }] : targets).entries()) {
      const heap = target.heap;
      const byState = heap && VALUES[kind].more ? VALUES[kind].more(heap) : [];
      for (const value of [...VALUES[kind].values, ...byState]) {
        tried++;
        const where = `${call} with ${arg} = ${describeValue(value)}${target.name ? ` on ${target.name}` : ''}`;
        const before = heap && snapshot(heap);
        let error;
        try {
          heapless ? invoke(value) : invoke(heap, value, busy[t]);
        } catch (thrown) {
          error = thrown;
        }
        const expected = expectedError(kind, value);
        const fail = (check, text) => failures.push({ check, text: `${where}: ${text}` });
        if (heap && !same(before, snapshot(heap))) fail('unchanged', 'the heap changed');
        if (error === undefined) {
          fail('error', 'no error');
          continue;
        }
        if (error.constructor !== expected) fail('error', `expected a ${expected.name}, got ${error.constructor.name}: ${error.message}`);
        const message = String(error.message);
        if (!message.startsWith(`${call}: `)) fail('names', `the message does not start with the call: ${message}`);
        else if (!byState.includes(value) && !namesArgument(message, call, arg)) fail('names', `the message does not name ${arg}: ${message}`);
        const text = shown(value);
        if (text !== undefined && !message.includes(text)) fail('shows', `the message does not show ${text}: ${message}`);
      }
    }
  }
  targets.forEach((target, i) => busy[i].blocks.forEach((addr) => target.heap.free(addr)));
  return { tried, failures };
}
