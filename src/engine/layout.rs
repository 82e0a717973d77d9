//! Where spans start, which are free and which live blocks a token owns.
//! The `starts` and `free` bits of each 64 atoms sit side by side, so that
//! the checks of one free or alloc read one place; the `owned` bits, which
//! only a free reads, sit apart. A summary of the words that hold a start
//! finds the nearest start on either side of an atom in O(log64 n), even
//! across a long free span.
//!
//! Invariants, checked by [`Layout::check`]:
//! - `words` covers exactly `capacity` atoms (capacity is whole pages);
//! - a `free` bit is set only where the `starts` bit is, an `owned` bit
//!   only where a live block starts;
//! - bit `j` of `nonempty` is set exactly when word `j` holds a start.

use alloc::vec::Vec;

#[cfg(test)]
use super::bins::ones;
use super::bins::{resize_with_headroom, Bins};
use super::Violation;

const WORD_BITS: u32 = 64;

/// The bits of 64 atoms.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    /// Atoms that start a span.
    starts: u64,
    /// Atoms that start a free span.
    free: u64,
}

/// The word that holds atom `atom`, and the atom's bit in it.
#[inline]
fn locate(atom: u32) -> (usize, u64) {
    ((atom / WORD_BITS) as usize, 1 << (atom % WORD_BITS))
}

/// What lies on either side of a span, as [`Layout::around`] reads it.
#[derive(Clone, Copy, Debug)]
pub struct Around {
    /// The end of the span.
    pub end: u32,
    /// The start of the free span just before it, or its own start when
    /// the span before it is not free.
    pub low: u32,
    /// Whether the span after it is free.
    pub free_after: bool,
}

/// Where spans start, which are free and which are owned.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Atoms covered.
    pub capacity: u32,
    /// Start of the free tail span, or `capacity` when the last span is live.
    pub tail: u32,
    words: Vec<Word>,
    /// Atoms that start a live block owned by a token, a word per 64 atoms.
    owned: Vec<u64>,
    /// Bit `j` is set while `words[j]` holds a start.
    nonempty: Bins,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { capacity: 0, tail: 0, words: Vec::new(), owned: Vec::new(), nonempty: Bins::new(1) }
    }
}

impl Layout {
    /// Word `w`. Words are read and changed through here and `word_mut`,
    /// so that the bounds check has one place to report, not one per use.
    #[inline(always)]
    fn word(&self, w: usize) -> Word {
        self.words[w]
    }

    /// Word `w`, to change.
    #[inline(always)]
    fn word_mut(&mut self, w: usize) -> &mut Word {
        &mut self.words[w]
    }

    /// Whether a live block starts at `atom`; `false` past the end.
    #[inline]
    pub fn is_live(&self, atom: u32) -> bool {
        let (w, bit) = locate(atom);
        self.words.get(w).is_some_and(|word| word.starts & !word.free & bit != 0)
    }

    /// Whether a free span starts at `atom`; `false` past the end.
    #[inline]
    pub fn is_free(&self, atom: u32) -> bool {
        let (w, bit) = locate(atom);
        self.words.get(w).is_some_and(|word| word.free & bit != 0)
    }

    /// Whether a live block owned by a token starts at `atom`; `false` past the end.
    #[inline]
    pub fn is_owned(&self, atom: u32) -> bool {
        let (w, bit) = locate(atom);
        self.owned.get(w).is_some_and(|&word| word & bit != 0)
    }

    /// Marks the live block at `start` as owned by a token. Inlined: it
    /// is on the path of a token's allocation, which is as hot as
    /// `malloc`. `clear_owned` is not (see the engine's notes on size);
    /// `free` only reads the bit.
    #[inline]
    pub fn set_owned(&mut self, start: u32) {
        let (w, bit) = locate(start);
        self.owned[w] |= bit;
    }

    /// Marks the live block at `start` as owned by no token.
    #[inline(never)]
    pub fn clear_owned(&mut self, start: u32) {
        let (w, bit) = locate(start);
        self.owned[w] &= !bit;
    }

