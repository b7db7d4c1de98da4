import { renderTemplate } from '../template/index.ts';
import type { ConditionScalar, ConditionScope, FieldRef } from './condition-model.ts';

/** The outcome of reading a field or a value: the value, or a failed template (the condition then does not hold). */
export type Read = { ok: true; value: unknown } | { ok: false; error: string };

/** Reads a field from the scope: own properties only (no `__proto__` or `constructor`), numeric segments index lists. */
export function readField(field: FieldRef, scope: ConditionScope): Read {
  if (field.type === 'template') return renderTemplate(field.template, scope);
  let value: unknown = scope;
  for (const segment of field.path) {
    if (value === null || typeof value !== 'object') return { ok: true, value: undefined };
    if (Array.isArray(value)) value = /^\d+$/.test(segment) ? value[Number(segment)] : undefined;
    else value = Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return { ok: true, value };
}

/** Reads a value written in a condition, rendering it when it is a template. */
export function readScalar(scalar: ConditionScalar, scope: ConditionScope): Read {
  return scalar.type === 'literal' ? { ok: true, value: scalar.value } : renderTemplate(scalar.template, scope);
}
