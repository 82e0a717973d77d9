// Generated from types.js. Do not edit.
// The per-type half of the heap manager: reads, writes, atomics, views,
// alloc and wrap for every row of types.js, the ref classes, and the
// names wasm-heap-manager 0.5.1 uses for some of them.

import { ArrayRef, HeapRef, PointerArrayRef, StringRef, freedError, valueError } from './core.js';
import { StructManager } from './structs.js';
import { CODECS, allocString, readString, stringLength, writeString } from './strings.js';

// Scratch for atomics polyfilled through integer views.
const FLOAT32 = new Float32Array(1);
const BITS32 = new Uint32Array(FLOAT32.buffer);
const FLOAT64 = new Float64Array(1);
const BITS64 = new BigUint64Array(FLOAT64.buffer);
const CLAMPED = new Uint8ClampedArray(1);
const MAX_POINTER53 = BigInt(Number.MAX_SAFE_INTEGER);

/** A stored 64-bit pointer as a number, if it is a safe integer. */
function toPointer53(call, raw) {
  if (raw > MAX_POINTER53) throw new RangeError(`${call}: the stored pointer ${raw} is above 2^53 - 1`);
  return Number(raw);
}

/**
 * A typed heap manager. Create one with createWasmHeapManager,
 * wrapEmscriptenModuleHeap, createHeapManager or managerOf.
 */
