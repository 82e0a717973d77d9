//! An ordered set of integer keys (`u128` unless said otherwise): a treap
//! whose nodes live in one `Vec` and link to each other by index.
//!
//! A treap is a binary search tree by key that is also a heap by a
//! priority drawn at random per node: every node's priority is at least
//! its children's. The tree then has the shape that inserting its keys in
//! random order would give, whatever the order they came in, so its depth
//! is O(log n) in expectation (about 2 ln n). Here a key's priority is a
//! hash of the key, so the set needs no random source and is the same for
//! the same keys. Insert walks down to where the new key's priority
//! belongs and splits the subtree there around the key; remove joins the
//! removed node's two subtrees in its place. Each is one walk down.
//!
//! It is the engine's smallest ordered structure that is still O(log n):
//! a B-tree with the same API was faster by a third on a memory cut into
//! 20,000 large free spans, but it took three times the code, and this
//! set's code ships in the wasm.
//!
//! Invariants, checked by `check` in the tests:
//! - keys rise from left to right: everything under `children[0]` is below
//!   a node's key, everything under `children[1]` above it;
//! - no node's priority is below a child's, and each is its key's `priority()`;
//! - `len` keys are in the tree, and every node that is not in the tree is
//!   on the free list, chained through `children[0]` from `free`.

use alloc::vec::Vec;
use core::iter;

/// No node: an empty subtree, or the end of the free list.
const NIL: u32 = u32::MAX;

/// What a key can be: an unsigned integer, 0 being the default.
pub trait Key: Copy + Ord + Default + core::fmt::Debug {
    /// The next key up, `None` at the largest.
    fn successor(self) -> Option<Self>;
    /// The key's priority in the heap order: a hash of the key.
    fn priority(self) -> u32;
}

/// The 64-bit finalizer of SplitMix64: every bit of `x` moves every bit
/// of the result, so priorities of nearby keys look unrelated.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl Key for u64 {
    fn successor(self) -> Option<u64> {
        self.checked_add(1)
    }

    fn priority(self) -> u32 {
        (mix(self) >> 32) as u32
    }
}

impl Key for u128 {
    fn successor(self) -> Option<u128> {
        self.checked_add(1)
    }

    fn priority(self) -> u32 {
        (mix(self as u64 ^ mix((self >> 64) as u64)) >> 32) as u32
    }
}

#[derive(Clone, Copy, Debug)]
struct Node<K> {
    key: K,
    /// The subtrees below and above `key`; in a free node, `children[0]`
    /// is the next free node.
    children: [u32; 2],
    /// `key.priority()`, kept beside the key.
    priority: u32,
}

/// Where a subtree hangs: the root, or a child slot of a node.
#[derive(Clone, Copy)]
enum Link {
    Root,
    Child(u32, usize),
}

/// A set of keys with insert, remove and ordered lookups in O(log n)
/// expected.
#[derive(Clone, Debug)]
pub struct OrderedSet<K = u128> {
    nodes: Vec<Node<K>>,
    root: u32,
    /// Head of the chain of unused nodes.
    free: u32,
    len: usize,
}

impl<K: Key> Default for OrderedSet<K> {
    fn default() -> Self {
        OrderedSet { nodes: Vec::new(), root: NIL, free: NIL, len: 0 }
    }
}

impl<K: Key> OrderedSet<K> {
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `key` is in the set. Not inlined: shared (see the engine's
    /// notes on size); the hot calls use `first_from` and the like.
    #[inline(never)]
    pub fn contains(&self, key: K) -> bool {
        self.first_from(key) == Some(key)
    }

    /// The smallest key at or above `from`.
    pub fn first_from(&self, from: K) -> Option<K> {
        let (mut at, mut found) = (self.root, None);
        while at != NIL {
            let node = self.node(at);
            if node.key < from {
                at = node.children[1];
            } else {
                // The smallest key at or above `from` so far; a smaller one lies to the left.
                found = Some(node.key);
                at = node.children[0];
            }
        }
        found
    }

    /// The largest key.
    pub fn last(&self) -> Option<K> {
        let (mut at, mut found) = (self.root, None);
        while at != NIL {
            let node = self.node(at);
            found = Some(node.key);
            at = node.children[1];
        }
        found
    }

    /// The keys in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = K> + '_ {
        iter::successors(self.first_from(K::default()), |&key| key.successor().and_then(|next| self.first_from(next)))
    }

    /// Adds `key`; `false` if it was there already.
    pub fn insert(&mut self, key: K) -> bool {
        let priority = key.priority();
        // Down the search path to the first node the new one outranks. A
        // node holding `key` has the same priority, so it is on the path
        // above that point, if anywhere.
        let (mut link, mut at) = (Link::Root, self.root);
        while at != NIL {
            let node = self.node(at);
            if node.key == key {
                return false;
            }
            if node.priority < priority {
                break;
            }
            let side = usize::from(node.key < key);
            (link, at) = (Link::Child(at, side), node.children[side]);
        }
        // The subtree there parts into the keys below `key` and those above,
        // which become the new node's children.
        let children = self.split(at, key);
        let node = Node { key, children, priority };
        let index = if self.free == NIL {
            self.nodes.push(node);
            (self.nodes.len() - 1) as u32
        } else {
            let index = self.free;
            self.free = self.node(index).children[0];
            *self.node_mut(index) = node;
            index
        };
        self.set(link, index);
        self.len += 1;
        true
    }

