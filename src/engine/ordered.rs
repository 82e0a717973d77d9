//! An ordered set of integer keys (`u128` unless said otherwise): a B-tree whose nodes live in one `Vec`
//! and link to each other by index.
//!
//! A node holds up to [`MAX_KEYS`] keys in ascending order. A branch with
//! `len` keys has `len + 1` children, and the keys under `children[i]` lie
//! between `keys[i - 1]` and `keys[i]`. Insert and remove each walk down
//! from the root once: insert splits every full node before stepping into
//! it, so a split always finds room above; remove tops up every minimal
//! node before stepping into it, so taking a key out never leaves a node
//! short. Everything costs O(log n), the height being below log6(n) + 1.
//!
//! Invariants, checked by `check` in the tests:
//! - keys rise strictly within a node and across the tree in order;
//! - the nodes `height` levels below `root` are the leaves (their
//!   `children` are unused), and there are no others;
//! - every node but the root holds at least [`MIN_KEYS`] keys;
//! - `len` keys are in the tree, and every node that is not in the tree is
//!   on the free list, chained through `children[0]` from `free`.

use alloc::vec;
use alloc::vec::Vec;
use core::iter;

/// Keys in a node at most. Odd, so that a full node splits into two
/// minimal halves around its middle key.
const MAX_KEYS: usize = 11;
/// Keys in a node at least, the root excepted.
const MIN_KEYS: usize = MAX_KEYS / 2;
/// The end of the free list.
const NIL: u32 = u32::MAX;

/// What a key can be: an unsigned integer, 0 being the default.
pub trait Key: Copy + Ord + Default + core::fmt::Debug {
    /// The next key up, `None` at the largest.
    fn successor(self) -> Option<Self>;
}

impl Key for u64 {
    fn successor(self) -> Option<u64> {
        self.checked_add(1)
    }
}

impl Key for u128 {
    fn successor(self) -> Option<u128> {
        self.checked_add(1)
    }
}

#[derive(Clone, Copy, Debug)]
struct Node<K> {
    len: usize,
    keys: [K; MAX_KEYS],
    /// Meaningful in branches only; in a free node, `children[0]` is the next free node.
    children: [u32; MAX_KEYS + 1],
}

impl<K: Key> Node<K> {
    /// A node with no keys and no children. Not inlined: shared by every
    /// maker of a node (see the engine's notes on size).
    #[inline(never)]
    fn empty() -> Node<K> {
        Node { len: 0, keys: [K::default(); MAX_KEYS], children: [NIL; MAX_KEYS + 1] }
    }

    /// How many keys are below `key`, and whether the next one is `key`.
    #[inline]
    fn search(&self, key: K) -> (usize, bool) {
        for (i, &k) in self.keys[..self.len].iter().enumerate() {
            if k >= key {
                return (i, k == key);
            }
        }
        (self.len, false)
    }

    /// Puts `key` at `i` and `child` right after it; the node is not full.
    fn insert(&mut self, i: usize, key: K, child: u32) {
        self.keys.copy_within(i..self.len, i + 1);
        self.children.copy_within(i + 1..self.len + 1, i + 2);
        self.keys[i] = key;
        self.children[i + 1] = child;
        self.len += 1;
    }

    /// Puts `key` last, and `child` after it; the node is not full.
    fn push(&mut self, key: K, child: u32) {
        self.insert(self.len, key, child);
    }

    /// Takes out the key at `i` and the child right after it.
    fn remove(&mut self, i: usize) -> (K, u32) {
        let taken = (self.keys[i], self.children[i + 1]);
        self.keys.copy_within(i + 1..self.len, i);
        self.children.copy_within(i + 2..self.len + 1, i + 1);
        self.len -= 1;
        taken
    }
}

/// Two distinct nodes, both mutable.
fn pair<K>(nodes: &mut [Node<K>], a: u32, b: u32) -> (&mut Node<K>, &mut Node<K>) {
    let (a, b) = (a as usize, b as usize);
    if a < b {
        let (low, high) = nodes.split_at_mut(b);
        (&mut low[a], &mut high[0])
    } else {
        let (low, high) = nodes.split_at_mut(a);
        (&mut high[0], &mut low[b])
    }
}

/// A set of keys with insert, remove and ordered lookups in O(log n).
#[derive(Clone, Debug)]
pub struct OrderedSet<K = u128> {
    nodes: Vec<Node<K>>,
    root: u32,
    /// Levels below the root; 0 while the root is a leaf.
    height: u32,
    /// Head of the chain of unused nodes.
    free: u32,
    len: usize,
}

