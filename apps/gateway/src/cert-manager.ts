// Keeps the gateway's CA and serving certificate in the Secret orkestra-gateway-tls, driven by lib's
// planCertificates (spec/gateway.md §5): one pass reads the Secret, plans, executes the actions in
// order, writes the Secret back (optimistic concurrency: replicas race, the loser re-reads) and hands
// the serving pair to the webhook server when it changed.
import { generateCa, generateServingCert, type PemKeyPair } from '@orkestra/adapters/tls';
import { planCertificates, type CertAction, type CertRotationPolicy } from '@orkestra/lib/gateway';
import type { Clock, Cluster, KubeObject, Resource, Logger } from '@orkestra/lib/ports';
import { certFacts, readSecretState, renderSecret, TLS_SECRET, type HeldCert, type SecretState } from './cert-secret.ts';

/** Core v1 Secrets. */
export const SECRETS: Resource = { group: '', version: 'v1', resource: 'secrets', namespaced: true };

/** How certificates are made; the pki adapter by default, stubs in tests that need speed. */
export interface CertFactory {
  ca(options: { nowMs: number; validForMs: number; algorithm: CertRotationPolicy['algorithm'] }): Promise<PemKeyPair>;
  serving(options: { ca: PemKeyPair; dnsNames: string[]; ipAddresses: string[]; nowMs: number; validForMs: number; algorithm: CertRotationPolicy['algorithm'] }): Promise<PemKeyPair>;
}

/** The pki adapter (pkijs on WebCrypto). */
export const pkiCertFactory: CertFactory = {
  ca: (o) => generateCa({ commonName: 'orkestra-gateway-ca', nowMs: o.nowMs, validForMs: o.validForMs, algorithm: o.algorithm }),
  serving: (o) => generateServingCert(o),
};

/** The certificates in force after a pass. */
export interface CertSnapshot {
  /** The PEM CA bundle to publish in every webhook configuration. */
  readonly caBundlePem: string;
  readonly serving: PemKeyPair;
  readonly servingNotAfterMs: number;
  readonly caNotAfterMs: number;
  /** When to plan again (epoch ms). */
  readonly recheckAtMs: number;
  /** What this pass did, for the log (empty when nothing changed). */
  readonly actions: readonly string[];
}

/** A pass's outcome; errors are the API's, to retry at the next pass. */
export type CertSync = { readonly type: 'ok'; readonly snapshot: CertSnapshot } | { readonly type: 'error'; readonly message: string };

/** What the cert manager needs. */
export interface CertManagerDeps {
  readonly cluster: Cluster;
  readonly clock: Clock;
  readonly namespace: string;
  readonly policy: CertRotationPolicy;
  readonly log: Logger;
  readonly factory?: CertFactory;
}

/** Runs certificate passes against the Secret; `sync` never throws for API failures. */
export class CertManager {
  readonly #deps: CertManagerDeps;
  readonly #factory: CertFactory;
  /** What the last pass left in force: a deleted Secret is restored from it, not regenerated. */
  #held: SecretState | undefined;

  constructor(deps: CertManagerDeps) {
    this.#deps = deps;
    this.#factory = deps.factory ?? pkiCertFactory;
  }

  /**
   * One pass. `secret` is the Secret as just read (undefined: absent), so the housekeeper's one GET
   * serves both the pause switch and this pass; on a write conflict the pass re-reads once.
   */
  async sync(secret: KubeObject | undefined | 'read' = 'read'): Promise<CertSync> {
    let current = secret === 'read' ? await this.#read() : { type: 'ok' as const, secret };
    for (let attempt = 0; ; attempt++) {
      if (current.type === 'error') return current;
      const result = await this.#pass(current.secret);
      if (result.type !== 'conflict' || attempt >= 2) return result.type === 'conflict' ? { type: 'error', message: 'the TLS Secret keeps changing under us (another replica?)' } : result;
      current = await this.#read();
    }
  }

