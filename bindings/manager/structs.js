// Structs, arrays of structs and arrays with a custom element size.
//
// A struct type is declared once from field names and types; fields are
// laid out in declaration order, each at the next multiple of its own size
// (natural alignment), and the struct's size is padded to a multiple of its
// largest alignment, so arrays of it keep every field aligned, as a C
// compiler lays out the same struct for wasm32.

import { describe } from '../errors.js';
import { ArrayRef, HeapRef, ManagerBase, checkCount, countError, freedError } from './core.js';
import { NUMBER_TYPES } from './types.js';

/** Field type name (either spelling) → the row of types.js. */
const FIELD_TYPES = new Map();
for (const type of NUMBER_TYPES) {
  FIELD_TYPES.set(type.name, type);
  if (type.alias !== null) FIELD_TYPES.set(type.alias, type);
}

/** @typedef {{ name: string, type: string | StructType, offset: number, byteSize: number }} StructField */

/**
 * A struct layout: fields with offsets, size and alignment, and the ref
 * class whose instances have one accessor property per field.
 */
export class StructType {
  /** @type {readonly StructField[]} */
  fields;
  /** Bytes of one struct, tail padding included. @type {number} */
  byteSize;
  /** The largest field alignment. @type {number} */
  alignment;
  /** The ref class for this layout. */
  Ref;

  constructor(fields, byteSize, alignment, Ref) {
    this.fields = fields;
    this.byteSize = byteSize;
    this.alignment = alignment;
    this.Ref = Ref;
    Object.freeze(this);
  }

  /** Offset of field `name`. @param {string} name @returns {number} */
  offsetOf(name) {
    const field = this.fields.find((f) => f.name === name);
    if (field === undefined) throw new RangeError(`offsetOf(name): no field ${describe(name)}; fields: ${this.fields.map((f) => f.name).join(', ')}`);
    return field.offset;
  }
}

/**
 * Declares a struct type from field names and types, in order: an object
 * (`{ x: 'Float64', count: 'Uint32' }`) or a list of pairs. A type is a
 * number type name (`Int8` … `Float64`, `Pointer32`, `Pointer53`,
 * `Pointer64`, either spelling of the clamped one) or another struct type.
 * @param {Record<string, string | StructType> | [string, string | StructType][]} fields
 * @returns {StructType}
 * @throws {TypeError} when fields is not an object or a list of pairs
 * @throws {RangeError} when a name repeats, clashes with a ref member, or a type is unknown
 * @example
 * const Point = defineStruct({ x: 'Float64', y: 'Float64', id: 'Uint32' });
 * const p = managerOf(heap).allocStruct(Point, { x: 1, y: 2, id: 7 });
 * p.x += 1;
 */
export function defineStruct(fields) {
  const call = 'defineStruct(fields)';
  let pairs;
  if (Array.isArray(fields)) pairs = fields;
  else if (typeof fields === 'object' && fields !== null) pairs = Object.entries(fields);
  else throw new TypeError(`${call}: fields must be an object or a list of [name, type] pairs, got ${describe(fields)}`);
  if (pairs.length === 0) throw new RangeError(`${call}: a struct needs at least one field`);
  const layout = [];
  let offset = 0;
  let alignment = 1;
  for (const pair of pairs) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') {
      throw new TypeError(`${call}: each field must be a [name, type] pair, got ${describe(pair)}`);
    }
    const [name, type] = pair;
    if (layout.some((field) => field.name === name)) throw new RangeError(`${call}: field ${JSON.stringify(name)} appears twice`);
    if (name in StructRef.prototype || name.startsWith('_')) {
      throw new RangeError(`${call}: field name ${JSON.stringify(name)} is taken by the ref itself`);
    }
    let byteSize;
    let align;
    let kind;
    if (type instanceof StructType) {
      [byteSize, align, kind] = [type.byteSize, type.alignment, type];
    } else if (FIELD_TYPES.has(type)) {
      const row = FIELD_TYPES.get(type);
      [byteSize, align, kind] = [row.bytes, row.bytes, row.name];
    } else {
      const known = [...FIELD_TYPES.keys()].join(', ');
      const message = `${call}: field ${JSON.stringify(name)} has type ${describe(type)}; expected a struct type or one of ${known}`;
      throw typeof type === 'string' ? new RangeError(message) : new TypeError(message);
    }
    offset = Math.ceil(offset / align) * align;
    layout.push(Object.freeze({ name, type: kind, offset, byteSize }));
    offset += byteSize;
    alignment = Math.max(alignment, align);
  }
  const byteSize = Math.ceil(offset / alignment) * alignment;

  class Ref extends StructRef {}
  Object.defineProperty(Ref, 'name', { value: 'StructRef' });
  for (const field of layout) Object.defineProperty(Ref.prototype, field.name, accessor(field));
  const type = new StructType(Object.freeze(layout), byteSize, alignment, Ref);
  Ref.prototype._type = type;
  return type;
}

