// Loads the allocator's own wasm instance: one per program, shared by every
// heap. Top-level await keeps `import { alloc } from 'hostheap'` free of an
// init step for the importer.
//
// Each heap's engine lives in that instance, at the address `create(pages)`
// returns; every other call takes that address first (`malloc(engine,
// atoms)`, `stat(engine, which)`, … see src/wasm), and `destroy(engine)`
// ends it.
import { initSync, wasmUrl as url } from '#engine';

/** The wasm's bytes: read from disk where the URL is a file (`fetch` of file: URLs is not everywhere), else fetched. */
async function wasmBytes() {
  if (url.protocol === 'file:') return (await import('node:fs/promises')).readFile(url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`hostheap: fetching its wasm from ${url} gave HTTP ${response.status}`);
  return response.arrayBuffer();
}

// Compiled off the main thread; instantiating the compiled module is quick.
const exports = initSync({ module: await WebAssembly.compile(await wasmBytes()) });

export * from '#engine';

/** Returned by the engine instead of an address when no free span fits. */
export const NO_FIT = 0xffffffff;

/**
 * The allocator's own memory, where its bookkeeping lives (never the managed memory).
 * @returns {WebAssembly.Memory}
 */
export function instanceMemory() {
  return exports.memory;
}
