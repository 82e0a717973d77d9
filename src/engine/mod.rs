//! The allocation engine: best fit over 16-byte atoms, in pure Rust.
//!
//! Managed memory is a row of atoms `[0, capacity)` cut into spans, each a
//! live block or free. The layout is kept in two bitsets outside that
//! memory: `starts` marks the first atom of every span, `free` the first
//! atom of every free span. A span ends where the next one starts, so a
//! block's size is never stored, and the neighbours of a block are the
//! nearest set bits on either side, found in O(log64 n) (see `layout.rs`).
//!
//! Invariants, checked by [`Engine::check`]:
//! - atom 0 starts a span whenever capacity > 0; `free` bits sit only on span starts;
//! - no two free spans touch (freed blocks coalesce at once);
//! - `tail` is the start of the free span that ends at `capacity`, or
//!   `capacity` itself when the last span is live; that span is never in
//!   the index, every other free span is;
//! - `used` is the sum of the live blocks' sizes.
//!
//! Units: `start` is an atom index, `atoms` a length in atoms, `pages` a
//! count of 64 KiB pages. Byte addresses belong to the layers above.
//!
//! Size: the engine ships as wasm, so code off the paths of malloc, free
//! and a token's allocation is kept to one copy. A small helper that
//! several such callers share is not inlined (marked "shared" where it is
//! defined): inlined, it would be copied into each, and the copies cost
//! more than the calls.
#![forbid(unsafe_code)]

mod aligned;
mod bins;
mod index;
mod layout;
mod ordered;
mod realloc;
mod reserve;
mod tickets;

use core::fmt;

use index::FreeIndex;
use layout::{Around, Layout};
use ordered::OrderedSet;
pub use tickets::Ticket;
use tickets::Tickets;

/// Bytes in an atom, the unit of alignment and allocation.
pub const ATOM: u64 = 16;
/// Bytes in a WebAssembly page.
pub const PAGE: u64 = 65_536;
/// Atoms in a page.
pub const ATOMS_PER_PAGE: u32 = (PAGE / ATOM) as u32;
/// Pages in the 4 GiB address space of a 32-bit memory.
pub const MAX_PAGES: u32 = 65_536;
/// Atoms in the 4 GiB address space.
pub const MAX_ATOMS: u32 = MAX_PAGES * ATOMS_PER_PAGE;
/// What [`Engine::alloc_start`] returns when nothing fits: no start, as
/// starts are below [`MAX_ATOMS`]. A plain number, where a `Result` would
/// come back through memory in wasm, in a stack frame of the caller's.
pub const NO_START: u32 = u32::MAX;

/// Bytes in `atoms` atoms.
pub fn atoms_to_bytes(atoms: u32) -> u64 {
    u64::from(atoms) * ATOM
}

/// Atoms needed to hold `bytes` bytes.
pub fn bytes_to_atoms(bytes: u64) -> u64 {
    bytes.div_ceil(ATOM)
}

/// Atoms in `pages` pages.
pub fn pages_to_atoms(pages: u32) -> u32 {
    pages * ATOMS_PER_PAGE
}

/// Pages needed to hold `atoms` atoms.
pub fn atoms_to_pages(atoms: u32) -> u32 {
    atoms.div_ceil(ATOMS_PER_PAGE)
}

/// What went wrong; the engine is unchanged after every error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// No free span holds `atoms` atoms; the memory must grow by `pages` pages first.
    NoFit {
        /// The size asked for.
        atoms: u32,
        /// The growth that makes it fit at the end.
        pages: u32,
    },
    /// `start` is not the first atom of a live block.
    NotLive {
        /// The atom given.
        start: u32,
    },
    /// The capacity would pass [`MAX_PAGES`].
    TooLarge {
        /// Current capacity.
        pages: u32,
        /// Pages asked for on top.
        more: u32,
    },
    /// Trimming to `pages` would cut off live blocks that need `needed` pages.
    CutsLive {
        /// The capacity asked for.
        pages: u32,
        /// The smallest capacity that keeps every live block.
        needed: u32,
    },
    /// The range `[start, start + atoms)` is empty or passes the capacity.
    OutOfRange {
        /// First atom of the range.
        start: u32,
        /// Its length.
        atoms: u32,
    },
    /// The range `[start, start + atoms)` overlaps the span at `span`,
    /// which is not free.
    Overlaps {
        /// First atom of the range.
        start: u32,
        /// Its length.
        atoms: u32,
        /// The first span in the range that is not free.
        span: u32,
    },
    /// `start` is not the start of a reserved span.
    NotReserved {
        /// The atom given.
        start: u32,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            EngineError::NoFit { atoms, pages } => {
                write!(f, "no free span holds {atoms} atoms; grow by {pages} pages first")
            }
            EngineError::NotLive { start } => {
                write!(f, "atom {start} is not the start of a live block")
            }
            EngineError::TooLarge { pages, more } => {
                write!(f, "{pages} + {more} pages exceeds the {MAX_PAGES}-page address space")
            }
            EngineError::CutsLive { pages, needed } => {
                write!(f, "trimming to {pages} pages would cut live blocks; at least {needed} are needed")
            }
            EngineError::OutOfRange { start, atoms } => {
                write!(f, "atoms {start}..{} are not within the capacity", u64::from(start) + u64::from(atoms))
            }
            EngineError::Overlaps { start, atoms, span } => {
                write!(f, "atoms {start}..{} overlap the span at atom {span}", u64::from(start) + u64::from(atoms))
            }
            EngineError::NotReserved { start } => {
                write!(f, "atom {start} is not the start of a reserved span")
            }
        }
    }
}