/** The property descriptor of one field. */
function accessor({ name, type, offset }) {
  if (type instanceof StructType) {
    return {
      get() {
        this._live(name);
        return new type.Ref(this._manager, this._address + offset, this);
      },
      set(value) {
        this._live(name);
        new type.Ref(this._manager, this._address + offset, this).write(value);
      },
      enumerable: true,
    };
  }
  const read = `read${type}`;
  const write = `write${type}`;
  return {
    get() {
      this._live(name);
      return this._manager[read](this._address + offset);
    },
    set(value) {
      this._live(name);
      this._manager[write](this._address + offset, value);
    },
    enumerable: true,
  };
}

/**
 * A ref to one struct. Each field is an accessor property of the ref
 * (`ref.x`); `read()` and `write(object)` move all of them at once. A ref
 * to a nested struct or an array element is a part of its parent: it dies
 * with it and cannot be freed alone.
 */
export class StructRef extends HeapRef {
  /** The ref this one is part of, or null. */
  _parent = null;

  constructor(manager, address, parent = null) {
    super(manager, address);
    this._parent = parent;
  }

  /** Throws if this ref (or what it is part of) was freed. */
  _live(call) {
    if (this._freed || (this._parent !== null && this._parent._freed)) {
      throw freedError(this._freed ? this : this._parent, `StructRef.${call}`);
    }
  }

  /** The struct type. @type {StructType} */
  get structType() {
    return this._type;
  }

  /** @type {number} */
  get allocatedByteSize() {
    return this._type.byteSize;
  }

  /** Every field, as a plain object (nested structs as nested objects). @returns {Record<string, unknown>} */
  read() {
    this._live('read()');
    const object = {};
    for (const { name } of this._type.fields) {
      const value = this[name];
      object[name] = value instanceof StructRef ? value.read() : value;
    }
    return object;
  }

  /**
   * Writes the fields `object` has; the others keep their values. Either
   * every field is written or, on a bad value, none is.
   * @param {Record<string, unknown>} object
   * @returns {this}
   */
  write(object) {
    this._live('write(object)');
    if (typeof object !== 'object' || object === null) {
      throw new TypeError(`StructRef.write(object): expected an object, got ${describe(object)}`);
    }
    for (const key of Object.keys(object)) {
      if (!this._type.fields.some((field) => field.name === key)) {
        throw new RangeError(`StructRef.write(object): no field ${JSON.stringify(key)}; fields: ${this._type.fields.map((f) => f.name).join(', ')}`);
      }
    }
    const bytes = this._manager.viewUint8Array(this._address, this._type.byteSize);
    const before = bytes.slice();
    try {
      for (const { name } of this._type.fields) if (Object.hasOwn(object, name)) this[name] = object[name];
    } catch (error) {
      this._manager.viewUint8Array(this._address, this._type.byteSize).set(before);
      throw error;
    }
    return this;
  }

