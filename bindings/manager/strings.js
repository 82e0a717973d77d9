// Null-terminated strings: one codec per encoding (what an element is, how
// long a string's encoding is, how to write and read it) and the manager
// operations over them, shared by every encoding. The per-encoding methods
// in manager.generated.js call these with their codec.
//
// Writes check, then commit: the encoded length is known (and checked
// against the capacity, and ASCII checked for characters it cannot hold)
// before the first element is written.

import { describe } from '../errors.js';
import { checkCount } from './core.js';

const CHUNK = 8192;
const SHORT = 32;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** `String.fromCharCode` over `view[start, end)`, in chunks that fit an argument list. */
function fromCodes(view, start, end, fromCode) {
  if (end - start <= SHORT) {
    let text = '';
    for (let i = start; i < end; i++) text += fromCode(view[i]);
    return text;
  }
  let text = '';
  for (let at = start; at < end; at += CHUNK) text += fromCode.apply(null, view.subarray(at, Math.min(end, at + CHUNK)));
  return text;
}

function tooLongError(call, encoding, length, capacity) {
  return new RangeError(
    `${call}: the ${encoding} encoding takes ${length} elements and a terminator, the capacity is ${capacity + 1} elements`,
  );
}

/** UTF-8 length of `value`; lone surrogates count as U+FFFD, as TextEncoder writes them. */
function utf8Length(value) {
  let length = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) length += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2; // a pair: 2 UTF-16 units, 4 bytes
      i++;
    } else length += 2;
  }
  return length;
}

function codePointCount(value) {
  let count = 0;
  for (let i = 0; i < value.length; i++, count++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return count;
}

/**
 * The codecs. `encode(call, value, view, index, capacity, shared)` writes
 * the elements and the terminator at `view[index]`, with room for
 * `capacity` elements before the terminator, and returns the elements
 * written; `shared` says the view is over shared memory.
 */
export const CODECS = {
  ascii: {
    name: 'ASCII',
    bytes: 1,
    length(call, value) {
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code > 0x7f) {
          throw new RangeError(
            `${call}: ASCII holds characters 0 to 127, and character ${i} of the string is ${JSON.stringify(value[i])} (${code})`,
          );
        }
      }
      return value.length;
    },
    encode(call, value, view, index, capacity) {
      const length = this.length(call, value);
      if (length > capacity) throw tooLongError(call, 'ASCII', length, capacity);
      for (let i = 0; i < length; i++) view[index + i] = value.charCodeAt(i);
      view[index + length] = 0;
      return length;
    },
    decode(view, start, end) {
      return fromCodes(view, start, end, String.fromCharCode);
    },
  },
  utf8: {
    name: 'UTF-8',
    bytes: 1,
    length(call, value) {
      return utf8Length(value);
    },
    encode(call, value, view, index, capacity, shared) {
      const count = value.length;
      if (count > capacity) throw tooLongError(call, 'UTF-8', utf8Length(value), capacity);
      if (count <= SHORT) {
        // Short and ASCII (the common case): no subarray, no encoder call.
        let i = 0;
        for (; i < count; i++) {
          const code = value.charCodeAt(i);
          if (code > 0x7f) break;
          view[index + i] = code;
        }
        if (i === count) {
          view[index + count] = 0;
          return count;
        }
      }
      const length = count * 3 <= capacity ? -1 : utf8Length(value);
      if (length > capacity) throw tooLongError(call, 'UTF-8', length, capacity);
      if (shared) {
        // encodeInto does not take views of shared memory everywhere.
        const bytes = utf8Encoder.encode(value);
        view.set(bytes, index);
        view[index + bytes.length] = 0;
        return bytes.length;
      }
      const { written } = utf8Encoder.encodeInto(value, view.subarray(index, index + (length < 0 ? count * 3 : length)));
      view[index + written] = 0;
      return written;
    },
    decode(view, start, end, shared) {
      if (end - start <= SHORT) {
        let text = '';
        let i = start;
        for (; i < end; i++) {
          const byte = view[i];
          if (byte > 0x7f) break;
          text += String.fromCharCode(byte);
        }
        if (i === end) return text;
      }
      // TextDecoder does not take views of shared memory everywhere.
      return utf8Decoder.decode(shared ? view.slice(start, end) : view.subarray(start, end));
    },
  },
  utf16: {
    name: 'UTF-16',
    bytes: 2,
    length(call, value) {
      return value.length;
    },
    encode(call, value, view, index, capacity) {
      const length = value.length;
      if (length > capacity) throw tooLongError(call, 'UTF-16', length, capacity);
      for (let i = 0; i < length; i++) view[index + i] = value.charCodeAt(i);
      view[index + length] = 0;
      return length;
    },
    decode(view, start, end) {
      return fromCodes(view, start, end, String.fromCharCode);
    },
  },
  utf32: {
    name: 'UTF-32',
    bytes: 4,
    length(call, value) {
      return codePointCount(value);
    },
    encode(call, value, view, index, capacity) {
      const length = codePointCount(value);
      if (length > capacity) throw tooLongError(call, 'UTF-32', length, capacity);
      let at = index;
      for (let i = 0; i < value.length; i++) {
        const code = value.codePointAt(i);
        view[at++] = code;
        if (code > 0xffff) i++;
      }
      view[at] = 0;
      return length;
    },
    decode(view, start, end) {
      for (let i = start; i < end; i++) {
        if (view[i] > 0x10ffff) throw new RangeError(`element ${i - start} is ${view[i]}, not a Unicode code point`);
      }
      return fromCodes(view, start, end, String.fromCodePoint);
    },
  },
};