impl core::error::Error for EngineError {}

/// What a span holds; see [`Engine::kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free for allocation.
    Free,
    /// A live block, freed explicitly.
    Strong,
    /// A live block owned by a token.
    Owned,
    /// A range the engine never hands out (see [`Engine::reserve`]).
    Reserved,
}

/// The first broken invariant that [`Engine::check`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Violation {
    /// What is wrong, in a sentence.
    pub rule: &'static str,
    /// The atom where it is wrong, when it is about a place in memory.
    pub atom: Option<u32>,
}

impl Violation {
    fn new(rule: &'static str) -> Violation {
        Violation { rule, atom: None }
    }

    fn at(rule: &'static str, atom: u32) -> Violation {
        Violation { rule, atom: Some(atom) }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.atom {
            Some(atom) => write!(f, "{} (atom {atom})", self.rule),
            None => f.write_str(self.rule),
        }
    }
}

impl core::error::Error for Violation {}

/// One span of the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First atom.
    pub start: u32,
    /// Length in atoms.
    pub atoms: u32,
    /// Whether the span is free.
    pub free: bool,
}

/// The engine's figures, in atoms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Capacity.
    pub total: u32,
    /// Atoms in live blocks.
    pub used: u32,
    /// The free span at the start of memory, 0 if the first block is live.
    pub head: u32,
    /// The free span at the end of memory, 0 if the last block is live.
    pub tail: u32,
    /// The largest free span.
    pub largest: u32,
    /// Atoms in reserved spans.
    pub reserved: u32,
}

impl Stats {
    /// Capacity neither in live blocks nor reserved.
    pub fn free(&self) -> u32 {
        self.total - self.used - self.reserved
    }

    /// From the first live block or reserved span to the end of the last, gaps included.
    pub fn run(&self) -> u32 {
        if self.used + self.reserved == 0 {
            0
        } else {
            self.total - self.head - self.tail
        }
    }
}

/// A best-fit allocator over a row of atoms, with its bookkeeping outside it.
///
/// # Examples
///
/// ```
/// use hostheap::engine::Engine;
///
/// let mut engine = Engine::new(1).unwrap();
/// let a = engine.alloc(2).unwrap();
/// let b = engine.alloc(1).unwrap();
/// assert_eq!((a, b), (0, 2));
/// engine.free(a).unwrap();
/// assert_eq!(engine.alloc(1).unwrap(), 0, "the smallest free span that fits");
/// engine.check().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Engine {
    layout: Layout,
    index: FreeIndex,
    /// Atoms in live blocks.
    used: u32,
    tickets: Tickets,
    /// Starts of reserved spans.
    reserved: OrderedSet,
    /// Atoms in reserved spans.
    reserved_atoms: u32,
}

impl Engine {
    /// An engine over `pages` pages, all free.
    ///
    /// # Errors
    /// [`EngineError::TooLarge`] past [`MAX_PAGES`].
    pub fn new(pages: u32) -> Result<Engine, EngineError> {
        let mut engine = Engine {
            layout: Layout::default(),
            index: FreeIndex::default(),
            used: 0,
            tickets: Tickets::default(),
            reserved: OrderedSet::default(),
            reserved_atoms: 0,
        };
        engine.grow(pages)?;
        Ok(engine)
    }

