//! A naive model of the engine, obviously right and slow: a sorted `Vec`
//! of spans searched linearly. Property tests run random operations
//! through both and compare every result and the whole layout each step.

use super::*;
use proptest::prelude::*;
use rangemap::RangeSet;

#[derive(Clone, Debug, Default)]
struct Model {
    /// Every span, in address order, covering `[0, capacity)`.
    spans: Vec<Span>,
    capacity: u32,
}

impl Model {
    fn new(pages: u32) -> Model {
        let mut model = Model::default();
        model.grow(pages);
        model
    }

    fn tail_atoms(&self) -> u32 {
        self.spans.last().filter(|span| span.free).map_or(0, |span| span.atoms)
    }

    /// Smallest free span that holds `atoms`, lowest address among equals.
    fn best_fit(&self, atoms: u32) -> Option<usize> {
        (0..self.spans.len())
            .filter(|&i| self.spans[i].free && self.spans[i].atoms >= atoms)
            .min_by_key(|&i| (self.spans[i].atoms, self.spans[i].start))
    }

    fn no_fit(&self, atoms: u32) -> EngineError {
        EngineError::NoFit { atoms, pages: atoms_to_pages(atoms - self.tail_atoms()) }
    }

    fn alloc(&mut self, atoms: u32) -> Result<u32, EngineError> {
        let i = self.best_fit(atoms).ok_or_else(|| self.no_fit(atoms))?;
        let span = self.spans[i];
        self.spans[i] = Span { start: span.start, atoms, free: false };
        if span.atoms > atoms {
            let rest = Span { start: span.start + atoms, atoms: span.atoms - atoms, free: true };
            self.spans.insert(i + 1, rest);
        }
        Ok(span.start)
    }

    fn scratch(&self, atoms: u32) -> Result<u32, EngineError> {
        if self.tail_atoms() >= atoms {
            return Ok(self.spans.last().unwrap().start);
        }
        self.best_fit(atoms).map(|i| self.spans[i].start).ok_or_else(|| self.no_fit(atoms))
    }

    fn free(&mut self, start: u32) -> Result<u32, EngineError> {
        let i = self
            .spans
            .iter()
            .position(|span| span.start == start && !span.free)
            .ok_or(EngineError::NotLive { start })?;
        let atoms = self.spans[i].atoms;
        self.spans[i].free = true;
        self.coalesce();
        Ok(atoms)
    }

    fn coalesce(&mut self) {
        let mut merged: Vec<Span> = Vec::new();
        for span in self.spans.drain(..) {
            match merged.last_mut() {
                Some(last) if last.free && span.free => last.atoms += span.atoms,
                _ => merged.push(span),
            }
        }
        self.spans = merged;
    }

    fn grow(&mut self, pages: u32) {
        let atoms = pages_to_atoms(pages);
        if atoms > 0 {
            self.spans.push(Span { start: self.capacity, atoms, free: true });
            self.capacity += atoms;
            self.coalesce();
        }
    }

    fn trim(&mut self) {
        let live_end = self.spans.iter().filter(|s| !s.free).map(|s| s.start + s.atoms).max();
        let capacity = pages_to_atoms(atoms_to_pages(live_end.unwrap_or(0)).max(1));
        self.spans.retain(|span| span.start < capacity);
        let last = self.spans.last_mut().unwrap();
        last.atoms = capacity - last.start;
        self.capacity = capacity;
    }

    fn stats(&self) -> Stats {
        let free_head = self.spans.first().filter(|s| s.free).map_or(0, |s| s.atoms);
        Stats {
            total: self.capacity,
            used: self.spans.iter().filter(|s| !s.free).map(|s| s.atoms).sum(),
            head: free_head,
            tail: self.tail_atoms(),
            largest: self.spans.iter().filter(|s| s.free).map(|s| s.atoms).max().unwrap_or(0),
            reserved: 0,
        }
    }
}

/// A token registration as JS holds it: the ticket, and the live block it
/// still owns (`None` once freed early).
struct Registration {
    ticket: Ticket,
    block: Option<u32>,
}

#[derive(Clone, Debug)]
enum Op {
    Alloc(u32),
    AllocOwned(u32),
    Free(usize),
    FreeUnknown(u32),
    Reclaim(usize),
    Scratch(u32),
    Grow(u32),
    Trim,
}

fn size() -> impl Strategy<Value = u32> {
    prop_oneof![8 => 1u32..=8, 6 => 1u32..=160, 1 => 100u32..=9000]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => size().prop_map(Op::Alloc),
        3 => size().prop_map(Op::AllocOwned),
        7 => any::<usize>().prop_map(Op::Free),
        1 => any::<u32>().prop_map(Op::FreeUnknown),
        2 => any::<usize>().prop_map(Op::Reclaim),
        1 => size().prop_map(Op::Scratch),
        1 => (0u32..3).prop_map(Op::Grow),
        1 => Just(Op::Trim),
    ]
}

