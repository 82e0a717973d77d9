//! The best-fit index over free spans (all but the free tail, which the
//! engine keeps apart).
//!
//! Spans of up to [`SMALL_ATOMS`] atoms live in exact-size bins. Bin `s`
//! is a bitset over the words of the layout, 64 atoms each: bit `j` is set
//! while a free span of exactly `s` atoms starts in word `j`. Bit order is
//! address order, so a bin's first set bit leads to its lowest span; the
//! spans of that size in the word are read off the layout's two words
//! there (see [`Layout::spans_of`]), which a free or an allocation reads
//! anyway. A bitmap says which bins hold spans, so the smallest fitting
//! size is a word scan away. Insert is a bit flip; remove reads the word
//! first, and flips the bit when no other span of the size starts there;
//! no stale entries are left to sweep. The bins cost 1 bit per atom of
//! memory, and their summaries are shallow: two levels up to about 3 MiB
//! of memory, three up to about 200 MiB.
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

/// Atoms in a word of the layout, a position of the bins.
const WORD_ATOMS: u32 = 64;

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
}

/// Free spans by size, for best fit.
#[derive(Clone, Debug)]
pub struct FreeIndex {
    /// Bin `s - 1` marks the words of the layout where a free span of `s` atoms starts.
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
        self.bins.resize(capacity.div_ceil(WORD_ATOMS));
    }

    /// Adds the free span `[start, start + size)`.
    #[inline(always)]
    pub fn insert(&mut self, start: u32, size: u32) {
        // Sizes 1 to 64 have bins 0 to 63: one test, where `size >
        // SMALL_ATOMS` would leave a bin's bounds to check as well.
        let bit = (size - 1) as usize;
        if bit >= SMALL_ATOMS as usize {
            return self.insert_large(start, size);
        }
        self.bins.set(bit, start / WORD_ATOMS);
        self.occupied[bit / 64] |= 1 << (bit % 64);
    }

    /// Forgets the free span `[start, start + size)`, which must be
    /// indexed. `layout` must still show this span and the indexed ones
    /// where they are, and mark no other span free but the tail (which
    /// ends at no start, so is never counted): the bit of its word stays
    /// while another free span of its size starts there.
    #[inline]
    pub fn remove(&mut self, start: u32, size: u32, layout: &Layout) {
        let bit = (size - 1) as usize;
        if bit >= SMALL_ATOMS as usize {
            return self.remove_large(start, size);
        }
        let word = start / WORD_ATOMS;
        if layout.spans_of(word, size) & !(1 << (start % WORD_ATOMS)) == 0 {
            self.clear_small(bit, word);
        }
    }

    /// [`FreeIndex::insert`] for a large span. The large set's code stays
    /// out of the small spans' path, the hot one, which then needs few
    /// registers where it is inlined.
    #[inline(never)]
    fn insert_large(&mut self, start: u32, size: u32) {
        self.large.insert(large_key(size, start));
    }

    /// [`FreeIndex::remove`] for a large span, apart as `insert_large` is.
    #[inline(never)]
    fn remove_large(&mut self, start: u32, size: u32) {
        let found = self.large.remove(large_key(size, start));
        debug_assert!(found, "large span {start}+{size} was not indexed");
    }

    /// Forgets a span that [`FreeIndex::best_fit`] found; `layout` as for
    /// [`FreeIndex::remove`].
    #[inline(never)]
    pub fn take(&mut self, fit: Fit, layout: &Layout) {
        self.remove(fit.start, fit.size, layout);
    }

    /// Clears word `word` of bin `bit`, which must be set.
    #[inline]
    fn clear_small(&mut self, bit: usize, word: u32) {
        debug_assert!(self.bins.get(bit, word), "word {word} of bin {} was not set", bit + 1);
        let emptied = self.bins.clear(bit, word);
        self.mark_emptied(bit, emptied);
    }

    /// Clears bit `bit` of the bitmap when its bin has `emptied`.
    #[inline]
    fn mark_emptied(&mut self, bit: usize, emptied: bool) {
        // Without a branch: whether the bin empties is a coin toss.
        self.occupied[bit / 64] &= !(u64::from(emptied) << (bit % 64));
    }

    /// Takes the lowest span of exactly `size` atoms (at most
    /// [`SMALL_ATOMS`]), which must exist, marks it live in `layout` and
    /// returns its start; `layout` as for [`FreeIndex::remove`] before.
    #[inline]
    pub fn take_lowest(&mut self, size: u32, layout: &mut Layout) -> u32 {
        let bit = size as usize - 1;
        let mut lowest = 0;
        // The bin's first word is cleared, in the same descent, when the
        // span is the only one of its size there.
        let (word, emptied) = self.bins.take_first(bit, |word| {
            let spans = layout.spans_of(word, size);
            debug_assert!(spans != 0, "bin {size} marks word {word}, which holds no span of its size");
            // The span's free bit is cleared in the word just read, by the
            // bit found there: an address worked out again from the start
            // would wait for the whole search above.
            lowest = spans & spans.wrapping_neg();
            layout.clear_free_bits(word, lowest);
            spans == lowest
        });
        self.mark_emptied(bit, emptied);
        word * WORD_ATOMS + lowest.trailing_zeros()
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
            let word = self.bins.first(span as usize - 1);
            let start = word * WORD_ATOMS + layout.spans_of(word, span).trailing_zeros();
            return Some(Fit { start, size: span });
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
        Some(Fit { start, size: span })
    }

    /// The size of the largest indexed span, 0 when there is none. Not
    /// inlined: shared (see the engine's notes on size).
    #[inline(never)]
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
    /// excluded): each span's word is marked in its bin or the span is held
    /// in the large set, nothing else is, and the bitmap says which bins
    /// hold spans.
    pub fn check(&self, spans: impl Iterator<Item = (u32, u32)>) -> Result<(), Violation> {
        self.bins.check()?;
        // The bits and keys the spans need. Spans come in address order, so
        // a second span of one size in a word comes while `seen` still
        // holds the sizes met in that word: it needs no bit of its own.
        let (mut needed, mut word, mut seen) = (0, u32::MAX, [0u64; BITMAP_WORDS]);
        for (start, size) in spans {
            let indexed = if size > SMALL_ATOMS {
                needed += 1;
                self.large.contains(large_key(size, start))
            } else {
                let bin = size as usize - 1;
                if start / WORD_ATOMS != word {
                    (word, seen) = (start / WORD_ATOMS, [0; BITMAP_WORDS]);
                }
                needed += usize::from(seen[bin / 64] & (1 << (bin % 64)) == 0);
                seen[bin / 64] |= 1 << (bin % 64);
                self.bins.get(bin, word)
            };
            if !indexed {
                return Err(Violation::at("a free span is missing from the index", start));
            }
        }
        let (mut held, mut bitmap_agrees) = (self.large.len(), true);
        for bin in 0..SMALL_ATOMS as usize {
            let marked = self.bins.count(bin);
            held += marked;
            bitmap_agrees &= (self.occupied[bin / 64] & (1 << (bin % 64)) != 0) == (marked != 0);
        }
        // Every bit and key the spans need is there: equal counts leave no room for more.
        if held != needed {
            return Err(Violation::new("the index holds a span that is not free"));
        }
        if !bitmap_agrees {
            return Err(Violation::new("the bitmap of occupied bins disagrees with a bin"));
        }
        Ok(())
    }

    /// The smallest size at or above `from` whose bin holds a span.
    #[inline]
    pub fn next_occupied(&self, from: u32) -> Option<u32> {
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
