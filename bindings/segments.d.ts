// Types of the `hostheap/segments` entry: reading a module's active data
// segments and reserving their ranges in a heap.


/** Module bytes, or a Module made by {@link compile} (whose bytes it remembers). */
export type ModuleSource = ArrayBuffer | SharedArrayBuffer | ArrayBufferView | WebAssembly.Module;

/** An active data segment of memory 0: `size` bytes written at `offset` at each instantiation. */
export interface DataSegment {
  /** The segment's position in the data section, passive ones counted. */
  index: number;
  /** Where it is written, unsigned. */
  offset: number;
  size: number;
}

/** A range reserved for data segments: rounded out to 16-byte atoms, with the modules it serves. */
export interface ReservedRange {
  addr: number;
  size: number;
  modules: string[];
}

/**
 * Compiles module bytes like `new WebAssembly.Module(bytes)` and remembers
 * a copy of them, so the Module's data segments can be read later.
 * @throws {TypeError} bytes is not an ArrayBuffer or an ArrayBufferView
 * @throws {WebAssembly.CompileError} the bytes are not a valid module
 */
export function compile(bytes: ArrayBuffer | SharedArrayBuffer | ArrayBufferView): WebAssembly.Module;

/**
 * The active data segments of memory 0 with constant (`i32.const`) offsets.
 * @throws {TypeError} source is not bytes, or a Module not made by `compile`
 * @throws {RangeError} malformed bytes, an offset that is not a constant, a segment ending past 2^32
 */
export function dataSegments(source: ModuleSource): DataSegment[];

/**
 * Reserves the data segments of modules sharing `heap`'s memory. Refuses,
 * reserving nothing, when segments of two modules share a byte, or when a
 * range holds a live block.
 * @param heap a Heap (the default one is `heap` from `hostheap`)
 * @param modules names (for messages) to module sources
 * @returns the reserved ranges, in address order
 */
export function reserveDataSegments(
  heap: { reserve(addr: number, size: number): unknown; unreserve(addr: number): unknown },
  modules: Record<string, ModuleSource> | Map<string, ModuleSource>,
): ReservedRange[];