export class HeapManager extends StructManager {
  // Int8
  readInt8(address) {
    if (typeof address === 'number') {
      const value = this._i8[address / 1];
      if (value !== undefined) return value;
    }
    const index = this._index('readInt8(address)', address, 1);
    return this._i8[index];
  }
  writeInt8(address, value) {
    if (typeof address === 'number') {
      const index = typeof value === 'number' && value >= -128 && value <= 127 && Math.trunc(value) === value ? address / 1 : -1;
      if (this._i8[index] !== undefined) {
        this._i8[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= -128 && value <= 127 && Math.trunc(value) === value)) throw valueError('writeInt8(address, value)', INT8_TYPE, value);
    const index = this._index('writeInt8(address, value)', address, 1);
    this._i8[index] = value;
  }
  readInt8Atomic(address) {
    const index = typeof address === 'number' && this._i8[address / 1] !== undefined ? address / 1 : this._index('readInt8Atomic(address)', address, 1);
    return Atomics.load(this._i8, index);
  }
  writeInt8Atomic(address, value) {
    const index = typeof address === 'number' && this._i8[address / 1] !== undefined ? address / 1 : this._index('writeInt8Atomic(address, value)', address, 1);
    if (!(typeof value === 'number' && value >= -128 && value <= 127 && Math.trunc(value) === value)) throw valueError('writeInt8Atomic(address, value)', INT8_TYPE, value);
    Atomics.store(this._i8, index, value);
  }
  allocInt8(initialValue) { return this._alloc('allocInt8(initialValue)', INT8_TYPE, initialValue); }
  wrapInt8(address) { return this._wrap('wrapInt8(address)', INT8_TYPE, address); }
  viewInt8Array(address, elementCount) { return this._view('viewInt8Array(address, elementCount)', INT8_TYPE, address, elementCount); }
  allocInt8Array(countOrElements) { return this._allocArray('allocInt8Array(countOrElements)', INT8_TYPE, countOrElements); }
  wrapInt8Array(address, elementCount) { return this._wrapArray('wrapInt8Array(address, elementCount)', INT8_TYPE, address, elementCount); }

  // Uint8
  readUint8(address) {
    if (typeof address === 'number') {
      const value = this._u8[address / 1];
      if (value !== undefined) return value;
    }
    const index = this._index('readUint8(address)', address, 1);
    return this._u8[index];
  }
  writeUint8(address, value) {
    if (typeof address === 'number') {
      const index = typeof value === 'number' && value >= 0 && value <= 255 && Math.trunc(value) === value ? address / 1 : -1;
      if (this._u8[index] !== undefined) {
        this._u8[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= 0 && value <= 255 && Math.trunc(value) === value)) throw valueError('writeUint8(address, value)', UINT8_TYPE, value);
    const index = this._index('writeUint8(address, value)', address, 1);
    this._u8[index] = value;
  }
  readUint8Atomic(address) {
    const index = typeof address === 'number' && this._u8[address / 1] !== undefined ? address / 1 : this._index('readUint8Atomic(address)', address, 1);
    return Atomics.load(this._u8, index);
  }
  writeUint8Atomic(address, value) {
    const index = typeof address === 'number' && this._u8[address / 1] !== undefined ? address / 1 : this._index('writeUint8Atomic(address, value)', address, 1);
    if (!(typeof value === 'number' && value >= 0 && value <= 255 && Math.trunc(value) === value)) throw valueError('writeUint8Atomic(address, value)', UINT8_TYPE, value);
    Atomics.store(this._u8, index, value);
  }
  allocUint8(initialValue) { return this._alloc('allocUint8(initialValue)', UINT8_TYPE, initialValue); }
  wrapUint8(address) { return this._wrap('wrapUint8(address)', UINT8_TYPE, address); }
  viewUint8Array(address, elementCount) { return this._view('viewUint8Array(address, elementCount)', UINT8_TYPE, address, elementCount); }
  allocUint8Array(countOrElements) { return this._allocArray('allocUint8Array(countOrElements)', UINT8_TYPE, countOrElements); }
  wrapUint8Array(address, elementCount) { return this._wrapArray('wrapUint8Array(address, elementCount)', UINT8_TYPE, address, elementCount); }

  // ClampedUint8
  readClampedUint8(address) {
    if (typeof address === 'number') {
      const value = this._c8[address / 1];
      if (value !== undefined) return value;
    }
    const index = this._index('readClampedUint8(address)', address, 1);
    return this._c8[index];
  }
  writeClampedUint8(address, value) {
    if (typeof address === 'number') {
      const index = typeof value === 'number' ? address / 1 : -1;
      if (this._c8[index] !== undefined) {
        this._c8[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number')) throw valueError('writeClampedUint8(address, value)', CLAMPEDUINT8_TYPE, value);
    const index = this._index('writeClampedUint8(address, value)', address, 1);
    this._c8[index] = value;
  }
  readClampedUint8Atomic(address) {
    const index = typeof address === 'number' && this._c8[address / 1] !== undefined ? address / 1 : this._index('readClampedUint8Atomic(address)', address, 1);
    return Atomics.load(this._u8, index);
  }
  writeClampedUint8Atomic(address, value) {
    const index = typeof address === 'number' && this._c8[address / 1] !== undefined ? address / 1 : this._index('writeClampedUint8Atomic(address, value)', address, 1);
    if (!(typeof value === 'number')) throw valueError('writeClampedUint8Atomic(address, value)', CLAMPEDUINT8_TYPE, value);
    CLAMPED[0] = value;
    Atomics.store(this._u8, index, CLAMPED[0]);
  }
  allocClampedUint8(initialValue) { return this._alloc('allocClampedUint8(initialValue)', CLAMPEDUINT8_TYPE, initialValue); }
  wrapClampedUint8(address) { return this._wrap('wrapClampedUint8(address)', CLAMPEDUINT8_TYPE, address); }
  viewClampedUint8Array(address, elementCount) { return this._view('viewClampedUint8Array(address, elementCount)', CLAMPEDUINT8_TYPE, address, elementCount); }
  allocClampedUint8Array(countOrElements) { return this._allocArray('allocClampedUint8Array(countOrElements)', CLAMPEDUINT8_TYPE, countOrElements); }
  wrapClampedUint8Array(address, elementCount) { return this._wrapArray('wrapClampedUint8Array(address, elementCount)', CLAMPEDUINT8_TYPE, address, elementCount); }

  // Int16
  readInt16(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._i16[address / 2];
      if (value !== undefined) return value;
    }
    const index = this._index('readInt16(address)', address, 2);
    return this._i16[index];
  }
  writeInt16(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' && value >= -32768 && value <= 32767 && Math.trunc(value) === value ? address / 2 : -1;
      if (this._i16[index] !== undefined) {
        this._i16[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= -32768 && value <= 32767 && Math.trunc(value) === value)) throw valueError('writeInt16(address, value)', INT16_TYPE, value);
    const index = this._index('writeInt16(address, value)', address, 2);
    this._i16[index] = value;
  }
  readInt16Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._i16[address / 2] !== undefined ? address / 2 : this._index('readInt16Atomic(address)', address, 2);
    return Atomics.load(this._i16, index);
  }
  writeInt16Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._i16[address / 2] !== undefined ? address / 2 : this._index('writeInt16Atomic(address, value)', address, 2);
    if (!(typeof value === 'number' && value >= -32768 && value <= 32767 && Math.trunc(value) === value)) throw valueError('writeInt16Atomic(address, value)', INT16_TYPE, value);
    Atomics.store(this._i16, index, value);
  }
  allocInt16(initialValue) { return this._alloc('allocInt16(initialValue)', INT16_TYPE, initialValue); }
  wrapInt16(address) { return this._wrap('wrapInt16(address)', INT16_TYPE, address); }
  viewInt16Array(address, elementCount) { return this._view('viewInt16Array(address, elementCount)', INT16_TYPE, address, elementCount); }
  allocInt16Array(countOrElements) { return this._allocArray('allocInt16Array(countOrElements)', INT16_TYPE, countOrElements); }
  wrapInt16Array(address, elementCount) { return this._wrapArray('wrapInt16Array(address, elementCount)', INT16_TYPE, address, elementCount); }

  // Uint16
  readUint16(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._u16[address / 2];
      if (value !== undefined) return value;
    }
    const index = this._index('readUint16(address)', address, 2);
    return this._u16[index];
  }
  writeUint16(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' && value >= 0 && value <= 65535 && Math.trunc(value) === value ? address / 2 : -1;
      if (this._u16[index] !== undefined) {
        this._u16[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= 0 && value <= 65535 && Math.trunc(value) === value)) throw valueError('writeUint16(address, value)', UINT16_TYPE, value);
    const index = this._index('writeUint16(address, value)', address, 2);
    this._u16[index] = value;
  }
  readUint16Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u16[address / 2] !== undefined ? address / 2 : this._index('readUint16Atomic(address)', address, 2);
    return Atomics.load(this._u16, index);
  }
  writeUint16Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u16[address / 2] !== undefined ? address / 2 : this._index('writeUint16Atomic(address, value)', address, 2);
    if (!(typeof value === 'number' && value >= 0 && value <= 65535 && Math.trunc(value) === value)) throw valueError('writeUint16Atomic(address, value)', UINT16_TYPE, value);
    Atomics.store(this._u16, index, value);
  }
  allocUint16(initialValue) { return this._alloc('allocUint16(initialValue)', UINT16_TYPE, initialValue); }
  wrapUint16(address) { return this._wrap('wrapUint16(address)', UINT16_TYPE, address); }
  viewUint16Array(address, elementCount) { return this._view('viewUint16Array(address, elementCount)', UINT16_TYPE, address, elementCount); }
  allocUint16Array(countOrElements) { return this._allocArray('allocUint16Array(countOrElements)', UINT16_TYPE, countOrElements); }
  wrapUint16Array(address, elementCount) { return this._wrapArray('wrapUint16Array(address, elementCount)', UINT16_TYPE, address, elementCount); }

  // Int32
  readInt32(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._i32[address / 4];
      if (value !== undefined) return value;
    }
    const index = this._index('readInt32(address)', address, 4);
    return this._i32[index];
  }
  writeInt32(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' && value >= -2147483648 && value <= 2147483647 && Math.trunc(value) === value ? address / 4 : -1;
      if (this._i32[index] !== undefined) {
        this._i32[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= -2147483648 && value <= 2147483647 && Math.trunc(value) === value)) throw valueError('writeInt32(address, value)', INT32_TYPE, value);
    const index = this._index('writeInt32(address, value)', address, 4);
    this._i32[index] = value;
  }
  readInt32Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._i32[address / 4] !== undefined ? address / 4 : this._index('readInt32Atomic(address)', address, 4);
    return Atomics.load(this._i32, index);
  }
  writeInt32Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._i32[address / 4] !== undefined ? address / 4 : this._index('writeInt32Atomic(address, value)', address, 4);
    if (!(typeof value === 'number' && value >= -2147483648 && value <= 2147483647 && Math.trunc(value) === value)) throw valueError('writeInt32Atomic(address, value)', INT32_TYPE, value);
    Atomics.store(this._i32, index, value);
  }
  allocInt32(initialValue) { return this._alloc('allocInt32(initialValue)', INT32_TYPE, initialValue); }
  wrapInt32(address) { return this._wrap('wrapInt32(address)', INT32_TYPE, address); }
  viewInt32Array(address, elementCount) { return this._view('viewInt32Array(address, elementCount)', INT32_TYPE, address, elementCount); }
  allocInt32Array(countOrElements) { return this._allocArray('allocInt32Array(countOrElements)', INT32_TYPE, countOrElements); }
  wrapInt32Array(address, elementCount) { return this._wrapArray('wrapInt32Array(address, elementCount)', INT32_TYPE, address, elementCount); }

  // Uint32
  readUint32(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._u32[address / 4];
      if (value !== undefined) return value;
    }
    const index = this._index('readUint32(address)', address, 4);
    return this._u32[index];
  }
  writeUint32(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value ? address / 4 : -1;
      if (this._u32[index] !== undefined) {
        this._u32[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value)) throw valueError('writeUint32(address, value)', UINT32_TYPE, value);
    const index = this._index('writeUint32(address, value)', address, 4);
    this._u32[index] = value;
  }
  readUint32Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u32[address / 4] !== undefined ? address / 4 : this._index('readUint32Atomic(address)', address, 4);
    return Atomics.load(this._u32, index);
  }
  writeUint32Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u32[address / 4] !== undefined ? address / 4 : this._index('writeUint32Atomic(address, value)', address, 4);
    if (!(typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value)) throw valueError('writeUint32Atomic(address, value)', UINT32_TYPE, value);
    Atomics.store(this._u32, index, value);
  }
  allocUint32(initialValue) { return this._alloc('allocUint32(initialValue)', UINT32_TYPE, initialValue); }
  wrapUint32(address) { return this._wrap('wrapUint32(address)', UINT32_TYPE, address); }
  viewUint32Array(address, elementCount) { return this._view('viewUint32Array(address, elementCount)', UINT32_TYPE, address, elementCount); }
  allocUint32Array(countOrElements) { return this._allocArray('allocUint32Array(countOrElements)', UINT32_TYPE, countOrElements); }
  wrapUint32Array(address, elementCount) { return this._wrapArray('wrapUint32Array(address, elementCount)', UINT32_TYPE, address, elementCount); }

  // BigInt64
  readBigInt64(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._i64[address / 8];
      if (value !== undefined) return value;
    }
    const index = this._index('readBigInt64(address)', address, 8);
    return this._i64[index];
  }
  writeBigInt64(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'bigint' && BigInt.asIntN(64, value) === value ? address / 8 : -1;
      if (this._i64[index] !== undefined) {
        this._i64[index] = value;
        return;
      }
    }
    if (!(typeof value === 'bigint' && BigInt.asIntN(64, value) === value)) throw valueError('writeBigInt64(address, value)', BIGINT64_TYPE, value);
    const index = this._index('writeBigInt64(address, value)', address, 8);
    this._i64[index] = value;
  }
  readBigInt64Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._i64[address / 8] !== undefined ? address / 8 : this._index('readBigInt64Atomic(address)', address, 8);
    return Atomics.load(this._i64, index);
  }
  writeBigInt64Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._i64[address / 8] !== undefined ? address / 8 : this._index('writeBigInt64Atomic(address, value)', address, 8);
    if (!(typeof value === 'bigint' && BigInt.asIntN(64, value) === value)) throw valueError('writeBigInt64Atomic(address, value)', BIGINT64_TYPE, value);
    Atomics.store(this._i64, index, value);
  }
  allocBigInt64(initialValue) { return this._alloc('allocBigInt64(initialValue)', BIGINT64_TYPE, initialValue); }
  wrapBigInt64(address) { return this._wrap('wrapBigInt64(address)', BIGINT64_TYPE, address); }
  viewBigInt64Array(address, elementCount) { return this._view('viewBigInt64Array(address, elementCount)', BIGINT64_TYPE, address, elementCount); }
  allocBigInt64Array(countOrElements) { return this._allocArray('allocBigInt64Array(countOrElements)', BIGINT64_TYPE, countOrElements); }
  wrapBigInt64Array(address, elementCount) { return this._wrapArray('wrapBigInt64Array(address, elementCount)', BIGINT64_TYPE, address, elementCount); }

  // BigUint64
  readBigUint64(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._u64[address / 8];
      if (value !== undefined) return value;
    }
    const index = this._index('readBigUint64(address)', address, 8);
    return this._u64[index];
  }
  writeBigUint64(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'bigint' && BigInt.asUintN(64, value) === value ? address / 8 : -1;
      if (this._u64[index] !== undefined) {
        this._u64[index] = value;
        return;
      }
    }
    if (!(typeof value === 'bigint' && BigInt.asUintN(64, value) === value)) throw valueError('writeBigUint64(address, value)', BIGUINT64_TYPE, value);
    const index = this._index('writeBigUint64(address, value)', address, 8);
    this._u64[index] = value;
  }
  readBigUint64Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u64[address / 8] !== undefined ? address / 8 : this._index('readBigUint64Atomic(address)', address, 8);
    return Atomics.load(this._u64, index);
  }
  writeBigUint64Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u64[address / 8] !== undefined ? address / 8 : this._index('writeBigUint64Atomic(address, value)', address, 8);
    if (!(typeof value === 'bigint' && BigInt.asUintN(64, value) === value)) throw valueError('writeBigUint64Atomic(address, value)', BIGUINT64_TYPE, value);
    Atomics.store(this._u64, index, value);
  }
  allocBigUint64(initialValue) { return this._alloc('allocBigUint64(initialValue)', BIGUINT64_TYPE, initialValue); }
  wrapBigUint64(address) { return this._wrap('wrapBigUint64(address)', BIGUINT64_TYPE, address); }
  viewBigUint64Array(address, elementCount) { return this._view('viewBigUint64Array(address, elementCount)', BIGUINT64_TYPE, address, elementCount); }
  allocBigUint64Array(countOrElements) { return this._allocArray('allocBigUint64Array(countOrElements)', BIGUINT64_TYPE, countOrElements); }
  wrapBigUint64Array(address, elementCount) { return this._wrapArray('wrapBigUint64Array(address, elementCount)', BIGUINT64_TYPE, address, elementCount); }

  // Float32
  readFloat32(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._f32[address / 4];
      if (value !== undefined) return value;
    }
    const index = this._index('readFloat32(address)', address, 4);
    return this._f32[index];
  }
  writeFloat32(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' ? address / 4 : -1;
      if (this._f32[index] !== undefined) {
        this._f32[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number')) throw valueError('writeFloat32(address, value)', FLOAT32_TYPE, value);
    const index = this._index('writeFloat32(address, value)', address, 4);
    this._f32[index] = value;
  }
  readFloat32Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._f32[address / 4] !== undefined ? address / 4 : this._index('readFloat32Atomic(address)', address, 4);
    BITS32[0] = Atomics.load(this._u32, index);
    return FLOAT32[0];
  }
  writeFloat32Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._f32[address / 4] !== undefined ? address / 4 : this._index('writeFloat32Atomic(address, value)', address, 4);
    if (!(typeof value === 'number')) throw valueError('writeFloat32Atomic(address, value)', FLOAT32_TYPE, value);
    FLOAT32[0] = value;
    Atomics.store(this._u32, index, BITS32[0]);
  }
  allocFloat32(initialValue) { return this._alloc('allocFloat32(initialValue)', FLOAT32_TYPE, initialValue); }
  wrapFloat32(address) { return this._wrap('wrapFloat32(address)', FLOAT32_TYPE, address); }
  viewFloat32Array(address, elementCount) { return this._view('viewFloat32Array(address, elementCount)', FLOAT32_TYPE, address, elementCount); }
  allocFloat32Array(countOrElements) { return this._allocArray('allocFloat32Array(countOrElements)', FLOAT32_TYPE, countOrElements); }
  wrapFloat32Array(address, elementCount) { return this._wrapArray('wrapFloat32Array(address, elementCount)', FLOAT32_TYPE, address, elementCount); }

  // Float64
  readFloat64(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._f64[address / 8];
      if (value !== undefined) return value;
    }
    const index = this._index('readFloat64(address)', address, 8);
    return this._f64[index];
  }
  writeFloat64(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' ? address / 8 : -1;
      if (this._f64[index] !== undefined) {
        this._f64[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number')) throw valueError('writeFloat64(address, value)', FLOAT64_TYPE, value);
    const index = this._index('writeFloat64(address, value)', address, 8);
    this._f64[index] = value;
  }
  readFloat64Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._f64[address / 8] !== undefined ? address / 8 : this._index('readFloat64Atomic(address)', address, 8);
    BITS64[0] = Atomics.load(this._u64, index);
    return FLOAT64[0];
  }
  writeFloat64Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._f64[address / 8] !== undefined ? address / 8 : this._index('writeFloat64Atomic(address, value)', address, 8);
    if (!(typeof value === 'number')) throw valueError('writeFloat64Atomic(address, value)', FLOAT64_TYPE, value);
    FLOAT64[0] = value;
    Atomics.store(this._u64, index, BITS64[0]);
  }
  allocFloat64(initialValue) { return this._alloc('allocFloat64(initialValue)', FLOAT64_TYPE, initialValue); }
  wrapFloat64(address) { return this._wrap('wrapFloat64(address)', FLOAT64_TYPE, address); }
  viewFloat64Array(address, elementCount) { return this._view('viewFloat64Array(address, elementCount)', FLOAT64_TYPE, address, elementCount); }
  allocFloat64Array(countOrElements) { return this._allocArray('allocFloat64Array(countOrElements)', FLOAT64_TYPE, countOrElements); }
  wrapFloat64Array(address, elementCount) { return this._wrapArray('wrapFloat64Array(address, elementCount)', FLOAT64_TYPE, address, elementCount); }

  // Pointer32
  readPointer32(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._u32[address / 4];
      if (value !== undefined) return value;
    }
    const index = this._index('readPointer32(address)', address, 4);
    return this._u32[index];
  }
  writePointer32(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value ? address / 4 : -1;
      if (this._u32[index] !== undefined) {
        this._u32[index] = value;
        return;
      }
    }
    if (!(typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value)) throw valueError('writePointer32(address, value)', POINTER32_TYPE, value);
    const index = this._index('writePointer32(address, value)', address, 4);
    this._u32[index] = value;
  }
  readPointer32Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u32[address / 4] !== undefined ? address / 4 : this._index('readPointer32Atomic(address)', address, 4);
    return Atomics.load(this._u32, index);
  }
  writePointer32Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u32[address / 4] !== undefined ? address / 4 : this._index('writePointer32Atomic(address, value)', address, 4);
    if (!(typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value)) throw valueError('writePointer32Atomic(address, value)', POINTER32_TYPE, value);
    Atomics.store(this._u32, index, value);
  }
  allocPointer32(initialValue) { return this._alloc('allocPointer32(initialValue)', POINTER32_TYPE, initialValue); }
  wrapPointer32(address) { return this._wrap('wrapPointer32(address)', POINTER32_TYPE, address); }
  viewPointer32Array(address, elementCount) { return this._view('viewPointer32Array(address, elementCount)', POINTER32_TYPE, address, elementCount); }
  allocPointer32Array(countOrElements) { return this._allocArray('allocPointer32Array(countOrElements)', POINTER32_TYPE, countOrElements); }
  wrapPointer32Array(address, elementCount) { return this._wrapArray('wrapPointer32Array(address, elementCount)', POINTER32_TYPE, address, elementCount); }

  // Pointer53
  readPointer53(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._u64[address / 8];
      if (value !== undefined) return toPointer53('readPointer53(address)', value);
    }
    const index = this._index('readPointer53(address)', address, 8);
    return toPointer53('readPointer53(address)', this._u64[index]);
  }
  writePointer53(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = Number.isSafeInteger(value) && value >= 0 ? address / 8 : -1;
      if (this._u64[index] !== undefined) {
        this._u64[index] = BigInt(value);
        return;
      }
    }
    if (!(Number.isSafeInteger(value) && value >= 0)) throw valueError('writePointer53(address, value)', POINTER53_TYPE, value);
    const index = this._index('writePointer53(address, value)', address, 8);
    this._u64[index] = BigInt(value);
  }
  readPointer53Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u64[address / 8] !== undefined ? address / 8 : this._index('readPointer53Atomic(address)', address, 8);
    return toPointer53('readPointer53Atomic(address)', Atomics.load(this._u64, index));
  }
  writePointer53Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u64[address / 8] !== undefined ? address / 8 : this._index('writePointer53Atomic(address, value)', address, 8);
    if (!(Number.isSafeInteger(value) && value >= 0)) throw valueError('writePointer53Atomic(address, value)', POINTER53_TYPE, value);
    Atomics.store(this._u64, index, BigInt(value));
  }
  allocPointer53(initialValue) { return this._alloc('allocPointer53(initialValue)', POINTER53_TYPE, initialValue); }
  wrapPointer53(address) { return this._wrap('wrapPointer53(address)', POINTER53_TYPE, address); }
  viewPointer53Array(address, elementCount) { return this._view('viewPointer53Array(address, elementCount)', POINTER53_TYPE, address, elementCount); }
  allocPointer53Array(countOrElements) { return this._allocArray('allocPointer53Array(countOrElements)', POINTER53_TYPE, countOrElements); }
  wrapPointer53Array(address, elementCount) { return this._wrapArray('wrapPointer53Array(address, elementCount)', POINTER53_TYPE, address, elementCount); }

  // Pointer64
  readPointer64(address) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const value = this._u64[address / 8];
      if (value !== undefined) return value;
    }
    const index = this._index('readPointer64(address)', address, 8);
    return this._u64[index];
  }
  writePointer64(address, value) {
    if (typeof address === 'number' && Math.trunc(address) === address) {
      const index = typeof value === 'bigint' && BigInt.asUintN(64, value) === value ? address / 8 : -1;
      if (this._u64[index] !== undefined) {
        this._u64[index] = value;
        return;
      }
    }
    if (!(typeof value === 'bigint' && BigInt.asUintN(64, value) === value)) throw valueError('writePointer64(address, value)', POINTER64_TYPE, value);
    const index = this._index('writePointer64(address, value)', address, 8);
    this._u64[index] = value;
  }
  readPointer64Atomic(address) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u64[address / 8] !== undefined ? address / 8 : this._index('readPointer64Atomic(address)', address, 8);
    return Atomics.load(this._u64, index);
  }
  writePointer64Atomic(address, value) {
    const index = typeof address === 'number' && Math.trunc(address) === address && this._u64[address / 8] !== undefined ? address / 8 : this._index('writePointer64Atomic(address, value)', address, 8);
    if (!(typeof value === 'bigint' && BigInt.asUintN(64, value) === value)) throw valueError('writePointer64Atomic(address, value)', POINTER64_TYPE, value);
    Atomics.store(this._u64, index, value);
  }
  allocPointer64(initialValue) { return this._alloc('allocPointer64(initialValue)', POINTER64_TYPE, initialValue); }
  wrapPointer64(address) { return this._wrap('wrapPointer64(address)', POINTER64_TYPE, address); }
  viewPointer64Array(address, elementCount) { return this._view('viewPointer64Array(address, elementCount)', POINTER64_TYPE, address, elementCount); }
  allocPointer64Array(countOrElements) { return this._allocArray('allocPointer64Array(countOrElements)', POINTER64_TYPE, countOrElements); }
  wrapPointer64Array(address, elementCount) { return this._wrapArray('wrapPointer64Array(address, elementCount)', POINTER64_TYPE, address, elementCount); }

  // BigUint128LE
  readBigUint128LE(address) {
    const index = this._range('readBigUint128LE(address)', address, 2, 8);
    const view = this._u64;
    return view[index] | (view[index + 1] << 64n);
  }
  writeBigUint128LE(address, value) {
    const index = this._range('writeBigUint128LE(address, value)', address, 2, 8);
    if (!(typeof value === 'bigint' && BigInt.asUintN(128, value) === value)) throw valueError('writeBigUint128LE(address, value)', { name: 'BigUint128LE', allowed: 'a bigint from 0n to 2n ** 128n - 1n' }, value);
    const view = this._u64;
    view[index + 0] = BigInt.asUintN(64, value);
    view[index + 1] = BigInt.asUintN(64, value >> 64n);
  }

  // BigUint256LE
  readBigUint256LE(address) {
    const index = this._range('readBigUint256LE(address)', address, 4, 8);
    const view = this._u64;
    return view[index] | (view[index + 1] << 64n) | (view[index + 2] << 128n) | (view[index + 3] << 192n);
  }
  writeBigUint256LE(address, value) {
    const index = this._range('writeBigUint256LE(address, value)', address, 4, 8);
    if (!(typeof value === 'bigint' && BigInt.asUintN(256, value) === value)) throw valueError('writeBigUint256LE(address, value)', { name: 'BigUint256LE', allowed: 'a bigint from 0n to 2n ** 256n - 1n' }, value);
    const view = this._u64;
    view[index + 0] = BigInt.asUintN(64, value);
    view[index + 1] = BigInt.asUintN(64, value >> 64n);
    view[index + 2] = BigInt.asUintN(64, value >> 128n);
    view[index + 3] = BigInt.asUintN(64, value >> 192n);
  }

  // Null-terminated Ascii
  readNullTerminatedAsciiString(address, maxElementCount) {
    return readString(this, 'readNullTerminatedAsciiString(address, maxElementCount)', CODECS.ascii, address, maxElementCount);
  }
  writeNullTerminatedAsciiString(address, value, elementCapacity) {
    return writeString(this, 'writeNullTerminatedAsciiString(address, value, elementCapacity)', CODECS.ascii, address, value, elementCapacity);
  }
  allocNullTerminatedAsciiString(valueOrElementCount) {
    return allocString(this, 'allocNullTerminatedAsciiString(valueOrElementCount)', CODECS.ascii, new NullTerminatedAsciiStringRef(this, -1, 0), valueOrElementCount);
  }
  wrapNullTerminatedAsciiString(address, maxElementCount) {
    const length = stringLength(this, 'wrapNullTerminatedAsciiString(address, maxElementCount)', CODECS.ascii, address, maxElementCount);
    return new NullTerminatedAsciiStringRef(this, address, maxElementCount ?? length + 1);
  }

  // Null-terminated Utf8
  readNullTerminatedUtf8String(address, maxElementCount) {
    return readString(this, 'readNullTerminatedUtf8String(address, maxElementCount)', CODECS.utf8, address, maxElementCount);
  }
  writeNullTerminatedUtf8String(address, value, elementCapacity) {
    return writeString(this, 'writeNullTerminatedUtf8String(address, value, elementCapacity)', CODECS.utf8, address, value, elementCapacity);
  }
  allocNullTerminatedUtf8String(valueOrElementCount) {
    return allocString(this, 'allocNullTerminatedUtf8String(valueOrElementCount)', CODECS.utf8, new NullTerminatedUtf8StringRef(this, -1, 0), valueOrElementCount);
  }
  wrapNullTerminatedUtf8String(address, maxElementCount) {
    const length = stringLength(this, 'wrapNullTerminatedUtf8String(address, maxElementCount)', CODECS.utf8, address, maxElementCount);
    return new NullTerminatedUtf8StringRef(this, address, maxElementCount ?? length + 1);
  }

  // Null-terminated Utf16
  readNullTerminatedUtf16String(address, maxElementCount) {
    return readString(this, 'readNullTerminatedUtf16String(address, maxElementCount)', CODECS.utf16, address, maxElementCount);
  }
  writeNullTerminatedUtf16String(address, value, elementCapacity) {
    return writeString(this, 'writeNullTerminatedUtf16String(address, value, elementCapacity)', CODECS.utf16, address, value, elementCapacity);
  }
  allocNullTerminatedUtf16String(valueOrElementCount) {
    return allocString(this, 'allocNullTerminatedUtf16String(valueOrElementCount)', CODECS.utf16, new NullTerminatedUtf16StringRef(this, -1, 0), valueOrElementCount);
  }
  wrapNullTerminatedUtf16String(address, maxElementCount) {
    const length = stringLength(this, 'wrapNullTerminatedUtf16String(address, maxElementCount)', CODECS.utf16, address, maxElementCount);
    return new NullTerminatedUtf16StringRef(this, address, maxElementCount ?? length + 1);
  }

  // Null-terminated Utf32
  readNullTerminatedUtf32String(address, maxElementCount) {
    return readString(this, 'readNullTerminatedUtf32String(address, maxElementCount)', CODECS.utf32, address, maxElementCount);
  }
  writeNullTerminatedUtf32String(address, value, elementCapacity) {
    return writeString(this, 'writeNullTerminatedUtf32String(address, value, elementCapacity)', CODECS.utf32, address, value, elementCapacity);
  }
  allocNullTerminatedUtf32String(valueOrElementCount) {
    return allocString(this, 'allocNullTerminatedUtf32String(valueOrElementCount)', CODECS.utf32, new NullTerminatedUtf32StringRef(this, -1, 0), valueOrElementCount);
  }
  wrapNullTerminatedUtf32String(address, maxElementCount) {
    const length = stringLength(this, 'wrapNullTerminatedUtf32String(address, maxElementCount)', CODECS.utf32, address, maxElementCount);
    return new NullTerminatedUtf32StringRef(this, address, maxElementCount ?? length + 1);
  }
}

