// examples/wat.js for the browser: the same compileWat(url), synchronous as
// there, so the examples load unchanged. The test server answers a request
// for `name.wasm` with `name.wat` compiled by wabt; a synchronous request
// reads it as bytes through the x-user-defined charset.

/**
 * Compiles a WebAssembly text file into a module.
 * @param {URL} url where the .wat file is
 * @returns {WebAssembly.Module}
 * @throws {Error} when the server cannot compile it
 */
export function compileWat(url) {
  const request = new XMLHttpRequest();
  request.open('GET', String(url).replace(/\.wat$/, '.wasm'), false);
  request.overrideMimeType('text/plain; charset=x-user-defined');
  request.send();
  if (request.status !== 200) throw new Error(`compileWat(url): ${url}: ${request.status} ${request.responseText}`);
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return new WebAssembly.Module(bytes);
}
