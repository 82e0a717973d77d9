//! The engine's public API on the host: whole scenarios, each ending in
//! `check()`. The random comparison with a model lives in tests/fuzz/.

use hostheap::engine::{Engine, EngineError, Kind, Span, Stats, ATOMS_PER_PAGE, MAX_PAGES};

fn spans(engine: &Engine) -> Vec<Span> {
    engine.spans().collect()
}

#[test]
fn freeing_everything_in_any_order_leaves_one_free_span() {
    let mut engine = Engine::new(2).unwrap();
    let mut starts: Vec<u32> = (0..500).map(|i| engine.alloc(1 + i % 13).unwrap()).collect();
    // A fixed shuffle: every 7th, then the rest.
    starts.sort_by_key(|&start| (start % 7, start));
    for start in starts {
        engine.free(start).unwrap();
        engine.check().unwrap();
    }
    assert_eq!(spans(&engine), vec![Span { start: 0, atoms: engine.capacity(), free: true }]);
    assert_eq!(engine.stats().used, 0);
}

#[test]
fn span_reads_the_span_at_a_start_and_nothing_elsewhere() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(3).unwrap();
    let b = engine.alloc(2).unwrap();
    engine.free(a).unwrap();
    // Walking from 0 by `span` gives what `spans` gives.
    let mut walked = Vec::new();
    let mut start = 0;
    while let Some(span) = engine.span(start) {
        walked.push(span);
        start += span.atoms;
    }
    assert_eq!(start, engine.capacity());
    assert_eq!(walked, spans(&engine));
    assert_eq!(engine.span(b), Some(Span { start: b, atoms: 2, free: false }));
    assert_eq!(engine.span(a + 1), None, "inside a free span");
    assert_eq!(engine.span(b + 1), None, "inside a block");
    assert_eq!(engine.span(engine.capacity()), None, "at the capacity");
    assert_eq!(engine.span(u32::MAX), None);
}

#[test]
fn growth_extends_the_free_tail_and_trim_gives_it_back() {
    let mut engine = Engine::new(1).unwrap();
    let first = engine.alloc(100).unwrap();
    assert_eq!(
        engine.alloc(2 * ATOMS_PER_PAGE),
        Err(EngineError::NoFit { atoms: 2 * ATOMS_PER_PAGE, pages: 2 }),
        "the free tail holds all but 100 atoms of it: 2 more pages"
    );
    engine.grow(2).unwrap();
    let second = engine.alloc(2 * ATOMS_PER_PAGE).unwrap();
    assert_eq!(second, 100);
    engine.grow(4).unwrap();
    assert_eq!(engine.trim_target(), 3, "the second block ends 100 atoms into page 3");
    engine.free(second).unwrap();
    assert_eq!(engine.trim_target(), 1);
    engine.trim(1).unwrap();
    engine.check().unwrap();
    assert_eq!(
        engine.stats(),
        Stats {
            total: ATOMS_PER_PAGE,
            used: 100,
            head: 0,
            tail: ATOMS_PER_PAGE - 100,
            largest: ATOMS_PER_PAGE - 100,
            reserved: 0
        }
    );
    engine.free(first).unwrap();
}

#[test]
fn errors_leave_the_engine_unchanged() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(10).unwrap();
    engine.alloc(10).unwrap();
    let before = spans(&engine);
    assert_eq!(engine.free(a + 1), Err(EngineError::NotLive { start: a + 1 }));
    assert_eq!(engine.free(ATOMS_PER_PAGE + 5), Err(EngineError::NotLive { start: ATOMS_PER_PAGE + 5 }));
    assert_eq!(engine.grow(MAX_PAGES), Err(EngineError::TooLarge { pages: 1, more: MAX_PAGES }));
    assert_eq!(engine.trim(0), Err(EngineError::CutsLive { pages: 0, needed: 1 }));
    assert_eq!(engine.trim(2), Err(EngineError::CutsLive { pages: 2, needed: 1 }), "above the capacity");
    assert!(engine.alloc(ATOMS_PER_PAGE).is_err());
    assert_eq!(spans(&engine), before);
    engine.check().unwrap();
}

#[test]
fn a_ticket_frees_its_block_once_even_after_the_start_is_reused() {
    let mut engine = Engine::new(1).unwrap();
    let first = engine.alloc_owned(4).unwrap();
    engine.free(first.start()).unwrap();
    let second = engine.alloc_owned(4).unwrap();
    assert_eq!(second.start(), first.start());
    assert_ne!(second, first);
    assert_eq!(engine.reclaim(first), Ok(0), "the early-freed block's ticket frees nothing");
    assert_eq!(engine.stats().used, 4);
    assert_eq!(engine.reclaim(second), Ok(4));
    assert_eq!(engine.reclaim(second), Err(EngineError::NotLive { start: second.start() }));
    engine.check().unwrap();
}

