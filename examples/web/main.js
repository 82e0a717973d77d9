// The web example: guests compiled from WAT share hostheap's memory (one of
// them with a data segment whose bytes are reserved), objects hold blocks
// tied to their lifetimes, strong blocks live until freed, and a picture of
// the heap redraws on every event. Served by serve.js; see the README here.

import * as hostheap from 'hostheap';
import {
  alloc,
  bind,
  buffer,
  free,
  freeBytes,
  grow,
  headBytes,
  largestBytes,
  malloc,
  memory,
  on,
  spans,
  totalBytes,
  trim,
  usedBytes,
} from 'hostheap';
import { compile, reserveDataSegments } from 'hostheap/segments';

const PAGE = 65536;
/** Kinds of span the picture colours; `used` is for layouts that only say `free: false`. */
const KINDS = ['strong', 'token', 'reserved', 'free', 'used'];
const LOG_LINES = 40;

const $ = (id) => document.getElementById(id);

// ---- guests --------------------------------------------------------------

const compiled = await Promise.all(
  ['particle', 'paint', 'checksum'].map((name) =>
    WebAssembly.compileStreaming(fetch(new URL(`./modules/${name}.wasm`, import.meta.url))).then((module) => [name, module]),
  ),
);
// The greeting guest's data segment sits at a fixed address: reserve it
// before the first instantiation, so no block is ever placed there.
const greetingBytes = await (await fetch(new URL('./modules/greeting.wasm', import.meta.url))).arrayBuffer();
compiled.push(['greeting', compile(greetingBytes)]);
reserveDataSegments(hostheap, { greeting: compiled.at(-1)[1] });

/** The current instance of each guest; trim replaces them all. */
const guests = {};
let respawns = 0;
for (const [name, module] of compiled) {
  // `memory` is a live binding: after a trim it is the new memory.
  const spawn = () => new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
  guests[name] = bind(spawn, () => {
    guests[name] = spawn();
    respawns++;
  });
}

// ---- objects that hold blocks --------------------------------------------

