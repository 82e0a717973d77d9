// Loads the allocator's own wasm instance: one per program, shared by every
// heap. Top-level await keeps `import { alloc } from 'hostheap'` free of an
// init step for the importer.
import init, { Heap as Engine, allocOwned, malloc, release, wasmUrl as url } from '#engine';

// `fetch` of file: URLs is not everywhere (Node); every runtime with files has node:fs.
const source = url.protocol === 'file:' ? (await import('node:fs/promises')).readFile(url) : url;
const exports = await init({ module_or_path: await source });

/** Returned by the engine instead of an address when no free span fits. */
export const NO_FIT = 0xffffffff;

/**
 * The allocator's own memory, where its bookkeeping lives (never the managed memory).
 * @returns {WebAssembly.Memory}
 */
export function instanceMemory() {
  return exports.memory;
}

// `malloc`, `release` and `allocOwned` take the engine's address
// (`engineAddress()`) rather than the Engine: the hot calls then skip
// wasm-bindgen's per-call wrapper. The address holds while the Engine
// lives; a heap keeps both, together, and never frees its Engine.
export { Engine, allocOwned as allocOwnedAt, malloc as mallocAt, release as releaseAt };
