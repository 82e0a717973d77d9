// Error builders, kept off the hot paths. Messages name the call, the
// argument, what is allowed and what came.

/** Bytes in the 32-bit address space: the largest size and the end of addresses. */
export const ADDRESS_SPACE = 2 ** 32;

/**
 * A short description of a value for an error message.
 * @param {unknown} value
 * @returns {string}
 */
export function describe(value) {
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `bigint ${value}n`;
    case 'symbol':
      return `symbol ${value.description === undefined ? 'Symbol()' : `Symbol(${value.description})`}`;
    case 'function':
      return `function ${value.name || '(anonymous)'}`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    default:
      return value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object';
  }
}

function kindError(call, expected, value) {
  const message = `${call}: expected ${expected}, got ${describe(value)}`;
  return typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}

/** Error for a size that is not an integer from 1 to 2^32. */
export function sizeError(call, size) {
  return kindError(call, `size to be an integer from 1 to ${ADDRESS_SPACE}`, size);
}

/** Error for an address that is not an integer multiple of 16 below 2^32. */
export function addrError(call, addr) {
  return kindError(call, `addr to be an integer multiple of 16 from 0 to ${ADDRESS_SPACE - 16}`, addr);
}

/** Error for a page count that is not an integer. */
export function pagesError(call, pages) {
  return kindError(call, 'pages to be an integer', pages);
}

/** Error for a page count option out of its range. */
export function optionError(call, name, low, high, value) {
  return kindError(call, `${name} to be an integer from ${low} to ${high}`, value);
}

/** Error for an address that is not the start of a live block. */
export function notLiveError(call, addr) {
  return new RangeError(`${call}: ${addr} is not the start of a live block`);
}

/** Error for a token that cannot be held weakly. */
export function tokenError(call, token) {
  return new TypeError(`${call}: token must be an object or a non-registered symbol, got ${describe(token)}`);
}

/** Error for a callback that is not a function. */
export function functionError(call, name, value) {
  return new TypeError(`${call}: ${name} must be a function, got ${describe(value)}`);
}

/** Error for an event type that is not one of `types`. */
export function eventTypeError(call, types, type) {
  const message = `${call}: type must be one of ${types.map((t) => `"${t}"`).join(', ')}, got ${describe(type)}`;
  return typeof type === 'string' ? new RangeError(message) : new TypeError(message);
}

/**
 * Error for an allocation or growth the memory cannot hold; `what` says
 * what needed the pages (e.g. "size 4096"), `causes` are what the host or
 * `oom` handlers threw, if anything.
 */
export function oomError(call, what, pages, limit, causes) {
  const message = `${call}: out of memory: ${what} needs ${pages} pages, the limit is ${limit}`;
  if (causes.length === 0) return new RangeError(message);
  const cause = causes.length === 1 ? causes[0] : new AggregateError(causes, `${call}: several causes`);
  return new RangeError(message, { cause });
}

/**
 * Throws what handlers or callbacks threw: one error as it is, several as an AggregateError.
 * @param {string} call
 * @param {unknown[]} errors
 */
export function rethrow(call, errors) {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${call}: ${errors.length} callbacks threw`);
}

/** Error for an option of the wrong kind or out of its range. */
export function choiceError(call, name, expected, value) {
  return kindError(call, `${name} to be ${expected}`, value);
}

/** Error for an alignment that is not a power of two from 16 to 65536. */
export function alignError(call, align) {
  return kindError(call, 'options.align to be a power of two from 16 to 65536', align);
}

/** Error for the range `[addr, addr + size)`, widened to `[low, high)`, that overlaps a span in use. */
export function overlapError(call, addr, size, low, high, span, what) {
  const widened = low === addr && high === addr + size ? '' : ` (bytes ${low} to ${high} in whole atoms)`;
  return new RangeError(`${call}: addr ${addr} and size ${size}${widened} overlap the ${what} at ${span}`);
}

/** Error for a heap state that does not allow the call. */
export function stateError(call, why) {
  return new Error(`${call}: ${why}`);
}
