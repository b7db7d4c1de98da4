// API bodies in the contract's shapes (apps/control-center/API.md) for the UI's view tests, with a
// fixed clock. XSS carries the classic probe; it sits wherever a runtime hands text back.

export const NOW_MS = Date.parse('2026-11-24T08:00:00Z');
export const XSS = '<img src=x onerror=alert(1)>';

const iso = (agoMs: number) => new Date(NOW_MS - agoMs).toISOString();

/** Forty samples 10 s apart: 3 reconciles per interval, a runtime restart at sample 30. */
export const HISTORY = Array.from({ length: 40 }, (_, i) => {
  const total = i < 30 ? 100 + i * 3 : (i - 29) * 3;
  return {
    at: iso((39 - i) * 10_000), queueDepth: i % 5, totalReconciles: total, errors: i < 30 ? Math.floor(i / 10) : 0,
    crds: { website: { queueDepth: i % 2, totalReconciles: total } },
  };
});

const crdSummary = (name: string, state: string) => ({
  name, group: 'demo.orkestra.io', version: 'v1alpha1', kind: 'Website', plural: `${name}s`, namespaced: true, enabled: true,
  state, resourceCount: 3, queueDepth: 1, totalReconciles: 120, errorRate: 0.25,
});

export const SNAPSHOT = {
  updatedAt: iso(0), refreshSeconds: 10,
  stats: { totalRuntimes: 2, onlineRuntimes: 1, totalCrds: 1, healthyCrds: 1, totalWorkers: 2, totalResources: 3, totalQueueDepth: 1 },
  runtimes: [
    {
      id: 'r0', url: 'http://127.0.0.1:8080', status: 'online', lastSeen: iso(2_000), isLeader: true,
      katalog: { name: XSS, version: '1.0.0', description: XSS, runtimeVersion: '0.1.0', status: 'healthy', crds: [crdSummary('website', 'healthy')] },
      gateway: {
        endpoint: 'http://127.0.0.1:8090', status: 'online',
        stats: {
          gatewayVersion: '0.1.0', deletionProtection: { enabled: true, strictMode: true, total: 5, blocked: 2, allowed: 3, rejected: 0 },
          namespaceProtection: { enabled: false, total: 0, blocked: 0, allowed: 0 },
          conversion: {
            enabled: true, crds: ['website'], total: { reviews: 140, failedReviews: 2, objects: 400, failedObjects: 2 },
            window: {
              size: 100, reviews: 100, failedReviews: 1, objects: 310, failedObjects: 1, latencyMs: { timed: 100, p50: 0.42, p95: 1.9, p99: 3.14, max: 7, avg: 0.6 },
              crds: [], pairs: [{ crd: 'website', from: 'v1alpha1', to: 'v1beta1', converted: 300, failed: 1 }, { crd: 'website', from: 'v1beta1', to: 'v1alpha1', converted: 9, failed: 0 }],
            },
          },
          certificates: { managed: true, servingNotAfter: iso(-10 * 86_400_000) },
          housekeeper: { paused: false, intervalSeconds: 30 },
          crds: [{ name: 'website', gvr: { group: 'demo.orkestra.io', version: 'v1alpha1', resource: 'websites' }, deletionProtection: { enabled: true, total: 4, blocked: 1, allowed: 3 }, namespaceProtection: { enabled: false, total: 0, blocked: 0, allowed: 0 } }],
        },
      },
      history: HISTORY,
    },
    { id: 'r1', url: 'http://127.0.0.1:8081', status: 'offline', error: `connect ECONNREFUSED ${XSS}`, history: [] },
  ],
};

export const CRD = {
  info: {
    ...crdSummary('website', 'healthy'), description: XSS, isLeader: true, dependsOn: [{ name: 'database', condition: 'healthy' }],
    workers: 2, workersSource: 'default', workersActive: 1, resyncSeconds: 30, resyncSource: 'katalog', maxDepth: 500,
    deletionProtection: { protectCRD: true, protectCRs: false }, hasUnhealthyDependencies: true,
    rbac: { rules: [
      { apiGroups: ['demo.orkestra.io'], resources: ['websites'], verbs: ['get', 'list', 'watch'], reasons: ['watch Website CRs'], scope: 'cluster' },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'], reasons: ['emit Events', XSS], scope: 'namespace', namespace: 'team-a' },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], resourceNames: ['site-reader'], verbs: ['bind', 'escalate'], reasons: ['onCreate.roles[0]'], scope: 'cluster', critical: true },
    ] },
  },
  health: { name: 'website', state: 'healthy', since: iso(3_600_000), consecutiveFailures: 0, lastError: XSS, waitingFor: [{ name: 'database', condition: 'healthy' }], dependencies: { database: 'degraded' } },
};

export const CR_LIST = {
  gvk: { group: 'demo.orkestra.io', version: 'v1alpha1', kind: 'Website' }, total: 3,
  items: [
    { name: 'hello', namespace: 'default', ready: 'True', reason: 'ReconcileSucceeded', generation: 2, observedGeneration: 2, createdAt: iso(7_200_000), deleting: false },
    { name: 'shop', namespace: 'team-a', ready: 'False', reason: 'ReconcileError', generation: 3, observedGeneration: 2, createdAt: iso(200_000), deleting: false },
    { name: XSS, namespace: 'default', ready: 'Unknown', generation: 1, createdAt: iso(30_000), deleting: true },
  ],
};

export const CR = {
  cr: {
    name: 'hello', namespace: 'default', ready: 'False', reason: 'ReconcileError', generation: 3, observedGeneration: 2, createdAt: iso(7_200_000), deleting: false,
    uid: 'u-1', labels: { team: 'web' }, finalizers: ['orkestra.orkspace.io/finalizer'],
    spec: { replicas: 2, note: XSS },
    status: { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'False', reason: 'ReconcileError', message: XSS, lastTransitionTime: iso(60_000) }, { bogus: true }] },
    children: {
      Service: [{ apiVersion: 'v1', kind: 'Service', name: 'hello-svc', namespace: 'default', exists: false }],
      Deployment: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'b', namespace: 'default', exists: true }, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a', namespace: 'default', exists: true }],
    },
  },
  events: { items: [{ type: 'Warning', reason: 'ReconcileError', note: XSS, action: 'Reconcile', at: iso(60_000), count: 3 }] },
};