    /// Whether a span starts at `atom`; `false` past the end.
    pub fn is_start(&self, atom: u32) -> bool {
        let (w, bit) = locate(atom);
        self.words.get(w).is_some_and(|word| word.starts & bit != 0)
    }

    /// The end of the span that starts at `start`, below the capacity.
    #[inline]
    pub fn span_end(&self, start: u32) -> u32 {
        // Spans are mostly short: look in this word and the next as one,
        // without a branch on which of them holds the end.
        let (w, bit) = locate(start);
        let here = self.word(w).starts & !(bit | (bit - 1));
        let next = self.words.get(w + 1).map_or(0, |word| word.starts);
        let pair = u128::from(next) << WORD_BITS | u128::from(here);
        if pair != 0 {
            return w as u32 * WORD_BITS + pair.trailing_zeros();
        }
        self.next_start_beyond(w + 2)
    }

    /// The start of the span that holds atom `atom - 1`; `atom` is above 0.
    /// Not inlined: shared (see the engine's notes on size); a free reads
    /// its neighbours through `around`.
    #[inline(never)]
    pub fn span_before(&self, atom: u32) -> u32 {
        // As in `span_end`: this word and the one before, as one.
        let (w, bit) = locate(atom);
        let here = self.word(w).starts & (bit - 1);
        let before = if w > 0 { self.word(w - 1).starts } else { 0 };
        let pair = u128::from(here) << WORD_BITS | u128::from(before);
        if pair != 0 {
            // Bit `i` of the pair is atom `(w - 1) * 64 + i`; with w = 0 the
            // bit is in `here`, so `i >= 64`.
            return w as u32 * WORD_BITS + (2 * WORD_BITS - 1 - pair.leading_zeros()) - WORD_BITS;
        }
        // Atom 0 always starts a span.
        match self.prev_start_before(w.saturating_sub(1)) {
            u32::MAX => 0,
            before => before,
        }
    }

    /// The end of the live span at `start` and its free neighbours, or
    /// `None` when no live span starts there: what a free reads, the test
    /// included, in one pass over the words on either side.
    #[inline]
    pub fn around(&self, start: u32) -> Option<Around> {
        let (w, bit) = locate(start);
        let word = *self.words.get(w)?;
        if word.starts & !word.free & bit == 0 {
            return None;
        }
        let next = self.words.get(w + 1).copied().unwrap_or_default();
        let prev = if w > 0 { self.word(w - 1) } else { Word::default() };
        let base = w as u32 * WORD_BITS;
        // Offsets from `base`, in this word and the next as one, as in
        // `span_end` but with 64-bit steps: 128-bit ones cost more in wasm.
        // A zero word counts 64, so nothing in either gives 128.
        let above = word.starts & !(bit | (bit - 1));
        let offset = if above != 0 { above.trailing_zeros() } else { WORD_BITS + next.starts.trailing_zeros() };
        let end = if offset < 2 * WORD_BITS { base + offset } else { self.next_start_beyond(w + 2) };
        // A free span starts at the end when its bit is set, in this word
        // or the next (or, past those, in the word that holds it).
        let free_after = if offset < 2 * WORD_BITS {
            let free = if offset < WORD_BITS { word.free } else { next.free };
            free >> (offset % WORD_BITS) & 1 != 0
        } else {
            self.is_free(end)
        };
        // The start before, as in `span_before`, and whether it is free:
        // `at` counts from `base - 64`, and is negative when neither word
        // holds a start before this one.
        let below = word.starts & (bit - 1);
        let at = if below != 0 {
            2 * WORD_BITS as i32 - 1 - below.leading_zeros() as i32
        } else {
            WORD_BITS as i32 - 1 - prev.starts.leading_zeros() as i32
        };
        let before = if at >= 0 {
            let free = if at >= WORD_BITS as i32 { word.free } else { prev.free };
            // With w = 0 the start is in this word, so `at >= 64`.
            (free >> (at as u32 % WORD_BITS) & 1 != 0).then(|| base + at as u32 - WORD_BITS)
        } else if start > 0 {
            Some(self.prev_start_before(w.saturating_sub(1))).filter(|&before| self.is_free(before))
        } else {
            None
        };
        Some(Around { end, low: before.unwrap_or(start), free_after })
    }

