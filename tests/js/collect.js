// Real garbage collection for tests: node --expose-gc gives `gc()`, and
// finalizers run in a later macrotask, so each round collects and yields.

if (typeof globalThis.gc !== 'function') {
  throw new Error('these tests collect garbage for real: run node with --expose-gc');
}

/**
 * Collects until `done()` holds, or fails after `rounds` rounds.
 * @param {() => boolean} done
 * @param {string} what what is awaited, for the failure message
 */
export async function collectUntil(done, what, rounds = 100) {
  for (let round = 0; round < rounds; round++) {
    if (done()) return;
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!done()) throw new Error(`after ${rounds} collections, still waiting for: ${what}`);
}

/** Collects a few rounds with no condition, letting every pending finalizer run. */
export async function collectRounds(rounds = 5) {
  for (let round = 0; round < rounds; round++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
