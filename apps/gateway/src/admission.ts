// The two webhook paths: each body goes through lib's answers with its decide function; this file
// only reads the Pod an eviction names, counts, logs and hands the answer on. One line per denial
// (what, which rule, who), per malformed review and per undecided one; allowed requests are
// counted, not logged.
import {
  decideMutation, decideValidation, MUTATE_PATH, VALIDATE_PATH,
  ADMISSION_BUDGET, answerDecided, answerParsedReview, answerUndecided, answerUnreadable, decideDeletionProtection, decideNamespaceProtection,
  DELETION_PROTECTION_PATH, evictionTarget, NAMESPACE_PROTECTION_PATH, parseAdmissionReview,
  type AdmissionAnswer, type AdmissionBudget, type AdmissionDecision, type AdmissionRequest, type GatewayPolicy, type PodLookup, type UndecidedReason,
} from '@orkestra/lib/gateway';
import type { Logger } from '@orkestra/lib/ports';
import type { ReviewBody } from '@orkestra/adapters/webhook';

/** The webhook label of metrics and stats: the route path without its slash. */
export type WebhookName = 'deletion-protection' | 'namespace-protection' | 'validate' | 'mutate';

/** Per CRD decisions of the rule webhooks (issue 15): `warned` allowed with warnings, `mutated` allowed with a patch. */
export type RuleDecision = 'allowed' | 'denied' | 'warned' | 'mutated';

/** Counters of one webhook. */
export interface WebhookStats {
  total: number;
  allowed: number;
  blocked: number;
  /** Malformed reviews (answered 400). */
  rejected: number;
  /** Answered without a decision (budget, busy, too large, a failed read), by failurePolicy. */
  undecided: number;
  /** Per Katalog CRD key, decisions about its custom resources. */
  readonly byCrd: Map<string, { total: number; allowed: number; blocked: number; warned: number; mutated: number }>;
}

/** What the admission handlers report to. */
export interface AdmissionObserver {
  decision(webhook: WebhookName, allowed: boolean, rule: string): void;
  undecided?(webhook: WebhookName, reason: UndecidedReason): void;
  /** Issue 15: one decision of a rule webhook about a Katalog CRD's custom resource. */
  ruleDecision?(webhook: 'validate' | 'mutate', crd: string, decision: RuleDecision): void;
}

/** One path: decide a body, or answer a review the server could not get decided in time. */
export interface AdmissionRoute {
  answer(body: ReviewBody): AdmissionAnswer | Promise<AdmissionAnswer>;
  undecided(uid: string | undefined, reason: Exclude<UndecidedReason, 'lookup-failed'>): AdmissionAnswer;
  /** Large bodies are parsed whole rather than reduced (the rule webhooks read the objects' data). */
  readonly wholeBody?: boolean;
}

/** Reads the Pod an eviction names (apps/gateway/src/pod-reader.ts). */
export type ReadPod = (namespace: string, name: string) => Promise<PodLookup>;

/** The reserved uid of the housekeeper's self-check reviews: answered, never counted or logged. */
export const SELF_CHECK_UID = 'orkestra-gateway-self-check';

