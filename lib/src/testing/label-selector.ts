/** Tests labels against a Kubernetes equality/existence selector (`a=b,c!=d,e,!f`); set-based `in`/`notin` are not supported. */
export function matchesLabelSelector(selector: string | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!selector) return true;
  const have = labels ?? {};
  return selector.split(',').map((s) => s.trim()).filter(Boolean).every((term) => {
    const neq = /^([^!=]+)!=(.*)$/.exec(term);
    if (neq) return have[neq[1]!.trim()] !== neq[2]!.trim();
    const eq = /^([^!=]+)==?(.*)$/.exec(term);
    if (eq) return have[eq[1]!.trim()] === eq[2]!.trim();
    if (term.startsWith('!')) return !(term.slice(1).trim() in have);
    return term in have;
  });
}
