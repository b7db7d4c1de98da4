import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { byClass, findAll, installFakeDocument, serialize, type FakeElement } from './fake-dom.test-support.ts';
import { loadAsset } from './public-assets.test-support.ts';
import { XSS } from './ui-fixture.test-support.ts';

installFakeDocument();
type Child = unknown;
interface Dom {
  h(tag: string, attrs?: Record<string, unknown>, ...children: Child[]): FakeElement;
  svg(tag: string, attrs?: Record<string, unknown>, ...children: Child[]): FakeElement;
  replace(el: FakeElement, ...children: Child[]): FakeElement;
  isSafeHref(value: unknown): boolean;
}
interface Sparkline {
  sparklinePoints(values: number[], width?: number, height?: number, pad?: number): [number, number][];
  pointsAttribute(points: [number, number][]): string;
  renderSparkline(values: number[], options: { label: string; format: (n: number) => string }): FakeElement;
}
interface Badges {
  toneOf(value: unknown): string;
  badge(value: string, prefix?: string): FakeElement;
  readyBadge(status: unknown): FakeElement;
}
const dom = await loadAsset<Dom>('dom.js');
const spark = await loadAsset<Sparkline>('sparkline.js');
const badges = await loadAsset<Badges>('badges.js');
const test = suite('UI DOM helpers, sparkline and badges (public/assets)');

test('text goes in as text nodes: markup in data stays text', () => {
  const el = dom.h('td', {}, XSS, 42, null, false, undefined, ['a', ['b']]);
  assert.is(el.childNodes.length, 4);
  assert.ok(el.childNodes.every((n) => n.nodeType === 3));
  assert.is(el.textContent, `${XSS}42ab`);
  assert.is(serialize(el), '<td>&lt;img src=x onerror=alert(1)&gt;42ab</td>');
  assert.is(findAll(el, (e) => e.tagName === 'img').length, 0);
});

test('attributes: values as strings, handler strings and unsafe links dropped', () => {
  let clicked = 0;
  const el = dom.h('a', { href: 'javascript:alert(1)', onclick: 'alert(1)', onmouseover: () => clicked++, title: XSS, hidden: true, 'data-x': false });
  assert.is(el.getAttribute('href'), null);
  assert.is(el.getAttribute('onclick'), null);
  assert.is(el.getAttribute('title'), XSS);
  assert.is(el.getAttribute('hidden'), '');
  assert.is(el.getAttribute('data-x'), null);
  el.listeners.get('mouseover')?.forEach((l) => l({}));
  assert.is(clicked, 1);
  assert.is(dom.h('a', { href: '#/r0/crd/x' }).getAttribute('href'), '#/r0/crd/x');
  for (const bad of ['//evil.example/x', 'https://evil.example', 'data:text/html,x', ' javascript:x']) assert.not.ok(dom.isSafeHref(bad), bad);
  for (const good of ['#/', '/controlcenter', '/api/snapshot']) assert.ok(dom.isSafeHref(good), good);
});

test('replace swaps the children; svg makes namespaced elements', () => {
  const el = dom.h('div', {}, 'old', dom.h('span', {}, 'x'));
  dom.replace(el, 'new');
  assert.is(el.textContent, 'new');
  assert.is(dom.svg('polyline').namespaceURI, 'http://www.w3.org/2000/svg');
});

test('sparkline points scale from zero to the peak inside the box', () => {
  assert.equal(spark.sparklinePoints([], 100, 20, 0), []);
  assert.equal(spark.sparklinePoints([0, 5, 10], 100, 20, 0), [[0, 20], [50, 10], [100, 0]]);
  assert.equal(spark.sparklinePoints([0, 0], 100, 20, 0), [[0, 20], [100, 20]], 'all zero: flat on the floor');
  assert.equal(spark.sparklinePoints([3], 100, 20, 0), [[0, 0], [100, 0]], 'one value: a flat line');
  assert.equal(spark.sparklinePoints([4, Number.NaN, 2], 100, 20, 0), [[0, 0], [100, 10]], 'non-numbers skipped');
  const padded = spark.sparklinePoints([1, 2], 120, 28, 2);
  assert.equal(padded, [[2, 14], [118, 2]]);
  assert.is(spark.pointsAttribute(padded), '2,14 118,2');
});

test('a sparkline carries its latest and peak values as text', () => {
  const el = spark.renderSparkline([1, 4, 2], { label: 'queue depth', format: (n) => `${n} items` });
  assert.is(findAll(el, (e) => e.tagName === 'title')[0]?.textContent, 'queue depth: now 2 items, peak 4 items');
  assert.is(byClass(el, 'spark-value')[0]?.textContent, '2 items');
  assert.is(findAll(el, (e) => e.tagName === 'polyline')[0]?.getAttribute('points'), spark.pointsAttribute(spark.sparklinePoints([1, 4, 2])));
  const empty = spark.renderSparkline([], { label: 'rate', format: String });
  assert.is(findAll(empty, (e) => e.tagName === 'polyline').length, 0);
  assert.is(byClass(empty, 'spark-value')[0]?.textContent, '—');
});

test('badges say their state in text as well as colour', () => {
  const tones = ['True', 'False', 'Unknown', 'healthy', 'degraded', 'pending', 'waiting-for-crd', 'online', 'offline', 'starting', 'exists', 'missing', 'Warning'].map(badges.toneOf);
  assert.equal(tones, ['ok', 'bad', 'muted', 'ok', 'bad', 'info', 'warn', 'ok', 'bad', 'info', 'ok', 'bad', 'bad']);
  for (const [status, text, cls] of [['True', 'True', 'badge-ok'], ['False', 'False', 'badge-bad'], ['Maybe', 'Unknown', 'badge-muted'], [undefined, 'Unknown', 'badge-muted']] as const) {
    const b = badges.readyBadge(status);
    assert.ok(b.textContent.endsWith(text), `${String(status)} → ${b.textContent}`);
    assert.ok(b.getAttribute('class')?.includes(cls));
  }
  assert.match(badges.badge('healthy', 'state').textContent, /state healthy$/);
});

test.run();
