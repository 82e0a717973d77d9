// The examples run as programs, on Node: each must exit with 0 and print
// what its README promises. The PRNG's printed numbers are checked against
// the plain JS model in prng-model.js.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';

import { modelSeed, modelSequence } from './prng-model.js';

function runExample(relative) {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  const run = spawnSync(process.execPath, ['--expose-gc', path], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The text after `prefix` on the line that starts with it. */
function lineAfter(stdout, prefix) {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(prefix));
  assert.ok(line !== undefined, `no line starting with ${JSON.stringify(prefix)} in:\n${stdout}`);
  return line.slice(prefix.length);
}

function numberIn(text, pattern) {
  const match = pattern.exec(text);
  assert.ok(match, `${pattern} not found in:\n${text}`);
  return Number(match[1]);
}

// ---- the examples as programs -------------------------------------------

describe('examples/prng/main.js', () => {
  let run;
  before(() => {
    run = runExample('../../examples/prng/main.js');
  });

  test('exits with 0', () => {
    assert.equal(run.status, 0, run.stderr);
  });

  test('prints equal sequences for equal seeds, and they are the model sequence for seed 42', () => {
    const a = lineAfter(run.stdout, 'seed 42, generator a: ');
    const b = lineAfter(run.stdout, 'seed 42, generator b: ');
    assert.equal(a, b);
    assert.deepEqual(a.split(' ').map(Number), modelSequence(modelSeed(42), 5));
    assert.notEqual(lineAfter(run.stdout, 'seed 7,  generator c: '), a);
  });

  test('reclaims the bytes of collected generators', () => {
    assert.ok(numberIn(run.stdout, /reclaimed (\d+) bytes/) > 0, run.stdout);
  });

  test('creates enough generators to grow the memory, and trim releases pages', () => {
    const grownTo = numberIn(run.stdout, /memory \d+ -> (\d+) pages$/m);
    assert.ok(grownTo > 2, run.stdout);
    assert.ok(numberIn(run.stdout, /released (\d+) pages/) > 0, run.stdout);
  });

  test('a surviving generator says after trim what it would have said before', () => {
    assert.equal(lineAfter(run.stdout, 'a after trim: '), lineAfter(run.stdout, 'a before trim would say: '));
    assert.equal(lineAfter(run.stdout, 'same numbers after trim: '), 'yes');
  });
});

describe('examples/shared-modules/main.js', () => {
  let run;
  before(() => {
    run = runExample('../../examples/shared-modules/main.js');
  });

  test('exits with 0', () => {
    assert.equal(run.status, 0, run.stderr);
  });

  test('answers match plain JS, and are the same after growth and after trim', () => {
    assert.equal(lineAfter(run.stdout, 'matches plain JS: '), 'yes');
    const before = lineAfter(run.stdout, 'before growth: ');
    assert.equal(lineAfter(run.stdout, 'after growth: '), before);
    assert.equal(lineAfter(run.stdout, 'after trim: '), before);
  });

  test('trim releases pages and respawns all three guests', () => {
    assert.ok(numberIn(run.stdout, /released (\d+) pages/) > 0, run.stdout);
    assert.equal(lineAfter(run.stdout, 'guests respawned on the new memory: '), '3 of 3');
  });

  test('the ring keeps its FIFO order on the new memory', () => {
    assert.equal(lineAfter(run.stdout, 'ring continues after trim: '), 'yes');
  });
});
