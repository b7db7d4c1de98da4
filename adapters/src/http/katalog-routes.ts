import { healthHttpStatus, isStarted } from '@orkestra/lib';
import type { HealthState } from '@orkestra/lib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CrdHealthResponse, CrdInfoResponse, CrDetailResponse, CrListResponse, KatalogResponse } from './responses.ts';
import type { CrdInfo, RuntimeView } from './runtime-view.ts';
import { overallHealth } from './overall-health.ts';
import { sendError } from './send-error.ts';

interface CrdParams { crd: string }
interface NamespacedCrParams extends CrdParams { namespace: string; name: string }
interface ClusterCrParams extends CrdParams { name: string }

/** Registers `/katalog` and the per-CRD routes under it. */
export function registerKatalogRoutes(app: FastifyInstance, view: RuntimeView): void {
  // The URL segment is the lowercase CRD name; accept any case rather than 404 on `Widgets`.
  const crdName = (params: CrdParams): string => params.crd.toLowerCase();
  const unknownCrd = (reply: FastifyReply, name: string): FastifyReply =>
    sendError(reply, 404, 'crd-not-found', `no CRD "${name}" in the Katalog`, view.isLeader());

  app.get('/katalog', async () => {
    const summary = view.katalog();
    const enabled = summary.crds.filter((c) => c.enabled);
    const ready = view.ready();
    const { status, httpStatus } = overallHealth(enabled.map((c) => c.state), ready);
    const gatewayEndpoint = view.gatewayEndpoint();
    const body: KatalogResponse = {
      ...summary,
      isLeader: view.isLeader(),
      ready,
      healthy: httpStatus === 200,
      status,
      total: summary.crds.length,
      totalEnabled: enabled.length,
      statusCounts: countStates(enabled.map((c) => c.state)),
      ...(gatewayEndpoint !== undefined ? { gatewayEndpoint } : {}),
    };
    return body;
  });

  app.get<{ Params: CrdParams }>('/katalog/:crd', async (request, reply) => {
    const info = view.crd(crdName(request.params));
    if (!info) return unknownCrd(reply, crdName(request.params));
    const body: CrdInfoResponse = {
      ...info,
      isLeader: view.isLeader(),
      healthy: info.state === 'healthy',
      started: isStarted(info.state),
      workersIdle: Math.max(0, info.workers - info.workersActive),
    };
    return body;
  });

  app.get<{ Params: CrdParams }>('/katalog/:crd/health', async (request, reply) => {
    const report = view.crdHealth(crdName(request.params));
    if (!report) return unknownCrd(reply, crdName(request.params));
    const body: CrdHealthResponse = {
      ...report,
      isLeader: view.isLeader(),
      healthy: report.state === 'healthy',
      started: isStarted(report.state),
      pending: report.state === 'pending',
    };
    return reply.code(healthHttpStatus(report.state)).send(body);
  });

  app.get<{ Params: CrdParams }>('/katalog/:crd/cr', async (request, reply) => {
    const list = view.crs(crdName(request.params));
    if (!list) return unknownCrd(reply, crdName(request.params));
    const body: CrListResponse = { ...list, isLeader: view.isLeader(), total: list.items.length };
    return body;
  });

  const sendCr = (reply: FastifyReply, info: CrdInfo, namespace: string | undefined, name: string): FastifyReply => {
    if (info.namespaced !== (namespace !== undefined)) {
      const hint = info.namespaced ? `/katalog/${info.name}/cr/{namespace}/{name}` : `/katalog/${info.name}/cr/{name}`;
      return sendError(reply, 404, 'wrong-scope', `CRD "${info.name}" is ${info.namespaced ? 'namespaced' : 'cluster-scoped'}: use ${hint}`, view.isLeader());
    }
    const detail = view.cr(info.name, namespace, name);
    if (!detail) {
      const where = namespace === undefined ? name : `${namespace}/${name}`;
      return sendError(reply, 404, 'cr-not-found', `no ${info.kind} "${where}" in the cache`, view.isLeader());
    }
    const body: CrDetailResponse = { ...detail, isLeader: view.isLeader() };
    return reply.send(body);
  };

  app.get<{ Params: NamespacedCrParams }>('/katalog/:crd/cr/:namespace/:name', async (request, reply) => {
    const info = view.crd(crdName(request.params));
    if (!info) return unknownCrd(reply, crdName(request.params));
    return sendCr(reply, info, request.params.namespace, request.params.name);
  });

  app.get<{ Params: ClusterCrParams }>('/katalog/:crd/cr/:name', async (request, reply) => {
    const info = view.crd(crdName(request.params));
    if (!info) return unknownCrd(reply, crdName(request.params));
    return sendCr(reply, info, undefined, request.params.name);
  });
}

function countStates(states: readonly HealthState[]): Record<HealthState, number> {
  const counts: Record<HealthState, number> = { 'not-started': 0, 'waiting-for-crd': 0, 'waiting-for-dependency': 0, pending: 0, healthy: 0, degraded: 0 };
  for (const s of states) counts[s]++;
  return counts;
}
