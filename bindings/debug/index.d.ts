// Types of the `hostheap/debug` entry: heaps that keep a log of their blocks.

import type { Heap, HeapOptions } from '../index.js';

/** The byte every freed byte of a debug heap is filled with: an i32 read there gives 0xDEDEDEDE. */
export const POISON: 0xde;

/**
 * A heap like `createHeap(options)` makes, that also keeps a log of its
 * blocks: each live block's allocation site, `0xDE` in every freed byte,
 * and `heap.leaks()`.
 */
export function createDebugHeap(options?: HeapOptions): Heap;
