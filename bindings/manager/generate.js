// Writes manager.generated.js and manager.generated.d.ts from the rows of
// types.js: every per-type method of the manager, every ref class, their
// release-name aliases and their typings. Run `node bindings/manager/generate.js`
// after changing types.js; a test fails when the files differ from what this
// renders.
//
// It writes source, not closures made in a loop: V8 shares type feedback
// among closures of one function literal, and per-type code reads about
// twice as fast.

import { NUMBER_TYPES, STRING_TYPES, VALUE_CHECKS, VIEW_FIELDS, WIDE_TYPES } from './types.js';

const HEADER = '// Generated from types.js. Do not edit.';

const isBig = (type) => type.check === 'bigint64' || type.check === 'biguint64';
const valueType = (type) => (isBig(type) ? 'bigint' : 'number');
const isPointer = (type) => type.name.startsWith('Pointer');

/**
 * The fast path's test of `address`, before it probes
 * `view[address / bytes]`. For a number, the probe is undefined exactly
 * when the address is negative, fractional, misaligned or past the end, or
 * the buffer was detached, and a miss falls through to `_index`, which says
 * what was wrong. The `typeof` comes first so that no other kind of address
 * is converted. V8 folds the typeof, the division and the probe of an
 * in-bounds access into the checks the access needs anyway.
 *
 * One kind of bad address would hit: a subnormal one like 5e-324, whose
 * quotient rounds to 0. So types wider than a byte also require an integer,
 * tested as `Math.trunc(address) === address`. Where V8 knows the address
 * is an integer, as in a loop that computes addresses, it drops that test
 * before it optimizes loops, whereas `index !== 0 || address === 0` or
 * `Number.isInteger(address)` stay a branch out of the caller's loop until
 * later. V8 peels a loop without such a branch: it splits off the first
 * iteration, and the checks that stay true from one iteration to the next
 * (that the loop's arguments are small integers or objects, say) run there
 * instead of in every iteration.
 */
function isAddress(bytes) {
  return `typeof address === 'number'${bytes > 1 ? ' && Math.trunc(address) === address' : ''}`;
}

/** The element index of `address`, through `_index` when the fast path's test or probe fails. */
function indexOf(call, bytes, field) {
  return [
    `const index = ${isAddress(bytes)} && this.${field}[address / ${bytes}] !== undefined ? address / ${bytes} : this._index('${call}', address, ${bytes});`,
  ];
}

/** A value read from storage, converted for the type. */
function load(type, call, raw) {
  return type.convert === 'pointer53' ? `toPointer53('${call}', ${raw})` : raw;
}

/** A value converted for storage. */
function store(type, value) {
  return type.convert === 'pointer53' ? `BigInt(${value})` : value;
}

/** The module constant describing `type` (see `descriptor`). */
const constant = (type) => `${type.name.toUpperCase()}_TYPE`;

function valueCheck(type, call) {
  return `if (!(${VALUE_CHECKS[type.check].test})) throw valueError('${call}', ${constant(type)}, value);`;
}

/**
 * A type's descriptor, for the methods shared by all types (alloc, wrap,
 * views, arrays: none of them a per-access hot path): its size, view,
 * value test, conversion for storage and ref classes.
 */
function descriptor(type) {
  const { test, allowed } = VALUE_CHECKS[type.check];
  return [
    `const ${constant(type)} = {`,
    `  name: '${type.name}', bytes: ${type.bytes}, field: '${VIEW_FIELDS[type.view]}', allowed: '${allowed}',`,
    `  test: (value) => ${test},`,
    `  store: (value) => ${store(type, 'value')},`,
    `  Ref: ${type.name}Ref, ArrayRef: ${type.name}ArrayRef,`,
    '};',
  ];
}

function method(signature, lines) {
  return [`  ${signature} {`, ...lines.map((line) => `    ${line}`), '  }'];
}

// ---------------------------------------------------------------------------
// The manager's per-type methods.

