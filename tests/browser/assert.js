// node:assert/strict for the browser: the calls the tests use, with Node's
// strict semantics (Object.is for primitives, prototypes and type tags
// compared, Map and Set contents compared regardless of order), so a test
// that passes or fails on Node does the same here.

/** The error every failed assertion throws, shaped like Node's. */
export class AssertionError extends Error {
  /**
   * @param {{ message?: string, actual?: unknown, expected?: unknown, operator: string }} options
   */
  constructor({ message, actual, expected, operator }) {
    super(message ?? `${operator} failed:\nactual:   ${inspect(actual)}\nexpected: ${inspect(expected)}`);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.generatedMessage = message === undefined;
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
  }
}

/** A short, readable rendering of a value for failure messages. */
export function inspect(value, depth = 0) {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
  }
  if (value === null) return 'null';
  if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const list = (items) => (items.length > 20 ? [...items.slice(0, 20), `… ${items.length - 20} more`] : items);
  if (Array.isArray(value)) return `[ ${list(value.map((item) => inspect(item, depth + 1))).join(', ')} ]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return `${value.constructor.name}(${value.length}) [ ${list(Array.from(value, (item) => inspect(item))).join(', ')} ]`;
  }
  if (value instanceof Map) {
    return `Map(${value.size}) { ${list([...value].map(([k, v]) => `${inspect(k, depth + 1)} => ${inspect(v, depth + 1)}`)).join(', ')} }`;
  }
  if (value instanceof Set) return `Set(${value.size}) { ${list([...value].map((item) => inspect(item, depth + 1))).join(', ')} }`;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  const fields = Object.keys(value).map((key) => `${key}: ${inspect(value[key], depth + 1)}`);
  return `${name && name !== 'Object' ? `${name} ` : ''}{ ${list(fields).join(', ')} }`;
}

const tag = (value) => Object.prototype.toString.call(value);
const ownKeys = (value) =>
  Reflect.ownKeys(value).filter((key) => Object.prototype.propertyIsEnumerable.call(value, key));

/** Node's deepStrictEqual: true when `a` and `b` are deeply, strictly equal. */
export function isDeepStrictEqual(a, b, seen = new Map()) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tag(a) !== tag(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date && a.getTime() !== b.getTime()) return false;
  if (a instanceof RegExp && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex)) return false;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  for (const Boxed of [Number, String, Boolean, BigInt, Symbol]) {
    if (a instanceof Boxed && !Object.is(a.valueOf(), b.valueOf())) return false;
  }
  if (a instanceof ArrayBuffer) {
    if (a.byteLength !== b.byteLength) return false;
    return isDeepStrictEqual(new Uint8Array(a), new Uint8Array(b), seen);
  }
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    if (a instanceof DataView) return isDeepStrictEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength), seen);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    const extra = (view) => ownKeys(view).filter((key) => typeof key === 'symbol' || !/^\d+$/.test(key));
    return sameKeysAndValues(a, b, extra(a), extra(b), seen);
  }
  if (Array.isArray(a) && a.length !== b.length) return false;
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    const unmatched = [...b];
    for (const [key, value] of a) {
      const index = unmatched.findIndex(([k, v]) => isDeepStrictEqual(key, k, seen) && isDeepStrictEqual(value, v, seen));
      if (index < 0) return false;
      unmatched.splice(index, 1);
    }
  } else if (a instanceof Set) {
    if (a.size !== b.size) return false;
    const unmatched = [...b];
    for (const item of a) {
      const index = unmatched.findIndex((other) => isDeepStrictEqual(item, other, seen));
      if (index < 0) return false;
      unmatched.splice(index, 1);
    }
  }
  return sameKeysAndValues(a, b, ownKeys(a), ownKeys(b), seen);
}

function sameKeysAndValues(a, b, keysA, keysB, seen) {
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (!isDeepStrictEqual(a[key], b[key], seen)) return false;
  }
  return true;
}

function fail(options) {
  if (options.message instanceof Error) throw options.message;
  throw new AssertionError(options);
}

/** Passes when `value` is truthy. */
export function ok(value, message) {
  if (!value) fail({ message: message ?? 'The expression evaluated to a falsy value', actual: value, expected: true, operator: '==' });
}

/** Passes when `Object.is(actual, expected)`. */
export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) fail({ message, actual, expected, operator: 'strictEqual' });
}

/** Passes when `!Object.is(actual, expected)`. */
export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail({ message, actual, expected, operator: 'notStrictEqual' });
}

/** Passes when the values are deeply and strictly equal. */
export function deepStrictEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) fail({ message, actual, expected, operator: 'deepStrictEqual' });
}

/** Passes when the values are not deeply and strictly equal. */
export function notDeepStrictEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) fail({ message, actual, expected, operator: 'notDeepStrictEqual' });
}

/** Passes when `string` matches `regexp`. */
export function match(string, regexp, message) {
  if (typeof string !== 'string' || !regexp.test(string)) fail({ message, actual: string, expected: regexp, operator: 'match' });
}

/** Passes when `string` does not match `regexp`. */
export function doesNotMatch(string, regexp, message) {
  if (typeof string !== 'string' || regexp.test(string)) fail({ message, actual: string, expected: regexp, operator: 'doesNotMatch' });
}

/** Passes when `value` is undefined or null; throws it otherwise. */
export function ifError(value) {
  if (value !== undefined && value !== null) throw value;
}

/**
 * Why `error` is not what `expected` describes, or undefined when it is.
 * `expected` is an Error class (instanceof), a RegExp (tested on
 * `String(error)`), a validation function (must return true), or an object
 * whose every property matches (a RegExp tests a string property).
 */
function mismatch(error, expected) {
  if (expected instanceof RegExp) {
    return expected.test(String(error)) ? undefined : `${inspect(error)} does not match ${expected}`;
  }
  if (typeof expected === 'function') {
    if (expected === Error || Error.isPrototypeOf(expected)) {
      return error instanceof expected ? undefined : `expected an instance of ${expected.name}, got ${inspect(error)}`;
    }
    return expected.call({}, error) === true ? undefined : `the validation function did not return true for ${inspect(error)}`;
  }
  for (const key of Reflect.ownKeys(expected)) {
    const want = expected[key];
    const have = error?.[key];
    const same = want instanceof RegExp && typeof have === 'string' ? want.test(have) : isDeepStrictEqual(have, want);
    if (!same) return `property ${String(key)}: expected ${inspect(want)}, got ${inspect(have)}`;
  }
  return undefined;
}

function checkThrown(error, expected, message, operator) {
  if (expected === undefined) return;
  const why = mismatch(error, expected);
  if (why !== undefined) fail({ message: message ?? `${operator}: ${why}`, actual: error, expected, operator });
}

/** Passes when `fn()` throws, and the error matches `expected` when given. */
export function throws(fn, expected, message) {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  try {
    fn();
  } catch (error) {
    checkThrown(error, expected, message, 'throws');
    return;
  }
  fail({ message: message ?? `Missing expected exception${expected?.name ? ` (${expected.name})` : ''}.`, actual: undefined, expected, operator: 'throws' });
}

/** Passes when `fn()` does not throw. */
export function doesNotThrow(fn, expected, message) {
  if (typeof expected === 'string') message = expected;
  try {
    fn();
  } catch (error) {
    fail({ message: message ?? `Got unwanted exception: ${inspect(error)}`, actual: error, operator: 'doesNotThrow' });
  }
}

/** Passes when the promise (or the promise `fn()` returns) rejects, matching `expected` when given. */
export async function rejects(promiseOrFn, expected, message) {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    checkThrown(error, expected, message, 'rejects');
    return;
  }
  fail({ message: message ?? 'Missing expected rejection.', actual: undefined, expected, operator: 'rejects' });
}

/** Passes when the promise (or the promise `fn()` returns) resolves. */
export async function doesNotReject(promiseOrFn, message) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    fail({ message: message ?? `Got unwanted rejection: ${inspect(error)}`, actual: error, operator: 'doesNotReject' });
  }
}

/** Always fails. */
function failNow(message = 'Failed') {
  fail({ message, operator: 'fail' });
}
export { failNow as fail };

/** `assert(value, message)`: the same as `ok`, with every check as a property. */
function assert(value, message) {
  ok(value, message);
}

Object.assign(assert, {
  AssertionError,
  ok,
  equal: strictEqual,
  notEqual: notStrictEqual,
  strictEqual,
  notStrictEqual,
  deepEqual: deepStrictEqual,
  notDeepEqual: notDeepStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  match,
  doesNotMatch,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
  ifError,
  fail: failNow,
});
assert.strict = assert;

export {
  strictEqual as equal,
  notStrictEqual as notEqual,
  deepStrictEqual as deepEqual,
  notDeepStrictEqual as notDeepEqual,
  assert as strict,
};
export default assert;