    /// Removes `key`; `false` if it was not there.
    pub fn remove(&mut self, key: K) -> bool {
        let (mut link, mut at) = (Link::Root, self.root);
        loop {
            if at == NIL {
                return false;
            }
            let node = self.node(at);
            if node.key == key {
                break;
            }
            let side = usize::from(node.key < key);
            (link, at) = (Link::Child(at, side), node.children[side]);
        }
        // Join the two subtrees in the node's place: walk down their facing
        // edges (the right edge of the lower one, the left edge of the
        // higher), taking the node of higher priority each step.
        let [mut low, mut high] = self.node(at).children;
        loop {
            if low == NIL || high == NIL {
                self.set(link, if low == NIL { high } else { low });
                break;
            }
            let (low_node, high_node) = (*self.node(low), *self.node(high));
            if low_node.priority >= high_node.priority {
                self.set(link, low);
                (link, low) = (Link::Child(low, 1), low_node.children[1]);
            } else {
                self.set(link, high);
                (link, high) = (Link::Child(high, 0), high_node.children[0]);
            }
        }
        self.len -= 1;
        if self.len == 0 {
            // Nothing is left: drop the free nodes, keep the capacity.
            self.nodes.clear();
            (self.root, self.free) = (NIL, NIL);
        } else {
            self.node_mut(at).children[0] = self.free;
            self.free = at;
        }
        true
    }