    /// Capacity in atoms.
    pub fn capacity(&self) -> u32 {
        self.layout.capacity
    }

    /// Capacity in pages.
    pub fn pages(&self) -> u32 {
        self.layout.capacity / ATOMS_PER_PAGE
    }

    /// Allocates `atoms` atoms (at least 1) in the smallest free span that
    /// holds them, the lowest such span among equals, and returns its start.
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span is large enough.
    #[inline]
    pub fn alloc(&mut self, atoms: u32) -> Result<u32, EngineError> {
        match self.alloc_start(atoms) {
            NO_START => Err(self.no_fit(atoms)),
            start => Ok(start),
        }
    }

    /// [`Engine::alloc`] as a plain number: the start, or [`NO_START`]
    /// when no free span is large enough.
    ///
    /// # Examples
    ///
    /// ```
    /// use hostheap::engine::{Engine, ATOMS_PER_PAGE, NO_START};
    ///
    /// let mut engine = Engine::new(1).unwrap();
    /// assert_eq!(engine.alloc_start(ATOMS_PER_PAGE), 0);
    /// assert_eq!(engine.alloc_start(1), NO_START, "the page is full");
    /// ```
    #[inline]
    pub fn alloc_start(&mut self, atoms: u32) -> u32 {
        debug_assert!(atoms > 0, "alloc(0)");
        let tail_atoms = self.layout.capacity - self.layout.tail;
        if let Some(size) = self.index.next_occupied(atoms) {
            // The tail is the highest span: it wins only when strictly smaller.
            if !(tail_atoms >= atoms && tail_atoms < size) {
                let start = self.index.take_lowest(size, &mut self.layout);
                if size > atoms {
                    let rest = start + atoms;
                    self.layout.add_free_start(rest);
                    self.index.insert(rest, size - atoms);
                }
                self.used += atoms;
                return start;
            }
        } else if tail_atoms >= atoms && self.index.is_empty() {
            // The only free span is the tail: no search.
            return self.carve_tail(atoms);
        }
        self.alloc_elsewhere(atoms)
    }

    /// [`Engine::alloc_start`] past its common case, a small span that the
    /// tail does not beat: a large span, the tail, or nothing.
    #[inline(never)]
    fn alloc_elsewhere(&mut self, atoms: u32) -> u32 {
        let tail_atoms = self.layout.capacity - self.layout.tail;
        match self.index.best_fit(atoms, &self.layout) {
            Some(fit) if !(tail_atoms >= atoms && tail_atoms < fit.size) => {
                self.index.take(fit, &self.layout);
                self.carve((fit.start, fit.start + fit.size), (fit.start, fit.start + atoms));
                self.used += atoms;
                fit.start
            }
            _ if tail_atoms >= atoms => self.carve_tail(atoms),
            _ => NO_START,
        }
    }

    /// A start where `atoms` atoms are free now, allocating nothing: the
    /// free tail when it is large enough, else the best fit.
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span is large enough.
    #[inline]
    pub fn scratch(&mut self, atoms: u32) -> Result<u32, EngineError> {
        if self.layout.capacity - self.layout.tail >= atoms {
            return Ok(self.layout.tail);
        }
        match self.index.best_fit(atoms, &self.layout) {
            Some(fit) => Ok(fit.start),
            None => Err(self.no_fit(atoms)),
        }
    }

    /// Frees the live block at `start` and returns its size. A token's
    /// block freed this way stays an orphan until its token's ticket comes
    /// back through [`Engine::reclaim`], so it is never freed twice.
    ///
    /// # Errors
    /// [`EngineError::NotLive`] when `start` is not the start of a live block.
    #[inline]
    pub fn free(&mut self, start: u32) -> Result<u32, EngineError> {
        // Reserved starts and owners are only ever on live spans, so these
        // tests come first, and `release` tells whether a live span starts
        // there from the words it reads anyway: one pass over them, not two.
        if !self.reserved.is_empty() && self.is_reserved(start) {
            return Err(EngineError::NotLive { start });
        }
        if self.layout.is_owned(start) {
            self.orphan(start);
        }
        match self.release(start) {
            0 => Err(EngineError::NotLive { start }),
            atoms => {
                self.used -= atoms;
                Ok(atoms)
            }
        }
    }

    /// Whether a live block (not a reserved span) starts at `start`.
    #[inline]
    pub fn is_block(&self, start: u32) -> bool {
        self.layout.is_live(start) && (self.reserved.is_empty() || !self.is_reserved(start))
    }

