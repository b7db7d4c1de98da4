import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { byClass, fakeDocument, findAll, installFakeDocument, serialize, type FakeElement } from './fake-dom.test-support.ts';
import { loadAsset } from './public-assets.test-support.ts';
import { CR, CRD, CR_LIST, NOW_MS, SNAPSHOT, XSS } from './ui-fixture.test-support.ts';

installFakeDocument();
interface Route { type: string; runtime?: string; crd?: string; namespace?: string; name?: string }
const { renderOverview } = await loadAsset<{ renderOverview(s: unknown, nowMs: number): FakeElement }>('view-overview.js');
const { renderCrd } = await loadAsset<{ renderCrd(r: Route, d: unknown, runtime: unknown, nowMs: number): FakeElement }>('view-crd.js');
const crs = await loadAsset<{
  renderCrTable(r: Route, list: unknown, nowMs: number, filter?: string): FakeElement;
  filterCrs<T>(items: T[], filter: string): T[];
  mountCrList(root: FakeElement): { update(r: Route, list: unknown, nowMs: number): void };
  countReady(items: { ready: string }[]): Record<string, number>;
}>('view-crs.js');
const cr = await loadAsset<{
  renderCr(r: Route, d: unknown, nowMs: number): FakeElement;
  conditionsOf(status: unknown): { type: string }[];
  childGroups(children: unknown): [string, { name: string }[]][];
}>('view-cr.js');
const test = suite('UI pages (public/assets/view-*.js) with a fake DOM');

const crdRoute = { type: 'crd', runtime: 'r0', crd: 'website' };
const crsRoute = { type: 'crs', runtime: 'r0', crd: 'website' };
const crRoute = { type: 'cr', runtime: 'r0', crd: 'website', namespace: 'default', name: 'hello' };
const fakeElement = (tag: string) => fakeDocument.createElement(tag);
const cells = (root: FakeElement, label: string) => findAll(root, (e) => e.tagName === 'td' && e.getAttribute('data-label') === label).map((e) => e.textContent);

/** Markup from the runtime stays text: visible literally, escaped in HTML, no element made from it. */
function assertInert(root: FakeElement, occurrences: number) {
  const html = serialize(root);
  assert.is(html.split('&lt;img src=x onerror=alert(1)&gt;').length - 1, occurrences, 'the probe appears as escaped text');
  assert.not.ok(html.includes('<img'), 'no <img> element');
  assert.is(findAll(root, (e) => e.tagName === 'img').length, 0);
  assert.ok(root.textContent.includes(XSS), 'visible literally');
}

test('overview: stats, each runtime, its CRDs, gateway; runtime text is inert', () => {
  const page = renderOverview(SNAPSHOT, NOW_MS);
  // Katalog name and description, the offline error.
  assertInert(page, 3);
  assert.equal(byClass(page, 'stat-value').map((e) => e.textContent), ['1/2', '1/1', '2', '3', '1']);
  assert.equal(cells(page, 'CRD'), ['websiteWebsite.demo.orkestra.io/v1alpha1']);
  assert.equal(cells(page, 'State').map((t) => t.replace(/^\W+/, '')), ['healthy']);
  assert.equal(cells(page, 'Errors'), ['25%']);
  assert.equal(findAll(page, (e) => e.tagName === 'a').map((a) => a.getAttribute('href')), ['#/r0/crd/website', '#/r0/crd/website/crs']);
  const offline = findAll(page, (e) => e.getAttribute('id') === 'runtime-r1')[0]!;
  assert.match(offline.textContent, 'Offline: connect ECONNREFUSED');
  assert.match(byClass(page, 'gateway')[0]!.textContent, '5 requests · 2 blocked · 3 allowed · strict mode');
  assert.match(byClass(page, 'gateway')[0]!.textContent, 'valid 10 more days');
  // Issue 18: /convert over the gateway's rolling window.
  assert.match(byClass(page, 'gateway')[0]!.textContent, 'last 100 of 100 reviews · 310 objects · 1 failed (1 objects) · p50 0.42 ms · p99 3.1 ms');
  assert.match(byClass(page, 'gateway')[0]!.textContent, 'website v1alpha1→v1beta1 300 (1 failed) · website v1beta1→v1alpha1 9');
  assert.match(page.textContent, 'reconcile rate 18/min');
  assert.match(page.textContent, 'errors in the last 6m30s');
});

