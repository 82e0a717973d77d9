// Loads the allocator's own wasm instance: one per program, shared by every
// heap. Top-level await keeps `import { alloc } from 'hostheap'` free of an
// init step for the importer.
//
// Each heap's engine lives in that instance, at the address `create(pages)`
// returns; every other call takes that address first (`malloc(engine,
// atoms)`, `stat(engine, which)`, … see src/wasm), and `destroy(engine)`
// ends it.
import { __wbg_set_wasm, __wbindgen_init_externref_table, wasmUrl as url } from '#engine';

/** The wasm's bytes: read from disk where the URL is a file (`fetch` of file: URLs is not everywhere), else fetched. */
async function wasmBytes() {
  if (url.protocol === 'file:') return (await import('node:fs/promises')).readFile(url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`hostheap: fetching its wasm from ${url} gave HTTP ${response.status}`);
  return response.arrayBuffer();
}

// wasm-bindgen's bundler target: the wasm imports the glue's functions
// from the glue's file name (one, as the wasm calls no JavaScript but to
// set up its table at start), and the glue calls the instance's exports
// once it is handed them. A glue that wants more imports fails here, at
// once, with a LinkError.
const instance = await WebAssembly.instantiate(await WebAssembly.compile(await wasmBytes()), {
  './hostheap_bg.js': { __wbindgen_init_externref_table },
});
const { exports } = instance;
__wbg_set_wasm(exports);
exports.__wbindgen_start();

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
