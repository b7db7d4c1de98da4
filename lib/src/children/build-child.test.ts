import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { fieldTypeOf } from '../field-schemas/field-schemas.ts';
import { buildChild, fieldNames, type BuildResult } from './build-child.ts';
import { deploymentItemSchema } from './build-deployment.ts';
import { CLUSTER_CTX, CTX } from './child-cases.test.fixture.ts';
import { defaultChildName } from './default-name.ts';
import { CHILD_KIND_KEYS, type ChildKindKey } from './kind-meta.ts';
import { CHILD_KINDS } from './kinds.ts';
import type { BuildContext } from './kube-object.ts';
import { podSelectorFor } from './labels.ts';
import { operatorBoxListSchema } from './operator-box-schema.ts';
import { canOwn, ownerReferenceFor } from './owner-reference.ts';

const test = suite('buildChild and the kind table');

function fails(r: BuildResult, field: string | undefined, fragment: string): void {
  assert.is(r.ok, false);
  if (r.ok) return;
  assert.is(r.field, field);
  assert.ok(r.error.includes(fragment), r.error);
}

test('default names for a namespaced CR', () => {
  const expected: Record<ChildKindKey, string> = {
    deployments: 'shop-deployment', statefulSets: 'shop-statefulset', services: 'shop-svc', configMaps: 'shop-config',
    secrets: 'shop-secret', serviceAccounts: 'shop-sa', jobs: 'shop-job', cronJobs: 'shop-cronjob', ingresses: 'shop-ingress',
    persistentVolumeClaims: 'shop-pvc', hpa: 'shop-hpa', pdb: 'shop-pdb', networkPolicies: 'shop-netpol', roles: 'shop-role',
    roleBindings: 'shop-rolebinding', namespaces: 'shop', clusterRoles: 'team-a-shop-clusterrole',
    clusterRoleBindings: 'team-a-shop-clusterrolebinding', pods: 'shop-pod', replicaSets: 'shop-replicaset',
    persistentVolumes: 'team-a-shop-pv', limitRanges: 'shop-limitrange', resourceQuotas: 'shop-quota', custom: 'shop-custom',
  };
  for (const key of CHILD_KIND_KEYS) assert.is(defaultChildName(key, CTX), expected[key], key);
  assert.is(defaultChildName('clusterRoles', CLUSTER_CTX), 'acme-clusterrole');
  assert.is(defaultChildName('namespaces', { ...CTX, index: 1 }), 'shop-2');
});

test('a name that renders empty falls back to the default name', () => {
  const r = buildChild('configMaps', { name: '' }, CTX);
  assert.is(r.ok && r.object.metadata.name, 'shop-config');
});

test('non-mapping items and unknown fields are errors, not exceptions', () => {
  fails(buildChild('services', 'port: 80', CTX), undefined, 'must be a mapping');
  fails(buildChild('services', [], CTX), undefined, 'must be a mapping');
  fails(buildChild('services', { port: 80, portt: 81 }, CTX), 'portt', 'is not a field of a services item');
});

test('a broken context is a programming error and throws', () => {
  assert.throws(() => buildChild('services', {}, { ...CTX, index: -1 }), /index/);
  assert.throws(() => buildChild('services', {}, { ...CTX, index: 0.5 }), /index/);
});

test('namespaced children of a cluster-scoped CR need an explicit namespace', () => {
  fails(buildChild('configMaps', {}, CLUSTER_CTX), 'namespace', 'cluster-scoped');
  const r = buildChild('configMaps', { namespace: 'acme' }, CLUSTER_CTX);
  assert.is(r.ok && r.object.metadata.namespace, 'acme');
  fails(buildChild('configMaps', { namespace: 'Team_A' }, CTX), 'namespace', 'DNS-1123 label');
  const emptyNs: BuildContext = { ...CTX, cr: { ...CTX.cr, metadata: { name: 'shop', namespace: '' } } };
  fails(buildChild('configMaps', {}, emptyNs), 'namespace', 'is required');
});

