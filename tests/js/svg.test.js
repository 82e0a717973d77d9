// The picture of a heap: spansToSVG's output checked by its structure (one
// rectangle per run of a kind, colours per kind, scale, legend, totals,
// well-formed XML), its refusals of bad input, and heapToSVG.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import * as hostheap from 'hostheap';
import { SPAN_COLORS, formatBytes, heapToSVG, spansToSVG } from 'hostheap/svg';

const { createHeap, heap: defaultHeap } = hostheap;

const PAGE_SIZE = 65536;
const CALL = 'spansToSVG(spans, totalSize, options)';

// ---- a small reader of the output --------------------------------------

const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * Checks that `xml` is well-formed in the subset the drawing uses: one root,
 * balanced tags, quoted attributes, no stray `<`, `>` or `&` in text.
 * @returns {{ name: string, attrs: Record<string, string>, text: string }[]} every element, in order, with its direct text
 */
function parse(xml) {
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  const stack = [];
  const elements = [];
  let roots = 0;
  let last = 0;
  const text = (chunk) => {
    assert.ok(!/[<>]/.test(chunk), `stray < or > in text: ${JSON.stringify(chunk)}`);
    assert.ok(!ENTITY.test(chunk), `bare & in text: ${JSON.stringify(chunk)}`);
    if (stack.length > 0) stack[stack.length - 1].text += chunk;
    else assert.equal(chunk.trim(), '', `text outside the root: ${JSON.stringify(chunk)}`);
  };
  for (const match of xml.matchAll(tag)) {
    text(xml.slice(last, match.index));
    last = match.index + match[0].length;
    const [, closing, name, attrText, selfClosing] = match;
    if (closing) {
      assert.equal(attrText, '', `attributes on a closing tag: ${match[0]}`);
      const open = stack.pop();
      assert.equal(open?.name, name, `</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs = {};
    for (const [, key, value] of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      assert.ok(!(key in attrs), `attribute ${key} twice in ${match[0]}`);
      assert.ok(!ENTITY.test(value), `bare & in attribute ${key}`);
      attrs[key] = value;
    }
    if (stack.length === 0) roots += 1;
    const element = { name, attrs, text: '' };
    elements.push(element);
    if (!selfClosing) stack.push(element);
  }
  text(xml.slice(last));
  assert.deepEqual(stack.map((e) => e.name), [], 'unclosed elements');
  assert.equal(roots, 1, 'not exactly one root');
  assert.equal(elements[0].name, 'svg');
  return elements;
}

/** The span rectangles, each as { kind, x, width, fill, tip }. */
function spanRects(elements) {
  const rects = [];
  elements.forEach((element, i) => {
    const classes = (element.attrs.class ?? '').split(' ');
    if (element.name !== 'rect' || classes[0] !== 'span') return;
    const tip = elements[i + 1]?.name === 'title' ? elements[i + 1].text : undefined;
    const { x, width, fill } = element.attrs;
    rects.push({ kind: classes[1], x: Number(x), width: Number(width), fill, tip });
  });
  return rects;
}

function texts(elements) {
  return elements.filter((e) => e.name === 'text').map((e) => e.text);
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[item[key]] = (counts[item[key]] ?? 0) + 1;
  return counts;
}

/** Asserts that `fn` throws `kind`, its message starting with the call and holding these words. */
function refuses(fn, kind, ...words) {
  refusesAs(CALL, fn, kind, ...words);
}

/** {@link refuses} for another call than spansToSVG. */
function refusesAs(call, fn, kind, ...words) {
  assert.throws(fn, (error) => {
    assert.equal(error.constructor, kind, error.message);
    assert.ok(error.message.startsWith(`${call}: `), error.message);
    for (const word of words) assert.ok(error.message.includes(word), `"${word}" not in: ${error.message}`);
    return true;
  });
}

//  [ s:32 ][ s:16 ][ free:64 ][ t:16 ][ free:896 ][ r:48 ][ free … 3 pages ]
const LAYOUT = [
  { addr: 0, size: 32, kind: 'strong' },
  { addr: 32, size: 16, kind: 'strong' },
  { addr: 48, size: 64, kind: 'free' },
  { addr: 112, size: 16, kind: 'token' },
  { addr: 128, size: 896, kind: 'free' },
  { addr: 1024, size: 48, kind: 'reserved' },
  { addr: 1072, size: 3 * PAGE_SIZE - 1072, kind: 'free' },
];
const TOTAL = 3 * PAGE_SIZE;

describe('spansToSVG', () => {
  test('is well-formed XML with one rectangle per run of a kind, neighbours of one kind merged', () => {
    const elements = parse(spansToSVG(LAYOUT, TOTAL));
    const rects = spanRects(elements);
    assert.deepEqual(countBy(rects, 'kind'), { strong: 1, token: 1, reserved: 1, free: 3 });
    const strong = rects.find((rect) => rect.kind === 'strong');
    assert.equal(strong.tip, 'strong [0, 48): 48 B in 2 blocks');
  });

  test('gives each kind its own colour, in the rectangles and the legend', () => {
    const colours = Object.values(SPAN_COLORS);
    assert.equal(new Set(colours).size, colours.length);
    const elements = parse(spansToSVG(LAYOUT, TOTAL));
    for (const rect of spanRects(elements)) assert.equal(rect.fill, SPAN_COLORS[rect.kind], rect.kind);
    const swatches = elements.filter((e) => e.name === 'rect' && e.attrs.class?.startsWith('swatch '));
    assert.deepEqual(
      swatches.map((e) => [e.attrs.class.slice('swatch '.length), e.attrs.fill]),
      [
        ['strong', SPAN_COLORS.strong],
        ['token', SPAN_COLORS.token],
        ['reserved', SPAN_COLORS.reserved],
        ['free', SPAN_COLORS.free],
      ],
    );
  });

  test('places rectangles by address over the strip, tiny ones at least a pixel wide', () => {
    const width = 1000;
    const rects = spanRects(parse(spansToSVG(LAYOUT, TOTAL, { width })));
    const strip = width - 2 * 16;
    for (const rect of rects) {
      assert.ok(rect.width >= 1, `${rect.kind} is ${rect.width} wide`);
      assert.ok(rect.x >= 16 && rect.x + rect.width <= 16 + strip + 1, `${rect.kind} at ${rect.x}`);
    }
    const lastFree = rects.filter((rect) => rect.kind === 'free').at(-1);
    const expectedX = 16 + (1072 / TOTAL) * strip;
    assert.ok(Math.abs(lastFree.x - expectedX) < 0.01, `${lastFree.x} vs ${expectedX}`);
    assert.ok(Math.abs(lastFree.x + lastFree.width - (16 + strip)) < 0.01);
  });

  test('draws a scale from 0 to the memory size in binary units', () => {
    const labels = (total) => texts(parse(spansToSVG([{ addr: 0, size: total, kind: 'free' }], total))).filter((t) => /^\d/.test(t));
    assert.deepEqual(labels(TOTAL), ['0 B', '32 KiB', '64 KiB', '96 KiB', '128 KiB', '160 KiB', '192 KiB']);
    assert.deepEqual(labels(PAGE_SIZE), ['0 B', '16 KiB', '32 KiB', '48 KiB', '64 KiB']);
    assert.deepEqual(labels(64 * 1024 * 1024), ['0 B', '16 MiB', '32 MiB', '48 MiB', '64 MiB']);
    assert.deepEqual(labels(100), ['0 B', '16 B', '32 B', '48 B', '64 B', '80 B', '100 B']);
    // 9 pages: marks every 128 KiB, and the end, with no mark crowding it.
    assert.deepEqual(labels(9 * PAGE_SIZE), ['0 B', '128 KiB', '256 KiB', '384 KiB', '576 KiB']);
  });

  test('has a legend with bytes and counts per kind, and totals', () => {
    const lines = texts(parse(spansToSVG(LAYOUT, TOTAL, { title: 'fragmented' })));
    assert.equal(lines[0], 'fragmented');
    assert.ok(lines.includes('strong: 48 B in 2 blocks'), lines.join('\n'));
    assert.ok(lines.includes('token: 16 B in 1 block'));
    assert.ok(lines.includes('reserved: 48 B in 1 span'));
    assert.ok(lines.includes(`free: ${formatBytes(TOTAL - 112)} in 3 spans`));
    assert.ok(lines.includes(`total 192 KiB · used 64 B (under 0.1%) · reserved 48 B · free ${formatBytes(TOTAL - 112)}, largest ${formatBytes(TOTAL - 1072)}`));
  });

  test('a layout without kinds tells used from free, and lists used in the legend', () => {
    const spans = [
      { addr: 0, size: 16, free: false },
      { addr: 16, size: 16, free: false },
      { addr: 32, size: PAGE_SIZE - 32, free: true },
    ];
    const elements = parse(spansToSVG(spans, PAGE_SIZE));
    assert.deepEqual(countBy(spanRects(elements), 'kind'), { free: 1, used: 1 });
    assert.ok(texts(elements).includes('used: 32 B in 2 blocks'));
  });

  test('escapes the title, and the title is the image\'s accessible name', () => {
    const xml = spansToSVG(LAYOUT, TOTAL, { title: `<heap> & "friends" 'n' co` });
    const elements = parse(xml);
    assert.equal(elements[1].name, 'title');
    assert.equal(elements[1].text, '&lt;heap&gt; &amp; &quot;friends&quot; &apos;n&apos; co');
  });

  test('is a pure function: same output for the same input, input untouched', () => {
    const copy = structuredClone(LAYOUT);
    assert.equal(spansToSVG(LAYOUT, TOTAL), spansToSVG(copy, TOTAL));
    assert.deepEqual(LAYOUT, copy);
  });

  test('sizes the image from width and height', () => {
    const svg = parse(spansToSVG(LAYOUT, TOTAL, { width: 400, height: 100 }))[0];
    assert.equal(svg.attrs.width, '400');
    assert.equal(svg.attrs.viewBox, `0 0 400 ${svg.attrs.height}`);
    const rect = parse(spansToSVG(LAYOUT, TOTAL, { height: 100 })).find((e) => e.attrs.class === 'span free');
    assert.equal(rect.attrs.height, '100');
  });

  test('formats bytes in the largest binary unit that keeps at least 1', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(1024), '1 KiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(64 * 1024 * 1024), '64 MiB');
    assert.equal(formatBytes(2 ** 32), '4 GiB');
  });

  test('refuses spans of the wrong kind or out of order, naming the span', () => {
    refuses(() => spansToSVG('spans', TOTAL), TypeError, 'spans must be an array', 'got string "spans"');
    refuses(() => spansToSVG([null], TOTAL), TypeError, 'spans[0] must be an object', 'got null');
    refuses(() => spansToSVG([{ addr: '0', size: 16, kind: 'free' }], TOTAL), TypeError, 'spans[0].addr', 'got string "0"');
    refuses(() => spansToSVG([{ addr: -16, size: 16, kind: 'free' }], TOTAL), RangeError, 'spans[0].addr must be a non-negative integer', 'got -16');
    refuses(() => spansToSVG([{ addr: 0, size: 0, kind: 'free' }], TOTAL), RangeError, 'spans[0].size must be a positive integer', 'got 0');
    refuses(() => spansToSVG([{ addr: 0, size: 32, kind: 'free' }, { addr: 16, size: 16, kind: 'strong' }], TOTAL), RangeError, 'spans[1] at 16 starts before', '(32)');
    refuses(() => spansToSVG([{ addr: 0, size: TOTAL + 16, kind: 'free' }], TOTAL), RangeError, 'spans[0]', `ends past totalSize ${TOTAL}`);
    refuses(() => spansToSVG([{ addr: 0, size: 16, kind: 'weak' }], TOTAL), RangeError, 'spans[0].kind must be', 'got string "weak"');
    refuses(() => spansToSVG([{ addr: 0, size: 16, kind: 'used' }], TOTAL), RangeError, 'got string "used"');
    refuses(() => spansToSVG([{ addr: 0, size: 16, kind: 3 }], TOTAL), TypeError, 'spans[0].kind', 'got 3');
    refuses(() => spansToSVG([{ addr: 0, size: 16 }], TOTAL), TypeError, 'spans[0] needs a kind or a boolean free', 'got free undefined');
  });

  test('refuses a total size or options of the wrong kind or out of range', () => {
    refuses(() => spansToSVG([], 0), RangeError, 'totalSize must be an integer from 1 to 4294967296', 'got 0');
    refuses(() => spansToSVG([], 2 ** 32 + 1), RangeError, 'got 4294967297');
    refuses(() => spansToSVG([], '65536'), TypeError, 'totalSize', 'got string "65536"');
    refuses(() => spansToSVG(LAYOUT, TOTAL, null), TypeError, 'options must be an object', 'got null');
    refuses(() => spansToSVG(LAYOUT, TOTAL, [800]), TypeError, 'got an array');
    refuses(() => spansToSVG(LAYOUT, TOTAL, { width: 100 }), RangeError, 'options.width must be an integer from 200 to 10000', 'got 100');
    refuses(() => spansToSVG(LAYOUT, TOTAL, { width: '800' }), TypeError, 'options.width', 'got string "800"');
    refuses(() => spansToSVG(LAYOUT, TOTAL, { height: 0.5 }), RangeError, 'options.height must be an integer from 8 to 1000', 'got 0.5');
    refuses(() => spansToSVG(LAYOUT, TOTAL, { title: 7 }), TypeError, 'options.title must be a string', 'got 7');
    refuses(() => spansToSVG(LAYOUT, TOTAL, { colour: 'red' }), RangeError, 'options has no "colour"', 'width, height and title');
  });
});

describe('heapToSVG', () => {
  test('draws the heap\'s own layout, reserved spans included', () => {
    const heap = createHeap();
    const token = {};
    const blocks = [heap.malloc(64), heap.alloc(32, token), heap.malloc(16)];
    heap.free(blocks[0]);
    heap.reserve(4096, 100);
    const xml = heapToSVG(heap, { title: 'test heap' });
    assert.equal(xml, spansToSVG(heap.spans(), heap.totalBytes(), { title: 'test heap' }));
    const kinds = countBy(spanRects(parse(xml)), 'kind');
    assert.deepEqual(kinds, { free: 3, token: 1, strong: 1, reserved: 1 });
  });

  test('draws the default heap', () => {
    const xml = heapToSVG(defaultHeap);
    assert.equal(xml, spansToSVG(defaultHeap.spans(), defaultHeap.totalBytes()));
    parse(xml);
  });

  test('refuses what is not a heap, and options out of range, naming the argument', () => {
    const call = 'heapToSVG(heap, options)';
    for (const bad of [undefined, null, {}, { spans: () => [] }, 7]) {
      refusesAs(call, () => heapToSVG(bad), TypeError, 'heap must be a Heap', 'got');
    }
    refusesAs(call, () => heapToSVG(createHeap(), { width: 1 }), RangeError, 'options.width', 'got 1');
  });

  test('the main entry does not carry the picture', () => {
    assert.equal('toSVG' in hostheap, false);
    assert.equal('spansToSVG' in hostheap, false);
    assert.equal('toSVG' in createHeap(), false);
  });
});
