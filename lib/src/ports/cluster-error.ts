/**
 * Why a Cluster call failed, normalised from HTTP statuses: 404 not-found, 409 conflict (also
 * AlreadyExists), 401/403 forbidden, 410 gone (resourceVersion expired), 400/422 and other 4xx
 * invalid, 429/5xx/network/timeouts unavailable.
 */
export interface ClusterError {
  readonly type: ClusterErrorType;
  /** HTTP status when the server answered; absent for network errors. */
  readonly status?: number;
  readonly message: string;
  /** The Kubernetes Status reason (`AlreadyExists`, `Expired`, ...) when the server gave one. */
  readonly reason?: string;
  readonly cause?: unknown;
}

/** The kinds of Cluster failure a caller can act on. */
export type ClusterErrorType = 'not-found' | 'conflict' | 'forbidden' | 'unavailable' | 'invalid' | 'gone';

/**
 * The outcome of a Cluster call: expected failures (404, 409, 403, 410, outages) are values, so
 * callers must branch on them; a Cluster never throws or rejects for them.
 */
export type ClusterResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ClusterError };

/** Wraps a value as a successful ClusterResult. */
export function ok<T>(value: T): ClusterResult<T> {
  return { ok: true, value };
}

/** Wraps a ClusterError as a failed ClusterResult. */
export function fail<T = never>(type: ClusterErrorType, message: string, extra: { status?: number; reason?: string; cause?: unknown } = {}): ClusterResult<T> {
  return { ok: false, error: { type, message, ...extra } };
}

/** Maps an HTTP status to the ClusterErrorType a caller acts on. */
export function errorTypeForStatus(status: number): ClusterErrorType {
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 410) return 'gone';
  if (status === 429 || status >= 500) return 'unavailable';
  return 'invalid';
}