  async #read(): Promise<{ type: 'ok'; secret: KubeObject | undefined } | { type: 'error'; message: string }> {
    const got = await this.#deps.cluster.get({ resource: SECRETS, namespace: this.#deps.namespace, name: TLS_SECRET });
    if (got.ok) return { type: 'ok', secret: got.value };
    if (got.error.type === 'not-found') return { type: 'ok', secret: undefined };
    return { type: 'error', message: `cannot read Secret ${this.#deps.namespace}/${TLS_SECRET}: ${got.error.message}` };
  }

  async #pass(secret: KubeObject | undefined): Promise<CertSync | { type: 'conflict' }> {
    const { cluster, clock, namespace, policy } = this.#deps;
    const nowMs = clock.now();
    // A deleted Secret is written back as it was: a fresh CA would not be in the published caBundle.
    const restoring = secret === undefined && this.#held !== undefined;
    const state = restoring ? this.#held! : readSecretState(secret);
    const plan = planCertificates(nowMs, {
      ...(state.ca ? { ca: state.ca.facts } : {}),
      ...(state.serving ? { serving: state.serving.facts } : {}),
      caBundle: state.bundle.map((b) => b.facts),
      ...(state.bundleChangedMs !== undefined ? { caBundleChangedMs: state.bundleChangedMs } : {}),
    }, policy);
    const next = await this.#execute(nowMs, state, plan.actions);
    if (!next.ca || !next.serving) {
      // Only reachable when the plan waits to issue a serving certificate that does not exist, which
      // planCertificates never does; kept as an invariant check.
      throw new Error('certificate pass ended without a CA or a serving certificate');
    }
    if (plan.actions.length > 0 || restoring) {
      const object = renderSecret(namespace, pair(next.ca), pair(next.serving), next.bundle.map((b) => b.pem), next.bundleChangedMs ?? nowMs, secret);
      const written = secret ? await cluster.update(SECRETS, object) : await cluster.create(SECRETS, object);
      if (!written.ok) {
        if (written.error.type === 'conflict') return { type: 'conflict' };
        return { type: 'error', message: `cannot ${secret ? 'update' : 'create'} Secret ${namespace}/${TLS_SECRET}: ${written.error.message}` };
      }
    }
    this.#held = next;
    return {
      type: 'ok',
      snapshot: {
        caBundlePem: next.bundle.map((b) => b.pem).join(''),
        serving: pair(next.serving),
        servingNotAfterMs: next.serving.facts.notAfterMs,
        caNotAfterMs: next.ca.facts.notAfterMs,
        recheckAtMs: plan.recheckAtMs,
        actions: [...(restoring ? ['restore-secret'] : []), ...plan.actions.map(describe)],
      },
    };
  }

  async #execute(nowMs: number, state: SecretState, actions: readonly CertAction[]): Promise<SecretState> {
    let { ca, serving, bundle, bundleChangedMs } = state;
    let newCa: (HeldCert & { keyPem: string }) | undefined;
    for (const a of actions) {
      if (a.type === 'generate-ca') {
        const made = await this.#factory.ca({ nowMs, validForMs: a.notAfterMs - nowMs, algorithm: a.algorithm });
        newCa = held(made);
        ca = newCa;
      } else if (a.type === 'set-ca-bundle') {
        const known = [...bundle, ...(state.ca ? [state.ca] : [])];
        bundle = [...a.keep.flatMap((fp) => known.find((c) => c.facts.fingerprint === fp) ?? []), ...(a.addNewCa && newCa ? [newCa] : [])];
        bundleChangedMs = nowMs;
      } else {
        const signer = ca!;
        const dnsNames = a.sans.filter((s) => !isIp(s));
        const ipAddresses = a.sans.filter(isIp);
        const made = await this.#factory.serving({ ca: pair(signer), dnsNames, ipAddresses, nowMs, validForMs: a.notAfterMs - nowMs, algorithm: a.algorithm });
        serving = held(made, [signer]);
      }
    }
    return { ...(ca ? { ca } : {}), ...(serving ? { serving } : {}), bundle, ...(bundleChangedMs !== undefined ? { bundleChangedMs } : {}) };
  }
}

function held(p: PemKeyPair, issuers: readonly HeldCert[] = []): HeldCert & { keyPem: string } {
  const facts = certFacts(p.certPem, issuers);
  if (!facts) throw new Error('a certificate just generated does not parse');
  return { pem: p.certPem, keyPem: p.keyPem, facts };
}

function pair(c: HeldCert & { keyPem: string }): PemKeyPair {
  return { certPem: c.pem, keyPem: c.keyPem };
}

function isIp(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || s.includes(':');
}

function describe(a: CertAction): string {
  return a.type === 'set-ca-bundle' ? `${a.type} (${a.reason}, ${a.keep.length + (a.addNewCa ? 1 : 0)} CAs)` : `${a.type} (${a.reason})`;
}

