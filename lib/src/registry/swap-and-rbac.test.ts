import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Katalog } from '../katalog/model.ts';
import { parseKatalog } from '../validate/parse-katalog.ts';
import { planRbac } from '../rbac/plan-rbac.ts';
import { describeMissingRule, missingRuntimeRules, rbacReviewNamespaces } from './check-runtime-rbac.ts';
import { isQuietSwap, planKatalogSwap } from './plan-katalog-swap.ts';
import { parseAuthChallenge } from './parse-auth-challenge.ts';

const test = suite('katalog swap and RBAC check');

function katalog(crds: string, name = 'demo'): Katalog {
  const text = `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: ${name}\nspec:\n  crds:\n${crds}`;
  const r = parseKatalog({ file: 'k.yaml', text });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.katalog;
}
const crd = (name: string, kind: string, children = '          configMaps:\n            - data: {a: b}\n', extra = '') =>
  `    ${name}:\n${extra}      apiTypes: {group: demo.example.com, version: v1, kind: ${kind}, plural: ${name}s}\n      operatorBox:\n        onCreate:\n${children}`;

test('swap: start new, stop removed, restart changed, keep the rest', () => {
  const v1 = katalog(crd('alpha', 'Alpha') + crd('beta', 'Beta') + crd('gamma', 'Gamma'));
  const v2 = katalog(crd('beta', 'Beta') + crd('alpha', 'Alpha', '          configMaps:\n            - data: {a: c}\n') + crd('delta', 'Delta'), 'demo-renamed');
  assert.equal(planKatalogSwap(v1, v2), { start: ['delta'], stop: ['gamma'], restart: ['alpha'], keep: ['beta'] });
  assert.ok(isQuietSwap(planKatalogSwap(v1, v1)));
});

test('swap: enabling or disabling a CRD starts or stops it', () => {
  const on = katalog(crd('alpha', 'Alpha'));
  const off = katalog(crd('alpha', 'Alpha', undefined, '      enabled: false\n'));
  assert.equal(planKatalogSwap(on, off).stop, ['alpha']);
  assert.equal(planKatalogSwap(off, on).start, ['alpha']);
});

test('RBAC: the plan itself is enough; a missing child kind is named, with its namespace scope', () => {
  const v1 = katalog(crd('alpha', 'Alpha'));
  const held = new Map([['orkestra-system', planRbac(v1, { namespace: 'orkestra-system' }).components.runtime.roles.flatMap((r) => r.rules.map((x) => x.rule))]]);
  assert.equal(missingRuntimeRules(v1, 'orkestra-system', held), []);
  const v2 = katalog(crd('alpha', 'Alpha', '          configMaps:\n            - data: {a: b}\n          services:\n            - port: 80\n'));
  const missing = missingRuntimeRules(v2, 'orkestra-system', held).map(describeMissingRule);
  assert.ok(missing.includes('create services') && missing.includes('watch services'), missing.join(', '));
  assert.equal(rbacReviewNamespaces(v2, 'orkestra-system'), ['orkestra-system']);
});

test('RBAC: wildcards and resourceNames in held rules', () => {
  const v1 = katalog(crd('alpha', 'Alpha'));
  const all = new Map([['ns', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]]]);
  assert.equal(missingRuntimeRules(v1, 'ns', all), []);
  const named = new Map([['ns', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: ['x'] }]]]);
  assert.ok(missingRuntimeRules(v1, 'ns', named).length > 0);
  assert.ok(missingRuntimeRules(v1, 'ns', new Map()).length > 0, 'no review, nothing held');
});

test('auth challenges', () => {
  assert.equal(parseAuthChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', realm: 'Registry Realm' });
  assert.equal(parseAuthChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull"'),
    { scheme: 'bearer', realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull' });
  assert.equal(parseAuthChallenge('Bearer service="x"'), { scheme: 'unsupported', name: 'Bearer without a realm' });
  assert.equal(parseAuthChallenge('Negotiate abc'), { scheme: 'unsupported', name: 'Negotiate' });
  assert.is(parseAuthChallenge(undefined), undefined);
});

test.run();