    /// Bytes held by the nodes.
    pub fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * core::mem::size_of::<Node<K>>()
    }

    /// Parts the subtree at `at` into the keys below `key` and the keys
    /// above it (`key` is not there), each still a treap; their roots.
    fn split(&mut self, mut at: u32, key: K) -> [u32; 2] {
        // The roots of the two parts, and the last node of each so far: the
        // lower part grows down its right edge, the higher one down its left.
        let (mut roots, mut ends) = ([NIL; 2], [NIL; 2]);
        while at != NIL {
            let node = *self.node(at);
            let part = usize::from(node.key > key);
            if ends[part] == NIL {
                roots[part] = at;
            } else {
                self.node_mut(ends[part]).children[1 - part] = at;
            }
            ends[part] = at;
            at = node.children[1 - part];
        }
        for (part, end) in ends.into_iter().enumerate() {
            if end != NIL {
                self.node_mut(end).children[1 - part] = NIL;
            }
        }
        roots
    }

    /// Hangs the subtree at `at` from `link`.
    fn set(&mut self, link: Link, at: u32) {
        match link {
            Link::Root => self.root = at,
            Link::Child(parent, side) => self.node_mut(parent).children[side] = at,
        }
    }

    /// Node `at`. Every node is reached through here or `node_mut`, so
    /// that the bounds check has one place to report, not one per use.
    fn node(&self, at: u32) -> &Node<K> {
        &self.nodes[at as usize]
    }

    /// Node `at`, to change.
    fn node_mut(&mut self, at: u32) -> &mut Node<K> {
        &mut self.nodes[at as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    impl OrderedSet<u64> {
        /// Walks every invariant in the file header.
        fn check(&self) -> Result<(), String> {
            let mut reached = vec![false; self.nodes.len()];
            // (node, the parent's priority, keys must be above, keys must be below)
            let mut stack = vec![(self.root, u32::MAX, None, None)];
            let mut count = 0;
            while let Some((at, ceiling, above, below)) = stack.pop() {
                if at == NIL {
                    continue;
                }
                if std::mem::replace(&mut reached[at as usize], true) {
                    return Err(format!("node {at} is reached twice"));
                }
                let node = &self.nodes[at as usize];
                let key = node.key;
                if above.is_some_and(|a| key <= a) || below.is_some_and(|b| key >= b) {
                    return Err(format!("key {key} in node {at} is outside {above:?}..{below:?}"));
                }
                if node.priority != key.priority() || node.priority > ceiling {
                    return Err(format!("node {at} has priority {}, its parent {ceiling}", node.priority));
                }
                count += 1;
                stack.push((node.children[0], node.priority, above, Some(key)));
                stack.push((node.children[1], node.priority, Some(key), below));
            }
            if count != self.len {
                return Err(format!("{count} keys are in the tree, len is {}", self.len));
            }
            let mut at = self.free;
            while at != NIL {
                if std::mem::replace(&mut reached[at as usize], true) {
                    return Err(format!("free node {at} is in use or listed twice"));
                }
                at = self.nodes[at as usize].children[0];
            }
            match reached.iter().position(|&r| !r) {
                Some(lost) => Err(format!("node {lost} is neither in the tree nor free")),
                None => Ok(()),
            }
        }

        /// Nodes on the longest path from the root down.
        fn depth(&self) -> usize {
            fn below(set: &OrderedSet<u64>, at: u32) -> usize {
                if at == NIL {
                    return 0;
                }
                let [low, high] = set.nodes[at as usize].children;
                1 + below(set, low).max(below(set, high))
            }
            below(self, self.root)
        }
    }

    #[test]
    fn keeps_keys_in_order() {
        let mut set = OrderedSet::default();
        for key in [50, 10, 40, 20, 30] {
            assert!(set.insert(key));
        }
        assert!(!set.insert(30), "already there");
        assert_eq!(set.len(), 5);
        assert_eq!(set.iter().collect::<Vec<_>>(), [10, 20, 30, 40, 50]);
        assert_eq!(set.first_from(0), Some(10));
        assert_eq!(set.first_from(30), Some(30));
        assert_eq!(set.first_from(31), Some(40));
        assert_eq!(set.first_from(51), None);
        assert_eq!(set.last(), Some(50));
        assert!(set.contains(40) && !set.contains(41));
        set.check().unwrap();
    }

    #[test]
    fn stays_shallow_for_keys_in_order_and_reuses_nodes() {
        let mut set = OrderedSet::default();
        for key in 0..10_000 {
            assert!(set.insert(key * 3));
        }
        set.check().unwrap();
        // Keys in order would make a plain search tree a list 10,000 deep;
        // a treap is about 2 ln n (18) deep on average, its deepest path longer.
        let depth = set.depth();
        assert!(depth <= 50, "depth {depth}");
        assert_eq!(set.first_from(3 * 5000 + 1), Some(3 * 5001));
        assert_eq!(set.last(), Some(3 * 9999));
        for key in (0..10_000).filter(|k| k % 2 == 0) {
            assert!(set.remove(key * 3));
        }
        assert!(!set.remove(0), "already gone");
        set.check().unwrap();
        let nodes = set.nodes.len();
        for key in 0..5000 {
            set.insert(key * 3 + 1);
        }
        assert_eq!(set.nodes.len(), nodes, "freed nodes are reused");
        set.check().unwrap();
        for key in set.iter().collect::<Vec<_>>() {
            assert!(set.remove(key));
        }
        assert!(set.is_empty());
        assert_eq!((set.first_from(0), set.last()), (None, None));
        assert_eq!((set.nodes.len(), set.root, set.free), (0, NIL, NIL), "no node is left");
        set.check().unwrap();
    }

    #[test]
    fn removes_the_root_and_joins_its_subtrees() {
        let mut set = OrderedSet::default();
        for key in 0..200 {
            set.insert(key);
        }
        for left in (100..200).rev() {
            let root = set.nodes[set.root as usize];
            assert!(set.remove(root.key), "{}", root.key);
            assert!(!set.contains(root.key));
            set.check().unwrap();
            assert_eq!(set.len(), left);
        }
    }

    #[test]
    fn handles_the_extreme_keys() {
        let mut set = OrderedSet::default();
        set.insert(u64::MAX);
        set.insert(0);
        assert_eq!(set.first_from(1), Some(u64::MAX));
        assert_eq!(set.first_from(u64::MAX), Some(u64::MAX));
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, u64::MAX]);
        set.check().unwrap();
    }

    #[test]
    fn wide_keys_order_by_all_their_bits() {
        let mut set = OrderedSet::<u128>::default();
        let keys = [1u128 << 64 | 7, 7, 1u128 << 64, u128::MAX, 0];
        for key in keys {
            assert!(set.insert(key));
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 7, 1u128 << 64, 1u128 << 64 | 7, u128::MAX]);
        assert_eq!(set.first_from(8), Some(1u128 << 64));
        assert!(set.remove(1u128 << 64));
        assert_eq!(set.first_from(8), Some(1u128 << 64 | 7));
    }

    #[derive(Clone, Debug)]
    enum Op {
        Insert(u64),
        Remove(u64),
        FirstFrom(u64),
    }

    fn key() -> impl Strategy<Value = u64> {
        prop_oneof![6 => 0u64..400, 2 => any::<u64>(), 1 => (0u64..4).prop_map(|k| u64::MAX - k)]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            5 => key().prop_map(Op::Insert),
            4 => key().prop_map(Op::Remove),
            2 => key().prop_map(Op::FirstFrom),
        ]
    }

    proptest! {
        #[test]
        fn matches_btreeset(ops in prop::collection::vec(op(), 1..1500)) {
            let mut set = OrderedSet::default();
            let mut model = BTreeSet::new();
            for op in ops {
                match op {
                    Op::Insert(key) => prop_assert_eq!(set.insert(key), model.insert(key)),
                    Op::Remove(key) => prop_assert_eq!(set.remove(key), model.remove(&key)),
                    Op::FirstFrom(key) => {
                        prop_assert_eq!(set.first_from(key), model.range(key..).next().copied());
                        prop_assert_eq!(set.contains(key), model.contains(&key));
                    }
                }
                prop_assert_eq!(set.len(), model.len());
                prop_assert_eq!(set.last(), model.last().copied());
                if let Err(broken) = set.check() {
                    return Err(TestCaseError::fail(format!("after {op:?}: {broken}")));
                }
            }
            prop_assert_eq!(set.iter().collect::<Vec<_>>(), model.into_iter().collect::<Vec<_>>());
        }
    }
}