impl<K: Key> Default for OrderedSet<K> {
    /// Not inlined: shared by the engine's five sets (see the engine's
    /// notes on size).
    #[inline(never)]
    fn default() -> Self {
        OrderedSet { nodes: vec![Node::empty()], root: 0, height: 0, free: NIL, len: 0 }
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
        let mut found = None;
        let (mut at, mut level) = (self.root, self.height);
        loop {
            let node = self.node(at);
            let (i, here) = node.search(from);
            if here {
                return Some(from);
            }
            if i < node.len {
                // The smallest key above `from` here; anything smaller lies below.
                found = Some(node.keys[i]);
            }
            if level == 0 {
                return found;
            }
            at = node.children[i];
            level -= 1;
        }
    }

    /// The largest key.
    pub fn last(&self) -> Option<K> {
        let at = self.rightmost_leaf(self.root, self.height);
        let node = self.node(at);
        node.len.checked_sub(1).map(|i| node.keys[i])
    }

    /// The keys in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = K> + '_ {
        iter::successors(self.first_from(K::default()), |&key| key.successor().and_then(|next| self.first_from(next)))
    }

    /// Adds `key`; `false` if it was there already.
    pub fn insert(&mut self, key: K) -> bool {
        if self.node(self.root).len == MAX_KEYS {
            // The tree grows at the top: a new root over the full one, then split that.
            let root = self.allocate();
            self.node_mut(root).children[0] = self.root;
            self.root = root;
            self.height += 1;
            self.split_child(root, 0);
        }
        let (mut at, mut level) = (self.root, self.height);
        loop {
            let (mut i, here) = self.node(at).search(key);
            if here {
                return false;
            }
            if level == 0 {
                // A leaf: its children are unused, so only keys move.
                let leaf = self.node_mut(at);
                leaf.keys.copy_within(i..leaf.len, i + 1);
                leaf.keys[i] = key;
                leaf.len += 1;
                self.len += 1;
                return true;
            }
            let child = self.node(at).children[i];
            if self.node(child).len == MAX_KEYS {
                self.split_child(at, i);
                let middle = self.node(at).keys[i];
                if key == middle {
                    return false;
                }
                i += usize::from(key > middle);
            }
            at = self.node(at).children[i];
            level -= 1;
        }
    }

    /// Removes `key`; `false` if it was not there.
    pub fn remove(&mut self, key: K) -> bool {
        let mut key = key;
        let (mut at, mut level) = (self.root, self.height);
        loop {
            let (mut i, mut here) = self.node(at).search(key);
            if level == 0 {
                if here {
                    let leaf = self.node_mut(at);
                    leaf.keys.copy_within(i + 1..leaf.len, i);
                    leaf.len -= 1;
                    self.len -= 1;
                    if self.len == 0 {
                        // Only the empty root is left: drop the free nodes, keep the capacity.
                        self.nodes.truncate(1);
                        *self.node_mut(0) = Node::empty();
                        (self.root, self.free) = (0, NIL);
                    }
                }
                return here;
            }
            let child = self.node(at).children[i];
            if self.node(child).len == MIN_KEYS {
                i = self.top_up(at, i);
                // The key may have moved down into child `i`.
                let node = self.node(at);
                here = i < node.len && node.keys[i] == key;
                if node.len == 0 {
                    // Only the root empties, when its last two children merge:
                    // the merged child is the new root, one level lower.
                    let merged = node.children[0];
                    self.release(at);
                    (self.root, self.height) = (merged, self.height - 1);
                    (at, level) = (merged, level - 1);
                    continue;
                }
            }
            let below = self.node(at).children[i];
            if here {
                // A branch keeps `key`: its predecessor, the largest key of the
                // subtree to its left, takes its place and is removed from there.
                let leaf = self.rightmost_leaf(below, level - 1);
                let leaf = self.node(leaf);
                key = leaf.keys[leaf.len - 1];
                self.node_mut(at).keys[i] = key;
            }
            at = below;
            level -= 1;
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

    /// Bytes held by the nodes.
    pub fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * core::mem::size_of::<Node<K>>()
    }

    /// The last leaf under `at`, which is `level` levels above the leaves.
    fn rightmost_leaf(&self, mut at: u32, level: u32) -> u32 {
        for _ in 0..level {
            let node = self.node(at);
            at = node.children[node.len];
        }
        at
    }

    /// Splits the full child `i` of `parent`, which is not full, around the
    /// child's middle key; that key moves up into `parent`.
    fn split_child(&mut self, parent: u32, i: usize) {
        let child = self.node(parent).children[i];
        let right = self.allocate();
        let (left_node, right_node) = pair(&mut self.nodes, child, right);
        right_node.children[0] = left_node.children[MIN_KEYS + 1];
        for k in MIN_KEYS + 1..MAX_KEYS {
            right_node.push(left_node.keys[k], left_node.children[k + 1]);
        }
        left_node.len = MIN_KEYS;
        let middle = left_node.keys[MIN_KEYS];
        self.node_mut(parent).insert(i, middle, right);
    }

    /// Gives child `i` of `parent`, which holds [`MIN_KEYS`] keys, at least
    /// one more from a sibling, and returns the index of the child that now
    /// covers child `i`'s keys: `i`, or `i - 1` when it merged into its left sibling.
    fn top_up(&mut self, parent: u32, i: usize) -> usize {
        let node = self.node(parent);
        let len = node.len;
        if i > 0 && self.node(node.children[i - 1]).len > MIN_KEYS {
            self.rotate_right(parent, i - 1);
            return i;
        }
        if i < len && self.node(node.children[i + 1]).len > MIN_KEYS {
            self.rotate_left(parent, i);
            return i;
        }
        let i = i.min(len - 1);
        self.merge(parent, i);
        i
    }

    /// Moves the last key of child `k` up to `keys[k]`, and that key down to the front of child `k + 1`.
    fn rotate_right(&mut self, parent: u32, k: usize) {
        let node = self.node(parent);
        let (separator, left, right) = (node.keys[k], node.children[k], node.children[k + 1]);
        let (left, right) = pair(&mut self.nodes, left, right);
        let (up, moved) = left.remove(left.len - 1);
        right.insert(0, separator, right.children[0]);
        right.children[0] = moved;
        self.node_mut(parent).keys[k] = up;
    }

    /// Moves the first key of child `k + 1` up to `keys[k]`, and that key down to the end of child `k`.
    fn rotate_left(&mut self, parent: u32, k: usize) {
        let node = self.node(parent);
        let (separator, left, right) = (node.keys[k], node.children[k], node.children[k + 1]);
        let (left, right) = pair(&mut self.nodes, left, right);
        left.push(separator, right.children[0]);
        let (up, next) = right.remove(0);
        right.children[0] = next;
        self.node_mut(parent).keys[k] = up;
    }

    /// Joins child `k`, `keys[k]` and child `k + 1`, both minimal, into child `k`.
    fn merge(&mut self, parent: u32, k: usize) {
        let (separator, right) = self.node_mut(parent).remove(k);
        let left = self.node(parent).children[k];
        let (left, right_node) = pair(&mut self.nodes, left, right);
        left.push(separator, right_node.children[0]);
        for k in 0..right_node.len {
            left.push(right_node.keys[k], right_node.children[k + 1]);
        }
        self.release(right);
    }

    /// A node with no keys, from the free list if it has one. Not inlined:
    /// shared by the splits (see the engine's notes on size).
    #[inline(never)]
    fn allocate(&mut self) -> u32 {
        if self.free == NIL {
            self.nodes.push(Node::empty());
            return (self.nodes.len() - 1) as u32;
        }
        let index = self.free;
        self.free = self.node(index).children[0];
        self.node_mut(index).len = 0;
        index
    }

    /// Puts the unlinked node `index` on the free list.
    fn release(&mut self, index: u32) {
        self.node_mut(index).children[0] = self.free;
        self.free = index;
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
            // (node, levels above the leaves, keys must be above, keys must be below)
            let mut stack = vec![(self.root, self.height, None, None)];
            let mut count = 0;
            while let Some((at, level, above, below)) = stack.pop() {
                if std::mem::replace(&mut reached[at as usize], true) {
                    return Err(format!("node {at} is reached twice"));
                }
                let node = &self.nodes[at as usize];
                if node.len > MAX_KEYS || (at != self.root && node.len < MIN_KEYS) {
                    return Err(format!("node {at} holds {} keys", node.len));
                }
                let keys = &node.keys[..node.len];
                if keys.windows(2).any(|pair| pair[0] >= pair[1]) {
                    return Err(format!("node {at} is out of order: {keys:?}"));
                }
                let outside = |&key: &u64| above.is_some_and(|a| key <= a) || below.is_some_and(|b| key >= b);
                if let Some(key) = keys.iter().find(|key| outside(key)) {
                    return Err(format!("key {key} in node {at} is outside {above:?}..{below:?}"));
                }
                count += node.len;
                if level > 0 {
                    for i in 0..=node.len {
                        let low = if i == 0 { above } else { Some(keys[i - 1]) };
                        let high = if i == node.len { below } else { Some(keys[i]) };
                        stack.push((node.children[i], level - 1, low, high));
                    }
                }
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
    fn grows_and_shrinks_by_levels() {
        let mut set = OrderedSet::default();
        for key in 0..10_000 {
            assert!(set.insert(key * 3));
        }
        assert!(set.height >= 3, "height {}", set.height);
        set.check().unwrap();
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
        assert_eq!((set.nodes.len(), set.height), (1, 0), "only the root is left");
        set.check().unwrap();
    }

    #[test]
    fn removes_keys_held_in_branches() {
        let mut set = OrderedSet::default();
        for key in 0..200 {
            set.insert(key);
        }
        // The root is a branch: each of its keys has a subtree on both sides.
        let root = set.nodes[set.root as usize];
        assert!(set.height > 0 && root.len > 0);
        for &key in &root.keys[..root.len] {
            assert!(set.remove(key), "{key}");
            assert!(!set.contains(key));
            set.check().unwrap();
        }
        assert_eq!(set.len(), 200 - root.len);
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
