// The two webhook paths: each body goes through lib's answerAdmissionReview with its decide
// function; this file only counts, logs and shapes the HTTP answer. One line per denial (what,
// which rule, who) and per malformed review; allowed requests are counted, not logged.
import {
  answerAdmissionReview, decideDeletionProtection, decideNamespaceProtection, DELETION_PROTECTION_PATH, NAMESPACE_PROTECTION_PATH,
  type AdmissionAnswer, type GatewayPolicy,
} from '@orkestra/lib/gateway';
import type { Logger } from '@orkestra/lib/ports';

/** The webhook label of metrics and stats: the route path without its slash. */
export type WebhookName = 'deletion-protection' | 'namespace-protection';

/** Counters of one webhook. */
export interface WebhookStats {
  total: number;
  allowed: number;
  blocked: number;
  /** Malformed reviews (answered 400). */
  rejected: number;
  /** Per Katalog CRD key, decisions about its custom resources. */
  readonly byCrd: Map<string, { total: number; allowed: number; blocked: number }>;
}

/** What the admission handlers report to. */
export interface AdmissionObserver {
  decision(webhook: WebhookName, allowed: boolean, rule: string): void;
}

/** The reserved uid of the housekeeper's self-check reviews: answered, never counted or logged. */
export const SELF_CHECK_UID = 'orkestra-gateway-self-check';

/** Handlers by path, each taking the raw body text; plus the stats they keep. */
export function admissionHandlers(policy: GatewayPolicy, log: Logger, observer?: AdmissionObserver): {
  readonly handlers: Readonly<Record<string, (text: string) => AdmissionAnswer>>;
  readonly stats: Readonly<Record<WebhookName, WebhookStats>>;
} {
  const stats: Record<WebhookName, WebhookStats> = { 'deletion-protection': empty(), 'namespace-protection': empty() };
  const crds = [...(policy.deletion?.protectedResources ?? []), ...(policy.namespace?.katalogResources ?? [])];
  const wrap = (webhook: WebhookName, answer: (text: string) => AdmissionAnswer) => (text: string): AdmissionAnswer => {
    const a = answer(text);
    const s = stats[webhook];
    if (a.type === 'invalid') {
      s.rejected++;
      const first = a.problems[0];
      log.warn('admission review rejected', { webhook, problems: a.problems.length, path: first?.path, problem: first?.message });
      return a;
    }
    if (a.request.uid === SELF_CHECK_UID) return a;
    s.total++;
    if (a.decision.allowed) s.allowed++;
    else s.blocked++;
    const crd = crds.find((c) => c.group === a.request.resource.group && c.resource === a.request.resource.resource)?.crd;
    if (crd !== undefined) {
      const c = s.byCrd.get(crd) ?? { total: 0, allowed: 0, blocked: 0 };
      c.total++;
      if (a.decision.allowed) c.allowed++;
      else c.blocked++;
      s.byCrd.set(crd, c);
    }
    observer?.decision(webhook, a.decision.allowed, a.decision.rule);
    if (!a.decision.allowed) {
      const r = a.request;
      log.info('admission denied', {
        webhook, rule: a.decision.rule, operation: r.operation, resource: r.resource.group ? `${r.resource.resource}.${r.resource.group}` : r.resource.resource,
        namespace: r.namespace, name: r.name, user: r.userInfo.username, uid: r.uid, dryRun: r.dryRun,
      });
    }
    return a;
  };
  // A path whose protection is off still answers (allow): the API server may call it while an old
  // configuration lingers, and failing would block what nobody protects any more.
  const allowAll = { allowed: true, rule: 'none', warnings: [] } as const;
  return {
    handlers: {
      [DELETION_PROTECTION_PATH]: wrap('deletion-protection', (text) => answerAdmissionReview(text, (r) => (policy.deletion ? decideDeletionProtection(r, policy.deletion) : allowAll))),
      [NAMESPACE_PROTECTION_PATH]: wrap('namespace-protection', (text) => answerAdmissionReview(text, (r) => (policy.namespace ? decideNamespaceProtection(r, policy.namespace) : allowAll))),
    },
    stats,
  };
}

function empty(): WebhookStats {
  return { total: 0, allowed: 0, blocked: 0, rejected: 0, byCrd: new Map() };
}
