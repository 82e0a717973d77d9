//! Differential testing: random operations run through the engine and the
//! reference model in `model.rs`, and after every step both must agree on
//! the result, every span and its kind, the block each pending ticket would
//! free, the stats and the trim target; and the engine's layout must hold
//! every invariant on its own (spans tile the memory without overlap, no
//! two free spans touch, the stats add up, `check()` passes).
//!
//! One distribution of operations ([`Op::from_words`]) feeds two runs:
//! - proptest, a few hundred short sequences with shrinking;
//! - a seeded run of `HOSTHEAP_FUZZ_OPS` operations (10,000 by default)
//!   in cases of up to 10,000 operations from `HOSTHEAP_FUZZ_SEED`, on
//!   every core; a failing case is shrunk (cut after the failing step,
//!   then operations removed while it still fails) and printed.
//!
//! `scripts/fuzz [OPS]` runs the seeded run in release mode (10,000,000
//! operations by default). A nightly `cargo fuzz` target would need a
//! nightly toolchain; this generator needs none.
#![cfg(not(target_arch = "wasm32"))]

mod model;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use hostheap::engine::{Engine, EngineError, Kind, Span, Ticket, MAX_PAGES};
use model::Model;
use proptest::prelude::*;
use rangemap::RangeSet;

/// One step. Indices pick among the blocks the harness knows, modulo their count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Alloc(u32),
    AllocOwned(u32),
    /// `alloc_aligned(atoms, align)`.
    AllocAligned(u32, u32),
    AllocOwnedAligned(u32, u32),
    Scratch(u32),
    ScratchAligned(u32, u32),
    Free(u32),
    /// Free at an atom that may start nothing, or a free span: must fail unless live.
    FreeAt(u32),
    /// A collected token's ticket comes back.
    Reclaim(u32),
    /// `realloc(block, atoms)`.
    Realloc(u32, u32),
    /// Reserve a range: mostly inside a free span, sometimes anywhere.
    Reserve(u32, u32),
    Unreserve(u32),
    /// Unreserve at an atom that starts no reserved span: must fail.
    UnreserveAt(u32),
    /// Tie a block to a token, or untie it.
    Tie(u32),
    Untie(u32),
    /// `kind`, `size_of` and `is_block` at an atom.
    Inspect(u32),
    Grow(u32),
    /// Growth past the 4 GiB address space: must fail and change nothing.
    GrowTooFar(u32),
    /// `trim(trim_target())`.
    Trim,
    /// `trim(pages)` for pages around the target, valid or not.
    TrimTo(u32),
    /// `pages_to_fit(atoms)` and `pages_to_fit_aligned(atoms, align)`, the plans for growth.
    PlanFit(u32, u32),
}

/// Makes an operation from two random words.
type MakeOp = fn(u32, u32) -> Op;

/// How often each operation comes, out of the sum.
const WEIGHTS: [(u32, MakeOp); 22] = [
    (10, |a, _| Op::Alloc(size(a))),
    (5, |a, _| Op::AllocOwned(size(a))),
    (2, |a, b| Op::AllocAligned(size(a), align(b))),
    (1, |a, b| Op::AllocOwnedAligned(size(a), align(b))),
    (2, |a, _| Op::Scratch(size(a))),
    (1, |a, b| Op::ScratchAligned(size(a), align(b))),
    (16, |a, _| Op::Free(a)),
    (1, |a, _| Op::FreeAt(a)),
    (5, |a, _| Op::Reclaim(a)),
    (4, |a, b| Op::Realloc(a, size(b))),
    (1, Op::Reserve),
    (1, |a, _| Op::Unreserve(a)),
    (1, |a, _| Op::UnreserveAt(a)),
    (1, |a, _| Op::Tie(a)),
    (1, |a, _| Op::Untie(a)),
    (1, |a, _| Op::Inspect(a)),
    (1, |a, _| Op::Grow(a % 3)),
    (1, |a, _| Op::GrowTooFar(a % 4)),
    (1, |_, _| Op::Trim),
    (1, |a, _| Op::TrimTo(a % 6)),
    (1, |a, b| Op::PlanFit(size(a), align(b))),
    // Several blocks freed in a row now and then, so the memory also empties.
    (2, |a, _| Op::Free(a)),
];

