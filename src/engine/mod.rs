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
#![forbid(unsafe_code)]

mod bins;
mod index;
mod layout;
#[cfg(test)]
mod model;
mod ordered;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use index::FreeIndex;
use layout::Layout;
use ordered::OrderedSet;

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

/// Bits of a [`Ticket`] that hold the block's start.
const TICKET_START_BITS: u32 = MAX_ATOMS.trailing_zeros();

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
        }
    }
}

impl core::error::Error for EngineError {}

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
}

impl Stats {
    /// Capacity not in live blocks.
    pub fn free(&self) -> u32 {
        self.total - self.used
    }

    /// From the first live block to the end of the last, gaps included.
    pub fn run(&self) -> u32 {
        if self.used == 0 {
            0
        } else {
            self.total - self.head - self.tail
        }
    }
}

/// The value a token allocation is registered with: the block's start and
/// a generation that tells it apart from earlier blocks at the same start
/// whose tokens are still pending. It fits in 53 bits, so a JS number
/// carries it exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u64);

impl Ticket {
    fn new(start: u32, generation: u32) -> Ticket {
        Ticket(u64::from(generation) << TICKET_START_BITS | u64::from(start))
    }

    /// The ticket with these bits, as returned by [`Ticket::to_bits`].
    pub fn from_bits(bits: u64) -> Ticket {
        Ticket(bits)
    }

    /// The ticket as an integer below 2^53.
    pub fn to_bits(self) -> u64 {
        self.0
    }

    /// The first atom of the block.
    pub fn start(self) -> u32 {
        (self.0 & (u64::from(MAX_ATOMS) - 1)) as u32
    }

    fn generation(self) -> u32 {
        (self.0 >> TICKET_START_BITS) as u32
    }
}

