// Loads the allocator's own wasm instance: one per program, shared by every
// heap. Top-level await keeps `import { alloc } from 'hostheap'` free of an
// init step for the importer.
//
// Each heap's engine lives in that instance, at the address `create(pages)`
// returns; every other call takes that address first (`malloc(engine,
// atoms)`, `stat(engine, which)`, … see src/wasm), and `destroy(engine)`
// ends it.
import init, { wasmUrl as url } from '#engine';

// `fetch` of file: URLs is not everywhere (Node); every runtime with files has node:fs.
const source = url.protocol === 'file:' ? (await import('node:fs/promises')).readFile(url) : url;
const exports = await init({ module_or_path: await source });

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