/// Mostly small blocks, so bins fill and empty; some of many pages.
fn size(word: u32) -> u32 {
    let rest = word >> 4;
    match word % 16 {
        0..=7 => 1 + rest % 8,
        8..=13 => 1 + rest % 160,
        _ => 100 + rest % 9000,
    }
}

/// A power of two from 1 to a page of atoms, mostly small.
fn align(word: u32) -> u32 {
    1 << if word % 16 < 10 { (word >> 4) % 4 } else { (word >> 4) % 13 }
}

impl Op {
    /// The operation three random words stand for. All zeros is `Alloc(1)`,
    /// and smaller words give simpler operations, so shrinking words
    /// toward zero simplifies a failing case.
    fn from_words([pick, a, b]: [u32; 3]) -> Op {
        let total: u32 = WEIGHTS.iter().map(|&(weight, _)| weight).sum();
        let mut pick = pick % total;
        for (weight, make) in WEIGHTS {
            if pick < weight {
                return make(a, b);
            }
            pick -= weight;
        }
        unreachable!()
    }
}

/// A token registration as JavaScript holds it: the ticket, and the live
/// block it still owns (`None` once freed early or untied).
struct Registration {
    ticket: Ticket,
    block: Option<u32>,
}

/// The engine and the model side by side, with the blocks handed out.
struct Harness {
    engine: Engine,
    model: Model,
    live: Vec<u32>,
    registrations: Vec<Registration>,
    reserved: Vec<u32>,
}

/// Fails with a message when the two sides differ.
macro_rules! same {
    ($engine:expr, $model:expr, $($what:tt)+) => {{
        let (engine, model) = ($engine, $model);
        if engine != model {
            return Err(format!("{}: engine {:?}, model {:?}", format_args!($($what)+), engine, model));
        }
    }};
}

impl Harness {
    fn new(pages: u32) -> Harness {
        Harness {
            engine: Engine::new(pages).unwrap(),
            model: Model::new(pages),
            live: Vec::new(),
            registrations: Vec::new(),
            reserved: Vec::new(),
        }
    }

    fn spans(&self) -> Vec<Span> {
        self.engine.spans().collect()
    }

    /// Runs `op` on both sides, then compares everything.
    fn step(&mut self, op: Op) -> Result<(), String> {
        self.apply(op)?;
        self.compare()
    }

    /// Runs `engine` and `model` for an allocation; when the model finds no
    /// fit, the engine must refuse alike and change nothing, and after the
    /// growth the refusal names, both must succeed.
    fn allocate(
        &mut self,
        what: &str,
        engine: impl Fn(&mut Engine) -> Result<u32, EngineError>,
        model: impl Fn(&mut Model) -> Result<u32, EngineError>,
    ) -> Result<u32, String> {
        let expected = match model(&mut self.model) {
            Err(EngineError::NoFit { atoms, pages }) => {
                let before = self.spans();
                same!(engine(&mut self.engine), Err(EngineError::NoFit { atoms, pages }), "{what} with no fit");
                same!(self.spans(), before, "spans after a refused {what}");
                self.engine.grow(pages).map_err(|e| format!("grow({pages}): {e}"))?;
                self.model.grow(pages);
                model(&mut self.model).map_err(|e| format!("model {what} after growth: {e}"))?
            }
            found => found.map_err(|e| format!("model {what}: {e}"))?,
        };
        let start = engine(&mut self.engine).map_err(|e| format!("{what}: {e}"))?;
        same!(start, expected, "{what}");
        Ok(start)
    }

    /// Records a new token registration; its ticket must not be pending already.
    fn register(&mut self, ticket: Ticket, start: u32) -> Result<(), String> {
        if self.registrations.iter().any(|r| r.ticket == ticket) {
            return Err(format!("ticket {ticket:?} issued again while pending"));
        }
        self.registrations.push(Registration { ticket, block: Some(start) });
        Ok(())
    }