// Names of wasm-heap-manager 0.5.1.
HeapManager.prototype.readUint8Clamped = HeapManager.prototype.readClampedUint8;
HeapManager.prototype.writeUint8Clamped = HeapManager.prototype.writeClampedUint8;
HeapManager.prototype.readUint8ClampedAtomic = HeapManager.prototype.readClampedUint8Atomic;
HeapManager.prototype.writeUint8ClampedAtomic = HeapManager.prototype.writeClampedUint8Atomic;
HeapManager.prototype.allocUint8Clamped = HeapManager.prototype.allocClampedUint8;
HeapManager.prototype.wrapUint8Clamped = HeapManager.prototype.wrapClampedUint8;
HeapManager.prototype.viewUint8ClampedArray = HeapManager.prototype.viewClampedUint8Array;
HeapManager.prototype.allocUint8ClampedArray = HeapManager.prototype.allocClampedUint8Array;
HeapManager.prototype.wrapUint8ClampedArray = HeapManager.prototype.wrapClampedUint8Array;
HeapManager.prototype.readBigUint128 = HeapManager.prototype.readBigUint128LE;
HeapManager.prototype.writeBigUint128 = HeapManager.prototype.writeBigUint128LE;
HeapManager.prototype.readBigUint256 = HeapManager.prototype.readBigUint256LE;
HeapManager.prototype.writeBigUint256 = HeapManager.prototype.writeBigUint256LE;

