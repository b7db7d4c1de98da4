// issue 14 (runtime): what the extra template roots read, checked at validate time. `.children`
// is checked against the kinds the CRD declares and their Kubernetes field types; inside a
// forEach item `.item`, `.value` and `.<as>` against the element of the list or map iterated.
import { checkChildPath } from '../kube-types/check-child-path.ts';
import type { ReadType } from '../kube-types/kube-type.ts';
import type { Code } from '../diagnostics/codes.ts';
import type { JsonSchema } from '../katalog/model.ts';

/** What a template in one place may read beyond the CR: declared child kinds and the forEach element. */
export interface ReadContext {
  /** Kind-list keys the CRD declares (onCreate, onReconcile, onDelete). */
  readonly declared: ReadonlySet<string>;
  /** Inside a forEach item: the roots naming the element, and its schema when the CRD says. */
  readonly forEach?: { readonly roots: readonly string[]; readonly item?: JsonSchema | undefined; readonly value?: JsonSchema | undefined; readonly isMap: boolean } | undefined;
}

/** A finding about one read, or the type it reads. */
export type ReadVerdict =
  | { readonly type: 'ok'; readonly read: ReadType }
  | { readonly type: 'problem'; readonly code: Code; readonly message: string; readonly hint?: string }
  | { readonly type: 'cr' };

/** The roots a template may read in `ctx`: the CR's, `children`, and the forEach element's. */
export function rootsOf(ctx: ReadContext): string[] {
  return ['metadata', 'spec', 'status', 'children', ...(ctx.forEach?.roots ?? [])];
}

/** Judges a read path (`['children', 'deployment', 'status']`); `cr` means the CR schema decides. */
export function judgeRead(path: readonly string[], ctx: ReadContext, schemaType: (schema: JsonSchema, path: readonly string[]) => string): ReadVerdict {
  const [root, ...rest] = path;
  if (root === 'children') {
    const v = checkChildPath(rest, ctx.declared);
    switch (v.type) {
      case 'ok': return v;
      case 'no-field': return { type: 'problem', code: 'ORK1250', message: `.children.${v.field} is not a field of that kind`, hint: v.hint };
      case 'unknown-name': return { type: 'problem', code: 'ORK1251', message: `.children.${v.name} is not a child kind`, hint: v.hint };
      case 'undeclared': return { type: 'problem', code: 'ORK1252', message: `.children.${v.name}: this CRD creates no such child`, hint: v.hint };
    }
  }
  const each = ctx.forEach;
  if (each && root !== undefined && each.roots.includes(root)) {
    const isValue = root === 'value';
    if (!isValue && each.isMap) return rest.length === 0 ? { type: 'ok', read: 'string' } : { type: 'problem', code: 'ORK1202', message: `.${path.join('.')}: the element of a map is its key, a string` };
    const schema = isValue ? each.value : each.item;
    if (!schema) return { type: 'ok', read: 'unknown' };
    const t = schemaType(schema, rest);
    if (t === 'missing') return { type: 'problem', code: 'ORK1202', message: `.${path.join('.')} is not defined by the CRD schema (the forEach element)` };
    return { type: 'ok', read: t as ReadType };
  }
  return { type: 'cr' };
}