    fn pick(list: &[u32], i: u32) -> Option<u32> {
        (!list.is_empty()).then(|| list[i as usize % list.len()])
    }

    fn apply(&mut self, op: Op) -> Result<(), String> {
        match op {
            Op::Alloc(atoms) => {
                let start =
                    self.allocate(&format!("alloc({atoms})"), |e| e.alloc(atoms), |m| m.alloc(atoms, Kind::Strong))?;
                self.live.push(start);
            }
            Op::AllocAligned(atoms, align) => {
                let what = format!("alloc_aligned({atoms}, {align})");
                let start = self.allocate(
                    &what,
                    |e| e.alloc_aligned(atoms, align),
                    |m| m.alloc_aligned(atoms, align, Kind::Strong),
                )?;
                if start % align != 0 {
                    return Err(format!("{what} gave {start}, not a multiple of {align}"));
                }
                self.live.push(start);
            }
            Op::AllocOwned(atoms) | Op::AllocOwnedAligned(atoms, _) => {
                let align = if let Op::AllocOwnedAligned(_, align) = op { align } else { 1 };
                let what = format!("alloc_owned_aligned({atoms}, {align})");
                let ticket = std::cell::Cell::new(None);
                let start = self.allocate(
                    &what,
                    |e| {
                        let issued =
                            if align == 1 { e.alloc_owned(atoms) } else { e.alloc_owned_aligned(atoms, align) };
                        ticket.set(issued.ok());
                        issued.map(Ticket::start)
                    },
                    |m| m.alloc_aligned(atoms, align, Kind::Owned),
                )?;
                self.register(ticket.get().unwrap(), start)?;
                self.live.push(start);
            }
            Op::Scratch(atoms) => same!(self.engine.scratch(atoms), self.model.scratch(atoms), "scratch({atoms})"),
            Op::ScratchAligned(atoms, align) => same!(
                self.engine.scratch_aligned(atoms, align),
                self.model.scratch_aligned(atoms, align),
                "scratch_aligned({atoms}, {align})"
            ),
            Op::Free(i) => {
                let Some(start) = Self::pick(&self.live, i) else { return Ok(()) };
                self.live.retain(|&s| s != start);
                same!(self.engine.free(start), self.model.free(start), "free({start})");
                if let Some(r) = self.registrations.iter_mut().find(|r| r.block == Some(start)) {
                    r.block = None;
                }
            }
            Op::FreeAt(atom) => {
                let start = atom % (self.engine.capacity() + 8);
                if !self.live.contains(&start) {
                    let before = self.spans();
                    same!(
                        self.engine.free(start),
                        Err(EngineError::NotLive { start }),
                        "free({start}) of no live block"
                    );
                    same!(self.spans(), before, "spans after free({start}) of no live block");
                }
            }
            Op::Reclaim(i) => {
                if self.registrations.is_empty() {
                    return Ok(());
                }
                let r = self.registrations.swap_remove(i as usize % self.registrations.len());
                let freed = self.engine.reclaim(r.ticket);
                match r.block {
                    Some(start) => {
                        self.live.retain(|&s| s != start);
                        same!(freed, self.model.free(start), "reclaim({:?}) of a live block", r.ticket);
                    }
                    None => same!(freed, Ok(0), "reclaim({:?}) of an orphan frees nothing", r.ticket),
                }
                // A ticket comes back once; a second time it is unknown.
                same!(self.engine.reclaim(r.ticket).is_err(), true, "a second reclaim({:?})", r.ticket);
            }
            Op::Realloc(i, atoms) => {
                let Some(start) = Self::pick(&self.live, i) else { return Ok(()) };
                let what = format!("realloc({start}, {atoms})");
                let new = self.allocate(&what, |e| e.realloc(start, atoms), |m| m.realloc(start, atoms))?;
                for s in self.live.iter_mut().filter(|s| **s == start) {
                    *s = new;
                }
                if let Some(r) = self.registrations.iter_mut().find(|r| r.block == Some(start)) {
                    r.block = Some(new);
                }
            }
            Op::Reserve(a, b) => {
                let free: Vec<_> = self.model.spans.iter().filter(|s| s.kind == Kind::Free).copied().collect();
                let (start, atoms) = if a % 4 == 0 || free.is_empty() {
                    (b % (self.model.capacity + 16), 1 + (a >> 2) % 64)
                } else {
                    // Now and then up to the end of the span, which for the tail is the capacity.
                    let span = free[b as usize % free.len()];
                    let start = span.start + (a >> 2) % span.atoms;
                    let room = span.start + span.atoms - start;
                    (start, if a % 8 == 1 { room } else { 1 + (b >> 8) % room.min(256) })
                };
                let result = self.engine.reserve(start, atoms);
                same!(result, self.model.reserve(start, atoms), "reserve({start}, {atoms})");
                if result.is_ok() {
                    self.reserved.push(start);
                }
            }
            Op::Unreserve(i) => {
                let Some(start) = Self::pick(&self.reserved, i) else { return Ok(()) };
                self.reserved.retain(|&s| s != start);
                same!(self.engine.unreserve(start), self.model.unreserve(start), "unreserve({start})");
            }
            Op::UnreserveAt(atom) => {
                let start = atom % (self.engine.capacity() + 8);
                if !self.reserved.contains(&start) {
                    same!(self.engine.unreserve(start), Err(EngineError::NotReserved { start }), "unreserve({start})");
                }
            }
            Op::Tie(i) => {
                let Some(start) = Self::pick(&self.live, i) else { return Ok(()) };
                let tied = self.engine.tie(start);
                same!(tied.map(|_| ()), self.model.set_kind(start, Kind::Strong, Kind::Owned), "tie({start})");
                if let Ok(ticket) = tied {
                    self.register(ticket, start)?;
                }
            }
            Op::Untie(i) => {
                let Some(start) = Self::pick(&self.live, i) else { return Ok(()) };
                same!(
                    self.engine.untie(start),
                    self.model.set_kind(start, Kind::Owned, Kind::Strong),
                    "untie({start})"
                );
                if let Some(r) = self.registrations.iter_mut().find(|r| r.block == Some(start)) {
                    r.block = None;
                }
            }
            Op::Inspect(atom) => {
                let at = atom % (self.engine.capacity() + 8);
                same!(self.engine.kind(at), self.model.kind(at), "kind({at})");
                same!(self.engine.size_of(at), self.model.size_of(at), "size_of({at})");
                same!(self.engine.is_block(at), self.model.size_of(at).is_ok(), "is_block({at})");
            }
            Op::Grow(pages) => {
                self.engine.grow(pages).map_err(|e| format!("grow({pages}): {e}"))?;
                self.model.grow(pages);
            }
            Op::GrowTooFar(extra) => {
                let current = self.engine.pages();
                let more = MAX_PAGES - current + 1 + extra;
                same!(self.engine.grow(more), Err(EngineError::TooLarge { pages: current, more }), "grow({more})");
            }
            Op::Trim => {
                let target = self.engine.trim_target();
                same!(self.engine.trim(target), self.model.trim(target), "trim({target})");
            }
            Op::TrimTo(offset) => {
                // Around the target: below it, at it, and up to the capacity and past it.
                let pages = (self.model.trim_target() + offset).saturating_sub(1);
                same!(self.engine.trim(pages), self.model.trim(pages), "trim({pages})");
            }
            Op::PlanFit(atoms, align) => {
                same!(self.engine.pages_to_fit(atoms), self.model.pages_to_fit(atoms), "pages_to_fit({atoms})");
                same!(
                    self.engine.pages_to_fit_aligned(atoms, align),
                    self.model.pages_to_fit_aligned(atoms, align),
                    "pages_to_fit_aligned({atoms}, {align})"
                );
            }
        }
        Ok(())
    }

