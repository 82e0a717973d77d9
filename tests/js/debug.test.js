// The debug log: allocation sites, poison in freed memory, and leaks(). The
// log is tested on its own over a real heap's memory, then through a heap
// made with createDebugHeap (hostheap/debug), with real garbage collection
// for token blocks.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { collectUntil } from './collect.js';
import { createHeap } from 'hostheap';
import { createDebugHeap, POISON } from 'hostheap/debug';
import { DebugLog } from '../../bindings/debug/log.js';

const PAGE_SIZE = 65536;
const THIS_FILE = 'debug.test.js';

/** The bytes at [addr, addr + size) of the heap's current buffer. */
function bytesAt(heap, addr, size) {
  return Array.from(new Uint8Array(heap.buffer, addr, size));
}

function fill(heap, addr, size, byte) {
  new Uint8Array(heap.buffer, addr, size).fill(byte);
}

function poison(size) {
  return new Array(size).fill(POISON);
}

/** The first line of a site: the call outside hostheap. */
function firstFrame(site) {
  return site.split('\n')[0];
}

/** Asserts that `fn` throws `kind` with a message that starts with `call` and has these words. */
function refuses(fn, kind, call, ...words) {
  assert.throws(fn, (error) => {
    assert.equal(error.constructor, kind, error.message);
    assert.ok(error.message.startsWith(`${call}: `), error.message);
    for (const word of words) assert.ok(error.message.includes(word), `"${word}" not in: ${error.message}`);
    return true;
  });
}