/** A manager with `pollingMode: "always"`: every access asks for the latest heap first. */
export class PollingHeapManager extends HeapManager {
  readInt8(address) { this._poll(); return super.readInt8(address); }
  writeInt8(address, value) { this._poll(); return super.writeInt8(address, value); }
  readInt8Atomic(address) { this._poll(); return super.readInt8Atomic(address); }
  writeInt8Atomic(address, value) { this._poll(); return super.writeInt8Atomic(address, value); }
  readUint8(address) { this._poll(); return super.readUint8(address); }
  writeUint8(address, value) { this._poll(); return super.writeUint8(address, value); }
  readUint8Atomic(address) { this._poll(); return super.readUint8Atomic(address); }
  writeUint8Atomic(address, value) { this._poll(); return super.writeUint8Atomic(address, value); }
  readClampedUint8(address) { this._poll(); return super.readClampedUint8(address); }
  writeClampedUint8(address, value) { this._poll(); return super.writeClampedUint8(address, value); }
  readClampedUint8Atomic(address) { this._poll(); return super.readClampedUint8Atomic(address); }
  writeClampedUint8Atomic(address, value) { this._poll(); return super.writeClampedUint8Atomic(address, value); }
  readInt16(address) { this._poll(); return super.readInt16(address); }
  writeInt16(address, value) { this._poll(); return super.writeInt16(address, value); }
  readInt16Atomic(address) { this._poll(); return super.readInt16Atomic(address); }
  writeInt16Atomic(address, value) { this._poll(); return super.writeInt16Atomic(address, value); }
  readUint16(address) { this._poll(); return super.readUint16(address); }
  writeUint16(address, value) { this._poll(); return super.writeUint16(address, value); }
  readUint16Atomic(address) { this._poll(); return super.readUint16Atomic(address); }
  writeUint16Atomic(address, value) { this._poll(); return super.writeUint16Atomic(address, value); }
  readInt32(address) { this._poll(); return super.readInt32(address); }
  writeInt32(address, value) { this._poll(); return super.writeInt32(address, value); }
  readInt32Atomic(address) { this._poll(); return super.readInt32Atomic(address); }
  writeInt32Atomic(address, value) { this._poll(); return super.writeInt32Atomic(address, value); }
  readUint32(address) { this._poll(); return super.readUint32(address); }
  writeUint32(address, value) { this._poll(); return super.writeUint32(address, value); }
  readUint32Atomic(address) { this._poll(); return super.readUint32Atomic(address); }
  writeUint32Atomic(address, value) { this._poll(); return super.writeUint32Atomic(address, value); }
  readBigInt64(address) { this._poll(); return super.readBigInt64(address); }
  writeBigInt64(address, value) { this._poll(); return super.writeBigInt64(address, value); }
  readBigInt64Atomic(address) { this._poll(); return super.readBigInt64Atomic(address); }
  writeBigInt64Atomic(address, value) { this._poll(); return super.writeBigInt64Atomic(address, value); }
  readBigUint64(address) { this._poll(); return super.readBigUint64(address); }
  writeBigUint64(address, value) { this._poll(); return super.writeBigUint64(address, value); }
  readBigUint64Atomic(address) { this._poll(); return super.readBigUint64Atomic(address); }
  writeBigUint64Atomic(address, value) { this._poll(); return super.writeBigUint64Atomic(address, value); }
  readFloat32(address) { this._poll(); return super.readFloat32(address); }
  writeFloat32(address, value) { this._poll(); return super.writeFloat32(address, value); }
  readFloat32Atomic(address) { this._poll(); return super.readFloat32Atomic(address); }
  writeFloat32Atomic(address, value) { this._poll(); return super.writeFloat32Atomic(address, value); }
  readFloat64(address) { this._poll(); return super.readFloat64(address); }
  writeFloat64(address, value) { this._poll(); return super.writeFloat64(address, value); }
  readFloat64Atomic(address) { this._poll(); return super.readFloat64Atomic(address); }
  writeFloat64Atomic(address, value) { this._poll(); return super.writeFloat64Atomic(address, value); }
  readPointer32(address) { this._poll(); return super.readPointer32(address); }
  writePointer32(address, value) { this._poll(); return super.writePointer32(address, value); }
  readPointer32Atomic(address) { this._poll(); return super.readPointer32Atomic(address); }
  writePointer32Atomic(address, value) { this._poll(); return super.writePointer32Atomic(address, value); }
  readPointer53(address) { this._poll(); return super.readPointer53(address); }
  writePointer53(address, value) { this._poll(); return super.writePointer53(address, value); }
  readPointer53Atomic(address) { this._poll(); return super.readPointer53Atomic(address); }
  writePointer53Atomic(address, value) { this._poll(); return super.writePointer53Atomic(address, value); }
  readPointer64(address) { this._poll(); return super.readPointer64(address); }
  writePointer64(address, value) { this._poll(); return super.writePointer64(address, value); }
  readPointer64Atomic(address) { this._poll(); return super.readPointer64Atomic(address); }
  writePointer64Atomic(address, value) { this._poll(); return super.writePointer64Atomic(address, value); }
}