    /// The engine agrees with the model, and its layout holds on its own.
    fn compare(&self) -> Result<(), String> {
        self.engine.check().map_err(|violation| format!("check(): {violation}"))?;
        let spans = self.spans();
        let expected: Vec<Span> = self.model.spans.iter().map(|piece| piece.to_span()).collect();
        if spans != expected {
            let at = spans.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(spans.len().min(expected.len()));
            return Err(format!(
                "spans differ from index {at}: engine {:?}, model {:?}",
                spans.get(at..(at + 3).min(spans.len())),
                expected.get(at..(at + 3).min(expected.len()))
            ));
        }
        for piece in &self.model.spans {
            same!(self.engine.kind(piece.start), Some(piece.kind), "kind({})", piece.start);
        }
        for r in &self.registrations {
            same!(self.engine.ticket_block(r.ticket), r.block, "ticket_block({:?})", r.ticket);
        }
        let stats = self.engine.stats();
        same!(stats, self.model.stats(), "stats");
        same!(self.engine.trim_target(), self.model.trim_target(), "trim_target()");
        // Independent of the model: spans tile [0, capacity) in order, no
        // two free spans touch, and the stats are sums over the spans.
        let mut end = 0;
        let mut previous_free = false;
        let mut in_use = 0;
        for span in &spans {
            if span.start != end || span.atoms == 0 {
                return Err(format!("span {span:?} does not start where the last ended ({end})"));
            }
            if span.free && previous_free {
                return Err(format!("free span {span:?} touches the free span before it"));
            }
            in_use += if span.free { 0 } else { span.atoms };
            previous_free = span.free;
            end += span.atoms;
        }
        same!(end, stats.total, "the spans' end and the capacity");
        // rangemap merges touching ranges: as many free ranges as free spans
        // means no two free spans were left uncoalesced.
        let free: RangeSet<u32> = spans.iter().filter(|s| s.free).map(|s| s.start..s.start + s.atoms).collect();
        same!(
            free.iter().count(),
            spans.iter().filter(|s| s.free).count(),
            "free spans, and free ranges merged by rangemap"
        );
        same!(in_use, stats.used + stats.reserved, "atoms in use and stats.used + stats.reserved");
        same!(stats.used + stats.reserved + stats.free(), stats.total, "used + reserved + free");
        let largest = spans.iter().filter(|s| s.free).map(|s| s.atoms).max().unwrap_or(0);
        same!(largest, stats.largest, "the largest free span");
        let run = if in_use == 0 { 0 } else { stats.total - stats.head - stats.tail };
        same!(stats.run(), run, "run");
        Ok(())
    }
}

