import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { childKey, childResourceOf } from './child-key.ts';
import { canonicalJson, fingerprint } from './fingerprint.ts';
import { ownerKeyOf, queueKeyOf } from './names.ts';

const test = suite('fingerprint');

const canonical: [value: unknown, text: string][] = [
  [{ b: 1, a: [2, { d: 3, c: 4 }] }, '{"a":[2,{"c":4,"d":3}],"b":1}'],
  [{ a: undefined, b: null }, '{"b":null}'],
  [[undefined], '[null]'],
  ['x"y', '"x\\"y"'],
];
for (const [value, text] of canonical) test(`canonicalJson ${text}`, () => assert.is(canonicalJson(value), text));

test('fingerprint ignores key order and sees every value', () => {
  assert.is(fingerprint({ a: 1, b: 2 }), fingerprint({ b: 2, a: 1 }));
  assert.is.not(fingerprint({ a: 1 }), fingerprint({ a: '1' }));
  assert.is(fingerprint(''), '12ae32cb1ec02d01eda3581b127c1fee3b0dc53572ed6baf239721a03d82e126');
});

test('fingerprint is SHA-256 of the canonical JSON', () => {
  // sha256('"abc"') — the JSON text of the string, quotes included.
  assert.is(fingerprint('abc'), '6cc43f858fbb763301637b5af970e2a46b46f461f27e5a0f41e009c59b827b25');
});

const keys: [ns: string | undefined, name: string, expected: string][] = [
  ['team-a', 'web', 'apps/deployments/team-a/web'],
  [undefined, 'web', 'apps/deployments//web'],
];
for (const [ns, name, expected] of keys) test(`childKey ${expected}`, () => assert.is(childKey({ group: 'apps', resource: 'deployments' }, ns, name), expected));

test('queue and owner keys', () => {
  assert.is(queueKeyOf({ name: 'web', namespace: 'team-a' }), 'team-a/web');
  assert.is(queueKeyOf({ name: 'web' }), 'web');
  assert.is(ownerKeyOf({ plural: 'websites', group: 'demo.io' }, { name: 'web' }), 'websites.demo.io:web');
});

const resources: [key: string, spec: Record<string, unknown>, expected: unknown][] = [
  ['deployments', {}, { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true }],
  ['configMaps', {}, { group: '', version: 'v1', resource: 'configmaps', namespaced: true }],
  ['clusterRoles', {}, { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', namespaced: false }],
  ['custom', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate' }, { group: 'cert-manager.io', version: 'v1', resource: 'certificates', namespaced: true }],
  ['custom', { apiVersion: 'example.io/v2', kind: 'Widget', plural: 'widgetz', scope: 'Cluster' }, { group: 'example.io', version: 'v2', resource: 'widgetz', namespaced: false }],
  ['custom', { kind: 'Widget' }, undefined],
];
for (const [key, spec, expected] of resources) {
  test(`childResourceOf ${key} ${JSON.stringify(spec)}`, () => {
    assert.equal(childResourceOf({ key, index: 0, phase: 'onCreate', reconcile: false, conditions: [], spec, path: [] }), expected);
  });
}

test.run();
