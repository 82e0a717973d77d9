// A small static server for the web example and the browser tests, on
// localhost only. Folders are mounted at URL prefixes; a request for
// `name.wasm` where only `name.wat` exists is answered with the module
// compiled by wabt, so guests are kept as text and built on the way out.
//
// Run: node examples/web/serve.js [--port=8080]
// It serves this folder at / and the package folder (bindings/) at
// /hostheap/, where the page's import map finds the published entry.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.wat': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

let wabt;
/** Compiles WebAssembly text to binary with wabt, loaded on first use. */
async function watToWasm(name, text) {
  wabt ??= await (await import('wabt')).default();
  const parsed = wabt.parseWat(name, text);
  try {
    parsed.validate();
    return Buffer.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The file a mount maps `pathname` to, or undefined outside every mount. */
function locate(mounts, pathname) {
  for (const [prefix, folder] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = new URL(pathname.slice(prefix.length), folder);
    if (file.href.startsWith(folder.href)) return file;
  }
  return undefined;
}

async function isFile(url) {
  try {
    return (await stat(url)).isFile();
  } catch {
    return false;
  }
}

/**
 * Answers one request from the mounts: a file, a folder's index.html, or a
 * .wasm compiled from the .wat beside it.
 * @returns {Promise<{ status: number, type: string, body: string | Buffer }>}
 */
async function answer(mounts, pathname, extra) {
  if (extra.has(pathname)) return extra.get(pathname)();
  let file = locate(mounts, pathname);
  if (file === undefined) return { status: 404, type: TYPES['.md'], body: `not served: ${pathname}\n` };
  if (file.href.endsWith('/')) file = new URL('index.html', file);
  if (await isFile(file)) {
    const type = file.pathname.endsWith('.d.ts') ? TYPES['.d.ts'] : TYPES[extname(file.pathname)];
    return { status: 200, type: type ?? 'application/octet-stream', body: await readFile(file) };
  }
  const wat = new URL(file.href.replace(/\.wasm$/, '.wat'));
  if (file.href.endsWith('.wasm') && (await isFile(wat))) {
    try {
      const body = await watToWasm(fileURLToPath(wat), await readFile(wat, 'utf8'));
      return { status: 200, type: TYPES['.wasm'], body };
    } catch (error) {
      return { status: 500, type: TYPES['.md'], body: `${fileURLToPath(wat)} does not compile:\n${error.message}\n` };
    }
  }
  return { status: 404, type: TYPES['.md'], body: `no such file: ${pathname}\n` };
}

/**
 * Starts a static server on localhost.
 * @param {object} options
 * @param {Array<[string, URL]>} options.mounts URL prefixes (each ending in `/`) and the folders they serve (file: URLs ending in `/`)
 * @param {Map<string, () => { status: number, type: string, body: string | Buffer }>} [options.extra] answers for exact paths, made per request
 * @param {Record<string, string>} [options.headers] sent with every answer
 * @param {number} [options.port] 0 picks a free port
 * @returns {Promise<{ url: string, close(): Promise<void> }>} the base URL (ending in `/`) and a way to stop
 * @example
 * const server = await startServer({ mounts: [['/', new URL('./', import.meta.url)]] });
 * console.log(server.url); // http://127.0.0.1:41234/
 * await server.close();
 */
export async function startServer({ mounts, extra = new Map(), headers = {}, port = 0 }) {
  for (const [prefix, folder] of mounts) {
    if (!prefix.endsWith('/') || !folder.href.endsWith('/')) {
      throw new RangeError(`startServer(options): mount ${prefix} -> ${folder.href} must end in / on both sides`);
    }
  }
  const server = createServer(async (request, response) => {
    let reply;
    try {
      const { pathname } = new URL(request.url, 'http://localhost');
      reply = await answer(mounts, decodeURIComponent(pathname), extra);
    } catch (error) {
      reply = { status: 500, type: TYPES['.md'], body: `${error.stack}\n` };
    }
    response.writeHead(reply.status, { ...headers, 'content-type': reply.type, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : reply.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The web example's mounts: this folder at /, the package at /hostheap/. */
export const PAGE_MOUNTS = [
  ['/hostheap/', new URL('../../bindings/', import.meta.url)],
  ['/', new URL('./', import.meta.url)],
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve.js: --port must be an integer from 0 to 65535, got ${values.port}`);
    process.exit(2);
  }
  const server = await startServer({ mounts: PAGE_MOUNTS, port });
  console.log(`hostheap web example: ${server.url} (Ctrl-C stops)`);
  console.log('Chromium started with --js-flags=--expose-gc enables the "collect" button.');
}