/// Runs `ops` from a fresh engine of `pages` pages; on failure, the step and why.
fn run(pages: u32, ops: &[Op]) -> Result<(), (usize, String)> {
    let mut harness = Harness::new(pages);
    harness.compare().map_err(|why| (0, why))?;
    for (i, &op) in ops.iter().enumerate() {
        harness.step(op).map_err(|why| (i, format!("after {op:?}: {why}")))?;
    }
    Ok(())
}

/// A smaller sequence that still fails: cut after the failing step, then
/// remove runs of operations, halving the run length, while it still
/// fails. `fails` runs a sequence and gives the step that failed, if any.
fn shrink(ops: &[Op], failed_at: usize, fails: impl Fn(&[Op]) -> Option<usize>) -> Vec<Op> {
    let mut ops = ops[..=failed_at].to_vec();
    let mut chunk = ops.len().div_ceil(2);
    while chunk >= 1 {
        let mut at = 0;
        let mut removed_any = false;
        while at < ops.len() {
            let mut candidate = ops.clone();
            candidate.drain(at..(at + chunk).min(ops.len()));
            match fails(&candidate) {
                Some(step) => {
                    candidate.truncate(step + 1);
                    ops = candidate;
                    removed_any = true;
                }
                None => at += chunk,
            }
        }
        if !removed_any {
            chunk /= 2;
        }
    }
    ops
}

/// SplitMix64: a seeded source of words, the same on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn word(&mut self) -> u32 {
        (self.next() >> 32) as u32
    }
}

