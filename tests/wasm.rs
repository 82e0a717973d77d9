//! The wasm-bindgen layer under Node: numbers in and out, byte addresses at
//! the boundary, and engine errors raised as `RangeError`s. Placement
//! itself is tested natively (src/engine) and through the package (tests/js).
#![cfg(target_arch = "wasm32")]

use hostheap::wasm::{stat, Heap, NO_FIT};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const PAGE_ATOMS: u32 = 4096;

/// The two hot calls as `bindings/heap.js` makes them: through the
/// engine's address, beside the `Heap`'s methods.
trait HotCalls {
    fn malloc(&self, atoms: u32) -> u32;
    fn release(&self, addr: u32) -> u32;
}

impl HotCalls for Heap {
    fn malloc(&self, atoms: u32) -> u32 {
        // SAFETY: the address is this heap's, and the heap outlives the call.
        unsafe { hostheap::wasm::malloc(self.engine_address(), atoms) }
    }
    fn release(&self, addr: u32) -> u32 {
        // SAFETY: as in `malloc`.
        unsafe { hostheap::wasm::release(self.engine_address(), addr) }
    }
}

#[wasm_bindgen_test]
fn addresses_cross_as_bytes_and_sizes_as_atoms() {
    let heap = Heap::new(1).unwrap();
    assert_eq!(heap.malloc(1), 0);
    assert_eq!(heap.malloc(4), 16);
    assert_eq!(heap.malloc(1), 80);
    assert_eq!(heap.stat(stat::USED), 6);
    assert_eq!(heap.stat(stat::TOTAL), PAGE_ATOMS);
}

#[wasm_bindgen_test]
fn no_fit_is_a_number_no_address_can_be() {
    let heap = Heap::new(1).unwrap();
    assert_eq!(NO_FIT % 16, 15);
    assert_eq!(heap.malloc(PAGE_ATOMS + 1), NO_FIT);
    assert_eq!(heap.scratch(PAGE_ATOMS + 1), NO_FIT);
    assert_eq!(heap.alloc_owned(PAGE_ATOMS + 1), -1.0);
    assert_eq!(heap.pages_to_fit_aligned(PAGE_ATOMS + 1, 1), 1);
    assert_eq!(heap.stat(stat::USED), 0, "nothing was allocated");
}

#[wasm_bindgen_test]
fn release_answers_zero_for_anything_but_a_live_block() {
    let heap = Heap::new(1).unwrap();
    let addr = heap.malloc(2);
    assert_eq!(heap.release(addr + 16), 0, "interior");
    assert_eq!(heap.release(addr + 8), 0, "misaligned");
    assert_eq!(heap.release(u32::MAX - 15), 0, "past the end");
    assert_eq!(heap.release(addr), 2);
    assert_eq!(heap.release(addr), 0, "already freed");
}

#[wasm_bindgen_test]
fn tickets_are_exact_numbers_and_come_back_once() {
    let heap = Heap::new(1).unwrap();
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
fn engine_errors_become_range_errors() {
    let heap = Heap::new(1).unwrap();
    let error = heap.grow(65_536).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    let message = String::from(error.unchecked_into::<js_sys::Error>().message());
    assert!(message.contains("65536 pages"), "{message}");
    heap.malloc(PAGE_ATOMS);
    assert!(heap.trim(0).unwrap_err().is_instance_of::<js_sys::RangeError>());
    assert!(Heap::new(70_000).is_err());
    assert_eq!(heap.stat(stat::PAGES), 1, "unchanged");
}

#[wasm_bindgen_test]
fn javascript_that_an_error_runs_may_call_back_in() {
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;

    // A RangeError constructor that allocates on the same heap first. The
    // failed grow has let go of the engine by the time the error is built,
    // so the nested malloc works, and the grow still fails as it should.
    let heap = Rc::new(Heap::new(1).unwrap());
    let nested = Rc::clone(&heap);
    let allocate = Closure::<dyn Fn()>::new(move || assert_eq!(nested.malloc(1), 0));
    let global = js_sys::global();
    let key = JsValue::from_str("RangeError");
    let original = js_sys::Reflect::get(&global, &key).unwrap();
    let replacement = js_sys::Function::new_with_args(
        "allocate, Original",
        "return function (message) { allocate(); return new Original(message); };",
    )
    .call2(&JsValue::UNDEFINED, allocate.as_ref(), &original)
    .unwrap();
    js_sys::Reflect::set(&global, &key, &replacement).unwrap();
    let result = heap.grow(65_536);
    js_sys::Reflect::set(&global, &key, &original).unwrap();

    let error = result.unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>(), "built by the replacement, from the original");
    assert_eq!(heap.stat(stat::USED), 1, "the nested malloc allocated");
    assert_eq!(heap.stat(stat::PAGES), 1, "the grow changed nothing");
    assert!(heap.check().is_none());
}

#[wasm_bindgen_test]
fn spans_are_flat_triples_with_kind_codes() {
    let heap = Heap::new(1).unwrap();
    let a = heap.malloc(1);
    heap.malloc(1);
    heap.release(a);
    // Kinds: 1 free, 2 strong, 3 a token's, 4 reserved.
    assert_eq!(heap.spans(), vec![0, 1, 1, 1, 1, 2, 2, PAGE_ATOMS - 2, 1]);
    assert_eq!(
        (heap.stat(stat::HEAD), heap.stat(stat::TAIL), heap.stat(stat::LARGEST)),
        (1, PAGE_ATOMS - 2, PAGE_ATOMS - 2)
    );
    assert_eq!(heap.stat(stat::TRIM_TARGET), 1);
    assert_eq!(heap.stat(stat::TRIM_TARGET + 1), 0, "no such figure");
}

#[wasm_bindgen_test]
fn realloc_reports_the_pages_it_wants() {
    let heap = Heap::new(1).unwrap();
    let a = heap.malloc(PAGE_ATOMS - 8);
    assert_eq!(heap.realloc(a, PAGE_ATOMS + 8), NO_FIT);
    assert_eq!(heap.wanted(), 1, "the block reaches the tail: one page lets it grow in place");
    assert_eq!(heap.realloc(8, 4), NO_FIT, "not a block");
    assert_eq!(heap.realloc(3, 4), NO_FIT, "not a multiple of 16");
    assert_eq!(heap.size_of(a), PAGE_ATOMS - 8);
}

#[wasm_bindgen_test]
fn reserve_overlap_and_check_speak_in_bytes() {
    let heap = Heap::new(1).unwrap();
    let a = heap.malloc(2);
    assert_eq!(heap.overlap(1, 4), a, "the block at byte 0");
    assert_eq!(heap.overlap(4, 4), NO_FIT);
    let error = heap.reserve(1, 4).unwrap_err();
    assert!(error.is_instance_of::<js_sys::RangeError>());
    heap.reserve(4, 4).unwrap();
    assert_eq!((heap.kind_of(64), heap.stat(stat::RESERVED)), (4, 4));
    assert_eq!(heap.check(), None);
    assert_eq!(heap.unreserve(64), 4);
    assert_eq!(heap.unreserve(64), 0);
}
