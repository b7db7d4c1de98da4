import { compileTemplate, isTemplate, templateReferences } from '../template/index.ts';
import type { ChildItem } from './model.ts';

// Template paths that cannot change while the CR lives: a name built from them never changes.
const FIXED = new Set(['metadata.name', 'metadata.namespace', 'metadata.uid']);

/**
 * Why a child of `item` can stop being desired while its CR lives, so the runtime prunes it and
 * the RBAC planner grants `delete` on its kind (issue 14); undefined when it cannot. A child whose
 * `when`/`or` turns false, whose forEach element goes, or whose name or namespace follows the
 * spec (a change renames it) leaves an object behind that only a delete removes.
 */
export function pruneReason(item: Pick<ChildItem, 'conditions' | 'spec' | 'forEach'>): string | undefined {
  if (item.forEach) return 'its forEach element goes away';
  // The item's own when/or and its block's (an empty set is dropped when normalised).
  if (item.conditions.length > 0) return 'its when turns false';
  if (varies(item.spec['name']) || varies(item.spec['namespace'])) return 'its name follows the spec, so a change renames it';
  return undefined;
}

function varies(value: unknown): boolean {
  if (typeof value !== 'string' || !isTemplate(value)) return false;
  const compiled = compileTemplate(value, { roots: 'any' });
  if (!compiled.ok) return true;
  return templateReferences(compiled.template).some((r) => !FIXED.has(r.path.join('.')));
}
