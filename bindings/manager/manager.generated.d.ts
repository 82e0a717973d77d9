// Generated from types.js. Do not edit.
// Typings of the per-type half of the heap manager (manager.generated.js).

import type { ArrayRef, HeapRef, PointerArrayRef, StringRef } from './index.js';

/** Per-type methods of a heap manager. Addresses are bytes; an N-byte type needs an address that is a multiple of N. */
export interface HeapManagerMethods {
  /** Reads the Int8 at `address` (a multiple of 1). */
  readInt8(address: number): number;
  /** Writes one Int8 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeInt8(address: number, value: number): void;
  /** Reads the Int8 at `address` atomically. */
  readInt8Atomic(address: number): number;
  /** Writes one Int8 at `address` atomically. */
  writeInt8Atomic(address: number, value: number): void;
  /** Allocates one Int8, optionally initialized. */
  allocInt8(initialValue?: number): Int8Ref;
  /** A ref to the Int8 at `address`. */
  wrapInt8(address: number): Int8Ref;
  /** A view (Int8Array) of `elementCount` elements at `address`; for immediate use only. */
  viewInt8Array(address: number, elementCount: number): Int8Array;
  /** Allocates an array of Int8: `elementCount` zeroed elements, or a copy of `elements`. */
  allocInt8Array(countOrElements: number | ArrayLike<number>): Int8ArrayRef;
  /** A ref to the Int8 array at `address`. */
  wrapInt8Array(address: number, elementCount: number): Int8ArrayRef;
  /** Reads the Uint8 at `address` (a multiple of 1). */
  readUint8(address: number): number;
  /** Writes one Uint8 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeUint8(address: number, value: number): void;
  /** Reads the Uint8 at `address` atomically. */
  readUint8Atomic(address: number): number;
  /** Writes one Uint8 at `address` atomically. */
  writeUint8Atomic(address: number, value: number): void;
  /** Allocates one Uint8, optionally initialized. */
  allocUint8(initialValue?: number): Uint8Ref;
  /** A ref to the Uint8 at `address`. */
  wrapUint8(address: number): Uint8Ref;
  /** A view (Uint8Array) of `elementCount` elements at `address`; for immediate use only. */
  viewUint8Array(address: number, elementCount: number): Uint8Array;
  /** Allocates an array of Uint8: `elementCount` zeroed elements, or a copy of `elements`. */
  allocUint8Array(countOrElements: number | ArrayLike<number>): Uint8ArrayRef;
  /** A ref to the Uint8 array at `address`. */
  wrapUint8Array(address: number, elementCount: number): Uint8ArrayRef;
  /** Reads the ClampedUint8 at `address` (a multiple of 1). */
  readClampedUint8(address: number): number;
  /** Writes one ClampedUint8 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeClampedUint8(address: number, value: number): void;
  /** Reads the ClampedUint8 at `address` atomically. */
  readClampedUint8Atomic(address: number): number;
  /** Writes one ClampedUint8 at `address` atomically. */
  writeClampedUint8Atomic(address: number, value: number): void;
  /** Allocates one ClampedUint8, optionally initialized. */
  allocClampedUint8(initialValue?: number): ClampedUint8Ref;
  /** A ref to the ClampedUint8 at `address`. */
  wrapClampedUint8(address: number): ClampedUint8Ref;
  /** A view (Uint8ClampedArray) of `elementCount` elements at `address`; for immediate use only. */
  viewClampedUint8Array(address: number, elementCount: number): Uint8ClampedArray;
  /** Allocates an array of ClampedUint8: `elementCount` zeroed elements, or a copy of `elements`. */
  allocClampedUint8Array(countOrElements: number | ArrayLike<number>): ClampedUint8ArrayRef;
  /** A ref to the ClampedUint8 array at `address`. */
  wrapClampedUint8Array(address: number, elementCount: number): ClampedUint8ArrayRef;
  /** Reads the Int16 at `address` (a multiple of 2). */
  readInt16(address: number): number;
  /** Writes one Int16 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeInt16(address: number, value: number): void;
  /** Reads the Int16 at `address` atomically. */
  readInt16Atomic(address: number): number;
  /** Writes one Int16 at `address` atomically. */
  writeInt16Atomic(address: number, value: number): void;
  /** Allocates one Int16, optionally initialized. */
  allocInt16(initialValue?: number): Int16Ref;
  /** A ref to the Int16 at `address`. */
  wrapInt16(address: number): Int16Ref;
  /** A view (Int16Array) of `elementCount` elements at `address`; for immediate use only. */
  viewInt16Array(address: number, elementCount: number): Int16Array;
  /** Allocates an array of Int16: `elementCount` zeroed elements, or a copy of `elements`. */
  allocInt16Array(countOrElements: number | ArrayLike<number>): Int16ArrayRef;
  /** A ref to the Int16 array at `address`. */
  wrapInt16Array(address: number, elementCount: number): Int16ArrayRef;
  /** Reads the Uint16 at `address` (a multiple of 2). */
  readUint16(address: number): number;
  /** Writes one Uint16 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeUint16(address: number, value: number): void;
  /** Reads the Uint16 at `address` atomically. */
  readUint16Atomic(address: number): number;
  /** Writes one Uint16 at `address` atomically. */
  writeUint16Atomic(address: number, value: number): void;
  /** Allocates one Uint16, optionally initialized. */
  allocUint16(initialValue?: number): Uint16Ref;
  /** A ref to the Uint16 at `address`. */
  wrapUint16(address: number): Uint16Ref;
  /** A view (Uint16Array) of `elementCount` elements at `address`; for immediate use only. */
  viewUint16Array(address: number, elementCount: number): Uint16Array;
  /** Allocates an array of Uint16: `elementCount` zeroed elements, or a copy of `elements`. */
  allocUint16Array(countOrElements: number | ArrayLike<number>): Uint16ArrayRef;
  /** A ref to the Uint16 array at `address`. */
  wrapUint16Array(address: number, elementCount: number): Uint16ArrayRef;
  /** Reads the Int32 at `address` (a multiple of 4). */
  readInt32(address: number): number;
  /** Writes one Int32 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeInt32(address: number, value: number): void;
  /** Reads the Int32 at `address` atomically. */
  readInt32Atomic(address: number): number;
  /** Writes one Int32 at `address` atomically. */
  writeInt32Atomic(address: number, value: number): void;
  /** Allocates one Int32, optionally initialized. */
  allocInt32(initialValue?: number): Int32Ref;
  /** A ref to the Int32 at `address`. */
  wrapInt32(address: number): Int32Ref;
  /** A view (Int32Array) of `elementCount` elements at `address`; for immediate use only. */
  viewInt32Array(address: number, elementCount: number): Int32Array;
  /** Allocates an array of Int32: `elementCount` zeroed elements, or a copy of `elements`. */
  allocInt32Array(countOrElements: number | ArrayLike<number>): Int32ArrayRef;
  /** A ref to the Int32 array at `address`. */
  wrapInt32Array(address: number, elementCount: number): Int32ArrayRef;
  /** Reads the Uint32 at `address` (a multiple of 4). */
  readUint32(address: number): number;
  /** Writes one Uint32 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeUint32(address: number, value: number): void;
  /** Reads the Uint32 at `address` atomically. */
  readUint32Atomic(address: number): number;
  /** Writes one Uint32 at `address` atomically. */
  writeUint32Atomic(address: number, value: number): void;
  /** Allocates one Uint32, optionally initialized. */
  allocUint32(initialValue?: number): Uint32Ref;
  /** A ref to the Uint32 at `address`. */
  wrapUint32(address: number): Uint32Ref;
  /** A view (Uint32Array) of `elementCount` elements at `address`; for immediate use only. */
  viewUint32Array(address: number, elementCount: number): Uint32Array;
  /** Allocates an array of Uint32: `elementCount` zeroed elements, or a copy of `elements`. */
  allocUint32Array(countOrElements: number | ArrayLike<number>): Uint32ArrayRef;
  /** A ref to the Uint32 array at `address`. */
  wrapUint32Array(address: number, elementCount: number): Uint32ArrayRef;
  /** Reads the BigInt64 at `address` (a multiple of 8). */
  readBigInt64(address: number): bigint;
  /** Writes one BigInt64 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeBigInt64(address: number, value: bigint): void;
  /** Reads the BigInt64 at `address` atomically. */
  readBigInt64Atomic(address: number): bigint;
  /** Writes one BigInt64 at `address` atomically. */
  writeBigInt64Atomic(address: number, value: bigint): void;
  /** Allocates one BigInt64, optionally initialized. */
  allocBigInt64(initialValue?: bigint): BigInt64Ref;
  /** A ref to the BigInt64 at `address`. */
  wrapBigInt64(address: number): BigInt64Ref;
  /** A view (BigInt64Array) of `elementCount` elements at `address`; for immediate use only. */
  viewBigInt64Array(address: number, elementCount: number): BigInt64Array;
  /** Allocates an array of BigInt64: `elementCount` zeroed elements, or a copy of `elements`. */
  allocBigInt64Array(countOrElements: number | ArrayLike<bigint>): BigInt64ArrayRef;
  /** A ref to the BigInt64 array at `address`. */
  wrapBigInt64Array(address: number, elementCount: number): BigInt64ArrayRef;
  /** Reads the BigUint64 at `address` (a multiple of 8). */
  readBigUint64(address: number): bigint;
  /** Writes one BigUint64 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeBigUint64(address: number, value: bigint): void;
  /** Reads the BigUint64 at `address` atomically. */
  readBigUint64Atomic(address: number): bigint;
  /** Writes one BigUint64 at `address` atomically. */
  writeBigUint64Atomic(address: number, value: bigint): void;
  /** Allocates one BigUint64, optionally initialized. */
  allocBigUint64(initialValue?: bigint): BigUint64Ref;
  /** A ref to the BigUint64 at `address`. */
  wrapBigUint64(address: number): BigUint64Ref;
  /** A view (BigUint64Array) of `elementCount` elements at `address`; for immediate use only. */
  viewBigUint64Array(address: number, elementCount: number): BigUint64Array;
  /** Allocates an array of BigUint64: `elementCount` zeroed elements, or a copy of `elements`. */
  allocBigUint64Array(countOrElements: number | ArrayLike<bigint>): BigUint64ArrayRef;
  /** A ref to the BigUint64 array at `address`. */
  wrapBigUint64Array(address: number, elementCount: number): BigUint64ArrayRef;
  /** Reads the Float32 at `address` (a multiple of 4). */
  readFloat32(address: number): number;
  /** Writes one Float32 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeFloat32(address: number, value: number): void;
  /** Reads the Float32 at `address` atomically. */
  readFloat32Atomic(address: number): number;
  /** Writes one Float32 at `address` atomically. */
  writeFloat32Atomic(address: number, value: number): void;
  /** Allocates one Float32, optionally initialized. */
  allocFloat32(initialValue?: number): Float32Ref;
  /** A ref to the Float32 at `address`. */
  wrapFloat32(address: number): Float32Ref;
  /** A view (Float32Array) of `elementCount` elements at `address`; for immediate use only. */
  viewFloat32Array(address: number, elementCount: number): Float32Array;
  /** Allocates an array of Float32: `elementCount` zeroed elements, or a copy of `elements`. */
  allocFloat32Array(countOrElements: number | ArrayLike<number>): Float32ArrayRef;
  /** A ref to the Float32 array at `address`. */
  wrapFloat32Array(address: number, elementCount: number): Float32ArrayRef;
  /** Reads the Float64 at `address` (a multiple of 8). */
  readFloat64(address: number): number;
  /** Writes one Float64 at `address`. @throws {RangeError} when the value is out of the type's range */
  writeFloat64(address: number, value: number): void;
  /** Reads the Float64 at `address` atomically. */
  readFloat64Atomic(address: number): number;
  /** Writes one Float64 at `address` atomically. */
  writeFloat64Atomic(address: number, value: number): void;
  /** Allocates one Float64, optionally initialized. */
  allocFloat64(initialValue?: number): Float64Ref;
  /** A ref to the Float64 at `address`. */
  wrapFloat64(address: number): Float64Ref;
  /** A view (Float64Array) of `elementCount` elements at `address`; for immediate use only. */
  viewFloat64Array(address: number, elementCount: number): Float64Array;
  /** Allocates an array of Float64: `elementCount` zeroed elements, or a copy of `elements`. */
  allocFloat64Array(countOrElements: number | ArrayLike<number>): Float64ArrayRef;
  /** A ref to the Float64 array at `address`. */
  wrapFloat64Array(address: number, elementCount: number): Float64ArrayRef;
  /** Reads the Pointer32 at `address` (a multiple of 4). */
  readPointer32(address: number): number;
  /** Writes one Pointer32 at `address`. @throws {RangeError} when the value is out of the type's range */
  writePointer32(address: number, value: number): void;
  /** Reads the Pointer32 at `address` atomically. */
  readPointer32Atomic(address: number): number;
  /** Writes one Pointer32 at `address` atomically. */
  writePointer32Atomic(address: number, value: number): void;
  /** Allocates one Pointer32, optionally initialized. */
  allocPointer32(initialValue?: number): Pointer32Ref;
  /** A ref to the Pointer32 at `address`. */
  wrapPointer32(address: number): Pointer32Ref;
  /** A view (Uint32Array) of `elementCount` elements at `address`; for immediate use only. */
  viewPointer32Array(address: number, elementCount: number): Uint32Array;
  /** Allocates an array of Pointer32: `elementCount` zeroed elements, or a copy of `elements`. */
  allocPointer32Array(countOrElements: number | ArrayLike<number>): Pointer32ArrayRef;
  /** A ref to the Pointer32 array at `address`. */
  wrapPointer32Array(address: number, elementCount: number): Pointer32ArrayRef;
  /** Reads the Pointer53 at `address` (a multiple of 8). */
  readPointer53(address: number): number;
  /** Writes one Pointer53 at `address`. @throws {RangeError} when the value is out of the type's range */
  writePointer53(address: number, value: number): void;
  /** Reads the Pointer53 at `address` atomically. */
  readPointer53Atomic(address: number): number;
  /** Writes one Pointer53 at `address` atomically. */
  writePointer53Atomic(address: number, value: number): void;
  /** Allocates one Pointer53, optionally initialized. */
  allocPointer53(initialValue?: number): Pointer53Ref;
  /** A ref to the Pointer53 at `address`. */
  wrapPointer53(address: number): Pointer53Ref;
  /** A view (BigUint64Array) of `elementCount` elements at `address`; for immediate use only. */
  viewPointer53Array(address: number, elementCount: number): BigUint64Array;
  /** Allocates an array of Pointer53: `elementCount` zeroed elements, or a copy of `elements`. */
  allocPointer53Array(countOrElements: number | ArrayLike<number>): Pointer53ArrayRef;
  /** A ref to the Pointer53 array at `address`. */
  wrapPointer53Array(address: number, elementCount: number): Pointer53ArrayRef;
  /** Reads the Pointer64 at `address` (a multiple of 8). */
  readPointer64(address: number): bigint;
  /** Writes one Pointer64 at `address`. @throws {RangeError} when the value is out of the type's range */
  writePointer64(address: number, value: bigint): void;
  /** Reads the Pointer64 at `address` atomically. */
  readPointer64Atomic(address: number): bigint;
  /** Writes one Pointer64 at `address` atomically. */
  writePointer64Atomic(address: number, value: bigint): void;
  /** Allocates one Pointer64, optionally initialized. */
  allocPointer64(initialValue?: bigint): Pointer64Ref;
  /** A ref to the Pointer64 at `address`. */
  wrapPointer64(address: number): Pointer64Ref;
  /** A view (BigUint64Array) of `elementCount` elements at `address`; for immediate use only. */
  viewPointer64Array(address: number, elementCount: number): BigUint64Array;
  /** Allocates an array of Pointer64: `elementCount` zeroed elements, or a copy of `elements`. */
  allocPointer64Array(countOrElements: number | ArrayLike<bigint>): Pointer64ArrayRef;
  /** A ref to the Pointer64 array at `address`. */
  wrapPointer64Array(address: number, elementCount: number): Pointer64ArrayRef;
  /** Reads a 128-bit unsigned little-endian integer (8-byte aligned). */
  readBigUint128LE(address: number): bigint;
  /** Writes a 128-bit unsigned little-endian integer. */
  writeBigUint128LE(address: number, value: bigint): void;
  /** Reads a 256-bit unsigned little-endian integer (8-byte aligned). */
  readBigUint256LE(address: number): bigint;
  /** Writes a 256-bit unsigned little-endian integer. */
  writeBigUint256LE(address: number, value: bigint): void;
  /** Reads the null-terminated Ascii string at `address`, scanning at most `maxElementCount` elements. */
  readNullTerminatedAsciiString(address: number, maxElementCount?: number): string;
  /** Writes `value` and a terminator in at most `elementCapacity` elements; returns the elements written before the terminator. */
  writeNullTerminatedAsciiString(address: number, value: string, elementCapacity?: number): number;
  /** Allocates room for `elementCount` elements and a terminator, or exactly for `value` (written). */
  allocNullTerminatedAsciiString(valueOrElementCount: string | number): NullTerminatedAsciiStringRef;
  /** A ref to the Ascii string at `address` in `maxElementCount` elements (found by its terminator when absent). */
  wrapNullTerminatedAsciiString(address: number, maxElementCount?: number): NullTerminatedAsciiStringRef;
  /** Reads the null-terminated Utf8 string at `address`, scanning at most `maxElementCount` elements. */
  readNullTerminatedUtf8String(address: number, maxElementCount?: number): string;
  /** Writes `value` and a terminator in at most `elementCapacity` elements; returns the elements written before the terminator. */
  writeNullTerminatedUtf8String(address: number, value: string, elementCapacity?: number): number;
  /** Allocates room for `elementCount` elements and a terminator, or exactly for `value` (written). */
  allocNullTerminatedUtf8String(valueOrElementCount: string | number): NullTerminatedUtf8StringRef;
  /** A ref to the Utf8 string at `address` in `maxElementCount` elements (found by its terminator when absent). */
  wrapNullTerminatedUtf8String(address: number, maxElementCount?: number): NullTerminatedUtf8StringRef;
  /** Reads the null-terminated Utf16 string at `address`, scanning at most `maxElementCount` elements. */
  readNullTerminatedUtf16String(address: number, maxElementCount?: number): string;
  /** Writes `value` and a terminator in at most `elementCapacity` elements; returns the elements written before the terminator. */
  writeNullTerminatedUtf16String(address: number, value: string, elementCapacity?: number): number;
  /** Allocates room for `elementCount` elements and a terminator, or exactly for `value` (written). */
  allocNullTerminatedUtf16String(valueOrElementCount: string | number): NullTerminatedUtf16StringRef;
  /** A ref to the Utf16 string at `address` in `maxElementCount` elements (found by its terminator when absent). */
  wrapNullTerminatedUtf16String(address: number, maxElementCount?: number): NullTerminatedUtf16StringRef;
  /** Reads the null-terminated Utf32 string at `address`, scanning at most `maxElementCount` elements. */
  readNullTerminatedUtf32String(address: number, maxElementCount?: number): string;
  /** Writes `value` and a terminator in at most `elementCapacity` elements; returns the elements written before the terminator. */
  writeNullTerminatedUtf32String(address: number, value: string, elementCapacity?: number): number;
  /** Allocates room for `elementCount` elements and a terminator, or exactly for `value` (written). */
  allocNullTerminatedUtf32String(valueOrElementCount: string | number): NullTerminatedUtf32StringRef;
  /** A ref to the Utf32 string at `address` in `maxElementCount` elements (found by its terminator when absent). */
  wrapNullTerminatedUtf32String(address: number, maxElementCount?: number): NullTerminatedUtf32StringRef;
  /** Release name of `readClampedUint8`. */
  readUint8Clamped(address: number): number;
  /** Release name of `writeClampedUint8`. */
  writeUint8Clamped(address: number, value: number): void;
  /** Release name of `readClampedUint8Atomic`. */
  readUint8ClampedAtomic(address: number): number;
  /** Release name of `writeClampedUint8Atomic`. */
  writeUint8ClampedAtomic(address: number, value: number): void;
  /** Release name of `allocClampedUint8`. */
  allocUint8Clamped(initialValue?: number): ClampedUint8Ref;
  /** Release name of `wrapClampedUint8`. */
  wrapUint8Clamped(address: number): ClampedUint8Ref;
  /** Release name of `viewClampedUint8Array`. */
  viewUint8ClampedArray(address: number, elementCount: number): Uint8ClampedArray;
  /** Release name of `allocClampedUint8Array`. */
  allocUint8ClampedArray(countOrElements: number | ArrayLike<number>): ClampedUint8ArrayRef;
  /** Release name of `wrapClampedUint8Array`. */
  wrapUint8ClampedArray(address: number, elementCount: number): ClampedUint8ArrayRef;
  /** Release name of `readBigUint128LE`. */
  readBigUint128(address: number): bigint;
  /** Release name of `writeBigUint128LE`. */
  writeBigUint128(address: number, value: bigint): void;
  /** Release name of `readBigUint256LE`. */
  readBigUint256(address: number): bigint;
  /** Release name of `writeBigUint256LE`. */
  writeBigUint256(address: number, value: bigint): void;
}

