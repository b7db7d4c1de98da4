import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { Locator } from './locate.ts';
import type { Katalog } from './model.ts';
import { planStartupOrder } from './startup-order.ts';
import { crdsWithAdmissionRules } from './admission-switch.ts';

/** Cross-field rules that the shape schema cannot express: dependencies, duplicates, gateway sanity. */
export function checkKatalog(katalog: Katalog, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byName = new Map(katalog.crds.map((c) => [c.name, c]));
  for (const crd of katalog.crds) {
    for (const [i, dep] of crd.dependsOn.entries()) {
      const depPath = [...crd.path, 'dependsOn', listForm(katalog, crd.name) ? i : dep.name];
      const target = byName.get(dep.name);
      if (!target) {
        out.push(makeDiagnostic('ORK1300', locator.at(depPath), `"${crd.name}" depends on "${dep.name}", which is not in spec.crds`,
          { hint: `known CRDs: ${[...byName.keys()].join(', ') || 'none'}` }));
      } else if (dep.name === crd.name) {
        out.push(makeDiagnostic('ORK1301', locator.at(depPath), `"${crd.name}" depends on itself`));
      } else if (crd.enabled && !target.enabled) {
        out.push(makeDiagnostic('ORK1309', locator.at(depPath), `"${crd.name}" depends on "${dep.name}", which is disabled`));
      }
    }
  }
  const order = planStartupOrder(katalog.crds.map((c) => ({ ...c, dependsOn: c.dependsOn.filter((d) => d.name !== c.name) })));
  if ('cycle' in order) {
    const first = byName.get(order.cycle[0]!)!;
    out.push(makeDiagnostic('ORK1301', locator.at([...first.path, 'dependsOn'], 'key'), `dependency cycle: ${order.cycle.join(' → ')}`));
  }
  const seen = new Map<string, string>();
  for (const crd of katalog.crds.filter((c) => c.enabled)) {
    const ids = [`${crd.plural}.${crd.group}`, `${crd.kind} in ${crd.group}`];
    const clash = ids.find((id) => seen.has(id));
    if (clash) {
      out.push(makeDiagnostic('ORK1302', locator.at([...crd.path, 'apiTypes']), `"${crd.name}" declares ${clash}, already declared by "${seen.get(clash)}"`));
    }
    for (const id of ids) if (!seen.has(id)) seen.set(id, crd.name);
  }
  const sec = katalog.security;
  if (katalog.gateway?.standalone && !sec?.deletionProtection?.enabled && !sec?.namespaceProtection?.enabled) {
    out.push(makeDiagnostic('ORK1306', locator.at(['gateway', 'standalone']), 'gateway.standalone is set but no protection is enabled'));
  }
  const np = sec?.namespaceProtection;
  for (const ns of np?.allowedNamespaces ?? []) {
    if (np!.restrictedNamespaces.includes(ns)) {
      out.push(makeDiagnostic('ORK1311', locator.at(['security', 'namespaceProtection', 'allowedNamespaces']), `namespace "${ns}" is both restricted and allowed`));
    }
  }
  // Issue 15: rules that only run at reconcile, and a switch with nothing behind it.
  const ruled = crdsWithAdmissionRules(katalog);
  if (ruled.length > 0 && !katalog.wantsGateway) {
    const first = ruled[0]!;
    out.push(makeDiagnostic('ORK1406', locator.at([...first.path, first.admission.validation[0]?.at[0] === 'admission' ? 'admission' : first.admission.webhooks.validation ? 'validation' : 'mutation'], 'key'),
      `${ruled.map((c) => `"${c.name}"`).join(', ')} ${ruled.length === 1 ? 'has' : 'have'} admission rules, but the Katalog runs no gateway: they are checked at reconcile only`));
  }
  if (sec?.webhooks.enabled === true && ruled.length === 0) {
    out.push(makeDiagnostic('ORK1407', locator.at(['security', 'webhooks', 'admission', 'enabled']), 'admission webhooks are enabled, but no enabled CRD has validation or mutation rules'));
  }
  // Entries dropped for other errors (no apiTypes, unreadable crdFile) do not count as "nothing".
  const raw = (katalog.resolved as { spec?: { crds?: Record<string, { enabled?: boolean }> } }).spec?.crds ?? {};
  if (!Object.values(raw).some((c) => c.enabled !== false) && !katalog.gateway?.standalone) {
    out.push(makeDiagnostic('ORK1305', locator.at(['spec']), 'no enabled CRD and no standalone gateway: this Katalog does nothing'));
  }
  return out;
}

// dependsOn written as a list is addressed by index, as a map by key.
function listForm(katalog: Katalog, name: string): boolean {
  const raw = katalog.resolved as { spec?: { crds?: Record<string, { dependsOn?: unknown }> } };
  return Array.isArray(raw.spec?.crds?.[name]?.dependsOn);
}
