// Starts Debian's Chromium (/usr/bin/chromium) headless through
// playwright-core, with `gc()` exposed by default; shared by the browser
// test runner and the web example's end-to-end test. Nothing here downloads
// a browser.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium, with `--js-flags=--expose-gc` unless told not to.
 * @param {{ exposeGc?: boolean }} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 * @throws {Error} when the browser is missing or does not start; the message says how to install it
 */
export async function launchChromium({ exposeGc = true } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run scripts/setup.sh (apt-get install chromium chromium-driver)`);
  }
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // The sandbox needs user namespaces, which a root CI container lacks.
      chromiumSandbox: false,
      args: exposeGc ? ['--js-flags=--expose-gc'] : [],
    });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM} did not start: ${error.message}`);
  }
}
