//! The best-fit index over free spans (all but the free tail, which the
//! engine keeps apart).
//!
//! Spans of up to [`SMALL_ATOMS`] atoms live in exact-size bins; a bitmap
//! says which bins hold spans, so the smallest fitting size is a few word
//! scans away. Each bin is a min-heap of addresses, so the lowest address
//! of that size comes first. Removing an arbitrary span from a bin is lazy:
//! the bin's count drops at once, and the heap entry stays until it reaches
//! the top or the bin is compacted; an entry is *current* only while the
//! engine still has a free span of exactly the bin's size at its address.
//! Invariant: every free span of size `s <= SMALL_ATOMS` has at least one
//! current entry in bin `s`, and `count` is the number of such spans.
//!
//! Larger spans live in one ordered set keyed by (size, address), where
//! removal is exact.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use super::ordered::OrderedSet;

/// Spans of up to this many atoms (2 KiB) get an exact-size bin.
pub const SMALL_ATOMS: u32 = 128;

const BITMAP_WORDS: usize = (SMALL_ATOMS as usize).div_ceil(64);

/// Stale entries tolerated in a bin beyond twice its live count.
const STALE_SLACK: usize = 32;

#[derive(Clone, Debug, Default)]
struct Bin {
    heap: BinaryHeap<Reverse<u32>>,
    count: u32,
}

/// Free spans by size, for best fit.
#[derive(Clone, Debug)]
pub struct FreeIndex {
    /// `bins[s - 1]` holds spans of exactly `s` atoms.
    bins: Vec<Bin>,
    /// Bit `s - 1` is set while `bins[s - 1].count > 0`.
    occupied: [u64; BITMAP_WORDS],
    /// `large_key(size, addr)` of every span above `SMALL_ATOMS`.
    large: OrderedSet,
}

fn large_key(size: u32, addr: u32) -> u64 {
    (u64::from(size) << 32) | u64::from(addr)
}

fn split_large_key(key: u64) -> (u32, u32) {
    ((key >> 32) as u32, key as u32)
}

impl Default for FreeIndex {
    fn default() -> Self {
        FreeIndex {
            bins: (0..SMALL_ATOMS).map(|_| Bin::default()).collect(),
            occupied: [0; BITMAP_WORDS],
            large: OrderedSet::default(),
        }
    }
}

impl FreeIndex {
    /// Adds the free span `[addr, addr + size)`. `current(addr, size)` tells
    /// whether an entry still stands for a free span; it is used to drop
    /// stale entries when a bin fills up with them.
    pub fn insert(&mut self, addr: u32, size: u32, current: impl Fn(u32, u32) -> bool) {
        if size > SMALL_ATOMS {
            self.large.insert(large_key(size, addr));
            return;
        }
        let bin = &mut self.bins[size as usize - 1];
        bin.heap.push(Reverse(addr));
        bin.count += 1;
        if bin.count == 1 {
            self.occupied[(size as usize - 1) / 64] |= 1 << ((size - 1) % 64);
        }
        if bin.heap.len() > 2 * bin.count as usize + STALE_SLACK {
            compact(bin, size, current);
        }
    }

    /// Forgets the free span `[addr, addr + size)`, which must be indexed.
    pub fn remove(&mut self, addr: u32, size: u32) {
        if size > SMALL_ATOMS {
            let found = self.large.remove(large_key(size, addr));
            debug_assert!(found, "large span {addr}+{size} was not indexed");
            return;
        }
        let bin = &mut self.bins[size as usize - 1];
        debug_assert!(bin.count > 0, "bin {size} is empty, cannot remove {addr}");
        bin.count -= 1;
        if bin.count == 0 {
            // Every remaining entry is stale.
            bin.heap.clear();
            self.occupied[(size as usize - 1) / 64] &= !(1 << ((size - 1) % 64));
        }
    }

    /// The best fit for `size` atoms, `(addr, span size)`: the smallest span
    /// that holds `size`, the lowest address among equals. Nothing is
    /// removed; [`FreeIndex::remove`] takes it.
    pub fn best_fit(&mut self, size: u32, current: impl Fn(u32, u32) -> bool) -> Option<(u32, u32)> {
        let mut from = size;
        while let Some(span) = self.next_occupied(from) {
            let bin = &mut self.bins[span as usize - 1];
            while let Some(&Reverse(addr)) = bin.heap.peek() {
                if current(addr, span) {
                    return Some((addr, span));
                }
                bin.heap.pop();
            }
            debug_assert!(false, "bin {span} counts {} spans but has no current entry", bin.count);
            from = span + 1;
        }
        let from = large_key(size.max(SMALL_ATOMS + 1), 0);
        let key = self.large.first_from(from)?;
        let (span, addr) = split_large_key(key);
        Some((addr, span))
    }

