// issue 14: observe.watch entries beyond their shape: keyFrom names the CR one way (ORK1256), and
// no two entries watch the same objects (ORK1257: the second informer would only double the events).
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { Locator } from '../katalog/locate.ts';
import type { CrdEntry } from '../katalog/model.ts';

/** Checks one CRD's `observe.watch` entries. */
export function checkObserve(crd: CrdEntry, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  crd.observe.forEach((w, i) => {
    const keys = w.keyFromKeys;
    if (keys.length !== 1) {
      out.push(makeDiagnostic('ORK1256', locator.at([...w.path, 'keyFrom']),
        keys.length === 0 ? 'keyFrom names no custom resource: give `label` or `name`' : 'keyFrom gives both `label` and `name`: give one'));
    } else if (w.keyFrom.type === 'name' && w.keyFrom.name === '') {
      out.push(makeDiagnostic('ORK1256', locator.at([...w.path, 'keyFrom', 'name']), 'keyFrom.name is empty'));
    }
    const id = `${w.group}/${w.resource}/${w.namespace ?? ''}/${w.name ?? ''}`;
    const first = seen.get(id);
    if (first !== undefined) out.push(makeDiagnostic('ORK1257', locator.at(w.path), `watches the same ${w.kind} objects as observe.watch[${first}]`));
    else seen.set(id, i);
  });
  return out;
}
