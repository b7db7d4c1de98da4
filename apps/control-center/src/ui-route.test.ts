import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAsset } from './public-assets.test-support.ts';
import { XSS } from './ui-fixture.test-support.ts';

interface Route { type: string; runtime?: string; crd?: string; namespace?: string; name?: string; path?: string }
interface Routes {
  parseRoute(hash: string): Route;
  hrefFor(route: Route): string;
  apiPathFor(route: Route): string | undefined;
}
const r = await loadAsset<Routes>('route.js');
const test = suite('UI routes (public/assets/route.js)');

test('every page has a route', () => {
  assert.equal(r.parseRoute(''), { type: 'overview' });
  assert.equal(r.parseRoute('#/'), { type: 'overview' });
  assert.equal(r.parseRoute('#/r0/crd/website'), { type: 'crd', runtime: 'r0', crd: 'website' });
  assert.equal(r.parseRoute('#/r0/crd/website/crs'), { type: 'crs', runtime: 'r0', crd: 'website' });
  assert.equal(r.parseRoute('#/r1/crd/website/cr/default/hello'), { type: 'cr', runtime: 'r1', crd: 'website', namespace: 'default', name: 'hello' });
  assert.equal(r.parseRoute('#/r0/crd/website/crs?q=x'), { type: 'crs', runtime: 'r0', crd: 'website' });
});

test('anything else is not-found, never a guess', () => {
  for (const hash of ['#/r0', '#/r0/crds/website', '#/r0/crd', '#/r0/crd/website/cr/default', '#/r0/crd/website/cr/a/b/c', '#/r0/crd/website/crs/x', '#/%E0%A4%A']) {
    assert.is(r.parseRoute(hash).type, 'not-found', hash);
  }
});

test('links round-trip any name, the XSS probe and slashes included', () => {
  const routes: Route[] = [
    { type: 'overview' },
    { type: 'crd', runtime: 'r0', crd: 'website' },
    { type: 'crs', runtime: 'r0', crd: 'web site' },
    { type: 'cr', runtime: 'r0', crd: 'website', namespace: 'default', name: XSS },
    { type: 'cr', runtime: 'r2', crd: 'website', namespace: '_', name: 'a/b#c?d' },
  ];
  for (const route of routes) assert.equal(r.parseRoute(r.hrefFor(route)), route);
  assert.is(r.hrefFor({ type: 'cr', runtime: 'r0', crd: 'website', name: 'global' }), '#/r0/crd/website/cr/_/global');
  assert.not.match(r.hrefFor({ type: 'cr', runtime: 'r0', crd: 'website', namespace: 'default', name: XSS }), /[<> ]/);
});

test('each detail page reads its own API path, encoded', () => {
  assert.is(r.apiPathFor({ type: 'overview' }), undefined);
  assert.is(r.apiPathFor({ type: 'crd', runtime: 'r0', crd: 'website' }), '/api/runtimes/r0/crds/website');
  assert.is(r.apiPathFor({ type: 'crs', runtime: 'r0', crd: 'website' }), '/api/runtimes/r0/crds/website/crs');
  assert.is(r.apiPathFor({ type: 'cr', runtime: 'r0', crd: 'website', namespace: '_', name: 'a/b' }), '/api/runtimes/r0/crds/website/crs/_/a%2Fb');
});

test.run();
