/** Milliseconds per duration unit; `d` and `y` follow the seed (`30d`, `2y`), a year is 365 days. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 31_536_000_000 } as const;

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|y)/gy;

/**
 * Parses `500ms`, `30s`, `5m`, `2h`, `30d`, `2y` or a sequence such as `1h30m` into milliseconds.
 * Returns undefined for anything else (including bare numbers: a unit is always required).
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let end = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    end = PART.lastIndex;
  }
  if (end !== s.length) return undefined;
  return Math.round(total);
}

/** Formats milliseconds the way a human would write them in a Katalog (`30s`, `1h30m`, `2y`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['y', 'd', 'h', 'm', 's', 'ms'] as const) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