    /// The first start at or after `atom`.
    #[cfg(test)]
    pub fn next_start(&self, atom: u32) -> Option<u32> {
        let (w, bit) = locate(atom);
        let from_here = self.words.get(w)?.starts & !(bit - 1);
        if from_here != 0 {
            return Some(w as u32 * WORD_BITS + from_here.trailing_zeros());
        }
        Some(self.next_start_beyond(w + 1)).filter(|&start| start < self.capacity)
    }

    /// The last start at or before `atom`, which is below the capacity.
    #[cfg(test)]
    pub fn prev_start(&self, atom: u32) -> Option<u32> {
        let (w, bit) = locate(atom);
        let to_here = self.word(w).starts & (bit | (bit - 1));
        if to_here != 0 {
            return Some(w as u32 * WORD_BITS + WORD_BITS - 1 - to_here.leading_zeros());
        }
        Some(self.prev_start_before(w)).filter(|&start| start != u32::MAX)
    }

    /// The free spans of exactly `size` atoms (1 to 64) that start in word
    /// `w`, as bits of that word: a free start whose next start lies
    /// `size` atoms on, in this word or the next. The tail ends at the
    /// capacity, where no start is, so it is never among them.
    ///
    /// Exact when the word holds at least one such span, as every word
    /// that a bin marks does: a lone candidate (a free start with a start
    /// `size` atoms on) is then that span, with no test of the atoms
    /// between. In a word that holds none, a lone candidate whose span is
    /// shorter would come back as one.
    #[inline]
    pub fn spans_of(&self, w: u32, size: u32) -> u64 {
        debug_assert!((1..=WORD_BITS).contains(&size), "spans_of({w}, {size})");
        let w = w as usize;
        let word = self.word(w);
        let next = self.words.get(w + 1).map_or(0, |word| word.starts);
        // Bit `i` of `ends` is set when a start lies `size` atoms after atom
        // `i` of this word.
        let ends = word.starts >> (size - 1) >> 1 | next << (WORD_BITS - size);
        let candidates = word.free & ends;
        // With more than one candidate, the atoms after each and before its
        // end must hold no start, or it is a shorter span. Mostly there is
        // one candidate.
        let between = |at: u32| (word.starts >> at >> 1 | next << (WORD_BITS - 1 - at)) & ((1 << (size - 1)) - 1);
        if candidates & candidates.wrapping_sub(1) == 0 {
            // One, which is then the span the word holds, or none.
            debug_assert!(
                candidates == 0 || between(candidates.trailing_zeros()) == 0,
                "spans_of({w}, {size}) in a word that holds no span of that size"
            );
            return candidates;
        }
        let (mut rest, mut spans) = (candidates, 0);
        while rest != 0 {
            let at = rest.trailing_zeros();
            spans |= u64::from(between(at) == 0) << at;
            rest &= rest - 1;
        }
        spans
    }

    /// Makes `atom` the start of a free span.
    #[inline(always)]
    pub fn add_free_start(&mut self, atom: u32) {
        let (w, bit) = locate(atom);
        let word = self.word_mut(w);
        let before = word.starts;
        word.starts |= bit;
        word.free |= bit;
        if before == 0 {
            self.nonempty.set(0, w as u32);
        }
    }

    /// Makes `atom` start no span.
    #[inline]
    pub fn remove_start(&mut self, atom: u32) {
        let (w, bit) = locate(atom);
        let word = self.word_mut(w);
        word.starts &= !bit;
        word.free &= !bit;
        if word.starts == 0 {
            self.nonempty.clear(0, w as u32);
        }
    }

    /// Marks the span at `start` free.
    #[inline]
    pub fn set_free(&mut self, start: u32) {
        let (w, bit) = locate(start);
        self.word_mut(w).free |= bit;
    }

