// Follows a Katalog tag in an OCI registry (issue 19; spec/registry.md §4): loads it at start, then
// polls the tag with one HEAD request per interval. A new digest is pulled, verified, validated and
// checked against the RBAC the runtime holds before the controller set swaps to it; a refused one
// leaves the running Katalog alone and is reported on /health, in the log and as an Event.
import { setTimeout as delay } from 'node:timers/promises';
import { parseKatalog, type Katalog, type PolicyRule } from '@orkestra/lib';
import { planStartupOrder } from '@orkestra/lib/katalog';
import {
  ANNOTATIONS, describeMissingRule, formatReference, missingRuntimeRules, pinnedReference, pullKatalogArtifact,
  rbacReviewNamespaces, resolveDigest, shortDigest, type RegistryProblem,
} from '@orkestra/lib/registry';
import type { Clock, Cluster, Entropy, RegistryClient, Logger } from '@orkestra/lib/ports';
import type { KatalogSourceStatus } from './http/index.ts';
import { reviewHeldRules } from './check-held-rules.ts';
import type { ControllerSet } from './controller-set.ts';
import { EVENTS_RESOURCE } from './execute-effect.ts';
import type { RegistryConfig } from './registry-config.ts';
import { buildSourceEvent, type SourceEventSpec } from './source-event.ts';

/** What the follower is wired to. */
export interface FollowerDeps {
  readonly config: RegistryConfig;
  /** The install namespace (ORK_NAMESPACE): its bundle's roles are what the check compares with. */
  readonly namespace: string;
  readonly client: RegistryClient;
  readonly cluster: Cluster;
  readonly set: ControllerSet;
  readonly clock: Clock;
  readonly entropy: Entropy;
  readonly log: Logger;
  /** Events' reportingInstance. */
  readonly identity: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Runs the load-and-poll loop and keeps the state `/health` and `/katalog` show. */
export class RegistryFollower {
  readonly #deps: FollowerDeps;
  readonly #reference: string;
  readonly #status: Mutable<KatalogSourceStatus>;
  /** A digest refused for good (invalid): not pulled again. RBAC refusals are checked again each poll. */
  #invalid: string | undefined;

  constructor(deps: FollowerDeps) {
    this.#deps = deps;
    this.#reference = formatReference(deps.config.reference);
    this.#status = { type: 'registry', reference: this.#reference, pollIntervalSeconds: deps.config.pollIntervalMs / 1000 };
  }

