import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '@orkestra/lib';
import { OWNER_KEY_ANNOTATION, type CrdHealth, type ObservedChild, type WorkQueueStats } from '@orkestra/lib/runtime';
import type { KubeObject as ClusterObject } from '@orkestra/lib/ports';
import { fakeClock } from '@orkestra/lib/testing';
import { createRuntimeView, type ViewSource } from './runtime-view.ts';

const test = suite('createRuntimeView');

const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: shop
  version: 1.2.0
spec:
  crds:
    website:
      apiTypes: { group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites }
      workers: 3
      operatorBox:
        onCreate:
          deployments:
            - image: nginx
          services:
            - port: 80
    blog:
      enabled: false
      apiTypes: { group: demo.orkestra.io, version: v1alpha1, kind: Blog, plural: blogs }
`;
const parsed = parseKatalog({ file: 'k.yaml', text: KATALOG });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const katalog = parsed.katalog;
const website = katalog.crds.find((c) => c.name === 'website')!;
const OWNER = 'websites.demo.orkestra.io:shop/site';

const stats = (over: Partial<WorkQueueStats> = {}): WorkQueueStats => ({
  depth: 0, waiting: 0, processing: 0, addsTotal: 0, retriesTotal: 0, droppedTotal: 0, unfinishedWorkMs: 0, longestRunningMs: 0, ...over,
});

const site: ClusterObject = {
  apiVersion: 'demo.orkestra.io/v1alpha1', kind: 'Website',
  metadata: { name: 'site', namespace: 'shop', uid: 'u1', generation: 2, creationTimestamp: '2026-11-24T01:00:00Z', finalizers: ['f'], labels: { a: 'b' } },
  spec: { replicas: 1 },
  status: { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True', reason: 'ReconcileSucceeded' }] },
};
const fresh: ClusterObject = { metadata: { name: 'new', namespace: 'a', generation: 1, deletionTimestamp: '2026-11-24T02:00:00Z' } };

function setup(state: { health: CrdHealth; synced: boolean; objects: ClusterObject[]; children: ObservedChild[]; queue: WorkQueueStats; reconciles: number }) {
  const source: ViewSource = {
    controller: { crd: website, health: () => state.health, reconciles: () => state.reconciles, queue: { stats: () => state.queue } },
    cache: {
      synced: () => state.synced,
      list: () => state.objects,
      get: (ns, name) => state.objects.find((o) => o.metadata.namespace === ns && o.metadata.name === name),
      children: (owner) => new Map(owner === OWNER ? state.children.map((c, i) => [String(i), c]) : []),
      stats: () => new Map(),
      events: (key) => (key === 'shop/site' ? [{ type: 'Normal', reason: 'Reconciled', note: 'ready', action: 'Reconcile', at: '2026-11-24T01:00:05Z', count: 2 }] : []),
    },
  };
  return createRuntimeView({
    katalog, runtimeVersion: '0.1.0', sources: [source], isLeader: () => true, clock: fakeClock(), gatewayEndpoint: undefined, namespace: 'orkestra-system',
    defaults: { workers: 2, resyncMs: 30_000, maxDepth: 500 },
  });
}

const base = () => ({
  health: { state: 'healthy', consecutiveFailures: 0, sinceMs: 0 } as CrdHealth, synced: true, objects: [fresh, site],
  children: [
    { resource: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true }, metadata: { name: 'site', namespace: 'shop', annotations: { [OWNER_KEY_ANNOTATION]: OWNER } } },
    { resource: { group: '', version: 'v1', resource: 'services', namespaced: true }, metadata: { name: 'site', namespace: 'shop' } },
  ],
  queue: stats({ depth: 1, processing: 2, retriesTotal: 1 }), reconciles: 4,
});

test('the Katalog summary lists every CRD with live counters', () => {
  const view = setup(base());
  const k = view.katalog();
  assert.is(parsed.diagnostics.filter((d) => d.severity === 'error').length, 0);
  assert.is(k.name, 'shop');
  assert.is(k.version, '1.2.0');
  assert.equal(k.crds.map((c) => [c.name, c.enabled, c.state, c.resourceCount, c.queueDepth, c.totalReconciles, c.errorRate, c.workers]), [
    ['blog', false, 'not-started', 0, 0, 0, 0, 2],
    ['website', true, 'healthy', 2, 1, 4, 0.25, 3],
  ]);
  assert.equal(view.health().crds.map((c) => c.name), ['website']);
});

test('CRD info says where settings come from', () => {
  const info = setup(base()).crd('website')!;
  assert.is(info.workers, 3);
  assert.is(info.workersSource, 'katalog');
  assert.is(info.workersActive, 2);
  assert.is(info.resyncSeconds, 30);
  assert.is(info.resyncSource, 'default');
  assert.is(info.maxDepth, 500);
  assert.is(setup(base()).crd('nope'), undefined);
});

test('CRD info lists the rules the runtime holds for it, with the planner\'s reasons', () => {
  const view = setup(base());
  const rules = view.crd('website')!.rbac.rules;
  const deployments = rules.find((r) => r.resources.join() === 'deployments')!;
  assert.equal([deployments.apiGroups, deployments.verbs, deployments.scope], [['apps'], ['list', 'watch', 'create', 'patch'], 'cluster']);
  assert.match(deployments.reasons.join('\n'), /^website onCreate\.deployments: server-side apply/);
  assert.ok(rules.some((r) => r.resources.join() === 'websites/status'));
  assert.ok(rules.every((r) => r.reasons.length > 0));
  assert.equal(view.crd('blog')!.rbac.rules, [], 'a disabled CRD holds nothing');
});

test('CR events come from the controller\'s record of the cached CR; an uncached CR has none', () => {
  const view = setup(base());
  assert.equal(view.crEvents('website', 'shop', 'site'), { items: [{ type: 'Normal', reason: 'Reconciled', note: 'ready', action: 'Reconcile', at: '2026-11-24T01:00:05Z', count: 2 }] });
  assert.equal(view.crEvents('website', 'a', 'new'), { items: [] });
  assert.is(view.crEvents('website', 'shop', 'gone'), undefined);
  assert.is(view.crEvents('blog', 'shop', 'site'), undefined);
});

test('ready waits for the caches of started controllers only', () => {
  assert.is(setup(base()).ready(), true);
  assert.is(setup({ ...base(), synced: false }).ready(), false);
  // A controller waiting for its CRD has no caches; it must not hold readiness back.
  assert.is(setup({ ...base(), synced: false, health: { state: 'waiting-for-crd', consecutiveFailures: 0, sinceMs: 0 } }).ready(), true);
});

test('the CR list is sorted and reads Ready, reason, generations and deletion', () => {
  const list = setup(base()).crs('website')!;
  assert.equal(list.gvk, { group: 'demo.orkestra.io', version: 'v1alpha1', kind: 'Website' });
  assert.equal(list.items, [
    { name: 'new', namespace: 'a', ready: 'Unknown', generation: 1, createdAt: '', deleting: true },
    { name: 'site', namespace: 'shop', ready: 'True', reason: 'ReconcileSucceeded', generation: 2, observedGeneration: 2, createdAt: '2026-11-24T01:00:00Z', deleting: false },
  ]);
  assert.equal(setup(base()).crs('blog')!.items, []);
});

test('CR detail groups the cached children by kind', () => {
  const detail = setup(base()).cr('website', 'shop', 'site')!;
  assert.is(detail.uid, 'u1');
  assert.equal(detail.finalizers, ['f']);
  assert.equal(detail.spec, { replicas: 1 });
  assert.equal(detail.children, {
    Deployment: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'site', namespace: 'shop', exists: true }],
    Service: [{ apiVersion: 'v1', kind: 'Service', name: 'site', namespace: 'shop', exists: true }],
  });
  assert.is(setup(base()).cr('website', 'shop', 'missing'), undefined);
});

test.run();
