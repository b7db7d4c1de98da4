import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeDetailPath } from './runtime-detail-path.ts';

const test = suite('runtime-detail-path');

test('valid segments make the runtime routes', () => {
  assert.equal(runtimeDetailPath({ type: 'crd', crd: 'website' }), { type: 'ok', path: '/katalog/website' });
  assert.equal(runtimeDetailPath({ type: 'crs', crd: 'website' }), { type: 'ok', path: '/katalog/website/cr' });
  assert.equal(runtimeDetailPath({ type: 'cr', crd: 'website', namespace: 'team-a', name: 'shop.v2' }), { type: 'ok', path: '/katalog/website/cr/team-a/shop.v2' });
  assert.equal(runtimeDetailPath({ type: 'cr', crd: 'cluster-thing', namespace: '_', name: 'one' }), { type: 'ok', path: '/katalog/cluster-thing/cr/one' });
});

// Issue 12, finding 12: `crds/../crs/../..` reached the runtime's `/` and `/events`.
const refused: [string, Parameters<typeof runtimeDetailPath>[0], RegExp][] = [
  ['.. as the CRD', { type: 'crd', crd: '..' }, /^CRD "\.\." is not a CRD key/],
  ['. as the CRD', { type: 'crs', crd: '.' }, /^CRD "\." is not/],
  ['a CRD with a slash (decoded %2F)', { type: 'crd', crd: '../crs/../..' }, /^CRD "\.\.\/crs\/\.\.\/\.\." is not/],
  ['.. as the namespace', { type: 'cr', crd: 'website', namespace: '..', name: 'x' }, /^namespace "\.\." is not/],
  ['.. as the name', { type: 'cr', crd: 'website', namespace: '_', name: '..' }, /^name "\.\." is not/],
  ['a name starting with a dot', { type: 'cr', crd: 'website', namespace: 'a', name: '.x' }, /^name/],
  ['a backslash', { type: 'crd', crd: 'a\\b' }, /^CRD/],
  ['a query in the name', { type: 'cr', crd: 'website', namespace: 'a', name: 'x?watch=1' }, /^name/],
  ['upper case', { type: 'crd', crd: 'Website' }, /^CRD/],
  ['an empty namespace', { type: 'cr', crd: 'website', namespace: '', name: 'x' }, /^namespace "" is not/],
  ['a CRD key over 63 characters', { type: 'crd', crd: 'a'.repeat(64) }, /^CRD "a{64}" is not/],
  ['a name over 253 characters', { type: 'cr', crd: 'w', namespace: 'a', name: 'a'.repeat(254) }, /^name "a{80}…" is not/],
];
for (const [name, target, message] of refused) {
  test(`refused: ${name}`, () => {
    const r = runtimeDetailPath(target);
    assert.is(r.type, 'invalid');
    assert.match(r.type === 'invalid' ? r.message : '', message);
  });
}

test.run();