describe('DebugLog', () => {
  test('records blocks with size, kind and the caller as site, and lists them in address order', () => {
    const heap = createHeap();
    const log = new DebugLog(heap);
    log.allocated(256, 32, 'token');
    log.allocated(0, 16, 'strong');
    log.allocated(64, 48, 'strong');
    const leaks = log.leaks();
    assert.deepEqual(
      leaks.map(({ addr, size, kind }) => ({ addr, size, kind })),
      [
        { addr: 0, size: 16, kind: 'strong' },
        { addr: 64, size: 48, kind: 'strong' },
        { addr: 256, size: 32, kind: 'token' },
      ],
    );
    for (const { site } of leaks) {
      assert.ok(firstFrame(site).includes(THIS_FILE), site);
      assert.ok(!site.includes('debug.js'), `a frame of the package in: ${site}`);
    }
  });

  test('freed fills exactly the block with 0xDE and forgets it', () => {
    //  [ 0xAA ×16 ][ block: 32 ][ 0xBB ×16 ]
    const heap = createHeap();
    const log = new DebugLog(heap);
    fill(heap, 0, 16, 0xaa);
    fill(heap, 16, 32, 0x11);
    fill(heap, 48, 16, 0xbb);
    log.allocated(16, 32, 'strong');
    log.freed(16, 32);
    assert.equal(POISON, 0xde);
    assert.deepEqual(bytesAt(heap, 16, 32), poison(32));
    assert.deepEqual(bytesAt(heap, 0, 16), new Array(16).fill(0xaa));
    assert.deepEqual(bytesAt(heap, 48, 16), new Array(16).fill(0xbb));
    assert.equal(new Int32Array(heap.buffer, 16, 1)[0] >>> 0, 0xdededede);
    assert.deepEqual(log.leaks(), []);
  });

  test('moved keeps the site and kind, and poisons the old bytes the new block does not cover', () => {
    const heap = createHeap();
    const log = new DebugLog(heap);
    fill(heap, 0, 512, 0x11);

    // Shrunk in place: the tail is poisoned.
    log.allocated(0, 64, 'strong');
    const [{ site }] = log.leaks();
    log.moved(0, 64, 0, 32);
    assert.deepEqual(bytesAt(heap, 0, 32), new Array(32).fill(0x11));
    assert.deepEqual(bytesAt(heap, 32, 32), poison(32));
    assert.deepEqual(log.leaks(), [{ addr: 0, size: 32, kind: 'strong', site }]);

    // Moved away: all of the old block is poisoned.
    log.moved(0, 32, 256, 64);
    assert.deepEqual(bytesAt(heap, 0, 32), poison(32));
    assert.deepEqual(bytesAt(heap, 256, 64), new Array(64).fill(0x11));
    assert.deepEqual(log.leaks(), [{ addr: 256, size: 64, kind: 'strong', site }]);

    // Moved down over part of itself: [256, 320) -> [224, 304); only [304, 320) is left uncovered.
    fill(heap, 224, 32, 0x22);
    log.retyped(256, 'token');
    log.moved(256, 64, 224, 80);
    assert.deepEqual(bytesAt(heap, 224, 32), new Array(32).fill(0x22));
    assert.deepEqual(bytesAt(heap, 256, 48), new Array(48).fill(0x11));
    assert.deepEqual(bytesAt(heap, 304, 16), poison(16));
    assert.deepEqual(log.leaks(), [{ addr: 224, size: 80, kind: 'token', site }]);

    // Grown in place: nothing is poisoned.
    log.moved(224, 80, 224, 96);
    assert.deepEqual(bytesAt(heap, 224, 32), new Array(32).fill(0x22));
    assert.deepEqual(log.leaks(), [{ addr: 224, size: 96, kind: 'token', site }]);
  });

  test('retyped changes the kind only', () => {
    const heap = createHeap();
    const log = new DebugLog(heap);
    log.allocated(32, 16, 'strong');
    const [before] = log.leaks();
    log.retyped(32, 'token');
    assert.deepEqual(log.leaks(), [{ ...before, kind: 'token' }]);
    log.retyped(32, 'strong');
    assert.deepEqual(log.leaks(), [before]);
  });

  test('poisons in the current buffer after the memory has grown', () => {
    const heap = createHeap({ initial: 1 });
    const log = new DebugLog(heap);
    assert.equal(heap.grow(1), 0);
    log.allocated(PAGE_SIZE + 16, 16, 'strong');
    log.freed(PAGE_SIZE + 16, 16);
    assert.deepEqual(bytesAt(heap, PAGE_SIZE + 16, 16), poison(16));
  });

  test('throws, changing nothing, when a call disagrees with what it recorded', () => {
    const heap = createHeap();
    const log = new DebugLog(heap);
    fill(heap, 0, 64, 0x11);
    log.allocated(0, 16, 'strong');
    const before = log.leaks();
    const allocated = 'DebugLog.allocated(addr, size, kind)';
    refuses(() => log.allocated(0, 16, 'strong'), Error, allocated, '0 is already a live block in the log');
    refuses(() => log.freed(32, 16), Error, 'DebugLog.freed(addr, size)', '32 is not a live block in the log');
    const moved = 'DebugLog.moved(oldAddr, oldSize, newAddr, newSize)';
    refuses(() => log.moved(32, 16, 48, 16), Error, moved, '32 is not a live block in the log');
    log.allocated(48, 16, 'token');
    refuses(() => log.moved(0, 16, 48, 16), Error, moved, '48 is already a live block in the log');
    refuses(() => log.retyped(32, 'token'), Error, 'DebugLog.retyped(addr, kind)', '32 is not a live block in the log');
    log.freed(48, 16);
    assert.deepEqual(log.leaks(), before);
    assert.deepEqual(bytesAt(heap, 0, 48), new Array(48).fill(0x11));
  });
});

