/**
 * A metric set as a server's `/metrics` route serves it: the exposition text and its content type.
 * Each app's set (runtime, gateway, Control Center) extends this with its own typed methods, so
 * no caller outside the set touches the metrics library.
 */
export interface Metrics {
  /** The exposition content type to send with `metrics()`. */
  readonly contentType: string;
  /** Renders every metric of the set in the Prometheus text format. */
  metrics(): Promise<string>;
}
