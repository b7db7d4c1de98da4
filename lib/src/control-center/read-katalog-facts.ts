import * as v from 'valibot';
import type { KatalogFacts } from './model.ts';
import { runtimeUrlProblem } from './parse-runtime-urls.ts';

// Loose: a newer runtime may add fields, and the body passes through to the UI untouched; only
// what the Control Center computes with is checked.
const count = v.pipe(v.number(), v.finite(), v.minValue(0));
const CRD = v.looseObject({
  name: v.string(),
  enabled: v.boolean(),
  state: v.string(),
  resourceCount: count,
  queueDepth: count,
  totalReconciles: count,
  errorRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  workers: v.optional(count),
});
const KATALOG = v.looseObject({
  isLeader: v.boolean(),
  ready: v.boolean(),
  gatewayEndpoint: v.optional(v.string()),
  crds: v.array(CRD),
});

/**
 * Reads the facts the Control Center needs from a runtime's `GET /katalog` body, or says in one
 * line why the body is not a runtime's Katalog summary (a wrong URL, another service).
 */
export function readKatalogFacts(body: unknown): { readonly type: 'ok'; readonly facts: KatalogFacts } | { readonly type: 'error'; readonly message: string } {
  const parsed = v.safeParse(KATALOG, body);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { type: 'error', message: `not an Orkestra runtime's /katalog answer${path ? ` (${path}: ${issue.message})` : `: ${issue.message}`}` };
  }
  const o = parsed.output;
  // The runtime passes ORK_GATEWAY_ENDPOINT on as it was given; a value like `orkestra-gateway:8080`
  // (no scheme) is reported on the gateway, never requested (issue 12).
  const endpoint = o.gatewayEndpoint;
  const endpointProblem = endpoint === undefined || endpoint === '' ? undefined : runtimeUrlProblem(endpoint.trim().replace(/\/+$/, ''));
  const facts: KatalogFacts = {
    isLeader: o.isLeader,
    ready: o.ready,
    ...(endpoint !== undefined && endpoint !== '' ? { gatewayEndpoint: endpoint } : {}),
    ...(endpointProblem !== undefined ? { gatewayEndpointProblem: `gatewayEndpoint ${endpointProblem}` } : {}),
    crds: o.crds.map((c) => ({
      name: c.name, enabled: c.enabled, state: c.state, resourceCount: c.resourceCount, queueDepth: c.queueDepth,
      totalReconciles: c.totalReconciles, errorRate: c.errorRate, ...(c.workers !== undefined ? { workers: c.workers } : {}),
    })),
  };
  return { type: 'ok', facts };
}
