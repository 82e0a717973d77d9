// The one table of types. Everything per type in the manager (read, write,
// atomics, views, alloc and wrap, refs and their typings) is generated from
// these rows by generate.js; nothing per type is written by hand.

/**
 * Value types the manager reads and writes at an address.
 *
 * - `name`: the method suffix (`readInt32`, `allocInt32Array`, …).
 * - `alias`: the same type's name in wasm-heap-manager 0.5.1, whose methods
 *   are provided too (`readUint8Clamped`), or null.
 * - `view`: the typed array the value lives in (pointers share Uint32Array
 *   and BigUint64Array).
 * - `bytes`: size and alignment.
 * - `check`: a key of {@link VALUE_CHECKS}, the values a write accepts.
 * - `atomic`: how atomic access is done: `native` on the view itself,
 *   `clamp` on the Uint8Array after clamping, `bits32`/`bits64` on the
 *   Uint32Array/BigUint64Array holding the float's bits (Atomics has no
 *   float or clamped arrays).
 * - `convert`: `pointer53` for a number stored as a 64-bit unsigned integer.
 */
export const NUMBER_TYPES = [
  // name           alias            view                  bytes  check        atomic    convert
  ['Int8',          null,            'Int8Array',          1,     'int8',      'native', null],
  ['Uint8',         null,            'Uint8Array',         1,     'uint8',     'native', null],
  ['ClampedUint8',  'Uint8Clamped',  'Uint8ClampedArray',  1,     'number',    'clamp',  null],
  ['Int16',         null,            'Int16Array',         2,     'int16',     'native', null],
  ['Uint16',        null,            'Uint16Array',        2,     'uint16',    'native', null],
  ['Int32',         null,            'Int32Array',         4,     'int32',     'native', null],
  ['Uint32',        null,            'Uint32Array',        4,     'uint32',    'native', null],
  ['BigInt64',      null,            'BigInt64Array',      8,     'bigint64',  'native', null],
  ['BigUint64',     null,            'BigUint64Array',     8,     'biguint64', 'native', null],
  ['Float32',       null,            'Float32Array',       4,     'number',    'bits32', null],
  ['Float64',       null,            'Float64Array',       8,     'number',    'bits64', null],
  ['Pointer32',     null,            'Uint32Array',        4,     'uint32',    'native', null],
  ['Pointer53',     null,            'BigUint64Array',     8,     'pointer53', 'native', 'pointer53'],
  ['Pointer64',     null,            'BigUint64Array',     8,     'biguint64', 'native', null],
].map(([name, alias, view, bytes, check, atomic, convert]) => ({ name, alias, view, bytes, check, atomic, convert }));

/**
 * What a write accepts: `test` is a source expression over `value` that
 * holds exactly for accepted values, never converting them (the `typeof`
 * comes first, so no `valueOf` is called), and `allowed` says it in words
 * for the error message. Integer tests are written as range comparisons
 * and `Math.trunc`, which V8 folds away for a value it already knows to be
 * a small integer; `(value | 0) === value` it does not.
 */
export const VALUE_CHECKS = {
  int8: { test: "typeof value === 'number' && value >= -128 && value <= 127 && Math.trunc(value) === value", allowed: 'an integer from -128 to 127' },
  uint8: { test: "typeof value === 'number' && value >= 0 && value <= 255 && Math.trunc(value) === value", allowed: 'an integer from 0 to 255' },
  int16: { test: "typeof value === 'number' && value >= -32768 && value <= 32767 && Math.trunc(value) === value", allowed: 'an integer from -32768 to 32767' },
  uint16: { test: "typeof value === 'number' && value >= 0 && value <= 65535 && Math.trunc(value) === value", allowed: 'an integer from 0 to 65535' },
  int32: { test: "typeof value === 'number' && value >= -2147483648 && value <= 2147483647 && Math.trunc(value) === value", allowed: 'an integer from -2147483648 to 2147483647' },
  uint32: { test: "typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value", allowed: 'an integer from 0 to 4294967295' },
  number: { test: "typeof value === 'number'", allowed: 'a number' },
  bigint64: {
    test: "typeof value === 'bigint' && BigInt.asIntN(64, value) === value",
    allowed: 'a bigint from -(2n ** 63n) to 2n ** 63n - 1n',
  },
  biguint64: {
    test: "typeof value === 'bigint' && BigInt.asUintN(64, value) === value",
    allowed: 'a bigint from 0n to 2n ** 64n - 1n',
  },
  pointer53: {
    test: 'Number.isSafeInteger(value) && value >= 0',
    allowed: 'an integer from 0 to 9007199254740991',
  },
};

/**
 * Wide unsigned integers, little-endian, read and written as bigints
 * through 64-bit words: `name` (the document's), `alias` (the release's),
 * `words` of 64 bits.
 */
export const WIDE_TYPES = [
  // name            alias          words
  ['BigUint128LE',   'BigUint128',  2],
  ['BigUint256LE',   'BigUint256',  4],
].map(([name, alias, words]) => ({ name, alias, words }));

/**
 * Null-terminated string encodings: `name`, `bytes` per encoded element,
 * `view` of the elements, and `codec`, the encoder and decoder pair in
 * strings.js.
 */
export const STRING_TYPES = [
  // name     bytes  view            codec
  ['Ascii',   1,     'Uint8Array',   'ascii'],
  ['Utf8',    1,     'Uint8Array',   'utf8'],
  ['Utf16',   2,     'Uint16Array',  'utf16'],
  ['Utf32',   4,     'Uint32Array',  'utf32'],
].map(([name, bytes, view, codec]) => ({ name, bytes, view, codec }));

/** The cached view field of the manager for each typed array. */
export const VIEW_FIELDS = {
  Int8Array: '_i8',
  Uint8Array: '_u8',
  Uint8ClampedArray: '_c8',
  Int16Array: '_i16',
  Uint16Array: '_u16',
  Int32Array: '_i32',
  Uint32Array: '_u32',
  BigInt64Array: '_i64',
  BigUint64Array: '_u64',
  Float32Array: '_f32',
  Float64Array: '_f64',
};
