//! The reference model: a sorted `Vec` of spans covering `[0, capacity)`,
//! searched linearly and coalesced by rebuilding the list. Obviously right
//! and slow; the engine must agree with it on every result and every span.
//!
//! Each rule is written as the engine's documentation states it:
//! - best fit: the smallest free span that holds the request, the lowest
//!   address among equals;
//! - aligned: the smallest free span of at least `atoms + align - 1` atoms,
//!   or the free tail where an aligned run fits in it and it is smaller;
//!   the block starts at the first multiple of `align` in that span;
//! - realloc: in place when it shrinks or the free span after it is enough;
//!   else the best fit elsewhere while it still holds its place; else the
//!   block merged with the free spans on both sides, when that is enough;
//! - reserved spans are in use like blocks but count apart, and only
//!   unreserve frees them.

use hostheap::engine::{atoms_to_pages, pages_to_atoms, EngineError, Kind, Span, Stats};

/// One span of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub start: u32,
    pub atoms: u32,
    pub kind: Kind,
}

impl Piece {
    fn end(&self) -> u32 {
        self.start + self.atoms
    }

    fn is_free(&self) -> bool {
        self.kind == Kind::Free
    }

    fn is_block(&self) -> bool {
        matches!(self.kind, Kind::Strong | Kind::Owned)
    }

    /// The span as the engine's `spans()` reports it.
    pub fn to_span(self) -> Span {
        Span { start: self.start, atoms: self.atoms, free: self.is_free() }
    }
}

/// `atom` rounded up to a multiple of `align`.
fn align_up(atom: u32, align: u32) -> u64 {
    u64::from(atom).div_ceil(u64::from(align)) * u64::from(align)
}

#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Every span, in address order, covering `[0, capacity)`.
    pub spans: Vec<Piece>,
    pub capacity: u32,
}

impl Model {
    pub fn new(pages: u32) -> Model {
        let mut model = Model::default();
        model.grow(pages);
        model
    }

    pub fn pages(&self) -> u32 {
        atoms_to_pages(self.capacity)
    }

    /// Index of the free span at the end, if the last span is free.
    fn tail(&self) -> Option<usize> {
        self.spans.last().filter(|span| span.is_free()).map(|_| self.spans.len() - 1)
    }

    /// Where the free tail starts, or the capacity when the last span is in use.
    fn tail_start(&self) -> u32 {
        self.tail().map_or(self.capacity, |i| self.spans[i].start)
    }

    fn tail_atoms(&self) -> u32 {
        self.capacity - self.tail_start()
    }

    fn position(&self, start: u32) -> Option<usize> {
        self.spans.iter().position(|span| span.start == start)
    }

    /// The index of the span that holds `atom`.
    fn holding(&self, atom: u32) -> Option<usize> {
        self.spans.iter().position(|span| span.start <= atom && atom < span.end())
    }

    /// Smallest free span that holds `atoms`, lowest address among equals.
    fn best_fit(&self, atoms: u32) -> Option<usize> {
        (0..self.spans.len())
            .filter(|&i| self.spans[i].is_free() && self.spans[i].atoms >= atoms)
            .min_by_key(|&i| (self.spans[i].atoms, self.spans[i].start))
    }

    pub fn pages_to_fit(&self, atoms: u32) -> u32 {
        atoms_to_pages(atoms.saturating_sub(self.tail_atoms()))
    }

    pub fn no_fit(&self, atoms: u32) -> EngineError {
        EngineError::NoFit { atoms, pages: self.pages_to_fit(atoms) }
    }

    /// Makes `[low, low + atoms)` inside the free span `i` a span of `kind`;
    /// what lies before and after stays free.
    fn carve(&mut self, i: usize, low: u32, atoms: u32, kind: Kind) {
        let span = self.spans[i];
        let mut pieces = Vec::with_capacity(3);
        if span.start < low {
            pieces.push(Piece { start: span.start, atoms: low - span.start, kind: Kind::Free });
        }
        pieces.push(Piece { start: low, atoms, kind });
        if low + atoms < span.end() {
            pieces.push(Piece { start: low + atoms, atoms: span.end() - low - atoms, kind: Kind::Free });
        }
        self.spans.splice(i..=i, pieces);
    }

    pub fn alloc(&mut self, atoms: u32, kind: Kind) -> Result<u32, EngineError> {
        let i = self.best_fit(atoms).ok_or_else(|| self.no_fit(atoms))?;
        let start = self.spans[i].start;
        self.carve(i, start, atoms, kind);
        Ok(start)
    }

