// Types of the `hostheap/svg` entry: a picture of a heap's layout.

import type { Heap } from './index.js';

/** The colour of each kind of span; `used` is for spans that say only `free: false`. */
export const SPAN_COLORS: Readonly<Record<'strong' | 'token' | 'reserved' | 'free' | 'used', string>>;

/** Bytes as the picture writes them: the largest binary unit that keeps the number at least 1, to two decimals ("512 B", "1.5 KiB"). */
export function formatBytes(bytes: number): string;

/** Options of {@link spansToSVG} and {@link heapToSVG}. */
export interface SVGOptions {
  /** Width of the image in pixels, 200 to 10000; default 800. */
  width?: number;
  /** Height of the strip in pixels, 8 to 1000; default 40. */
  height?: number;
  /** Drawn above the strip; default "hostheap". */
  title?: string;
}

/** A span to draw: `kind` as `spans()` gives it, or only `free` for a layout without kinds. */
export interface SpanToDraw {
  addr: number;
  size: number;
  free?: boolean;
  kind?: 'free' | 'strong' | 'token' | 'reserved';
}

/**
 * Draws a layout as an SVG image: a strip over the address space with
 * strong, token, reserved and free spans in their own colours, a scale, a
 * legend and totals.
 * @param totalSize the memory's size in bytes, 1 to 2^32
 * @throws {TypeError} spans, totalSize or an option of the wrong kind
 * @throws {RangeError} spans out of order, overlapping or past totalSize; an option out of range or unknown
 */
export function spansToSVG(spans: readonly SpanToDraw[], totalSize: number, options?: SVGOptions): string;

/**
 * Draws a heap's layout as it is now: {@link spansToSVG} over `heap.spans()`
 * and `heap.totalBytes()`.
 * @param heap a heap from `createHeap`, or the default one (`heap` from 'hostheap')
 * @throws {TypeError} heap not a Heap, or an option of the wrong kind
 * @throws {RangeError} an option out of range or unknown
 */
export function heapToSVG(heap: Heap, options?: SVGOptions): string;
