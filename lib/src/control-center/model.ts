// The Control Center's data (DESIGN §8, apps/control-center/API.md): what one poll of a runtime
// yields, what is remembered per runtime between polls, and the snapshot the API and SSE serve.

/** How a runtime looks from the Control Center. */
export type RuntimeStatus = 'online' | 'starting' | 'offline';

/** The fields of a runtime's `GET /katalog` body the Control Center reads; the rest passes through. */
export interface KatalogFacts {
  readonly isLeader: boolean;
  /** The runtime's own readiness (Katalog loaded, caches synced). */
  readonly ready: boolean;
  readonly gatewayEndpoint?: string;
  /** Why `gatewayEndpoint` cannot be polled (not an http(s) URL); the gateway is then shown offline with it. */
  readonly gatewayEndpointProblem?: string;
  readonly crds: readonly CrdFacts[];
}

/** One CRD line of `/katalog` as the Control Center reads it. */
export interface CrdFacts {
  readonly name: string;
  readonly enabled: boolean;
  readonly state: string;
  readonly resourceCount: number;
  readonly queueDepth: number;
  readonly totalReconciles: number;
  /** Failed / total reconciles in [0, 1]. */
  readonly errorRate: number;
  /** Concurrent reconciles allowed; absent from runtimes older than the Control Center. */
  readonly workers?: number;
}

/** A runtime's `/katalog` answer: the facts read from it and the body exactly as returned. */
export interface KatalogAnswer {
  readonly facts: KatalogFacts;
  readonly body: unknown;
}

/** The gateway a runtime advertises, as last polled. */
export interface GatewayView {
  readonly endpoint: string;
  readonly status: 'online' | 'offline';
  readonly error?: string;
  /** The gateway's `GET /katalog` body, as returned. */
  readonly stats?: unknown;
}

/** What one poll pass learned about one runtime. */
export type PollResult =
  | { readonly type: 'answer'; readonly katalog: KatalogAnswer; readonly gateway?: GatewayView }
  | { readonly type: 'error'; readonly message: string };

/** One point of a runtime's history: totals at `atMs`; the UI derives rates from consecutive samples. */
export interface Sample {
  readonly atMs: number;
  readonly queueDepth: number;
  readonly totalReconciles: number;
  /** Failed reconciles so far (errorRate × totalReconciles, summed over CRDs). */
  readonly errors: number;
  readonly crds: Readonly<Record<string, { readonly queueDepth: number; readonly totalReconciles: number }>>;
}

/** What the Control Center remembers about one runtime between polls. */
export interface RuntimeState {
  readonly id: string;
  readonly url: string;
  readonly status: RuntimeStatus;
  /** When the runtime last answered, epoch ms. */
  readonly lastSeenMs?: number;
  readonly error?: string;
  /** The last answer shown: the leader's when one was seen (and is not stale), else a follower's. */
  readonly katalog?: KatalogAnswer;
  /** When the cached answer came from the leader, epoch ms; absent when it is a follower's. */
  readonly leaderAtMs?: number;
  readonly gateway?: GatewayView;
  /** Oldest first, at most the history window. */
  readonly history: readonly Sample[];
}
