// The Lease loop of spec/runtime.md §4: read the Lease, let decideLeadership say what to write,
// write it, sleep until the next check. Only `get`, `create` and `update` of one Lease (spec/rbac.md).
import { setTimeout as delay } from 'node:timers/promises';
import {
  decideLeadership, RUNTIME_LEASE_NAME, trackLease, type LeaderElectionConfig, type LeaseSpec, type ObservedLease,
} from '@orkestra/lib/runtime';
import type { Clock, Cluster, KubeObject as ClusterObject, Entropy, Resource, Logger } from '@orkestra/lib/ports';

/** The Lease resource (coordination.k8s.io/v1). */
export const LEASE_RESOURCE: Resource = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };

/** What the elector is wired to; `onChange` is told each time leadership is gained or lost. */
export interface LeaderElectorDeps {
  readonly cluster: Cluster;
  readonly namespace: string;
  readonly identity: string;
  readonly config: LeaderElectionConfig;
  readonly clock: Clock;
  readonly entropy: Entropy;
  readonly log: Logger;
  readonly onChange: (leading: boolean) => void;
}

/** Elects this replica on the Lease `orkestra-runtime`; `release` hands it over on shutdown. */
export class LeaderElector {
  readonly #deps: LeaderElectorDeps;
  #tracked: { fingerprint: string; observedChangeMs: number } | undefined;
  #lastRenewMs: number | undefined;

  constructor(deps: LeaderElectorDeps) {
    this.#deps = deps;
  }

  /** True while this replica holds the Lease. */
  isLeader(): boolean {
    return this.#lastRenewMs !== undefined;
  }

  /** Tries to acquire and then renew until `signal` aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    const { clock, config } = this.#deps;
    while (!signal.aborted) {
      const nextCheckMs = await this.tick();
      await sleep(Math.max(0, (nextCheckMs ?? clock.now() + config.retryPeriodMs) - clock.now()), signal);
    }
  }

  /** Gives the Lease up (holder "", 1 s) so the next candidate takes over at once; call after all leader-only work stopped. */
  async release(): Promise<void> {
    if (!this.isLeader()) return;
    const read = await this.#read();
    this.#setLeading(undefined);
    if (!read.ok) return;
    const decision = decideLeadership({ ...this.#input(read.lease), releasing: true });
    if (decision.type !== 'release') return;
    const written = await this.#write('update', decision.lease, decision.resourceVersion);
    if (written) this.#deps.log.info('lease released');
  }

  /** One election round: read the Lease, decide, write; returns when to decide again (epoch ms), if known. */
  async tick(): Promise<number | undefined> {
    const { clock, config, log } = this.#deps;
    const read = await this.#read();
    if (!read.ok) {
      // Without a read we cannot renew; past the renew deadline we must stop leading.
      if (this.#lastRenewMs !== undefined && clock.now() - this.#lastRenewMs >= config.renewDeadlineMs) {
        log.warn('leadership lost', { reason: 'renew-deadline' });
        this.#setLeading(undefined);
      }
      return undefined;
    }
    const decision = decideLeadership(this.#input(read.lease));
    switch (decision.type) {
      case 'acquire':
      case 'renew': {
        const written = await this.#write(decision.type === 'acquire' ? decision.write : 'update', decision.lease, decision.resourceVersion);
        if (written) this.#setLeading(clock.now());
        return decision.nextCheckMs;
      }
      case 'step-down':
        log.warn('leadership lost', { reason: decision.reason });
        this.#setLeading(undefined);
        return decision.nextCheckMs;
      case 'wait':
        return decision.nextCheckMs;
      case 'release':
        return undefined;
    }
  }

  #input(lease: ObservedLease | undefined) {
    const nowMs = this.#deps.clock.now();
    this.#tracked = trackLease(this.#tracked, lease, nowMs);
    return {
      identity: this.#deps.identity, nowMs, config: this.#deps.config, lease, observedChangeMs: this.#tracked.observedChangeMs,
      jitter: this.#deps.entropy.float(), ...(this.#lastRenewMs !== undefined ? { lastRenewMs: this.#lastRenewMs } : {}),
    };
  }

  async #read(): Promise<{ ok: true; lease: ObservedLease | undefined } | { ok: false }> {
    const r = await this.#deps.cluster.get({ resource: LEASE_RESOURCE, namespace: this.#deps.namespace, name: RUNTIME_LEASE_NAME });
    if (r.ok) return { ok: true, lease: observedLease(r.value) };
    if (r.error.type === 'not-found') return { ok: true, lease: undefined };
    this.#deps.log.warn('cannot read the lease', { err: `${r.error.type}: ${r.error.message}` });
    return { ok: false };
  }

  async #write(write: 'create' | 'update', spec: LeaseSpec, resourceVersion: string | undefined): Promise<boolean> {
    const { cluster, namespace, log } = this.#deps;
    const object: ClusterObject = {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: RUNTIME_LEASE_NAME, namespace, ...(resourceVersion !== undefined ? { resourceVersion } : {}) },
      spec,
    };
    const r = write === 'create' ? await cluster.create(LEASE_RESOURCE, object) : await cluster.update(LEASE_RESOURCE, object);
    // A conflict means another candidate wrote first; the next read shows who.
    if (!r.ok && r.error.type !== 'conflict') log.warn('cannot write the lease', { err: `${r.error.type}: ${r.error.message}` });
    return r.ok;
  }

  #setLeading(renewedMs: number | undefined): void {
    const was = this.isLeader();
    this.#lastRenewMs = renewedMs;
    if (was !== this.isLeader()) {
      this.#deps.log.info(this.isLeader() ? 'became leader' : 'stopped leading', { identity: this.#deps.identity });
      this.#deps.onChange(this.isLeader());
    }
  }
}

/** The Lease spec fields decideLeadership reads, with the object's resourceVersion. */
export function observedLease(object: ClusterObject): ObservedLease {
  const spec = (object['spec'] ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof spec[k] === 'string' ? { [k]: spec[k] as string } : {});
  const num = (k: string) => (typeof spec[k] === 'number' ? { [k]: spec[k] as number } : {});
  return {
    ...str('holderIdentity'), ...num('leaseDurationSeconds'), ...str('acquireTime'), ...str('renewTime'), ...num('leaseTransitions'),
    ...(object.metadata.resourceVersion !== undefined ? { resourceVersion: object.metadata.resourceVersion } : {}),
  };
}

async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its signal.
  }
}
