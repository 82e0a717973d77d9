//! The wasm-bindgen layer under Node and in Chromium: numbers in and out,
//! byte addresses at the boundary, and engine errors as numbers. Built with
//! the `check` feature, as the package's development build is. Placement
//! itself is tested natively (src/engine) and through the package (tests/js).
#![cfg(target_arch = "wasm32")]

use hostheap::wasm::{self, stat, Heap, NO_FIT};
use wasm_bindgen_test::wasm_bindgen_test;

const PAGE_ATOMS: u32 = 4096;

#[wasm_bindgen_test]
fn addresses_cross_as_bytes_and_sizes_as_atoms() {
    let heap = Heap::new(1);
    assert_eq!(heap.malloc(1), 0);
    assert_eq!(heap.malloc(4), 16);
    assert_eq!(heap.malloc(1), 80);
    assert_eq!(heap.stat(stat::USED), 6);
    assert_eq!(heap.stat(stat::TOTAL), PAGE_ATOMS);
}

#[wasm_bindgen_test]
fn no_fit_is_a_number_no_address_can_be() {
    let heap = Heap::new(1);
    assert_eq!(NO_FIT % 16, 15);
    assert_eq!(heap.malloc(PAGE_ATOMS + 1), NO_FIT);
    assert_eq!(heap.scratch(PAGE_ATOMS + 1), NO_FIT);
    assert_eq!(heap.alloc_owned(PAGE_ATOMS + 1), -1.0);
    assert_eq!(heap.pages_to_fit_aligned(PAGE_ATOMS + 1, 1), 1);
    assert_eq!(heap.stat(stat::USED), 0, "nothing was allocated");
}

#[wasm_bindgen_test]
fn release_answers_zero_for_anything_but_a_live_block() {
    let heap = Heap::new(1);
    let addr = heap.malloc(2);
    assert_eq!(heap.release(addr + 16), 0, "interior");
    assert_eq!(heap.release(addr + 8), 0, "misaligned");
    assert_eq!(heap.release(u32::MAX - 15), 0, "past the end");
    assert_eq!(heap.release(addr), 2);
    assert_eq!(heap.release(addr), 0, "already freed");
}

#[wasm_bindgen_test]
fn tickets_are_exact_numbers_and_come_back_once() {
    let heap = Heap::new(1);
    heap.malloc(7);
    let ticket = heap.alloc_owned(3);
    assert_eq!(ticket, 7.0, "generation 0: the ticket is the atom index");
    assert_eq!(heap.release(112), 3, "freed early");
    let again = heap.alloc_owned(3);
    assert_eq!(again, 7.0 + 2f64.powi(28), "same start, next generation while the first is pending");
    assert_eq!(heap.reclaim(ticket), 0, "the early-freed ticket frees nothing");
    assert_eq!(heap.reclaim(again), 3);
    assert_eq!(heap.reclaim(again), -1, "unknown ticket");
}

#[wasm_bindgen_test]
fn engine_errors_become_numbers() {
    let heap = Heap::new(1);
    // 3: the memory would pass 65536 pages; 4: a trim would cut live blocks.
    assert_eq!(heap.grow(65_536), 3);
    heap.malloc(PAGE_ATOMS);
    assert_eq!(heap.trim(0), 4);
    assert_eq!(heap.stat(stat::PAGES), 1, "unchanged");
    assert_eq!(heap.grow(1), 0, "done");
    assert_eq!(heap.stat(stat::PAGES), 2);
}

#[wasm_bindgen_test]
fn spans_are_read_one_at_a_time_with_kind_codes() {
    let heap = Heap::new(1);
    let a = heap.malloc(1);
    heap.malloc(1);
    heap.release(a);
    // Kinds: 1 free, 2 strong, 3 a token's, 4 reserved.
    let spans: Vec<_> = [0, 16, 32].iter().map(|&addr| (heap.span_atoms(addr), heap.kind_of(addr))).collect();
    assert_eq!(spans, vec![(1, 1), (1, 2), (PAGE_ATOMS - 2, 1)]);
    assert_eq!((heap.span_atoms(48), heap.kind_of(48)), (0, 0), "inside the tail: no span starts there");
    assert_eq!(heap.span_atoms(8), 0, "not a multiple of 16");
    assert_eq!(heap.span_atoms(PAGE_ATOMS * 16), 0, "at the capacity");
    assert_eq!(
        (heap.stat(stat::HEAD), heap.stat(stat::TAIL), heap.stat(stat::LARGEST)),
        (1, PAGE_ATOMS - 2, PAGE_ATOMS - 2)
    );
    assert_eq!(heap.stat(stat::TRIM_TARGET), 1);
    assert_eq!(heap.stat(stat::TRIM_TARGET + 1), 0, "no such figure");
}

#[wasm_bindgen_test]
fn realloc_reports_the_pages_it_wants() {
    let heap = Heap::new(1);
    let a = heap.malloc(PAGE_ATOMS - 8);
    assert_eq!(heap.realloc(a, PAGE_ATOMS + 8), NO_FIT);
    assert_eq!(heap.wanted(), 1, "the block reaches the tail: one page lets it grow in place");
    assert_eq!(heap.realloc(8, 4), NO_FIT, "not a block");
    assert_eq!(heap.realloc(3, 4), NO_FIT, "not a multiple of 16");
    assert_eq!(heap.size_of(a), PAGE_ATOMS - 8);
}

#[wasm_bindgen_test]
fn reserve_overlap_and_check_speak_in_bytes() {
    let heap = Heap::new(1);
    let a = heap.malloc(2);
    assert_eq!(heap.overlap(1, 4), a, "the block at byte 0");
    assert_eq!(heap.overlap(4, 4), NO_FIT);
    assert_eq!(heap.reserve(1, 4), 6, "overlaps a span in use");
    assert_eq!(heap.reserve(4, 4), 0);
    assert_eq!((heap.kind_of(64), heap.stat(stat::RESERVED)), (4, 4));
    assert_eq!(heap.check(), None);
    assert_eq!(heap.unreserve(64), 4);
    assert_eq!(heap.unreserve(64), 0);
}

#[wasm_bindgen_test]
fn each_call_takes_the_heap_by_address() {
    let heap = wasm::create(1);
    // SAFETY: `heap` comes from `create` and is destroyed last.
    unsafe {
        assert_eq!(wasm::malloc(heap, 2), 0);
        assert_eq!(wasm::malloc_aligned(heap, 1, 4), 64);
        assert_eq!(wasm::stat(heap, stat::USED), 3);
        assert_eq!(wasm::release(heap, 0), 2);
        assert_eq!((wasm::span_atoms(heap, 0), wasm::kind_of(heap, 0)), (4, 1));
        assert_eq!((wasm::span_atoms(heap, 64), wasm::kind_of(heap, 64)), (1, 2));
        wasm::destroy(heap);
    }
}