  /** All fields: read as a plain object, or written from one. */
  get value() {
    return this.read();
  }

  set value(object) {
    this.write(object);
  }

  /** Frees the struct; a part of another ref cannot be freed alone. */
  free() {
    if (this._parent !== null) {
      throw new TypeError('StructRef.free(): this struct is part of another ref; free that one');
    }
    super.free();
  }
}

/** A ref to an array of structs of one type. */
export class StructArrayRef extends ArrayRef {
  /** @type {StructType} */
  _type;

  constructor(manager, address, count, type) {
    super(manager, address, count);
    this._type = type;
  }

  /** The element type. @type {StructType} */
  get structType() {
    return this._type;
  }

  /** @type {number} */
  get bytesPerElement() {
    return this._type.byteSize;
  }

  /** A ref to element `index`, part of this array. @param {number} index @returns {StructRef} */
  at(index) {
    if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('StructArrayRef.at(index)', index);
    return new this._type.Ref(this._manager, this._address + index * this._type.byteSize, this);
  }

  /** Element `index` as a plain object. @param {number} index */
  readAt(index) {
    return this.at(index).read();
  }

  /** Writes the fields of `object` into element `index`. @param {number} index @param {object} object @returns {this} */
  writeAt(index, object) {
    this.at(index).write(object);
    return this;
  }
}

/** A ref to an array of elements of any byte size, each seen as bytes. */
export class CustomArrayRef extends ArrayRef {
  _bytes = 1;

  constructor(manager, address, count, bytes) {
    super(manager, address, count);
    this._bytes = bytes;
  }

  /** @type {number} */
  get bytesPerElement() {
    return this._bytes;
  }

  /** A Uint8Array over the whole array; for immediate use only. @type {Uint8Array} */
  get view() {
    if (this._freed) throw freedError(this, 'CustomArrayRef.view');
    return this._manager.viewUint8Array(this._address, this._count * this._bytes);
  }

  /** A Uint8Array over element `index`; for immediate use only. @param {number} index @returns {Uint8Array} */
  viewAt(index) {
    if (this._freed || !(index >>> 0 === index && index < this._count)) throw this._indexError('CustomArrayRef.viewAt(index)', index);
    return this._manager.viewUint8Array(this._address + index * this._bytes, this._bytes);
  }

  /** A copy of element `index`'s bytes. @param {number} index @returns {Uint8Array} */
  readAt(index) {
    return this.viewAt(index).slice();
  }

  /**
   * Writes `bytes` (exactly `bytesPerElement` of them) into element `index`.
   * @param {number} index
   * @param {ArrayLike<number>} bytes
   * @returns {this}
   */
  writeAt(index, bytes) {
    const target = this.viewAt(index);
    if (typeof bytes !== 'object' || bytes === null || typeof bytes.length !== 'number') {
      throw new TypeError(`CustomArrayRef.writeAt(index, bytes): bytes must be an array of bytes, got ${describe(bytes)}`);
    }
    if (bytes.length !== this._bytes) {
      throw new RangeError(`CustomArrayRef.writeAt(index, bytes): expected ${this._bytes} bytes, got ${bytes.length}`);
    }
    for (let i = 0; i < bytes.length; i++) {
      if ((bytes[i] & 0xff) !== bytes[i]) {
        throw new RangeError(`CustomArrayRef.writeAt(index, bytes): byte ${i} must be an integer from 0 to 255, got ${describe(bytes[i])}`);
      }
    }
    target.set(bytes);
    return this;
  }
}

function checkStructType(call, type) {
  if (!(type instanceof StructType)) throw new TypeError(`${call}: type must be a struct type from defineStruct, got ${describe(type)}`);
}

