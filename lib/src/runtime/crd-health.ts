import type { CrdEntry, DependencyCondition } from '../katalog/model.ts';

/** Where a CRD's controller is in its life (spec/runtime.md, "Health states"). */
export type HealthState = 'not-started' | 'waiting-for-crd' | 'waiting-for-dependency' | 'pending' | 'healthy' | 'degraded';

/** The health of one CRD's controller. */
export interface CrdHealth {
  readonly state: HealthState;
  /** Failed reconciles since the last success, across all CRs of the CRD. */
  readonly consecutiveFailures: number;
  /** When `state` was entered, epoch ms. */
  readonly sinceMs: number;
  readonly lastError?: string;
  /** The dependencies still unmet, while waiting-for-dependency. */
  readonly waitingFor?: readonly { readonly name: string; readonly condition: DependencyCondition }[];
  /** Resources whose list/watch the API server currently refuses (403), sorted. */
  readonly forbiddenWatches?: readonly string[];
}

/** What happens to a CRD's controller. */
export type HealthEvent =
  | { readonly type: 'crd-missing' }
  | { readonly type: 'dependencies-unmet'; readonly waitingFor: readonly { readonly name: string; readonly condition: DependencyCondition }[] }
  /** Informers started; no reconcile has finished yet. */
  | { readonly type: 'started' }
  | { readonly type: 'reconcile-succeeded' }
  | { readonly type: 'reconcile-failed'; readonly message: string }
  /** A list or watch of `resource` answered 403: its cache cannot fill, whatever the reconciles say. */
  | { readonly type: 'watch-forbidden'; readonly resource: string; readonly message: string }
  /** A list of `resource` succeeded again after a `watch-forbidden`. */
  | { readonly type: 'watch-allowed'; readonly resource: string }
  | { readonly type: 'stopped' };

/** The health of a controller that has not been started. */
export function initialHealth(nowMs: number): CrdHealth {
  return { state: 'not-started', consecutiveFailures: 0, sinceMs: nowMs };
}

/**
 * The health state machine: `failureThreshold` consecutive failed reconciles make a started CRD
 * degraded, and the first success makes it healthy again. Failures below the threshold leave
 * the state as it is, so one transient error does not flap `/health`.
 */
export function stepHealth(health: CrdHealth, event: HealthEvent, nowMs: number, failureThreshold: number): CrdHealth {
  const forbidden = health.forbiddenWatches ?? [];
  const enter = (state: HealthState, extra: Partial<CrdHealth> = {}): CrdHealth => {
    const watches = extra.forbiddenWatches ?? forbidden;
    return {
      state,
      consecutiveFailures: extra.consecutiveFailures ?? health.consecutiveFailures,
      sinceMs: state === health.state ? health.sinceMs : nowMs,
      ...(extra.lastError !== undefined ? { lastError: extra.lastError } : health.lastError !== undefined ? { lastError: health.lastError } : {}),
      ...(extra.waitingFor !== undefined ? { waitingFor: extra.waitingFor } : {}),
      ...(watches.length > 0 ? { forbiddenWatches: watches } : {}),
    };
  };
  switch (event.type) {
    case 'crd-missing':
      return enter('waiting-for-crd', { consecutiveFailures: 0, forbiddenWatches: [] });
    case 'dependencies-unmet':
      return enter('waiting-for-dependency', { consecutiveFailures: 0, waitingFor: event.waitingFor, forbiddenWatches: [] });
    case 'started':
      return enter('pending', { consecutiveFailures: 0, forbiddenWatches: [] });
    case 'stopped':
      return enter('not-started', { consecutiveFailures: 0, forbiddenWatches: [] });
    case 'reconcile-succeeded':
      if (!isStarted(health.state)) return health;
      // A success says nothing about a cache the API server will not fill.
      if (forbidden.length > 0) return enter('degraded', { consecutiveFailures: 0 });
      return { state: 'healthy', consecutiveFailures: 0, sinceMs: health.state === 'healthy' ? health.sinceMs : nowMs };
    case 'reconcile-failed': {
      if (!isStarted(health.state)) return health;
      const failures = health.consecutiveFailures + 1;
      const state = failures >= Math.max(1, failureThreshold) || forbidden.length > 0 ? 'degraded' : health.state;
      return enter(state, { consecutiveFailures: failures, lastError: event.message });
    }
    case 'watch-forbidden': {
      if (!isStarted(health.state)) return health;
      const watches = forbidden.includes(event.resource) ? forbidden : [...forbidden, event.resource].sort();
      return enter('degraded', { forbiddenWatches: watches, lastError: `list/watch ${event.resource} forbidden: ${event.message}` });
    }
    case 'watch-allowed': {
      if (!isStarted(health.state) || !forbidden.includes(event.resource)) return health;
      const watches = forbidden.filter((r) => r !== event.resource);
      if (watches.length > 0) return enter('degraded', { forbiddenWatches: watches });
      // Degraded by reconcile failures too: stay so until a success. Otherwise pending until the next reconcile.
      const failing = health.consecutiveFailures >= Math.max(1, failureThreshold);
      return enter(failing ? 'degraded' : 'pending', { forbiddenWatches: [] });
    }
  }
}

/** True once the controller's informers run (pending, healthy or degraded). */
export function isStarted(state: HealthState): boolean {
  return state === 'pending' || state === 'healthy' || state === 'degraded';
}

/** The HTTP status of `/katalog/{crd}/health`: 200 while healthy or pending, 503 otherwise. */
export function healthHttpStatus(state: HealthState): 200 | 503 {
  return state === 'healthy' || state === 'pending' ? 200 : 503;
}

/** The HTTP status of `/health`: 503 as soon as one enabled CRD answers 503. */
export function overallHttpStatus(states: readonly HealthState[]): 200 | 503 {
  return states.every((s) => healthHttpStatus(s) === 200) ? 200 : 503;
}

/** Whether a CRD may start: `start`, or `wait` with the dependencies still unmet. */
export type StartDecision =
  | { readonly type: 'start' }
  | { readonly type: 'wait'; readonly waitingFor: readonly { readonly name: string; readonly condition: DependencyCondition }[] };

/**
 * Decides from `dependsOn` whether a CRD may start: `started` needs the dependency's informers
 * running, `healthy` its controller healthy. A dependency `healthOf` does not know (disabled)
 * is ignored, as planStartupOrder ignores it.
 */
export function canStart(crd: Pick<CrdEntry, 'dependsOn'>, healthOf: (name: string) => HealthState | undefined): StartDecision {
  const waitingFor = crd.dependsOn.filter((d) => {
    const state = healthOf(d.name);
    if (state === undefined) return false;
    return d.condition === 'healthy' ? state !== 'healthy' : !isStarted(state);
  });
  return waitingFor.length === 0 ? { type: 'start' } : { type: 'wait', waitingFor };
}