test('CRD page: counters, settings, dependencies, RBAC rules with reasons, gateway counts', () => {
  const page = renderCrd(crdRoute, CRD, SNAPSHOT.runtimes[0], NOW_MS);
  // description, last error, one RBAC reason.
  assertInert(page, 3);
  assert.equal(cells(page, 'Verbs').map((t) => t.replace(/[^\w]/g, '')), ['getlistwatch', 'createpatch', 'bindescalatecritical']);
  assert.equal(cells(page, 'API groups'), ['demo.orkestra.io', 'core', 'rbac.authorization.k8s.io']);
  assert.equal(cells(page, 'Resources'), ['websites', 'events', 'rolesonly: site-reader']);
  assert.equal(cells(page, 'Scope'), ['cluster', 'namespace team-a', 'cluster']);
  assert.equal(findAll(page, (e) => e.tagName === 'li').map((e) => e.textContent), ['watch Website CRs', 'emit Events', XSS, 'onCreate.roles[0]']);
  assert.equal(cells(page, 'Now').map((t) => t.replace(/^\W+/, '')), ['degraded']);
  assert.equal(cells(page, 'Waiting'), ['waiting']);
  assert.equal(cells(page, 'Blocked'), ['1', '0']);
  assert.match(page.textContent, '2 (default), 1 busy');
  assert.match(page.textContent, '30s (katalog)');
  assert.match(page.textContent, 'protects the CRD');
  const noRbac = renderCrd(crdRoute, { info: { ...CRD.info, rbac: undefined }, health: CRD.health }, undefined, NOW_MS);
  assert.match(noRbac.textContent, 'does not report its RBAC rules');
});

test('gateway card and CRD page: missing or malformed gateway fields are shown as dashes or left out, never a crash', () => {
  const runtime = SNAPSHOT.runtimes[0]!;
  const withStats = (stats: unknown) => ({ ...SNAPSHOT, runtimes: [{ ...runtime, gateway: { ...runtime.gateway, stats } }] });
  const cases: unknown[] = [
    null, 'gateway', 42, [], {},
    { conversion: null }, { conversion: 'on' }, { conversion: { enabled: 'yes' } }, { conversion: { enabled: true } },
    { conversion: { enabled: true, window: [] } }, { conversion: { enabled: true, window: { reviews: 'x', latencyMs: 'fast', pairs: 'many' } } },
    { conversion: { enabled: true, window: { reviews: 3, size: 100, failedReviews: 1, pairs: [null, 7, { crd: { a: 1 } }, XSS] } } },
    { crds: 'website' }, { crds: [null, 1, { gvr: null }] }, { deletionProtection: 'on', certificates: 'yes', housekeeper: 7 },
  ];
  for (const stats of cases) {
    const page = renderOverview(withStats(stats), NOW_MS);
    assert.ok(byClass(page, 'gateway').length <= 1, JSON.stringify(stats));
    renderCrd(crdRoute, CRD, withStats(stats).runtimes[0], NOW_MS);
  }
  const off = renderOverview(withStats({ conversion: { enabled: false } }), NOW_MS);
  assert.match(byClass(off, 'gateway')[0]!.textContent, 'conversionoff');
  const bare = renderOverview(withStats({ conversion: { enabled: true } }), NOW_MS);
  assert.match(byClass(bare, 'gateway')[0]!.textContent, 'last — of — reviews · — objects');
  const junk = renderOverview(withStats(cases[11]), NOW_MS);
  assert.match(byClass(junk, 'gateway')[0]!.textContent, 'last 3 of 100 reviews · — objects · 1 failed (— objects)');
  assert.match(byClass(junk, 'gateway')[0]!.textContent, '? ?→? —');
  assert.not.ok(serialize(junk).includes('<img'), 'no markup from the gateway');
});

