// A Control Center API answered by the browser itself (playwright's page.route) for the one case a
// real cluster cannot produce: a CR *name* carrying markup (Kubernetes names cannot hold `<`).
// Everything else in the browser tests reads the real runtime.
import type { Page, Route } from 'playwright-core';

/** The classic probe: an element whose error handler would run script if parsed as HTML. */
export const XSS = '<img src=x onerror=alert(1)>';

const nowIso = () => new Date().toISOString();

function snapshot() {
  const crd = { name: 'website', group: 'demo.orkestra.io', version: 'v1alpha1', kind: 'Website', plural: 'websites', namespaced: true, enabled: true, state: 'healthy', resourceCount: 1, queueDepth: 0, totalReconciles: 1, errorRate: 0 };
  return {
    updatedAt: nowIso(), refreshSeconds: 10,
    stats: { totalRuntimes: 1, onlineRuntimes: 1, totalCrds: 1, healthyCrds: 1, totalWorkers: 2, totalResources: 1, totalQueueDepth: 0 },
    runtimes: [{ id: 'r0', url: 'http://fixture:8080', status: 'online', lastSeen: nowIso(), isLeader: true, katalog: { name: XSS, version: '1', status: 'healthy', crds: [crd] }, history: [] }],
  };
}

function crList() {
  return { gvk: { group: 'demo.orkestra.io', version: 'v1alpha1', kind: 'Website' }, total: 1, items: [{ name: XSS, namespace: 'default', ready: 'False', reason: XSS, generation: 1, createdAt: nowIso(), deleting: false }] };
}

function crDetail() {
  return {
    cr: {
      ...crList().items[0], uid: 'u', labels: {}, finalizers: [], spec: { note: XSS },
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ReconcileError', message: XSS }] }, children: { [XSS]: [{ apiVersion: 'v1', kind: XSS, name: XSS, exists: false }] },
    },
    events: { items: [{ type: 'Warning', reason: 'ReconcileError', note: XSS, action: 'Reconcile', at: nowIso(), count: 1 }] },
  };
}

/** Answers `<base>/api/**` from the fixture: the snapshot (also as one SSE event), the CR list and the CR. */
export async function xssFixtureRoutes(page: Page, base: string): Promise<void> {
  const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(`${base}/api/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/api/events') {
      // One event, then a long retry: the page must draw from what arrived.
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body: `retry: 600000\nevent: snapshot\ndata: ${JSON.stringify(snapshot())}\n\n` });
    }
    if (path === '/api/snapshot') return json(route, snapshot());
    if (path === '/api/runtimes/r0/crds/website/crs') return json(route, crList());
    if (path.startsWith('/api/runtimes/r0/crds/website/crs/default/')) return json(route, crDetail());
    return route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: `fixture has no ${path}` }) });
  });
}
