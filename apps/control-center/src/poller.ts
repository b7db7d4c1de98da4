// Polls every runtime's /katalog (and its gateway's) each REFRESH_INTERVAL, folds the answers into
// lib's runtime state and publishes a snapshot after every pass. Decisions are lib's; this file
// only does the I/O and the timing.
import { setTimeout as delay } from 'node:timers/promises';
import {
  buildSnapshot, initialRuntimeState, readKatalogFacts, stepRuntimeState, type GatewayView, type PollResult, type RuntimeState,
  type Snapshot, type StatePolicy,
} from '@orkestra/lib/control-center';
import type { Clock } from '@orkestra/lib/ports';
import { getJson } from './get-json.ts';
import { getPreferLeader } from './get-prefer-leader.ts';

/** The history window of every runtime (API.md: the last 15 minutes). */
export const HISTORY_MS = 15 * 60_000;

/**
 * Largest `/katalog` answer read from a runtime, and from its gateway, each pass: its share of the
 * snapshot every open page receives (issue 12; lib RUNTIME_SNAPSHOT_BUDGET_CHARS bounds the rest).
 */
export const MAX_RUNTIME_KATALOG_BYTES = 1024 * 1024;
export const MAX_GATEWAY_KATALOG_BYTES = 256 * 1024;

/** What a poller needs. */
export interface PollerOptions {
  readonly urls: readonly string[];
  readonly refreshMs: number;
  readonly requestTimeoutMs: number;
  readonly clock: Clock;
  /** Told after every pass, with the new snapshot and how long the pass took. */
  readonly onPass?: (snapshot: Snapshot, seconds: number) => void;
  /** Replaceable for tests. */
  readonly get?: typeof getJson;
  /** Told when a pass met something it did not expect (a bug, never a runtime's answer); the poller goes on. */
  readonly onError?: (message: string) => void;
}

/** The runtimes being watched and their last snapshot. */
export class Poller {
  readonly #options: PollerOptions;
  readonly #policy: StatePolicy;
  #states: RuntimeState[];
  #snapshot: Snapshot;
  #passes = 0;

  constructor(options: PollerOptions) {
    this.#options = options;
    // A leader answer outlives followers-only polls for three intervals (lib StatePolicy).
    this.#policy = { historyMs: HISTORY_MS, leaderStaleMs: 3 * options.refreshMs };
    this.#states = options.urls.map((url, i) => initialRuntimeState(`r${i}`, url));
    this.#snapshot = buildSnapshot(this.#states, options.clock.now(), options.refreshMs);
  }

  /** The snapshot of the last pass (before the first: every runtime `starting`, nothing known). */
  snapshot(): Snapshot {
    return this.#snapshot;
  }

  /** Completed passes; /readyz answers 200 from the first on. */
  passes(): number {
    return this.#passes;
  }

  /** The base URL of runtime `id` (`r0`, ...), or undefined. */
  urlOf(id: string): string | undefined {
    return this.#states.find((s) => s.id === id)?.url;
  }

  /** Polls every runtime once, concurrently, and publishes the snapshot. */
  async pass(): Promise<Snapshot> {
    const { clock, refreshMs } = this.#options;
    const startedMs = clock.now();
    // Whatever a runtime sends becomes that runtime's error, never the poller's (issue 12).
    const polls = await Promise.all(this.#states.map((s) => this.#poll(s.url).catch((err: unknown): PollResult => {
      this.#options.onError?.(`polling ${s.url}: ${err instanceof Error ? err.message : String(err)}`);
      return { type: 'error', message: `the Control Center failed reading this runtime: ${err instanceof Error ? err.message : String(err)}` };
    })));
    const nowMs = clock.now();
    this.#states = this.#states.map((s, i) => stepRuntimeState(s, polls[i]!, nowMs, this.#policy));
    this.#snapshot = buildSnapshot(this.#states, nowMs, refreshMs);
    this.#passes++;
    this.#options.onPass?.(this.#snapshot, (nowMs - startedMs) / 1000);
    return this.#snapshot;
  }

  /** Passes every refresh interval (measured from the start of each pass) until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const startedMs = this.#options.clock.now();
      try {
        await this.pass();
      } catch (err) {
        // Only a bug lands here (every answer is handled above): report it and keep polling.
        this.#options.onError?.(`poll pass failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const waitMs = Math.max(0, this.#options.refreshMs - (this.#options.clock.now() - startedMs));
      // An abort ends the wait early; the loop condition then stops.
      await delay(waitMs, undefined, { signal }).catch(() => undefined);
    }
  }

  async #poll(url: string): Promise<PollResult> {
    const timeoutMs = this.#options.requestTimeoutMs;
    const getAny = this.#options.get ?? getJson;
    const get = (u: string, t: number) => getAny(u, t, { maxBytes: MAX_RUNTIME_KATALOG_BYTES });
    const r = await getPreferLeader(`${url}/katalog`, timeoutMs, get);
    if (r.type === 'error') return { type: 'error', message: r.message };
    if (r.status !== 200) return { type: 'error', message: `GET /katalog answered ${r.status}` };
    const facts = readKatalogFacts(r.body);
    if (facts.type === 'error') return { type: 'error', message: facts.message };
    const katalog = { facts: facts.facts, body: r.body };
    const endpoint = facts.facts.gatewayEndpoint;
    if (endpoint === undefined) return { type: 'answer', katalog };
    const problem = facts.facts.gatewayEndpointProblem;
    if (problem !== undefined) return { type: 'answer', katalog, gateway: { endpoint, status: 'offline', error: problem } };
    return { type: 'answer', katalog, gateway: await pollGateway(endpoint, timeoutMs, getAny) };
  }
}

async function pollGateway(endpoint: string, timeoutMs: number, get: typeof getJson): Promise<GatewayView> {
  const r = await get(`${endpoint.replace(/\/+$/, '')}/katalog`, timeoutMs, { maxBytes: MAX_GATEWAY_KATALOG_BYTES });
  if (r.type === 'error') return { endpoint, status: 'offline', error: r.message };
  if (r.status !== 200) return { endpoint, status: 'offline', error: `GET /katalog answered ${r.status}` };
  return { endpoint, status: 'online', stats: r.body };
}
