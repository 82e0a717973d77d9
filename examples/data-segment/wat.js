// Compiles this example's .wat files with wabt, in any runtime: the text is
// read with node:fs for file: URLs (Node, Deno, Bun) and with fetch elsewhere.

import initWabt from 'wabt';

const wabt = await initWabt();

/**
 * The binary of a .wat file beside this one.
 * @param {string} name the file name, e.g. "tally.wat"
 * @returns {Promise<Uint8Array>}
 * @throws {Error} when the text does not parse or the module does not validate
 */
export async function watBytes(name) {
  const url = new URL(`./${name}`, import.meta.url);
  let text;
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    text = await readFile(url, 'utf8');
  } else {
    text = await (await fetch(url)).text();
  }
  const parsed = wabt.parseWat(name, text);
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}
