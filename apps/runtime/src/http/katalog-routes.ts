import { healthHttpStatus, isStarted, type HealthState } from '@orkestra/lib/runtime';
import type { CrdHealthResponse, CrdInfoResponse, CrDetailResponse, CrEventsResponse, CrListResponse, KatalogResponse } from './responses.ts';
import type { KatalogRoute } from './match-route.ts';
import type { CrdInfo, CrListItem, RuntimeView } from './runtime-view-contract.ts';
import { overallHealth } from './overall-health.ts';
import { errorReply, jsonReply } from './reply.ts';
import type { Reply } from './reply.ts';

/** Answers `/katalog` and the per-CRD routes under it; `visible` keeps only the CRs a caller may list. */
export function answerKatalogRoute(route: KatalogRoute, view: RuntimeView, visible?: (item: CrListItem) => boolean): Reply {
  switch (route.type) {
    case 'katalog':
      return jsonReply(200, katalogBody(view));
    case 'crd': {
      const info = view.crd(route.crd);
      if (!info) return unknownCrd(view, route.crd);
      const body: CrdInfoResponse = {
        ...info,
        isLeader: view.isLeader(),
        healthy: info.state === 'healthy',
        started: isStarted(info.state),
        workersIdle: Math.max(0, info.workers - info.workersActive),
      };
      return jsonReply(200, body);
    }
    case 'crd-health': {
      const report = view.crdHealth(route.crd);
      if (!report) return unknownCrd(view, route.crd);
      const body: CrdHealthResponse = {
        ...report,
        isLeader: view.isLeader(),
        healthy: report.state === 'healthy',
        started: isStarted(report.state),
        pending: report.state === 'pending',
      };
      return jsonReply(healthHttpStatus(report.state), body);
    }
    case 'cr-list': {
      const all = view.crs(route.crd);
      if (!all) return unknownCrd(view, route.crd);
      const list = visible ? { ...all, items: all.items.filter(visible) } : all;
      const body: CrListResponse = { ...list, isLeader: view.isLeader(), total: list.items.length };
      return jsonReply(200, body);
    }
    case 'cr': {
      const info = view.crd(route.crd);
      if (!info) return unknownCrd(view, route.crd);
      if (!info.namespaced && route.namespace !== undefined && route.name === 'events') return eventsReply(view, info, undefined, route.namespace);
      return crReply(view, info, route.namespace, route.name);
    }
    case 'cr-events': {
      const info = view.crd(route.crd);
      if (!info) return unknownCrd(view, route.crd);
      return eventsReply(view, info, route.namespace, route.name);
    }
  }
}

function katalogBody(view: RuntimeView): KatalogResponse {
  const summary = view.katalog();
  const enabled = summary.crds.filter((c) => c.enabled);
  const ready = view.ready();
  const { status, httpStatus } = overallHealth(enabled.map((c) => c.state), ready);
  const gatewayEndpoint = view.gatewayEndpoint();
  const source = view.source?.();
  return {
    ...summary,
    isLeader: view.isLeader(),
    ready,
    healthy: httpStatus === 200,
    status,
    total: summary.crds.length,
    totalEnabled: enabled.length,
    statusCounts: countStates(enabled.map((c) => c.state)),
    ...(gatewayEndpoint !== undefined ? { gatewayEndpoint } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

function unknownCrd(view: RuntimeView, name: string): Reply {
  return errorReply(404, 'crd-not-found', `no CRD "${name}" in the Katalog`, view.isLeader());
}

function crReply(view: RuntimeView, info: CrdInfo, namespace: string | undefined, name: string): Reply {
  const problem = scopeProblem(view, info, namespace, '');
  if (problem) return problem;
  const detail = view.cr(info.name, namespace, name);
  if (!detail) return unknownCr(view, info, namespace, name);
  const body: CrDetailResponse = { ...detail, isLeader: view.isLeader() };
  return jsonReply(200, body);
}

function eventsReply(view: RuntimeView, info: CrdInfo, namespace: string | undefined, name: string): Reply {
  const problem = scopeProblem(view, info, namespace, '/events');
  if (problem) return problem;
  const events = view.crEvents(info.name, namespace, name);
  if (!events) return unknownCr(view, info, namespace, name);
  const body: CrEventsResponse = { ...events, isLeader: view.isLeader() };
  return jsonReply(200, body);
}

function scopeProblem(view: RuntimeView, info: CrdInfo, namespace: string | undefined, suffix: string): Reply | undefined {
  if (info.namespaced === (namespace !== undefined)) return undefined;
  const hint = info.namespaced ? `/katalog/${info.name}/cr/{namespace}/{name}${suffix}` : `/katalog/${info.name}/cr/{name}${suffix}`;
  return errorReply(404, 'wrong-scope', `CRD "${info.name}" is ${info.namespaced ? 'namespaced' : 'cluster-scoped'}: use ${hint}`, view.isLeader());
}

function unknownCr(view: RuntimeView, info: CrdInfo, namespace: string | undefined, name: string): Reply {
  const where = namespace === undefined ? name : `${namespace}/${name}`;
  return errorReply(404, 'cr-not-found', `no ${info.kind} "${where}" in the cache`, view.isLeader());
}

function countStates(states: readonly HealthState[]): Record<HealthState, number> {
  const counts: Record<HealthState, number> = { 'not-started': 0, 'waiting-for-crd': 0, 'waiting-for-dependency': 0, pending: 0, healthy: 0, degraded: 0 };
  for (const s of states) counts[s]++;
  return counts;
}
