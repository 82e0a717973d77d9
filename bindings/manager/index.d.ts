// Typings of the typed heap manager. The per-type methods and ref classes
// are generated (manager.generated.d.ts); this file holds the rest.

import type { HeapManagerMethods } from './manager.generated.js';

export * from './manager.generated.js';

/** How a manager over a custom heap asks `getLatestHeap()` for the current heap. */
export type PollingMode = 'never' | 'whenEmpty' | 'always';

/** The polling modes. */
export const POLLING_MODES: readonly PollingMode[];

/** Options of {@link createWasmHeapManager} and {@link wrapEmscriptenModuleHeap}. */
export interface HeapManagerOptions {
  /** Zero every region after it is allocated; default true. */
  clearAllocatedRegions?: boolean;
  /**
   * `never`: the heap never changes; `whenEmpty` (default): ask again when
   * the buffer is empty (detached by growth); `always`: ask at every access.
   */
  pollingMode?: PollingMode;
  /** Track allocated refs, to list them and free them in bulk; default true. */
  trackAllocations?: boolean;
}

/** Options of {@link createHeapManager}: the heap announces its changes, so there is no polling. */
export type BoundHeapManagerOptions = Omit<HeapManagerOptions, 'pollingMode'>;

/** What a heap getter may return: the buffer, the memory, or a view of the whole heap. */
export type HeapSource = ArrayBuffer | SharedArrayBuffer | WebAssembly.Memory | ArrayBufferView;

/** A typed reference to a region of the heap. */
export declare class HeapRef {
  /** The heap byte address of the region. */
  readonly address: number;
  /** The manager it belongs to. */
  readonly manager: HeapManager;
  /** Whether `free()` was called through this ref or the manager. */
  readonly isFreed: boolean;
  /** Size of the region in bytes. */
  readonly allocatedByteSize: number;
  /** Release name of `allocatedByteSize`. */
  readonly allocatedByteCount: number;
  /** A Uint8Array over the region; for immediate use only. */
  readonly allocatedBytesView: Uint8Array;
  /** Sets every byte of the region to 0. */
  clear(): void;
  /** Frees the region once; later calls do nothing. */
  free(): void;
}

/** A ref to an array of elements of one size. */
export declare class ArrayRef extends HeapRef {
  readonly elementCount: number;
  readonly bytesPerElement: number;
}

/** A ref to an array of pointers. */
export declare class PointerArrayRef extends ArrayRef {
  /** Frees the array; with `freeElements`, first every block its elements point to. */
  free(options?: { freeElements?: boolean }): void;
}

/** A ref to a null-terminated string. */
export declare class StringRef extends HeapRef {
  value: string;
  read(): string;
  write(value: string): this;
  /** Elements the region holds, terminator included. */
  readonly allocatedElementCount: number;
  readonly bytesPerElement: number;
  /** Elements before the terminator (a scan). */
  readonly encodedElementCount: number;
  /** Bytes before the terminator. */
  readonly encodedByteLength: number;
  /** Release name of `encodedByteLength`. */
  readonly encodedByteCount: number;
  readonly encodedBytesView: Uint8Array;
}

/** A number type a struct field can have. */
export type FieldTypeName =
  | 'Int8' | 'Uint8' | 'ClampedUint8' | 'Uint8Clamped' | 'Int16' | 'Uint16' | 'Int32' | 'Uint32'
  | 'BigInt64' | 'BigUint64' | 'Float32' | 'Float64' | 'Pointer32' | 'Pointer53' | 'Pointer64';

/** One field of a struct layout. */
export interface StructField {
  readonly name: string;
  readonly type: FieldTypeName | StructType;
  readonly offset: number;
  readonly byteSize: number;
}

/** A struct layout made by {@link defineStruct}. */
export declare class StructType<T extends Record<string, unknown> = Record<string, any>> {
  readonly fields: readonly StructField[];
  /** Bytes of one struct, tail padding included. */
  readonly byteSize: number;
  /** The largest field alignment. */
  readonly alignment: number;
  offsetOf(name: keyof T & string): number;
  private readonly __fields?: T;
}

type FieldValue<F> = F extends StructType<infer T> ? StructRefOf<T>
  : F extends 'BigInt64' | 'BigUint64' | 'Pointer64' ? bigint : number;
type PlainValue<F> = F extends StructType<infer T> ? Partial<StructValue<T>>
  : F extends 'BigInt64' | 'BigUint64' | 'Pointer64' ? bigint : number;
