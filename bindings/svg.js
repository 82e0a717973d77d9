// `hostheap/svg`: a picture of a heap's layout, the address space as one
// horizontal strip, each run of spans of one kind a coloured rectangle, with
// a scale, a legend and totals. A pure function of `spans()` and the memory
// size, so a layout saved earlier draws the same picture. An entry of its
// own: `import { alloc } from 'hostheap'` does not load it.
//
// Neighbouring spans of one kind are drawn as one rectangle (its tooltip
// counts them), and a rectangle is at least MIN_WIDTH pixels wide, drawn
// over the free spans, so a lone 16-byte block in a large memory stays
// visible.

import { ADDRESS_SPACE, describe } from './errors.js';

/**
 * The colour of each kind of span. `used` is for spans that say only
 * `free: false` (a layout without kinds).
 */
export const SPAN_COLORS = Object.freeze({
  strong: '#3465a4',
  token: '#4e9a06',
  reserved: '#c17d11',
  free: '#e4e4e4',
  used: '#75507b',
});

/** Legend order; `used` is listed only when a span has that kind. */
const KINDS = ['strong', 'token', 'reserved', 'free', 'used'];
/** What the legend counts spans of each kind as. */
const UNITS = { strong: 'block', token: 'block', reserved: 'span', free: 'span', used: 'block' };

/** Numeric options: allowed range and default. */
const OPTIONS = {
  width: { low: 200, high: 10000, fallback: 800 },
  height: { low: 8, high: 1000, fallback: 40 },
};

const MARGIN = 16;
const TITLE_SIZE = 14;
const TEXT_SIZE = 11;
const LINE = 18;
const MIN_WIDTH = 1;
const FONT = 'font-family="sans-serif"';

/**
 * Draws a heap layout as an SVG image: a strip over the address space with
 * live blocks (strong and token apart), free and reserved spans in the
 * colours of {@link SPAN_COLORS}, a scale in B/KiB/MiB/GiB, a legend, and
 * totals. Each span rectangle has the class `span <kind>` and a tooltip.
 * @param {{ addr: number, size: number, free?: boolean, kind?: 'free' | 'strong' | 'token' | 'reserved' }[]} spans
 *   the layout in address order, as `heap.spans()` returns it; without `kind`, `free` tells free from used
 * @param {number} totalSize the memory's size in bytes (`heap.totalBytes()`), 1 to 2^32; every span lies below it
 * @param {{ width?: number, height?: number, title?: string }} [options]
 *   `width` of the image in pixels (200 to 10000, default 800), `height` of the strip (8 to 1000, default 40),
 *   `title` drawn above it (default "hostheap")
 * @returns {string} the SVG document
 * @throws {TypeError} when spans is not an array of span objects, totalSize not a number, or an option of the wrong kind
 * @throws {RangeError} when spans are out of order, overlap or pass totalSize, or an option is out of range or unknown
 * @example
 * const svg = spansToSVG(heap.spans(), heap.totalBytes(), { title: 'after trim' });
 */
export function spansToSVG(spans, totalSize, options = {}) {
  return drawSpans('spansToSVG(spans, totalSize, options)', spans, totalSize, options);
}

/**
 * Draws a heap's layout as it is now: {@link spansToSVG} over `heap.spans()`
 * and `heap.totalBytes()`.
 * @param {import('./heap.js').Heap} heap a heap from `createHeap`, or the default one (`heap` from 'hostheap')
 * @param {{ width?: number, height?: number, title?: string }} [options] as for spansToSVG
 * @returns {string} the SVG document
 * @throws {TypeError} when heap is not a Heap, or an option is of the wrong kind
 * @throws {RangeError} when an option is out of range or unknown
 * @example
 * import { heap } from 'hostheap';
 * import { heapToSVG } from 'hostheap/svg';
 * const svg = heapToSVG(heap, { title: 'after trim' });
 */
export function heapToSVG(heap, options) {
  const call = 'heapToSVG(heap, options)';
  if (!(typeof heap === 'object' && heap !== null && typeof heap.spans === 'function' && typeof heap.totalBytes === 'function')) {
    throw new TypeError(`${call}: heap must be a Heap (with spans and totalBytes), got ${describe(heap)}`);
  }
  return drawSpans(call, heap.spans(), heap.totalBytes(), options);
}

