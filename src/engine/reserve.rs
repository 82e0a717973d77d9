//! Reserved spans: ranges the engine never hands out, such as a module's
//! data segments, a shadow stack or another allocator's area. A reserved
//! span is a span in use, like a block, whose start is kept in `reserved`;
//! it counts in [`Stats::reserved`](super::Stats::reserved), not in `used`,
//! and only [`Engine::unreserve`] frees it.

use super::{Engine, EngineError};

impl Engine {
    /// Reserves `[start, start + atoms)`, which must be free.
    ///
    /// # Errors
    /// - [`EngineError::OutOfRange`] when the range is empty or passes the capacity;
    /// - [`EngineError::Overlaps`] when a live block or a reserved span lies in it.
    ///
    /// # Examples
    ///
    /// ```
    /// use hostheap::engine::{Engine, Kind};
    ///
    /// let mut engine = Engine::new(1).unwrap();
    /// engine.reserve(0, 64).unwrap();
    /// assert_eq!(engine.alloc(1).unwrap(), 64, "never inside the reserved span");
    /// assert_eq!(engine.kind(0), Some(Kind::Reserved));
    /// engine.unreserve(0).unwrap();
    /// assert_eq!(engine.alloc(64).unwrap(), 0);
    /// ```
    pub fn reserve(&mut self, start: u32, atoms: u32) -> Result<(), EngineError> {
        let end = u64::from(start) + u64::from(atoms);
        if atoms == 0 || end > u64::from(self.layout.capacity) {
            return Err(EngineError::OutOfRange { start, atoms });
        }
        if let Some(span) = self.first_in_use(start, atoms) {
            return Err(EngineError::Overlaps { start, atoms, span });
        }
        let span = self.span_holding(start);
        let span_end = self.free_end(span);
        self.unlist(span, span_end);
        self.carve((span, span_end), (start, end as u32));
        self.reserved.insert(u128::from(start));
        self.reserved_atoms += atoms;
        Ok(())
    }

    /// The first span in use (a block or a reserved span) that the atoms
    /// `[start, start + atoms)` overlap, if any; `None` past the capacity.
    pub fn first_in_use(&self, start: u32, atoms: u32) -> Option<u32> {
        if start >= self.layout.capacity {
            return None;
        }
        let span = self.span_holding(start);
        if !self.layout.is_free(span) {
            return Some(span);
        }
        // Free spans do not touch: the span after this one is in use.
        let end = self.free_end(span);
        (u64::from(end) < u64::from(start) + u64::from(atoms) && end < self.layout.capacity).then_some(end)
    }

    /// Frees the reserved span at `start` and returns its size.
    ///
    /// # Errors
    /// [`EngineError::NotReserved`] unless a reserved span starts at `start`.
    pub fn unreserve(&mut self, start: u32) -> Result<u32, EngineError> {
        if !self.reserved.remove(u128::from(start)) {
            return Err(EngineError::NotReserved { start });
        }
        let atoms = self.release(start);
        self.reserved_atoms -= atoms;
        Ok(atoms)
    }
}
