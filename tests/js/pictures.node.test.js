// The data-segment and heap-picture examples run as programs, on Node: each
// must exit with 0 and print what its README promises; the picture is
// written where the command line says.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

function runExample(relative, ...args) {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  const run = spawnSync(process.execPath, [path, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The text after `prefix` on the line that starts with it. */
function lineAfter(stdout, prefix) {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(prefix));
  assert.ok(line !== undefined, `no line starting with ${JSON.stringify(prefix)} in:\n${stdout}`);
  return line.slice(prefix.length);
}

describe('examples/data-segment/main.js', () => {
  let run;
  before(() => {
    run = runExample('../../examples/data-segment/main.js');
  });

  test('exits with 0', () => {
    assert.equal(run.status, 0, run.stderr);
  });

  test('reads and reserves the two segments, and places blocks around them', () => {
    assert.equal(lineAfter(run.stdout, 'tally.wat data segments: '), '#0 at 1024, 32 bytes; #1 at 1056, 8 bytes');
    assert.equal(lineAfter(run.stdout, 'reserved: '), '[1024, 1072)');
    assert.equal(lineAfter(run.stdout, 'initial values from the segment: '), 'yes');
    assert.equal(lineAfter(run.stdout, '200 blocks placed around the reserved range: '), 'yes');
  });

  test('keeps the counters, the global and the label through three rounds of growth and trim', () => {
    for (let round = 1; round <= 3; round++) {
      const line = lineAfter(run.stdout, `round ${round}: `);
      assert.match(line, /trim released [1-9]\d*, respawned: yes, counters kept: yes/);
    }
    assert.equal(lineAfter(run.stdout, 'updates survived in the global: '), 'yes');
    assert.equal(lineAfter(run.stdout, 'label intact: '), 'yes');
  });

  test('refuses the overlapping banner module and leaves the heap unchanged', () => {
    assert.match(lineAfter(run.stdout, 'overlap refused: '), /"banner" segment 0 \[1040, 1046\).*share bytes \[1040, 1046\)/);
    assert.equal(lineAfter(run.stdout, 'heap unchanged: '), 'yes');
  });
});

describe('examples/heap-picture/main.js', () => {
  let dir;
  let run;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostheap-picture-'));
    run = runExample('../../examples/heap-picture/main.js', join(dir, 'out.svg'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('exits with 0 and writes the SVG where it was told', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(lineAfter(run.stdout, 'wrote ').split(' ')[0], join(dir, 'out.svg'));
  });

  test('the picture shows every kind of span', () => {
    const svg = readFileSync(join(dir, 'out.svg'), 'utf8');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), svg.slice(0, 80));
    assert.ok(svg.trimEnd().endsWith('</svg>'));
    for (const kind of ['strong', 'token', 'reserved', 'free']) {
      assert.ok(svg.includes(`<rect class="span ${kind}"`), `no ${kind} span`);
    }
    assert.match(lineAfter(run.stdout, 'spans: '), /\d+ reserved/);
  });
});