/** A ref to one Int8 on the heap. */
export class Int8Ref extends HeapRef {
  /** @type {1} */
  get allocatedByteSize() { return 1; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Int8Ref.value'); return this._manager.readInt8(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Int8Ref.value'); this._manager.writeInt8(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Int8Ref.read()'); return this._manager.readInt8(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Int8Ref.write(value)'); this._manager.writeInt8(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Int8Ref.readAtomic()'); return this._manager.readInt8Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Int8Ref.writeAtomic(value)'); this._manager.writeInt8Atomic(this._address, value); return this; }
}

/** A ref to an array of Int8. */
export class Int8ArrayRef extends ArrayRef {
  /** @type {1} */
  get bytesPerElement() { return 1; }
  /** The elements as a Int8Array; for immediate use only (a resize replaces the buffer). @type {Int8Array} */
  get view() { if (this._freed) throw freedError(this, 'Int8ArrayRef.view'); return this._manager.viewInt8Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int8ArrayRef.readAt(index)', index); return this._manager.readInt8(this._address + index * 1); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int8ArrayRef.writeAt(index, value)', index); this._manager.writeInt8(this._address + index * 1, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int8ArrayRef.readAtomicAt(index)', index); return this._manager.readInt8Atomic(this._address + index * 1); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int8ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeInt8Atomic(this._address + index * 1, value); return this; }
}

/** A ref to one Uint8 on the heap. */
export class Uint8Ref extends HeapRef {
  /** @type {1} */
  get allocatedByteSize() { return 1; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Uint8Ref.value'); return this._manager.readUint8(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Uint8Ref.value'); this._manager.writeUint8(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Uint8Ref.read()'); return this._manager.readUint8(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Uint8Ref.write(value)'); this._manager.writeUint8(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Uint8Ref.readAtomic()'); return this._manager.readUint8Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Uint8Ref.writeAtomic(value)'); this._manager.writeUint8Atomic(this._address, value); return this; }
}

/** A ref to an array of Uint8. */
export class Uint8ArrayRef extends ArrayRef {
  /** @type {1} */
  get bytesPerElement() { return 1; }
  /** The elements as a Uint8Array; for immediate use only (a resize replaces the buffer). @type {Uint8Array} */
  get view() { if (this._freed) throw freedError(this, 'Uint8ArrayRef.view'); return this._manager.viewUint8Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint8ArrayRef.readAt(index)', index); return this._manager.readUint8(this._address + index * 1); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint8ArrayRef.writeAt(index, value)', index); this._manager.writeUint8(this._address + index * 1, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint8ArrayRef.readAtomicAt(index)', index); return this._manager.readUint8Atomic(this._address + index * 1); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint8ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeUint8Atomic(this._address + index * 1, value); return this; }
}

/** A ref to one ClampedUint8 on the heap. */
export class ClampedUint8Ref extends HeapRef {
  /** @type {1} */
  get allocatedByteSize() { return 1; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'ClampedUint8Ref.value'); return this._manager.readClampedUint8(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'ClampedUint8Ref.value'); this._manager.writeClampedUint8(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'ClampedUint8Ref.read()'); return this._manager.readClampedUint8(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'ClampedUint8Ref.write(value)'); this._manager.writeClampedUint8(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'ClampedUint8Ref.readAtomic()'); return this._manager.readClampedUint8Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'ClampedUint8Ref.writeAtomic(value)'); this._manager.writeClampedUint8Atomic(this._address, value); return this; }
}