/** A particle: 16 bytes of position and speed, freed when the object is collected. */
class Particle {
  #addr;
  constructor(seed) {
    this.#addr = alloc(16, this);
    guests.particle.init(this.#addr, seed);
  }
  step() {
    guests.particle.step(this.#addr);
  }
  intact() {
    return true;
  }
}

/** A buffer of `size` bytes painted with `byte`; its checksum proves the bytes survived every move. */
class Painted {
  #addr;
  #size;
  #byte;
  constructor(size, byte) {
    this.#addr = alloc(size, this);
    this.#size = size;
    this.#byte = byte;
    guests.paint.fill(this.#addr, size, byte);
  }
  step() {}
  intact() {
    return guests.checksum.checksum(this.#addr, this.#size) === this.#size * this.#byte;
  }
}

/** Every object the page keeps alive; dropping one from here lets it be collected. */
let live = [];
/** Addresses of strong blocks (malloc), freed only by the free button. */
let strong = [];

/** What the greeting guest's data segment holds now. */
function greeting() {
  return new TextDecoder().decode(new Uint8Array(buffer, guests.greeting.address(), guests.greeting.length()));
}

/** A small seeded generator, so the same clicks give the same layout. */
let seed = 0x2545f491;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

// ---- the picture and the numbers -----------------------------------------

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const HEIGHT = 48;

const kindOf = (span) => span.kind ?? (span.free ? 'free' : 'used');
const formatBytes = (bytes) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;

function setStat(id, value, text = String(value)) {
  const cell = $(id);
  cell.dataset.value = String(value);
  cell.textContent = text;
}

/** Redraws the strip and the numbers from the heap's current state. */
function draw() {
  const layout = spans();
  const total = totalBytes();
  const rects = layout.map((span) => {
    const rect = document.createElementNS(SVG, 'rect');
    const kind = kindOf(span);
    const width = (span.size / total) * WIDTH;
    // Thin blocks get no outline, which would hide them; they are at least 1.5 units wide.
    rect.setAttribute('class', width < 3 ? `${kind} thin` : kind);
    rect.setAttribute('x', String((span.addr / total) * WIDTH));
    rect.setAttribute('width', String(Math.max(width, kind === 'free' ? 0 : 1.5)));
    rect.setAttribute('y', '0');
    rect.setAttribute('height', String(HEIGHT));
    rect.dataset.addr = String(span.addr);
    rect.dataset.size = String(span.size);
    rect.dataset.kind = kind;
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${kind} at ${span.addr}, ${formatBytes(span.size)}`;
    rect.append(title);
    return rect;
  });
  // Free spans first and reserved ranges last, so a thin block or range
  // drawn over its neighbours stays visible.
  const layer = { free: 0, token: 1, used: 1, strong: 2, reserved: 3 };
  rects.sort((a, b) => layer[a.dataset.kind] - layer[b.dataset.kind]);
  $('picture').replaceChildren(...rects);

  const used = usedBytes();
  const free = freeBytes();
  const largest = largestBytes();
  const fragmentation = free === 0 ? 0 : 1 - largest / free;
  setStat('stat-total', total, `${formatBytes(total)} (${total / PAGE} ${total === PAGE ? 'page' : 'pages'})`);
  setStat('stat-used', used, formatBytes(used));
  setStat('stat-free', free, formatBytes(free));
  setStat('stat-largest', largest, formatBytes(largest));
  setStat('stat-fragmentation', fragmentation, `${(fragmentation * 100).toFixed(1)} %`);
  setStat('stat-spans', layout.length);
  setStat('stat-objects', live.length);
  const intact = live.every((object) => object.intact());
  setStat('stat-intact', intact, intact ? 'yes' : 'NO');
  setStat('stat-respawns', respawns);
  setStat('stat-greeting', greeting());

  const present = new Set(layout.map(kindOf));
  $('legend').replaceChildren(
    ...KINDS.filter((kind) => present.has(kind) || kind === 'free').map((kind) => {
      const item = document.createElement('span');
      item.textContent = kind;
      item.style.setProperty('--swatch', `var(--${kind})`);
      return item;
    }),
  );
  signature = currentSignature();
}

function log(text) {
  const item = document.createElement('li');
  item.textContent = text;
  $('log').prepend(item);
  while ($('log').children.length > LOG_LINES) $('log').lastElementChild.remove();
}

// Blocks of collected objects are freed whenever the browser collects, not
// only on a click: redraw when the numbers move.
let signature = '';
const currentSignature = () => `${totalBytes()} ${usedBytes()} ${largestBytes()} ${headBytes()}`;
function watchForChanges() {
  if (currentSignature() !== signature) draw();
  requestAnimationFrame(watchForChanges);
}

// ---- events and actions --------------------------------------------------

// Handlers live as long as their token. The document lives as long as the
// page; a fresh `{}` held only by a top-level const would not do: no
// closure reads it, so the engine may collect it once the module has run.
const PAGE_TOKEN = document;
on('grow', PAGE_TOKEN, ({ info }) => log(`grow: ${info.oldSize / PAGE} -> ${info.newSize / PAGE} pages`));
on('trim', PAGE_TOKEN, ({ info }) => log(`trim: ${info.oldSize / PAGE} -> ${info.newSize / PAGE} pages, ${respawns} respawns so far`));
on('oom', PAGE_TOKEN, ({ info }) => log(`oom: ${info.requestCapacity} pages asked, maximum ${info.maximumCapacity}`));
on('resize', PAGE_TOKEN, () => draw());

const ACTIONS = {
  allocate() {
    for (let i = 0; i < 40; i++) live.push(new Particle((random() * 2 ** 32) | 0));
    for (let i = 0; i < 8; i++) live.push(new Painted(64 + Math.floor(random() * 8192), 1 + Math.floor(random() * 255)));
    for (const object of live) object.step();
    log(`allocated 40 particles and 8 buffers: ${live.length} objects`);
  },
  'allocate-large'() {
    live.push(new Painted(256 * 1024, 7));
    log('allocated a 256 KiB buffer');
  },
  malloc() {
    strong.push(malloc(4096));
    log(`malloc(4096): ${strong.length} strong block${strong.length === 1 ? '' : 's'}, freed only by free`);
  },
  'free-strong'() {
    for (const addr of strong) free(addr);
    log(`freed ${strong.length} strong blocks`);
    strong = [];
  },
  'drop-half'() {
    const before = live.length;
    live = live.filter((_, i) => i % 2 === 1);
    log(`dropped ${before - live.length} objects; their blocks are freed when they are collected`);
  },
  'drop-all'() {
    log(`dropped ${live.length} objects; their blocks are freed when they are collected`);
    live = [];
  },
  async collect() {
    const before = usedBytes();
    for (let round = 0; round < 5; round++) {
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 0)); // finalizers run in a later task
    }
    log(`collected: live bytes ${before} -> ${usedBytes()}`);
  },
  grow() {
    if (grow(1) !== 0) log('grow: refused');
  },
  trim() {
    const released = trim();
    if (released === 0) log('trim: nothing to release');
    const intact = live.every((object) => object.intact());
    log(`after trim every buffer is ${intact ? 'intact' : 'DAMAGED'}, and the data segment says "${greeting()}"`);
  },
};

for (const [id, action] of Object.entries(ACTIONS)) {
  const button = $(id);
  button.addEventListener('click', async () => {
    try {
      await action();
    } catch (error) {
      log(`${id}: ${error.name}: ${error.message}`);
    }
    draw();
  });
  button.disabled = false;
}
if (typeof globalThis.gc !== 'function') {
  $('collect').disabled = true;
  $('collect-note').hidden = false;
}

draw();
requestAnimationFrame(watchForChanges);
log(`ready: ${compiled.length} guests on one memory of ${totalBytes() / PAGE} pages; the data segment says "${greeting()}"`);
$('status').textContent = 'ready';
document.body.dataset.ready = 'true';