    /// Marks the span at `start` live.
    #[inline]
    pub fn clear_free(&mut self, start: u32) {
        let (w, bit) = locate(start);
        self.word_mut(w).free &= !bit;
    }

    /// Marks live the spans at bits `bits` of word `w`.
    #[inline]
    pub fn clear_free_bits(&mut self, w: u32, bits: u64) {
        self.word_mut(w as usize).free &= !bits;
    }

    /// Changes the capacity; starts past a smaller one are dropped.
    pub fn resize(&mut self, capacity: u32) {
        debug_assert!(capacity % WORD_BITS == 0, "capacity {capacity} is not whole words");
        let words = (capacity / WORD_BITS) as usize;
        while let Some(w) = self.nonempty.next_set(0, words as u32) {
            self.nonempty.clear(0, w);
        }
        self.nonempty.resize(words as u32);
        resize_with_headroom(&mut self.words, words);
        resize_with_headroom(&mut self.owned, words);
        self.capacity = capacity;
    }

    /// Bytes held by the words and the summary.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * core::mem::size_of::<Word>() + self.owned.capacity() * 8 + self.nonempty.heap_bytes()
    }

    /// The free starts, in order.
    #[cfg(test)]
    pub fn free_starts(&self) -> impl Iterator<Item = u32> + '_ {
        ones(self.words.iter().map(|word| word.free))
    }

    /// Checks the words against the capacity and the summary against the words.
    pub fn check(&self) -> Result<(), Violation> {
        if self.words.len() as u64 * u64::from(WORD_BITS) != u64::from(self.capacity) {
            return Err(Violation::new("the layout's words do not cover the capacity"));
        }
        self.nonempty.check()?;
        if self.owned.len() != self.words.len() {
            return Err(Violation::new("the owned bits do not cover the capacity"));
        }
        for (w, (word, &owned)) in self.words.iter().zip(&self.owned).enumerate() {
            if word.free & !word.starts != 0 {
                let atom = w as u32 * WORD_BITS + (word.free & !word.starts).trailing_zeros();
                return Err(Violation::at("an atom is marked free but starts no span", atom));
            }
            let stray = owned & !(word.starts & !word.free);
            if stray != 0 {
                let atom = w as u32 * WORD_BITS + stray.trailing_zeros();
                return Err(Violation::at("an atom is marked owned but starts no live block", atom));
            }
        }
        // The summary's own check has already refused bits past the words.
        for (w, word) in self.words.iter().enumerate() {
            if self.nonempty.get(0, w as u32) != (word.starts != 0) {
                return Err(Violation::at("the layout's summary disagrees with its words", w as u32 * WORD_BITS));
            }
        }
        Ok(())
    }

    /// The first start in words `w..`, through the summary; the capacity
    /// when there is none. (A plain number: an `Option` would come back
    /// through memory in wasm, and its callers would set up a stack frame
    /// for it on every call, taken or not.)
    #[cold]
    #[inline(never)]
    fn next_start_beyond(&self, w: usize) -> u32 {
        match self.nonempty.next_set(0, w as u32) {
            Some(w) => w * WORD_BITS + self.word(w as usize).starts.trailing_zeros(),
            None => self.capacity,
        }
    }

    /// The last start in words `..w`, through the summary; `u32::MAX`
    /// when there is none (see `next_start_beyond`).
    #[cold]
    #[inline(never)]
    fn prev_start_before(&self, w: usize) -> u32 {
        match (w as u32).checked_sub(1).and_then(|w| self.nonempty.prev_set(0, w)) {
            Some(w) => w * WORD_BITS + WORD_BITS - 1 - self.word(w as usize).starts.leading_zeros(),
            None => u32::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout_with(capacity: u32, starts: &[u32]) -> Layout {
        let mut layout = Layout::default();
        layout.resize(capacity);
        for &atom in starts {
            layout.add_free_start(atom);
        }
        layout
    }

    #[test]
    fn finds_neighbours_across_levels() {
        let layout = layout_with(1 << 20, &[3, 70_000, 999_999]);
        assert_eq!(layout.next_start(0), Some(3));
        assert_eq!(layout.next_start(4), Some(70_000));
        assert_eq!(layout.next_start(70_001), Some(999_999));
        assert_eq!(layout.next_start(1_000_000), None);
        assert_eq!(layout.prev_start(999_998), Some(70_000));
        assert_eq!(layout.prev_start(69_999), Some(3));
        assert_eq!(layout.prev_start(2), None);
        assert_eq!(layout.prev_start(1 << 19), Some(70_000));
        assert_eq!(layout.span_end(3), 70_000);
        assert_eq!(layout.span_end(999_999), 1 << 20);
        assert_eq!(layout.span_before(999_999), 70_000);
        assert_eq!(layout.span_before(70_000), 3);
        layout.check().unwrap();
    }

    #[test]
    fn removing_the_last_start_of_a_word_updates_the_summary() {
        let mut layout = layout_with(10_048, &[100, 5000]);
        layout.remove_start(5000);
        assert_eq!(layout.next_start(101), None);
        layout.remove_start(100);
        assert_eq!(layout.next_start(0), None);
        assert_eq!(layout.prev_start(10_047), None);
        layout.check().unwrap();
    }

    #[test]
    fn growing_keeps_starts_and_shrinking_drops_them() {
        let mut layout = layout_with(64, &[0, 63]);
        layout.resize(1 << 18);
        assert_eq!(layout.next_start(1), Some(63));
        layout.add_free_start(200_000);
        assert_eq!(layout.prev_start((1 << 18) - 1), Some(200_000));
        layout.resize(4096);
        layout.check().unwrap();
        assert_eq!(layout.next_start(64), None);
        assert_eq!(layout.prev_start(4095), Some(63));
        layout.resize(1 << 18);
        assert_eq!(layout.next_start(64), None, "dropped starts do not come back");
        layout.check().unwrap();
    }

    #[test]
    fn spans_of_tells_free_spans_by_size() {
        //  [ free:2 ][ live:1 ][ free:5 ][ live:60 ][ free:3 ][ live … ]
        let mut layout = layout_with(4096, &[0, 3, 8, 68, 71]);
        for live in [2, 8, 71] {
            layout.add_free_start(live);
            layout.clear_free(live);
        }
        assert_eq!(layout.spans_of(0, 2), 1);
        assert_eq!(layout.spans_of(0, 5), 1 << 3);
        assert_eq!(layout.spans_of(0, 1), 0, "a free span ends at its next start, not before");
        assert_eq!(layout.spans_of(1, 3), 1 << 4, "a span that starts in one word and ends in the next");
        assert_eq!(layout.spans_of(0, 63), 0);
        assert_eq!(layout.free_starts().collect::<Vec<_>>(), vec![0, 3, 68]);
        layout.check().unwrap();
    }

    #[test]
    fn spans_of_tells_several_in_a_word() {
        //  [ free:3 ][ live:7 ][ free:3 ][ live:7 ][ free:1 ][ live:2 ][ live … ]
        let mut layout = layout_with(4096, &[0, 3, 10, 13, 20, 21, 23]);
        for live in [3, 13, 21, 23] {
            layout.add_free_start(live);
            layout.clear_free(live);
        }
        assert_eq!(layout.spans_of(0, 3), 1 | 1 << 10, "not 20, whose span ends at 21");
        assert_eq!(layout.spans_of(0, 1), 1 << 20);
        layout.check().unwrap();
    }

    #[test]
    fn agrees_with_a_naive_scan() {
        let capacity = 8192u32;
        let set: Vec<u32> = (0..capacity).filter(|i| (i * 7919) % 613 < 3).collect();
        let layout = layout_with(capacity, &set);
        for from in 0..capacity {
            let next = set.iter().copied().find(|&i| i >= from);
            let prev = set.iter().copied().rev().find(|&i| i <= from);
            assert_eq!(layout.next_start(from), next, "next_start({from})");
            assert_eq!(layout.prev_start(from), prev, "prev_start({from})");
        }
    }
}
