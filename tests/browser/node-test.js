// node:test for the browser: the part of its API the tests use (test/it,
// describe/suite, hooks, subtests, skip and todo). Importing a test file
// only registers its tests; `runRegistered()` then runs them in order, one
// at a time, as Node runs a file's tests, and returns one result per test.

/** @typedef {{ name: string, status: 'pass' | 'fail' | 'skip' | 'todo', error?: string, ms: number }} Result */

class Suite {
  /** @param {string} name @param {Suite | undefined} parent @param {object} options */
  constructor(name, parent, options = {}) {
    this.name = name;
    this.parent = parent;
    this.options = options;
    /** @type {Array<{ kind: 'test', name: string, options: object, fn: Function } | { kind: 'suite', suite: Suite }>} */
    this.children = [];
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
  }

  path() {
    return this.parent === undefined ? [] : [...this.parent.path(), this.name];
  }
}

const root = new Suite('', undefined);
let current = root;
/** @type {Result[]} */
const results = [];

/** node:test accepts (name, options, fn), (name, fn), (options, fn) and (fn). */
function parseArgs(args) {
  let name;
  let options = {};
  let fn;
  for (const arg of args) {
    if (typeof arg === 'string') name = arg;
    else if (typeof arg === 'function') fn = arg;
    else if (typeof arg === 'object' && arg !== null) options = arg;
  }
  return { name: name ?? fn?.name ?? '<anonymous>', options, fn };
}

/** Calls `fn` with `args`, also when it takes a `done` callback; resolves when it is done. */
function call(fn, self, args) {
  if (fn.length > args.length) {
    return new Promise((resolve, reject) => {
      fn.call(self, ...args, (error) => (error ? reject(error) : resolve()));
    });
  }
  return fn.call(self, ...args);
}

const describeError = (error) =>
  error instanceof Error ? `${error.stack?.includes(error.message) ? error.stack : `${error.name}: ${error.message}\n${error.stack}`}` : String(error);

/** The context passed to a test function, like node:test's TestContext. */
class Context {
  #name;
  #path;
  #skip = undefined;
  #todo = undefined;
  #subtests = [];
  diagnostics = [];

  constructor(path) {
    this.#path = path;
    this.#name = path.at(-1);
  }
  get name() {
    return this.#name;
  }
  get fullName() {
    return this.#path.join(' > ');
  }
  get signal() {
    return new AbortController().signal;
  }
  get skipped() {
    return this.#skip;
  }
  get todoNote() {
    return this.#todo;
  }
  skip(message = '') {
    this.#skip = message;
  }
  todo(message = '') {
    this.#todo = message;
  }
  diagnostic(message) {
    this.diagnostics.push(String(message));
  }
  plan() {}
  get mock() {
    throw new Error('node:test mock is not available in the browser runner: keep mocks in *.node.test.js');
  }
  /** A subtest, run now; resolves when it has finished. */
  test(...args) {
    const { name, options, fn } = parseArgs(args);
    const run = runTest([...this.#path, name], options, fn, []);
    this.#subtests.push(run);
    return run;
  }
  async settle() {
    await Promise.all(this.#subtests);
  }
}

/** Runs one test with the hooks of its suites around it and records its result. */
async function runTest(path, options, fn, eachHooks) {
  const name = path.join(' > ');
  if (options.skip || fn === undefined) {
    results.push({ name, status: 'skip', ms: 0 });
    return;
  }
  const started = performance.now();
  const context = new Context(path);
  let error;
  try {
    for (const hooks of eachHooks) for (const hook of hooks.beforeEach) await call(hook, context, [context]);
    await call(fn, context, [context]);
    await context.settle();
  } catch (thrown) {
    error = thrown;
  }
  try {
    for (const hooks of [...eachHooks].reverse()) for (const hook of hooks.afterEach) await call(hook, context, [context]);
  } catch (thrown) {
    error ??= thrown;
  }
  const ms = performance.now() - started;
  if (options.todo || context.todoNote !== undefined) results.push({ name, status: 'todo', ms, error: error && describeError(error) });
  else if (context.skipped !== undefined && error === undefined) results.push({ name, status: 'skip', ms });
  else if (error !== undefined) results.push({ name, status: 'fail', ms, error: describeError(error) });
  else results.push({ name, status: 'pass', ms });
}

/** Runs a suite: its before hooks, each child in order, its after hooks. */
async function runSuite(suite, eachHooks) {
  const hooks = [...eachHooks, suite.hooks];
  if (suite.options.skip) {
    const skipAll = (s) =>
      s.children.forEach((child) =>
        child.kind === 'suite' ? skipAll(child.suite) : results.push({ name: [...s.path(), child.name].join(' > '), status: 'skip', ms: 0 }),
      );
    skipAll(suite);
    return;
  }
  try {
    for (const hook of suite.hooks.before) await call(hook, undefined, []);
  } catch (error) {
    const name = [...suite.path(), '<before hook>'].join(' > ');
    results.push({ name, status: 'fail', ms: 0, error: describeError(error) });
    return;
  }
  for (const child of suite.children) {
    if (child.kind === 'suite') await runSuite(child.suite, hooks);
    else await runTest([...suite.path(), child.name], child.options, child.fn, hooks);
  }
  try {
    for (const hook of suite.hooks.after) await call(hook, undefined, []);
  } catch (error) {
    const name = [...suite.path(), '<after hook>'].join(' > ');
    results.push({ name, status: 'fail', ms: 0, error: describeError(error) });
  }
}

/**
 * Registers a test.
 * @param {...(string | object | Function)} args name, options ({ skip, todo }), fn
 */
export function test(...args) {
  const { name, options, fn } = parseArgs(args);
  current.children.push({ kind: 'test', name, options, fn });
}
test.skip = (...args) => test(...args, { ...parseArgs(args).options, skip: true });
test.todo = (...args) => test(...args, { ...parseArgs(args).options, todo: true });
test.only = test;

/**
 * Registers a suite; its function runs now and registers what is inside.
 * @param {...(string | object | Function)} args name, options ({ skip }), fn
 */
export function describe(...args) {
  const { name, options, fn } = parseArgs(args);
  const suite = new Suite(name, current, options);
  current.children.push({ kind: 'suite', suite });
  const outer = current;
  current = suite;
  try {
    const returned = fn?.();
    if (returned instanceof Promise) throw new Error(`describe(${JSON.stringify(name)}): an async suite function is not supported here`);
  } finally {
    current = outer;
  }
}
describe.skip = (...args) => describe(...args, { ...parseArgs(args).options, skip: true });
describe.todo = describe.skip;
describe.only = describe;

/** Runs `fn` once before the tests of the current suite. */
export const before = (fn) => current.hooks.before.push(fn);
/** Runs `fn` once after the tests of the current suite. */
export const after = (fn) => current.hooks.after.push(fn);
/** Runs `fn` before each test of the current suite and its nested suites. */
export const beforeEach = (fn) => current.hooks.beforeEach.push(fn);
/** Runs `fn` after each test of the current suite and its nested suites. */
export const afterEach = (fn) => current.hooks.afterEach.push(fn);

export { test as it, describe as suite };
export default test;

/**
 * Runs every registered test, in order.
 * @returns {Promise<Result[]>}
 */
export async function runRegistered() {
  await runSuite(root, []);
  return results;
}
