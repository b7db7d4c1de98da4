// Which CR updates are worth a reconcile (controller-runtime's GenerationChangedPredicate, widened
// to the metadata templates read). A status-only update is ours coming back, or someone else's
// write to a status we own: reconciling it would only fight over status, one write per patch
// (issue 12, finding 8). The resync still restores our conditions.
import { canonicalJson } from './fingerprint.ts';
import { FINALIZER } from './names.ts';
import type { CachedCr } from './reconcile-types.ts';
import type { CrdEntry } from '../katalog/model.ts';
import { compileTemplate, isTemplate, templateReferences } from '../template/index.ts';

const METADATA_FIELDS = ['generation', 'labels', 'annotations', 'finalizers', 'deletionTimestamp', 'ownerReferences'] as const;

/**
 * True when `next` differs from `old` in something a reconcile reads: the generation (any spec
 * change), the metadata templates read, or, for a CRD whose children follow its own status
 * (`readsStatus`, a state machine), the status.
 */
export function crUpdateMatters(old: Pick<CachedCr, 'metadata' | 'status'>, next: Pick<CachedCr, 'metadata' | 'status'>, readsStatus: boolean): boolean {
  for (const f of METADATA_FIELDS) {
    if (f === 'finalizers' && onlyOurFinalizerAdded(old.metadata.finalizers, next.metadata.finalizers)) continue;
    if (canonicalJson(old.metadata[f]) !== canonicalJson(next.metadata[f])) return true;
  }
  return readsStatus && canonicalJson(old.status) !== canonicalJson(next.status);
}

/**
 * Our finalizer coming back: the reconcile that added it went on to apply the children and the
 * status in the same pass (and retries on its own if that failed), so a second reconcile would
 * plan the same thing again and write nothing (bench/peers: one reconcile in three per new CR).
 */
function onlyOurFinalizerAdded(old: readonly string[] | undefined, next: readonly string[] | undefined): boolean {
  const before = old ?? [];
  return !before.includes(FINALIZER) && canonicalJson([...before, FINALIZER]) === canonicalJson(next ?? []);
}

/** True when some child item (its templates, `when`, `forEach`) reads the CR's own `.status`. */
export function childrenReadStatus(crd: CrdEntry): boolean {
  const items = [...crd.children, ...(crd.onDelete?.groups.flatMap((g) => g.items) ?? [])];
  const reads = (value: unknown): boolean => {
    if (typeof value === 'string') {
      if (/^\.?status(\.|$)/.test(value)) return true;
      if (!isTemplate(value)) return false;
      const compiled = compileTemplate(value, { roots: 'any' });
      return !compiled.ok || templateReferences(compiled.template).some((r) => r.path[0] === 'status' || r.path.length === 0);
    }
    if (Array.isArray(value)) return value.some(reads);
    if (value !== null && typeof value === 'object') return Object.values(value).some(reads);
    return false;
  };
  return items.some((i) => reads(i.spec));
}
