// The Control Center in a real browser (issue 7): headless Debian Chromium over the real stack — a
// control plane, the runtime on examples/website as the bundle's ServiceAccount, Websites, and the
// Control Center watching the runtime. The page must show the runtime, CRD and CRs with the right
// Ready state (as it is: no node runs their Pods, so a test plays a Deployment available), follow a
// change through SSE without a reload, show the runtime going offline, and keep the XSS probe as text. Screenshots land in test-output/control-center/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, pinnedChromiumMajor, screenshot, watchPage, type PageWatch } from './harness/browser.ts';
import { controlCenterReady, startControlCenter, stopControlCenter, type ControlCenterProcess } from './harness/control-center-process.ts';
import { httpGet, pollHttp } from './harness/http-poll.ts';
import { installForRuntime } from './harness/install-for-runtime.ts';
import { kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces } from './harness/namespace.ts';
import { httpBase, startRuntime, stopRuntime, type RuntimeProcess } from './harness/runtime-process.ts';
import { removeWebsites } from './harness/website-scenario.ts';
import { playOwnedDeploymentAvailable } from './harness/play-deployment.ts';
import { XSS, xssFixtureRoutes } from './harness/control-center-fixture.ts';

const KATALOG = 'examples/website/katalog.yaml';
const test = suite('Control Center in headless Chromium over a real runtime');

let runtime: RuntimeProcess | undefined;
let cc: ControlCenterProcess | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let ccBase = '';
let ns = '';

function website(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): void {
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({ apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website', metadata: { name, labels }, spec }),
  });
}

async function openPage(hash: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context!.newPage();
  await page.setViewportSize(viewport);
  const watch = watchPage(page);
  await page.goto(`${ccBase}/controlcenter${hash}`);
  return { page, watch };
}

/** The table row (or card) of the CR `name` in this suite's namespace on the CR list page. */
function crRow(page: Page, name: string) {
  return page.locator('table.cr-table tbody tr').filter({ has: page.locator(`td[data-label="Namespace"]`, { hasText: ns }) })
    .filter({ has: page.locator('td[data-label="Name"] a', { hasText: name }) });
}

/**
 * Waits until the page shows `theme`; fails after 5 s. A locator, not waitForFunction: polling a
 * function evaluates a string in the page, which the Control Center's CSP (rightly) refuses.
 */
async function themeIs(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached', timeout: 5_000 });
}

/** Waits until r0's history covers `ms` (the Control Center keeps one sample per poll pass). */
async function historySpan(ms: number): Promise<void> {
  await pollHttp(ccBase, `${ms} ms of r0 history`, '/api/snapshot', (r) => {
    const history = (r.json() as { runtimes: { history: { at: string }[] }[] }).runtimes[0]?.history ?? [];
    return history.length > 1 && Date.parse(history.at(-1)!.at) - Date.parse(history[0]!.at) >= ms ? true : undefined;
  }, ms + 30_000, 500);
}

test.before(async () => {
  browser = await launchChromium();
  const install = installForRuntime(KATALOG, 'cc-browser');
  ns = install.namespace;
  website('hello', { tier: 'web' }, { team: 'platform' });
  website('probe', { note: XSS });
  runtime = startRuntime(KATALOG, { KUBECONFIG: install.kubeconfig, ORK_NAMESPACE: ns, DEFAULT_RESYNC: '5s', LEASE_DURATION: '4', RENEW_DEADLINE: '3', RETRY_PERIOD: '1' });
  // Issue 12: the runtime shows CRs only to a token that may read them, the Control Center's own.
  cc = startControlCenter([await httpBase(runtime)], { ORK_TOKEN_FILE: install.ccTokenFile });
  ccBase = await controlCenterReady(cc);
  context = await browser.newContext({ colorScheme: 'light' });
});

test.after(async () => {
  try {
    await context?.close();
    await browser?.close();
    // The runtime drops its finalizers while it runs; after a failure it may be gone, so strip them.
    if (ns) removeWebsites(ns);
    if (runtime) await stopRuntime(runtime);
    if (cc) await stopControlCenter(cc);
  } finally {
    cleanupNamespaces();
  }
});