/** A ref to an array of ClampedUint8. */
export class ClampedUint8ArrayRef extends ArrayRef {
  /** @type {1} */
  get bytesPerElement() { return 1; }
  /** The elements as a Uint8ClampedArray; for immediate use only (a resize replaces the buffer). @type {Uint8ClampedArray} */
  get view() { if (this._freed) throw freedError(this, 'ClampedUint8ArrayRef.view'); return this._manager.viewClampedUint8Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('ClampedUint8ArrayRef.readAt(index)', index); return this._manager.readClampedUint8(this._address + index * 1); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('ClampedUint8ArrayRef.writeAt(index, value)', index); this._manager.writeClampedUint8(this._address + index * 1, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('ClampedUint8ArrayRef.readAtomicAt(index)', index); return this._manager.readClampedUint8Atomic(this._address + index * 1); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('ClampedUint8ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeClampedUint8Atomic(this._address + index * 1, value); return this; }
}

/** A ref to one Int16 on the heap. */
export class Int16Ref extends HeapRef {
  /** @type {2} */
  get allocatedByteSize() { return 2; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Int16Ref.value'); return this._manager.readInt16(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Int16Ref.value'); this._manager.writeInt16(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Int16Ref.read()'); return this._manager.readInt16(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Int16Ref.write(value)'); this._manager.writeInt16(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Int16Ref.readAtomic()'); return this._manager.readInt16Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Int16Ref.writeAtomic(value)'); this._manager.writeInt16Atomic(this._address, value); return this; }
}

/** A ref to an array of Int16. */
export class Int16ArrayRef extends ArrayRef {
  /** @type {2} */
  get bytesPerElement() { return 2; }
  /** The elements as a Int16Array; for immediate use only (a resize replaces the buffer). @type {Int16Array} */
  get view() { if (this._freed) throw freedError(this, 'Int16ArrayRef.view'); return this._manager.viewInt16Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int16ArrayRef.readAt(index)', index); return this._manager.readInt16(this._address + index * 2); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int16ArrayRef.writeAt(index, value)', index); this._manager.writeInt16(this._address + index * 2, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int16ArrayRef.readAtomicAt(index)', index); return this._manager.readInt16Atomic(this._address + index * 2); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int16ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeInt16Atomic(this._address + index * 2, value); return this; }
}

/** A ref to one Uint16 on the heap. */
export class Uint16Ref extends HeapRef {
  /** @type {2} */
  get allocatedByteSize() { return 2; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Uint16Ref.value'); return this._manager.readUint16(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Uint16Ref.value'); this._manager.writeUint16(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Uint16Ref.read()'); return this._manager.readUint16(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Uint16Ref.write(value)'); this._manager.writeUint16(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Uint16Ref.readAtomic()'); return this._manager.readUint16Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Uint16Ref.writeAtomic(value)'); this._manager.writeUint16Atomic(this._address, value); return this; }
}

/** A ref to an array of Uint16. */
export class Uint16ArrayRef extends ArrayRef {
  /** @type {2} */
  get bytesPerElement() { return 2; }
  /** The elements as a Uint16Array; for immediate use only (a resize replaces the buffer). @type {Uint16Array} */
  get view() { if (this._freed) throw freedError(this, 'Uint16ArrayRef.view'); return this._manager.viewUint16Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint16ArrayRef.readAt(index)', index); return this._manager.readUint16(this._address + index * 2); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint16ArrayRef.writeAt(index, value)', index); this._manager.writeUint16(this._address + index * 2, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint16ArrayRef.readAtomicAt(index)', index); return this._manager.readUint16Atomic(this._address + index * 2); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint16ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeUint16Atomic(this._address + index * 2, value); return this; }
}

/** A ref to one Int32 on the heap. */
export class Int32Ref extends HeapRef {
  /** @type {4} */
  get allocatedByteSize() { return 4; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Int32Ref.value'); return this._manager.readInt32(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Int32Ref.value'); this._manager.writeInt32(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Int32Ref.read()'); return this._manager.readInt32(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Int32Ref.write(value)'); this._manager.writeInt32(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Int32Ref.readAtomic()'); return this._manager.readInt32Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Int32Ref.writeAtomic(value)'); this._manager.writeInt32Atomic(this._address, value); return this; }
}

/** A ref to an array of Int32. */
export class Int32ArrayRef extends ArrayRef {
  /** @type {4} */
  get bytesPerElement() { return 4; }
  /** The elements as a Int32Array; for immediate use only (a resize replaces the buffer). @type {Int32Array} */
  get view() { if (this._freed) throw freedError(this, 'Int32ArrayRef.view'); return this._manager.viewInt32Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int32ArrayRef.readAt(index)', index); return this._manager.readInt32(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int32ArrayRef.writeAt(index, value)', index); this._manager.writeInt32(this._address + index * 4, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int32ArrayRef.readAtomicAt(index)', index); return this._manager.readInt32Atomic(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Int32ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeInt32Atomic(this._address + index * 4, value); return this; }
}

/** A ref to one Uint32 on the heap. */
export class Uint32Ref extends HeapRef {
  /** @type {4} */
  get allocatedByteSize() { return 4; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Uint32Ref.value'); return this._manager.readUint32(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Uint32Ref.value'); this._manager.writeUint32(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Uint32Ref.read()'); return this._manager.readUint32(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Uint32Ref.write(value)'); this._manager.writeUint32(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Uint32Ref.readAtomic()'); return this._manager.readUint32Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Uint32Ref.writeAtomic(value)'); this._manager.writeUint32Atomic(this._address, value); return this; }
}

/** A ref to an array of Uint32. */
export class Uint32ArrayRef extends ArrayRef {
  /** @type {4} */
  get bytesPerElement() { return 4; }
  /** The elements as a Uint32Array; for immediate use only (a resize replaces the buffer). @type {Uint32Array} */
  get view() { if (this._freed) throw freedError(this, 'Uint32ArrayRef.view'); return this._manager.viewUint32Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint32ArrayRef.readAt(index)', index); return this._manager.readUint32(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint32ArrayRef.writeAt(index, value)', index); this._manager.writeUint32(this._address + index * 4, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint32ArrayRef.readAtomicAt(index)', index); return this._manager.readUint32Atomic(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Uint32ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeUint32Atomic(this._address + index * 4, value); return this; }
}

/** A ref to one BigInt64 on the heap. */
export class BigInt64Ref extends HeapRef {
  /** @type {8} */
  get allocatedByteSize() { return 8; }
  /** @type {bigint} */
  get value() { if (this._freed) throw freedError(this, 'BigInt64Ref.value'); return this._manager.readBigInt64(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'BigInt64Ref.value'); this._manager.writeBigInt64(this._address, value); }
  /** @returns {bigint} */
  read() { if (this._freed) throw freedError(this, 'BigInt64Ref.read()'); return this._manager.readBigInt64(this._address); }
  /** @param {bigint} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'BigInt64Ref.write(value)'); this._manager.writeBigInt64(this._address, value); return this; }
  /** @returns {bigint} */
  readAtomic() { if (this._freed) throw freedError(this, 'BigInt64Ref.readAtomic()'); return this._manager.readBigInt64Atomic(this._address); }
  /** @param {bigint} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'BigInt64Ref.writeAtomic(value)'); this._manager.writeBigInt64Atomic(this._address, value); return this; }
}

/** A ref to an array of BigInt64. */
export class BigInt64ArrayRef extends ArrayRef {
  /** @type {8} */
  get bytesPerElement() { return 8; }
  /** The elements as a BigInt64Array; for immediate use only (a resize replaces the buffer). @type {BigInt64Array} */
  get view() { if (this._freed) throw freedError(this, 'BigInt64ArrayRef.view'); return this._manager.viewBigInt64Array(this._address, this._count); }
  /** @param {number} index @returns {bigint} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigInt64ArrayRef.readAt(index)', index); return this._manager.readBigInt64(this._address + index * 8); }
  /** @param {number} index @param {bigint} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigInt64ArrayRef.writeAt(index, value)', index); this._manager.writeBigInt64(this._address + index * 8, value); return this; }
  /** @param {number} index @returns {bigint} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigInt64ArrayRef.readAtomicAt(index)', index); return this._manager.readBigInt64Atomic(this._address + index * 8); }
  /** @param {number} index @param {bigint} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigInt64ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeBigInt64Atomic(this._address + index * 8, value); return this; }
}

/** A ref to one BigUint64 on the heap. */
export class BigUint64Ref extends HeapRef {
  /** @type {8} */
  get allocatedByteSize() { return 8; }
  /** @type {bigint} */
  get value() { if (this._freed) throw freedError(this, 'BigUint64Ref.value'); return this._manager.readBigUint64(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'BigUint64Ref.value'); this._manager.writeBigUint64(this._address, value); }
  /** @returns {bigint} */
  read() { if (this._freed) throw freedError(this, 'BigUint64Ref.read()'); return this._manager.readBigUint64(this._address); }
  /** @param {bigint} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'BigUint64Ref.write(value)'); this._manager.writeBigUint64(this._address, value); return this; }
  /** @returns {bigint} */
  readAtomic() { if (this._freed) throw freedError(this, 'BigUint64Ref.readAtomic()'); return this._manager.readBigUint64Atomic(this._address); }
  /** @param {bigint} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'BigUint64Ref.writeAtomic(value)'); this._manager.writeBigUint64Atomic(this._address, value); return this; }
}

/** A ref to an array of BigUint64. */
export class BigUint64ArrayRef extends ArrayRef {
  /** @type {8} */
  get bytesPerElement() { return 8; }
  /** The elements as a BigUint64Array; for immediate use only (a resize replaces the buffer). @type {BigUint64Array} */
  get view() { if (this._freed) throw freedError(this, 'BigUint64ArrayRef.view'); return this._manager.viewBigUint64Array(this._address, this._count); }
  /** @param {number} index @returns {bigint} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigUint64ArrayRef.readAt(index)', index); return this._manager.readBigUint64(this._address + index * 8); }
  /** @param {number} index @param {bigint} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigUint64ArrayRef.writeAt(index, value)', index); this._manager.writeBigUint64(this._address + index * 8, value); return this; }
  /** @param {number} index @returns {bigint} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigUint64ArrayRef.readAtomicAt(index)', index); return this._manager.readBigUint64Atomic(this._address + index * 8); }
  /** @param {number} index @param {bigint} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('BigUint64ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeBigUint64Atomic(this._address + index * 8, value); return this; }
}

/** A ref to one Float32 on the heap. */
export class Float32Ref extends HeapRef {
  /** @type {4} */
  get allocatedByteSize() { return 4; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Float32Ref.value'); return this._manager.readFloat32(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Float32Ref.value'); this._manager.writeFloat32(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Float32Ref.read()'); return this._manager.readFloat32(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Float32Ref.write(value)'); this._manager.writeFloat32(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Float32Ref.readAtomic()'); return this._manager.readFloat32Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Float32Ref.writeAtomic(value)'); this._manager.writeFloat32Atomic(this._address, value); return this; }
}

/** A ref to an array of Float32. */
export class Float32ArrayRef extends ArrayRef {
  /** @type {4} */
  get bytesPerElement() { return 4; }
  /** The elements as a Float32Array; for immediate use only (a resize replaces the buffer). @type {Float32Array} */
  get view() { if (this._freed) throw freedError(this, 'Float32ArrayRef.view'); return this._manager.viewFloat32Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float32ArrayRef.readAt(index)', index); return this._manager.readFloat32(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float32ArrayRef.writeAt(index, value)', index); this._manager.writeFloat32(this._address + index * 4, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float32ArrayRef.readAtomicAt(index)', index); return this._manager.readFloat32Atomic(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float32ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeFloat32Atomic(this._address + index * 4, value); return this; }
}

/** A ref to one Float64 on the heap. */
export class Float64Ref extends HeapRef {
  /** @type {8} */
  get allocatedByteSize() { return 8; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Float64Ref.value'); return this._manager.readFloat64(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Float64Ref.value'); this._manager.writeFloat64(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Float64Ref.read()'); return this._manager.readFloat64(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Float64Ref.write(value)'); this._manager.writeFloat64(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Float64Ref.readAtomic()'); return this._manager.readFloat64Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Float64Ref.writeAtomic(value)'); this._manager.writeFloat64Atomic(this._address, value); return this; }
}

/** A ref to an array of Float64. */
export class Float64ArrayRef extends ArrayRef {
  /** @type {8} */
  get bytesPerElement() { return 8; }
  /** The elements as a Float64Array; for immediate use only (a resize replaces the buffer). @type {Float64Array} */
  get view() { if (this._freed) throw freedError(this, 'Float64ArrayRef.view'); return this._manager.viewFloat64Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float64ArrayRef.readAt(index)', index); return this._manager.readFloat64(this._address + index * 8); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float64ArrayRef.writeAt(index, value)', index); this._manager.writeFloat64(this._address + index * 8, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float64ArrayRef.readAtomicAt(index)', index); return this._manager.readFloat64Atomic(this._address + index * 8); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Float64ArrayRef.writeAtomicAt(index, value)', index); this._manager.writeFloat64Atomic(this._address + index * 8, value); return this; }
}

/** A ref to one Pointer32 on the heap. */
export class Pointer32Ref extends HeapRef {
  /** @type {4} */
  get allocatedByteSize() { return 4; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Pointer32Ref.value'); return this._manager.readPointer32(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Pointer32Ref.value'); this._manager.writePointer32(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Pointer32Ref.read()'); return this._manager.readPointer32(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Pointer32Ref.write(value)'); this._manager.writePointer32(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Pointer32Ref.readAtomic()'); return this._manager.readPointer32Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Pointer32Ref.writeAtomic(value)'); this._manager.writePointer32Atomic(this._address, value); return this; }
}

/** A ref to an array of Pointer32. */
export class Pointer32ArrayRef extends PointerArrayRef {
  /** @type {4} */
  get bytesPerElement() { return 4; }
  /** The elements as a Uint32Array; for immediate use only (a resize replaces the buffer). @type {Uint32Array} */
  get view() { if (this._freed) throw freedError(this, 'Pointer32ArrayRef.view'); return this._manager.viewPointer32Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer32ArrayRef.readAt(index)', index); return this._manager.readPointer32(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer32ArrayRef.writeAt(index, value)', index); this._manager.writePointer32(this._address + index * 4, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer32ArrayRef.readAtomicAt(index)', index); return this._manager.readPointer32Atomic(this._address + index * 4); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer32ArrayRef.writeAtomicAt(index, value)', index); this._manager.writePointer32Atomic(this._address + index * 4, value); return this; }
}

/** A ref to one Pointer53 on the heap. */
export class Pointer53Ref extends HeapRef {
  /** @type {8} */
  get allocatedByteSize() { return 8; }
  /** @type {number} */
  get value() { if (this._freed) throw freedError(this, 'Pointer53Ref.value'); return this._manager.readPointer53(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Pointer53Ref.value'); this._manager.writePointer53(this._address, value); }
  /** @returns {number} */
  read() { if (this._freed) throw freedError(this, 'Pointer53Ref.read()'); return this._manager.readPointer53(this._address); }
  /** @param {number} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Pointer53Ref.write(value)'); this._manager.writePointer53(this._address, value); return this; }
  /** @returns {number} */
  readAtomic() { if (this._freed) throw freedError(this, 'Pointer53Ref.readAtomic()'); return this._manager.readPointer53Atomic(this._address); }
  /** @param {number} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Pointer53Ref.writeAtomic(value)'); this._manager.writePointer53Atomic(this._address, value); return this; }
}

/** A ref to an array of Pointer53. */
export class Pointer53ArrayRef extends PointerArrayRef {
  /** @type {8} */
  get bytesPerElement() { return 8; }
  /** The elements as a BigUint64Array; for immediate use only (a resize replaces the buffer). @type {BigUint64Array} */
  get view() { if (this._freed) throw freedError(this, 'Pointer53ArrayRef.view'); return this._manager.viewPointer53Array(this._address, this._count); }
  /** @param {number} index @returns {number} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer53ArrayRef.readAt(index)', index); return this._manager.readPointer53(this._address + index * 8); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer53ArrayRef.writeAt(index, value)', index); this._manager.writePointer53(this._address + index * 8, value); return this; }
  /** @param {number} index @returns {number} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer53ArrayRef.readAtomicAt(index)', index); return this._manager.readPointer53Atomic(this._address + index * 8); }
  /** @param {number} index @param {number} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer53ArrayRef.writeAtomicAt(index, value)', index); this._manager.writePointer53Atomic(this._address + index * 8, value); return this; }
}

/** A ref to one Pointer64 on the heap. */
export class Pointer64Ref extends HeapRef {
  /** @type {8} */
  get allocatedByteSize() { return 8; }
  /** @type {bigint} */
  get value() { if (this._freed) throw freedError(this, 'Pointer64Ref.value'); return this._manager.readPointer64(this._address); }
  set value(value) { if (this._freed) throw freedError(this, 'Pointer64Ref.value'); this._manager.writePointer64(this._address, value); }
  /** @returns {bigint} */
  read() { if (this._freed) throw freedError(this, 'Pointer64Ref.read()'); return this._manager.readPointer64(this._address); }
  /** @param {bigint} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'Pointer64Ref.write(value)'); this._manager.writePointer64(this._address, value); return this; }
  /** @returns {bigint} */
  readAtomic() { if (this._freed) throw freedError(this, 'Pointer64Ref.readAtomic()'); return this._manager.readPointer64Atomic(this._address); }
  /** @param {bigint} value @returns {this} */
  writeAtomic(value) { if (this._freed) throw freedError(this, 'Pointer64Ref.writeAtomic(value)'); this._manager.writePointer64Atomic(this._address, value); return this; }
}

/** A ref to an array of Pointer64. */
export class Pointer64ArrayRef extends PointerArrayRef {
  /** @type {8} */
  get bytesPerElement() { return 8; }
  /** The elements as a BigUint64Array; for immediate use only (a resize replaces the buffer). @type {BigUint64Array} */
  get view() { if (this._freed) throw freedError(this, 'Pointer64ArrayRef.view'); return this._manager.viewPointer64Array(this._address, this._count); }
  /** @param {number} index @returns {bigint} */
  readAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer64ArrayRef.readAt(index)', index); return this._manager.readPointer64(this._address + index * 8); }
  /** @param {number} index @param {bigint} value @returns {this} */
  writeAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer64ArrayRef.writeAt(index, value)', index); this._manager.writePointer64(this._address + index * 8, value); return this; }
  /** @param {number} index @returns {bigint} */
  readAtomicAt(index) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer64ArrayRef.readAtomicAt(index)', index); return this._manager.readPointer64Atomic(this._address + index * 8); }
  /** @param {number} index @param {bigint} value @returns {this} */
  writeAtomicAt(index, value) { if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('Pointer64ArrayRef.writeAtomicAt(index, value)', index); this._manager.writePointer64Atomic(this._address + index * 8, value); return this; }
}

/** A ref to a null-terminated Ascii string. */
export class NullTerminatedAsciiStringRef extends StringRef {
  /** @type {1} */
  get bytesPerElement() { return 1; }
  /** @returns {string} */
  read() { if (this._freed) throw freedError(this, 'NullTerminatedAsciiStringRef.read()'); return this._manager.readNullTerminatedAsciiString(this._address, this._count); }
  /** @param {string} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'NullTerminatedAsciiStringRef.write(value)'); this._manager.writeNullTerminatedAsciiString(this._address, value, this._count); return this; }
  /** Elements before the terminator (a scan for it). @type {number} */
  get encodedElementCount() { if (this._freed) throw freedError(this, 'NullTerminatedAsciiStringRef.encodedElementCount'); return stringLength(this._manager, 'NullTerminatedAsciiStringRef.encodedElementCount', CODECS.ascii, this._address, this._count); }
  /** The encoded elements, terminator excluded. @type {Uint8Array} */
  get encodedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedAsciiStringRef.encodedElementsView'); return this._manager.viewUint8Array(this._address, this.encodedElementCount); }
  /** Every element of the region. @type {Uint8Array} */
  get allocatedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedAsciiStringRef.allocatedElementsView'); return this._manager.viewUint8Array(this._address, this._count); }
}

/** A ref to a null-terminated Utf8 string. */
export class NullTerminatedUtf8StringRef extends StringRef {
  /** @type {1} */
  get bytesPerElement() { return 1; }
  /** @returns {string} */
  read() { if (this._freed) throw freedError(this, 'NullTerminatedUtf8StringRef.read()'); return this._manager.readNullTerminatedUtf8String(this._address, this._count); }
  /** @param {string} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'NullTerminatedUtf8StringRef.write(value)'); this._manager.writeNullTerminatedUtf8String(this._address, value, this._count); return this; }
  /** Elements before the terminator (a scan for it). @type {number} */
  get encodedElementCount() { if (this._freed) throw freedError(this, 'NullTerminatedUtf8StringRef.encodedElementCount'); return stringLength(this._manager, 'NullTerminatedUtf8StringRef.encodedElementCount', CODECS.utf8, this._address, this._count); }
  /** The encoded elements, terminator excluded. @type {Uint8Array} */
  get encodedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedUtf8StringRef.encodedElementsView'); return this._manager.viewUint8Array(this._address, this.encodedElementCount); }
  /** Every element of the region. @type {Uint8Array} */
  get allocatedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedUtf8StringRef.allocatedElementsView'); return this._manager.viewUint8Array(this._address, this._count); }
}

/** A ref to a null-terminated Utf16 string. */
export class NullTerminatedUtf16StringRef extends StringRef {
  /** @type {2} */
  get bytesPerElement() { return 2; }
  /** @returns {string} */
  read() { if (this._freed) throw freedError(this, 'NullTerminatedUtf16StringRef.read()'); return this._manager.readNullTerminatedUtf16String(this._address, this._count); }
  /** @param {string} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'NullTerminatedUtf16StringRef.write(value)'); this._manager.writeNullTerminatedUtf16String(this._address, value, this._count); return this; }
  /** Elements before the terminator (a scan for it). @type {number} */
  get encodedElementCount() { if (this._freed) throw freedError(this, 'NullTerminatedUtf16StringRef.encodedElementCount'); return stringLength(this._manager, 'NullTerminatedUtf16StringRef.encodedElementCount', CODECS.utf16, this._address, this._count); }
  /** The encoded elements, terminator excluded. @type {Uint16Array} */
  get encodedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedUtf16StringRef.encodedElementsView'); return this._manager.viewUint16Array(this._address, this.encodedElementCount); }
  /** Every element of the region. @type {Uint16Array} */
  get allocatedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedUtf16StringRef.allocatedElementsView'); return this._manager.viewUint16Array(this._address, this._count); }
}

/** A ref to a null-terminated Utf32 string. */
export class NullTerminatedUtf32StringRef extends StringRef {
  /** @type {4} */
  get bytesPerElement() { return 4; }
  /** @returns {string} */
  read() { if (this._freed) throw freedError(this, 'NullTerminatedUtf32StringRef.read()'); return this._manager.readNullTerminatedUtf32String(this._address, this._count); }
  /** @param {string} value @returns {this} */
  write(value) { if (this._freed) throw freedError(this, 'NullTerminatedUtf32StringRef.write(value)'); this._manager.writeNullTerminatedUtf32String(this._address, value, this._count); return this; }
  /** Elements before the terminator (a scan for it). @type {number} */
  get encodedElementCount() { if (this._freed) throw freedError(this, 'NullTerminatedUtf32StringRef.encodedElementCount'); return stringLength(this._manager, 'NullTerminatedUtf32StringRef.encodedElementCount', CODECS.utf32, this._address, this._count); }
  /** The encoded elements, terminator excluded. @type {Uint32Array} */
  get encodedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedUtf32StringRef.encodedElementsView'); return this._manager.viewUint32Array(this._address, this.encodedElementCount); }
  /** Every element of the region. @type {Uint32Array} */
  get allocatedElementsView() { if (this._freed) throw freedError(this, 'NullTerminatedUtf32StringRef.allocatedElementsView'); return this._manager.viewUint32Array(this._address, this._count); }
}

// Descriptors of the number types, for the methods shared by all of them.
const INT8_TYPE = {
  name: 'Int8', bytes: 1, field: '_i8', allowed: 'an integer from -128 to 127',
  test: (value) => typeof value === 'number' && value >= -128 && value <= 127 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Int8Ref, ArrayRef: Int8ArrayRef,
};
const UINT8_TYPE = {
  name: 'Uint8', bytes: 1, field: '_u8', allowed: 'an integer from 0 to 255',
  test: (value) => typeof value === 'number' && value >= 0 && value <= 255 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Uint8Ref, ArrayRef: Uint8ArrayRef,
};
const CLAMPEDUINT8_TYPE = {
  name: 'ClampedUint8', bytes: 1, field: '_c8', allowed: 'a number',
  test: (value) => typeof value === 'number',
  store: (value) => value,
  Ref: ClampedUint8Ref, ArrayRef: ClampedUint8ArrayRef,
};
const INT16_TYPE = {
  name: 'Int16', bytes: 2, field: '_i16', allowed: 'an integer from -32768 to 32767',
  test: (value) => typeof value === 'number' && value >= -32768 && value <= 32767 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Int16Ref, ArrayRef: Int16ArrayRef,
};
const UINT16_TYPE = {
  name: 'Uint16', bytes: 2, field: '_u16', allowed: 'an integer from 0 to 65535',
  test: (value) => typeof value === 'number' && value >= 0 && value <= 65535 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Uint16Ref, ArrayRef: Uint16ArrayRef,
};
const INT32_TYPE = {
  name: 'Int32', bytes: 4, field: '_i32', allowed: 'an integer from -2147483648 to 2147483647',
  test: (value) => typeof value === 'number' && value >= -2147483648 && value <= 2147483647 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Int32Ref, ArrayRef: Int32ArrayRef,
};
const UINT32_TYPE = {
  name: 'Uint32', bytes: 4, field: '_u32', allowed: 'an integer from 0 to 4294967295',
  test: (value) => typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Uint32Ref, ArrayRef: Uint32ArrayRef,
};
const BIGINT64_TYPE = {
  name: 'BigInt64', bytes: 8, field: '_i64', allowed: 'a bigint from -(2n ** 63n) to 2n ** 63n - 1n',
  test: (value) => typeof value === 'bigint' && BigInt.asIntN(64, value) === value,
  store: (value) => value,
  Ref: BigInt64Ref, ArrayRef: BigInt64ArrayRef,
};
const BIGUINT64_TYPE = {
  name: 'BigUint64', bytes: 8, field: '_u64', allowed: 'a bigint from 0n to 2n ** 64n - 1n',
  test: (value) => typeof value === 'bigint' && BigInt.asUintN(64, value) === value,
  store: (value) => value,
  Ref: BigUint64Ref, ArrayRef: BigUint64ArrayRef,
};
const FLOAT32_TYPE = {
  name: 'Float32', bytes: 4, field: '_f32', allowed: 'a number',
  test: (value) => typeof value === 'number',
  store: (value) => value,
  Ref: Float32Ref, ArrayRef: Float32ArrayRef,
};
const FLOAT64_TYPE = {
  name: 'Float64', bytes: 8, field: '_f64', allowed: 'a number',
  test: (value) => typeof value === 'number',
  store: (value) => value,
  Ref: Float64Ref, ArrayRef: Float64ArrayRef,
};
const POINTER32_TYPE = {
  name: 'Pointer32', bytes: 4, field: '_u32', allowed: 'an integer from 0 to 4294967295',
  test: (value) => typeof value === 'number' && value >= 0 && value <= 4294967295 && Math.trunc(value) === value,
  store: (value) => value,
  Ref: Pointer32Ref, ArrayRef: Pointer32ArrayRef,
};
const POINTER53_TYPE = {
  name: 'Pointer53', bytes: 8, field: '_u64', allowed: 'an integer from 0 to 9007199254740991',
  test: (value) => Number.isSafeInteger(value) && value >= 0,
  store: (value) => BigInt(value),
  Ref: Pointer53Ref, ArrayRef: Pointer53ArrayRef,
};
const POINTER64_TYPE = {
  name: 'Pointer64', bytes: 8, field: '_u64', allowed: 'a bigint from 0n to 2n ** 64n - 1n',
  test: (value) => typeof value === 'bigint' && BigInt.asUintN(64, value) === value,
  store: (value) => value,
  Ref: Pointer64Ref, ArrayRef: Pointer64ArrayRef,
};

// Class names of wasm-heap-manager 0.5.1.
export { ClampedUint8Ref as Uint8ClampedRef, ClampedUint8ArrayRef as Uint8ClampedArrayRef };
