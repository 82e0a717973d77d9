// The heap manager's hand-written core: the cached views and how they follow
// the heap, allocation and tracking, the slow paths and their errors, and
// the ref base classes. Per-type methods live in manager.generated.js
// (HeapManager, which extends StructManager from structs.js, which extends
// ManagerBase).
//
// Invariant: `_u8` (and every other view field) covers the buffer the
// manager last saw. A fast path trusts a view only when the element it
// touches is there (not undefined), so a bad address, a detached buffer
// (length 0) or an address past the end of a grown one falls through to
// `_index`, which polls per `pollingMode` and checks again, and says what
// was wrong. A hostheap-bound manager also refreshes on the heap's `resize`
// event, because a trim leaves the old buffer attached; a custom heap in
// mode `always` is asked before every access (PollingHeapManager).
//
// Fields start with `_` rather than `#`: the generated subclass reads them
// on its hot paths. They are internal all the same.

import { describe } from '../errors.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('hostheap manager: needs a little-endian platform, as WebAssembly memory is little-endian');
}

/** The polling modes, as option strings. */
export const POLLING_MODES = ['never', 'whenEmpty', 'always'];
const NEVER = 0;
const WHEN_EMPTY = 1;
const ALWAYS = 2;

const HAS_SHARED = typeof SharedArrayBuffer === 'function';

// ---------------------------------------------------------------------------
// Errors, built off the hot paths.

/** Error for an address that is not a number, not a safe non-negative integer, misaligned or out of bounds. */
export function addressError(call, address, bytes, size) {
  if (typeof address !== 'number') return new TypeError(`${call}: address must be a number, got ${describe(address)}`);
  if (!(Number.isSafeInteger(address) && address >= 0)) {
    return new RangeError(`${call}: address must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describe(address)}`);
  }
  if (address % bytes !== 0) return new RangeError(`${call}: address ${address} is not a multiple of ${bytes}`);
  return new RangeError(`${call}: ${bytes} bytes at address ${address} pass the end of the heap (${size} bytes)`);
}

/** Error for a value a write does not accept; `type.allowed` says what it does. */
export function valueError(call, type, value) {
  const { name, allowed } = type;
  const message = `${call}: ${name} value must be ${allowed}, got ${describe(value)}`;
  const rightKind = allowed.startsWith('a bigint') ? typeof value === 'bigint' : typeof value === 'number';
  return rightKind ? new RangeError(message) : new TypeError(message);
}

/** Error for a count or index that is not an integer in range. */
export function countError(call, name, low, high, value) {
  const message = `${call}: ${name} must be an integer from ${low} to ${high}, got ${describe(value)}`;
  return typeof value === 'number' ? new RangeError(message) : new TypeError(message);
}

/** Error for use of a ref after its `free()`; `call` names the class and member (`Int32Ref.read()`). */
export function freedError(ref, call) {
  return new TypeError(`${call}: the ref at address ${ref._address} was freed`);
}

/** Throws unless `value` is an integer from 0 to `high`; `name` is the argument's. */
function checkCount(call, name, value, high = Number.MAX_SAFE_INTEGER) {
  if (!(Number.isSafeInteger(value) && value >= 0 && value <= high)) throw countError(call, name, 0, high, value);
}

// ---------------------------------------------------------------------------
// The heap behind a manager.

/** The ArrayBuffer or SharedArrayBuffer behind what a heap getter returned. */
function toBuffer(call, heap) {
  if (heap instanceof ArrayBuffer || (HAS_SHARED && heap instanceof SharedArrayBuffer)) return heap;
  if (heap instanceof WebAssembly.Memory) return heap.buffer;
  if (ArrayBuffer.isView(heap) && heap.byteOffset === 0) return heap.buffer;
  throw new TypeError(
    `${call}: the heap must be an ArrayBuffer, a SharedArrayBuffer, a WebAssembly.Memory or a view at offset 0, got ${describe(heap)}`,
  );
}

/** A view of the whole buffer; length-tracking where the size allows, else its whole elements. */
function viewOf(Type, buffer) {
  if (buffer.byteLength % Type.BYTES_PER_ELEMENT === 0) return new Type(buffer);
  return new Type(buffer, 0, Math.floor(buffer.byteLength / Type.BYTES_PER_ELEMENT));
}

