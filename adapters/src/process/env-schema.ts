// Environment variables as the server apps read them (DESIGN §6): every value a string the chart
// rendered, an empty one meaning unset, each checked at start so a bad one is one clear line.
import * as v from 'valibot';
import { parseDuration } from '@orkestra/lib/katalog';

/** A string variable with a default; blank is refused. */
export const envText = (fallback: string) => v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')), fallback);

/** A string variable without a default. */
export const envOptionalText = v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')));

/** A whole number in [min, max]. */
export const envInteger = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => v.pipe(
  v.optional(v.string(), String(fallback)),
  v.trim(),
  v.regex(/^\d+$/, 'must be a whole number'),
  v.transform(Number),
  v.minValue(min, `must be at least ${min}`),
  v.maxValue(max, `must be at most ${max}`),
);

/** A Go duration (`30s`, `1m30s`) as the chart writes it, in ms; a bare number means seconds. */
export const envDuration = (fallback: string, minMs = 1) => v.pipe(
  v.optional(v.string(), fallback),
  v.trim(),
  v.transform((s) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) * 1000 : parseDuration(s))),
  v.number('must be a duration such as 30s, 1m or 500ms (a bare number means seconds)'),
  v.minValue(minMs, minMs === 1 ? 'must be longer than zero' : `must be at least ${minMs}ms`),
);

/** true/false (also 1/0, yes/no), any case. */
export const envBool = (fallback: boolean) => v.pipe(
  v.optional(v.string(), String(fallback)),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1' || s === 'yes'),
);

/** LOG_LEVEL. */
export const envLogLevel = v.pipe(v.optional(v.string(), 'info'), v.trim(), v.toLowerCase(), v.picklist(['debug', 'info', 'warn', 'error'], 'must be one of debug, info, warn, error'));

/**
 * Checks an environment record against `schema`; the first problem comes back as
 * `NAME: message`. An empty variable counts as unset, as the chart renders unset values as "".
 */
export function parseEnv<S extends v.GenericSchema>(schema: S, env: Readonly<Record<string, string | undefined>>):
  { readonly type: 'ok'; readonly value: v.InferOutput<S> } | { readonly type: 'error'; readonly message: string } {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = v.safeParse(schema, present);
  if (parsed.success) return { type: 'ok', value: parsed.output };
  const issue = parsed.issues[0];
  const name = issue.path?.[0]?.key;
  return { type: 'error', message: `${typeof name === 'string' ? name : 'environment'}: ${issue.message}` };
}
