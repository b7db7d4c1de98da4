// `ork admit` (issue 15): the verdict the rule webhooks would give a custom resource, offline. It
// builds the AdmissionReview request the API server would send and decides it with the same
// functions the gateway mounts, so the message is the one `kubectl` would print.
import { decideRules, type Verdict } from '../admission/decide-rules.ts';
import type { Operation } from '../admission/rule-model.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import { CODES, type Code } from '../diagnostics/codes.ts';
import { readYaml } from '../katalog/read-yaml.ts';
import type { Katalog } from '../katalog/model.ts';
import type { AdmissionDecision } from './admission-decision.ts';
import type { AdmissionRequest } from './admission-request.ts';
import { decideValidation } from './decide-admission-rules.ts';
import { rulesPolicyOf, type RuleResource } from './gateway-policy.ts';

/** A file given to `ork admit`. */
export interface AdmitFile {
  readonly file: string;
  readonly text: string;
}

/** What `ork admit` decides. */
export interface AdmitInput {
  readonly katalog: Katalog;
  /** The custom resource (on DELETE, the one being deleted). */
  readonly cr: AdmitFile;
  /** The stored custom resource, for UPDATE. */
  readonly old?: AdmitFile;
  readonly operation: Operation;
}

/** The outcome: diagnostics for input that cannot be read, or the verdict. */
export type AdmitResult =
  | { readonly type: 'problems'; readonly diagnostics: readonly Diagnostic[] }
  | {
    readonly type: 'verdict';
    readonly crd: string;
    readonly operation: Operation;
    /** `Website "web" in namespace "default"`. */
    readonly target: string;
    readonly verdict: Verdict;
    /** The validating webhook's answer (its denial message and warnings, as the API server gets them). */
    readonly decision: AdmissionDecision;
  };

// YAML problems of a CR file, under the admission codes (the Katalog's hints would mislead here).
const CODE_OF: Partial<Record<Code, Code>> = { ORK1004: 'ORK3101', ORK1005: 'ORK3103', ORK1008: 'ORK3101' };

/** Reads the files and decides; never throws. */
export function admitOffline(input: AdmitInput): AdmitResult {
  const policy = rulesPolicyOf(input.katalog);
  const cr = readCr(input.cr, input.katalog, policy.crds);
  const old = input.old ? readCr(input.old, input.katalog, policy.crds) : undefined;
  const diagnostics = [...cr.diagnostics, ...(old?.diagnostics ?? [])];
  if (cr.value && old?.value) {
    const same = (['apiVersion', 'kind'] as const).every((k) => cr.value!.object[k] === old.value!.object[k])
      && cr.value.name === old.value.name && cr.value.namespace === old.value.namespace;
    if (!same) diagnostics.push(makeDiagnostic('ORK3104', place(input.old!.file), `${describe(old.value)} is not the object ${describe(cr.value)} updates`));
  }
  if (diagnostics.length > 0 || !cr.value) return { type: 'problems', diagnostics };
  const { object, resource, name, namespace } = cr.value;
  const crd = input.katalog.crds.find((c) => c.name === resource.crd)!;
  const rules = resource.rules ?? crd.admission;
  const op = input.operation;
  const subject = op === 'DELETE' ? { operation: op, oldObject: object } : { operation: op, object, ...(old?.value ? { oldObject: old.value.object } : {}) };
  const verdict = decideRules(rules, subject, { mutate: true, validate: true });
  type Obj = AdmissionRequest['object'];
  const request: AdmissionRequest = {
    uid: 'ork-admit', kind: { group: crd.group, version: crd.version, kind: crd.kind }, resource: { group: crd.group, version: crd.version, resource: crd.plural },
    name, ...(namespace !== undefined ? { namespace } : {}), operation: op, userInfo: { username: 'ork-admit' },
    ...(op === 'DELETE' ? { oldObject: object as Obj } : { object: verdict.object as Obj, ...(old?.value ? { oldObject: old.value.object as Obj } : {}) }),
  };
  const decision = decideValidation(request, { ...policy, crds: [{ ...resource, rules }] });
  return { type: 'verdict', crd: crd.name, operation: op, target: describe(cr.value), verdict, decision };
}

interface ReadCr {
  readonly object: Record<string, unknown> & { apiVersion?: unknown; kind?: unknown };
  readonly resource: RuleResource & { readonly rules?: RuleResource['rules'] };
  readonly name: string;
  readonly namespace?: string;
  readonly kind: string;
}

function readCr(f: AdmitFile, katalog: Katalog, ruled: readonly RuleResource[]): { value?: ReadCr; diagnostics: Diagnostic[] } {
  const read = readYaml(f.file, f.text);
  if (read.diagnostics.length > 0) {
    return {
      diagnostics: read.diagnostics.map((d) => {
        const code = CODE_OF[d.code as Code] ?? (d.code.startsWith('ORK10') ? 'ORK3100' : d.code as Code);
        return { ...d, code, hint: CODES[code].hint };
      }),
    };
  }
  const object = read.value as ReadCr['object'];
  const meta = object['metadata'] as { name?: unknown; namespace?: unknown } | undefined;
  const at = place(f.file);
  if (typeof object['apiVersion'] !== 'string' || typeof object['kind'] !== 'string' || typeof meta?.name !== 'string' || meta.name === '') {
    return { diagnostics: [makeDiagnostic('ORK3101', at, 'the document needs apiVersion, kind and metadata.name')] };
  }
  const crd = katalog.crds.find((c) => c.enabled && `${c.group}/${c.version}` === object['apiVersion'] && c.kind === object['kind']);
  if (!crd) {
    const known = katalog.crds.filter((c) => c.enabled).map((c) => `${c.group}/${c.version} ${c.kind}`).join(', ');
    return { diagnostics: [makeDiagnostic('ORK3102', at, `${String(object['apiVersion'])} ${String(object['kind'])} is no enabled CRD of Katalog "${katalog.metadata.name}"`, { hint: `its CRDs: ${known || 'none'}` })] };
  }
  const namespace = crd.scope === 'Cluster' ? undefined : typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
  const resource = ruled.find((r) => r.crd === crd.name) ?? { crd: crd.name, group: crd.group, resource: crd.plural, kind: crd.kind, scope: crd.scope, version: crd.version, rules: crd.admission };
  return { value: { object, resource, name: meta.name, ...(namespace !== undefined ? { namespace } : {}), kind: crd.kind }, diagnostics: [] };
}

function describe(cr: ReadCr): string {
  return `${cr.kind} "${cr.name}"${cr.namespace !== undefined ? ` in namespace "${cr.namespace}"` : ''}`;
}

function place(file: string) {
  return { file, line: 1, column: 1, path: '' };
}
