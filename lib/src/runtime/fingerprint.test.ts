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
  // A hole in an array is part of the text the applied-hashes were made with.
  [[1, , 3], '[1,,3]'],
  [[() => 1, Symbol('s')], '[null,null]'],
  [{ f: () => 1, 'é': 1, Z: 2, a: {} }, '{"Z":2,"a":{},"f":null,"é":1}'],
  [new Date(0), '{}'],
  [undefined, 'null'],
];
for (const [value, text] of canonical) test(`canonicalJson ${text}`, () => assert.is(canonicalJson(value), text));

// The text before the string-concatenation rewrite: every applied-hash in a cluster was made
// with it, so the rewrite must give the same text for every value, or an upgrade re-applies
// every child.
function canonicalJsonBefore(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJsonBefore(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJsonBefore((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

test('canonicalJson gives the same text as before its rewrite, for 2,000 generated values', () => {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const keys = ['a', 'b', 'B', 'é', 'x"y', '10', '2', 'metadata', 'spec', ''];
  const make = (depth: number): unknown => {
    const pick = next(depth > 3 ? 6 : 9);
    if (pick === 0) return null;
    if (pick === 1) return undefined;
    if (pick === 2) return next(1000) - 500;
    if (pick === 3) return next(2) === 0;
    if (pick === 4) return keys[next(keys.length)];
    if (pick === 5) return next(10) / 3;
    if (pick === 6) return Array.from({ length: next(4) }, () => make(depth + 1));
    return Object.fromEntries(Array.from({ length: next(5) }, () => [keys[next(keys.length)], make(depth + 1)]));
  };
  let compared = 0;
  for (let i = 0; i < 2000; i++) {
    const value = make(0);
    assert.is(canonicalJson(value), canonicalJsonBefore(value));
    compared++;
  }
  assert.is(compared, 2000);
});

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