/** A ref to one Int8. */
export declare class Int8Ref extends HeapRef {
  readonly allocatedByteSize: 1;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Int8. */
export declare class Int8ArrayRef extends ArrayRef {
  readonly bytesPerElement: 1;
  readonly view: Int8Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Uint8. */
export declare class Uint8Ref extends HeapRef {
  readonly allocatedByteSize: 1;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Uint8. */
export declare class Uint8ArrayRef extends ArrayRef {
  readonly bytesPerElement: 1;
  readonly view: Uint8Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one ClampedUint8. */
export declare class ClampedUint8Ref extends HeapRef {
  readonly allocatedByteSize: 1;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of ClampedUint8. */
export declare class ClampedUint8ArrayRef extends ArrayRef {
  readonly bytesPerElement: 1;
  readonly view: Uint8ClampedArray;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Int16. */
export declare class Int16Ref extends HeapRef {
  readonly allocatedByteSize: 2;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Int16. */
export declare class Int16ArrayRef extends ArrayRef {
  readonly bytesPerElement: 2;
  readonly view: Int16Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Uint16. */
export declare class Uint16Ref extends HeapRef {
  readonly allocatedByteSize: 2;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Uint16. */
export declare class Uint16ArrayRef extends ArrayRef {
  readonly bytesPerElement: 2;
  readonly view: Uint16Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Int32. */
export declare class Int32Ref extends HeapRef {
  readonly allocatedByteSize: 4;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Int32. */
export declare class Int32ArrayRef extends ArrayRef {
  readonly bytesPerElement: 4;
  readonly view: Int32Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Uint32. */
export declare class Uint32Ref extends HeapRef {
  readonly allocatedByteSize: 4;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Uint32. */
export declare class Uint32ArrayRef extends ArrayRef {
  readonly bytesPerElement: 4;
  readonly view: Uint32Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one BigInt64. */
export declare class BigInt64Ref extends HeapRef {
  readonly allocatedByteSize: 8;
  value: bigint;
  read(): bigint;
  write(value: bigint): this;
  readAtomic(): bigint;
  writeAtomic(value: bigint): this;
}
/** A ref to an array of BigInt64. */
export declare class BigInt64ArrayRef extends ArrayRef {
  readonly bytesPerElement: 8;
  readonly view: BigInt64Array;
  readAt(index: number): bigint;
  writeAt(index: number, value: bigint): this;
  readAtomicAt(index: number): bigint;
  writeAtomicAt(index: number, value: bigint): this;
}
/** A ref to one BigUint64. */
export declare class BigUint64Ref extends HeapRef {
  readonly allocatedByteSize: 8;
  value: bigint;
  read(): bigint;
  write(value: bigint): this;
  readAtomic(): bigint;
  writeAtomic(value: bigint): this;
}
/** A ref to an array of BigUint64. */
export declare class BigUint64ArrayRef extends ArrayRef {
  readonly bytesPerElement: 8;
  readonly view: BigUint64Array;
  readAt(index: number): bigint;
  writeAt(index: number, value: bigint): this;
  readAtomicAt(index: number): bigint;
  writeAtomicAt(index: number, value: bigint): this;
}
/** A ref to one Float32. */
export declare class Float32Ref extends HeapRef {
  readonly allocatedByteSize: 4;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Float32. */
export declare class Float32ArrayRef extends ArrayRef {
  readonly bytesPerElement: 4;
  readonly view: Float32Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Float64. */
export declare class Float64Ref extends HeapRef {
  readonly allocatedByteSize: 8;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Float64. */
export declare class Float64ArrayRef extends ArrayRef {
  readonly bytesPerElement: 8;
  readonly view: Float64Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Pointer32. */
export declare class Pointer32Ref extends HeapRef {
  readonly allocatedByteSize: 4;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Pointer32. */
export declare class Pointer32ArrayRef extends PointerArrayRef {
  readonly bytesPerElement: 4;
  readonly view: Uint32Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Pointer53. */
export declare class Pointer53Ref extends HeapRef {
  readonly allocatedByteSize: 8;
  value: number;
  read(): number;
  write(value: number): this;
  readAtomic(): number;
  writeAtomic(value: number): this;
}
/** A ref to an array of Pointer53. */
export declare class Pointer53ArrayRef extends PointerArrayRef {
  readonly bytesPerElement: 8;
  readonly view: BigUint64Array;
  readAt(index: number): number;
  writeAt(index: number, value: number): this;
  readAtomicAt(index: number): number;
  writeAtomicAt(index: number, value: number): this;
}
/** A ref to one Pointer64. */
export declare class Pointer64Ref extends HeapRef {
  readonly allocatedByteSize: 8;
  value: bigint;
  read(): bigint;
  write(value: bigint): this;
  readAtomic(): bigint;
  writeAtomic(value: bigint): this;
}
/** A ref to an array of Pointer64. */
export declare class Pointer64ArrayRef extends PointerArrayRef {
  readonly bytesPerElement: 8;
  readonly view: BigUint64Array;
  readAt(index: number): bigint;
  writeAt(index: number, value: bigint): this;
  readAtomicAt(index: number): bigint;
  writeAtomicAt(index: number, value: bigint): this;
}
/** A ref to a null-terminated Ascii string. */
export declare class NullTerminatedAsciiStringRef extends StringRef {
  readonly bytesPerElement: 1;
  readonly encodedElementsView: Uint8Array;
  readonly allocatedElementsView: Uint8Array;
}
/** A ref to a null-terminated Utf8 string. */
export declare class NullTerminatedUtf8StringRef extends StringRef {
  readonly bytesPerElement: 1;
  readonly encodedElementsView: Uint8Array;
  readonly allocatedElementsView: Uint8Array;
}
/** A ref to a null-terminated Utf16 string. */
export declare class NullTerminatedUtf16StringRef extends StringRef {
  readonly bytesPerElement: 2;
  readonly encodedElementsView: Uint16Array;
  readonly allocatedElementsView: Uint16Array;
}
/** A ref to a null-terminated Utf32 string. */
export declare class NullTerminatedUtf32StringRef extends StringRef {
  readonly bytesPerElement: 4;
  readonly encodedElementsView: Uint32Array;
  readonly allocatedElementsView: Uint32Array;
}
export { ClampedUint8Ref as Uint8ClampedRef, ClampedUint8ArrayRef as Uint8ClampedArrayRef };