test('the browser is Debian’s Chromium with the major playwright-core is pinned to', () => {
  const major = Number(browser!.version().split('.')[0]);
  assert.is(major, pinnedChromiumMajor(), `Chromium ${browser!.version()}: pin playwright-core to the release built for Chromium ${major}`);
});

test('the overview shows the runtime online, the website CRD healthy, and is drawn in both themes and narrow', async () => {
  const { page, watch } = await openPage('#/');
  const card = page.locator('#runtime-r0');
  await card.locator('.runtime-title .badge[data-value="online"]').waitFor({ timeout: 30_000 });
  await card.locator('tr.crd-row', { hasText: 'website' }).locator('.badge[data-value="healthy"]').waitFor({ timeout: 30_000 });
  assert.is(await card.locator('.katalog-name').innerText(), 'my-platform');
  assert.match(await page.locator('#freshness').innerText(), /^live · updated/);
  // Let a few samples arrive so the sparklines have something to draw.
  await card.locator('.activity polyline').nth(1).waitFor({ state: 'attached', timeout: 20_000 });
  await screenshot(page, 'overview-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await themeIs(page, 'dark'); // follows prefers-color-scheme (its change event is asynchronous)
  await screenshot(page, 'overview-dark');
  // The toggle wins over the system preference and is remembered.
  await page.locator('#theme-toggle').click();
  await themeIs(page, 'light');
  await page.reload();
  await card.locator('tr.crd-row').first().waitFor();
  assert.is(await page.locator('html').getAttribute('data-theme'), 'light', 'the choice survives a reload');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate('localStorage.clear()');
  await page.setViewportSize({ width: 390, height: 844 });
  await card.locator('tr.crd-row').first().waitFor();
  assert.is(await page.locator('table.crd-table thead').isVisible(), false, 'narrow: table rows become cards');
  await screenshot(page, 'overview-narrow');
  assert.equal(watch.dialogs, []);
  assert.equal(watch.errors, []);
  await page.close();
});

test('the CR list shows each Website’s Ready as it is (True once its Deployment is available, False while not), the probe’s text as text', async () => {
  // No node here: hello's Deployment is played available, probe's stays as it is (issue 14's Ready).
  await playOwnedDeploymentAvailable(ns, 'hello');
  const { page, watch } = await openPage('#/r0/crd/website/crs');
  await crRow(page, 'hello').locator('td[data-label="Ready"] .badge[data-value="True"]').waitFor({ timeout: 30_000 });
  await crRow(page, 'probe').locator('td[data-label="Ready"] .badge[data-value="False"]').waitFor({ timeout: 30_000 });
  assert.match(await crRow(page, 'hello').locator('td[data-label="Ready"]').innerText(), /\bTrue$/);
  assert.match(await crRow(page, 'probe').locator('td[data-label="Ready"]').innerText(), /\bFalse$/);
  await page.locator('input.filter').fill(`${ns}/hel`);
  assert.is(await page.locator('table.cr-table tbody tr').count(), 1);
  assert.equal(watch.dialogs, []);
  await page.close();
});

test('the CRD page shows counters, settings and the RBAC rules with their reasons', async () => {
  const { page, watch } = await openPage('#/r0/crd/website');
  await page.locator('#rbac table').waitFor({ timeout: 20_000 });
  const verbs = await page.locator('#rbac td[data-label="Resources"]').allInnerTexts();
  assert.ok(verbs.some((v) => v.includes('websites')), `rules for websites: ${verbs.join(' | ')}`);
  assert.ok(await page.locator('#rbac .reasons-list li').count() > 0, 'every rule says why');
  await screenshot(page, 'crd-detail');
  assert.equal(watch.dialogs, []);
  assert.equal(watch.errors, []);
  await page.close();
});

test('the CR page shows spec, conditions, children and events; the probe stays text', async () => {
  const { page, watch } = await openPage(`#/r0/crd/website/cr/${ns}/probe`);
  await page.locator('.page-title .badge[data-value="False"]').waitFor({ timeout: 20_000 });
  await page.getByText('ChildrenNotReady').first().waitFor({ timeout: 20_000 });
  assert.match(await page.locator('pre.json').first().innerText(), `"note": "${XSS}"`);
  assert.is(await page.locator('img').count(), 0, 'no element was made from the probe');
  assert.ok(await page.locator('.child-group h3', { hasText: 'Deployment' }).count() === 1, 'the Deployment child is listed');
  await page.locator('.event-table td[data-label="Reason"]').first().waitFor({ timeout: 20_000 });
  assert.equal(watch.dialogs, []);
  await screenshot(page, 'cr-detail');
  await page.close();
});

test('a patched Website shows up on its open page through SSE, without a reload', async () => {
  const { page, watch } = await openPage(`#/r0/crd/website/cr/${ns}/hello`);
  await page.locator('.page-title .badge[data-value="True"]').waitFor({ timeout: 20_000 });
  const navigations: string[] = [];
  page.on('framenavigated', (f) => navigations.push(f.url()));
  const loadsBefore = watch.loads;
  assert.match((await httpGet(ccBase, '/metrics')).text, /^orkestra_cc_sse_clients [1-9]/m, 'the page holds an SSE stream');
  const marker = `patched-${Date.now()}`;
  kubectlOk(['patch', 'website', 'hello', '--type', 'merge', '-p', JSON.stringify({ spec: { tier: marker } })], { namespace: ns });
  await page.locator('pre.json', { hasText: marker }).waitFor({ timeout: 20_000 });
  await page.locator('.kv dd', { hasText: /^2, observed 2$/ }).waitFor({ timeout: 20_000 });
  await page.goto(`${ccBase}/controlcenter#/r0/crd/website/crs`);
  const loadsOnList = watch.loads;
  await crRow(page, 'hello').waitFor({ timeout: 20_000 });
  website('later', {});
  await crRow(page, 'later').locator('.badge[data-value="False"]').waitFor({ timeout: 20_000 });
  // Its Deployment becomes available: the row turns Ready True in place.
  await playOwnedDeploymentAvailable(ns, 'later');
  await crRow(page, 'later').locator('.badge[data-value="True"]').waitFor({ timeout: 20_000 });
  assert.is(watch.loads, loadsOnList, 'the CR list updated in place');
  assert.is(loadsBefore, 1);
  assert.ok(navigations.length <= 1, `only the hash change navigated: ${navigations.join(', ')}`);
  await page.close();
});

test('a CR name carrying markup (served by a fixture) is shown literally and runs nothing', async () => {
  const page = await context!.newPage();
  const watch = watchPage(page);
  await xssFixtureRoutes(page, ccBase);
  await page.goto(`${ccBase}/controlcenter#/r0/crd/website/crs`);
  const link = page.locator('td[data-label="Name"] a', { hasText: XSS });
  await link.waitFor({ timeout: 10_000 });
  assert.is(await link.innerText(), XSS);
  await link.click();
  await page.locator('.page-title h1', { hasText: XSS }).waitFor({ timeout: 10_000 });
  assert.is(await page.locator('td[data-label="Note"]').innerText(), XSS);
  assert.is(await page.locator('img').count(), 0);
  assert.equal(watch.dialogs, []);
  assert.ok(!watch.errors.some((e) => /Content Security Policy/i.test(e)), `nothing tried to run inline: ${watch.errors.join(' | ')}`);
  await page.close();
});

test('a stopped runtime goes offline on the open overview', async () => {
  const { page, watch } = await openPage('#/');
  await page.locator('#runtime-r0 .runtime-title .badge[data-value="online"]').waitFor({ timeout: 20_000 });
  // Half a minute of history with the earlier tests' activity in it: the README's picture
  // (docs/control-center.png is a copy of this one).
  await historySpan(30_000);
  // A short viewport: the full-page picture is then as tall as the content, no empty band below.
  await page.setViewportSize({ width: 1280, height: 360 });
  await screenshot(page, 'overview-live');
  // Websites go first, while the runtime can still drop its finalizers.
  kubectlOk(['delete', 'websites', '--all', '--timeout', '60s'], { namespace: ns });
  const r = runtime!;
  runtime = undefined;
  assert.is(await stopRuntime(r), 0);
  await page.locator('#runtime-r0 .runtime-title .badge[data-value="offline"]').waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#banners').innerText(), /r0 offline/);
  assert.match(await page.locator('.stats').innerText(), /0\/1\s*runtimes online/);
  await screenshot(page, 'overview-offline');
  assert.is(watch.loads, 1, 'no reload: the snapshot stream told the page');
  await page.close();
});

test.run();