#[test]
fn the_whole_address_space_is_usable() {
    let mut engine = Engine::new(MAX_PAGES).unwrap();
    let last = engine.alloc(engine.capacity() - 1).unwrap();
    let end = engine.alloc(1).unwrap();
    assert_eq!((last, end), (0, engine.capacity() - 1));
    assert_eq!(u64::from(end) * 16, (1 << 32) - 16);
    engine.free(last).unwrap();
    assert_eq!(engine.stats().largest, engine.capacity() - 1);
}

/// The spans as `(start, atoms, kind)`, for layouts with reserved spans.
fn kinds(engine: &Engine) -> Vec<(u32, u32, Kind)> {
    engine.spans().map(|span| (span.start, span.atoms, engine.kind(span.start).unwrap())).collect()
}

#[test]
fn reserved_spans_are_never_handed_out_and_count_apart() {
    let mut engine = Engine::new(1).unwrap();
    //  [ free:8 ][ reserved:4 ][ free … ]
    engine.reserve(8, 4).unwrap();
    assert_eq!(engine.alloc(8).unwrap(), 0);
    assert_eq!(engine.alloc(1).unwrap(), 12, "past the reserved span");
    let stats = engine.stats();
    assert_eq!((stats.used, stats.reserved, stats.free()), (9, 4, ATOMS_PER_PAGE - 13));
    assert_eq!(engine.free(8), Err(EngineError::NotLive { start: 8 }), "free() leaves reserved spans alone");
    assert_eq!(engine.size_of(8), Err(EngineError::NotLive { start: 8 }));
    assert_eq!(engine.realloc(8, 2), Err(EngineError::NotLive { start: 8 }));
    assert_eq!(engine.tie(8), Err(EngineError::NotLive { start: 8 }));
    assert_eq!(engine.kind(8), Some(Kind::Reserved));
    engine.check().unwrap();
    engine.free(0).unwrap();
    assert_eq!(engine.unreserve(8), Ok(4));
    assert_eq!(engine.unreserve(8), Err(EngineError::NotReserved { start: 8 }));
    assert_eq!(kinds(&engine), vec![(0, 12, Kind::Free), (12, 1, Kind::Strong), (13, ATOMS_PER_PAGE - 13, Kind::Free)]);
    engine.check().unwrap();
}

#[test]
fn reserving_over_a_span_in_use_names_it_and_changes_nothing() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(4).unwrap();
    engine.reserve(10, 2).unwrap();
    let before = kinds(&engine);
    assert_eq!(engine.reserve(2, 4), Err(EngineError::Overlaps { start: 2, atoms: 4, span: a }));
    assert_eq!(engine.reserve(6, 8), Err(EngineError::Overlaps { start: 6, atoms: 8, span: 10 }));
    assert_eq!(engine.reserve(11, 1), Err(EngineError::Overlaps { start: 11, atoms: 1, span: 10 }));
    assert_eq!(engine.reserve(5, 0), Err(EngineError::OutOfRange { start: 5, atoms: 0 }));
    assert_eq!(
        engine.reserve(ATOMS_PER_PAGE - 1, 2),
        Err(EngineError::OutOfRange { start: ATOMS_PER_PAGE - 1, atoms: 2 })
    );
    assert_eq!(kinds(&engine), before);
    engine.check().unwrap();
    // The tail itself can be reserved, up to its last atom.
    engine.reserve(ATOMS_PER_PAGE - 1, 1).unwrap();
    assert_eq!(engine.stats().tail, 0);
    assert_eq!(engine.trim_target(), 1);
    engine.check().unwrap();
}

#[test]
fn realloc_shrinks_and_grows_in_place_when_it_can() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(8).unwrap();
    let b = engine.alloc(8).unwrap();
    //  [ a:8 ][ b:8 ][ free … ]
    assert_eq!(engine.realloc(a, 3), Ok(a));
    //  [ a:3 ][ free:5 ][ b:8 ][ free … ]
    assert_eq!(engine.realloc(a, 8), Ok(a), "takes back the gap after it");
    assert_eq!(engine.realloc(b, 100), Ok(b), "grows into the free tail");
    assert_eq!(engine.stats().used, 108);
    engine.free(b).unwrap();
    assert_eq!(engine.realloc(a, 1), Ok(a));
    assert_eq!(kinds(&engine), vec![(0, 1, Kind::Strong), (1, ATOMS_PER_PAGE - 1, Kind::Free)]);
    engine.check().unwrap();
}

#[test]
fn realloc_moves_to_the_best_fit_or_into_the_merged_neighbourhood() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(4).unwrap();
    let b = engine.alloc(4).unwrap();
    let c = engine.alloc(6).unwrap();
    let d = engine.alloc(ATOMS_PER_PAGE - 14).unwrap();
    engine.free(c).unwrap();
    //  [ a:4 ][ b:4 ][ free:6 ][ d … to the end ]
    assert_eq!(engine.realloc(a, 5), Ok(c), "the gap of 6 is the best fit");
    //  [ free:4 ][ b:4 ][ a:5 ][ free:1 ][ d ]
    assert_eq!(engine.realloc(b, 9), Err(EngineError::NoFit { atoms: 9, pages: 1 }), "4 + 4 atoms around b");
    assert_eq!(engine.realloc(b, 8), Ok(0), "nothing else fits: the block and the free span before it, merged");
    assert_eq!(engine.realloc(0, 10), Err(EngineError::NoFit { atoms: 10, pages: 1 }));
    engine.free(d).unwrap();
    assert_eq!(engine.realloc(0, 10), Ok(13), "the tail now");
    engine.check().unwrap();
    assert_eq!(engine.stats().used, 15);
}

