// Compiles WebAssembly text written inline in a test, with wabt (a real
// toolchain), in any runtime the suite runs on.
import wabtInit from 'wabt';

const wabt = await wabtInit();

/**
 * A module from WebAssembly text.
 * @param {string} text
 * @returns {WebAssembly.Module}
 */
export function compileWat(text) {
  const parsed = wabt.parseWat('inline.wat', text);
  try {
    parsed.validate();
    return new WebAssembly.Module(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}
