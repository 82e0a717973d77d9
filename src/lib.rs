//! hostheap: a best-fit allocator for a `WebAssembly.Memory` shared by
//! many small modules, with its bookkeeping outside that memory.
//!
//! [`engine`] is the allocator in pure Rust, testable on any host. The
//! `wasm` module (wasm32 only) exposes it to JavaScript through
//! wasm-bindgen; the npm package in `bindings/` builds the public API on
//! top, and is the API to use.
#![deny(missing_docs)]

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The engine's own bookkeeping lives in this instance's memory; talc
// manages it in less code than the default allocator.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