    /// Removes the span that [`FreeIndex::best_fit`] just returned.
    #[inline]
    pub fn take(&mut self, addr: u32, size: u32) {
        if size <= SMALL_ATOMS {
            let top = self.bins[size as usize - 1].heap.pop();
            debug_assert_eq!(top, Some(Reverse(addr)), "take({addr}, {size}) is not the best fit");
        }
        self.remove(addr, size);
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
        let bins: usize = self.bins.iter().map(|bin| bin.heap.capacity() * 4).sum();
        bins + self.bins.capacity() * std::mem::size_of::<Bin>() + self.large.heap_bytes()
    }

    /// Checks the index against the engine's free spans (the tail excluded):
    /// each bin counts exactly its spans and has an entry for each, the
    /// bitmap matches the counts, and the large set holds exactly the large spans.
    pub fn check(&self, spans: &[(u32, u32)]) -> Result<(), String> {
        let entries: BTreeSet<u64> = (self.bins.iter().zip(1..))
            .flat_map(|(bin, size)| bin.heap.iter().map(move |&Reverse(addr)| large_key(size, addr)))
            .collect();
        let mut counts = vec![0u32; SMALL_ATOMS as usize];
        let mut large = BTreeSet::new();
        for &(addr, size) in spans {
            if size > SMALL_ATOMS {
                large.insert(large_key(size, addr));
                continue;
            }
            counts[size as usize - 1] += 1;
            if !entries.contains(&large_key(size, addr)) {
                return Err(format!("free span {addr}+{size} has no entry in its bin"));
            }
        }
        for (i, bin) in self.bins.iter().enumerate() {
            let size = i + 1;
            if bin.count != counts[i] {
                return Err(format!("bin {size} counts {} spans, the layout has {}", bin.count, counts[i]));
            }
            let marked = self.occupied[i / 64] & (1 << (i % 64)) != 0;
            if marked != (bin.count > 0) {
                return Err(format!("bitmap says bin {size} is {}occupied", if marked { "" } else { "not " }));
            }
        }
        if !large.iter().copied().eq(self.large.iter()) {
            return Err(format!("large set holds {} spans, the layout has {}", self.large.len(), large.len()));
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

/// Drops stale entries and duplicates from a bin.
#[cold]
#[inline(never)]
fn compact(bin: &mut Bin, size: u32, current: impl Fn(u32, u32) -> bool) {
    // Pops come out in ascending address order, so duplicates are adjacent,
    // and pushing in that order moves nothing: the heap's own push and pop,
    // compiled for the hot paths anyway, are all the code this needs.
    let mut entries = std::mem::replace(&mut bin.heap, BinaryHeap::with_capacity(bin.count as usize));
    let mut previous = None;
    while let Some(Reverse(addr)) = entries.pop() {
        if previous != Some(addr) && current(addr, size) {
            bin.heap.push(Reverse(addr));
        }
        previous = Some(addr);
    }
    debug_assert_eq!(bin.heap.len(), bin.count as usize, "bin {size} lost a span while compacting");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_smallest_fit_then_the_lowest_address() {
        let mut index = FreeIndex::default();
        let all = |_, _| true;
        index.insert(50, 4, all);
        index.insert(10, 4, all);
        index.insert(90, 3, all);
        index.insert(200, 300, all);
        index.insert(100, 300, all);
        assert_eq!(index.best_fit(4, all), Some((10, 4)));
        assert_eq!(index.best_fit(3, all), Some((90, 3)));
        assert_eq!(index.best_fit(5, all), Some((100, 300)));
        assert_eq!(index.best_fit(301, all), None);
        assert_eq!(index.largest(), 300);
    }

    #[test]
    fn skips_entries_that_are_no_longer_current() {
        let mut index = FreeIndex::default();
        index.insert(10, 4, |_, _| true);
        index.insert(20, 4, |_, _| true);
        index.remove(10, 4);
        // The engine no longer has a span at 10.
        assert_eq!(index.best_fit(4, |addr, _| addr != 10), Some((20, 4)));
        index.remove(20, 4);
        assert_eq!(index.best_fit(1, |_, _| true), None);
        assert_eq!(index.largest(), 0);
    }

    #[test]
    fn compaction_keeps_exactly_the_current_spans() {
        let mut index = FreeIndex::default();
        for addr in 0..200 {
            index.insert(addr * 10, 2, |_, _| true);
            index.remove(addr * 10, 2);
        }
        index.insert(5000, 2, |addr, _| addr == 5000);
        for _ in 0..100 {
            index.insert(7000, 2, |addr, _| addr == 5000 || addr == 7000);
            index.remove(7000, 2);
        }
        assert!(index.bins[1].heap.len() <= 2 * 2 + STALE_SLACK, "stale entries are dropped");
        index.check(&[(5000, 2)]).unwrap();
    }
}