    /// The free tail when it holds `atoms`, else the best fit.
    pub fn scratch(&self, atoms: u32) -> Result<u32, EngineError> {
        if self.tail_atoms() >= atoms {
            return Ok(self.tail_start());
        }
        self.best_fit(atoms).map(|i| self.spans[i].start).ok_or_else(|| self.no_fit(atoms))
    }

    /// Whether an aligned run of `atoms` fits in the free tail.
    fn tail_fits_aligned(&self, atoms: u32, align: u32) -> bool {
        self.tail().is_some() && align_up(self.tail_start(), align) + u64::from(atoms) <= u64::from(self.capacity)
    }

    /// The span to carve an aligned run from (see the file's summary).
    fn aligned_fit(&self, atoms: u32, align: u32, tail_first: bool) -> Option<usize> {
        let tail = self.tail().filter(|_| self.tail_fits_aligned(atoms, align));
        if tail_first && tail.is_some() {
            return tail;
        }
        let padded = u64::from(atoms) + u64::from(align) - 1;
        (0..self.spans.len())
            .filter(|&i| {
                self.spans[i].is_free()
                    && (Some(i) == tail || (Some(i) != self.tail() && u64::from(self.spans[i].atoms) >= padded))
            })
            .min_by_key(|&i| (self.spans[i].atoms, self.spans[i].start))
    }

    pub fn pages_to_fit_aligned(&self, atoms: u32, align: u32) -> u32 {
        let end = align_up(self.tail_start(), align) + u64::from(atoms);
        atoms_to_pages(end.saturating_sub(u64::from(self.capacity)) as u32)
    }

    pub fn no_aligned_fit(&self, atoms: u32, align: u32) -> EngineError {
        EngineError::NoFit { atoms, pages: self.pages_to_fit_aligned(atoms, align) }
    }

    pub fn alloc_aligned(&mut self, atoms: u32, align: u32, kind: Kind) -> Result<u32, EngineError> {
        if align == 1 {
            return self.alloc(atoms, kind);
        }
        let i = self.aligned_fit(atoms, align, false).ok_or_else(|| self.no_aligned_fit(atoms, align))?;
        let low = align_up(self.spans[i].start, align) as u32;
        self.carve(i, low, atoms, kind);
        Ok(low)
    }

    pub fn scratch_aligned(&self, atoms: u32, align: u32) -> Result<u32, EngineError> {
        let i = self.aligned_fit(atoms, align, true).ok_or_else(|| self.no_aligned_fit(atoms, align))?;
        Ok(align_up(self.spans[i].start, align) as u32)
    }

    /// What the span at `start` holds; `None` when no span starts there.
    pub fn kind(&self, start: u32) -> Option<Kind> {
        self.position(start).map(|i| self.spans[i].kind)
    }

    /// The size of the live block at `start`.
    pub fn size_of(&self, start: u32) -> Result<u32, EngineError> {
        match self.position(start) {
            Some(i) if self.spans[i].is_block() => Ok(self.spans[i].atoms),
            _ => Err(EngineError::NotLive { start }),
        }
    }

    /// Sets the kind of the live block at `start`; it must be `from`.
    pub fn set_kind(&mut self, start: u32, from: Kind, to: Kind) -> Result<(), EngineError> {
        match self.position(start) {
            Some(i) if self.spans[i].kind == from => {
                self.spans[i].kind = to;
                Ok(())
            }
            _ => Err(EngineError::NotLive { start }),
        }
    }

    pub fn free(&mut self, start: u32) -> Result<u32, EngineError> {
        let i = self.position(start).filter(|&i| self.spans[i].is_block()).ok_or(EngineError::NotLive { start })?;
        Ok(self.release(i))
    }

    /// Frees span `i` and coalesces; returns its size.
    fn release(&mut self, i: usize) -> u32 {
        self.spans[i].kind = Kind::Free;
        let atoms = self.spans[i].atoms;
        self.coalesce();
        atoms
    }

