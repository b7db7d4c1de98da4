// Holds requests back while the API server is (re)starting. A kube-apiserver accepts connections
// before its authorizer's caches are filled, and in that window RBAC denies requests it would
// allow a second later: a runtime that reconnects at once after an API server restart meets
// 403s for rules it holds. /readyz turns 200 only once those caches synced (its informer-sync
// check), so after a
// connection failure requests fail fast until /readyz answers 200. /readyz is itself authorized by
// RBAC (system:public-info-viewer), so while those caches are cold it answers 403 too: a denied
// probe means "not ready yet", up to a limit, after which the server is taken not to let us ask.

/** What one /readyz probe said. */
export type ProbeAnswer =
  /** 200: the API server is ready. */
  | 'ready'
  /** No answer, or a 5xx: starting, stopping or gone. */
  | 'not-ready'
  /** 401 or 403: RBAC not loaded yet, or (if it lasts) a cluster that does not let us ask. */
  | 'denied'
  /** Any other answer (404 from a proxy...): this server cannot tell us. */
  | 'unknown';

/** Gates requests on the API server's readiness. */
export interface ReadinessGate {
  /** True while the server is believed ready. False starts a background prober (one at a time). */
  isOpen(): boolean;
  /** A request could not reach the server (or got a 503): requests fail fast until /readyz says 200. */
  lost(): void;
  /** Probes so far, for tests and logs. */
  probes(): number;
  /** Resolves when no prober runs (tests). */
  settled(): Promise<void>;
}

/** Options of readinessGate; sleep is injected so tests run on fake time. */
export interface ReadinessGateOptions {
  readonly probe: () => Promise<ProbeAnswer>;
  readonly sleep: (ms: number) => Promise<void>;
  /** First pause between probes; it doubles up to `maxIntervalMs`. */
  readonly intervalMs?: number;
  readonly maxIntervalMs?: number;
  /** Consecutive `denied` answers after which /readyz is taken as closed to us (default 20, about 35 s). */
  readonly maxDenied?: number;
}

/**
 * Starts open (a server we just connected to is normally ready). While closed, requests fail at
 * once as `unavailable` (callers back off as for any outage) instead of hanging: a request held
 * for long could outlive the Lease it was made under.
 */
export function readinessGate(options: ReadinessGateOptions): ReadinessGate {
  const base = options.intervalMs ?? 250;
  const max = options.maxIntervalMs ?? 2_000;
  let open = true;
  // A server that cannot be asked is never asked again: the gate stays open for good.
  let disabled = false;
  let probing: Promise<void> | undefined;
  let probes = 0;

  async function probeUntilReady(): Promise<void> {
    let pause = base;
    let denied = 0;
    for (;;) {
      probes++;
      const answer = await options.probe();
      denied = answer === 'denied' ? denied + 1 : 0;
      if (answer === 'ready' || answer === 'unknown' || denied >= (options.maxDenied ?? 20)) {
        disabled = answer !== 'ready';
        open = true;
        return;
      }
      await options.sleep(pause);
      pause = Math.min(max, pause * 2);
    }
  }

  return {
    isOpen() {
      if (open) return true;
      probing ??= probeUntilReady().finally(() => {
        probing = undefined;
      });
      return false;
    },
    lost() {
      if (!disabled) open = false;
    },
    probes: () => probes,
    settled: async () => {
      while (probing) await probing;
    },
  };
}
