//! The engine's public API on the host: whole scenarios, each ending in
//! `check()`. The random model comparison lives in src/engine/model.rs.

use hostheap::engine::{Engine, EngineError, Span, Stats, ATOMS_PER_PAGE, MAX_PAGES};

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
        Stats { total: ATOMS_PER_PAGE, used: 100, head: 0, tail: ATOMS_PER_PAGE - 100, largest: ATOMS_PER_PAGE - 100 }
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
