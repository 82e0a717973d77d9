// Typed code against the published types, checked by `tsc --noEmit -p
// tests/types` (types.test.js): code written for LEWD in both generations
// of its API, wasm-heap-manager-style code, and calls the types must
// refuse (each `@ts-expect-error` fails the check if the call is accepted).

import { alloc, bind, free, i32, memory, on, watch } from 'hostheap';
import { buf, buffer, cap, createHeap, grow, malloc, mem, off, spans, trim, usedBytes } from 'hostheap';
import * as hostheap from 'hostheap';
import type { Heap, OomEvent, ResizeEvent, Span, Token } from 'hostheap';
import { createHeapManager, createWasmHeapManager } from 'hostheap/manager';
import type { HeapManager, Int32Ref } from 'hostheap/manager';
import { heapToSVG, spansToSVG } from 'hostheap/svg';
import { createDebugHeap, POISON } from 'hostheap/debug';
import type { Leak } from 'hostheap';

declare const COUNTER: WebAssembly.Module;
interface CounterExports {
  bump(addr: number): number;
}

// ---- LEWD, first generation: alloc, bind, watch, mem, buf, i32, cap ------

const spawn = (): CounterExports =>
  new WebAssembly.Instance(COUNTER, { env: { mem } }).exports as unknown as CounterExports;
let guest: CounterExports = bind(spawn, () => {
  guest = spawn();
});

export class Counter {
  #addr: number = alloc(16, this);
  #view = new Int32Array(buf, this.#addr, 4);

  constructor() {
    watch(() => {
      this.#view = new Int32Array(buf, this.#addr, 4);
    }, this);
  }

  bump(): number {
    return guest.bump(this.#addr);
  }

  get value(): number {
    return i32[this.#addr >> 2] + this.#view[0] * 0;
  }
}

const blocks: number = cap;
const scratch: number = alloc(64); // no token: a scratch address
const owned = malloc(32);
free(owned);

// ---- LEWD, later generation: memory, buffer, on/off, grow, stats ---------

const token: Token = Symbol('owner');
const onResize = (event: ResizeEvent): void => {
  const grownBy: number = event.info.newSize - event.info.oldSize;
  const current: WebAssembly.Memory = event.info.memory;
  void grownBy, current;
};
on('resize', token, onResize);
on('grow', token, (event) => event.info.buffer.byteLength);
on('oom', token, (event: OomEvent) => event.info.maximumCapacity - event.info.requestCapacity);
off('resize', token, onResize);
off('grow', token);
const grew: 0 | 1 = grow(1);
const released: number = trim();
const layout: Span[] = spans();
const live: number = usedBytes() + hostheap.largestAtoms() + hostheap.runBytes();
const sameMemory: boolean = memory === mem && buffer === buf;

const heap: Heap = createHeap({ initial: 2, maximum: 16 });
heap.on('trim', heap, (event) => event.info.newSize);
const heapBlock: number = heap.alloc(48, {});

// ---- wasm-heap-manager style ---------------------------------------------

const manager: HeapManager = createHeapManager(heap);
const counter: Int32Ref = manager.allocInt32(7);
counter.write(counter.read() + 1);
manager.writeInt32(counter.address, 9);
const bytes = manager.allocUint8Array([1, 2, 3]);
bytes.free();

// Over any memory and allocator, as wasm-heap-manager is used with a guest's own malloc.
declare const guestExports: { memory: WebAssembly.Memory; malloc(size: number): number; free(addr: number): void };
const standalone: HeapManager = createWasmHeapManager(
  () => guestExports.memory.buffer,
  guestExports.malloc,
  guestExports.free,
  { pollingMode: 'whenEmpty', clearAllocatedRegions: true },
);
standalone.writeFloat64(8, Math.PI);
const pi: number = standalone.readFloat64(8);

// ---- a picture of the heap (hostheap/svg) ---------------------------------

const picture: string = heapToSVG(hostheap.heap, { width: 400, title: 'after trim' });
const savedPicture: string = spansToSVG(hostheap.spans(), hostheap.totalBytes());

// ---- a debug heap (hostheap/debug) ----------------------------------------

const debugHeap: Heap = createDebugHeap({ initial: 2 });
debugHeap.malloc(32);
const leaked: Leak[] = debugHeap.leaks();
const poison: number = POISON;

// ---- what the types refuse -----------------------------------------------

// @ts-expect-error sizes are numbers, never strings
malloc('16');
// @ts-expect-error a token is an object or a symbol
alloc(16, 'owner');
// @ts-expect-error there is no such event
on('shrink', token, () => {});
// @ts-expect-error an oom event carries capacities, not sizes
on('oom', token, (event) => event.info.newSize);
// @ts-expect-error grow answers 0 or 1
const wrong: 2 = grow(1);
// @ts-expect-error spans are read-only data, not a function
spans.push;
// @ts-expect-error memory is a binding to read, not to assign
hostheap.memory = new WebAssembly.Memory({ initial: 1 });
// @ts-expect-error heapToSVG draws a Heap, not a layout
heapToSVG(hostheap.spans());
// @ts-expect-error a Heap has no picture method: the picture is hostheap/svg's
hostheap.heap.toSVG();
// @ts-expect-error the debug log is hostheap/debug's createDebugHeap, not an option
createHeap({ debug: true });

export const checked = [blocks, scratch, grew, released, layout, live, sameMemory, heapBlock, pi, picture, savedPicture, wrong, leaked, poison];