function numberMethods(type) {
  const { name, bytes } = type;
  const field = VIEW_FIELDS[type.view];
  const out = [];

  let call = `read${name}(address)`;
  out.push(...method(`read${name}(address)`, [
    `if (${isAddress(bytes)}) {`,
    `  const value = this.${field}[address / ${bytes}];`,
    `  if (value !== undefined) return ${load(type, call, 'value')};`,
    '}',
    `const index = this._index('${call}', address, ${bytes});`,
    `return ${load(type, call, `this.${field}[index]`)};`,
  ]));

  // The value test picks the index to probe rather than guarding a throw:
  // a bad value probes element -1, which misses like a bad address, and the
  // checked path after the fast one tests the value again and throws. So
  // where V8 cannot drop the test (a bigint's range, or an Int8 value it
  // knows only to be an int32), the inlined write still has no branch out
  // of the caller's loop (see isAddress).
  call = `write${name}(address, value)`;
  out.push(...method(`write${name}(address, value)`, [
    `if (${isAddress(bytes)}) {`,
    `  const index = ${VALUE_CHECKS[type.check].test} ? address / ${bytes} : -1;`,
    `  if (this.${field}[index] !== undefined) {`,
    `    this.${field}[index] = ${store(type, 'value')};`,
    '    return;',
    '  }',
    '}',
    valueCheck(type, call),
    `const index = this._index('${call}', address, ${bytes});`,
    `this.${field}[index] = ${store(type, 'value')};`,
  ]));

  call = `read${name}Atomic(address)`;
  let atomicRead;
  if (type.atomic === 'native') atomicRead = [`return ${load(type, call, `Atomics.load(this.${field}, index)`)};`];
  else if (type.atomic === 'clamp') atomicRead = ['return Atomics.load(this._u8, index);'];
  else if (type.atomic === 'bits32') atomicRead = ['BITS32[0] = Atomics.load(this._u32, index);', 'return FLOAT32[0];'];
  else atomicRead = ['BITS64[0] = Atomics.load(this._u64, index);', 'return FLOAT64[0];'];
  out.push(...method(`read${name}Atomic(address)`, [...indexOf(call, bytes, field), ...atomicRead]));

  call = `write${name}Atomic(address, value)`;
  let atomicWrite;
  if (type.atomic === 'native') atomicWrite = [`Atomics.store(this.${field}, index, ${store(type, 'value')});`];
  else if (type.atomic === 'clamp') atomicWrite = ['CLAMPED[0] = value;', 'Atomics.store(this._u8, index, CLAMPED[0]);'];
  else if (type.atomic === 'bits32') atomicWrite = ['FLOAT32[0] = value;', 'Atomics.store(this._u32, index, BITS32[0]);'];
  else atomicWrite = ['FLOAT64[0] = value;', 'Atomics.store(this._u64, index, BITS64[0]);'];
  out.push(...method(`write${name}Atomic(address, value)`, [
    ...indexOf(call, bytes, field),
    valueCheck(type, call),
    ...atomicWrite,
  ]));

  const c = constant(type);
  const shared = [
    [`alloc${name}(initialValue)`, `_alloc('alloc${name}(initialValue)', ${c}, initialValue)`],
    [`wrap${name}(address)`, `_wrap('wrap${name}(address)', ${c}, address)`],
    [`view${name}Array(address, elementCount)`, `_view('view${name}Array(address, elementCount)', ${c}, address, elementCount)`],
    [`alloc${name}Array(countOrElements)`, `_allocArray('alloc${name}Array(countOrElements)', ${c}, countOrElements)`],
    [`wrap${name}Array(address, elementCount)`, `_wrapArray('wrap${name}Array(address, elementCount)', ${c}, address, elementCount)`],
  ];
  for (const [signature, body] of shared) out.push(`  ${signature} { return this.${body}; }`);
  return out;
}

function wideMethods(type) {
  const { name, words } = type;
  const bits = words * 64;
  const out = [];
  let call = `read${name}(address)`;
  const parts = Array.from({ length: words }, (_, i) => (i === 0 ? 'view[index]' : `(view[index + ${i}] << ${i * 64}n)`));
  out.push(...method(`read${name}(address)`, [
    `const index = this._range('${call}', address, ${words}, 8);`,
    'const view = this._u64;',
    `return ${parts.join(' | ')};`,
  ]));
  call = `write${name}(address, value)`;
  out.push(...method(`write${name}(address, value)`, [
    `const index = this._range('${call}', address, ${words}, 8);`,
    `if (!(typeof value === 'bigint' && BigInt.asUintN(${bits}, value) === value)) throw valueError('${call}', { name: '${name}', allowed: 'a bigint from 0n to 2n ** ${bits}n - 1n' }, value);`,
    'const view = this._u64;',
    ...Array.from({ length: words }, (_, i) => `view[index + ${i}] = BigInt.asUintN(64, value${i === 0 ? '' : ` >> ${i * 64}n`});`),
  ]));
  return out;
}

