// Formatters for what the pages show: ages as kubectl prints them, rates, counts, percentages.
// Pure: callers pass the current time in.

/** Milliseconds as kubectl's age column (`45s`, `3m12s`, `3m`, `5h2m`, `20h`, `3d4h`, `12d`, `2y`). */
export function formatAge(ms) {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const hr = Math.floor(m / 60);
  const d = Math.floor(hr / 24);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  if (hr < 8) return m % 60 === 0 ? `${hr}h` : `${hr}h${m % 60}m`;
  if (hr < 48) return `${hr}h`;
  if (d < 8) return hr % 24 === 0 ? `${d}d` : `${d}d${hr % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** The age of an RFC 3339 timestamp at `nowMs`, or `—` when missing or unparsable. */
export function ageOf(timestamp, nowMs) {
  if (typeof timestamp !== 'string' || timestamp === '') return '—';
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? '—' : formatAge(nowMs - at);
}

/** A per-second rate shown per minute, the unit that keeps operator rates readable (`0`, `0.5/min`, `12/min`). */
export function formatRatePerMinute(perSecond) {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0/min';
  const perMinute = perSecond * 60;
  if (perMinute < 10) return `${trimZero(perMinute.toFixed(1))}/min`;
  return `${Math.round(perMinute).toLocaleString('en-US')}/min`;
}

/** A count with thousands separators; `—` for a missing value. */
export function formatCount(n) {
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

/** A ratio 0..1 as a percentage (`0%`, `2.5%`, `100%`); `—` for a missing value. */
export function formatPercent(ratio) {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) return '—';
  const pct = ratio * 100;
  if (pct === 0) return '0%';
  if (pct < 10) return `${trimZero(pct.toFixed(1))}%`;
  return `${Math.round(pct)}%`;
}

/** Seconds as a short duration (`30s`, `5m`, `1h30m`). */
export function formatSeconds(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${trimZero(seconds.toFixed(1))}s`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  if (m < 60) return s ? `${m}m${s}s` : `${m}m`;
  const hr = Math.floor(m / 60);
  return m % 60 ? `${hr}h${m % 60}m` : `${hr}h`;
}

/** Milliseconds as a short latency (`0.42 ms`, `3.1 ms`, `250 ms`, `1.5 s`); `—` for a missing value. */
export function formatMs(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return `${Number(ms.toFixed(2))} ms`;
  if (ms < 10) return `${trimZero(ms.toFixed(1))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${trimZero((ms / 1000).toFixed(1))} s`;
}

/** A Kubernetes API group for people: the core group has no name. */
export function formatGroup(group) {
  return group === '' ? 'core' : String(group);
}

function trimZero(fixed) {
  return fixed.replace(/\.0$/, '');
}
