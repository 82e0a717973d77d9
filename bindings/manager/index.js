// The typed heap manager, the package's `hostheap/manager` entry: reads,
// writes, atomics, views, strings, refs, structs and custom arrays over a
// heap, with the API of wasm-heap-manager. `createWasmHeapManager` and
// `wrapEmscriptenModuleHeap` work over any heap and allocator;
// `createHeapManager` (and `managerOf`, `manager`) bind one to a hostheap
// heap, following its grow and trim and tying refs to the GC. An entry of
// its own, so that `import { alloc } from 'hostheap'` does not load it.

import { HeapManager, PollingHeapManager } from './manager.generated.js';
import { describe } from '../errors.js';
import { heap as defaultHeap } from '../index.js';

export * from './manager.generated.js';
export { ArrayRef, HeapRef, POLLING_MODES, PointerArrayRef, StringRef } from './core.js';
export { CustomArrayRef, StructArrayRef, StructRef, StructType, defineStruct } from './structs.js';

function checkFunction(call, name, value) {
  if (typeof value !== 'function') throw new TypeError(`${call}: ${name} must be a function, got ${describe(value)}`);
}

/**
 * A manager over any heap: `getLatestHeap()` returns the current heap (an
 * ArrayBuffer or SharedArrayBuffer, or a WebAssembly.Memory or a view of
 * the whole heap), `alloc(size)` returns an address (0 or less means
 * failure), `free(address)` releases it.
 * @param {() => ArrayBufferLike | WebAssembly.Memory | ArrayBufferView} getLatestHeap
 * @param {(size: number) => number} alloc
 * @param {(address: number) => unknown} free
 * @param {{ clearAllocatedRegions?: boolean, pollingMode?: 'never' | 'whenEmpty' | 'always', trackAllocations?: boolean }} [options]
 * @returns {HeapManager}
 * @throws {TypeError} when an argument is not a function, an option has the wrong kind, or the heap is not a buffer
 * @throws {RangeError} when pollingMode is an unknown string
 * @example
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const manager = createWasmHeapManager(() => memory.buffer, exports.malloc, exports.free);
 * manager.writeInt32(64, 7);
 */
export function createWasmHeapManager(getLatestHeap, alloc, free, options) {
  const call = 'createWasmHeapManager(getLatestHeap, alloc, free, options)';
  checkFunction(call, 'getLatestHeap', getLatestHeap);
  checkFunction(call, 'alloc', alloc);
  checkFunction(call, 'free', free);
  const Manager = options?.pollingMode === 'always' ? PollingHeapManager : HeapManager;
  return new Manager(call, { getLatestHeap, allocate: alloc, deallocate: free }, options);
}

/**
 * A manager over an Emscripten module's heap (`HEAPU8`, `_malloc`, `_free`).
 * @param {{ HEAPU8: Uint8Array, _malloc: (size: number) => number, _free: (address: number) => unknown }} module
 * @param {object} [options] as for {@link createWasmHeapManager}
 * @returns {HeapManager}
 * @throws {TypeError} when the module lacks one of them
 */
export function wrapEmscriptenModuleHeap(module, options) {
  const call = 'wrapEmscriptenModuleHeap(module, options)';
  if (typeof module !== 'object' || module === null) throw new TypeError(`${call}: module must be an object, got ${describe(module)}`);
  if (!ArrayBuffer.isView(module.HEAPU8)) {
    throw new TypeError(`${call}: module.HEAPU8 must be a Uint8Array (export HEAPU8 when building), got ${describe(module.HEAPU8)}`);
  }
  checkFunction(call, 'module._malloc', module._malloc);
  checkFunction(call, 'module._free', module._free);
  return createWasmHeapManager(
    () => module.HEAPU8.buffer,
    (size) => module._malloc(size),
    (address) => module._free(address),
    options,
  );
}

/**
 * A manager bound to a hostheap heap: it follows grow and trim through the
 * heap's `resize` event, and every ref from its `alloc…` methods is freed
 * when the ref is garbage-collected (or once, at its `free()`).
 * `pollingMode` does not apply: the heap announces its changes.
 * @param {import('../heap.js').Heap} heap a heap from createHeap, or the default one
 * @param {{ clearAllocatedRegions?: boolean, trackAllocations?: boolean }} [options]
 * @returns {HeapManager}
 * @throws {TypeError} when heap is not a hostheap heap or an option has the wrong kind
 * @example
 * const heap = createHeap();
 * const count = createHeapManager(heap).allocUint32(0);
 * count.value += 1;
 */
export function createHeapManager(heap, options) {
  return bindManager('createHeapManager(heap, options)', heap, options);
}

function bindManager(call, heap, options) {
  if (!(typeof heap === 'object' && heap !== null && typeof heap.alloc === 'function' && typeof heap.on === 'function' && heap.memory instanceof WebAssembly.Memory)) {
    throw new TypeError(`${call}: heap must be a hostheap heap, got ${describe(heap)}`);
  }
  return new HeapManager(call, { heap }, options);
}

const managers = new WeakMap();

/**
 * The manager of `heap` with default options, made at first use and the same ever after.
 * @param {import('../heap.js').Heap} heap
 * @returns {HeapManager}
 */
export function managerOf(heap) {
  let manager = managers.get(heap);
  if (manager === undefined) {
    manager = bindManager('managerOf(heap)', heap, undefined);
    managers.set(heap, manager);
  }
  return manager;
}

/**
 * The default heap's manager (`managerOf` the `heap` that `hostheap` exports).
 * @type {HeapManager}
 */
export const manager = managerOf(defaultHeap);