function stringMethods(type) {
  const { name, codec } = type;
  const ref = `NullTerminated${name}StringRef`;
  const out = [];
  let call = `readNullTerminated${name}String(address, maxElementCount)`;
  out.push(...method(`readNullTerminated${name}String(address, maxElementCount)`, [
    `return readString(this, '${call}', CODECS.${codec}, address, maxElementCount);`,
  ]));
  call = `writeNullTerminated${name}String(address, value, elementCapacity)`;
  out.push(...method(`writeNullTerminated${name}String(address, value, elementCapacity)`, [
    `return writeString(this, '${call}', CODECS.${codec}, address, value, elementCapacity);`,
  ]));
  call = `allocNullTerminated${name}String(valueOrElementCount)`;
  out.push(...method(`allocNullTerminated${name}String(valueOrElementCount)`, [
    `return allocString(this, '${call}', CODECS.${codec}, new ${ref}(this, -1, 0), valueOrElementCount);`,
  ]));
  call = `wrapNullTerminated${name}String(address, maxElementCount)`;
  out.push(...method(`wrapNullTerminated${name}String(address, maxElementCount)`, [
    `const length = stringLength(this, '${call}', CODECS.${codec}, address, maxElementCount);`,
    `return new ${ref}(this, address, maxElementCount ?? length + 1);`,
  ]));
  return out;
}

// ---------------------------------------------------------------------------
// Ref classes.

function liveCheckOf(className, member) {
  return `if (this._freed) throw freedError(this, '${className}.${member}');`;
}

function valueRefClass(type) {
  const { name, bytes } = type;
  const liveCheck = (member) => liveCheckOf(`${name}Ref`, member);
  return [
    `/** A ref to one ${name} on the heap. */`,
    `export class ${name}Ref extends HeapRef {`,
    `  /** @type {${bytes}} */`,
    `  get allocatedByteSize() { return ${bytes}; }`,
    `  /** @type {${valueType(type)}} */`,
    `  get value() { ${liveCheck('value')} return this._manager.read${name}(this._address); }`,
    `  set value(value) { ${liveCheck('value')} this._manager.write${name}(this._address, value); }`,
    `  /** @returns {${valueType(type)}} */`,
    `  read() { ${liveCheck('read()')} return this._manager.read${name}(this._address); }`,
    `  /** @param {${valueType(type)}} value @returns {this} */`,
    `  write(value) { ${liveCheck('write(value)')} this._manager.write${name}(this._address, value); return this; }`,
    `  /** @returns {${valueType(type)}} */`,
    `  readAtomic() { ${liveCheck('readAtomic()')} return this._manager.read${name}Atomic(this._address); }`,
    `  /** @param {${valueType(type)}} value @returns {this} */`,
    `  writeAtomic(value) { ${liveCheck('writeAtomic(value)')} this._manager.write${name}Atomic(this._address, value); return this; }`,
    '}',
  ];
}

function arrayRefClass(type) {
  const { name, bytes } = type;
  const liveCheck = (member) => liveCheckOf(`${name}ArrayRef`, member);
  const inRange = '(index >>> 0 === index && index < this._count)';
  const at = (verb, args) =>
    `if (this._freed || !${inRange}) throw this._indexError('${name}ArrayRef.${verb}(${args})', index);`;
  return [
    `/** A ref to an array of ${name}. */`,
    `export class ${name}ArrayRef extends ${isPointer(type) ? 'PointerArrayRef' : 'ArrayRef'} {`,
    `  /** @type {${bytes}} */`,
    `  get bytesPerElement() { return ${bytes}; }`,
    `  /** The elements as a ${type.view}; for immediate use only (a resize replaces the buffer). @type {${type.view}} */`,
    `  get view() { ${liveCheck('view')} return this._manager.view${name}Array(this._address, this._count); }`,
    `  /** @param {number} index @returns {${valueType(type)}} */`,
    `  readAt(index) { ${at('readAt', 'index')} return this._manager.read${name}(this._address + index * ${bytes}); }`,
    `  /** @param {number} index @param {${valueType(type)}} value @returns {this} */`,
    `  writeAt(index, value) { ${at('writeAt', 'index, value')} this._manager.write${name}(this._address + index * ${bytes}, value); return this; }`,
    `  /** @param {number} index @returns {${valueType(type)}} */`,
    `  readAtomicAt(index) { ${at('readAtomicAt', 'index')} return this._manager.read${name}Atomic(this._address + index * ${bytes}); }`,
    `  /** @param {number} index @param {${valueType(type)}} value @returns {this} */`,
    `  writeAtomicAt(index, value) { ${at('writeAtomicAt', 'index, value')} this._manager.write${name}Atomic(this._address + index * ${bytes}, value); return this; }`,
    '}',
  ];
}