    /// Whether `start` starts a reserved span. Apart from `is_block` and
    /// `free`, which inline their tests: the search needs a stack frame,
    /// which `free` would then set up on every call.
    #[cold]
    #[inline(never)]
    fn is_reserved(&self, start: u32) -> bool {
        self.reserved.contains(u128::from(start))
    }

    /// The size in atoms of the live block at `start`.
    ///
    /// # Errors
    /// [`EngineError::NotLive`] unless a live block starts at `start`.
    pub fn size_of(&self, start: u32) -> Result<u32, EngineError> {
        if !self.is_block(start) {
            return Err(EngineError::NotLive { start });
        }
        Ok(self.layout.span_end(start) - start)
    }

    /// What the span at `start` holds; `None` when no span starts there.
    /// Not inlined: shared (see the notes on size above).
    #[inline(never)]
    pub fn kind(&self, start: u32) -> Option<Kind> {
        let layout = &self.layout;
        if !layout.is_start(start) {
            None
        } else if layout.is_free(start) {
            Some(Kind::Free)
        } else if layout.is_owned(start) {
            Some(Kind::Owned)
        } else if self.reserved.contains(u128::from(start)) {
            Some(Kind::Reserved)
        } else {
            Some(Kind::Strong)
        }
    }

    /// Pages to grow by so that `atoms` atoms fit at the end.
    pub fn pages_to_fit(&self, atoms: u32) -> u32 {
        let tail_atoms = self.layout.capacity - self.layout.tail;
        atoms_to_pages(atoms.saturating_sub(tail_atoms))
    }

    /// Adds `pages` free pages at the end; they join the free tail.
    ///
    /// # Errors
    /// [`EngineError::TooLarge`] past [`MAX_PAGES`].
    pub fn grow(&mut self, pages: u32) -> Result<(), EngineError> {
        let current = self.pages();
        if pages > MAX_PAGES - current {
            return Err(EngineError::TooLarge { pages: current, more: pages });
        }
        if pages == 0 {
            return Ok(());
        }
        let old = self.layout.capacity;
        let capacity = old + pages_to_atoms(pages);
        self.resize(capacity);
        if self.layout.tail == old {
            // The last span was live: the new pages form a new tail span.
            self.layout.add_free_start(old);
        }
        Ok(())
    }

    /// The capacity in pages that [`Engine::trim`] can shrink to: the
    /// pages holding the last live block, at least one.
    pub fn trim_target(&self) -> u32 {
        atoms_to_pages(self.layout.tail).max(1)
    }

    /// Shrinks the capacity to `pages`, dropping free pages at the end.
    ///
    /// # Errors
    /// [`EngineError::CutsLive`] below [`Engine::trim_target`] or above the capacity.
    pub fn trim(&mut self, pages: u32) -> Result<(), EngineError> {
        let needed = self.trim_target();
        if pages < needed || pages > self.pages() {
            return Err(EngineError::CutsLive { pages, needed });
        }
        let capacity = pages_to_atoms(pages);
        if self.layout.tail >= capacity {
            self.layout.tail = capacity;
        }
        self.resize(capacity);
        Ok(())
    }

    /// The engine's figures.
    pub fn stats(&self) -> Stats {
        let layout = &self.layout;
        let tail = layout.capacity - layout.tail;
        let head = if layout.is_free(0) { layout.span_end(0) } else { 0 };
        Stats {
            total: layout.capacity,
            used: self.used,
            head,
            tail,
            largest: tail.max(self.index.largest()),
            reserved: self.reserved_atoms,
        }
    }

