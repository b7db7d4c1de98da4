import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { buildChild, type BuildResult } from './build-child.ts';
import { customItemSchema } from './build-custom.ts';
import { CTX } from './child-cases.test.fixture.ts';
import { customTarget, isApiVersion } from './custom-target.ts';
import { defaultChildName } from './default-name.ts';
import { guessPlural } from './guess-plural.ts';
import type { KubeObject } from './kube-object.ts';

const test = suite('custom children');

function ok(item: unknown): KubeObject {
  const r = buildChild('custom', item, CTX);
  if (!r.ok) throw new Error(r.error);
  return r.object;
}
function fails(r: BuildResult, field: string, fragment: string): void {
  assert.is(r.ok, false);
  if (r.ok) return;
  assert.is(r.field, field);
  assert.ok(r.error.includes(fragment), r.error);
}
const managed = { 'app.kubernetes.io/managed-by': 'orkestra', 'orkestra.orkspace.io/owner': 'shop' };
const certificate = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'] } };

test('guessPlural follows the usual English rules', () => {
  const cases: [string, string][] = [
    ['Certificate', 'certificates'], ['Ingress', 'ingresses'], ['Box', 'boxes'], ['Match', 'matches'],
    ['Mesh', 'meshes'], ['Policy', 'policies'], ['Gateway', 'gateways'], ['Key', 'keys'], ['Database', 'databases'],
  ];
  for (const [kind, plural] of cases) assert.is(guessPlural(kind), plural, kind);
});

test('customTarget splits apiVersion and infers the resource', () => {
  assert.equal(customTarget(certificate), {
    group: 'cert-manager.io', version: 'v1', kind: 'Certificate', resource: 'certificates', namespaced: true, inferred: true,
  });
  assert.equal(customTarget({ apiVersion: 'v1', kind: 'LimitRange', plural: 'limitranges', scope: 'Namespaced' }), {
    group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', namespaced: true, inferred: false,
  });
  assert.is(customTarget({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', scope: 'Cluster' }).namespaced, false);
});

test('isApiVersion accepts group/version and core versions only', () => {
  for (const ok of ['v1', 'apps/v1', 'cert-manager.io/v1', 'example.com/v1alpha1']) assert.ok(isApiVersion(ok), ok);
  for (const bad of ['', '/v1', 'Apps/v1', 'a/b/c', '{{ .spec.api }}', 'example.com/', 'v1/']) assert.not.ok(isApiVersion(bad), bad);
});

test('a custom object is exactly this, named after its kind', () => {
  assert.equal(ok(certificate), {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'shop-certificate', namespace: 'team-a', labels: managed },
    spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'] },
  });
  assert.is(defaultChildName('custom', CTX, certificate), 'shop-certificate');
  assert.is(defaultChildName('custom', CTX), 'shop-custom');
});

test('a cluster-scoped custom object has no namespace and a namespace-prefixed name', () => {
  const o = ok({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', scope: 'Cluster', spec: { selfSigned: {} } });
  assert.equal(o.metadata, { name: 'team-a-shop-clusterissuer', labels: managed });
  fails(buildChild('custom', { apiVersion: 'v1', kind: 'X', scope: 'Cluster', namespace: 'a' }, CTX), 'namespace', 'cluster-scoped');
});

test('body adds other top-level fields but not the reserved ones', () => {
  const o = ok({ apiVersion: 'v1', kind: 'Secret', body: { type: 'Opaque', immutable: true }, data: { a: 'Yg==' } });
  assert.equal(Object.keys(o), ['apiVersion', 'kind', 'metadata', 'type', 'immutable', 'data']);
  fails(buildChild('custom', { apiVersion: 'v1', kind: 'X', body: { status: {} } }, CTX), 'body.status', 'never applied');
  fails(buildChild('custom', { apiVersion: 'v1', kind: 'X', body: { spec: {} }, spec: { a: 1 } }, CTX), 'body.spec', 'set it once');
  fails(buildChild('custom', { apiVersion: 'v1', kind: 'X', body: [] }, CTX), 'body', 'expected a mapping');
});

test('apiVersion, kind, plural and scope must be literals (RBAC is planned from them)', () => {
  const issues = (item: unknown) => v.safeParse(customItemSchema, item).issues?.map((i) => i.path?.map((p) => p.key).join('.'));
  assert.equal(issues({ apiVersion: '{{ .spec.group }}/v1', kind: 'Certificate' }), ['apiVersion']);
  assert.equal(issues({ apiVersion: 'v1', kind: '{{ .spec.kind }}' }), ['kind']);
  assert.equal(issues({ apiVersion: 'v1', kind: 'Thing', plural: 'Things' }), ['plural']);
  assert.equal(issues({ apiVersion: 'v1', kind: 'Thing', scope: 'Global' }), ['scope']);
  assert.equal(issues({ ...certificate, spec: { secretName: '{{ .metadata.name }}-tls' } }), undefined);
  fails(buildChild('custom', { kind: 'X' }, CTX), 'apiVersion', 'is required');
  fails(buildChild('custom', { apiVersion: 'v1', kind: 'lower' }, CTX), 'kind', 'CamelCase');
});

test.run();
