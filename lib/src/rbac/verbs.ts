/**
 * Canonical verb order: reads, then writes, then deletes, then the verbs that grant power.
 * It is the order Kubernetes' own RBAC documentation and `kubectl describe` examples use for
 * the common verbs (get, list, watch, create, update, patch, delete), extended with the rest,
 * so a reviewer reads "what it sees" before "what it changes".
 */
export const VERB_ORDER = [
  'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection',
  'escalate', 'bind', 'impersonate',
] as const;

/** A verb the planner knows. */
export type Verb = (typeof VERB_ORDER)[number];

/** Verbs that can never be restricted by resourceNames: the request carries no object name. */
export const UNNAMEABLE_VERBS: readonly string[] = ['create', 'deletecollection'];

/** Verbs that let the holder grant permissions it does not have; flagged critical. */
export const CRITICAL_VERBS: readonly string[] = ['escalate', 'bind'];

/** Sorts and de-duplicates verbs: known verbs in VERB_ORDER, unknown ones after, alphabetically. */
export function sortVerbs(verbs: Iterable<string>): string[] {
  const rank = (v: string): number => {
    const i = (VERB_ORDER as readonly string[]).indexOf(v);
    return i === -1 ? VERB_ORDER.length : i;
  };
  return [...new Set(verbs)].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
}

/** Plain code-unit comparison, so sorting never depends on the host's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