/** Routes by path, plus the stats they keep. `readPod` is needed by deletion protection's evictions. */
export function admissionHandlers(policy: GatewayPolicy, log: Logger, observer: AdmissionObserver = { decision: () => undefined },
                                  readPod: ReadPod = async () => ({ type: 'failed', message: 'no API client' }),
                                  budget: AdmissionBudget = ADMISSION_BUDGET): {
  readonly routes: Readonly<Record<string, AdmissionRoute>>;
  readonly stats: Readonly<Record<WebhookName, WebhookStats>>;
} {
  const stats: Record<WebhookName, WebhookStats> = { 'deletion-protection': empty(), 'namespace-protection': empty(), validate: empty(), mutate: empty() };
  const crds = [...(policy.deletion?.protectedResources ?? []), ...(policy.namespace?.katalogResources ?? []), ...(policy.admission?.crds ?? [])];

  const record = (webhook: WebhookName, a: AdmissionAnswer): AdmissionAnswer => {
    const s = stats[webhook];
    if (a.type === 'invalid') {
      s.rejected++;
      const first = a.problems[0];
      log.warn('admission review rejected', { webhook, problems: a.problems.length, path: first?.path, problem: first?.message });
      return a;
    }
    if (a.type === 'undecided' || a.type === 'unanswerable' || a.decision.rule === 'undecided') {
      const reason = a.type === 'decided' ? 'lookup-failed' : a.reason;
      s.undecided++;
      observer.undecided?.(webhook, reason);
      const answer = a.type === 'unanswerable' ? `HTTP ${a.httpStatus}` : a.decision.allowed ? 'allowed' : 'denied';
      log.warn('admission undecided', {
        webhook, reason, answer, uid: a.type === 'undecided' ? a.uid : a.type === 'decided' ? a.request.uid : undefined,
        ...(a.type === 'decided' ? target(a.request) : {}),
        message: a.type === 'unanswerable' ? a.body.message : a.decision.allowed ? a.decision.warnings[0] : a.decision.status.message,
      });
      return a;
    }
    if (a.request.uid === SELF_CHECK_UID) return a;
    s.total++;
    if (a.decision.allowed) s.allowed++;
    else s.blocked++;
    const crd = crds.find((c) => c.group === a.request.resource.group && c.resource === a.request.resource.resource)?.crd;
    if (crd !== undefined) {
      const c = s.byCrd.get(crd) ?? { total: 0, allowed: 0, blocked: 0, warned: 0, mutated: 0 };
      c.total++;
      if (a.decision.allowed) c.allowed++;
      else c.blocked++;
      const rule = (webhook === 'validate' || webhook === 'mutate') && a.decision.rule !== 'not-katalog' ? ruleDecisionOf(a.decision) : undefined;
      if (rule === 'warned') c.warned++;
      if (rule === 'mutated') c.mutated++;
      s.byCrd.set(crd, c);
      if (rule !== undefined) observer.ruleDecision?.(webhook as 'validate' | 'mutate', crd, rule);
    }
    observer.decision(webhook, a.decision.allowed, a.decision.rule);
    if (!a.decision.allowed) log.info('admission denied', { webhook, rule: a.decision.rule, ...target(a.request) });
    // Allowed reviews are the bulk of the traffic: at debug only, for "why did this go through?".
    else log.debug('admission allowed', { webhook, rule: a.decision.rule, ...target(a.request) });
    return a;
  };

  // A path whose protection is off still answers (allow): the API server may call it while an old
  // configuration lingers, and failing would block what nobody protects any more.
  const allowAll: AdmissionDecision = { allowed: true, rule: 'none', warnings: [] };
  const deletion = policy.deletion;
  const namespace = policy.namespace;

  const deletionRoute: AdmissionRoute = {
    answer(body) {
      if (body.type === 'unreadable') return record('deletion-protection', answerUnreadable(body.message));
      if (!deletion) return record('deletion-protection', answerParsedReview(body.value, () => allowAll));
      const read = parseAdmissionReview(body.value);
      if (read.type === 'invalid') return record('deletion-protection', answerParsedReview(body.value, () => allowAll));
      const pod = evictionTarget(read.request);
      if (pod === undefined) return record('deletion-protection', answerDecided(read.request, decideDeletionProtection(read.request, deletion)));
      return readPod(pod.namespace, pod.name).then((lookup) => record('deletion-protection', answerDecided(read.request, decideDeletionProtection(read.request, deletion, lookup))));
    },
    undecided: (uid, reason) => record('deletion-protection', answerUndecided(uid, reason, deletion?.failurePolicy ?? 'Ignore', 'deletion protection', budget)),
  };
  const namespaceRoute: AdmissionRoute = {
    answer(body) {
      if (body.type === 'unreadable') return record('namespace-protection', answerUnreadable(body.message));
      return record('namespace-protection', answerParsedReview(body.value, (r) => (namespace ? decideNamespaceProtection(r, namespace) : allowAll)));
    },
    undecided: (uid, reason) => record('namespace-protection', answerUndecided(uid, reason, namespace?.failurePolicy ?? 'Ignore', 'namespace protection', budget)),
  };
  // Issue 15: the rule webhooks; like the protections, a path whose rules are off allows.
  const rules = policy.admission;
  const ruleRoute = (webhook: 'validate' | 'mutate', decide: typeof decideValidation, name: 'validation rules' | 'mutation rules'): AdmissionRoute => ({
    wholeBody: true,
    answer(body) {
      if (body.type === 'unreadable') return record(webhook, answerUnreadable(body.message));
      return record(webhook, answerParsedReview(body.value, (r) => (rules ? decide(r, rules) : allowAll)));
    },
    undecided: (uid, reason) => record(webhook, answerUndecided(uid, reason, rules?.failurePolicy ?? 'Ignore', name, budget)),
  });
  return {
    routes: {
      [DELETION_PROTECTION_PATH]: deletionRoute, [NAMESPACE_PROTECTION_PATH]: namespaceRoute,
      [VALIDATE_PATH]: ruleRoute('validate', decideValidation, 'validation rules'), [MUTATE_PATH]: ruleRoute('mutate', decideMutation, 'mutation rules'),
    },
    stats,
  };
}

function ruleDecisionOf(d: AdmissionDecision): RuleDecision {
  if (!d.allowed) return 'denied';
  if (d.patch !== undefined && d.patch.length > 0) return 'mutated';
  return d.warnings.length > 0 ? 'warned' : 'allowed';
}

function target(r: AdmissionRequest): Record<string, string | boolean | undefined> {
  return {
    operation: r.operation, resource: r.resource.group ? `${r.resource.resource}.${r.resource.group}` : r.resource.resource, subResource: r.subResource,
    namespace: r.namespace, name: r.name, user: r.userInfo.username, uid: r.uid, dryRun: r.dryRun,
  };
}

function empty(): WebhookStats {
  return { total: 0, allowed: 0, blocked: 0, rejected: 0, undecided: 0, byCrd: new Map() };
}