function stringRefClass(type) {
  const { name, bytes, codec } = type;
  const view = `view${type.view.replace('Array', '')}Array`;
  const ref = `NullTerminated${name}StringRef`;
  const liveCheck = (member) => liveCheckOf(ref, member);
  return [
    `/** A ref to a null-terminated ${name} string. */`,
    `export class ${ref} extends StringRef {`,
    `  /** @type {${bytes}} */`,
    `  get bytesPerElement() { return ${bytes}; }`,
    `  /** @returns {string} */`,
    `  read() { ${liveCheck('read()')} return this._manager.readNullTerminated${name}String(this._address, this._count); }`,
    `  /** @param {string} value @returns {this} */`,
    `  write(value) { ${liveCheck('write(value)')} this._manager.writeNullTerminated${name}String(this._address, value, this._count); return this; }`,
    '  /** Elements before the terminator (a scan for it). @type {number} */',
    `  get encodedElementCount() { ${liveCheck('encodedElementCount')} return stringLength(this._manager, '${ref}.encodedElementCount', CODECS.${codec}, this._address, this._count); }`,
    `  /** The encoded elements, terminator excluded. @type {${type.view}} */`,
    `  get encodedElementsView() { ${liveCheck('encodedElementsView')} return this._manager.${view}(this._address, this.encodedElementCount); }`,
    `  /** Every element of the region. @type {${type.view}} */`,
    `  get allocatedElementsView() { ${liveCheck('allocatedElementsView')} return this._manager.${view}(this._address, this._count); }`,
    '}',
  ];
}

// ---------------------------------------------------------------------------
// The files.

/** Method names of the number types that read or write through a cached view without polling. */
function fastMethods() {
  return NUMBER_TYPES.flatMap(({ name }) => [
    [`read${name}`, 'address'], [`write${name}`, 'address, value'],
    [`read${name}Atomic`, 'address'], [`write${name}Atomic`, 'address, value'],
  ]);
}

/** Pairs [release name, document name] of manager methods and exported classes. */
function aliases() {
  const methods = [];
  const classes = [];
  for (const type of NUMBER_TYPES) {
    if (type.alias === null) continue;
    const [a, n] = [type.alias, type.name];
    methods.push(
      [`read${a}`, `read${n}`], [`write${a}`, `write${n}`], [`read${a}Atomic`, `read${n}Atomic`],
      [`write${a}Atomic`, `write${n}Atomic`], [`alloc${a}`, `alloc${n}`], [`wrap${a}`, `wrap${n}`],
      [`view${a}Array`, `view${n}Array`], [`alloc${a}Array`, `alloc${n}Array`], [`wrap${a}Array`, `wrap${n}Array`],
    );
    classes.push([`${a}Ref`, `${n}Ref`], [`${a}ArrayRef`, `${n}ArrayRef`]);
  }
  for (const type of WIDE_TYPES) methods.push([`read${type.alias}`, `read${type.name}`], [`write${type.alias}`, `write${type.name}`]);
  return { methods, classes };
}

