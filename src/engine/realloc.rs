//! Resizing a live block: in place where the span after it allows, else
//! by moving. The engine moves only its records; the caller copies the
//! bytes. A token's block keeps its ticket when it moves.

use super::{atoms_to_pages, Engine, EngineError};

impl Engine {
    /// Resizes the live block at `start` to `atoms` atoms and returns its
    /// start now: the same when it shrinks, or grows into a free span
    /// right after it; otherwise the best fit elsewhere, or the block
    /// merged with the free spans on both sides when nothing else fits.
    /// The caller copies the contents (the ranges may overlap).
    ///
    /// # Errors
    /// - [`EngineError::NotLive`] unless a live block starts at `start`;
    /// - [`EngineError::NoFit`] when nothing fits, with the pages to grow by first.
    ///
    /// # Examples
    ///
    /// ```
    /// use hostheap::engine::Engine;
    ///
    /// let mut engine = Engine::new(1).unwrap();
    /// let a = engine.alloc(2).unwrap();
    /// assert_eq!(engine.realloc(a, 8).unwrap(), a, "the free tail follows: in place");
    /// let b = engine.alloc(1).unwrap();
    /// let moved = engine.realloc(a, 16).unwrap();
    /// assert_eq!((b, moved), (8, 9));
    /// ```
    pub fn realloc(&mut self, start: u32, atoms: u32) -> Result<u32, EngineError> {
        debug_assert!(atoms > 0, "realloc({start}, 0)");
        if !self.is_block(start) {
            return Err(EngineError::NotLive { start });
        }
        let end = self.layout.span_end(start);
        let size = end - start;
        let capacity = self.layout.capacity;
        let next_end = if end < capacity && self.layout.is_free(end) { self.free_end(end) } else { end };
        if atoms <= size || next_end - start >= atoms {
            self.resize_in_place(start, end, next_end, atoms);
            return Ok(start);
        }
        if let Ok(new) = self.alloc(atoms) {
            let owner = self.disown(start);
            self.used -= self.release(start);
            if let Some(ticket) = owner {
                self.reown(new, ticket);
            }
            return Ok(new);
        }
        let low = if start > 0 && self.layout.is_free(self.layout.span_before(start)) {
            self.layout.span_before(start)
        } else {
            start
        };
        if next_end - low < atoms {
            // Growth at the end helps in place when the block reaches the tail.
            let pages =
                if next_end == capacity { atoms_to_pages(atoms - (capacity - low)) } else { self.pages_to_fit(atoms) };
            return Err(EngineError::NoFit { atoms, pages });
        }
        // Only the block with its free neighbours holds `atoms`: free it,
        // and the best fit is that merged span.
        let owner = self.disown(start);
        self.used -= self.release(start);
        let new = self.alloc(atoms)?;
        debug_assert_eq!(new, low, "the merged span is the only fit");
        if let Some(ticket) = owner {
            self.reown(new, ticket);
        }
        Ok(new)
    }

    /// Sets the block `[start, end)` to `atoms` atoms, taking from or
    /// giving to the free span `[end, next_end)` after it (empty when
    /// `next_end == end`).
    fn resize_in_place(&mut self, start: u32, end: u32, next_end: u32, atoms: u32) {
        let new_end = start + atoms;
        if new_end == end {
            return;
        }
        if next_end > end {
            self.unlist(end, next_end);
            self.layout.remove_start(end);
        }
        if new_end < next_end {
            self.list(new_end, next_end);
        }
        self.used = self.used + atoms - (end - start);
    }
}