/** The manager's cached view of `bytes`-sized unsigned elements. */
function elements(manager, bytes) {
  return bytes === 1 ? manager._u8 : bytes === 2 ? manager._u16 : manager._u32;
}

/**
 * Elements before the terminator of the string at `address`, looking at
 * most `max` elements far (the rest of the heap when `max` is undefined or null).
 */
export function stringLength(manager, call, codec, address, max) {
  const { bytes } = codec;
  let start;
  let end;
  if (max === undefined || max === null) {
    start = manager._index(call, address, bytes);
    end = elements(manager, bytes).length;
  } else {
    start = manager._range(call, address, max, bytes);
    end = start + max;
  }
  const view = elements(manager, bytes);
  let at = -1;
  if (end - start <= 64) {
    for (let i = start; i < end; i++) {
      if (view[i] === 0) {
        at = i;
        break;
      }
    }
  } else {
    at = view.indexOf(0, start);
    if (at >= end) at = -1;
  }
  if (at < 0) {
    throw new RangeError(`${call}: no terminator in the ${end - start} elements of ${bytes} bytes at ${address}`);
  }
  return at - start;
}

/** Reads the string at `address`. */
export function readString(manager, call, codec, address, max) {
  const length = stringLength(manager, call, codec, address, max);
  const start = address / codec.bytes;
  try {
    return codec.decode(elements(manager, codec.bytes), start, start + length, manager._shared);
  } catch (error) {
    throw new RangeError(`${call}: at ${address}: ${error.message}`);
  }
}

/**
 * Writes `value` and a terminator at `address`, in at most `capacity`
 * elements (terminator included; the rest of the heap when undefined or null).
 * Returns the elements written before the terminator.
 */
export function writeString(manager, call, codec, address, value, capacity) {
  if (typeof value !== 'string') throw new TypeError(`${call}: value must be a string, got ${describe(value)}`);
  const { bytes } = codec;
  let start;
  if (capacity === undefined || capacity === null) {
    start = manager._index(call, address, bytes);
    capacity = elements(manager, bytes).length - start;
  } else {
    if (!(Number.isSafeInteger(capacity) && capacity >= 1)) {
      const message = `${call}: elementCapacity must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}, got ${describe(capacity)}`;
      throw typeof capacity === 'number' ? new RangeError(message) : new TypeError(message);
    }
    start = manager._range(call, address, capacity, bytes);
  }
  return codec.encode(call, value, elements(manager, bytes), start, capacity - 1, manager._shared);
}

/**
 * Allocates a string region: for a number `n`, room for `n` elements and a
 * terminator (an empty string); for a string, exactly its encoding and a
 * terminator, written. Returns `[address, elementCount]` with `ref` owning it.
 */
export function allocString(manager, call, codec, ref, valueOrCount) {
  let count;
  if (typeof valueOrCount === 'number') {
    checkCount(call, 'elementCount', valueOrCount);
    count = valueOrCount + 1;
  } else if (typeof valueOrCount === 'string') {
    count = codec.length(call, valueOrCount) + 1;
  } else {
    throw new TypeError(`${call}: expected a string or an element count, got ${describe(valueOrCount)}`);
  }
  ref._count = count;
  manager._own(call, ref, count * codec.bytes);
  const view = elements(manager, codec.bytes);
  const start = ref._address / codec.bytes;
  if (typeof valueOrCount === 'string') codec.encode(call, valueOrCount, view, start, count - 1, manager._shared);
  else view[start] = 0;
  return ref;
}