/**
 * {@link spansToSVG}, with errors that name `call`.
 * @param {string} call the call as error messages show it
 * @param {{ addr: number, size: number, free?: boolean, kind?: string }[]} spans as for spansToSVG
 * @param {number} totalSize
 * @param {{ width?: number, height?: number, title?: string }} [options]
 * @returns {string}
 */
function drawSpans(call, spans, totalSize, options = {}) {
  if (!(Number.isInteger(totalSize) && totalSize >= 1 && totalSize <= ADDRESS_SPACE)) {
    throw kindError(call, 'totalSize', `an integer from 1 to ${ADDRESS_SPACE}`, totalSize);
  }
  const { width, height, title } = readOptions(call, options);
  const runs = readRuns(call, spans, totalSize);

  const stripWidth = width - 2 * MARGIN;
  const stripTop = MARGIN + TITLE_SIZE + 10;
  const axis = stripTop + height;
  const legendTop = axis + 2 * LINE + 4;
  const totals = totalsOf(runs);
  const kinds = KINDS.filter((kind) => kind !== 'used' || totals.count.used > 0);
  const imageHeight = legendTop + (kinds.length + 1) * LINE + MARGIN;
  const x = (addr) => MARGIN + (addr / totalSize) * stripWidth;

  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${imageHeight}" viewBox="0 0 ${width} ${imageHeight}">`,
    `<title>${escape(title)}</title>`,
    `<rect class="background" x="0" y="0" width="${width}" height="${imageHeight}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="${MARGIN + TITLE_SIZE}" ${FONT} font-size="${TITLE_SIZE}" font-weight="bold">${escape(title)}</text>`,
  );
  // Free runs first, so the minimum width of the others draws over them.
  for (const pass of [(run) => run.kind === 'free', (run) => run.kind !== 'free']) {
    for (const run of runs.filter(pass)) {
      const left = x(run.addr);
      const w = Math.max(x(run.addr + run.size) - left, MIN_WIDTH);
      const unit = UNITS[run.kind];
      const tip = `${run.kind} [${run.addr}, ${run.addr + run.size}): ${formatBytes(run.size)} in ${plural(run.count, unit)}`;
      out.push(
        `<rect class="span ${run.kind}" x="${fixed(left)}" y="${stripTop}" width="${fixed(w)}" height="${height}" fill="${SPAN_COLORS[run.kind]}"><title>${tip}</title></rect>`,
      );
    }
  }
  out.push(`<rect class="frame" x="${MARGIN}" y="${stripTop}" width="${stripWidth}" height="${height}" fill="none" stroke="#555555"/>`);
  for (const { addr, anchor } of ticksOf(totalSize)) {
    const at = fixed(x(addr));
    out.push(
      `<line class="tick" x1="${at}" y1="${axis}" x2="${at}" y2="${axis + 5}" stroke="#555555"/>`,
      `<text x="${at}" y="${axis + 5 + TEXT_SIZE + 2}" ${FONT} font-size="${TEXT_SIZE}" text-anchor="${anchor}">${formatBytes(addr)}</text>`,
    );
  }
  kinds.forEach((kind, row) => {
    const top = legendTop + row * LINE;
    out.push(
      `<rect class="swatch ${kind}" x="${MARGIN}" y="${top}" width="12" height="12" fill="${SPAN_COLORS[kind]}" stroke="#555555"/>`,
      `<text x="${MARGIN + 18}" y="${top + 10}" ${FONT} font-size="${TEXT_SIZE}">${kind}: ${formatBytes(totals.bytes[kind])} in ${plural(totals.count[kind], UNITS[kind])}</text>`,
    );
  });
  const used = totals.bytes.strong + totals.bytes.token + totals.bytes.used;
  const summary =
    `total ${formatBytes(totalSize)} · used ${formatBytes(used)} (${percent(used, totalSize)}) · ` +
    `reserved ${formatBytes(totals.bytes.reserved)} · free ${formatBytes(totals.bytes.free)}, largest ${formatBytes(totals.largestFree)}`;
  out.push(
    `<text class="totals" x="${MARGIN}" y="${legendTop + kinds.length * LINE + 10}" ${FONT} font-size="${TEXT_SIZE}">${summary}</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}

function readOptions(call, options) {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${call}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(key in OPTIONS) && key !== 'title') {
      throw new RangeError(`${call}: options has no ${JSON.stringify(key)}; allowed are width, height and title`);
    }
  }
  const read = {};
  for (const [name, { low, high, fallback }] of Object.entries(OPTIONS)) {
    const value = options[name] ?? fallback;
    if (!(Number.isInteger(value) && value >= low && value <= high)) {
      throw kindError(call, `options.${name}`, `an integer from ${low} to ${high}`, value);
    }
    read[name] = value;
  }
  read.title = options.title ?? 'hostheap';
  if (typeof read.title !== 'string') throw new TypeError(`${call}: options.title must be a string, got ${describe(read.title)}`);
  return read;
}

/** The spans checked and merged into runs of one kind: [{ addr, size, kind, count }]. */
function readRuns(call, spans, totalSize) {
  if (!Array.isArray(spans)) throw new TypeError(`${call}: spans must be an array, got ${describe(spans)}`);
  const runs = [];
  let end = 0;
  spans.forEach((span, i) => {
    const name = `spans[${i}]`;
    if (typeof span !== 'object' || span === null) throw new TypeError(`${call}: ${name} must be an object, got ${describe(span)}`);
    const { addr, size } = span;
    if (!(Number.isInteger(addr) && addr >= 0)) throw kindError(call, `${name}.addr`, 'a non-negative integer', addr);
    if (!(Number.isInteger(size) && size >= 1)) throw kindError(call, `${name}.size`, 'a positive integer', size);
    if (addr < end) throw new RangeError(`${call}: ${name} at ${addr} starts before the end of the span before it (${end})`);
    if (addr + size > totalSize) throw new RangeError(`${call}: ${name} [${addr}, ${addr + size}) ends past totalSize ${totalSize}`);
    const kind = kindOf(call, name, span);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.kind === kind && last.addr + last.size === addr) {
      last.size += size;
      last.count += 1;
    } else {
      runs.push({ addr, size, kind, count: 1 });
    }
    end = addr + size;
  });
  return runs;
}

function kindOf(call, name, span) {
  const { kind, free } = span;
  if (kind === undefined) {
    if (typeof free !== 'boolean') throw new TypeError(`${call}: ${name} needs a kind or a boolean free, got free ${describe(free)}`);
    return free ? 'free' : 'used';
  }
  if (kind === 'used' || !KINDS.includes(kind)) {
    const message = `${call}: ${name}.kind must be "free", "strong", "token" or "reserved", got ${describe(kind)}`;
    throw typeof kind === 'string' ? new RangeError(message) : new TypeError(message);
  }
  return kind;
}

function totalsOf(runs) {
  const bytes = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  const count = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  let largestFree = 0;
  for (const run of runs) {
    bytes[run.kind] += run.size;
    count[run.kind] += run.count;
    if (run.kind === 'free') largestFree = Math.max(largestFree, run.size);
  }
  return { bytes, count, largestFree };
}

/**
 * Scale marks: multiples of the largest power of two that gives at least
 * four intervals, and the end; a multiple too close to the end is left out.
 */
function ticksOf(totalSize) {
  let step = 1;
  while (step * 2 * 4 <= totalSize) step *= 2;
  const ticks = [];
  for (let addr = 0; addr < totalSize - step / 2; addr += step) ticks.push({ addr, anchor: addr === 0 ? 'start' : 'middle' });
  ticks.push({ addr: totalSize, anchor: 'end' });
  return ticks;
}

const UNIT_NAMES = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Bytes in the largest binary unit that keeps the number at least 1, to two decimals.
 * @param {number} bytes
 * @returns {string} e.g. "0 B", "512 B", "1.5 KiB", "64 MiB"
 */
export function formatBytes(bytes) {
  let unit = 0;
  while (unit < UNIT_NAMES.length - 1 && bytes >= 1024 ** (unit + 1)) unit += 1;
  return `${Number((bytes / 1024 ** unit).toFixed(2))} ${UNIT_NAMES[unit]}`;
}

function plural(count, unit) {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function percent(part, whole) {
  const value = Number(((part / whole) * 100).toFixed(1));
  return value === 0 && part > 0 ? 'under 0.1%' : `${value}%`;
}

function fixed(value) {
  return String(Number(value.toFixed(2)));
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
}

function kindError(call, name, expected, value) {
  const message = `${call}: ${name} must be ${expected}, got ${describe(value)}`;
  return typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}
