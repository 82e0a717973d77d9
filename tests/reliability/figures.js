// The reliability figures as one table: the fuzz run's line (from
// scripts/fuzz, passed as a file), then the GC stress, trim under load,
// fault injection and bad-input sweep, run here with the same code as
// their tests, at full size. Exits with 1 when anything failed.
//
// Run: node --expose-gc tests/reliability/figures.js [FUZZ_OUTPUT_FILE]
// (scripts/figures runs the fuzz first and passes its output).

import { readFileSync } from 'node:fs';

import { sweepBadInput } from './badinput.js';
import { FAULTS, injectFaults } from './faults.js';
import { stressTokens } from './stress.js';
import { trimUnderLoad } from './trimload.js';

const number = (n) => n.toLocaleString('en-US');

/** The fuzz figures from scripts/fuzz's output: the `fuzz:` line and any failure text. */
function fuzzFigures(file) {
  if (file === undefined) return { what: 'engine operations fuzzed against the model (not run)', count: 0, failures: [] };
  const text = readFileSync(file, 'utf8');
  const line = text.match(/^fuzz: (\d+) operations in (\d+) cases, seeds (\S+), (\d+) failing$/m);
  if (line === null) return { what: 'engine operations fuzzed against the model', count: 0, failures: ['the fuzz run printed no summary (did it build?)'] };
  const failing = Number(line[4]);
  const failures = failing === 0 ? [] : text.split('\n').filter((l) => /^seed \d+ \(case/.test(l)).slice(0, failing);
  if (failures.length < failing) failures.push(...Array(failing - failures.length).fill('a failing fuzz case'));
  return {
    what: `engine operations fuzzed against the model, every step checked (seeds ${line[3]})`,
    count: Number(line[1]),
    failures,
  };
}

const rows = [fuzzFigures(process.argv[2])];

const stress = await stressTokens({ allocations: 1_000_000, shortOwners: 100_000, longOwners: 1_000 });
rows.push({
  what: `GC-tied allocations, 100,000 short-lived and 1,000 long-lived owners, ${number(stress.collections)} collections`,
  count: stress.allocations,
  failures: stress.failures,
});

const trims = trimUnderLoad({ cycles: 5_000 });
rows.push({
  what: `grow/trim cycles with three guests bound and live data (${number(trims.pagesReleased)} pages released)`,
  count: trims.cycles,
  failures: trims.failures,
});

const faults = injectFaults({ repeats: 100 });
rows.push({ what: `faults injected (${FAULTS.length} kinds, each on 100 heaps)`, count: faults.faults, failures: faults.failures });

const bad = sweepBadInput();
rows.push({
  what: 'bad inputs tried (wrong kinds, NaN, ±Infinity, negative, fractional, huge, boundary)',
  count: bad.tried,
  failures: bad.failures.map((failure) => `${failure.check}: ${failure.text}`),
});

const failed = rows.reduce((sum, row) => sum + row.failures.length, 0);
console.log('| check | count | failures |');
console.log('| --- | ---: | ---: |');
for (const row of rows) console.log(`| ${row.what} | ${number(row.count)} | ${number(row.failures.length)} |`);
console.log(`| **failures found** | | **${number(failed)}** |`);
for (const row of rows) {
  if (row.failures.length === 0) continue;
  console.log(`\n${row.what}: ${number(row.failures.length)} failures, the first:`);
  for (const failure of row.failures.slice(0, 5)) console.log(`  ${failure}`);
}
process.exitCode = failed === 0 ? 0 : 1;
