import { parseDuration } from '../katalog/duration.ts';

/** A parsed duration, or why the text is not one. */
export type DurationResult =
  | { readonly type: 'ok'; readonly ms: number }
  | { readonly type: 'error'; readonly message: string };

/**
 * Parses a certificate duration (`30d`, `2y`, `12h`, `3m`, `1h30m`; a year is 365 days) with a
 * message that says what is wrong, for TLS_VALID_FOR / TLS_ROTATION_THRESHOLD and the Katalog.
 */
export function parseCertDuration(text: string): DurationResult {
  const s = text.trim();
  if (s === '') return { type: 'error', message: 'duration is empty: write a number and a unit, such as 30d' };
  if (/^-/.test(s)) return { type: 'error', message: `duration "${s}" is negative` };
  if (/^\d+(\.\d+)?$/.test(s)) return { type: 'error', message: `duration "${s}" has no unit: write ${s}d, ${s}h or ${s}m (units: ms, s, m, h, d, y)` };
  const unit = /\d+(?:\.\d+)?\s*([a-zA-Z]+)/.exec(s);
  const ms = parseDuration(s);
  if (ms === undefined) {
    const bad = unit && !['ms', 's', 'm', 'h', 'd', 'y'].includes(unit[1]!) ? `unknown unit "${unit[1]}"` : 'not a duration';
    return { type: 'error', message: `duration "${s}": ${bad} (write a number and a unit: ms, s, m, h, d or y, such as 30d or 1h30m)` };
  }
  if (ms <= 0) return { type: 'error', message: `duration "${s}" must be greater than zero` };
  return { type: 'ok', ms };
}