test('labels and annotations are checked like the API server does', () => {
  fails(buildChild('configMaps', { labels: { 'bad key!': 'x' } }, CTX), 'labels.bad key!', 'label key');
  fails(buildChild('configMaps', { labels: { ok: 'spaces are bad' } }, CTX), 'labels.ok', 'label value');
  fails(buildChild('configMaps', { labels: { ok: 'x'.repeat(64) } }, CTX), 'labels.ok', 'label value');
  fails(buildChild('configMaps', { annotations: { '/x': 'y' } }, CTX), 'annotations./x', 'annotation key');
  const r = buildChild('configMaps', { labels: { n: 3, b: true }, annotations: { 'example.com/any': 'free text: ok!' } }, CTX);
  assert.ok(r.ok);
  assert.is(r.ok && r.object.metadata.labels?.['n'], '3');
  const long: BuildContext = { ...CTX, cr: { ...CTX.cr, metadata: { name: 'x'.repeat(64), namespace: 'team-a' } } };
  fails(buildChild('configMaps', { name: 'short' }, long), undefined, 'label value');
});

test('labels are emitted in sorted key order', () => {
  const r = buildChild('configMaps', { labels: { zeta: '1', alpha: '2' } }, CTX);
  assert.equal(r.ok && Object.keys(r.object.metadata.labels ?? {}), ['alpha', 'app.kubernetes.io/managed-by', 'orkestra.orkspace.io/owner', 'zeta']);
});

test('podSelectorFor names the CR kind and the CR', () => {
  assert.equal(podSelectorFor(CTX), { 'app.kubernetes.io/name': 'website', 'orkestra.orkspace.io/owner': 'shop' });
});

test('ownerReferenceFor makes the CR the controller', () => {
  assert.equal(ownerReferenceFor({ apiVersion: 'demo.example.com/v1', kind: 'Website', metadata: { name: 'shop', uid: 'u-1' } }), {
    apiVersion: 'demo.example.com/v1', kind: 'Website', name: 'shop', uid: 'u-1', controller: true, blockOwnerDeletion: true,
  });
});