function renderJs() {
  const { methods, classes } = aliases();
  const lines = [
    HEADER,
    '// The per-type half of the heap manager: reads, writes, atomics, views,',
    '// alloc and wrap for every row of types.js, the ref classes, and the',
    '// names wasm-heap-manager 0.5.1 uses for some of them.',
    '',
    "import { ArrayRef, HeapRef, PointerArrayRef, StringRef, freedError, valueError } from './core.js';",
    "import { StructManager } from './structs.js';",
    "import { CODECS, allocString, readString, stringLength, writeString } from './strings.js';",
    '',
    '// Scratch for atomics polyfilled through integer views.',
    'const FLOAT32 = new Float32Array(1);',
    'const BITS32 = new Uint32Array(FLOAT32.buffer);',
    'const FLOAT64 = new Float64Array(1);',
    'const BITS64 = new BigUint64Array(FLOAT64.buffer);',
    'const CLAMPED = new Uint8ClampedArray(1);',
    'const MAX_POINTER53 = BigInt(Number.MAX_SAFE_INTEGER);',
    '',
    '/** A stored 64-bit pointer as a number, if it is a safe integer. */',
    'function toPointer53(call, raw) {',
    '  if (raw > MAX_POINTER53) throw new RangeError(`${call}: the stored pointer ${raw} is above 2^53 - 1`);',
    '  return Number(raw);',
    '}',
    '',
    '/**',
    ' * A typed heap manager. Create one with createWasmHeapManager,',
    ' * wrapEmscriptenModuleHeap, createHeapManager or managerOf.',
    ' */',
    'export class HeapManager extends StructManager {',
  ];
  const body = [];
  for (const type of NUMBER_TYPES) body.push(`  // ${type.name}`, ...numberMethods(type), '');
  for (const type of WIDE_TYPES) body.push(`  // ${type.name}`, ...wideMethods(type), '');
  for (const type of STRING_TYPES) body.push(`  // Null-terminated ${type.name}`, ...stringMethods(type), '');
  body.pop();
  lines.push(...body, '}', '');
  lines.push('// Names of wasm-heap-manager 0.5.1.');
  for (const [alias, name] of methods) lines.push(`HeapManager.prototype.${alias} = HeapManager.prototype.${name};`);
  lines.push(
    '',
    '/** A manager with `pollingMode: "always"`: every access asks for the latest heap first. */',
    'export class PollingHeapManager extends HeapManager {',
    ...fastMethods().map(([name, params]) => `  ${name}(${params}) { this._poll(); return super.${name}(${params}); }`),
    '}',
    '',

  );
  for (const type of NUMBER_TYPES) lines.push(...valueRefClass(type), '', ...arrayRefClass(type), '');
  for (const type of STRING_TYPES) lines.push(...stringRefClass(type), '');
  lines.push('// Descriptors of the number types, for the methods shared by all of them.');
  for (const type of NUMBER_TYPES) lines.push(...descriptor(type));
  lines.push('');
  lines.push('// Class names of wasm-heap-manager 0.5.1.');
  lines.push(`export { ${classes.map(([alias, name]) => `${name} as ${alias}`).join(', ')} };`, '');
  return lines.join('\n');
}

