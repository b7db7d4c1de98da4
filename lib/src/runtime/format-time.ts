/** RFC 3339 with whole seconds (`2026-11-24T01:02:03Z`), as metav1.Time serialises. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * RFC 3339 with six fractional digits (`2026-11-24T01:02:03.123000Z`), as metav1.MicroTime
 * requires: the API server rejects Lease times with three (client-node issue #828).
 */
export function formatMicroTime(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const iso = new Date(whole).toISOString();
  return `${iso.slice(0, -1)}${String(Math.min(micros, 999)).padStart(3, '0')}Z`;
}

/** Parses an RFC 3339 time (any fraction) to epoch ms; undefined when it is not one. */
export function parseTime(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
