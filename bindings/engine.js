// The allocator's wasm and its wasm-bindgen glue, as released: without the
// engine's self-check. `#engine` (package.json `imports`) names this file,
// or engine.development.js under the `development` condition.
export * from './pkg/hostheap_bg.js';

/** The walk of the engine's invariants is in the development build only. */
export const check = undefined;

/** Where the wasm lies, beside this module once bundled too. */
export const wasmUrl = new URL('./pkg/hostheap_bg.wasm', import.meta.url);