    pub fn realloc(&mut self, start: u32, atoms: u32) -> Result<u32, EngineError> {
        let i = self.position(start).filter(|&i| self.spans[i].is_block()).ok_or(EngineError::NotLive { start })?;
        let block = self.spans[i];
        let after = self.spans.get(i + 1).filter(|span| span.is_free()).map_or(0, |span| span.atoms);
        let before = if i > 0 && self.spans[i - 1].is_free() { self.spans[i - 1].atoms } else { 0 };
        if atoms <= block.atoms + after {
            // In place: the block takes atoms from the free span after it, or gives them back.
            self.spans[i].kind = Kind::Free;
            self.coalesce();
            let j = self.holding(start).unwrap();
            self.carve(j, start, atoms, block.kind);
            return Ok(start);
        }
        if let Some(j) = self.best_fit(atoms) {
            let new = self.spans[j].start;
            self.carve(j, new, atoms, block.kind);
            let i = self.position(start).unwrap();
            self.release(i);
            return Ok(new);
        }
        if before + block.atoms + after < atoms {
            let reaches_tail = i + 1 == self.spans.len() || (after > 0 && i + 2 == self.spans.len());
            let pages = if reaches_tail {
                atoms_to_pages(atoms - (before + block.atoms + after))
            } else {
                self.pages_to_fit(atoms)
            };
            return Err(EngineError::NoFit { atoms, pages });
        }
        // The block with its free neighbours is the only span that holds it.
        let low = start - before;
        self.spans[i].kind = Kind::Free;
        self.coalesce();
        let j = self.holding(low).unwrap();
        self.carve(j, low, atoms, block.kind);
        Ok(low)
    }

    /// The first span in use that `[start, start + atoms)` overlaps.
    fn first_in_use(&self, start: u32, atoms: u32) -> Option<u32> {
        let end = u64::from(start) + u64::from(atoms);
        self.spans
            .iter()
            .find(|span| !span.is_free() && u64::from(span.start) < end && start < span.end())
            .map(|span| span.start)
    }

    pub fn reserve(&mut self, start: u32, atoms: u32) -> Result<(), EngineError> {
        if atoms == 0 || u64::from(start) + u64::from(atoms) > u64::from(self.capacity) {
            return Err(EngineError::OutOfRange { start, atoms });
        }
        if let Some(span) = self.first_in_use(start, atoms) {
            return Err(EngineError::Overlaps { start, atoms, span });
        }
        let i = self.holding(start).unwrap();
        self.carve(i, start, atoms, Kind::Reserved);
        Ok(())
    }

    pub fn unreserve(&mut self, start: u32) -> Result<u32, EngineError> {
        let i = self
            .position(start)
            .filter(|&i| self.spans[i].kind == Kind::Reserved)
            .ok_or(EngineError::NotReserved { start })?;
        Ok(self.release(i))
    }

    fn coalesce(&mut self) {
        let mut merged: Vec<Piece> = Vec::with_capacity(self.spans.len());
        for span in self.spans.drain(..) {
            match merged.last_mut() {
                Some(last) if last.is_free() && span.is_free() => last.atoms += span.atoms,
                _ => merged.push(span),
            }
        }
        self.spans = merged;
    }

    pub fn grow(&mut self, pages: u32) {
        let atoms = pages_to_atoms(pages);
        if atoms > 0 {
            self.spans.push(Piece { start: self.capacity, atoms, kind: Kind::Free });
            self.capacity += atoms;
            self.coalesce();
        }
    }

    /// The pages that hold the last span in use, at least one.
    pub fn trim_target(&self) -> u32 {
        let end = self.spans.iter().rev().find(|span| !span.is_free()).map_or(0, Piece::end);
        atoms_to_pages(end).max(1)
    }

    pub fn trim(&mut self, pages: u32) -> Result<(), EngineError> {
        let needed = self.trim_target();
        if pages < needed || pages > self.pages() {
            return Err(EngineError::CutsLive { pages, needed });
        }
        let capacity = pages_to_atoms(pages);
        self.spans.retain(|span| span.start < capacity);
        let last = self.spans.last_mut().unwrap();
        last.atoms = capacity - last.start;
        self.capacity = capacity;
        Ok(())
    }

    pub fn stats(&self) -> Stats {
        let sum =
            |kinds: &[Kind]| self.spans.iter().filter(|span| kinds.contains(&span.kind)).map(|span| span.atoms).sum();
        Stats {
            total: self.capacity,
            used: sum(&[Kind::Strong, Kind::Owned]),
            head: self.spans.first().filter(|span| span.is_free()).map_or(0, |span| span.atoms),
            tail: self.tail_atoms(),
            largest: self.spans.iter().filter(|span| span.is_free()).map(|span| span.atoms).max().unwrap_or(0),
            reserved: sum(&[Kind::Reserved]),
        }
    }
}
