// hostheap: one WebAssembly.Memory shared by any number of small guest
// modules, a best-fit allocator for it whose bookkeeping lives elsewhere,
// and blocks tied to JavaScript lifetimes.
//
// The functions below work on a default heap created at import; the live
// bindings (`memory`, `buffer`, …) always show its current state.
// `createHeap` makes independent heaps with the same API as methods.

import { Heap, createHeap } from './heap.js';

/** The default heap's current memory. @type {WebAssembly.Memory} */
export let memory;
/** The default heap's current buffer. @type {ArrayBuffer} */
export let buffer;
/** Older name of `memory`. @type {WebAssembly.Memory} */
export let mem;
/** Older name of `buffer`. @type {ArrayBuffer} */
export let buf;
/** An Int32Array over the current buffer. @type {Int32Array} */
export let i32;
/** The memory size in 16-byte blocks. @type {number} */
export let cap;

const heap = new Heap(undefined, (current) => {
  memory = mem = current.memory;
  buffer = buf = current.buffer;
  i32 = current.i32;
  cap = current.cap;
});

/** @see Heap#alloc */
export function alloc(size, token, options) {
  return heap.alloc(size, token, options);
}
/** @see Heap#malloc */
export function malloc(size, options) {
  return heap.malloc(size, options);
}
/** @see Heap#calloc */
export function calloc(count, size) {
  return heap.calloc(count, size);
}
/** @see Heap#realloc */
export function realloc(addr, size) {
  return heap.realloc(addr, size);
}
/** @see Heap#free */
export function free(addr) {
  heap.free(addr);
}
/** @see Heap#tie */
export function tie(addr, token) {
  heap.tie(addr, token);
}
/** @see Heap#untie */
export function untie(addr) {
  heap.untie(addr);
}
/** @see Heap#reserve */
export function reserve(addr, size) {
  return heap.reserve(addr, size);
}
/** @see Heap#unreserve */
export function unreserve(addr) {
  heap.unreserve(addr);
}
/** @see Heap#grow */
export function grow(pages) {
  return heap.grow(pages);
}
/** @see Heap#trim */
export function trim() {
  return heap.trim();
}
/** @see Heap#bind */
export function bind(spawn, respawn) {
  return heap.bind(spawn, respawn);
}
/** @see Heap#watch */
export function watch(fn, token) {
  heap.watch(fn, token);
}
/** @see Heap#on */
export function on(type, token, fn) {
  heap.on(type, token, fn);
}
/** @see Heap#off */
export function off(type, token, fn) {
  heap.off(type, token, fn);
}
/** @see Heap#spans */
export function spans() {
  return heap.spans();
}
/** @see Heap#check */
export function check() {
  heap.check();
}
/** @see Heap#leaks */
export function leaks() {
  return heap.leaks();
}
/**
 * The default heap's growth limit in pages (see Heap#limit).
 * @returns {number}
 */
export function limit() {
  return heap.limit;
}
/**
 * Sets the default heap's growth limit in pages (see Heap#limit).
 * @param {number} pages from 1 to the memory's maximum
 */
export function setLimit(pages) {
  heap.limit = pages;
}

export const totalBytes = () => heap.totalBytes();
export const usedBytes = () => heap.usedBytes();
export const runBytes = () => heap.runBytes();
export const freeBytes = () => heap.freeBytes();
export const headBytes = () => heap.headBytes();
export const tailBytes = () => heap.tailBytes();
export const largestBytes = () => heap.largestBytes();
export const reservedBytes = () => heap.reservedBytes();
export const totalAtoms = () => heap.totalAtoms();
export const usedAtoms = () => heap.usedAtoms();
export const runAtoms = () => heap.runAtoms();
export const freeAtoms = () => heap.freeAtoms();
export const headAtoms = () => heap.headAtoms();
export const tailAtoms = () => heap.tailAtoms();
export const largestAtoms = () => heap.largestAtoms();
export const reservedAtoms = () => heap.reservedAtoms();

export { createHeap };

/**
 * The default heap as a {@link Heap} object, for code that takes one (such
 * as `createHeapManager` from `hostheap/manager`).
 * @type {Heap}
 */
export { heap };
