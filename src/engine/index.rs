//! The best-fit index over free spans (all but the free tail, which the
//! engine keeps apart).
//!
//! Spans of up to [`SMALL_ATOMS`] atoms live in exact-size bins. Bin `s`
//! is a bitset over windows of `s` atoms: bit `j` is set when a free span of
//! exactly `s` atoms starts in `[j·s, (j+1)·s)`. Two such spans would
//! overlap if they started in one window, so each bit stands for one span,
//! and bit order is address order: a bin's first set bit is its lowest
//! span. The span's start inside the window is read off the layout. A
//! bitmap says which bins hold spans, so the smallest fitting size is a
//! word scan away. Insert and remove are a bit flip each, with no stale
//! entries to sweep. The bins cost Σ 1/s ≈ 4.7 bits per atom of memory.
//!
//! Larger spans live in one ordered set keyed by (size, start).
//!
//! Invariant: every free span but the tail is in exactly one place, its bin
//! or the large set, and nothing else is.

use super::bins::Bins;
use super::ordered::OrderedSet;
use super::{Layout, Violation};

/// Spans of up to this many atoms (1 KiB) get an exact-size bin.
pub const SMALL_ATOMS: u32 = 64;

const BITMAP_WORDS: usize = (SMALL_ATOMS as usize).div_ceil(64);

/// Bits of the fixed-point reciprocals in [`RECIPROCALS`].
const RECIPROCAL_SHIFT: u32 = 35;

/// `ceil(2^35 / s)` for each bin size `s`. For every start below 2^28 and
/// `s <= 128`, `start * RECIPROCALS[s] >> 35 == start / s`: the rounding
/// error `e < s` adds less than `start * e / 2^35 < 1 / s`. A multiply
/// instead of a division on every insert and remove.
const RECIPROCALS: [u64; SMALL_ATOMS as usize + 1] = {
    let mut table = [0; SMALL_ATOMS as usize + 1];
    let mut size = 1;
    while size <= SMALL_ATOMS as u64 {
        table[size as usize] = (1u64 << RECIPROCAL_SHIFT).div_ceil(size);
        size += 1;
    }
    table
};

/// The window of bin `size` that holds `start`.
#[inline]
fn window(start: u32, size: u32) -> u32 {
    ((u64::from(start) * RECIPROCALS[size as usize]) >> RECIPROCAL_SHIFT) as u32
}

fn large_key(size: u32, start: u32) -> u128 {
    (u128::from(size) << 32) | u128::from(start)
}

fn split_large_key(key: u128) -> (u32, u32) {
    ((key >> 32) as u32, key as u32)
}

/// A free span that [`FreeIndex::best_fit`] found.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    /// First atom.
    pub start: u32,
    /// Length in atoms.
    pub size: u32,
    /// The window that marks it in its bin, for a span of up to [`SMALL_ATOMS`].
    window: u32,
}

/// Free spans by size, for best fit.
#[derive(Clone, Debug)]
pub struct FreeIndex {
    /// Bin `s - 1` marks the windows of `s` atoms where a free span of `s` atoms starts.
    bins: Bins,
    /// Bit `s - 1` is set while `bins[s - 1]` is not empty.
    occupied: [u64; BITMAP_WORDS],
    /// `large_key(size, start)` of every span above `SMALL_ATOMS`.
    large: OrderedSet,
}

impl Default for FreeIndex {
    fn default() -> Self {
        FreeIndex { bins: Bins::new(SMALL_ATOMS as usize), occupied: [0; BITMAP_WORDS], large: OrderedSet::default() }
    }
}

impl FreeIndex {
    /// Sizes the bins for a memory of `capacity` atoms. Spans past it must
    /// have been removed.
    pub fn resize(&mut self, capacity: u32) {
        self.bins.resize(capacity);
    }

    /// Adds the free span `[start, start + size)`.
    #[inline]
    pub fn insert(&mut self, start: u32, size: u32) {
        if size > SMALL_ATOMS {
            self.large.insert(large_key(size, start));
            return;
        }
        let bit = size as usize - 1;
        self.bins.set(bit, window(start, size));
        self.occupied[bit / 64] |= 1 << (bit % 64);
    }

    /// Forgets the free span `[start, start + size)`, which must be indexed.
    #[inline]
    pub fn remove(&mut self, start: u32, size: u32) {
        if size > SMALL_ATOMS {
            let found = self.large.remove(large_key(size, start));
            debug_assert!(found, "large span {start}+{size} was not indexed");
            return;
        }
        self.clear_small(size, window(start, size));
    }