/// Runs `ops` through the engine and the model, comparing after each step.
fn run(pages: u32, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut engine = Engine::new(pages).unwrap();
    let mut model = Model::new(pages);
    let mut live: Vec<u32> = Vec::new();
    let mut registrations: Vec<Registration> = Vec::new();
    for op in ops {
        match *op {
            Op::Alloc(atoms) | Op::AllocOwned(atoms) => {
                let owned = matches!(op, Op::AllocOwned(_));
                let expected = match model.alloc(atoms) {
                    Err(EngineError::NoFit { pages, .. }) => {
                        let before = engine.clone();
                        let refused =
                            if owned { engine.alloc_owned(atoms).map(Ticket::start) } else { engine.alloc(atoms) };
                        prop_assert_eq!(refused, Err(model.no_fit(atoms)));
                        prop_assert_eq!(engine.spans().collect::<Vec<_>>(), before.spans().collect::<Vec<_>>());
                        engine.grow(pages).unwrap();
                        model.grow(pages);
                        model.alloc(atoms).unwrap()
                    }
                    found => found.unwrap(),
                };
                let start = if owned {
                    let ticket = engine.alloc_owned(atoms).unwrap();
                    prop_assert!(registrations.iter().all(|r| r.ticket != ticket), "ticket reused while pending");
                    registrations.push(Registration { ticket, block: Some(ticket.start()) });
                    ticket.start()
                } else {
                    engine.alloc(atoms).unwrap()
                };
                prop_assert_eq!(start, expected);
                live.push(start);
            }
            Op::Free(i) if !live.is_empty() => {
                let start = live.swap_remove(i % live.len());
                prop_assert_eq!(engine.free(start), model.free(start));
                if let Some(r) = registrations.iter_mut().find(|r| r.block == Some(start)) {
                    r.block = None;
                }
            }
            Op::Free(_) => {}
            Op::FreeUnknown(atom) => {
                let start = atom % (engine.capacity() + 8);
                if !live.contains(&start) {
                    prop_assert_eq!(engine.free(start), Err(EngineError::NotLive { start }));
                }
            }
            Op::Reclaim(i) if !registrations.is_empty() => {
                let r = registrations.swap_remove(i % registrations.len());
                let freed = engine.reclaim(r.ticket);
                match r.block {
                    Some(start) => {
                        live.retain(|&s| s != start);
                        prop_assert_eq!(freed, model.free(start));
                    }
                    None => prop_assert_eq!(freed, Ok(0), "an orphan frees nothing"),
                }
            }
            Op::Reclaim(_) => {}
            Op::Scratch(atoms) => match model.scratch(atoms) {
                Ok(start) => prop_assert_eq!(engine.scratch(atoms), Ok(start)),
                Err(e) => prop_assert_eq!(engine.scratch(atoms), Err(e)),
            },
            Op::Grow(pages) => {
                engine.grow(pages).unwrap();
                model.grow(pages);
            }
            Op::Trim => {
                engine.trim(engine.trim_target()).unwrap();
                model.trim();
            }
        }
        if let Err(broken) = engine.check() {
            return Err(TestCaseError::fail(format!("after {op:?}: {broken}")));
        }
        prop_assert_eq!(engine.spans().collect::<Vec<_>>(), model.spans.clone(), "after {:?}", op);
        prop_assert_eq!(engine.stats(), model.stats(), "after {:?}", op);
        // An independent view of coalescing: a range set merges touching
        // ranges, so it has as many ranges as there are free spans only if
        // no two free spans touch.
        let free: RangeSet<u32> = engine.spans().filter(|s| s.free).map(|s| s.start..s.start + s.atoms).collect();
        prop_assert_eq!(free.iter().count(), engine.spans().filter(|s| s.free).count());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_the_model(pages in 1u32..3, ops in prop::collection::vec(op(), 1..400)) {
        run(pages, &ops)?;
    }
}

#[test]
fn churn_keeps_the_model_in_step() {
    // A longer fixed-seed run with many small blocks, so bins fill with stale entries.
    let mut state = 0x9e37_79b9_u32;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let ops: Vec<Op> = (0..20_000)
        .map(|_| match next() % 10 {
            0..=3 => Op::Alloc(1 + next() % 32),
            4 => Op::AllocOwned(1 + next() % 32),
            5..=8 => Op::Free(next() as usize),
            _ => Op::Reclaim(next() as usize),
        })
        .collect();
    run(1, &ops).unwrap();
}

#[test]
fn an_engine_of_no_pages_grows_into_use_and_back() {
    let mut engine = Engine::new(0).unwrap();
    engine.check().unwrap();
    assert_eq!(engine.alloc(3), Err(EngineError::NoFit { atoms: 3, pages: 1 }));
    engine.grow(1).unwrap();
    let ops = [Op::Alloc(3), Op::Alloc(70), Op::Free(0), Op::Grow(40), Op::Alloc(9000), Op::Free(1), Op::Trim];
    for op in &ops {
        match *op {
            Op::Alloc(atoms) => {
                let pages = engine.pages_to_fit(atoms);
                engine.grow(pages).unwrap();
                engine.alloc(atoms).unwrap();
            }
            Op::Free(_) => {
                let live = engine.spans().find(|span| !span.free).unwrap();
                engine.free(live.start).unwrap();
            }
            Op::Grow(pages) => engine.grow(pages).unwrap(),
            Op::Trim => engine.trim(engine.trim_target()).unwrap(),
            _ => unreachable!(),
        }
        engine.check().unwrap();
    }
    assert_eq!(engine.stats().used, 9000);
}
