// The web example end to end: examples/web served as its README says, driven
// in headless Chromium (gc() exposed). Each click is checked against the
// API: the numbers the page shows and the spans it draws are what
// `hostheap` reports in the same page. A screenshot is saved to
// tests/e2e/output/web.png (git-ignored).

import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { PAGE_MOUNTS, startServer } from '../../examples/web/serve.js';
import { launchChromium } from '../browser/chromium.js';

const OUTPUT = new URL('output/', import.meta.url);
const PAGE = 65536;

/** What the page shows: each stat's exact value, and the spans it drew. */
function shown(page) {
  return page.evaluate(() => {
    const stat = (id) => document.getElementById(id).dataset.value;
    return {
      total: Number(stat('stat-total')),
      used: Number(stat('stat-used')),
      free: Number(stat('stat-free')),
      largest: Number(stat('stat-largest')),
      fragmentation: Number(stat('stat-fragmentation')),
      spans: Number(stat('stat-spans')),
      objects: Number(stat('stat-objects')),
      intact: stat('stat-intact'),
      respawns: Number(stat('stat-respawns')),
      greeting: stat('stat-greeting'),
      drawn: [...document.querySelectorAll('#picture rect')]
        .map((rect) => ({ addr: Number(rect.dataset.addr), size: Number(rect.dataset.size), kind: rect.dataset.kind }))
        .sort((a, b) => a.addr - b.addr),
    };
  });
}

/** What the API says, asked in the page from the same module instance the page uses. */
function reported(page) {
  return page.evaluate(async () => {
    const hostheap = await import('hostheap');
    return {
      total: hostheap.totalBytes(),
      used: hostheap.usedBytes(),
      free: hostheap.freeBytes(),
      largest: hostheap.largestBytes(),
      spans: hostheap.spans().map((span) => ({
        addr: span.addr,
        size: span.size,
        kind: span.kind ?? (span.free ? 'free' : 'used'),
      })),
    };
  });
}

/** The page's numbers and picture agree with the API. */
async function assertShowsTheHeap(page, when) {
  const [seen, truth] = [await shown(page), await reported(page)];
  assert.equal(seen.total, truth.total, `${when}: memory size`);
  assert.equal(seen.used, truth.used, `${when}: live bytes`);
  assert.equal(seen.free, truth.free, `${when}: free bytes`);
  assert.equal(seen.largest, truth.largest, `${when}: largest free span`);
  assert.equal(seen.fragmentation, truth.free === 0 ? 0 : 1 - truth.largest / truth.free, `${when}: fragmentation`);
  assert.equal(seen.spans, truth.spans.length, `${when}: span count`);
  assert.deepEqual(seen.drawn, truth.spans, `${when}: the picture draws every span with its kind`);
  assert.equal(seen.intact, 'true', `${when}: buffers intact`);
  return seen;
}

async function click(page, id) {
  await page.click(`#${id}`);
  // Each action ends with a redraw; the log line it writes comes first.
  await page.waitForFunction(() => document.getElementById('log').children.length > 0);
}