    /// Forgets a span that [`FreeIndex::best_fit`] found.
    #[inline]
    pub fn take(&mut self, fit: Fit) {
        if fit.size > SMALL_ATOMS {
            self.remove(fit.start, fit.size);
        } else {
            self.clear_small(fit.size, fit.window);
        }
    }

    /// Clears window `window` of bin `size`, which must be set.
    #[inline]
    fn clear_small(&mut self, size: u32, window: u32) {
        let bit = size as usize - 1;
        debug_assert!(self.bins.get(bit, window), "window {window} of bin {size} was not set");
        // Without a branch: whether the bin empties is a coin toss.
        let emptied = self.bins.clear(bit, window);
        self.occupied[bit / 64] &= !(u64::from(emptied) << (bit % 64));
    }

    /// Whether no span is indexed.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.occupied.iter().all(|&word| word == 0) && self.large.is_empty()
    }

    /// The best fit for `size` atoms: the smallest span that holds
    /// `size`, the lowest start among equals. Nothing is removed.
    #[inline]
    pub fn best_fit(&self, size: u32, layout: &Layout) -> Option<Fit> {
        if let Some(span) = self.next_occupied(size) {
            let window = self.bins.first(span as usize - 1);
            return Some(Fit { start: start_in_window(layout, window, span), size: span, window });
        }
        if self.large.is_empty() {
            return None;
        }
        self.best_large_fit(size)
    }

    #[inline(never)]
    fn best_large_fit(&self, size: u32) -> Option<Fit> {
        let from = large_key(size.max(SMALL_ATOMS + 1), 0);
        let (span, start) = split_large_key(self.large.first_from(from)?);
        Some(Fit { start, size: span, window: 0 })
    }

    /// The size of the largest indexed span, 0 when there is none.
    pub fn largest(&self) -> u32 {
        if let Some(key) = self.large.last() {
            return split_large_key(key).0;
        }
        for (w, &word) in self.occupied.iter().enumerate().rev() {
            if word != 0 {
                return (w * 64 + 64 - word.leading_zeros() as usize) as u32;
            }
        }
        0
    }

    /// Bytes held by the index's own storage.
    pub fn heap_bytes(&self) -> usize {
        self.bins.heap_bytes() + self.large.heap_bytes()
    }

    /// Checks the index against the engine's free spans (the tail
    /// excluded): each span is marked in its bin or held in the large set,
    /// nothing else is, and the bitmap says which bins hold spans.
    pub fn check(&self, spans: impl Iterator<Item = (u32, u32)>) -> Result<(), Violation> {
        self.bins.check()?;
        let (mut small, mut large) = (0, 0);
        for (start, size) in spans {
            let indexed = if size > SMALL_ATOMS {
                large += 1;
                self.large.contains(large_key(size, start))
            } else {
                small += 1;
                self.bins.get(size as usize - 1, window(start, size))
            };
            if !indexed {
                return Err(Violation::at("a free span is missing from the index", start));
            }
        }
        // Two spans of one size never share a window, so each span above
        // has a bit or a key of its own: equal counts leave no room for more.
        let marked: usize = (0..SMALL_ATOMS as usize).map(|bin| self.bins.count(bin)).sum();
        if marked != small || self.large.len() != large {
            return Err(Violation::new("the index holds a span that is not free"));
        }
        for bin in 0..SMALL_ATOMS as usize {
            let occupied = self.occupied[bin / 64] & (1 << (bin % 64)) != 0;
            if occupied != (self.bins.count(bin) != 0) {
                return Err(Violation::new("the bitmap of occupied bins disagrees with a bin"));
            }
        }
        Ok(())
    }

    /// The smallest size at or above `from` whose bin holds a span.
    #[inline]
    fn next_occupied(&self, from: u32) -> Option<u32> {
        if from > SMALL_ATOMS {
            return None;
        }
        let bit = from as usize - 1;
        let mut w = bit / 64;
        let mut word = self.occupied[w] & (!0u64 << (bit % 64));
        loop {
            if word != 0 {
                return Some((w * 64) as u32 + word.trailing_zeros() + 1);
            }
            w += 1;
            word = *self.occupied.get(w)?;
        }
    }
}

/// The start of the free span of exactly `size` atoms that starts in
/// window `window` of that size's bin.
#[inline]
fn start_in_window(layout: &Layout, window: u32, size: u32) -> u32 {
    layout.free_span_in(window * size, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reciprocals_divide_exactly() {
        for size in 1..=SMALL_ATOMS {
            for start in (0..5000).chain((1 << 28) - 5000..1 << 28) {
                assert_eq!(window(start, size), start / size, "{start} / {size}");
            }
        }
    }
}