#[test]
fn realloc_at_the_end_asks_only_for_the_pages_it_lacks() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(ATOMS_PER_PAGE - 10).unwrap();
    let pages = match engine.realloc(a, ATOMS_PER_PAGE + 1) {
        Err(EngineError::NoFit { pages, .. }) => pages,
        other => panic!("expected NoFit, got {other:?}"),
    };
    assert_eq!(pages, 1, "the block reaches the tail: one more page lets it grow in place");
    engine.grow(pages).unwrap();
    assert_eq!(engine.realloc(a, ATOMS_PER_PAGE + 1), Ok(a));
    engine.check().unwrap();
}

#[test]
fn a_moved_token_block_keeps_its_ticket() {
    let mut engine = Engine::new(1).unwrap();
    let ticket = engine.alloc_owned(2).unwrap();
    engine.alloc(1).unwrap();
    let moved = engine.realloc(ticket.start(), 4).unwrap();
    assert_ne!(moved, ticket.start());
    assert!(engine.is_owned(moved));
    engine.check().unwrap();
    // A new token block at the old start gets a ticket of its own.
    let other = engine.alloc_owned(2).unwrap();
    assert_eq!(other.start(), ticket.start());
    assert_ne!(other, ticket);
    assert_eq!(engine.ticket_block(ticket), Some(moved));
    assert_eq!(engine.reclaim(ticket), Ok(4), "the first ticket frees the moved block");
    assert_eq!(engine.ticket_block(ticket), None);
    assert_eq!(engine.kind(moved), Some(Kind::Free));
    assert_eq!(engine.reclaim(other), Ok(2));
    engine.check().unwrap();
}

#[test]
fn a_moved_token_block_freed_early_is_reclaimed_as_nothing() {
    let mut engine = Engine::new(1).unwrap();
    let ticket = engine.alloc_owned(2).unwrap();
    engine.alloc(1).unwrap();
    let moved = engine.realloc(ticket.start(), 4).unwrap();
    engine.free(moved).unwrap();
    let reuse = engine.alloc_owned(4).unwrap();
    assert_eq!(reuse.start(), moved);
    assert_eq!(engine.reclaim(ticket), Ok(0));
    assert!(engine.is_owned(moved), "the block now at that start keeps its token");
    engine.check().unwrap();
}

#[test]
fn tie_and_untie_change_who_frees_a_block() {
    let mut engine = Engine::new(1).unwrap();
    let a = engine.alloc(3).unwrap();
    assert_eq!(engine.untie(a), Err(EngineError::NotLive { start: a }), "a strong block has no token");
    let ticket = engine.tie(a).unwrap();
    assert_eq!(engine.tie(a), Err(EngineError::NotLive { start: a }), "tied already");
    assert_eq!(engine.kind(a), Some(Kind::Owned));
    engine.untie(a).unwrap();
    assert_eq!(engine.kind(a), Some(Kind::Strong));
    assert_eq!(engine.reclaim(ticket), Ok(0), "the token no longer frees it");
    assert_eq!(engine.kind(a), Some(Kind::Strong));
    let again = engine.tie(a).unwrap();
    assert_eq!(engine.reclaim(again), Ok(3));
    engine.check().unwrap();
}

#[test]
fn aligned_blocks_start_on_their_boundary_and_leave_the_rest_free() {
    let mut engine = Engine::new(2).unwrap();
    engine.alloc(1).unwrap();
    let page = engine.alloc_aligned(1, ATOMS_PER_PAGE).unwrap();
    assert_eq!(page, ATOMS_PER_PAGE);
    assert_eq!(engine.alloc(ATOMS_PER_PAGE - 1).unwrap(), 1, "the skipped atoms are free");
    assert_eq!(engine.alloc_aligned(3, 64), Ok(ATOMS_PER_PAGE + 64), "64 is past the page's first block");
    assert_eq!(engine.scratch_aligned(1, 128), Ok(ATOMS_PER_PAGE + 128));
    let big = engine.alloc_aligned(2 * ATOMS_PER_PAGE, 256);
    assert_eq!(big, Err(EngineError::NoFit { atoms: 2 * ATOMS_PER_PAGE, pages: 2 }));
    engine.grow(2).unwrap();
    assert_eq!(engine.alloc_aligned(2 * ATOMS_PER_PAGE, 256), Ok(ATOMS_PER_PAGE + 256), "in the grown tail");
    let ticket = engine.alloc_owned_aligned(1, 16).unwrap();
    assert_eq!(ticket.start() % 16, 0);
    engine.check().unwrap();
}