describe('examples/web in headless Chromium', () => {
  let server;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    server = await startServer({ mounts: PAGE_MOUNTS });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('loads the published entry through the import map and shows the empty heap', async () => {
    const entry = await page.evaluate(() => JSON.parse(document.querySelector('script[type="importmap"]').textContent).imports.hostheap);
    assert.equal(entry, '/hostheap/dist/index.js');
    const seen = await assertShowsTheHeap(page, 'at load');
    assert.equal(seen.used, 0);
    assert.equal(seen.objects, 0);
    assert.equal(seen.greeting, 'hello from a data segment');
    const reserved = seen.drawn.filter((span) => span.kind === 'reserved');
    assert.deepEqual(reserved, [{ addr: 1024, size: 32, kind: 'reserved' }], 'the data segment, rounded out to atoms');
    assert.equal(await page.isEnabled('#collect'), true, 'gc() is exposed, so the collect button works');
    assert.equal(await page.isHidden('#collect-note'), true);
  });

  test('allocate: GC-tied blocks appear in the numbers and the picture', async () => {
    await click(page, 'allocate');
    await click(page, 'allocate');
    const seen = await assertShowsTheHeap(page, 'after allocate');
    assert.equal(seen.objects, 96);
    assert.ok(seen.used >= 80 * 16, `live bytes ${seen.used}`);
    assert.ok(seen.drawn.filter((span) => span.kind === 'token').length >= 96, 'token blocks are drawn');
  });

  test('malloc blocks are strong: they survive a collection and go with free', async () => {
    const before = await shown(page);
    await click(page, 'malloc');
    await click(page, 'malloc');
    let seen = await assertShowsTheHeap(page, 'after malloc');
    assert.equal(seen.used, before.used + 2 * 4096);
    assert.equal(seen.drawn.filter((span) => span.kind === 'strong' && span.size === 4096).length, 2);
    await click(page, 'collect');
    assert.equal((await assertShowsTheHeap(page, 'after collect')).used, seen.used, 'nothing was dropped, nothing freed');
    await click(page, 'free-strong');
    seen = await assertShowsTheHeap(page, 'after free');
    assert.equal(seen.used, before.used);
    assert.equal(seen.drawn.filter((span) => span.kind === 'strong').length, 0);
  });

  test('a large buffer grows the memory', async () => {
    const before = await shown(page);
    await click(page, 'allocate-large');
    const seen = await assertShowsTheHeap(page, 'after the large buffer');
    assert.ok(seen.total > before.total, `memory ${before.total} -> ${seen.total}`);
    assert.ok(seen.used >= before.used + 256 * 1024);
  });

  test('drop half, then collect: exactly the blocks of the collected objects come back', async () => {
    const before = await shown(page);
    await click(page, 'drop-half');
    assert.equal((await shown(page)).used, before.used, 'dropped objects keep their blocks until collected');
    await click(page, 'collect');
    await page.waitForFunction((used) => Number(document.getElementById('stat-used').dataset.value) < used, before.used, { timeout: 30_000 });
    const seen = await assertShowsTheHeap(page, 'after drop half and collect');
    assert.equal(seen.objects, Math.floor(before.objects / 2));
    assert.ok(seen.fragmentation > 0, 'freed blocks left holes between live ones');
  });

  test('grow adds a page; trim releases the free tail, respawns the guests, and keeps every buffer', async () => {
    const before = await shown(page);
    await click(page, 'grow');
    assert.equal((await assertShowsTheHeap(page, 'after grow')).total, before.total + PAGE);

    await click(page, 'drop-all');
    await click(page, 'collect');
    await page.waitForFunction(() => Number(document.getElementById('stat-used').dataset.value) === 0, undefined, { timeout: 30_000 });
    await click(page, 'allocate');
    await click(page, 'trim');
    const seen = await assertShowsTheHeap(page, 'after trim');
    assert.ok(seen.total < before.total + PAGE, `memory ${before.total + PAGE} -> ${seen.total}`);
    assert.equal(seen.respawns, 4, 'each of the four guests respawned once');
    assert.equal(seen.greeting, 'hello from a data segment');
    assert.ok(seen.drawn.some((span) => span.kind === 'reserved' && span.addr === 1024), 'the reserved range stays');
    const log = await page.locator('#log').innerText();
    assert.match(log, /after trim every buffer is intact, and the data segment says "hello from a data segment"/);
    assert.match(log, /trim: \d+ -> \d+ pages/);
  });

  test('saves a screenshot of a fragmented heap, and the page logged no errors', async () => {
    await click(page, 'allocate');
    await click(page, 'malloc');
    await click(page, 'allocate');
    await click(page, 'drop-half');
    const before = await shown(page);
    await click(page, 'collect');
    await page.waitForFunction((used) => Number(document.getElementById('stat-used').dataset.value) < used, before.used, { timeout: 30_000 });
    await assertShowsTheHeap(page, 'before the screenshot');
    mkdirSync(OUTPUT, { recursive: true });
    const path = fileURLToPath(new URL('web.png', OUTPUT));
    await page.screenshot({ path, fullPage: true });
    assert.ok(statSync(path).size > 10_000, `${path} is too small to show the page`);
    assert.deepEqual(errors, []);
  });
});

describe('examples/web without gc()', () => {
  test('the collect button is disabled with a note', async () => {
    const server = await startServer({ mounts: PAGE_MOUNTS });
    const browser = await launchChromium({ exposeGc: false });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      assert.equal(await page.isDisabled('#collect'), true);
      assert.equal(await page.isVisible('#collect-note'), true);
      assert.equal(await page.isEnabled('#allocate'), true);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
