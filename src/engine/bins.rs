//! The bins of the best-fit index: one bitset per span size, each with
//! summary levels on top so that its first set bit is found in a few
//! steps, and each in one vector of words with its levels side by side.
//!
//! Every bin has the same positions (the index has one per word of the
//! layout). Level 0 holds one bit per position; bit `j` of level `k + 1`
//! is set exactly when word `j` of level `k` is non-zero; the top level is
//! a single word, so a bin has as many levels as its positions need, and
//! at least two. The top word of a bin sits beside its vector, where a
//! search starts without a pointer to follow; level `k` below the top
//! starts at word `trees[b].levels[k]` of the vector, the higher levels
//! first and the leaf last.
//!
//! The summaries are sized for `reach` positions, a quarter more than the
//! capacity, and the leaf for the capacity itself, at the end of the
//! vector: growing a page at a time only lengthens the leaves, as a flat
//! bitset grows, and the summaries move rarely. While `reach` is at most
//! 4,096 positions (for the index, a memory of up to about 3 MiB), the
//! leaf and the top are all the levels there are: set, clear and first
//! read and write those two inline, and leave the levels between them,
//! once there are any, to a call.
//!
//! Invariants, checked by [`Bins::check`]: the summary levels agree with
//! the levels below them exactly, and no bit is set past a bin's positions
//! at the capacity.

use alloc::vec::Vec;

use super::Violation;

const WORD_BITS: usize = 64;

/// Levels that a bin over 2^28 positions needs: 2^22, 2^16, 2^10, 16 and 1 words.
const MAX_DEPTH: usize = 5;

/// Bins a [`Bins`] holds at most.
pub const MAX_BINS: usize = 64;

