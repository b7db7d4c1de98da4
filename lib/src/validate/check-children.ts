import { CHILD_KINDS } from '../children/kinds.ts';
import type { ChildKindKey } from '../children/kind-meta.ts';
import { customTarget } from '../children/custom-target.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { isTemplate } from '../template/index.ts';
import { checkLiteralNames } from './check-literal-names.ts';
import { checkObserve } from './check-observe.ts';
import { checkTemplates } from './check-templates.ts';
import type { Locator } from '../katalog/locate.ts';
import type { ChildItem, Katalog } from '../katalog/model.ts';

/** Checks child items beyond their shape: templates, duplicate literal names, and scope. */
export function checkChildren(katalog: Katalog, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [...checkLiteralNames(katalog, locator)];
  for (const crd of katalog.crds) {
    out.push(...checkTemplates(crd, locator), ...checkObserve(crd, locator));
    const seen = new Map<string, ChildItem>();
    for (const item of crd.children) {
      const name = item.spec['name'];
      if (typeof name === 'string' && !isTemplate(name)) {
        const id = `${item.key}/${typeof item.spec['namespace'] === 'string' ? item.spec['namespace'] : ''}/${name}`;
        const first = seen.get(id);
        if (first) {
          out.push(makeDiagnostic('ORK1308', locator.at([...item.path, 'name']), `${item.key} "${name}" is declared twice (first at ${first.phase}.${first.key}[${first.index}])`));
        } else seen.set(id, item);
      }
      if (crd.scope === 'Cluster' && namespaced(item) && item.spec['namespace'] === undefined) {
        out.push(makeDiagnostic('ORK1310', locator.at(item.path), `${crd.kind} is cluster-scoped, so this ${item.key} item needs an explicit namespace`));
      }
    }
  }
  return out;
}

function namespaced(item: ChildItem): boolean {
  const info = CHILD_KINDS[item.key as ChildKindKey];
  if (!info) return false;
  if (info.type === 'custom') return customTarget(item.spec as never).namespaced;
  return info.namespaced;
}
