/** One `rest_client_requests_total{code,method,host}` series. */
export interface RequestCount {
  readonly method: string;
  /** The HTTP status, or `<error>` when no answer came (client-go's label value). */
  readonly code: string;
  readonly host: string;
  readonly count: number;
}

/** Counts API requests per method, status and host. */
export interface RequestMetrics {
  /** Counts a request; `probe` (a /readyz probe) is counted in the series but never as forbidden. */
  record(method: string, code: string, host: string, kind?: 'api' | 'probe'): void;
  /** Every series so far, sorted by host, method, code. */
  counts(): readonly RequestCount[];
  /** How many API responses (and watch ERROR events) carried HTTP 403: the runtime's RBAC must make this 0. */
  forbidden(): number;
}

/** Creates empty request counters. */
export function requestMetrics(): RequestMetrics {
  const series = new Map<string, RequestCount>();
  let forbidden = 0;
  return {
    record(method, code, host, kind = 'api') {
      if (code === '403' && kind === 'api') forbidden++;
      const key = `${host}\u0000${method}\u0000${code}`;
      const prev = series.get(key);
      series.set(key, { method, code, host, count: (prev?.count ?? 0) + 1 });
    },
    counts: () => [...series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v),
    forbidden: () => forbidden,
  };
}
