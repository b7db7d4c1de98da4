// The JSON bodies the routes send: the view's data plus what the server derives.
import type { HealthState } from '@orkestra/lib/runtime';
import type { CrDetail, CrdHealthLine, CrdHealthReport, CrdInfo, CrEventList, CrList, CrListItem, KatalogSourceStatus, KatalogSummary } from './runtime-view-contract.ts';

/** The runtime's overall state: 503 on `/health` is `degraded`, 200 is `pending` or `healthy`. */
export type OverallStatus = 'healthy' | 'pending' | 'degraded';

/** Fields every response carries. */
export interface Stamped {
  readonly isLeader: boolean;
}

/** `/health`. */
export interface HealthResponse extends Stamped {
  readonly status: OverallStatus;
  readonly ready: boolean;
  readonly crds: readonly CrdHealthLine[];
  /** The registry source's state (issue 19); absent for a Katalog file. */
  readonly source?: KatalogSourceStatus;
}

/** `/livez`, `/healthz` and `/readyz`. */
export interface ProbeResponse extends Stamped {
  readonly status: 'ok' | 'not-ready';
}

/** `/katalog`. */
export interface KatalogResponse extends KatalogSummary, Stamped {
  readonly ready: boolean;
  /** True when `/health` would answer 200. */
  readonly healthy: boolean;
  readonly status: OverallStatus;
  readonly total: number;
  readonly totalEnabled: number;
  /** Enabled CRDs per health state. */
  readonly statusCounts: Readonly<Record<HealthState, number>>;
  /** Absent when no gateway is configured. */
  readonly gatewayEndpoint?: string;
  /** The registry source's state (issue 19); absent for a Katalog file. */
  readonly source?: KatalogSourceStatus;
}

/** `/katalog/{crd}`. */
export interface CrdInfoResponse extends CrdInfo, Stamped {
  readonly healthy: boolean;
  readonly started: boolean;
  /** `workers - workersActive`, never negative. */
  readonly workersIdle: number;
}

/** `/katalog/{crd}/health`; sent with 200 while healthy or pending, 503 otherwise. */
export interface CrdHealthResponse extends CrdHealthReport, Stamped {
  readonly healthy: boolean;
  readonly started: boolean;
  readonly pending: boolean;
}

/** `/katalog/{crd}/cr`. */
export interface CrListResponse extends CrList, Stamped {
  readonly total: number;
  readonly items: readonly CrListItem[];
}

/** `/katalog/{crd}/cr/{namespace}/{name}` and `/katalog/{crd}/cr/{name}`. */
export interface CrDetailResponse extends CrDetail, Stamped {}

/** `/katalog/{crd}/cr/{namespace}/{name}/events` and `/katalog/{crd}/cr/{name}/events`. */
export interface CrEventsResponse extends CrEventList, Stamped {}

/** The `error` code of an error body. */
export type ErrorCode = 'crd-not-found' | 'cr-not-found' | 'wrong-scope' | 'route-not-found' | 'method-not-allowed' | 'bad-request' | 'internal'
  // Issue 12: CR routes need a token the API server accepts and access it grants.
  | 'unauthorized' | 'forbidden' | 'unavailable';

/** Every 4xx/5xx body. */
export interface ErrorResponse extends Stamped {
  readonly error: ErrorCode;
  readonly message: string;
}
