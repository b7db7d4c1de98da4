// What the child cache keeps of each child kind besides metadata and status (projectChild): the
// fields the health rules read, and the fields the Katalog reads through `.children`. Everything
// else (a pod template, a ConfigMap's data) is dropped as soon as it arrives.
import { itemTarget } from '../children/item-target.ts';
import type { ConditionSet } from '../conditions/condition-model.ts';
import type { CrdEntry } from '../katalog/model.ts';
import { childAccessor } from '../kube-types/child-accessors.ts';
import { compileTemplate, isTemplate, templateReferences } from '../template/index.ts';
import { HEALTH_PATHS } from './child-health.ts';

// A whole child read (`toJson .children.configmap`) keeps these top-level fields.
const WHOLE: readonly (readonly string[])[] = [['spec'], ['data']];

/**
 * Paths to keep per child resource (`group/resource`), from the roots of the object. Paths
 * below `metadata` and `status` are not listed: those are always kept.
 */
export function childKeepPaths(crd: CrdEntry): ReadonlyMap<string, readonly (readonly string[])[]> {
  const items = [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])];
  const byKind = new Map<string, string[]>();
  for (const item of items) {
    const t = itemTarget(item);
    if (!t) continue;
    const resources = byKind.get(item.key) ?? [];
    resources.push(`${t.group}/${t.resource}`);
    byKind.set(item.key, resources);
  }
  const keep = new Map<string, (readonly string[])[]>();
  const add = (resource: string, path: readonly string[]): void => {
    const list = keep.get(resource) ?? [];
    if (!list.some((p) => p.join('.') === path.join('.'))) list.push(path);
    keep.set(resource, list);
  };
  for (const item of items) {
    const t = itemTarget(item);
    if (t) for (const p of HEALTH_PATHS[`${t.group}/${t.kind}`] ?? []) add(`${t.group}/${t.resource}`, p);
  }
  for (const path of childReads(crd)) {
    const accessor = childAccessor(path[0] ?? '');
    if (!accessor) continue;
    const rest = accessor.form === 'many' ? path.slice(2) : path.slice(1);
    const top = rest[0];
    if (top === 'metadata' || top === 'status' || top === 'apiVersion' || top === 'kind') continue;
    for (const resource of byKind.get(accessor.kindKey) ?? []) {
      for (const p of top === undefined ? WHOLE : [rest]) add(resource, p);
    }
  }
  return keep;
}

/** Every path below `.children` the CRD's templates and conditions read (`['deployment', 'spec', 'replicas']`). */
function childReads(crd: CrdEntry): string[][] {
  const out: string[][] = [];
  const items = [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!isTemplate(value)) return;
      const compiled = compileTemplate(value, { roots: 'any' });
      if (compiled.ok) for (const r of templateReferences(compiled.template)) if (r.path[0] === 'children') out.push(r.path.slice(1));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  const conditions = (set: ConditionSet): void => {
    for (const c of [...set.all, ...set.any]) {
      if (c.field.type === 'path') {
        if (c.field.path[0] === 'children') out.push(c.field.path.slice(1));
      } else visit(c.field.text);
      const values = c.operand.type === 'scalar' ? [c.operand.value] : c.operand.type === 'list' ? c.operand.items : [];
      for (const v of values) if (v.type === 'template') visit(v.template.source);
    }
  };
  for (const item of items) {
    visit(item.spec);
    item.conditions.forEach(conditions);
  }
  for (const f of crd.status.fields) {
    visit(f.value);
    conditions(f.conditions);
  }
  if (crd.onDelete) [crd.onDelete.conditions, ...crd.onDelete.groups.map((g) => g.conditions)].forEach(conditions);
  return out;
}
