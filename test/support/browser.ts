import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * A real browser for the web UI's tests: Debian's Chromium (installed by scripts/browser.sh, which
 * `npm test` runs), driven by playwright-core, which downloads no browser of its own.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each screen's screenshot is saved (git-ignored, kept after the run as the test's artefact). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '.state', 'ui-screenshots');

const CHROMIUM_ARGS = [
  // Root in a container: Chromium's sandbox needs user namespaces it does not get.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  // Nothing of the browser's own talks to the network (there is none to talk to).
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/browser.sh\` (npm test does)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Saves the whole page as `<name>.png` in SCREENSHOT_DIR. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
