// Headless Chromium for the Control Center's browser tests: Debian's `chromium` driven by
// playwright-core, which is pinned to the same Chromium major and never downloads a browser.
// Missing Chromium is a failure with a hint, never a skip.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO } from './control-plane.ts';

/** Debian's Chromium, unless ORK_E2E_CHROMIUM names another binary. */
export const CHROMIUM = process.env['ORK_E2E_CHROMIUM'] ?? '/usr/bin/chromium';

/** Where the browser tests save screenshots (gitignored). */
export const SCREENSHOTS = join(REPO, 'test-output', 'control-center');

/**
 * Launches headless Chromium; prints and throws a one-line hint when it is not installed.
 * `executablePath` may be a wrapper that runs CHROMIUM elsewhere (on the e2e node, issue 17).
 */
export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    const hint = `no Chromium at ${CHROMIUM}: apt-get install chromium (or set ORK_E2E_CHROMIUM)`;
    // uvu reports a throwing before-hook without its message: say it here, then fail every test.
    process.stderr.write(`\n  ${hint}\n`);
    throw new Error(hint);
  }
  // Belt and braces: nothing in playwright-core may fetch a browser.
  process.env['PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD'] = '1';
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** The Chromium major playwright-core was built against (its browsers.json). */
export function pinnedChromiumMajor(): number {
  const require = createRequire(import.meta.url);
  const file = join(require.resolve('playwright-core/package.json'), '..', 'browsers.json');
  const browsers = (JSON.parse(readFileSync(file, 'utf8')) as { browsers: { name: string; browserVersion: string }[] }).browsers;
  return Number(browsers.find((b) => b.name === 'chromium')!.browserVersion.split('.')[0]);
}

/** What a page did that a test may assert on: dialogs, page errors, console errors, full loads. */
export interface PageWatch {
  readonly dialogs: string[];
  readonly errors: string[];
  loads: number;
}

/** Records dialogs (dismissed at once), uncaught errors, console errors and `load` events of `page`. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { dialogs: [], errors: [], loads: 0 };
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(`console: ${m.text()}`);
  });
  page.on('load', () => watch.loads++);
  return watch;
}

/** Saves a full-page screenshot as `test-output/control-center/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
