// Real garbage collection for tests, in every runtime the suite runs on.
// Each runtime has its own way to force a full collection, and finalizers
// run in a later macrotask, so each round collects and then yields one.
//
//   Node      node --expose-gc                    globalThis.gc()
//   Deno      deno test --v8-flags=--expose-gc    globalThis.gc()
//   Chromium  --js-flags=--expose-gc              globalThis.gc()
//   Bun       (always there)                      Bun.gc(true)

/** Forces a full, synchronous collection. */
const collect = (() => {
  if (typeof globalThis.Bun?.gc === 'function') return () => globalThis.Bun.gc(true);
  if (typeof globalThis.gc === 'function') return () => globalThis.gc();
  throw new Error(
    'these tests collect garbage for real, and this runtime offers no way to: run node with --expose-gc, ' +
      'deno with --v8-flags=--expose-gc, or Chromium with --js-flags=--expose-gc',
  );
})();

/** Resolves in a later macrotask, after pending finalization callbacks had their turn. */
const nextTask =
  typeof globalThis.setImmediate === 'function'
    ? () => new Promise((resolve) => globalThis.setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Collects until `done()` holds, or fails after `rounds` rounds.
 * @param {() => boolean} done
 * @param {string} what what is awaited, for the failure message
 * @param {number} [rounds]
 * @returns {Promise<void>}
 * @throws {Error} when `done()` still fails after the last round
 */
export async function collectUntil(done, what, rounds = 100) {
  for (let round = 0; round < rounds; round++) {
    if (done()) return;
    collect();
    await nextTask();
  }
  if (!done()) throw new Error(`after ${rounds} collections, still waiting for: ${what}`);
}

/**
 * Collects a few rounds with no condition, letting every pending finalizer run.
 * @param {number} [rounds]
 * @returns {Promise<void>}
 */
export async function collectRounds(rounds = 5) {
  for (let round = 0; round < rounds; round++) {
    collect();
    await nextTask();
  }
}