describe('createDebugHeap', () => {
  test('leaks() lists live blocks with sizes, kinds and the sites that allocated them', () => {
    const heap = createDebugHeap();
    const token = {};
    const a = heap.malloc(20);
    const b = heap.alloc(100, token);
    const leaks = heap.leaks();
    assert.deepEqual(
      leaks.map(({ addr, size, kind }) => ({ addr, size, kind })),
      [
        { addr: a, size: 32, kind: 'strong' },
        { addr: b, size: 112, kind: 'token' },
      ].sort((x, y) => x.addr - y.addr),
    );
    for (const { site } of leaks) assert.ok(firstFrame(site).includes(THIS_FILE), site);
    heap.free(a);
    heap.free(b);
    assert.deepEqual(heap.leaks(), []);
  });

  test('scratch addresses are not blocks and are not listed', () => {
    const heap = createDebugHeap();
    heap.alloc(64);
    assert.deepEqual(heap.leaks(), []);
  });

  test('free poisons the block', () => {
    const heap = createDebugHeap();
    const addr = heap.malloc(48);
    fill(heap, addr, 48, 0x11);
    heap.free(addr);
    assert.deepEqual(bytesAt(heap, addr, 48), poison(48));
  });

  test('a collected token\'s block is poisoned and leaves leaks()', async () => {
    const heap = createDebugHeap();
    const keep = heap.malloc(16);
    let addr;
    (() => {
      const token = {};
      addr = heap.alloc(64, token);
      fill(heap, addr, 64, 0x11);
    })();
    assert.equal(heap.leaks().length, 2);
    await collectUntil(() => heap.leaks().length === 1, 'the token block to leave leaks()');
    assert.deepEqual(
      heap.leaks().map(({ addr: at, kind }) => ({ addr: at, kind })),
      [{ addr: keep, kind: 'strong' }],
    );
    assert.deepEqual(bytesAt(heap, addr, 64), poison(64));
  });

  test('realloc keeps the site; a moved block leaves poison behind, a shrunk one poisons its tail', () => {
    //  [ a:32 ][ b:16 ]  a grows to 64: it moves past b
    const heap = createDebugHeap();
    const a = heap.malloc(32);
    const b = heap.malloc(16);
    const [{ site }] = heap.leaks();
    fill(heap, a, 32, 0x11);
    const moved = heap.realloc(a, 64);
    assert.notEqual(moved, a);
    assert.deepEqual(bytesAt(heap, a, 32), poison(32));
    assert.deepEqual(bytesAt(heap, moved, 32), new Array(32).fill(0x11));
    const shrunk = heap.realloc(moved, 16);
    assert.equal(shrunk, moved);
    assert.deepEqual(bytesAt(heap, moved + 16, 48), poison(48));
    assert.deepEqual(
      heap.leaks().find((leak) => leak.addr === shrunk),
      { addr: shrunk, size: 16, kind: 'strong', site },
    );
    heap.free(b);
    heap.free(shrunk);
  });

  test('calloc is a strong block, tie and untie change the kind, reserved spans are not blocks', () => {
    const heap = createDebugHeap();
    const token = {};
    const addr = heap.calloc(4, 8);
    assert.deepEqual(bytesAt(heap, addr, 32), new Array(32).fill(0));
    heap.reserve(4096, 64);
    assert.deepEqual(heap.leaks().map(({ kind }) => kind), ['strong']);
    heap.tie(addr, token);
    assert.deepEqual(heap.leaks().map(({ kind }) => kind), ['token']);
    heap.untie(addr);
    assert.deepEqual(heap.leaks().map(({ kind }) => kind), ['strong']);
    assert.ok(firstFrame(heap.leaks()[0].site).includes(THIS_FILE));
    heap.free(addr);
  });

  test('poison and sites follow the blocks through grow and trim', () => {
    const heap = createDebugHeap();
    const small = heap.malloc(16);
    const big = heap.malloc(4 * PAGE_SIZE);
    const [site] = heap.leaks().map((leak) => leak.site);
    heap.free(big);
    assert.ok(heap.trim() > 0);
    assert.deepEqual(heap.leaks(), [{ addr: small, size: 16, kind: 'strong', site }]);
    const next = heap.malloc(32);
    fill(heap, next, 32, 0x11);
    heap.free(next);
    assert.deepEqual(bytesAt(heap, next, 32), poison(32));
  });
});

describe('the debug log is hostheap/debug\'s', () => {
  test('createDebugHeap takes the options of createHeap and names itself in their errors', () => {
    const heap = createDebugHeap({ initial: 3, limit: 5 });
    assert.equal(heap.totalBytes(), 3 * PAGE_SIZE);
    assert.equal(heap.limit, 5);
    const addr = heap.malloc(16);
    assert.deepEqual(heap.leaks().map((leak) => leak.addr), [addr]);
    refuses(() => createDebugHeap(5), TypeError, 'createDebugHeap(options)', 'options must be an object', 'got 5');
    refuses(() => createDebugHeap({ initial: 0 }), RangeError, 'createDebugHeap(options)', 'options.initial', 'got 0');
    refuses(() => createDebugHeap({ memory: {} }), TypeError, 'createDebugHeap(options)', 'options.memory');
  });

  test('createHeap refuses options.debug, pointing to createDebugHeap, and its heaps keep no log', () => {
    for (const value of [true, false, 1]) {
      refuses(() => createHeap({ debug: value }), TypeError, 'createHeap(options)', 'options.debug', 'createDebugHeap', `got ${value}`);
    }
    const heap = createHeap();
    heap.malloc(16);
    refuses(() => heap.leaks(), Error, 'leaks()', 'keeps no log', 'createDebugHeap');
  });
});
