import { closest } from '../util/closest.ts';
import { childAccessor, childAccessorNames, CHILD_ACCESSORS } from './child-accessors.ts';
import { CHILD_TYPES, OBJECT_META_TYPE } from './child-types.ts';
import { readAtPath, type KubeType, type ReadType } from './kube-type.ts';

/** What a `.children...` path reads, or why it cannot: an unknown name, an undeclared kind, a field the kind lacks. */
export type ChildPathVerdict =
  | { readonly type: 'ok'; readonly read: ReadType }
  | { readonly type: 'unknown-name'; readonly name: string; readonly hint: string }
  | { readonly type: 'undeclared'; readonly name: string; readonly hint: string }
  | { readonly type: 'no-field'; readonly field: string; readonly hint: string };

/**
 * Checks a path below `.children` (`['deployment', 'status', 'readyReplicas']`, or
 * `['jobs', '<name>', 'status', 'succeeded']`) against the kinds the CRD declares (kind-list keys)
 * and the Kubernetes field types of that kind. Custom kinds are not checked below their name.
 */
export function checkChildPath(path: readonly string[], declared: ReadonlySet<string>): ChildPathVerdict {
  const [name, ...rest] = path;
  if (name === undefined) return { type: 'ok', read: 'object' };
  const accessor = childAccessor(name);
  if (!accessor) {
    const near = closest(name, childAccessorNames());
    return { type: 'unknown-name', name, hint: near ? `did you mean .children.${near}?` : `.children takes a kind such as deployment, or its plural (deployments) with a name` };
  }
  if (!declared.has(accessor.kindKey)) {
    const names = [...declared].flatMap((k) => CHILD_ACCESSORS[k]?.one.slice(0, 1) ?? []).sort();
    return { type: 'undeclared', name, hint: names.length ? `this CRD declares ${names.join(', ')}` : 'this CRD declares no children' };
  }
  let fields = rest;
  if (accessor.form === 'many') {
    if (fields.length === 0) return { type: 'ok', read: 'object' };
    fields = fields.slice(1);
  }
  if (fields.length === 0) return { type: 'ok', read: 'object' };
  if (accessor.kindKey === 'custom') return { type: 'ok', read: 'unknown' };
  const [top, ...below] = fields as [string, ...string[]];
  if (top === 'apiVersion' || top === 'kind') return below.length ? missing(top, below[0]!, []) : { type: 'ok', read: 'string' };
  const kind = CHILD_TYPES[accessor.kindKey];
  const topType: KubeType | undefined = top === 'metadata' ? OBJECT_META_TYPE : kind?.[top];
  if (!kind) return { type: 'ok', read: 'unknown' };
  if (topType === undefined) return missing(name, top, ['apiVersion', 'kind', 'metadata', ...Object.keys(kind)]);
  const v = readAtPath(topType, below);
  if (v.type === 'ok') return v;
  return missing([name, ...(accessor.form === 'many' ? [rest[0]!] : []), top, ...below.slice(0, v.at)].join('.'), below[v.at]!, v.known);
}

function missing(parent: string, field: string, known: readonly string[]): ChildPathVerdict {
  const near = closest(field, known);
  const hint = near ? `did you mean ${near}?` : known.length ? `known fields: ${[...known].sort().join(', ')}` : `${parent} has no fields below it`;
  return { type: 'no-field', field: `${parent}.${field}`, hint };
}