    /// The spans in address order.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let mut next = if self.layout.capacity > 0 { Some(0) } else { None };
        core::iter::from_fn(move || {
            let span = self.span_at(next?);
            next = Some(span.start + span.atoms).filter(|&end| end < self.layout.capacity);
            Some(span)
        })
    }

    /// The span that starts at `start`; `None` when no span starts there.
    pub fn span(&self, start: u32) -> Option<Span> {
        self.layout.is_start(start).then(|| self.span_at(start))
    }

    /// The span at `start`, which starts one. Not inlined: shared by every
    /// walk over the spans (see the notes on size above).
    #[inline(never)]
    fn span_at(&self, start: u32) -> Span {
        let end = self.layout.span_end(start);
        Span { start, atoms: end - start, free: self.layout.is_free(start) }
    }

    /// Bytes of bookkeeping held for this engine (bitsets, bins, maps), roughly.
    pub fn heap_bytes(&self) -> usize {
        self.layout.heap_bytes() + self.index.heap_bytes() + self.tickets.heap_bytes() + self.reserved.heap_bytes()
    }

    /// Walks every invariant and describes the first one broken.
    ///
    /// # Errors
    /// The first violation found.
    pub fn check(&self) -> Result<(), Violation> {
        let layout = &self.layout;
        if layout.capacity > MAX_ATOMS || layout.capacity % ATOMS_PER_PAGE != 0 {
            return Err(Violation::new("the capacity is not a whole number of pages within 4 GiB"));
        }
        layout.check()?;
        if layout.capacity > 0 && !layout.is_start(0) {
            return Err(Violation::at("atom 0 does not start a span", 0));
        }
        let (mut used, mut reserved) = (0, 0);
        let mut previous_free = false;
        // The start of the last span when it is free, else the capacity.
        let mut tail = layout.capacity;
        for span in self.spans() {
            if span.free {
                if previous_free {
                    return Err(Violation::at("a free span touches the free span before it", span.start));
                }
                if span.start + span.atoms == layout.capacity {
                    tail = span.start;
                }
            } else if self.reserved.contains(u128::from(span.start)) {
                if layout.is_owned(span.start) {
                    return Err(Violation::at("a reserved span is marked as owned", span.start));
                }
                reserved += span.atoms;
            } else {
                used += span.atoms;
            }
            previous_free = span.free;
        }
        if let Some(start) = self.reserved.iter().map(|key| key as u32).find(|&start| !layout.is_live(start)) {
            return Err(Violation::at("a reserved start is not the start of a span in use", start));
        }
        if layout.tail != tail {
            return Err(Violation::at("the tail is not where the last free span starts", layout.tail));
        }
        if used != self.used {
            return Err(Violation::new("the used count differs from the sum of the live blocks"));
        }
        if reserved != self.reserved_atoms {
            return Err(Violation::new("the reserved count differs from the sum of the reserved spans"));
        }
        self.check_tickets()?;
        let indexed = self.spans().filter(|span| span.free && span.start != layout.tail);
        self.index.check(indexed.map(|span| (span.start, span.atoms)))
    }

    /// Sizes every per-atom structure for `capacity` atoms.
    fn resize(&mut self, capacity: u32) {
        self.layout.resize(capacity);
        self.index.resize(capacity);
    }

    #[inline]
    fn carve_tail(&mut self, atoms: u32) -> u32 {
        let layout = &mut self.layout;
        let start = layout.tail;
        layout.clear_free(start);
        let end = start + atoms;
        if end < layout.capacity {
            layout.add_free_start(end);
        }
        layout.tail = end;
        self.used += atoms;
        start
    }

    /// Frees the live span at `start` (a block or a reserved span),
    /// coalescing with free neighbours, and returns its size; the caller
    /// keeps the counts. When no live span starts there, changes nothing
    /// and returns 0.
    #[inline]
    fn release(&mut self, start: u32) -> u32 {
        let Some(Around { end, low, free_after }) = self.layout.around(start) else {
            return 0;
        };
        let layout = &mut self.layout;
        let mut high = end;
        // The index reads the layout to forget a span (see
        // `FreeIndex::remove`), so a neighbour leaves it before its start
        // goes. The span after goes first: dropping its start only moves
        // the end of the block, which is still live, so the span before is
        // then read as it is, and keeps its start and free bit throughout,
        // as the merged span's.
        if free_after {
            let after_end = if high == layout.tail { layout.capacity } else { layout.span_end(high) };
            if high != layout.tail {
                self.index.remove(high, after_end - high, layout);
            }
            layout.remove_start(high);
            high = after_end;
        }
        if low < start {
            self.index.remove(low, start - low, layout);
            layout.remove_start(start);
        } else {
            layout.set_free(start);
        }
        if high == layout.capacity {
            layout.tail = low;
        } else {
            self.index.insert(low, high - low);
        }
        end - start
    }

    /// The start of the span that holds `atom`, which is below the
    /// capacity. Not inlined, nor is `free_end`: shared (see the notes on
    /// size above).
    #[inline(never)]
    fn span_holding(&self, atom: u32) -> u32 {
        if self.layout.is_start(atom) {
            atom
        } else {
            self.layout.span_before(atom)
        }
    }

    /// The end of the free span at `start`.
    #[inline(never)]
    fn free_end(&self, start: u32) -> u32 {
        if start == self.layout.tail {
            self.layout.capacity
        } else {
            self.layout.span_end(start)
        }
    }

    /// Takes the free span `[start, end)` out of the index, or out of the
    /// tail; its start stays marked free. (Not inlined, as `list`.)
    #[inline(never)]
    fn unlist(&mut self, start: u32, end: u32) {
        if start == self.layout.tail {
            self.layout.tail = self.layout.capacity;
        } else {
            self.index.remove(start, end - start, &self.layout);
        }
    }

    /// Makes `[start, end)` a free span: marks its start and indexes it,
    /// or makes it the tail when it ends at the capacity. Not inlined: the
    /// index code it holds is inlined where it is hot, and once here is enough.
    #[inline(never)]
    fn list(&mut self, start: u32, end: u32) {
        self.layout.add_free_start(start);
        if end == self.layout.capacity {
            self.layout.tail = start;
        } else {
            self.index.insert(start, end - start);
        }
    }

    /// Cuts the span `[low, high)` in use out of the unlisted free span
    /// `[start, end)`; what lies before and after it stays free.
    fn carve(&mut self, (start, end): (u32, u32), (low, high): (u32, u32)) {
        debug_assert!(start <= low && low < high && high <= end, "carve {low}..{high} out of {start}..{end}");
        if start < low {
            self.list(start, low);
        }
        self.layout.add_free_start(low);
        self.layout.clear_free(low);
        if high < end {
            self.list(high, end);
        }
    }

    #[cold]
    #[inline(never)]
    fn no_fit(&self, atoms: u32) -> EngineError {
        EngineError::NoFit { atoms, pages: self.pages_to_fit(atoms) }
    }
}

