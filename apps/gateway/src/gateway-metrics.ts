// The gateway's Prometheus metrics on a private registry: controller-runtime's webhook names (so
// stock dashboards work), orkestra_admission_decisions_total, certificate expiry, housekeeper repairs.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '@orkestra/lib/ports';

/** The gateway's metrics behind typed methods. */
export interface GatewayMetrics extends Metrics {
  /** controller_runtime_webhook_requests_total{webhook,code} and controller_runtime_webhook_latency_seconds{webhook}. */
  observeRequest(webhook: string, code: number, seconds: number): void;
  /** orkestra_admission_decisions_total{webhook,decision}. */
  observeDecision(webhook: string, allowed: boolean): void;
  /** orkestra_admission_rule_decisions_total{webhook,crd,decision} (issue 15): the rule webhooks per CRD. */
  observeRuleDecision(webhook: 'validate' | 'mutate', crd: string, decision: 'allowed' | 'denied' | 'warned' | 'mutated'): void;
  /** orkestra_admission_undecided_total{webhook,reason}: answered by failurePolicy, not decided. */
  observeUndecided(webhook: string, reason: string): void;
  /** orkestra_gateway_certificate_expiration_timestamp_seconds{certificate}. */
  setCertificateExpiry(certificate: 'serving' | 'ca', notAfterMs: number): void;
  /** orkestra_gateway_housekeeper_repairs_total{name,action}. */
  observeRepair(name: string, action: 'created' | 'updated' | 'failed'): void;
  /** Issue 18: orkestra_conversion_objects_total{crd,from,to,result} and orkestra_conversion_review_seconds{crd}. */
  observeConversion(crd: string, from: string, to: string, ok: boolean, count?: number): void;
  observeConversionReview(crd: string, seconds: number, objects: number): void;
}

/** controller-runtime's webhook latency buckets (prometheus.DefBuckets). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates the metrics; `defaultMetrics` adds Node's process_* and nodejs_* series. */
export function createGatewayMetrics(options: { readonly defaultMetrics?: boolean; readonly ruleCrds?: readonly string[] } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'controller_runtime_webhook_requests_total', help: 'Total number of admission requests by HTTP status code.', labelNames: ['webhook', 'code'], registers: [registry] });
  const latency = new Histogram({ name: 'controller_runtime_webhook_latency_seconds', help: 'Histogram of the latency of processing admission requests', labelNames: ['webhook'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const decisions = new Counter({ name: 'orkestra_admission_decisions_total', help: 'Admission decisions by webhook and decision (allowed, denied).', labelNames: ['webhook', 'decision'], registers: [registry] });
  const undecided = new Counter({ name: 'orkestra_admission_undecided_total', help: 'Reviews answered by failurePolicy without a decision, by webhook and reason (budget, busy, too-large, lookup-failed).', labelNames: ['webhook', 'reason'], registers: [registry] });
  const expiry = new Gauge({ name: 'orkestra_gateway_certificate_expiration_timestamp_seconds', help: 'notAfter of the certificate in use, seconds since the epoch.', labelNames: ['certificate'], registers: [registry] });
  const repairs = new Counter({ name: 'orkestra_gateway_housekeeper_repairs_total', help: 'Webhook configurations created or re-applied by the housekeeper.', labelNames: ['name', 'action'], registers: [registry] });
  const conversions = new Counter({ name: 'orkestra_conversion_objects_total', help: 'Objects converted by /convert, by CRD key, source and target version, and result (success, failure).', labelNames: ['crd', 'from', 'to', 'result'], registers: [registry] });
  const reviewSeconds = new Histogram({ name: 'orkestra_conversion_review_seconds', help: 'Time to convert one ConversionReview in the gateway, by CRD key.', labelNames: ['crd'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25], registers: [registry] });
  const reviewObjects = new Histogram({ name: 'orkestra_conversion_review_objects', help: 'Objects per ConversionReview, by CRD key.', labelNames: ['crd'], buckets: [1, 2, 5, 10, 50, 100, 500, 1000], registers: [registry] });
  const ruleDecisions = new Counter({ name: 'orkestra_admission_rule_decisions_total', help: 'Decisions of the validation and mutation rule webhooks by CRD (allowed, denied, warned, mutated).', labelNames: ['webhook', 'crd', 'decision'], registers: [registry] });
  for (const crd of options.ruleCrds ?? []) {
    for (const decision of ['allowed', 'denied', 'warned']) ruleDecisions.inc({ webhook: 'validate', crd, decision }, 0);
    for (const decision of ['allowed', 'mutated']) ruleDecisions.inc({ webhook: 'mutate', crd, decision }, 0);
  }
  for (const webhook of ['deletion-protection', 'namespace-protection', ...(options.ruleCrds?.length ? ['validate', 'mutate'] : [])]) {
    for (const decision of ['allowed', 'denied']) decisions.inc({ webhook, decision }, 0);
    for (const reason of ['budget', 'busy', 'too-large', 'lookup-failed']) undecided.inc({ webhook, reason }, 0);
  }
  return {
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    observeRequest(webhook, code, seconds) {
      requests.inc({ webhook, code: String(code) });
      latency.observe({ webhook }, seconds);
    },
    observeDecision(webhook, allowed) {
      decisions.inc({ webhook, decision: allowed ? 'allowed' : 'denied' });
    },
    observeRuleDecision(webhook, crd, decision) {
      ruleDecisions.inc({ webhook, crd, decision });
    },
    observeUndecided(webhook, reason) {
      undecided.inc({ webhook, reason });
    },
    setCertificateExpiry(certificate, notAfterMs) {
      expiry.set({ certificate }, Math.floor(notAfterMs / 1000));
    },
    observeRepair(name, action) {
      repairs.inc({ name, action });
    },
    observeConversion(crd, from, to, ok, count = 1) {
      conversions.inc({ crd, from, to, result: ok ? 'success' : 'failure' }, count);
    },
    observeConversionReview(crd, seconds, objects) {
      reviewSeconds.observe({ crd }, seconds);
      reviewObjects.observe({ crd }, objects);
    },
  };
}
