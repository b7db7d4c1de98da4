/** A moment broken into the fields a layout prints, in the timestamp's own offset. */
export interface Instant {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly yearDay: number;
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Fractional second digits as written (up to 9), without the dot. */
  readonly fraction: string;
  readonly offsetMinutes: number;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2}))?$/;

/** Reads an RFC 3339 timestamp (a date alone means midnight UTC) or Unix seconds; undefined when neither. */
export function readTimestamp(value: unknown): Instant | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? fields(value * 1000, 0, '') : undefined;
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  const offset = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(local);
  // Date.UTC rolls 2024-02-30 over to March; a timestamp naming a day that does not exist is not one.
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return fields(local - offset * 60_000, offset, fraction);
}

function fields(utcMs: number, offsetMinutes: number, fraction: string): Instant {
  const t = new Date(utcMs + offsetMinutes * 60_000);
  const startOfYear = Date.UTC(t.getUTCFullYear(), 0, 1);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    yearDay: Math.floor((t.getTime() - startOfYear) / 86_400_000) + 1,
    weekday: t.getUTCDay(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    fraction,
    offsetMinutes,
  };
}
