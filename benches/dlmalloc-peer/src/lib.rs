//! Bench peer for hostheap: the allocator a guest module would otherwise
//! link into itself. On `wasm32-unknown-unknown` the default Rust global
//! allocator is dlmalloc, which grows this module's own exported `memory`.
//!
//! Every block is 16-byte aligned, as hostheap's are. Above dlmalloc's
//! natural 8-byte alignment this goes through its `memalign` path; that is
//! the price a guest pays for v128-safe blocks, so the peer pays it too.
//!
//! `free` and `realloc` take the block's size from the caller. Rust's
//! `dealloc` needs the `Layout` anyway, and a caller that knows its sizes
//! (as a Rust guest always does) spares the peer a size header of its own:
//! this is the default Rust allocator at its fastest.

use std::alloc::{self, Layout};
use std::ptr::null_mut;

/// Alignment of every block, in bytes (hostheap's atom).
const ALIGN: usize = 16;

/// The layout of a `size`-byte block; zero-sized requests take one byte,
/// since `std::alloc` forbids zero-sized layouts.
fn layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.max(1), ALIGN).ok()
}

/// Allocates `size` bytes, 16-byte aligned; returns 0 when out of memory.
#[no_mangle]
pub extern "C" fn malloc(size: usize) -> *mut u8 {
    match layout(size) {
        // SAFETY: the layout is valid and non-zero-sized.
        Some(layout) => unsafe { alloc::alloc(layout) },
        None => null_mut(),
    }
}

/// Frees a block returned by `malloc` or `realloc`.
///
/// # Safety
///
/// `ptr` must be a live block of this module and `size` the size it was
/// last allocated with.
#[no_mangle]
pub unsafe extern "C" fn free(ptr: *mut u8, size: usize) {
    if let Some(layout) = layout(size) {
        alloc::dealloc(ptr, layout);
    }
}

/// Resizes a block to `new_size` bytes, moving it if needed; returns the
/// block's address, or 0 when out of memory (the old block stays live).
///
/// # Safety
///
/// `ptr` must be a live block of this module and `old_size` the size it was
/// last allocated with.
#[no_mangle]
pub unsafe extern "C" fn realloc(ptr: *mut u8, old_size: usize, new_size: usize) -> *mut u8 {
    match (layout(old_size), layout(new_size)) {
        (Some(old), Some(new)) => alloc::realloc(ptr, old, new.size()),
        _ => null_mut(),
    }
}