test('CR list: Ready badges with text, age, generations, a link per CR; the probe name is inert', () => {
  const page = crs.renderCrTable(crsRoute, CR_LIST, NOW_MS);
  assertInert(page, 1);
  assert.equal(cells(page, 'Ready').map((t) => t.replace(/^\W+/, '')), ['True', 'False', 'Unknown']);
  assert.equal(cells(page, 'Age'), ['120m', '3m20s', '30s']);
  assert.equal(cells(page, 'Generation'), ['2', '2/3', '1 (not observed)']);
  assert.equal(cells(page, 'Flags'), ['', '', 'deleting']);
  assert.equal(findAll(page, (e) => e.tagName === 'a').map((a) => a.getAttribute('href')), [
    '#/r0/crd/website/cr/default/hello', '#/r0/crd/website/cr/team-a/shop', `#/r0/crd/website/cr/default/${encodeURIComponent(XSS)}`,
  ]);
  assert.match(page.textContent, '3 Websites: 1 ready, 1 not ready, 1 unknown');
  const filtered = crs.renderCrTable(crsRoute, CR_LIST, NOW_MS, 'TEAM-A/');
  assert.equal(cells(filtered, 'Name'), ['shop']);
  assert.match(filtered.textContent, '(1 shown)');
  assert.match(crs.renderCrTable(crsRoute, { ...CR_LIST, items: [] }, NOW_MS).textContent, 'No Website yet');
  assert.equal(crs.countReady([{ ready: 'True' }, { ready: 'x' }]), { True: 1, False: 0, Unknown: 1 });
  assert.is(crs.filterCrs(CR_LIST.items, '  ').length, 3);
});

test('CR list page: live updates redraw the table and keep the filter box and what is typed in it', () => {
  const root = fakeElement('main');
  const page = crs.mountCrList(root);
  page.update(crsRoute, CR_LIST, NOW_MS);
  const input = findAll(root, (e) => e.tagName === 'input')[0]! as FakeElement & { value?: string };
  input.value = 'shop';
  input.listeners.get('input')?.forEach((l) => l({}));
  assert.equal(cells(root, 'Name'), ['shop']);
  const later = { ...CR_LIST, items: [...CR_LIST.items, { ...CR_LIST.items[1]!, name: 'shop-2' }] };
  page.update(crsRoute, later, NOW_MS);
  assert.ok(findAll(root, (e) => e.tagName === 'input')[0] === input, 'the same input element, so focus and caret stay');
  assert.equal(cells(root, 'Name'), ['shop', 'shop-2']);
  assert.is(findAll(root, (e) => e.tagName === 'h1')[0]?.textContent, 'Website resources');
});

test('CR page: conditions, children by kind, events, spec; runtime text is inert', () => {
  const page = cr.renderCr(crRoute, CR, NOW_MS);
  // condition message, event note, and the spec and status JSON blocks.
  assertInert(page, 4);
  assert.equal(cells(page, 'Type').slice(0, 1), ['Ready']);
  assert.equal(cells(page, 'Message'), [XSS]);
  assert.equal(cells(page, 'Note'), [XSS]);
  assert.equal(findAll(page, (e) => e.tagName === 'h3').map((e) => e.textContent), ['Deployment (2)', 'Service (1)']);
  assert.equal(cells(page, 'State').map((t) => t.replace(/^\W+/, '')), ['exists', 'exists', 'missing']);
  assert.match(page.textContent, 'Generation 3 not reconciled yet (observed 2).');
  assert.match(page.textContent, 'team=web');
  assert.match(page.textContent, 'Children (3)');
  assert.equal(cr.conditionsOf(CR.cr.status).map((c) => c.type), ['Ready'], 'entries without a type are ignored');
  assert.equal(cr.conditionsOf(undefined), []);
  assert.equal(cr.childGroups(CR.cr.children).map(([k, l]) => [k, l.map((c) => c.name)]), [['Deployment', ['a', 'b']], ['Service', ['hello-svc']]]);
});

test.run();
