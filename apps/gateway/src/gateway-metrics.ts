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
  /** orkestra_gateway_certificate_expiration_timestamp_seconds{certificate}. */
  setCertificateExpiry(certificate: 'serving' | 'ca', notAfterMs: number): void;
  /** orkestra_gateway_housekeeper_repairs_total{name,action}. */
  observeRepair(name: string, action: 'created' | 'updated' | 'failed'): void;
}

/** controller-runtime's webhook latency buckets (prometheus.DefBuckets). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Creates the metrics; `defaultMetrics` adds Node's process_* and nodejs_* series. */
export function createGatewayMetrics(options: { readonly defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'controller_runtime_webhook_requests_total', help: 'Total number of admission requests by HTTP status code.', labelNames: ['webhook', 'code'], registers: [registry] });
  const latency = new Histogram({ name: 'controller_runtime_webhook_latency_seconds', help: 'Histogram of the latency of processing admission requests', labelNames: ['webhook'], buckets: LATENCY_BUCKETS, registers: [registry] });
  const decisions = new Counter({ name: 'orkestra_admission_decisions_total', help: 'Admission decisions by webhook and decision (allowed, denied).', labelNames: ['webhook', 'decision'], registers: [registry] });
  const expiry = new Gauge({ name: 'orkestra_gateway_certificate_expiration_timestamp_seconds', help: 'notAfter of the certificate in use, seconds since the epoch.', labelNames: ['certificate'], registers: [registry] });
  const repairs = new Counter({ name: 'orkestra_gateway_housekeeper_repairs_total', help: 'Webhook configurations created or re-applied by the housekeeper.', labelNames: ['name', 'action'], registers: [registry] });
  for (const webhook of ['deletion-protection', 'namespace-protection']) {
    for (const decision of ['allowed', 'denied']) decisions.inc({ webhook, decision }, 0);
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
    setCertificateExpiry(certificate, notAfterMs) {
      expiry.set({ certificate }, Math.floor(notAfterMs / 1000));
    },
    observeRepair(name, action) {
      repairs.inc({ name, action });
    },
  };
}