function checkOptions(call, options) {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${call}: options must be an object, got ${describe(options)}`);
  }
  const { clearAllocatedRegions = true, pollingMode = 'whenEmpty', trackAllocations = true } = options;
  for (const [name, value] of [['clearAllocatedRegions', clearAllocatedRegions], ['trackAllocations', trackAllocations]]) {
    if (typeof value !== 'boolean') throw new TypeError(`${call}: options.${name} must be a boolean, got ${describe(value)}`);
  }
  const polling = POLLING_MODES.indexOf(pollingMode);
  if (polling < 0) {
    const message = `${call}: options.pollingMode must be one of ${POLLING_MODES.map((m) => `"${m}"`).join(', ')}, got ${describe(pollingMode)}`;
    throw typeof pollingMode === 'string' ? new RangeError(message) : new TypeError(message);
  }
  return { clearAllocatedRegions, trackAllocations, polling };
}

/**
 * State and hand-written operations of a heap manager. Use
 * {@link createWasmHeapManager}, {@link wrapEmscriptenModuleHeap} or
 * {@link createHeapManager}; the per-type methods come from the generated
 * subclass.
 */
export class ManagerBase {
  // Each view field holds one kind of typed array from the start (never
  // null), so V8 knows its type wherever a fast path loads it.
  _buffer = null;
  _shared = false;
  _i8 = new Int8Array(0);
  _u8 = new Uint8Array(0);
  _c8 = new Uint8ClampedArray(0);
  _i16 = new Int16Array(0);
  _u16 = new Uint16Array(0);
  _i32 = new Int32Array(0);
  _u32 = new Uint32Array(0);
  _i64 = new BigInt64Array(0);
  _u64 = new BigUint64Array(0);
  _f32 = new Float32Array(0);
  _f64 = new Float64Array(0);
  /** @type {() => unknown} */
  _getLatestHeap;
  /** @type {((size: number) => number) | null} */
  _allocate = null;
  /** @type {((address: number) => unknown) | null} */
  _deallocate = null;
  /** The hostheap heap this manager is bound to, or null. */
  _heap = null;
  _polling = WHEN_EMPTY;
  _clear = true;
  /** address -> ref (a WeakRef of it when bound: GC-tracked refs must stay collectable), or null. */
  _tracked = null;

  /**
   * @param {string} call the public call that creates it, for errors
   * @param {{ heap?: object, getLatestHeap?: () => unknown, allocate?: (size: number) => number, deallocate?: (address: number) => unknown }} source
   * @param {object} [options]
   */
  constructor(call, source, options) {
    const { clearAllocatedRegions, trackAllocations, polling } = checkOptions(call, options);
    this._clear = clearAllocatedRegions;
    this._tracked = trackAllocations ? new Map() : null;
    if (source.heap !== undefined) {
      const heap = source.heap;
      this._heap = heap;
      this._polling = WHEN_EMPTY;
      this._getLatestHeap = () => heap.memory.buffer;
      // The handler closes over the manager, its token: it does not keep it alive.
      heap.on('resize', this, (event) => this._refresh(event.info.buffer));
    } else {
      this._allocate = source.allocate;
      this._deallocate = source.deallocate;
      this._getLatestHeap = source.getLatestHeap;
      this._polling = polling;
    }
    this._refresh(toBuffer(call, this._getLatestHeap()));
  }

  /** Views over `buffer`, if it is not the one already seen. */
  _refresh(buffer) {
    if (buffer === this._buffer) return;
    this._buffer = buffer;
    this._shared = HAS_SHARED && buffer instanceof SharedArrayBuffer;
    this._i8 = viewOf(Int8Array, buffer);
    this._u8 = viewOf(Uint8Array, buffer);
    this._c8 = viewOf(Uint8ClampedArray, buffer);
    this._i16 = viewOf(Int16Array, buffer);
    this._u16 = viewOf(Uint16Array, buffer);
    this._i32 = viewOf(Int32Array, buffer);
    this._u32 = viewOf(Uint32Array, buffer);
    this._i64 = viewOf(BigInt64Array, buffer);
    this._u64 = viewOf(BigUint64Array, buffer);
    this._f32 = viewOf(Float32Array, buffer);
    this._f64 = viewOf(Float64Array, buffer);
  }

  /** Asks for the latest heap now. */
  _poll() {
    this._refresh(toBuffer('getLatestHeap()', this._getLatestHeap()));
  }

  /** Polls if the mode asks for it now: `always`, or `whenEmpty` with an empty (detached) buffer. */
  _sync() {
    if (this._polling === ALWAYS || (this._polling === WHEN_EMPTY && this._u8.length === 0)) this._poll();
  }

  /**
   * The slow path of every access: checks `address` for `bytes` bytes
   * (polling first if the mode says so) and returns its element index.
   */
  _index(call, address, bytes) {
    if (!(Number.isSafeInteger(address) && address >= 0 && address % bytes === 0)) {
      throw addressError(call, address, bytes, this._u8.length);
    }
    this._sync();
    if (address + bytes > this._u8.length && !this._grown(address + bytes)) {
      throw addressError(call, address, bytes, this._u8.length);
    }
    return address / bytes;
  }

  /**
   * Before calling an access out of bounds: asks for the latest heap once
   * more (unless the mode is `never`), in case it grew without detaching
   * (shared or resizable memory). Whether `end` bytes fit now.
   */
  _grown(end) {
    if (this._polling === NEVER) return false;
    this._poll();
    return end <= this._u8.length;
  }

  /** Checks a range of `count` elements of `bytes` at `address`; returns the first element's index. */
  _range(call, address, count, bytes) {
    checkCount(call, 'elementCount', count);
    if (!(Number.isSafeInteger(address) && address >= 0 && address % bytes === 0)) {
      throw addressError(call, address, bytes, this._u8.length);
    }
    this._sync();
    const end = address + count * bytes;
    if (end > this._u8.length && !this._grown(end)) {
      throw new RangeError(`${call}: ${count} elements of ${bytes} bytes at address ${address} pass the end of the heap (${this._u8.length} bytes)`);
    }
    return address / bytes;
  }

  /** The heap's current size in bytes. @type {number} */
  get byteLength() {
    this._sync();
    return this._u8.length;
  }

  /** The heap's current buffer. @type {ArrayBuffer | SharedArrayBuffer} */
  get buffer() {
    this._sync();
    return this._buffer;
  }

  // -------------------------------------------------------------------------
  // Allocation.

  /**
   * Allocates `size` bytes for `ref` (its token on a hostheap heap, so it is
   * freed when `ref` is collected), clears them if the options say so, and
   * returns the address.
   */
  _allocFor(call, size, ref) {
    let address;
    if (this._heap !== null) {
      address = this._heap.alloc(size === 0 ? 1 : size, ref);
    } else {
      address = this._allocate(size);
      if (typeof address === 'bigint') address = Number(address);
      if (!(Number.isSafeInteger(address) && address > 0)) {
        throw new RangeError(`${call}: the allocator returned ${describe(address)} for ${size} bytes, not an address`);
      }
    }
    this._sync();
    if (address + size > this._u8.length) {
      throw new RangeError(`${call}: the allocator returned ${address} for ${size} bytes, past the end of the heap (${this._u8.length} bytes)`);
    }
    if (this._clear && size > 0) this._u8.fill(0, address, address + size);
    return address;
  }

  /** Allocates for a new ref and tracks it; `ref._address` is set. */
  _own(call, ref, size) {
    ref._address = this._allocFor(call, size, ref);
    ref._owned = true;
    if (this._tracked !== null) this._tracked.set(ref._address, this._heap !== null ? new WeakRef(ref) : ref);
    return ref;
  }

  // Per-type operations off the access paths, given the type's descriptor
  // (manager.generated.js): `bytes`, `field` (its view), `test(value)`,
  // `store(value)`, `Ref`, `ArrayRef`.

  _alloc(call, type, initialValue) {
    if (initialValue !== undefined && !type.test(initialValue)) throw valueError(call, type, initialValue);
    const ref = this._own(call, new type.Ref(this, -1), type.bytes);
    if (initialValue !== undefined) this[type.field][ref._address / type.bytes] = type.store(initialValue);
    return ref;
  }

  _wrap(call, type, address) {
    this._index(call, address, type.bytes);
    return new type.Ref(this, address);
  }

  _view(call, type, address, count) {
    const index = this._range(call, address, count, type.bytes);
    return this[type.field].subarray(index, index + count);
  }

  _allocArray(call, type, countOrElements) {
    let count;
    let elements = null;
    if (typeof countOrElements === 'number') {
      checkCount(call, 'elementCount', countOrElements);
      count = countOrElements;
    } else if (typeof countOrElements === 'object' && countOrElements !== null && Number.isSafeInteger(countOrElements.length) && countOrElements.length >= 0) {
      elements = countOrElements;
      count = elements.length;
      for (let i = 0; i < count; i++) if (!type.test(elements[i])) throw valueError(call, type, elements[i]);
    } else {
      throw new TypeError(`${call}: expected an element count or an array of elements, got ${describe(countOrElements)}`);
    }
    const ref = this._own(call, new type.ArrayRef(this, -1, count), count * type.bytes);
    if (elements !== null) {
      const view = this[type.field];
      const start = ref._address / type.bytes;
      for (let i = 0; i < count; i++) view[start + i] = type.store(elements[i]);
    }
    return ref;
  }

  _wrapArray(call, type, address, count) {
    this._range(call, address, count, type.bytes);
    return new type.ArrayRef(this, address, count);
  }

  /** Gives a block back to the allocator. */
  _release(address) {
    if (this._heap !== null) this._heap.free(address);
    else this._deallocate(address);
  }

  /** The live tracked ref at `address`, or undefined. */
  _trackedAt(address) {
    const entry = this._tracked?.get(address);
    return entry instanceof WeakRef ? entry.deref() : entry;
  }

  /** Frees a ref's block once and marks it freed. */
  _freeRef(ref) {
    if (ref._freed) return;
    this._release(ref._address);
    if (this._trackedAt(ref._address) === ref) this._tracked.delete(ref._address);
    ref._freed = true;
  }

  /**
   * Frees a block by address, or a ref (then the ref is marked freed). A
   * tracked ref at that address is marked freed too. On a manager over a
   * custom allocator, address 0 is the null pointer and frees nothing.
   * @param {number | HeapRef} addressOrRef
   * @throws {TypeError} when it is neither a number nor a ref
   * @throws {RangeError} when the address is not a non-negative integer, or (on a hostheap heap) not a live block
   */
  free(addressOrRef) {
    if (addressOrRef instanceof HeapRef) {
      addressOrRef.free();
      return;
    }
    const call = 'free(addressOrRef)';
    if (typeof addressOrRef !== 'number') {
      throw new TypeError(`${call}: expected an address or a ref, got ${describe(addressOrRef)}`);
    }
    if (!(Number.isSafeInteger(addressOrRef) && addressOrRef >= 0)) {
      throw new RangeError(`${call}: address must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describe(addressOrRef)}`);
    }
    if (addressOrRef === 0 && this._heap === null) return;
    const ref = this._trackedAt(addressOrRef);
    if (ref !== undefined) this._freeRef(ref);
    else this._release(addressOrRef);
  }

  #requireTracking(call) {
    if (this._tracked === null) {
      throw new TypeError(`${call}: needs allocation tracking, and this manager was created with trackAllocations: false`);
    }
  }

  /** Live tracked refs, pruning those collected meanwhile. */
  #liveRefs() {
    const refs = [];
    for (const [address, entry] of this._tracked) {
      const ref = entry instanceof WeakRef ? entry.deref() : entry;
      if (ref === undefined) this._tracked.delete(address);
      else refs.push(ref);
    }
    return refs;
  }

  /**
   * Every ref allocated through this manager and not freed yet (on a
   * hostheap heap: and not collected).
   * @type {HeapRef[]}
   * @throws {TypeError} when tracking is off
   */
  get allocatedHeapRefs() {
    this.#requireTracking('allocatedHeapRefs');
    return this.#liveRefs();
  }

  /**
   * Bytes held by {@link ManagerBase#allocatedHeapRefs}.
   * @type {number}
   * @throws {TypeError} when tracking is off
   */
  get totalAllocatedByteCount() {
    this.#requireTracking('totalAllocatedByteCount');
    let total = 0;
    for (const ref of this.#liveRefs()) total += ref.allocatedByteSize;
    return total;
  }

  /**
   * Frees every tracked ref.
   * @throws {TypeError} when tracking is off
   */
  freeAll() {
    this.#requireTracking('freeAll()');
    for (const ref of this.#liveRefs()) ref.free();
  }
}

// ---------------------------------------------------------------------------
// Refs.

/**
 * A typed reference to a region of the heap: allocated through the manager
 * (`alloc…`, owned and tracked) or wrapped around an existing address
 * (`wrap…`).
 */
export class HeapRef {
  /** @type {ManagerBase} */
  _manager;
  _address = -1;
  _owned = false;
  _freed = false;

  constructor(manager, address) {
    this._manager = manager;
    this._address = address;
  }

  /** The heap byte address of the region. @type {number} */
  get address() {
    return this._address;
  }

  /** The manager it belongs to. */
  get manager() {
    return this._manager;
  }

  /** Whether `free()` was called through this ref (or the manager's `free`). @type {boolean} */
  get isFreed() {
    return this._freed;
  }

  /** Release name of {@link HeapRef#allocatedByteSize}. @type {number} */
  get allocatedByteCount() {
    return this.allocatedByteSize;
  }

  /** A Uint8Array over the region; for immediate use only (a resize replaces the buffer). @type {Uint8Array} */
  get allocatedBytesView() {
    if (this._freed) throw freedError(this, 'HeapRef.allocatedBytesView');
    return this._manager.viewUint8Array(this._address, this.allocatedByteSize);
  }

  /** Sets every byte of the region to 0. */
  clear() {
    if (this._freed) throw freedError(this, 'HeapRef.clear()');
    this._manager.viewUint8Array(this._address, this.allocatedByteSize).fill(0);
  }

  /** Frees the region once; later calls do nothing. */
  free() {
    this._manager._freeRef(this);
  }
}

/** A ref to an array of elements of one size. */
export class ArrayRef extends HeapRef {
  _count = 0;

  constructor(manager, address, count) {
    super(manager, address);
    this._count = count;
  }

  /** Elements in the array. @type {number} */
  get elementCount() {
    return this._count;
  }

  /** @type {number} */
  get allocatedByteSize() {
    return this._count * this.bytesPerElement;
  }

  /** The error for a bad element index or a freed array; `call` names the class and member. */
  _indexError(call, index) {
    if (this._freed) return freedError(this, call);
    return countError(call, 'index', 0, this._count - 1, index);
  }
}

/** A ref to an array of pointers, which can free what they point to. */
export class PointerArrayRef extends ArrayRef {
  /**
   * Frees the array; with `{ freeElements: true }` first every block its elements point to.
   * @param {{ freeElements?: boolean }} [options]
   */
  free(options) {
    if (options?.freeElements && !this._freed) {
      for (let i = 0; i < this._count; i++) this._manager.free(Number(this.readAt(i)));
    }
    super.free();
  }
}

/** A ref to a null-terminated string in a region of `allocatedElementCount` elements. */
export class StringRef extends HeapRef {
  _count = 0;

  constructor(manager, address, count) {
    super(manager, address);
    this._count = count;
  }

  /** Elements the region holds, terminator included. @type {number} */
  get allocatedElementCount() {
    return this._count;
  }

  /** @type {number} */
  get allocatedByteSize() {
    return this._count * this.bytesPerElement;
  }

  /** Encoded bytes before the terminator. @type {number} */
  get encodedByteLength() {
    return this.encodedElementCount * this.bytesPerElement;
  }

  /** Release name of {@link StringRef#encodedByteLength}. @type {number} */
  get encodedByteCount() {
    return this.encodedByteLength;
  }

  /** A Uint8Array over the encoded bytes, terminator excluded. @type {Uint8Array} */
  get encodedBytesView() {
    if (this._freed) throw freedError(this, 'StringRef.encodedBytesView');
    return this._manager.viewUint8Array(this._address, this.encodedByteLength);
  }

  /** The string. @type {string} */
  get value() {
    return this.read();
  }

  set value(value) {
    this.write(value);
  }
}

export { checkCount };