test('canOwn: a namespaced CR owns only children in its own namespace', () => {
  const child = (namespace?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', ...(namespace && { namespace }) } });
  assert.ok(canOwn(CTX.cr, child('team-a')));
  assert.not.ok(canOwn(CTX.cr, child('team-b')));
  assert.not.ok(canOwn(CTX.cr, child()));
  assert.ok(canOwn(CLUSTER_CTX.cr, child('team-b')));
  assert.ok(canOwn(CLUSTER_CTX.cr, child()));
});

test('CHILD_KINDS gives the RBAC planner group, resource and scope', () => {
  const rbac = (key: Exclude<ChildKindKey, 'custom'>) => {
    const { group, resource, namespaced } = CHILD_KINDS[key];
    return [group, resource, namespaced];
  };
  assert.equal(rbac('deployments'), ['apps', 'deployments', true]);
  assert.equal(rbac('services'), ['', 'services', true]);
  assert.equal(rbac('hpa'), ['autoscaling', 'horizontalpodautoscalers', true]);
  assert.equal(rbac('pdb'), ['policy', 'poddisruptionbudgets', true]);
  assert.equal(rbac('networkPolicies'), ['networking.k8s.io', 'networkpolicies', true]);
  assert.equal(rbac('clusterRoleBindings'), ['rbac.authorization.k8s.io', 'clusterrolebindings', false]);
  assert.equal(rbac('namespaces'), ['', 'namespaces', false]);
  assert.is(CHILD_KINDS.custom.type, 'custom');
  assert.is(CHILD_KINDS.custom.target({ apiVersion: 'x.io/v1', kind: 'Thing' }).resource, 'things');
  for (const key of CHILD_KIND_KEYS) assert.is(CHILD_KINDS[key].key, key);
});

test('fieldNames lists an item\'s fields, including piped schemas', () => {
  assert.ok(fieldNames('services').has('targetPort'));
  assert.ok(fieldNames('pdb').has('maxUnavailable'));
  assert.ok(fieldNames('deployments').has('when'));
  assert.not.ok(fieldNames('clusterRoles').has('namespace'));
});

test('fields carry the type the static checker needs', () => {
  const type = (schema: v.GenericSchema, field: string) => {
    const entry = (schema as unknown as { entries: Record<string, v.GenericSchema> }).entries[field];
    const inner = entry && 'wrapped' in entry ? (entry as unknown as { wrapped: v.GenericSchema }).wrapped : entry;
    return inner && fieldTypeOf(inner);
  };
  const svc = (CHILD_KINDS.services.itemSchema as unknown as { pipe: [v.GenericSchema] }).pipe[0];
  const pdb = (CHILD_KINDS.pdb.itemSchema as unknown as { pipe: [v.GenericSchema] }).pipe[0];
  assert.is(type(deploymentItemSchema, 'replicas'), 'integer');
  assert.is(type(deploymentItemSchema, 'port'), 'integer');
  assert.is(type(deploymentItemSchema, 'image'), 'string');
  assert.is(type(CHILD_KINDS.jobs.itemSchema, 'backoffLimit'), 'integer');
  assert.is(type(CHILD_KINDS.hpa.itemSchema, 'minReplicas'), 'integer');
  assert.is(type(CHILD_KINDS.cronJobs.itemSchema, 'suspend'), 'boolean');
  assert.is(type(svc, 'targetPort'), 'int-or-string');
  assert.is(type(svc, 'headless'), 'boolean');
  assert.is(type(pdb, 'maxUnavailable'), 'int-or-string');
  assert.is(type(deploymentItemSchema, 'resources'), 'any');
});

test('operatorBoxListSchema takes every kind key and templates in typed fields, and names the exact bad field', () => {
  const block = {
    deployments: [{ image: '{{ .spec.image }}', replicas: '{{ .spec.replicas }}', port: 80, resources: '{{ .spec.resources }}', imagePullPolicy: '{{ .spec.pull }}' }],
    services: [{ port: 80, headless: '{{ .spec.headless }}' }],
    custom: [{ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', spec: { secretName: '{{ .metadata.name }}-tls' } }],
  };
  assert.ok(v.safeParse(operatorBoxListSchema, block).success);
  assert.equal(Object.keys(operatorBoxListSchema.entries).sort(), [...CHILD_KIND_KEYS, 'or', 'when'].sort());
  const bad = v.safeParse(operatorBoxListSchema, { deployment: [{ image: 'x' }], services: [{ port: 'eighty' }] });
  assert.equal(bad.issues?.map((i) => i.path?.map((p) => p.key).join('.')).sort(), ['deployment', 'services.0.port']);
  const nested = v.safeParse(operatorBoxListSchema, {
    roles: [{ rules: [{ resource: ['pods'], verbs: ['get'] }] }],
    pdb: [{ selector: { matchLabel: { app: 'x' } } }],
    deployments: [{ image: 'x', imagePullSecrets: [{ nam: 'x' }] }],
    statefulSets: [{ image: 'x', volumeClaimTemplates: [{ name: 'd', storage: '1Gi', size: 1 }] }],
  });
  assert.equal(nested.issues?.map((i) => i.path?.map((p) => p.key).join('.')).sort(), [
    'deployments.0.imagePullSecrets.0.nam', 'deployments.0.imagePullSecrets.0.name', 'pdb.0.selector.matchLabel', 'roles.0.rules.0.resource',
    'statefulSets.0.volumeClaimTemplates.0.size',
  ]);
  const env = v.safeParse(operatorBoxListSchema, { deployments: [{ image: 'x', env: { A: '1' } }] });
  assert.ok(env.issues?.some((i) => i.message.includes('Kubernetes list')), JSON.stringify(env.issues?.map((i) => i.message)));
});

test.run();
