// Names and labels written literally in a Katalog are checked against the API server's limits at
// validate time (issue 12, finding 18: a 310-character CRD name, a 70-character Service name and a
// 70-character label value passed `validate` and failed only at apply). Templated ones are known
// only per CR: the builders check them at reconcile, where a bad one is a Warning Event, no apply.
import type { ChildKindKey } from '../children/kind-meta.ts';
import { isDnsLabel, isLabelValue, isQualifiedKey } from '../children/kube-syntax.ts';
import { nameProblem } from '../children/name-rules.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { Locator } from '../katalog/locate.ts';
import type { Katalog } from '../katalog/model.ts';
import { isTemplate } from '../template/index.ts';

/** The most characters a CRD's name (`<plural>.<group>`) may have: a DNS subdomain. */
export const MAX_CRD_NAME_LENGTH = 253;

/** ORK1114 for literal child names, namespaces, label keys and values, annotation keys; ORK1115 for CRD names. */
export function checkLiteralNames(katalog: Katalog, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const crd of katalog.crds) {
    const crdName = `${crd.plural}.${crd.group}`;
    if (crdName.length > MAX_CRD_NAME_LENGTH) {
      out.push(makeDiagnostic('ORK1115', locator.at([...crd.path, 'apiTypes']),
        `the CRD name ${crd.plural}.${crd.group.slice(0, 40)}… is ${crdName.length} characters, more than the ${MAX_CRD_NAME_LENGTH} Kubernetes allows`));
    }
    for (const item of crd.children) {
      const literal = (field: string): string | undefined => {
        const v = item.spec[field];
        return typeof v === 'string' && !isTemplate(v) ? v : undefined;
      };
      const name = literal('name');
      const problem = name !== undefined ? nameProblem(item.key as ChildKindKey, name) : undefined;
      if (problem) out.push(makeDiagnostic('ORK1114', locator.at([...item.path, 'name']), problem));
      const namespace = literal('namespace');
      if (namespace !== undefined && !isDnsLabel(namespace)) {
        out.push(makeDiagnostic('ORK1114', locator.at([...item.path, 'namespace']), `namespace ${show(namespace)} must be a DNS-1123 label (lowercase alphanumerics and "-", at most 63 characters)`));
      }
      for (const field of ['labels', 'annotations'] as const) {
        const map = item.spec[field];
        if (map === null || typeof map !== 'object' || Array.isArray(map)) continue;
        for (const [key, value] of Object.entries(map)) {
          const at = [...item.path, field, key];
          if (!isTemplate(key) && !isQualifiedKey(key)) {
            out.push(makeDiagnostic('ORK1114', locator.at(at, 'key'), `${field === 'labels' ? 'label' : 'annotation'} key ${show(key)} must be an optional DNS prefix and "/", then at most 63 alphanumerics, "-", "_", "."`));
          }
          if (field === 'labels' && typeof value === 'string' && !isTemplate(value) && !isLabelValue(value)) {
            out.push(makeDiagnostic('ORK1114', locator.at(at), value.length > 63
              ? `label value ${show(value)} is ${value.length} characters, more than the 63 Kubernetes allows`
              : `label value ${show(value)} must be at most 63 alphanumerics, "-", "_", ".", starting and ending alphanumeric`));
          }
        }
      }
    }
  }
  return out;
}

function show(s: string): string {
  return JSON.stringify(s.length <= 80 ? s : `${s.slice(0, 60)}…`);
}
