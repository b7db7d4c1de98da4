// A RuntimeView over plain data, for route tests; mutate `state` between requests.
import type { HealthState } from '@orkestra/lib/runtime';
import type { CrDetail, CrdInfo, CrEvent, CrListItem, RuntimeView } from './runtime-view-contract.ts';

/** What the fake view reads; tests edit it in place. */
export interface FakeState {
  isLeader: boolean;
  ready: boolean;
  gatewayEndpoint: string | undefined;
  crds: CrdInfo[];
  crs: Record<string, CrDetail[]>;
  /** Recorded Events by `crd/namespace/name` (`crd//name` when cluster-scoped), newest first. */
  events?: Record<string, CrEvent[]>;
  /** Makes every getter throw, to exercise the error handler. */
  broken: boolean;
}

/** A namespaced or cluster-scoped CRD in `state`, healthy unless told otherwise. */
export function fakeCrd(name: string, over: Partial<CrdInfo> = {}): CrdInfo {
  return {
    name, group: 'example.com', version: 'v1', kind: name[0]?.toUpperCase() + name.slice(1, -1), plural: name,
    namespaced: true, enabled: true, state: 'healthy', resourceCount: 1, queueDepth: 0, totalReconciles: 4, errorRate: 0.25,
    dependsOn: [], workers: 3, workersSource: 'default', workersActive: 1, resyncSeconds: 15, resyncSource: 'default',
    deletionProtection: { protectCRD: false, protectCRs: false }, hasUnhealthyDependencies: false,
    rbac: { rules: [{ apiGroups: ['example.com'], resources: [name], verbs: ['list', 'watch'], reasons: [`${name}: list and watch`], scope: 'cluster', critical: false }] },
    ...over,
  };
}

/** A CR with one child. */
export function fakeCr(name: string, namespace: string | undefined, over: Partial<CrDetail> = {}): CrDetail {
  return {
    name, ...(namespace !== undefined ? { namespace } : {}), ready: 'True', generation: 2, observedGeneration: 2,
    createdAt: '2026-11-24T01:00:00Z', deleting: false, uid: `uid-${name}`, labels: {}, finalizers: ['orkestra.orkspace.io/finalizer'],
    spec: { replicas: 1 }, status: { observedGeneration: 2 },
    children: { Deployment: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, ...(namespace !== undefined ? { namespace } : {}), exists: true }] },
    ...over,
  };
}

/** Builds a view over `state`. */
export function fakeRuntimeView(state: FakeState): RuntimeView {
  const guard = (): void => {
    if (state.broken) throw new Error('view exploded');
  };
  const find = (name: string): CrdInfo | undefined => state.crds.find((c) => c.name === name);
  const item = (cr: CrDetail): CrListItem => {
    const { uid: _uid, labels: _labels, finalizers: _finalizers, spec: _spec, status: _status, children: _children, ...rest } = cr;
    return rest;
  };
  return {
    isLeader: () => state.isLeader,
    ready: () => state.ready,
    gatewayEndpoint: () => state.gatewayEndpoint,
    health: () => {
      guard();
      return { crds: state.crds.filter((c) => c.enabled).map((c) => ({ name: c.name, state: c.state, consecutiveFailures: c.state === 'degraded' ? 5 : 0 })) };
    },
    katalog: () => {
      guard();
      return { name: 'shop', version: '1.0.0', runtimeVersion: '0.1.0', crds: state.crds.map(({ name, group, version, kind, plural, namespaced, enabled, state: s, resourceCount, queueDepth, totalReconciles, errorRate, workers }) => ({ name, group, version, kind, plural, namespaced, enabled, state: s, resourceCount, queueDepth, totalReconciles, errorRate, workers })) };
    },
    crd: (name) => {
      guard();
      return find(name);
    },
    crdHealth: (name) => {
      guard();
      const c = find(name);
      if (!c) return undefined;
      const state: HealthState = c.state;
      return {
        name, state, since: '2026-11-24T01:00:00Z', consecutiveFailures: 0, queueDepth: c.queueDepth, totalReconciles: c.totalReconciles,
        errorRate: c.errorRate, resourceCount: c.resourceCount, waitingFor: [], dependencies: {},
      };
    },
    crs: (name) => {
      guard();
      const c = find(name);
      return c ? { gvk: { group: c.group, version: c.version, kind: c.kind }, items: (state.crs[name] ?? []).map(item) } : undefined;
    },
    cr: (crd, namespace, name) => {
      guard();
      return (state.crs[crd] ?? []).find((cr) => cr.name === name && cr.namespace === namespace);
    },
    crEvents: (crd, namespace, name) => {
      guard();
      if (!(state.crs[crd] ?? []).some((cr) => cr.name === name && cr.namespace === namespace)) return undefined;
      return { items: state.events?.[`${crd}/${namespace ?? ''}/${name}`] ?? [] };
    },
  };
}
