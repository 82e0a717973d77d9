//! Bitsets over atom positions.
//!
//! [`Bits`] is a flat bitset: get, set and clear in O(1).
//! [`BitTree`] adds summary levels on top so that the nearest set bit on
//! either side of a position is found in O(log64 n): level 0 holds one bit
//! per position, and bit `j` of level `k + 1` is set exactly when word `j`
//! of level `k` is non-zero. At 2^28 positions (4 GiB of 16-byte atoms)
//! that is five levels.

use alloc::vec::Vec;

const WORD_BITS: usize = 64;

fn word_count(bits: usize) -> usize {
    bits.div_ceil(WORD_BITS)
}

/// A flat bitset with a length.
#[derive(Clone, Debug, Default)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// The bit at `i`; `false` past the end.
    #[inline]
    pub fn get(&self, i: u32) -> bool {
        let i = i as usize;
        i < self.len && self.words[i / WORD_BITS] & (1 << (i % WORD_BITS)) != 0
    }

    /// Sets the bit at `i`, which must be below the length.
    #[inline]
    pub fn set(&mut self, i: u32) {
        let i = i as usize;
        debug_assert!(i < self.len, "set({i}) past length {}", self.len);
        self.words[i / WORD_BITS] |= 1 << (i % WORD_BITS);
    }

    /// Clears the bit at `i`, which must be below the length.
    #[inline]
    pub fn clear(&mut self, i: u32) {
        let i = i as usize;
        debug_assert!(i < self.len, "clear({i}) past length {}", self.len);
        self.words[i / WORD_BITS] &= !(1 << (i % WORD_BITS));
    }

    /// Changes the length; new bits are clear, bits past a shorter length are dropped.
    pub fn resize(&mut self, len: u32) {
        let len = len as usize;
        if len < self.len {
            cut(&mut self.words, len);
        }
        let words = word_count(len);
        if words > self.words.capacity() {
            // Memory grows a few pages at a time: an eighth of headroom
            // keeps copies rare, where doubling could leave half unused.
            let extra = (words - self.words.len()).max(self.words.len() / 8);
            self.words.reserve_exact(extra);
        }
        self.words.resize(words, 0);
        self.words.shrink_to(words + words / 8);
        self.len = len;
    }

    /// Bytes held by the words.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    /// The positions of the set bits, in order.
    pub fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            core::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some((w * WORD_BITS) as u32 + bit)
            })
        })
    }

    /// The first set bit in `[from, to)`, where `to` is at most the length.
    #[inline]
    pub fn first_in(&self, from: u32, to: u32) -> Option<u32> {
        let (from, to) = (from as usize, to as usize);
        let mut w = from / WORD_BITS;
        let mut bits = self.words[w] & (!0u64 << (from % WORD_BITS));
        loop {
            if bits != 0 {
                let found = w * WORD_BITS + bits.trailing_zeros() as usize;
                return (found < to).then_some(found as u32);
            }
            w += 1;
            if w * WORD_BITS >= to {
                return None;
            }
            bits = self.words[w];
        }
    }

}

/// Drops every bit at or past `len`: the words past it go, and the last
/// kept word loses its high bits.
fn cut(words: &mut Vec<u64>, len: usize) {
    words.truncate(word_count(len));
    if len % WORD_BITS != 0 {
        if let Some(last) = words.last_mut() {
            *last &= (1u64 << (len % WORD_BITS)) - 1;
        }
    }
}

/// A bitset that finds the nearest set bit before or after a position quickly.
#[derive(Clone, Debug, Default)]
pub struct BitTree {
    /// The bitset itself.
    leaf: Bits,
    /// `summaries[0]` has a bit per word of `leaf`, set while that word is
    /// non-zero; each next summary does the same for the one before. The
    /// last has at most one word. Empty while `leaf` fits in one word.
    summaries: Vec<Bits>,
}

impl BitTree {
    /// Number of positions.
    pub fn len(&self) -> u32 {
        self.leaf.len as u32
    }

    /// The bit at `i`; `false` past the end.
    #[inline]
    pub fn get(&self, i: u32) -> bool {
        self.leaf.get(i)
    }

    /// Sets the bit at `i`, which must be below the length.
    #[inline]
    pub fn set(&mut self, i: u32) {
        let w = i as usize / WORD_BITS;
        let word = &mut self.leaf.words[w];
        let was_empty = *word == 0;
        *word |= 1 << (i as usize % WORD_BITS);
        if was_empty {
            self.mark(w);
        }
    }

    /// Clears the bit at `i`, which must be below the length.
    #[inline]
    pub fn clear(&mut self, i: u32) {
        let w = i as usize / WORD_BITS;
        let word = &mut self.leaf.words[w];
        *word &= !(1 << (i as usize % WORD_BITS));
        if *word == 0 {
            self.unmark(w);
        }
    }