/// Operations in one seeded case.
const CASE_OPS: u64 = 10_000;

/// One seeded case: its starting pages and operations.
fn seeded_case(seed: u64, len: usize) -> (u32, Vec<Op>) {
    let mut rng = SplitMix(seed);
    let pages = 1 + rng.word() % 3;
    let ops = (0..len).map(|_| Op::from_words([rng.word(), rng.word(), rng.word()])).collect();
    (pages, ops)
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text.replace(['_', ','], "").parse().unwrap_or_else(|_| panic!("{name}={text} is not a number")),
        Err(_) => default,
    }
}

#[test]
fn engine_matches_the_model_over_seeded_runs() {
    let total = env_number("HOSTHEAP_FUZZ_OPS", 10_000);
    let base = env_number("HOSTHEAP_FUZZ_SEED", 0x5eed);
    let cases = total.div_ceil(CASE_OPS);
    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let case = next.fetch_add(1, Ordering::Relaxed);
                if case >= cases || !failures.lock().unwrap().is_empty() {
                    break;
                }
                let len = CASE_OPS.min(total - case * CASE_OPS) as usize;
                let seed = base.wrapping_add(case);
                let (pages, ops) = seeded_case(seed, len);
                let outcome = run(pages, &ops);
                done.fetch_add(
                    outcome.as_ref().map_or_else(|(step, _)| *step as u64 + 1, |()| len as u64),
                    Ordering::Relaxed,
                );
                if let Err((step, why)) = outcome {
                    let small = shrink(&ops, step, |ops| run(pages, ops).err().map(|(step, _)| step));
                    failures.lock().unwrap().push(format!(
                        "seed {seed} (case {case}), step {step} of {len}: {why}\n  \
                         again: HOSTHEAP_FUZZ_SEED={seed} scripts/fuzz {len}\n  \
                         shrunk to {} steps from {pages} pages: {small:?}",
                        small.len()
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    // One line for scripts/figures to read, failing or not.
    println!(
        "fuzz: {} operations in {cases} cases, seeds {base}..={}, {} failing",
        done.into_inner(),
        base.wrapping_add(cases - 1),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn op() -> impl Strategy<Value = Op> {
    any::<[u32; 3]>().prop_map(Op::from_words)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_the_model(pages in 1u32..3, ops in prop::collection::vec(op(), 1..400)) {
        run(pages, &ops).map_err(|(_, why)| TestCaseError::fail(why))?;
    }
}

#[test]
fn the_shrinker_finds_a_short_failing_case() {
    // A harness that fails when more than 4 blocks are live at once: the
    // shortest failing sequence is five allocations.
    let (pages, mut ops) = seeded_case(7, 2000);
    ops.retain(|op| !matches!(op, Op::Trim | Op::TrimTo(_)));
    let failing = |ops: &[Op]| -> Option<usize> {
        let mut harness = Harness::new(pages);
        ops.iter().position(|&op| harness.step(op).is_err() || harness.live.len() > 4)
    };
    let step = failing(&ops).expect("some prefix holds five blocks");
    let small = shrink(&ops, step, failing);
    assert_eq!(small.len(), 5, "{small:?}");
    assert!(
        small.iter().all(|op| matches!(
            op,
            Op::Alloc(_) | Op::AllocOwned(_) | Op::AllocAligned(..) | Op::AllocOwnedAligned(..)
        )),
        "{small:?}"
    );
}

#[test]
fn an_engine_of_no_pages_grows_into_use_and_back() {
    let mut harness = Harness::new(0);
    harness.compare().unwrap();
    assert_eq!(harness.engine.alloc(3), Err(EngineError::NoFit { atoms: 3, pages: 1 }));
    let ops = [Op::Alloc(3), Op::Alloc(70), Op::Free(0), Op::Grow(40), Op::Alloc(9000), Op::Free(0), Op::Trim];
    for op in ops {
        harness.step(op).unwrap();
    }
    assert_eq!(harness.engine.stats().used, 9000);
}
