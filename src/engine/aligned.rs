//! Allocation at a coarser alignment than one atom. The search asks the
//! index for a span of `atoms + align - 1` atoms, which surely holds an
//! aligned run of `atoms`; the free tail is looked at exactly. The atoms
//! cut off before and after the block stay free.

use super::{atoms_to_pages, Engine, EngineError, ATOMS_PER_PAGE};

/// `atom` rounded up to a multiple of `align`, a power of two.
fn align_up(atom: u32, align: u32) -> u64 {
    (u64::from(atom) + u64::from(align) - 1) & !(u64::from(align) - 1)
}

impl Engine {
    /// Allocates `atoms` atoms at a start that is a multiple of `align`
    /// (a power of two, at most a page of atoms) and returns the start.
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span holds an aligned run of `atoms`.
    ///
    /// # Examples
    ///
    /// ```
    /// use hostheap::engine::Engine;
    ///
    /// let mut engine = Engine::new(1).unwrap();
    /// engine.alloc(3).unwrap();
    /// assert_eq!(engine.alloc_aligned(1, 8).unwrap(), 8);
    /// assert_eq!(engine.alloc(5).unwrap(), 3, "the atoms skipped stay free");
    /// ```
    pub fn alloc_aligned(&mut self, atoms: u32, align: u32) -> Result<u32, EngineError> {
        debug_assert!(align.is_power_of_two() && align <= ATOMS_PER_PAGE, "align {align}");
        if align == 1 {
            return self.alloc(atoms);
        }
        let Some((start, end)) = self.aligned_fit(atoms, align, false) else {
            return Err(self.no_aligned_fit(atoms, align));
        };
        let low = align_up(start, align) as u32;
        self.unlist(start, end);
        self.carve((start, end), (low, low + atoms));
        self.used += atoms;
        Ok(low)
    }

    /// A start, a multiple of `align`, where `atoms` atoms are free now,
    /// allocating nothing; the free tail first, as [`Engine::scratch`].
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span holds an aligned run of `atoms`.
    pub fn scratch_aligned(&mut self, atoms: u32, align: u32) -> Result<u32, EngineError> {
        debug_assert!(align.is_power_of_two() && align <= ATOMS_PER_PAGE, "align {align}");
        match self.aligned_fit(atoms, align, true) {
            Some((start, _)) => Ok(align_up(start, align) as u32),
            None => Err(self.no_aligned_fit(atoms, align)),
        }
    }

    /// Pages to grow by so that `atoms` atoms at a multiple of `align` fit
    /// at the end. Not inlined: shared (see the engine's notes on size).
    #[inline(never)]
    pub fn pages_to_fit_aligned(&self, atoms: u32, align: u32) -> u32 {
        // New pages start at a page boundary, which every alignment divides,
        // so the run starts in the tail, or at the old capacity.
        let end = align_up(self.layout.tail, align) + u64::from(atoms);
        let beyond = end.saturating_sub(u64::from(self.layout.capacity));
        atoms_to_pages(beyond.min(u64::from(u32::MAX)) as u32)
    }

    /// The free span to carve an aligned run from: the best fit, or the
    /// tail where it is smaller (or always first, with `tail_first`).
    fn aligned_fit(&self, atoms: u32, align: u32, tail_first: bool) -> Option<(u32, u32)> {
        let (tail, capacity) = (self.layout.tail, self.layout.capacity);
        let tail_fits = tail < capacity && align_up(tail, align) + u64::from(atoms) <= u64::from(capacity);
        if tail_fits && tail_first {
            return Some((tail, capacity));
        }
        let padded = atoms.checked_add(align - 1)?;
        match self.index.best_fit(padded, &self.layout) {
            Some(fit) if !(tail_fits && capacity - tail < fit.size) => Some((fit.start, fit.start + fit.size)),
            _ if tail_fits => Some((tail, capacity)),
            _ => None,
        }
    }

    #[cold]
    fn no_aligned_fit(&self, atoms: u32, align: u32) -> EngineError {
        EngineError::NoFit { atoms, pages: self.pages_to_fit_aligned(atoms, align) }
    }
}
