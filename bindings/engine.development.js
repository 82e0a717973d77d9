// The development build of the allocator's wasm and glue: as engine.js,
// plus the engine's walk of its own invariants, `check` (Cargo feature
// `check`). Chosen by the `development` import condition.
export * from './pkg-check/hostheap.js';
export { default } from './pkg-check/hostheap.js';

/** Where the wasm lies, beside this module once bundled too. */
export const wasmUrl = new URL('./pkg-check/hostheap_bg.wasm', import.meta.url);
