import { isPlainObject, type Fields } from './fields.ts';
import { isLabelValue, isQualifiedKey } from './kube-syntax.ts';
import { sortKeys } from './labels.ts';

/**
 * Reads a label selector written either as a plain label map (shorthand for `matchLabels`) or
 * as `{matchLabels, matchExpressions}`. The two cannot be confused: label values are strings,
 * the selector's fields are a mapping and a list. `{}` selects everything and is kept.
 */
export function buildLabelSelector(f: Fields, key: string): Record<string, unknown> | undefined {
  const value = f.raw(key);
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return f.fail(key, 'expected a label map or {matchLabels, matchExpressions}');
  const full = 'matchLabels' in value && !isString(value['matchLabels'])
    || 'matchExpressions' in value && !isString(value['matchExpressions']);
  if (!full) {
    const matchLabels = checkedLabels(f, key);
    return matchLabels ? { matchLabels } : {};
  }
  const s = f.optObject(key) ?? f.fail(key, 'expected a mapping');
  const unknown = Object.keys(value).filter((k) => k !== 'matchLabels' && k !== 'matchExpressions');
  if (unknown.length > 0) s.fail(unknown[0] as string, 'is not a label selector field (matchLabels, matchExpressions)');
  const matchLabels = checkedLabels(s, 'matchLabels');
  const matchExpressions = s.optRawList('matchExpressions');
  return {
    ...(matchLabels && { matchLabels }),
    ...(matchExpressions && { matchExpressions }),
  };
}

function checkedLabels(f: Fields, key: string): Record<string, string> | undefined {
  const map = f.optStringMap(key);
  for (const [k, v] of Object.entries(map ?? {})) {
    if (!isQualifiedKey(k) || !isLabelValue(v)) f.fail(`${key}.${k}`, `${JSON.stringify(k)}: ${JSON.stringify(v)} is not a valid label`);
  }
  return map && sortKeys(map);
}

function isString(v: unknown): boolean {
  return typeof v === 'string';
}
