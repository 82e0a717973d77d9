// The examples imported as libraries, in every runtime the suite runs on
// (examples.node.test.js runs them as programs). The PRNG guest is checked
// against a plain JS model of the same generator (prng-model.js), and the
// model is anchored to xoshiro128**'s published reference outputs.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { collectUntil } from './collect.js';
import { CRC_TABLE, modelRand, modelSeed, modelSequence, xoshiroStep } from './prng-model.js';
import { free, grow, malloc, memory, trim, usedBytes } from 'hostheap';
import { Prng } from '../../examples/prng/prng.js';
import { fnv, hashText, ring, ringValues, vec, writeF64 } from '../../examples/shared-modules/modules.js';

const PAGE_SIZE = 65536;

function pages() {
  return memory.buffer.byteLength / PAGE_SIZE;
}

function draw(prng, count) {
  return Array.from({ length: count }, () => prng.rand());
}

// ---- the PRNG wrapper, in process ---------------------------------------

describe('Prng', () => {
  test('the model reproduces the xoshiro128** reference outputs for state [1, 2, 3, 4]', () => {
    const state = [1, 2, 3, 4];
    const outputs = Array.from({ length: 8 }, () => xoshiroStep(state) >>> 0);
    assert.deepEqual(outputs, [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });

  test('seeding writes the model state', () => {
    for (const seed of [0, 1, 42, -1, 0x7fffffff, 2 ** 32 + 5]) {
      assert.deepEqual(new Prng(seed).state, modelSeed(seed | 0), `seed ${seed}`);
    }
  });

  test('rand matches the model, table mixing included, for 1000 steps', () => {
    for (const seed of [0, 7, 42, -123456789]) {
      const prng = new Prng(seed);
      assert.deepEqual(draw(prng, 1000), modelSequence(modelSeed(seed), 1000), `seed ${seed}`);
    }
  });

  test('rand mixes with the table: the output differs from bare xoshiro128** when the top byte is not 0', () => {
    const prng = new Prng(0);
    prng.state = [1, 2, 3, 4];
    // Reference outputs 11520, 0, 5927040 have top byte 0 (table entry 0 is 0);
    // 70819200 has top byte 4.
    assert.deepEqual(draw(prng, 4), [11520, 0, 5927040, 70819200 ^ CRC_TABLE[4]]);
  });

  test('fill writes rand outputs little-endian, with the low bytes of one more for a partial word', () => {
    const prng = new Prng(9);
    const words = prng.fill(new Int32Array(64));
    const model = modelSeed(9);
    assert.deepEqual(Array.from(words), modelSequence(model, 64));

    const bytes = prng.fill(new Uint8Array(11));
    const expected = new Uint8Array(12);
    const view = new DataView(expected.buffer);
    for (let i = 0; i < 3; i++) view.setInt32(i * 4, modelRand(model), true);
    assert.deepEqual(bytes, expected.subarray(0, 11));
    assert.equal(prng.rand(), modelRand(model));
  });

  test('a written state replays the sequence', () => {
    const prng = new Prng(5);
    const saved = prng.state;
    const first = draw(prng, 10);
    prng.state = saved;
    assert.deepEqual(draw(prng, 10), first);
  });

  test('the state view follows the memory through grow and trim', () => {
    const prng = new Prng(77);
    const model = modelSeed(77);
    assert.deepEqual(draw(prng, 3), modelSequence(model, 3));

    const pagesBefore = pages();
    assert.equal(grow(3), 0);
    const big = malloc(4 * PAGE_SIZE);
    assert.ok(pages() >= pagesBefore + 3);
    assert.deepEqual(prng.state, model);
    assert.deepEqual(draw(prng, 3), modelSequence(model, 3));

    free(big);
    trim();
    assert.ok(pages() < pagesBefore + 3, `still ${pages()} pages after trim`);
    assert.deepEqual(prng.state, model);
    assert.deepEqual(draw(prng, 3), modelSequence(model, 3));
    prng.state = [1, 2, 3, 4];
    assert.deepEqual(draw(prng, 1), [11520]);
  });

  test('a collected Prng gives its bytes back', async () => {
    const usedBefore = usedBytes();
    let crowd = Array.from({ length: 1000 }, (_, i) => new Prng(i));
    assert.ok(usedBytes() >= usedBefore + 1000 * 16);
    crowd = null;
    await collectUntil(() => usedBytes() <= usedBefore, `used bytes back to ${usedBefore}`);
    // Generators left by earlier tests may go in the same collections.
    assert.ok(usedBytes() <= usedBefore);
  });

  test('rejects seeds and outputs of the wrong kind or value', () => {
    assert.throws(() => new Prng('1'), TypeError);
    assert.throws(() => new Prng(1.5), RangeError);
    assert.throws(() => new Prng(0).fill([1, 2]), TypeError);
    assert.throws(() => {
      new Prng(0).state = [1, 2, 3];
    }, RangeError);
  });
});

// ---- the shared modules, in process -------------------------------------

describe('shared modules', () => {
  const LENGTH = 257;
  const xs = Array.from({ length: LENGTH }, (_, i) => i * 0.5 - 20);
  const ys = Array.from({ length: LENGTH }, (_, i) => (i % 5) + 0.25);
  const expectedSum = xs.reduce((total, x) => total + x, 0);
  const expectedDot = xs.reduce((total, x, i) => total + x * ys[i], 0);

  test('fnv1a gives the published FNV-1a 32-bit hashes', () => {
    assert.equal(hashText(''), 0x811c9dc5);
    assert.equal(hashText('a'), 0xe40c292c);
    assert.equal(hashText('foobar'), 0xbf9cf968);
  });

  test('vec, fnv and ring compute the same answers before growth, after growth and after trim', () => {
    const xsAddr = malloc(LENGTH * 8);
    const ysAddr = malloc(LENGTH * 8);
    const slots = malloc(4 * 4);
    writeF64(xsAddr, xs);
    writeF64(ysAddr, ys);
    //  slots: [ 3 ][ 4 ][ 1 ][ 2 ]   head = 2, count = 4: the ring has wrapped
    ring.reset(slots, 4);
    for (const value of [0, 0, 1, 2]) ring.push(value);
    ring.shift();
    ring.shift();
    ring.push(3);
    ring.push(4);

    const answers = () => ({
      sum: vec.sum(xsAddr, LENGTH),
      dot: vec.dot(xsAddr, ysAddr, LENGTH),
      hash: hashText('shared memory'),
      ring: ringValues(),
    });
    const expected = { sum: expectedSum, dot: expectedDot, hash: 0x99f60aff, ring: [1, 2, 3, 4] };
    assert.deepEqual(answers(), expected);

    const guests = [vec, fnv, ring];
    const pagesBefore = pages();
    assert.equal(grow(2), 0);
    const big = malloc(3 * PAGE_SIZE);
    assert.ok(pages() >= pagesBefore + 2);
    assert.deepEqual(answers(), expected);

    free(big);
    trim();
    assert.ok(pages() < pagesBefore + 2, `still ${pages()} pages after trim`);
    assert.notEqual(vec, guests[0], 'vec was not respawned');
    assert.notEqual(fnv, guests[1], 'fnv was not respawned');
    assert.notEqual(ring, guests[2], 'ring was not respawned');
    assert.deepEqual(answers(), expected);

    // The restored head and count keep FIFO order on the new memory.
    assert.equal(ring.shift(), 1);
    ring.push(5);
    assert.deepEqual(ringValues(), [2, 3, 4, 5]);

    free(xsAddr);
    free(ysAddr);
    free(slots);
  });
});