    /// The first set bit at or after `from`.
    #[inline]
    pub fn next_set(&self, from: u32) -> Option<u32> {
        // Spans are mostly short: look in this word and the next before climbing.
        let words = &self.leaf.words;
        let w = from as usize / WORD_BITS;
        let bits = *words.get(w)? & (!0u64 << (from as usize % WORD_BITS));
        if bits != 0 {
            return Some((w * WORD_BITS) as u32 + bits.trailing_zeros());
        }
        match words.get(w + 1) {
            Some(&word) if word != 0 => Some(((w + 1) * WORD_BITS) as u32 + word.trailing_zeros()),
            Some(_) => self.next_set_beyond(w + 2),
            None => None,
        }
    }

    /// The last set bit at or before `from`, which must be below the length.
    #[inline]
    pub fn prev_set(&self, from: u32) -> Option<u32> {
        let words = &self.leaf.words;
        let w = from as usize / WORD_BITS;
        let bits = words[w] & (!0u64 >> (WORD_BITS - 1 - from as usize % WORD_BITS));
        if bits != 0 {
            return Some((w * WORD_BITS) as u32 + 63 - bits.leading_zeros());
        }
        match w.checked_sub(1) {
            Some(before) if words[before] != 0 => Some((before * WORD_BITS) as u32 + 63 - words[before].leading_zeros()),
            Some(before) => self.prev_set_before(before),
            None => None,
        }
    }

    /// Whether no bit is set.
    #[inline]
    pub fn is_empty(&self) -> bool {
        // The top level has at most one word.
        let top = self.summaries.last().unwrap_or(&self.leaf);
        top.words.first().is_none_or(|&word| word == 0)
    }

    /// The first set bit.
    #[inline]
    pub fn first(&self) -> Option<u32> {
        let top = self.summaries.last().unwrap_or(&self.leaf);
        let word = *top.words.first()?;
        if word == 0 {
            return None;
        }
        Some(self.descend_first(self.summaries.len(), word.trailing_zeros() as usize))
    }

