import { toJson } from './functions/to-json.ts';

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go template truth: nil, false, 0, "" and empty maps/arrays are false, everything else true. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** Formats a value as template text: nil is empty, integers have no `.0`, maps and arrays are JSON. */
export function formatText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return toJson(value);
}

/**
 * Formats a number for text output. Integers below 1e21 print all their digits (Kubernetes
 * decodes integral JSON numbers as int64, never as Go's float `1e+06`); other numbers print as
 * Go's %v prints a float64: the shortest digits that read back the same, with an exponent when
 * it is below -4 or at least 6 (`1.5e-05`, `1.2345675e+06`).
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 6) return String(value);
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Names a value for error messages: `string "abc"`, `integer 3`, `nil`, `object`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number') return `${Number.isInteger(value) ? 'integer' : 'number'} ${formatNumber(value)}`;
  if (typeof value === 'boolean') return `boolean ${String(value)}`;
  return Array.isArray(value) ? 'array' : 'object';
}
