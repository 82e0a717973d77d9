// Compiles the examples' .wat sources with wabt at load time, so every guest
// module is built by a real toolchain from the text kept beside it.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const wabt = await initWabt();

/**
 * Compiles a WebAssembly text file into a module.
 * @param {URL} url where the .wat file is, e.g. `new URL('./prng.wat', import.meta.url)`
 * @returns {WebAssembly.Module}
 * @throws {Error} when the text does not parse or the module does not validate
 * @example
 * const PRNG = compileWat(new URL('./prng.wat', import.meta.url));
 */
export function compileWat(url) {
  const path = fileURLToPath(url);
  const parsed = wabt.parseWat(basename(path), readFileSync(path, 'utf8'));
  try {
    parsed.validate();
    return new WebAssembly.Module(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
