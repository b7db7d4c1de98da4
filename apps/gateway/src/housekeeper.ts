// The housekeeper (DESIGN §7): a periodic pass that keeps the TLS Secret and the webhook
// configurations as planned. Webhooks are never called for webhook configurations, so nothing but
// this loop can undo a deletion or an edit of them. It writes only after the gateway's own HTTPS
// endpoint has answered a review (so it never points the API server at a dead gateway), and a
// pause switch (HOUSEKEEPER_PAUSED, or the Secret annotation orkestra.io/housekeeper-paused) lets
// an operator break glass: delete the configurations and keep them deleted.
import type { WebhookConfiguration } from '@orkestra/lib/gateway';
import type { Clock, Cluster, KubeObject, Logger } from '@orkestra/lib/ports';
import { SECRETS, type CertManager, type CertSnapshot } from './cert-manager.ts';
import { HOUSEKEEPER_PAUSED_ANNOTATION, TLS_SECRET } from './cert-secret.ts';
import { ensureWebhookConfigs, type ConfigOutcome } from './webhook-configs.ts';
import { ensureCrdConversions, type CrdConversionOutcome, type CrdConversionPlan } from './crd-conversions.ts';

/** What the housekeeper works with. */
export interface HousekeeperDeps {
  readonly cluster: Cluster;
  readonly clock: Clock;
  readonly log: Logger;
  readonly namespace: string;
  /** HOUSEKEEPER_PAUSED. */
  readonly envPaused: boolean;
  /** Absent with TLS_CERT/TLS_KEY: the certificate is the user's, never touched. */
  readonly certs?: CertManager;
  /** The CA bundle to publish when certificates are the user's. */
  readonly providedCaBundlePem?: string | undefined;
  /** The configurations to keep, given the PEM CA bundle. */
  readonly planConfigs: (caBundlePem: string) => WebhookConfiguration[];
  /** Asks the gateway's own HTTPS endpoint for a review; resolves to an error message, or undefined when it answered. */
  readonly selfCheck: (caBundlePem: string) => Promise<string | undefined>;
  /** Called after every successful certificate pass (reload the server, set metrics). */
  readonly onCerts?: (snapshot: CertSnapshot) => void;
  /** Called after each config write, e.g. to count repairs. */
  readonly onConfig?: (outcome: ConfigOutcome) => void;
  /** Issue 18: the CRDs whose spec.conversion to keep, given the PEM CA bundle. */
  readonly planCrdConversions?: (caBundlePem: string) => CrdConversionPlan[];
}

/** One pass's outcome. */
export type PassResult =
  | { readonly type: 'paused'; readonly by: 'HOUSEKEEPER_PAUSED' | 'annotation' }
  | { readonly type: 'done'; readonly configs: readonly ConfigOutcome[]; readonly crds?: readonly CrdConversionOutcome[]; readonly selfCheckError?: string; readonly certError?: string; readonly recheckAtMs?: number };

/** Keeps certificates and webhook configurations as planned. */
export class Housekeeper {
  readonly #d: HousekeeperDeps;
  #snapshot: CertSnapshot | undefined;
  #paused: string | undefined;
  #configsApplied = false;
  #passes = 0;
  #repairs = 0;
  #missingCrds = new Set<string>();

  constructor(deps: HousekeeperDeps) {
    this.#d = deps;
  }

  /** The certificates in force (after the first successful pass). */
  snapshot(): CertSnapshot | undefined {
    return this.#snapshot;
  }

  /** True once every configuration has been applied at least once, or while paused (the operator's call). */
  configsApplied(): boolean {
    return this.#configsApplied || this.#paused !== undefined;
  }

  /** True while the pause switch holds the housekeeper. */
  paused(): boolean {
    return this.#paused !== undefined;
  }