function renderDts() {
  const { methods, classes } = aliases();
  const lines = [
    HEADER,
    '// Typings of the per-type half of the heap manager (manager.generated.js).',
    '',
    "import type { ArrayRef, HeapRef, PointerArrayRef, StringRef } from './index.js';",
    '',
    '/** Per-type methods of a heap manager. Addresses are bytes; an N-byte type needs an address that is a multiple of N. */',
    'export interface HeapManagerMethods {',
  ];
  const signatures = new Map();
  for (const type of NUMBER_TYPES) {
    const { name, bytes } = type;
    const v = valueType(type);
    const view = type.view;
    const entries = [
      [`read${name}`, `/** Reads the ${name} at \`address\` (a multiple of ${bytes}). */`, `(address: number): ${v};`],
      [`write${name}`, `/** Writes one ${name} at \`address\`. @throws {RangeError} when the value is out of the type's range */`, `(address: number, value: ${v}): void;`],
      [`read${name}Atomic`, `/** Reads the ${name} at \`address\` atomically. */`, `(address: number): ${v};`],
      [`write${name}Atomic`, `/** Writes one ${name} at \`address\` atomically. */`, `(address: number, value: ${v}): void;`],
      [`alloc${name}`, `/** Allocates one ${name}, optionally initialized. */`, `(initialValue?: ${v}): ${name}Ref;`],
      [`wrap${name}`, `/** A ref to the ${name} at \`address\`. */`, `(address: number): ${name}Ref;`],
      [`view${name}Array`, `/** A view (${view}) of \`elementCount\` elements at \`address\`; for immediate use only. */`, `(address: number, elementCount: number): ${view};`],
      [`alloc${name}Array`, `/** Allocates an array of ${name}: \`elementCount\` zeroed elements, or a copy of \`elements\`. */`, `(countOrElements: number | ArrayLike<${v}>): ${name}ArrayRef;`],
      [`wrap${name}Array`, `/** A ref to the ${name} array at \`address\`. */`, `(address: number, elementCount: number): ${name}ArrayRef;`],
    ];
    for (const [method, doc, signature] of entries) signatures.set(method, [doc, signature]);
  }
  for (const type of WIDE_TYPES) {
    const bits = type.words * 64;
    signatures.set(`read${type.name}`, [`/** Reads a ${bits}-bit unsigned little-endian integer (8-byte aligned). */`, '(address: number): bigint;']);
    signatures.set(`write${type.name}`, [`/** Writes a ${bits}-bit unsigned little-endian integer. */`, '(address: number, value: bigint): void;']);
  }
  for (const type of STRING_TYPES) {
    const n = `NullTerminated${type.name}String`;
    signatures.set(`read${n}`, [`/** Reads the null-terminated ${type.name} string at \`address\`, scanning at most \`maxElementCount\` elements. */`, '(address: number, maxElementCount?: number): string;']);
    signatures.set(`write${n}`, [`/** Writes \`value\` and a terminator in at most \`elementCapacity\` elements; returns the elements written before the terminator. */`, '(address: number, value: string, elementCapacity?: number): number;']);
    signatures.set(`alloc${n}`, [`/** Allocates room for \`elementCount\` elements and a terminator, or exactly for \`value\` (written). */`, `(valueOrElementCount: string | number): ${n}Ref;`]);
    signatures.set(`wrap${n}`, [`/** A ref to the ${type.name} string at \`address\` in \`maxElementCount\` elements (found by its terminator when absent). */`, `(address: number, maxElementCount?: number): ${n}Ref;`]);
  }
  for (const [alias, name] of methods) signatures.set(alias, [`/** Release name of \`${name}\`. */`, signatures.get(name)[1]]);
  for (const [method, [doc, signature]] of signatures) lines.push(`  ${doc}`, `  ${method}${signature}`);
  lines.push('}', '');
  for (const type of NUMBER_TYPES) {
    const { name, bytes } = type;
    const v = valueType(type);
    lines.push(
      `/** A ref to one ${name}. */`,
      `export declare class ${name}Ref extends HeapRef {`,
      `  readonly allocatedByteSize: ${bytes};`,
      `  value: ${v};`,
      `  read(): ${v};`,
      `  write(value: ${v}): this;`,
      `  readAtomic(): ${v};`,
      `  writeAtomic(value: ${v}): this;`,
      '}',
      `/** A ref to an array of ${name}. */`,
      `export declare class ${name}ArrayRef extends ${isPointer(type) ? 'PointerArrayRef' : 'ArrayRef'} {`,
      `  readonly bytesPerElement: ${bytes};`,
      `  readonly view: ${type.view};`,
      `  readAt(index: number): ${v};`,
      `  writeAt(index: number, value: ${v}): this;`,
      `  readAtomicAt(index: number): ${v};`,
      `  writeAtomicAt(index: number, value: ${v}): this;`,
      '}',
    );
  }
  for (const type of STRING_TYPES) {
    lines.push(
      `/** A ref to a null-terminated ${type.name} string. */`,
      `export declare class NullTerminated${type.name}StringRef extends StringRef {`,
      `  readonly bytesPerElement: ${type.bytes};`,
      `  readonly encodedElementsView: ${type.view};`,
      `  readonly allocatedElementsView: ${type.view};`,
      '}',
    );
  }
  lines.push(`export { ${classes.map(([alias, name]) => `${name} as ${alias}`).join(', ')} };`, '');
  return lines.join('\n');
}

/** The generated files: path relative to this directory → content. */
export function render() {
  return {
    'manager.generated.js': renderJs(),
    'manager.generated.d.ts': renderDts(),
  };
}

if (typeof process === 'object' && import.meta.url === new URL(process.argv[1], 'file:').href) {
  const { writeFileSync } = await import('node:fs');
  for (const [path, content] of Object.entries(render())) writeFileSync(new URL(path, import.meta.url), content);
}
