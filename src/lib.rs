//! hostheap: a best-fit allocator for a `WebAssembly.Memory` shared by
//! many small modules, with its bookkeeping outside that memory.
//!
//! [`engine`] is the allocator in pure Rust, testable on any host. The
//! `wasm` module (wasm32 only) exposes it to JavaScript through
//! wasm-bindgen; the npm package in `bindings/` builds the public API on
//! top, and is the API to use.
#![deny(missing_docs)]
// `scripts/build` turns off the `std` feature: the release wasm then
// leaves out std and its panic machinery, and a panic there traps. (What
// core's panics still format, scripts/build snips.) Everything else,
// tests included, builds with std.
#![cfg_attr(all(not(feature = "std"), target_arch = "wasm32"), no_std)]

extern crate alloc;

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

// The engine's own bookkeeping lives in this instance's memory. lol_alloc
// manages it in less code than the default allocator: a list of free
// chunks in address order, enough for the engine's few growing vectors.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: OutOfLine<lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator>> =
    // SAFETY: without the `atomics` target feature the wasm has one thread.
    OutOfLine(unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) });

/// A global allocator whose calls stay calls. Inlined, lol_alloc's free
/// list walk was copied into every place a vector grows, shrinks or is
/// dropped (the engine's drop alone took 2.4 KB); the engine's vectors
/// change size rarely, so the call costs nothing that shows.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
struct OutOfLine<A>(A);

// SAFETY: each method hands its arguments to the wrapped allocator as they
// came, so its contract is the wrapped one's.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<A: core::alloc::GlobalAlloc> core::alloc::GlobalAlloc for OutOfLine<A> {
    #[inline(never)]
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller keeps `GlobalAlloc::alloc`'s contract.
        unsafe { self.0.alloc(layout) }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        // SAFETY: the caller keeps `GlobalAlloc::dealloc`'s contract.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: core::alloc::Layout, size: usize) -> *mut u8 {
        // SAFETY: the caller keeps `GlobalAlloc::realloc`'s contract.
        unsafe { self.0.realloc(ptr, layout, size) }
    }
}