fn generation_key(start: u32, generation: u32) -> u64 {
    u64::from(start) << 32 | u64::from(generation)
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
    used: u32,
    /// `start << 32 | generation` of owned blocks whose generation is not 0.
    generations: OrderedSet,
    /// Tickets of owned blocks freed early whose tokens are still pending.
    orphans: OrderedSet,
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
            generations: OrderedSet::default(),
            orphans: OrderedSet::default(),
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
        debug_assert!(atoms > 0, "alloc(0)");
        let tail_atoms = self.layout.capacity - self.layout.tail;
        if tail_atoms >= atoms && self.index.is_empty() {
            // The only free span is the tail: no search.
            return Ok(self.carve_tail(atoms));
        }
        match self.index.best_fit(atoms, &self.layout) {
            // The tail is the highest span: it wins only when strictly smaller.
            Some(fit) if !(tail_atoms >= atoms && tail_atoms < fit.size) => {
                let (start, size) = (fit.start, fit.size);
                self.index.take(fit);
                self.layout.clear_free(start);
                if size > atoms {
                    let rest = start + atoms;
                    self.layout.add_free_start(rest);
                    self.index.insert(rest, size - atoms);
                }
                self.used += atoms;
                Ok(start)
            }
            _ if tail_atoms >= atoms => Ok(self.carve_tail(atoms)),
            _ => Err(self.no_fit(atoms)),
        }
    }

    /// Like [`Engine::alloc`], for a block owned by a token: the ticket is
    /// what the token is registered with, and [`Engine::reclaim`] takes it back.
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span is large enough.
    pub fn alloc_owned(&mut self, atoms: u32) -> Result<Ticket, EngineError> {
        let start = self.alloc(atoms)?;
        self.layout.set_owned(start);
        let mut ticket = Ticket::new(start, 0);
        if !self.orphans.is_empty() {
            while self.orphans.contains(ticket.0) {
                ticket = Ticket::new(start, ticket.generation() + 1);
            }
            if ticket.generation() != 0 {
                self.generations.insert(generation_key(start, ticket.generation()));
            }
        }
        Ok(ticket)
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
        if !self.layout.is_live(start) {
            return Err(EngineError::NotLive { start });
        }
        if self.layout.is_owned(start) {
            self.orphan(start);
        }
        Ok(self.release(start))
    }

    /// Takes back a ticket whose token was collected: frees its block, or
    /// forgets the orphan if the block was freed already. Returns the atoms freed.
    ///
    /// # Errors
    /// [`EngineError::NotLive`] when the ticket matches neither a live owned block nor an orphan.
    pub fn reclaim(&mut self, ticket: Ticket) -> Result<u32, EngineError> {
        if self.orphans.remove(ticket.0) {
            return Ok(0);
        }
        let start = ticket.start();
        let live = self.layout.is_live(start) && self.layout.is_owned(start);
        if !live || self.generation(start) != ticket.generation() {
            return Err(EngineError::NotLive { start });
        }
        self.forget_owner(start);
        Ok(self.release(start))
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
        }
    }

    /// The spans in address order.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let layout = &self.layout;
        let mut next = if layout.capacity > 0 { Some(0) } else { None };
        core::iter::from_fn(move || {
            let start = next?;
            let end = layout.span_end(start);
            next = (end < layout.capacity).then_some(end);
            Some(Span { start, atoms: end - start, free: layout.is_free(start) })
        })
    }

    /// Bytes of bookkeeping held for this engine (bitsets, bins, maps), roughly.
    pub fn heap_bytes(&self) -> usize {
        self.layout.heap_bytes()
            + self.index.heap_bytes()
            + self.generations.heap_bytes()
            + self.orphans.heap_bytes()
    }

    /// Walks every invariant and describes the first one broken.
    ///
    /// # Errors
    /// A description of the first violation found.
    pub fn check(&self) -> Result<(), String> {
        let layout = &self.layout;
        if layout.capacity > MAX_ATOMS || layout.capacity % ATOMS_PER_PAGE != 0 {
            return Err(format!("capacity {} is not a whole number of pages within 4 GiB", layout.capacity));
        }
        layout.check()?;
        if layout.capacity > 0 && !layout.is_start(0) {
            return Err("atom 0 does not start a span".into());
        }
        let mut used = 0;
        let mut previous_free = false;
        let mut indexed = Vec::new();
        let mut last = None;
        for span in self.spans() {
            if span.free && previous_free {
                return Err(format!("free span at {} touches the free span before it", span.start));
            }
            if span.free {
                if layout.is_owned(span.start) {
                    return Err(format!("free span at {} is marked as owned", span.start));
                }
                if span.start != layout.tail {
                    indexed.push((span.start, span.atoms));
                }
            } else {
                used += span.atoms;
                if self.generation(span.start) != 0 && !layout.is_owned(span.start) {
                    return Err(format!("block at {} has a generation but no owner", span.start));
                }
            }
            previous_free = span.free;
            last = Some(span);
        }
        if let Some(start) = layout.free_starts().chain(layout.owned_starts()).find(|&s| !layout.is_start(s)) {
            return Err(format!("atom {start} is marked free or owned but starts no span"));
        }
        let tail = match last {
            Some(span) if span.free => span.start,
            _ => layout.capacity,
        };
        if layout.tail != tail {
            return Err(format!("tail is {}, the last free span starts at {tail}", layout.tail));
        }
        if used != self.used {
            return Err(format!("used is {}, live blocks hold {used}", self.used));
        }
        self.index.check(&indexed)
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

    /// Frees the live block at `start`, coalescing with free neighbours.
    #[inline]
    fn release(&mut self, start: u32) -> u32 {
        let layout = &mut self.layout;
        let end = layout.span_end(start);
        let (mut low, mut high) = (start, end);
        if start > 0 {
            let before = layout.span_before(start);
            if layout.is_free(before) {
                self.index.remove(before, start - before);
                layout.remove_start(start);
                low = before;
            }
        }
        if layout.is_free(high) {
            let after_end = if high == layout.tail { layout.capacity } else { layout.span_end(high) };
            if high != layout.tail {
                self.index.remove(high, after_end - high);
            }
            layout.remove_start(high);
            high = after_end;
        }
        layout.set_free(low);
        if high == layout.capacity {
            layout.tail = low;
        } else {
            self.index.insert(low, high - low);
        }
        self.used -= end - start;
        end - start
    }

    fn orphan(&mut self, start: u32) {
        self.orphans.insert(Ticket::new(start, self.generation(start)).0);
        self.forget_owner(start);
    }

    fn forget_owner(&mut self, start: u32) {
        self.layout.clear_owned(start);
        let generation = self.generation(start);
        if generation != 0 {
            self.generations.remove(generation_key(start, generation));
        }
    }

    fn generation(&self, start: u32) -> u32 {
        if self.generations.is_empty() {
            return 0;
        }
        let first = generation_key(start, 0);
        match self.generations.first_from(first) {
            Some(key) if key >> 32 == u64::from(start) => key as u32,
            _ => 0,
        }
    }

    #[cold]
    #[inline(never)]
    fn no_fit(&self, atoms: u32) -> EngineError {
        EngineError::NoFit { atoms, pages: self.pages_to_fit(atoms) }
    }
}