  /** Passes run, and configurations created or repaired, for `gateway stopped`. */
  counts(): { readonly passes: number; readonly repairs: number } {
    return { passes: this.#passes, repairs: this.#repairs };
  }

  /** Runs certificates only (start-up, before the HTTPS server exists: it needs a certificate to serve). */
  async startCertificates(): Promise<{ readonly type: 'ok'; readonly snapshot: CertSnapshot } | { readonly type: 'error'; readonly message: string }> {
    const { certs } = this.#d;
    if (!certs) throw new Error('startCertificates needs managed certificates');
    const r = await certs.sync('read');
    if (r.type === 'ok') this.#accept(r.snapshot);
    return r;
  }

  /** One pass: pause switch, certificates, self-check, configurations. Never throws for API failures. */
  async pass(): Promise<PassResult> {
    const { cluster, log, namespace, certs } = this.#d;
    this.#passes++;
    if (this.#d.envPaused) return this.#pause('HOUSEKEEPER_PAUSED');
    const got = await cluster.get({ resource: SECRETS, namespace, name: TLS_SECRET });
    let secret: KubeObject | undefined;
    let certError: string | undefined;
    if (got.ok) secret = got.value;
    else if (got.error.type !== 'not-found') certError = `cannot read Secret ${namespace}/${TLS_SECRET}: ${got.error.message}`;
    if (secret?.metadata.annotations?.[HOUSEKEEPER_PAUSED_ANNOTATION] === 'true') return this.#pause('annotation');
    if (this.#paused !== undefined) {
      log.info('housekeeper resumed', { pausedBy: this.#paused });
      this.#paused = undefined;
    }

    let recheckAtMs: number | undefined;
    if (certs && certError === undefined) {
      const r = await certs.sync(secret);
      if (r.type === 'ok') {
        this.#accept(r.snapshot);
        recheckAtMs = r.snapshot.recheckAtMs;
      } else certError = r.message;
    }
    if (certError !== undefined) log.warn('certificate pass failed', { err: certError });

    const bundle = certs ? this.#snapshot?.caBundlePem : this.#d.providedCaBundlePem;
    if (bundle === undefined) return { type: 'done', configs: [], ...(certError !== undefined ? { certError } : {}) };
    const selfCheckError = await this.#d.selfCheck(bundle);
    if (selfCheckError !== undefined) {
      log.warn('housekeeper self-check failed', { err: selfCheckError });
      return { type: 'done', configs: [], selfCheckError, ...(certError !== undefined ? { certError } : {}) };
    }
    const configs = await ensureWebhookConfigs(cluster, this.#d.planConfigs(bundle));
    for (const c of configs) {
      if (c.type === 'created') log.info('webhook configuration created', { name: c.name });
      else if (c.type === 'updated') log.info('webhook configuration repaired', { name: c.name, fields: c.fields.join(',') });
      else if (c.type === 'failed') log.warn('webhook configuration not applied', { name: c.name, err: c.message });
      if (c.type === 'created' || c.type === 'updated') this.#repairs++;
      if (c.type !== 'unchanged') this.#d.onConfig?.(c);
    }
    // Issue 18: spec.conversion of the multi-version CRDs, after the same self-check (a CRD pointed
    // at a gateway that cannot answer makes every read of its objects fail).
    const crds = this.#d.planCrdConversions ? await ensureCrdConversions(cluster, this.#d.planCrdConversions(bundle)) : [];
    for (const c of crds) {
      if (c.type === 'updated') {
        log.info('CRD conversion repaired', { crd: c.name, fields: c.fields.join(',') });
        this.#repairs++;
        this.#d.onConfig?.({ name: c.name, type: 'updated', fields: c.fields });
      } else if (c.type === 'failed') {
        log.warn('CRD conversion not applied', { crd: c.name, err: c.message });
        this.#d.onConfig?.({ name: c.name, type: 'failed', message: c.message });
      } else if (c.type === 'not-installed' && !this.#missingCrds.has(c.name)) log.info('CRD not installed yet; its conversion is set once it is', { crd: c.name });
    }
    this.#missingCrds = new Set(crds.filter((c) => c.type === 'not-installed').map((c) => c.name));
    if (configs.every((c) => c.type !== 'failed') && crds.every((c) => c.type !== 'failed')) this.#configsApplied = true;
    return { type: 'done', configs, crds, ...(certError !== undefined ? { certError } : {}), ...(recheckAtMs !== undefined ? { recheckAtMs } : {}) };
  }

  /** Passes every `intervalMs` (sooner when a certificate is due) until `signal` aborts. */
  async run(intervalMs: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const r = await this.pass();
      const nowMs = this.#d.clock.now();
      const recheck = r.type === 'done' && r.recheckAtMs !== undefined ? r.recheckAtMs : Infinity;
      await sleep(Math.max(0, Math.min(intervalMs, recheck - nowMs)), signal);
    }
  }

  #accept(snapshot: CertSnapshot): void {
    if (snapshot.actions.length > 0) {
      this.#d.log.info('certificates updated', { actions: snapshot.actions.join('; '), servingNotAfter: new Date(snapshot.servingNotAfterMs).toISOString() });
    }
    this.#snapshot = snapshot;
    this.#d.onCerts?.(snapshot);
  }

  #pause(by: 'HOUSEKEEPER_PAUSED' | 'annotation'): PassResult {
    if (this.#paused !== by) {
      this.#d.log.warn('housekeeper paused', {
        by, hint: by === 'annotation' ? `remove the annotation ${HOUSEKEEPER_PAUSED_ANNOTATION} from Secret ${this.#d.namespace}/${TLS_SECRET} to resume` : 'unset HOUSEKEEPER_PAUSED and restart to resume',
      });
      this.#paused = by;
    }
    return { type: 'paused', by };
  }
}

// setTimeout holds at most 2^31 − 1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