/// `check` must catch each kind of damage, not only pass on a sound engine:
/// each test breaks one invariant behind the engine's back.
#[cfg(test)]
mod check_tests {
    use super::*;

    /// Three live blocks of 4 atoms at 0, 4 and 8, then the free tail.
    fn three_blocks() -> (Engine, [u32; 3]) {
        let mut engine = Engine::new(1).unwrap();
        let blocks = [(); 3].map(|()| engine.alloc(4).unwrap());
        engine.check().unwrap();
        (engine, blocks)
    }

    fn broken_rule(engine: &Engine) -> &'static str {
        engine.check().expect_err("check passed on a damaged engine").rule
    }

    #[test]
    fn a_free_span_the_index_does_not_hold() {
        let (mut engine, [_, b, _]) = three_blocks();
        engine.layout.set_free(b);
        engine.used -= 4;
        assert_eq!(broken_rule(&engine), "a free span is missing from the index");
    }

    #[test]
    fn an_indexed_span_that_is_not_free() {
        let (mut engine, [_, b, _]) = three_blocks();
        engine.index.insert(b, 4);
        assert_eq!(broken_rule(&engine), "the index holds a span that is not free");
    }

    #[test]
    fn a_large_indexed_span_that_is_not_free() {
        let (mut engine, [a, ..]) = three_blocks();
        engine.index.insert(a, index::SMALL_ATOMS + 1);
        assert_eq!(broken_rule(&engine), "the index holds a span that is not free");
    }

    #[test]
    fn free_spans_that_touch() {
        let (mut engine, _) = three_blocks();
        engine.layout.add_free_start(engine.layout.tail + 4);
        assert_eq!(broken_rule(&engine), "a free span touches the free span before it");
    }

    #[test]
    fn a_used_count_that_is_off() {
        let (mut engine, _) = three_blocks();
        engine.used += 1;
        assert_eq!(broken_rule(&engine), "the used count differs from the sum of the live blocks");
    }

    #[test]
    fn a_tail_in_the_wrong_place() {
        let (mut engine, [a, ..]) = three_blocks();
        engine.layout.tail = a;
        assert_eq!(broken_rule(&engine), "the tail is not where the last free span starts");
    }

    #[test]
    fn an_owner_on_a_free_span() {
        let (mut engine, [_, b, _]) = three_blocks();
        engine.free(b).unwrap();
        engine.layout.set_owned(b);
        assert_eq!(broken_rule(&engine), "an atom is marked owned but starts no live block");
    }

    #[test]
    fn a_reserved_start_that_is_free() {
        let (mut engine, [_, b, _]) = three_blocks();
        engine.free(b).unwrap();
        engine.reserved.insert(u128::from(b));
        assert_eq!(broken_rule(&engine), "a reserved start is not the start of a span in use");
    }
}