    /// The positions of the set bits, in order.
    pub fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.leaf.ones()
    }

    /// Changes the length; new bits are clear, bits past a shorter length are dropped.
    pub fn resize(&mut self, len: u32) {
        let shrinking = len < self.len();
        self.leaf.resize(len);
        let mut below = &self.leaf;
        let mut level = 0;
        while below.words.len() > 1 {
            let bits = below.words.len() as u32;
            if level == self.summaries.len() {
                // A new level, built from the one below, which is short.
                let mut fresh = Bits::default();
                fresh.resize(bits);
                for (j, _) in below.words.iter().enumerate().filter(|(_, &word)| word != 0) {
                    fresh.set(j as u32);
                }
                self.summaries.push(fresh);
            } else {
                let last_child_empty = below.words.last() == Some(&0);
                let summary = &mut self.summaries[level];
                summary.resize(bits);
                if shrinking && last_child_empty {
                    // Truncation may have emptied the last word below.
                    summary.clear(bits - 1);
                }
            }
            below = &self.summaries[level];
            level += 1;
        }
        self.summaries.truncate(level);
    }

    /// Bytes held by all levels.
    pub fn heap_bytes(&self) -> usize {
        self.leaf.heap_bytes() + self.summaries.iter().map(Bits::heap_bytes).sum::<usize>()
    }

    /// Marks leaf word `w` as non-empty in the summaries.
    #[inline]
    fn mark(&mut self, w: usize) {
        let mut pos = w;
        for summary in &mut self.summaries {
            let word = &mut summary.words[pos / WORD_BITS];
            let was_empty = *word == 0;
            *word |= 1 << (pos % WORD_BITS);
            if !was_empty {
                return;
            }
            pos /= WORD_BITS;
        }
    }

    /// Marks leaf word `w` as empty in the summaries.
    #[inline]
    fn unmark(&mut self, w: usize) {
        let mut pos = w;
        for summary in &mut self.summaries {
            let word = &mut summary.words[pos / WORD_BITS];
            *word &= !(1 << (pos % WORD_BITS));
            if *word != 0 {
                return;
            }
            pos /= WORD_BITS;
        }
    }

    /// The first set bit in leaf words `w..`, found through the summaries.
    #[inline(never)]
    fn next_set_beyond(&self, w: usize) -> Option<u32> {
        // Bit `j` of summary level `level` (1 is `summaries[0]`) stands for
        // word `j` of the level below. Climb until one is set at or after `pos`.
        let (mut level, mut pos) = (1, w);
        let bit = loop {
            let words = &self.summaries.get(level - 1)?.words;
            let word_at = pos / WORD_BITS;
            let bits = *words.get(word_at)? & (!0u64 << (pos % WORD_BITS));
            if bits != 0 {
                break word_at * WORD_BITS + bits.trailing_zeros() as usize;
            }
            (level, pos) = (level + 1, word_at + 1);
        };
        Some(self.descend_first(level, bit))
    }

    /// The last set bit in leaf words `..=w`, found through the summaries.
    #[inline(never)]
    fn prev_set_before(&self, w: usize) -> Option<u32> {
        let (mut level, mut pos) = (1, w);
        loop {
            let words = &self.summaries.get(level - 1)?.words;
            let word_at = pos / WORD_BITS;
            let bits = words[word_at] & (!0u64 >> (WORD_BITS - 1 - pos % WORD_BITS));
            if bits != 0 {
                pos = word_at * WORD_BITS + WORD_BITS - 1 - bits.leading_zeros() as usize;
                break;
            }
            (level, pos) = (level + 1, word_at.checked_sub(1)?);
        }
        // Descend along the highest set bits.
        while level > 0 {
            level -= 1;
            let words = if level == 0 { &self.leaf.words } else { &self.summaries[level - 1].words };
            pos = pos * WORD_BITS + WORD_BITS - 1 - words[pos].leading_zeros() as usize;
        }
        Some(pos as u32)
    }

    /// The first set bit below bit `bit` of level `level` (0 is the leaf),
    /// following the lowest set bits down.
    fn descend_first(&self, mut level: usize, mut bit: usize) -> u32 {
        while level > 0 {
            level -= 1;
            let words = if level == 0 { &self.leaf.words } else { &self.summaries[level - 1].words };
            bit = bit * WORD_BITS + words[bit].trailing_zeros() as usize;
        }
        bit as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_with(len: u32, set: &[u32]) -> BitTree {
        let mut tree = BitTree::default();
        tree.resize(len);
        for &i in set {
            tree.set(i);
        }
        tree
    }

    #[test]
    fn finds_neighbours_across_levels() {
        let tree = tree_with(1 << 20, &[3, 70_000, 999_999]);
        assert_eq!(tree.next_set(0), Some(3));
        assert_eq!(tree.next_set(4), Some(70_000));
        assert_eq!(tree.next_set(70_001), Some(999_999));
        assert_eq!(tree.next_set(1_000_000), None);
        assert_eq!(tree.prev_set(999_998), Some(70_000));
        assert_eq!(tree.prev_set(69_999), Some(3));
        assert_eq!(tree.prev_set(2), None);
        assert_eq!(tree.prev_set(1 << 19), Some(70_000));
    }

    #[test]
    fn clearing_the_last_bit_of_a_word_updates_the_summary() {
        let mut tree = tree_with(10_000, &[100, 5000]);
        tree.clear(5000);
        assert_eq!(tree.next_set(101), None);
        tree.clear(100);
        assert_eq!(tree.next_set(0), None);
        assert_eq!(tree.prev_set(9999), None);
    }

    #[test]
    fn growing_keeps_bits_and_shrinking_drops_them() {
        let mut tree = tree_with(64, &[0, 63]);
        tree.resize(1 << 18);
        assert_eq!(tree.next_set(1), Some(63));
        tree.set(200_000);
        assert_eq!(tree.prev_set((1 << 18) - 1), Some(200_000));
        tree.resize(4096);
        assert_eq!(tree.next_set(64), None);
        assert_eq!(tree.prev_set(4095), Some(63));
        tree.resize(1 << 18);
        assert_eq!(tree.next_set(64), None, "dropped bits do not come back");
    }

    #[test]
    fn first_and_emptiness() {
        let mut tree = tree_with(300_000, &[]);
        assert!(tree.is_empty());
        assert_eq!(tree.first(), None);
        tree.set(299_999);
        tree.set(70_123);
        assert!(!tree.is_empty());
        assert_eq!(tree.first(), Some(70_123));
        tree.clear(70_123);
        assert_eq!(tree.first(), Some(299_999));
        let small = tree_with(10, &[9]);
        assert_eq!(small.first(), Some(9));
        assert_eq!(tree.ones().collect::<Vec<_>>(), vec![299_999]);
    }

    #[test]
    fn first_in_stays_within_its_range() {
        let mut bits = Bits::default();
        bits.resize(300);
        bits.set(5);
        bits.set(130);
        assert_eq!(bits.first_in(0, 300), Some(5));
        assert_eq!(bits.first_in(6, 130), None);
        assert_eq!(bits.first_in(6, 131), Some(130));
        assert_eq!(bits.first_in(131, 300), None);
    }

    #[test]
    fn flat_bits_resize_clears_the_cut_part() {
        let mut bits = Bits::default();
        bits.resize(200);
        bits.set(70);
        bits.set(199);
        bits.resize(100);
        bits.resize(200);
        assert!(bits.get(70));
        assert!(!bits.get(199));
    }

    #[test]
    fn agrees_with_a_naive_scan() {
        let len = 5000u32;
        let set: Vec<u32> = (0..len).filter(|i| (i * 7919) % 613 < 3).collect();
        let tree = tree_with(len, &set);
        for from in 0..len {
            let next = set.iter().copied().find(|&i| i >= from);
            let prev = set.iter().copied().rev().find(|&i| i <= from);
            assert_eq!(tree.next_set(from), next, "next_set({from})");
            assert_eq!(tree.prev_set(from), prev, "prev_set({from})");
        }
    }
}