/** The manager's struct and custom-array methods; the generated HeapManager extends it. */
export class StructManager extends ManagerBase {
  /**
   * Allocates a struct, zeroed (or as the options say), with `initial` fields written.
   * @param {StructType} type
   * @param {Record<string, unknown>} [initial]
   * @returns {StructRef}
   */
  allocStruct(type, initial) {
    const call = 'allocStruct(type, initial)';
    checkStructType(call, type);
    const ref = this._own(call, new type.Ref(this, -1), type.byteSize);
    if (initial !== undefined) {
      try {
        ref.write(initial);
      } catch (error) {
        ref.free();
        throw error;
      }
    }
    return ref;
  }

  /**
   * A ref to the struct at `address` (a multiple of the type's alignment).
   * @param {StructType} type
   * @param {number} address
   * @returns {StructRef}
   */
  wrapStruct(type, address) {
    const call = 'wrapStruct(type, address)';
    checkStructType(call, type);
    this._range(call, address, 1, type.alignment);
    if (address + type.byteSize > this._u8.length) this._range(call, address, type.byteSize / type.alignment, type.alignment);
    return new type.Ref(this, address);
  }

  /**
   * Allocates an array of `count` structs, or of one per object in `elements`, written.
   * @param {StructType} type
   * @param {number | ArrayLike<Record<string, unknown>>} countOrElements
   * @returns {StructArrayRef}
   */
  allocStructArray(type, countOrElements) {
    const call = 'allocStructArray(type, countOrElements)';
    checkStructType(call, type);
    const elements = typeof countOrElements === 'number' ? null : countOrElements;
    const count = elements === null ? countOrElements : elements?.length;
    checkCount(call, elements === null ? 'countOrElements' : 'elements.length', count);
    const ref = this._own(call, new StructArrayRef(this, -1, count, type), count * type.byteSize);
    if (elements !== null) {
      try {
        for (let i = 0; i < count; i++) ref.writeAt(i, elements[i]);
      } catch (error) {
        ref.free();
        throw error;
      }
    }
    return ref;
  }

  /**
   * A ref to the array of `count` structs at `address`.
   * @param {StructType} type
   * @param {number} address
   * @param {number} count
   * @returns {StructArrayRef}
   */
  wrapStructArray(type, address, count) {
    const call = 'wrapStructArray(type, address, count)';
    checkStructType(call, type);
    checkCount(call, 'count', count);
    this._range(call, address, (count * type.byteSize) / type.alignment, type.alignment);
    return new StructArrayRef(this, address, count, type);
  }

  /**
   * Allocates `elementCount` elements of `bytesPerElement` bytes each.
   * @param {number} elementCount
   * @param {number} bytesPerElement an integer from 1
   * @returns {CustomArrayRef}
   */
  allocCustomArray(elementCount, bytesPerElement) {
    const call = 'allocCustomArray(elementCount, bytesPerElement)';
    checkCount(call, 'elementCount', elementCount);
    if (!(Number.isSafeInteger(bytesPerElement) && bytesPerElement >= 1)) {
      throw countError(call, 'bytesPerElement', 1, Number.MAX_SAFE_INTEGER, bytesPerElement);
    }
    return this._own(call, new CustomArrayRef(this, -1, elementCount, bytesPerElement), elementCount * bytesPerElement);
  }

  /**
   * A ref to `elementCount` elements of `bytesPerElement` bytes at `address`.
   * @param {number} address
   * @param {number} elementCount
   * @param {number} bytesPerElement
   * @returns {CustomArrayRef}
   */
  wrapCustomArray(address, elementCount, bytesPerElement) {
    const call = 'wrapCustomArray(address, elementCount, bytesPerElement)';
    checkCount(call, 'elementCount', elementCount);
    if (!(Number.isSafeInteger(bytesPerElement) && bytesPerElement >= 1)) {
      throw countError(call, 'bytesPerElement', 1, Number.MAX_SAFE_INTEGER, bytesPerElement);
    }
    this._range(call, address, elementCount * bytesPerElement, 1);
    return new CustomArrayRef(this, address, elementCount, bytesPerElement);
  }
}