  /** The source's state for the HTTP API (a copy). */
  status(): KatalogSourceStatus {
    return { ...this.#status };
  }

  /**
   * Polls until `signal` aborts. Before the first Katalog runs, retries back off from 1 s up to the
   * poll interval, so a registry that is briefly down at start costs seconds, not a full interval.
   */
  async run(signal: AbortSignal): Promise<void> {
    let retryMs = 1000;
    while (!signal.aborted) {
      await this.poll(signal);
      const loaded = this.#status.digest !== undefined;
      const waitMs = loaded ? this.#deps.config.pollIntervalMs : Math.min(retryMs, this.#deps.config.pollIntervalMs);
      retryMs = loaded ? 1000 : retryMs * 2;
      await delay(waitMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** One check of the tag: pull, check and swap in a new digest, or record why not. */
  async poll(signal: AbortSignal): Promise<void> {
    const { client, config, clock } = this.#deps;
    const now = new Date(clock.now()).toISOString();
    this.#status.lastPollAt = now;
    const resolved = await resolveDigest(client, config.reference, signal);
    if (signal.aborted) return;
    if (resolved.type === 'error') return this.#failed(resolved.problem);
    const digest = resolved.digest;
    if (digest === this.#status.digest || digest === this.#invalid) return this.#ok();
    const pulled = await pullKatalogArtifact(client, config.reference, [], signal);
    if (signal.aborted) return;
    if (pulled.type === 'error') return this.#failed(pulled.problem);
    this.#ok();
    const pinned = formatReference(pinnedReference(config.reference, pulled.value.digest));
    const parsed = parseKatalog({ file: pinned, text: pulled.value.katalogText }, { readFile: () => undefined });
    const order = parsed.ok ? planStartupOrder(parsed.katalog.crds) : undefined;
    if (!parsed.ok || (order && 'cycle' in order)) {
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      const reason = errors.length > 0
        ? errors.slice(0, 3).map((d) => `${d.line}:${d.column}: ${d.code} ${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ') + (errors.length > 3 ? `; and ${errors.length - 3} more` : '')
        : order && 'cycle' in order ? `dependsOn cycle: ${order.cycle.join(' -> ')}` : 'invalid Katalog';
      this.#invalid = pulled.value.digest;
      return this.#refuse(pulled.value.digest, 'ORK5102', `invalid Katalog: ${reason}`, undefined, `ork validate -f ${pinned}`);
    }
    const katalog = parsed.katalog;
    const namespaces = rbacReviewNamespaces(katalog, this.#deps.namespace);
    const held = await reviewHeldRules(this.#deps.cluster, namespaces);
    if (signal.aborted) return;
    if ('error' in held) return this.#failed({ code: 'ORK5106', message: held.error });
    const missing = missingRuntimeRules(katalog, this.#deps.namespace, held).map(describeMissingRule);
    if (missing.length > 0) {
      const apply = `ork generate bundle -f ${pinned} -n ${this.#deps.namespace} | kubectl apply --server-side -f -`;
      return this.#refuse(pulled.value.digest, 'ORK5103', `the Katalog needs ${missing.length} permission${missing.length === 1 ? '' : 's'} the runtime does not hold: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', ...' : ''}; apply its bundle: ${apply}`, missing, apply, held);
    }
    await this.#swap(katalog, pulled.value.digest, pulled.value.manifest.annotations[ANNOTATIONS.version], signal, held);
  }

  async #swap(katalog: Katalog, digest: string, version: string | undefined, signal: AbortSignal, held: ReadonlyMap<string, readonly PolicyRule[]>): Promise<void> {
    const { set, log, clock } = this.#deps;
    const first = set.katalog() === undefined;
    const swap = await set.replace(katalog, signal);
    this.#status.digest = digest;
    if (version !== undefined) this.#status.version = version;
    else delete this.#status.version;
    this.#status.loadedAt = new Date(clock.now()).toISOString();
    delete this.#status.refused;
    this.#invalid = undefined;
    const fields = { reference: this.#reference, digest, version, katalog: katalog.metadata.name };
    if (first) {
      log.info('katalog loaded from the registry', { code: 'ORK5100', ...fields, crds: swap.start.length });
      await this.#event({ type: 'Normal', reason: 'KatalogLoaded', note: `Katalog ${katalog.metadata.name} loaded from ${this.#reference} (${digest})` }, held);
    } else {
      log.info('katalog updated from the registry', { code: 'ORK5101', ...fields, started: swap.start.join(','), stopped: swap.stop.join(','), restarted: swap.restart.join(','), kept: swap.keep.length });
      const parts = [['started', swap.start], ['stopped', swap.stop], ['restarted', swap.restart]].filter(([, l]) => l!.length > 0).map(([w, l]) => `${w as string} ${(l as string[]).join(', ')}`);
      await this.#event({ type: 'Normal', reason: 'KatalogUpdated', note: `Katalog updated to ${digest}${parts.length > 0 ? `: ${parts.join('; ')}` : ': no controller changed'}` }, held);
    }
  }

  async #refuse(digest: string, code: 'ORK5102' | 'ORK5103', reason: string, missing: readonly string[] | undefined, apply: string, held?: ReadonlyMap<string, readonly PolicyRule[]>): Promise<void> {
    const previous = this.#status.refused;
    this.#status.refused = {
      digest, code, reason, at: new Date(this.#deps.clock.now()).toISOString(),
      ...(missing !== undefined ? { missing } : {}), ...(code === 'ORK5103' ? { apply } : {}),
    };
    // Said once per digest and reason: an RBAC refusal is checked again every poll.
    if (previous?.digest === digest && previous.code === code) return;
    const running = this.#status.digest !== undefined ? `keeping ${shortDigest(this.#status.digest)}` : 'no Katalog runs yet';
    this.#deps.log.error(code === 'ORK5102' ? 'katalog refused: invalid' : 'katalog refused: permissions missing', { code, digest, reason, running, ...(code === 'ORK5102' ? { check: apply } : { apply }) });
    await this.#event({ type: 'Warning', reason: 'KatalogRefused', note: `${code} ${digest} refused (${running}): ${reason}` }, held);
  }

  #failed(problem: RegistryProblem): void {
    const code = problem.code === 'ORK1507' || problem.code === 'ORK1508' ? 'ORK5105' : problem.code === 'ORK5106' ? 'ORK5106' : 'ORK5104';
    const message = `${problem.code !== code ? `${problem.code} ` : ''}${problem.message}`;
    const repeat = this.#status.lastError?.message === message;
    this.#status.lastError = { code, message, at: new Date(this.#deps.clock.now()).toISOString() };
    if (repeat) return;
    const fields = { code, reference: this.#reference, err: message, running: this.#status.digest ?? 'none' };
    if (code === 'ORK5105') this.#deps.log.error('registry credentials refused', { ...fields, hint: problem.hint });
    else this.#deps.log.warn(code === 'ORK5106' ? 'cannot check the runtime\'s permissions' : 'registry poll failed', fields);
  }

  #ok(): void {
    if (this.#status.lastError) this.#deps.log.info('registry reachable again', { reference: this.#reference });
    delete this.#status.lastError;
  }

  /** Records an Event only where the runtime may (its bundle grants Events per CRD scope), never a 403. */
  async #event(spec: SourceEventSpec, held: ReadonlyMap<string, readonly PolicyRule[]> | undefined): Promise<void> {
    const { cluster, namespace, clock, entropy, identity, log, config } = this.#deps;
    const rules = held?.get(namespace) ?? (await this.#installRules());
    const allowed = rules.some((r) => (r.apiGroups.includes('events.k8s.io') || r.apiGroups.includes('*'))
      && (r.resources.includes('events') || r.resources.includes('*')) && (r.verbs.includes('create') || r.verbs.includes('*')) && !r.resourceNames?.length);
    if (!allowed) return;
    const suffix = Math.floor(entropy.float() * 2 ** 48).toString(16).padStart(12, '0');
    const created = await cluster.create(EVENTS_RESOURCE, buildSourceEvent(spec, namespace, config.podName, clock.now(), identity, suffix));
    if (!created.ok) log.warn('cannot record the Katalog event', { reason: spec.reason, err: `${created.error.type}: ${created.error.message}` });
  }

  async #installRules(): Promise<readonly PolicyRule[]> {
    const held = await reviewHeldRules(this.#deps.cluster, [this.#deps.namespace]);
    return 'error' in held ? [] : held.get(this.#deps.namespace) ?? [];
  }
}