/** The plain object of a struct's fields. */
export type StructValue<T> = { [K in keyof T]: PlainValue<T[K]> };

/** A ref to one struct; each field is a property. */
export declare class StructRef<T extends Record<string, unknown> = Record<string, any>> extends HeapRef {
  readonly structType: StructType<T>;
  value: StructValue<T>;
  read(): StructValue<T>;
  write(object: Partial<StructValue<T>>): this;
}
/** A struct ref with its field accessors. */
export type StructRefOf<T extends Record<string, unknown>> = StructRef<T> & { [K in keyof T]: FieldValue<T[K]> };

/** A ref to an array of structs. */
export declare class StructArrayRef<T extends Record<string, unknown> = Record<string, any>> extends ArrayRef {
  readonly structType: StructType<T>;
  at(index: number): StructRefOf<T>;
  readAt(index: number): StructValue<T>;
  writeAt(index: number, object: Partial<StructValue<T>>): this;
}

/** A ref to an array of elements of any byte size. */
export declare class CustomArrayRef extends ArrayRef {
  readonly view: Uint8Array;
  viewAt(index: number): Uint8Array;
  readAt(index: number): Uint8Array;
  writeAt(index: number, bytes: ArrayLike<number>): this;
}

/**
 * Declares a struct type from field names and types, in order, with natural alignment.
 * @throws {RangeError} a name repeats or clashes with a ref member, or a type is unknown
 */
export function defineStruct<T extends Record<string, FieldTypeName | StructType>>(fields: T): StructType<T>;
export function defineStruct(fields: [string, FieldTypeName | StructType][]): StructType;

/** A typed heap manager (the API of wasm-heap-manager); made by the functions below, not by `new`. */
export declare class HeapManager {
  protected constructor();
}
/** A manager whose `pollingMode` is `'always'`: it looks for a new heap before every access. */
export declare class PollingHeapManager extends HeapManager {}
export interface HeapManager extends HeapManagerMethods {
  /** The heap's current buffer. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** The heap's current size in bytes. */
  readonly byteLength: number;
  /** Refs allocated through this manager and not freed (nor, when bound to a hostheap heap, collected). */
  readonly allocatedHeapRefs: HeapRef[];
  /** Bytes held by `allocatedHeapRefs`. */
  readonly totalAllocatedByteCount: number;
  /** Frees a block by address, or a ref. On a custom allocator, address 0 frees nothing. */
  free(addressOrRef: number | HeapRef): void;
  /** Frees every tracked ref. */
  freeAll(): void;
  allocStruct<T extends Record<string, unknown>>(type: StructType<T>, initial?: Partial<StructValue<T>>): StructRefOf<T>;
  wrapStruct<T extends Record<string, unknown>>(type: StructType<T>, address: number): StructRefOf<T>;
  allocStructArray<T extends Record<string, unknown>>(type: StructType<T>, countOrElements: number | ArrayLike<Partial<StructValue<T>>>): StructArrayRef<T>;
  wrapStructArray<T extends Record<string, unknown>>(type: StructType<T>, address: number, count: number): StructArrayRef<T>;
  allocCustomArray(elementCount: number, bytesPerElement: number): CustomArrayRef;
  wrapCustomArray(address: number, elementCount: number, bytesPerElement: number): CustomArrayRef;
}

/** A manager over any heap and allocator; `alloc` returning 0 or less means failure. */
export function createWasmHeapManager(
  getLatestHeap: () => HeapSource,
  alloc: (size: number) => number,
  free: (address: number) => unknown,
  options?: HeapManagerOptions,
): HeapManager;

/** A manager over an Emscripten module's `HEAPU8`, `_malloc` and `_free`. */
export function wrapEmscriptenModuleHeap(
  module: { HEAPU8: Uint8Array; _malloc(size: number): number; _free(address: number): unknown },
  options?: HeapManagerOptions,
): HeapManager;

/**
 * A manager bound to a hostheap heap: follows grow and trim, and frees an
 * `alloc…` ref's block when the ref is collected.
 */
export function createHeapManager(heap: import('../index.js').Heap, options?: BoundHeapManagerOptions): HeapManager;

/** The heap's own manager with default options, made at first use and the same ever after. */
export function managerOf(heap: import('../index.js').Heap): HeapManager;

/** The default heap's manager: `managerOf(heap)` for the `heap` that `hostheap` exports. */
export const manager: HeapManager;
