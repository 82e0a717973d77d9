// The development build of the allocator's wasm and glue: as engine.js,
// plus the engine's walk of its own invariants, `check` (Cargo feature
// `check`). Chosen by the `development` import condition.
export * from './pkg-check/hostheap_bg.js';

/** Where the wasm lies, beside this module once bundled too. */
export const wasmUrl = new URL('./pkg-check/hostheap_bg.wasm', import.meta.url);