/// The positions of the set bits in `words`, in order.
#[cfg(test)]
pub fn ones(words: impl Iterator<Item = u64>) -> impl Iterator<Item = u32> {
    words.enumerate().flat_map(|(w, word)| {
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

/// Sets the length of `words`, new ones zero. Memory grows a few pages at
/// a time: an eighth of headroom keeps copies rare, where doubling could
/// leave half unused.
pub fn resize_with_headroom<T: Clone + Default>(words: &mut Vec<T>, len: usize) {
    if len > words.capacity() {
        let extra = (len - words.len()).max(words.len() / 8);
        words.reserve_exact(extra);
    }
    words.resize(len, T::default());
    words.shrink_to(len + len / 8);
}

/// Words that hold `bits` bits, at least one.
fn level_words(bits: usize) -> usize {
    bits.div_ceil(WORD_BITS).max(1)
}

/// One bin: its top word, the levels below it in one vector, and where
/// each of those starts.
#[derive(Clone, Debug, Default)]
struct Tree {
    /// The top level, level `depth - 1`.
    top: u64,
    /// Levels `depth - 2` down to 0, one after another.
    words: Vec<u64>,
    /// `levels[k]` is the first word of level `k` in `words`.
    levels: [u32; MAX_DEPTH - 1],
    /// Levels in use, 2 to [`MAX_DEPTH`]; 0 before the first layout.
    depth: usize,
}

impl Tree {
    /// The words of level `k`.
    fn level(&self, k: usize) -> &[u64] {
        if k + 1 == self.depth {
            return core::slice::from_ref(&self.top);
        }
        let start = self.levels[k] as usize;
        let end = if k == 0 { self.words.len() } else { self.levels[k - 1] as usize };
        &self.words[start..end]
    }

    /// The words of the leaf, level 0, the last ones of the vector.
    fn leaf(&self) -> &[u64] {
        &self.words[self.levels[0] as usize..]
    }

    /// Whether the tree has levels between its leaf and its top, as it
    /// does when sized for more than 4,096 positions (a memory of about 3
    /// MiB and up). The hot paths read and write the leaf and the top
    /// inline, and leave those levels to a call: a loop over them, inline,
    /// with its bounds and its count, costs more than the two words.
    #[inline]
    fn has_between(&self) -> bool {
        self.depth > 2
    }

    /// The first words of the levels between the leaf and the top, the
    /// lowest first.
    fn between(&self) -> &[u32] {
        &self.levels[1..self.depth - 1]
    }

    /// The leaf word that holds the first set bit, as an index in the
    /// leaf; the tree must not be empty.
    #[inline]
    fn first_word(&self) -> usize {
        let pos = self.top.trailing_zeros() as usize;
        if self.has_between() {
            self.first_word_between(pos)
        } else {
            pos
        }
    }

    /// [`Tree::first_word`] from bit `pos` of the top, through the levels between.
    #[inline(never)]
    fn first_word_between(&self, mut pos: usize) -> usize {
        for &offset in self.between().iter().rev() {
            pos = pos * WORD_BITS + self.words[offset as usize + pos].trailing_zeros() as usize;
        }
        pos
    }

    /// The first (or with `last`, the last) set leaf bit under bit `pos`
    /// of level `k`, which is set.
    #[inline(never)]
    fn descend(&self, mut k: usize, mut pos: usize, last: bool) -> u32 {
        while k > 0 {
            k -= 1;
            let word = self.level(k)[pos];
            let bit = if last { WORD_BITS - 1 - word.leading_zeros() as usize } else { word.trailing_zeros() as usize };
            pos = pos * WORD_BITS + bit;
        }
        pos as u32
    }

    /// Sets bit `pos`.
    #[inline]
    fn set(&mut self, pos: u32) {
        // Every level is written, without a test of what it holds: the
        // upper levels are small and hot, and a branch on them would be a
        // coin toss. (Whether there are levels between is no coin toss:
        // it changes only as the memory grows or shrinks.)
        let pos = pos as usize;
        self.words[self.levels[0] as usize + pos / WORD_BITS] |= 1 << (pos % WORD_BITS);
        let j = pos / WORD_BITS;
        self.top |= if self.has_between() { self.set_between(j) } else { 1 << (j % WORD_BITS) };
    }

    /// Marks leaf word `j` in the levels between, and returns the bit of
    /// the top that marks it in turn.
    #[inline(never)]
    fn set_between(&mut self, mut pos: usize) -> u64 {
        let Tree { words, levels, depth, .. } = self;
        for &offset in &levels[1..*depth - 1] {
            words[offset as usize + pos / WORD_BITS] |= 1 << (pos % WORD_BITS);
            pos /= WORD_BITS;
        }
        1 << (pos % WORD_BITS)
    }

    /// Clears the mark of leaf word `j` when that word has `emptied`, and
    /// each mark above it whose word empties in turn; says whether the
    /// tree is now empty.
    #[inline]
    fn clear_above(&mut self, j: usize, emptied: bool) -> bool {
        self.top &=
            !if self.has_between() { self.clear_between(j, emptied) } else { u64::from(emptied) << (j % WORD_BITS) };
        self.top == 0
    }

    /// [`Tree::clear_above`] in the levels between: returns the bit of the
    /// top to clear, 0 when none is.
    #[inline(never)]
    fn clear_between(&mut self, mut pos: usize, mut emptied: bool) -> u64 {
        // Without branches, as in `set`: each level clears the bit of the
        // word below only when that word has emptied.
        let Tree { words, levels, depth, .. } = self;
        for &offset in &levels[1..*depth - 1] {
            let word = &mut words[offset as usize + pos / WORD_BITS];
            *word &= !(u64::from(emptied) << (pos % WORD_BITS));
            emptied = *word == 0;
            pos /= WORD_BITS;
        }
        u64::from(emptied) << (pos % WORD_BITS)
    }
}

/// Up to [`MAX_BINS`] bitsets with summaries, all over the same positions.
#[derive(Clone, Debug)]
pub struct Bins {
    trees: [Tree; MAX_BINS],
    /// Bins in use.
    count: usize,
    /// The positions the summaries are sized for.
    reach: u32,
    /// The positions the leaves are sized for.
    capacity: u32,
}

impl Bins {
    /// `count` empty bins over no positions.
    pub fn new(count: usize) -> Bins {
        assert!(count <= MAX_BINS, "{count} bins, at most {MAX_BINS}");
        let mut bins = Bins { trees: core::array::from_fn(|_| Tree::default()), count, reach: 0, capacity: 0 };
        bins.lay_out(0, 0);
        bins
    }

    /// Sets bit `pos` of bin `bin`.
    #[inline]
    pub fn set(&mut self, bin: usize, pos: u32) {
        self.trees[bin].set(pos);
    }

    /// Clears bit `pos` of bin `bin`, and says whether the bin is now empty.
    #[inline]
    pub fn clear(&mut self, bin: usize, pos: u32) -> bool {
        // Without a branch on whether the leaf word empties, as in `set`.
        let tree = &mut self.trees[bin];
        let pos = pos as usize;
        let leaf = &mut tree.words[tree.levels[0] as usize + pos / WORD_BITS];
        *leaf &= !(1 << (pos % WORD_BITS));
        let emptied = *leaf == 0;
        tree.clear_above(pos / WORD_BITS, emptied)
    }

    /// The first set bit of bin `bin`, which must not be empty.
    #[inline]
    pub fn first(&self, bin: usize) -> u32 {
        let tree = &self.trees[bin];
        debug_assert!(tree.top != 0, "first() of an empty bin {bin}");
        let j = tree.first_word();
        (j * WORD_BITS) as u32 + tree.words[tree.levels[0] as usize + j].trailing_zeros()
    }

    /// The first set bit of bin `bin`, which must not be empty, cleared
    /// when `clear` says so of it; and whether that emptied the bin. One
    /// descent and one bounds check where [`Bins::first`] and then
    /// [`Bins::clear`] take two of each.
    #[inline]
    pub fn take_first(&mut self, bin: usize, clear: impl FnOnce(u32) -> bool) -> (u32, bool) {
        let tree = &mut self.trees[bin];
        debug_assert!(tree.top != 0, "take_first() of an empty bin {bin}");
        let j = tree.first_word();
        let leaf = &mut tree.words[tree.levels[0] as usize + j];
        let first = (j * WORD_BITS) as u32 + leaf.trailing_zeros();
        if !clear(first) {
            return (first, false);
        }
        // The bit is the lowest one of its word.
        *leaf &= *leaf - 1;
        let emptied = *leaf == 0;
        (first, tree.clear_above(j, emptied))
    }

    /// The first set bit of bin `bin` at or after `from`.
    pub fn next_set(&self, bin: usize, from: u32) -> Option<u32> {
        // Climb until a level has a set bit at or after `pos`, then follow
        // the lowest set bits down.
        let tree = &self.trees[bin];
        let mut pos = from as usize;
        for k in 0..tree.depth {
            let w = pos / WORD_BITS;
            let bits = *tree.level(k).get(w)? & (!0u64 << (pos % WORD_BITS));
            if bits != 0 {
                return Some(tree.descend(k, w * WORD_BITS + bits.trailing_zeros() as usize, false));
            }
            pos = w + 1;
        }
        None
    }

    /// The last set bit of bin `bin` at or before `from`, which must be a
    /// position of the bin.
    pub fn prev_set(&self, bin: usize, from: u32) -> Option<u32> {
        let tree = &self.trees[bin];
        let mut pos = from as usize;
        for k in 0..tree.depth {
            let w = pos / WORD_BITS;
            let bits = tree.level(k)[w] & (!0u64 >> (WORD_BITS - 1 - pos % WORD_BITS));
            if bits != 0 {
                return Some(tree.descend(k, w * WORD_BITS + WORD_BITS - 1 - bits.leading_zeros() as usize, true));
            }
            pos = w.checked_sub(1)?;
        }
        None
    }

    /// Whether bit `pos` of bin `bin` is set. Not inlined: shared by the
    /// checks (see the engine's notes on size).
    #[inline(never)]
    pub fn get(&self, bin: usize, pos: u32) -> bool {
        let leaf = self.trees[bin].leaf();
        leaf.get(pos as usize / WORD_BITS).is_some_and(|&word| word & (1 << (pos as usize % WORD_BITS)) != 0)
    }

    /// How many bits of bin `bin` are set.
    pub fn count(&self, bin: usize) -> usize {
        self.trees[bin].leaf().iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The set bits of bin `bin`, in order.
    #[cfg(test)]
    pub fn ones(&self, bin: usize) -> impl Iterator<Item = u32> + '_ {
        ones(self.trees[bin].leaf().iter().copied())
    }

    /// Makes room for `capacity` positions in every bin. Bits past them
    /// must be clear.
    pub fn resize(&mut self, capacity: u32) {
        if capacity > self.reach || self.reach / 2 > capacity {
            let reach = capacity.saturating_add(capacity / 4).min(super::MAX_ATOMS);
            self.lay_out(capacity, reach);
            return;
        }
        for (bin, tree) in self.trees[..self.count].iter_mut().enumerate() {
            let leaf = tree.levels[0] as usize + level_words(capacity as usize);
            let cut = tree.words.get(leaf..).unwrap_or(&[]);
            debug_assert!(cut.iter().all(|&word| word == 0), "bin {bin} has bits past {capacity} positions");
            resize_with_headroom(&mut tree.words, leaf);
        }
        self.capacity = capacity;
    }

    /// Bytes held by the words.
    pub fn heap_bytes(&self) -> usize {
        self.trees.iter().map(|tree| tree.words.capacity() * 8).sum()
    }

    /// Checks that every summary level agrees with the level below it, and
    /// that no bit is set past a bin's positions.
    pub fn check(&self) -> Result<(), Violation> {
        let positions = (self.capacity as usize).max(1);
        for tree in &self.trees[..self.count] {
            let leaf = tree.leaf();
            if leaf.len() != level_words(positions) {
                return Err(Violation::new("a bin has the wrong number of leaf words"));
            }
            // Positions past the end lie in the last word, above `positions`.
            let past = leaf.last().map_or(0, |&word| word >> ((positions - 1) % WORD_BITS) >> 1);
            if past != 0 {
                return Err(Violation::new("a bin marks a position past its end"));
            }
            // Bit `j` of a level is set exactly when word `j` below it is
            // not zero: a bit past the words below marks nothing, and a
            // word below past the bits of the level goes unmarked.
            let mut below = leaf;
            for k in 1..tree.depth {
                let level = tree.level(k);
                let marked = |j: usize| level.get(j / WORD_BITS).is_some_and(|&word| word >> (j % WORD_BITS) & 1 != 0);
                let nonzero = |j: usize| below.get(j).is_some_and(|&word| word != 0);
                if (0..below.len().max(level.len() * WORD_BITS)).any(|j| marked(j) != nonzero(j)) {
                    return Err(Violation::new("a bin's summary disagrees with the level below"));
                }
                below = level;
            }
        }
        Ok(())
    }

    /// Lays the bins out anew, the summaries for `reach` positions and the
    /// leaves for `capacity`, keeping every bit.
    #[inline(never)]
    fn lay_out(&mut self, capacity: u32, reach: u32) {
        for (bin, tree) in self.trees[..self.count].iter_mut().enumerate() {
            // The leaf moves within the vector, which grows or shrinks in
            // place as the allocator allows; the summaries are rebuilt.
            let (old_start, old_leaf) = match tree.depth {
                0 => (0, 0),
                _ => (tree.levels[0] as usize, tree.words.len() - tree.levels[0] as usize),
            };
            let leaf = level_words(capacity as usize);
            // Level sizes from the leaf up, for `reach`; the top is one word
            // above a leaf of at least one.
            let mut sizes = [0; MAX_DEPTH];
            let mut depth = 1;
            sizes[0] = level_words(reach as usize);
            while sizes[depth - 1] > 1 || depth == 1 {
                sizes[depth] = level_words(sizes[depth - 1]);
                depth += 1;
            }
            let mut levels = [0; MAX_DEPTH - 1];
            let mut at = 0;
            for k in (1..depth - 1).rev() {
                levels[k] = at as u32;
                at += sizes[k];
            }
            let start = at;
            let kept = old_leaf.min(leaf);
            debug_assert!(
                tree.words[old_start + kept..old_start + old_leaf].iter().all(|&word| word == 0),
                "bin {bin} has bits past {capacity} positions"
            );
            levels[0] = start as u32;
            let total = start + leaf;
            if total > tree.words.len() {
                let extra = total - tree.words.len();
                tree.words.reserve_exact(extra);
                tree.words.resize(total, 0);
            }
            tree.words.copy_within(old_start..old_start + kept, start);
            tree.words[..start].fill(0);
            tree.words[start + kept..].fill(0);
            tree.words.truncate(total);
            tree.words.shrink_to(total + total / 8);
            (tree.levels, tree.depth, tree.top) = (levels, depth, 0);
            // Summaries: setting again a bit of each non-empty leaf word
            // marks that word all the way up.
            for j in 0..kept {
                let word = tree.words[start + j];
                if word != 0 {
                    tree.set((j * WORD_BITS) as u32 + word.trailing_zeros());
                }
            }
        }
        (self.capacity, self.reach) = (capacity, reach);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_finds_the_lowest_bit_across_levels() {
        let mut bins = Bins::new(3);
        bins.resize(1 << 20);
        bins.set(0, 999_999);
        bins.set(0, 70_000);
        bins.set(2, 300_000);
        assert_eq!(bins.first(0), 70_000);
        assert!(!bins.clear(0, 70_000));
        assert_eq!(bins.first(0), 999_999);
        assert!(bins.clear(0, 999_999));
        assert_eq!(bins.first(2), 300_000);
        bins.check().unwrap();
    }

    #[test]
    fn take_first_agrees_with_a_naive_set_at_every_depth() {
        // Two levels, then one, two and three between the leaf and the top.
        for (capacity, depth) in [(40, 2), (4096, 3), (300_000, 4), (1 << 24, 5)] {
            let mut bins = Bins::new(1);
            bins.resize(capacity);
            assert_eq!(bins.trees[0].depth, depth);
            let mut naive = std::collections::BTreeSet::new();
            let mut state = 0x9e37_79b9_u32;
            for _ in 0..5_000 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                if naive.is_empty() || state % 8 < 5 {
                    let pos = (state >> 3) % capacity;
                    naive.insert(pos);
                    bins.set(0, pos);
                    continue;
                }
                let clear = state % 8 < 7;
                let (first, emptied) = bins.take_first(0, |pos| {
                    assert_eq!(Some(&pos), naive.first(), "at {capacity}");
                    clear
                });
                if clear {
                    naive.remove(&first);
                }
                assert_eq!(emptied, clear && naive.is_empty(), "at {capacity}");
            }
            bins.check().unwrap();
            assert_eq!(bins.ones(0).collect::<Vec<_>>(), naive.into_iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn laying_out_anew_keeps_the_bits() {
        let mut bins = Bins::new(64);
        bins.resize(4096);
        let set: Vec<(usize, u32)> = (0..64).map(|bin| (bin, 4095 / (bin as u32 + 1))).collect();
        for &(bin, pos) in &set {
            bins.set(bin, pos);
        }
        for capacity in [8192, 1 << 20, 1 << 24, 4096, 8192] {
            bins.resize(capacity);
            bins.check().unwrap();
            for &(bin, pos) in &set {
                assert_eq!(bins.ones(bin).collect::<Vec<_>>(), vec![pos], "bin {bin} at {capacity}");
                assert_eq!(bins.first(bin), pos);
            }
        }
    }

    #[test]
    fn a_bin_of_one_word_keeps_its_bits_through_layouts() {
        let mut bins = Bins::new(2);
        bins.resize(40);
        bins.set(0, 39);
        bins.set(1, 3);
        for capacity in [40, 5000, 1 << 16, 50, 40] {
            bins.resize(capacity);
            bins.check().unwrap();
            assert_eq!((bins.first(0), bins.first(1)), (39, 3), "at {capacity}");
            assert_eq!(bins.ones(0).collect::<Vec<_>>(), vec![39]);
        }
        assert!(bins.clear(1, 3));
        assert!(!bins.get(1, 3));
    }

    /// Bins of three levels (a leaf of 128 words, 3 summary words sized
    /// for 160, the top) with one bit set, and the rule `check` finds broken once
    /// `damage` has changed the words behind the bins' back.
    fn broken_rule(damage: impl FnOnce(&mut Tree)) -> &'static str {
        let mut bins = Bins::new(1);
        bins.resize(128 * 64);
        bins.set(0, 5000);
        bins.check().unwrap();
        damage(&mut bins.trees[0]);
        bins.check().expect_err("check passed on damaged bins").rule
    }

    fn leaf_word(tree: &mut Tree, j: usize) -> &mut u64 {
        &mut tree.words[tree.levels[0] as usize + j]
    }

    #[test]
    fn check_catches_a_summary_out_of_step() {
        let summary = "a bin's summary disagrees with the level below";
        // A leaf word that no summary bit marks, and a summary bit over an empty word.
        assert_eq!(broken_rule(|tree| *leaf_word(tree, 3) = 1), summary);
        assert_eq!(broken_rule(|tree| *leaf_word(tree, 5000 / 64) = 0), summary);
        // A summary bit past the leaf's words, in the level's spare bits.
        assert_eq!(broken_rule(|tree| tree.words[tree.levels[1] as usize + 2] |= 1), summary);
        assert_eq!(broken_rule(|tree| tree.top |= 1 << 40), summary);
        assert_eq!(broken_rule(|tree| tree.words.push(0)), "a bin has the wrong number of leaf words");
    }

    #[test]
    fn check_catches_a_bit_past_the_positions() {
        let mut bins = Bins::new(1);
        bins.resize(100);
        bins.check().unwrap();
        let leaf = bins.trees[0].levels[0] as usize;
        bins.trees[0].words[leaf + 1] |= 1 << 40;
        bins.trees[0].set(64);
        assert_eq!(bins.check().unwrap_err().rule, "a bin marks a position past its end");
    }

    #[test]
    fn agrees_with_a_naive_set() {
        let mut bins = Bins::new(2);
        bins.resize(300_000);
        let mut naive = std::collections::BTreeSet::new();
        let mut state = 0x1234_5678_u32;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let pos = state % 300_000;
            if naive.remove(&pos) {
                assert_eq!(bins.clear(0, pos), naive.is_empty());
            } else {
                naive.insert(pos);
                bins.set(0, pos);
            }
            if let Some(&first) = naive.first() {
                assert_eq!(bins.first(0), first);
            }
        }
        bins.check().unwrap();
        assert_eq!(bins.ones(0).collect::<Vec<_>>(), naive.into_iter().collect::<Vec<_>>());
    }
}
