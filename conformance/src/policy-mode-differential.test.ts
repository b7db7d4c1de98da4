// Issue 15, policy mode: the same AdmissionReviews through the webhook path (the gateway's
// configurations and decide functions, lib/gateway and lib/admission) and through the policy-mode
// path (the bundle's ValidatingAdmissionPolicies, the compiled CEL evaluated by @bufbuild/cel, plus
// the webhooks policy mode keeps), requiring the same verdict, and warnings on the same reviews,
// for every fixture; and no CEL error anywhere (an error would be decided by failurePolicy, not by
// the rule).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, type Katalog } from '@orkestra/lib';
import {
  decideDeletionProtection, decideNamespaceProtection, decideValidation, planGatewayPolicy, planWebhookConfigs,
  type AdmissionDecision, type AdmissionRequest, type GatewayPolicy, type PodLookup,
} from '@orkestra/lib/gateway';
import { planPolicyMode } from '@orkestra/lib/policy';
import { compileValidationRules } from '@orkestra/lib/cel';
import { answerPolicy, celRequest, celValue, reaches, type FixturePod, type World } from './policy-cel.test-support.ts';

const test = suite('policy mode: webhook and ValidatingAdmissionPolicy verdicts agree');
const GW = 'orkestra-system';

interface Verdict { readonly allowed: boolean; readonly warned: boolean; readonly errors: readonly string[]; readonly by: readonly string[] }

function katalogOf(text: string): Katalog {
  const r = parseKatalog({ file: 'katalog.yaml', text });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`).join('\n'));
  return r.katalog;
}

function podLookup(r: AdmissionRequest, world: World): PodLookup {
  const pod = world.pods.find((p) => p.name === r.name && p.namespace === r.namespace);
  return pod ? { type: 'found', labels: pod.labels } : { type: 'not-found' };
}

/** The webhooks a gateway registers for `policy`, each reached as the API server would, answered by its decide function. */
function throughWebhooks(k: Katalog, policy: GatewayPolicy, r: AdmissionRequest, world: World): Verdict {
  const decisions: { name: string; d: AdmissionDecision }[] = [];
  const errors: string[] = [];
  const vars = { request: celRequest(r), object: celValue(r.object ?? null), oldObject: celValue(r.oldObject ?? null) };
  for (const config of planWebhookConfigs(k, { endpoint: { type: 'url', url: 'https://127.0.0.1:1' }, caBundle: '', gatewayNamespace: GW, policy })) {
    if (config.kind !== 'ValidatingWebhookConfiguration') continue; // mutation patches; fixtures carry objects as mutated
    for (const w of config.webhooks) {
      if (!reaches(w, r, world, vars, errors)) continue;
      const path = w.clientConfig.url!.replace('https://127.0.0.1:1', '');
      const d = path === '/deletion-protection' ? decideDeletionProtection(r, policy.deletion!, podLookup(r, world))
        : path === '/namespace-protection' ? decideNamespaceProtection(r, policy.namespace!)
          : decideValidation(r, policy.admission!);
      decisions.push({ name: w.name, d });
    }
  }
  return {
    allowed: decisions.every((x) => x.d.allowed), warned: decisions.some((x) => x.d.warnings.length > 0), errors,
    by: decisions.filter((x) => !x.d.allowed || x.d.warnings.length > 0).map((x) => `${x.name}:${x.d.rule}`),
  };
}

function throughPolicies(k: Katalog, r: AdmissionRequest, world: World): Verdict {
  const plan = planPolicyMode(k, GW);
  const answers = plan.policies.map((p) => ({ name: p.policy.metadata.name, a: answerPolicy(p, r, world) }));
  // What the gateway still serves in policy mode (rules CEL cannot express), if any.
  const kept = throughWebhooks(k, planGatewayPolicy(k, GW, { admissionFromEnv: true }), r, world);
  const reached = answers.filter((x) => x.a !== undefined);
  return {
    allowed: kept.allowed && reached.every((x) => !x.a!.denied),
    warned: kept.warned || reached.some((x) => x.a!.warnings > 0),
    errors: [...kept.errors, ...reached.flatMap((x) => x.a!.errors)],
    by: [...kept.by, ...reached.filter((x) => x.a!.denied || x.a!.warnings > 0).map((x) => x.name)],
  };
}

function withMode(text: string, mode: 'webhook' | 'policy'): Katalog {
  return katalogOf(text.replace('mode: MODE', `mode: ${mode}`).replace('"mode":"MODE"', `"mode":"${mode}"`));
}

/** Runs every review through both paths and requires the same verdicts; returns how many were denied and warned. */
function agree(text: string, reviews: readonly { readonly label: string; readonly request: AdmissionRequest }[], world: World): { denied: number; warned: number; allowed: number } {
  const webhookMode = withMode(text, 'webhook');
  const policyMode = withMode(text, 'policy');
  const counts = { denied: 0, warned: 0, allowed: 0 };
  for (const { label, request } of reviews) {
    const w = throughWebhooks(webhookMode, planGatewayPolicy(webhookMode, GW, { admissionFromEnv: true }), request, world);
    const p = throughPolicies(policyMode, request, world);
    assert.equal(p.errors, [], `${label}: CEL errors`);
    assert.equal(w.errors, [], `${label}: CEL errors in the webhooks' match conditions`);
    assert.is(p.allowed, w.allowed, `${label}: webhook ${w.allowed ? 'allows' : `denies (${w.by.join(', ')})`}, policies ${p.allowed ? 'allow' : `deny (${p.by.join(', ')})`}`);
    assert.is(p.warned, w.warned, `${label}: webhook ${w.warned ? 'warns' : 'does not warn'} (${w.by.join(', ')}), policies ${p.warned ? 'warn' : 'do not'} (${p.by.join(', ')})`);
    counts[w.allowed ? 'allowed' : 'denied']++;
    if (w.warned) counts.warned++;
  }
  return counts;
}

// ---- reviews ----------------------------------------------------------------------------------

let uid = 0;
interface ReviewInput {
  operation: AdmissionRequest['operation'];
  group?: string; version?: string; resource: string; kind: string; subResource?: string;
  name?: string; namespace?: string; object?: unknown; oldObject?: unknown;
  username?: string; groups?: string[];
}
function review(x: ReviewInput): AdmissionRequest {
  return {
    uid: `u${uid++}`, kind: { group: x.group ?? '', version: x.version ?? 'v1', kind: x.kind }, resource: { group: x.group ?? '', version: x.version ?? 'v1', resource: x.resource },
    operation: x.operation, userInfo: { username: x.username ?? 'jane', groups: x.groups ?? ['system:authenticated'] },
    ...(x.subResource ? { subResource: x.subResource } : {}), ...(x.name !== undefined ? { name: x.name } : {}), ...(x.namespace !== undefined ? { namespace: x.namespace } : {}),
    ...(x.object !== undefined ? { object: x.object as AdmissionRequest['object'] } : {}), ...(x.oldObject !== undefined ? { oldObject: x.oldObject as AdmissionRequest['oldObject'] } : {}),
  } as AdmissionRequest;
}
function obj(kind: string, name: string, namespace: string | undefined, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), labels }, ...extra };
}

const world: World = {
  namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns }),
  pods: [
    { name: 'guarded', namespace: 'team-a', labels: { 'orkestra.io/deletion-protection': 'true' } },
    { name: 'falsy', namespace: 'team-a', labels: { 'orkestra.io/deletion-protection': 'false' } },
    { name: 'plain', namespace: 'team-a', labels: { app: 'web' } },
    { name: 'guarded', namespace: 'team-b', labels: { 'orkestra.io/deletion-protection': 'true' } },
    { name: 'guarded', namespace: GW, labels: { 'orkestra.io/deletion-protection': 'true' } },
  ] satisfies FixturePod[],
};

const L = 'orkestra.io/deletion-protection';
const X = 'orkestra.io/strict-mode-exempt';
const PROTECTION_KATALOG = (strict: boolean, protectWrites: boolean, allowed: string) => `
apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: diff}
security:
  mode: MODE
  deletionProtection: {enabled: true, failurePolicy: Fail, strictMode: ${strict}}
  namespaceProtection: {enabled: true, failurePolicy: Fail, restrictedNamespaces: [prod], protectWrites: ${protectWrites}${allowed}}
spec:
  crds:
    site:
      apiTypes: {group: demo.io, version: v1, kind: Site, plural: sites}
      deletionProtection: {protectCRD: true, protectCRs: false}
      operatorBox: {onReconcile: {configMaps: [{name: "{{ .metadata.name }}", data: {a: b}}]}}
    vault:
      apiTypes: {group: sec.io, version: v1, kind: Vault, plural: vaults}
      deletionProtection: {protectCRD: false, protectCRs: true}
      operatorBox: {onReconcile: {configMaps: [{name: "{{ .metadata.name }}", data: {a: b}}]}}
    zone:
      apiTypes: {group: demo.io, version: v1, kind: Zone, plural: zones}
      scope: Cluster
      deletionProtection: {protectCRD: false, protectCRs: true}
      operatorBox: {onReconcile: {configMaps: [{name: "{{ .metadata.name }}", namespace: default, data: {a: b}}]}}
`;

function protectionReviews(): { label: string; request: AdmissionRequest }[] {
  const out: { label: string; request: AdmissionRequest }[] = [];
  const add = (label: string, x: ReviewInput) => out.push({ label, request: review(x) });
  for (const ns of ['team-a', GW, 'prod', 'kube-system']) {
    for (const labels of [{}, { [L]: 'true' }, { [L]: 'false' }, { [L]: 'true', [X]: 'true' }]) {
      const tag = `${ns} ${JSON.stringify(labels)}`;
      add(`DELETE configmap ${tag}`, { operation: 'DELETE', resource: 'configmaps', kind: 'ConfigMap', name: 'c', namespace: ns, oldObject: obj('ConfigMap', 'c', ns, labels) });
      add(`DELETE deployment ${tag}`, { operation: 'DELETE', group: 'apps', resource: 'deployments', kind: 'Deployment', name: 'd', namespace: ns, oldObject: obj('Deployment', 'd', ns, labels) });
      add(`DELETE namespace ${tag}`, { operation: 'DELETE', resource: 'namespaces', kind: 'Namespace', name: ns, namespace: ns, oldObject: obj('Namespace', ns, undefined, { ...labels, 'kubernetes.io/metadata.name': ns }) });
      add(`DELETE by the namespace controller ${tag}`, { operation: 'DELETE', resource: 'configmaps', kind: 'ConfigMap', name: 'c', namespace: ns, oldObject: obj('ConfigMap', 'c', ns, labels), username: 'system:serviceaccount:kube-system:namespace-controller', groups: ['system:serviceaccounts'] });
      for (const next of [{}, { [L]: 'true' }, { [L]: 'false' }, { [L]: 'true', team: 'x' }, { [X]: 'true' }]) {
        const t = `${tag} → ${JSON.stringify(next)}`;
        add(`UPDATE configmap ${t}`, { operation: 'UPDATE', resource: 'configmaps', kind: 'ConfigMap', name: 'c', namespace: ns, oldObject: obj('ConfigMap', 'c', ns, labels), object: obj('ConfigMap', 'c', ns, next) });
        add(`UPDATE pod status ${t}`, { operation: 'UPDATE', resource: 'pods', subResource: 'status', kind: 'Pod', name: 'p', namespace: ns, oldObject: obj('Pod', 'p', ns, labels), object: obj('Pod', 'p', ns, next) });
        add(`UPDATE namespace finalize ${t}`, { operation: 'UPDATE', resource: 'namespaces', subResource: 'finalize', kind: 'Namespace', name: ns, namespace: ns, oldObject: obj('Namespace', ns, undefined, { ...labels, 'kubernetes.io/metadata.name': ns }), object: obj('Namespace', ns, undefined, { ...next, 'kubernetes.io/metadata.name': ns }) });
        add(`UPDATE cluster role ${t}`, { operation: 'UPDATE', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', kind: 'ClusterRole', name: 'r', oldObject: obj('ClusterRole', 'r', undefined, labels), object: obj('ClusterRole', 'r', undefined, next) });
      }
    }
    for (const pod of ['guarded', 'falsy', 'plain', 'missing']) {
      add(`evict ${pod} in ${ns}`, { operation: 'CREATE', resource: 'pods', subResource: 'eviction', kind: 'Eviction', group: '', name: pod, namespace: ns, object: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: ns } } });
    }
    for (const [who, groups] of [['jane', ['system:authenticated']], ['system:kube-controller-manager', []], ['system:node:n1', ['system:nodes']], ['bob', ['system:nodes']],
      ['system:serviceaccount:kube-system:generic-garbage-collector', ['system:serviceaccounts']], [`system:serviceaccount:${GW}:orkestra`, ['system:serviceaccounts']],
      [`system:serviceaccount:${ns}:app`, ['system:serviceaccounts']], ['system:serviceaccount:team-z:app', ['system:serviceaccounts']], ['system:masters-admin', ['system:masters']], ['system:anonymous', []]] as const) {
      for (const op of ['CREATE', 'UPDATE', 'DELETE'] as const) {
        add(`${op} configmap in ${ns} as ${who}`, { operation: op, resource: 'configmaps', kind: 'ConfigMap', name: 'w', namespace: ns, username: who, groups: [...groups],
          ...(op !== 'DELETE' ? { object: obj('ConfigMap', 'w', ns) } : {}), ...(op !== 'CREATE' ? { oldObject: obj('ConfigMap', 'w', ns) } : {}) });
      }
      add(`CREATE site in ${ns} as ${who}`, { operation: 'CREATE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: ns, username: who, groups: [...groups], object: obj('Site', 's', ns) });
      add(`CREATE vault in ${ns} as ${who}`, { operation: 'CREATE', group: 'sec.io', resource: 'vaults', kind: 'Vault', name: 'v', namespace: ns, username: who, groups: [...groups], object: obj('Vault', 'v', ns) });
    }
    add(`DELETE vault in ${ns}`, { operation: 'DELETE', group: 'sec.io', resource: 'vaults', kind: 'Vault', name: 'v', namespace: ns, oldObject: obj('Vault', 'v', ns) });
    add(`DELETE vault collection in ${ns}`, { operation: 'DELETE', group: 'sec.io', resource: 'vaults', kind: 'Vault', namespace: ns });
    add(`DELETE site in ${ns}`, { operation: 'DELETE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: ns, oldObject: obj('Site', 's', ns) });
  }
  add('DELETE cluster-scoped zone', { operation: 'DELETE', group: 'demo.io', resource: 'zones', kind: 'Zone', name: 'z', oldObject: obj('Zone', 'z', undefined) });
  for (const crd of ['sites.demo.io', 'vaults.sec.io', 'zones.demo.io', 'other.example.com']) {
    add(`DELETE crd ${crd}`, { operation: 'DELETE', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', name: crd, oldObject: obj('CustomResourceDefinition', crd, undefined) });
  }
  add('DELETE namespace team-z (not restricted)', { operation: 'DELETE', resource: 'namespaces', kind: 'Namespace', name: 'team-z', namespace: 'team-z', oldObject: obj('Namespace', 'team-z', undefined, { 'kubernetes.io/metadata.name': 'team-z' }) });
  add('DELETE namespace kube-public', { operation: 'DELETE', resource: 'namespaces', kind: 'Namespace', name: 'kube-public', namespace: 'kube-public', oldObject: obj('Namespace', 'kube-public', undefined, { 'kubernetes.io/metadata.name': 'kube-public' }) });
  return out;
}

test('deletion and namespace protection: every door, identity and namespace (4 Katalog variants)', () => {
  const reviews = protectionReviews();
  let total = 0;
  for (const [strict, writes, allowed] of [[true, true, ''], [false, false, ''], [true, false, ', allowedNamespaces: [team-a]'], [false, true, ', allowedNamespaces: [team-a, team-b]']] as const) {
    const c = agree(PROTECTION_KATALOG(strict, writes, allowed), reviews, world);
    // The fixtures must exercise both verdicts and the warning of strict mode's exemption.
    assert.ok(c.denied > 50 && c.allowed > 50, `strict ${strict}, protectWrites ${writes}: ${JSON.stringify(c)}`);
    if (strict) assert.ok(c.warned > 0, 'the strict-mode exemption warns');
    total += reviews.length;
  }
  assert.ok(total > 2000, `${total} reviews`);
});

// ---- validation rules -------------------------------------------------------------------------

/** Schema types of the rules' fields, and values of each type (what the API server would store). */
const FIELDS: Record<string, { schema: Record<string, unknown>; values: readonly unknown[] }> = {
  s: { schema: { type: 'string' }, values: [undefined, '', 'web', 'Web', 'batch', '3', '10', '3.5', 'true', 'abc-def', ' 5', 'wb', '{}', '[]'] },
  i: { schema: { type: 'integer' }, values: [undefined, 0, 1, 3, 10, 11, -1, 20] },
  n: { schema: { type: 'number' }, values: [undefined, 0, 3, 3.5, 10, 10.5, -0.5, 1000000] },
  b: { schema: { type: 'boolean' }, values: [undefined, true, false] },
  l: { schema: { type: 'array', items: { type: 'string' } }, values: [undefined, [], ['web'], ['a', 'web'], ['3'], [''], ['b']] },
  li: { schema: { type: 'array', items: { type: 'integer' } }, values: [undefined, [], [3], [1, 2], [10]] },
  m: { schema: { type: 'object', additionalProperties: { type: 'string' } }, values: [undefined, {}, { web: 'x' }, { a: 'b' }, { '': 'x' }] },
  u: { schema: { 'x-kubernetes-preserve-unknown-fields': true }, values: [undefined, null, 'web', '', 3, 3.5, true, ['web'], { web: 1 }, [], {}] },
  o: { schema: { type: 'object', properties: { x: { type: 'string' }, y: { type: 'integer' } } }, values: [undefined, {}, { x: 'web' }, { y: 3 }, { x: 'a', y: 20 }] },
};

/** Condition forms (as written in a rule, without field and message). */
const FORMS: readonly Record<string, unknown>[] = [
  { exists: true }, { notExists: true }, {},
  { equals: 'web' }, { equals: 3 }, { equals: '3' }, { equals: true }, { equals: '' }, { equals: 3.5 }, { notEquals: 'batch' }, { equals: 'web', valueType: 'string' },
  { in: ['web', 'api'] }, { notIn: ['web'] }, { in: 'web, 3' }, { in: ['', 'x'] },
  { contains: 'web' }, { notContains: 'b' }, { contains: '3' }, { contains: '' },
  { prefix: 'w' }, { suffix: 'b' }, { notPrefix: 'w' }, { notSuffix: '0' }, { regex: '^[a-z]+$' }, { regex: 'e' },
  { greaterThan: 3 }, { greaterThanOrEqual: 3 }, { lessThan: 10 }, { lessThanOrEqual: 10 }, { max: 10 }, { min: '1' }, { between: '1,10' }, { notBetween: '1,10' }, { greaterThan: 3, valueType: 'float' },
  { operator: 'typeString' }, { operator: 'typeNumber' }, { operator: 'typeBool' }, { operator: 'typeMap' }, { operator: 'typeList' }, { operator: 'typeNull' },
  { operator: 'typeOf', value: 'map' }, { operator: 'typeOf', value: 'slice' }, { operator: 'typeOf', value: 'number' }, { operator: 'typeOf', value: 'null' },
  { operator: 'unique' }, { equals: 'web', negate: true }, { greaterThan: 3, negate: true },
];

function rulesKatalog(fieldKey: string, form: Record<string, unknown>, extra = ''): string {
  const field = fieldKey === 'o' ? 'spec.o.x' : fieldKey === 'oy' ? 'spec.o.y' : fieldKey === 'old' ? 'oldObject.spec.i' : fieldKey === 'label' ? 'metadata.labels.team' : `spec.${fieldKey}`;
  const properties = Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.schema]));
  return JSON.stringify({
    apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'diff' },
    security: { mode: 'MODE', webhooks: { admission: { enabled: true }, failurePolicy: 'Fail' } },
    spec: { crds: { site: {
      apiTypes: { group: 'demo.io', version: 'v1', kind: 'Site', plural: 'sites' },
      schema: { type: 'object', properties },
      validation: { rules: [{ field, message: 'm', ...form }, ...(extra ? JSON.parse(extra) as unknown[] : [])] },
      webhooks: { operations: ['CREATE', 'UPDATE', 'DELETE'] },
      operatorBox: { onReconcile: { configMaps: [{ name: '{{ .metadata.name }}', data: { a: 'b' } }] } },
    } } },
  });
}

function siteReviews(fieldKey: string): { label: string; request: AdmissionRequest }[] {
  const key = fieldKey === 'oy' ? 'o' : fieldKey === 'old' ? 'i' : fieldKey === 'label' ? 's' : fieldKey;
  const out: { label: string; request: AdmissionRequest }[] = [];
  for (const value of FIELDS[key]!.values) {
    const spec = value === undefined ? {} : { [key]: value };
    const labels = fieldKey === 'label' && typeof value === 'string' ? { team: value } : {};
    const site = (s: Record<string, unknown>) => ({ apiVersion: 'demo.io/v1', kind: 'Site', metadata: { name: 's', namespace: 'team-a', labels }, spec: s });
    const v = JSON.stringify(value);
    out.push({ label: `CREATE ${key}=${v}`, request: review({ operation: 'CREATE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: 'team-a', object: site(spec) }) });
    out.push({ label: `UPDATE ${key}=${v}`, request: review({ operation: 'UPDATE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: 'team-a', object: site({}), oldObject: site(spec) }) });
    out.push({ label: `UPDATE to ${key}=${v}`, request: review({ operation: 'UPDATE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: 'team-a', object: site(spec), oldObject: site({ i: 3 }) }) });
    out.push({ label: `CREATE ${key}=${v} with a generated name`, request: review({ operation: 'CREATE', group: 'demo.io', resource: 'sites', kind: 'Site', namespace: 'team-a', object: { ...site(spec), metadata: { generateName: 's-', namespace: 'team-a', labels } } }) });
    out.push({ label: `DELETE ${key}=${v}`, request: review({ operation: 'DELETE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: 'team-a', oldObject: site(spec) }) });
  }
  out.push({ label: 'status subresource (not sent)', request: review({ operation: 'UPDATE', group: 'demo.io', resource: 'sites', subResource: 'status', kind: 'Site', name: 's', namespace: 'team-a', object: { metadata: { name: 's' } }, oldObject: { metadata: { name: 's' } } }) });
  return out;
}

test('validation rules: every condition form on every field type, on CREATE, UPDATE and DELETE', () => {
  const compiledForms = new Set<string>();
  let cases = 0;
  for (const fieldKey of [...Object.keys(FIELDS), 'oy', 'old', 'label']) {
    for (const form of FORMS) {
      for (const action of ['deny', 'warn']) {
        const text = rulesKatalog(fieldKey, { ...form, ...(action === 'warn' ? { action } : {}) });
        const k = withMode(text, 'policy');
        if (compileValidationRules(k.crds[0]!).compiled.length === 1) compiledForms.add(JSON.stringify(form));
        agree(text, siteReviews(fieldKey), world);
        cases++;
      }
    }
  }
  // Every form compiles on some field type (templates and valueType int/bool are the ones that never do).
  const never = FORMS.filter((f) => !compiledForms.has(JSON.stringify(f))).map((f) => JSON.stringify(f));
  assert.equal(never, [], 'forms that never compiled');
  assert.ok(cases > 800, `${cases} Katalogs`);
});

test('validation rules: when/or, several rules at once, and a rule left on the webhook beside compiled ones', () => {
  const extra = JSON.stringify([
    { field: 'spec.i', lessThanOrEqual: 10, message: 'at most 10', when: [{ field: 'spec.s', equals: 'web' }] },
    { field: 'spec.s', in: ['web', 'api'], message: 'tier', or: [{ field: 'spec.i', greaterThan: 3 }, { field: 'spec.b', equals: true }] },
    { field: 'spec.s', notEquals: 'batch', action: 'warn', message: 'batch is going away', when: [{ field: 'spec.s', exists: true }], or: [{ field: 'spec.i', exists: true }] },
    { field: '{{ .spec.s | lower }}', equals: '{{ .spec.s }}', message: 'lower case (a template: stays on the webhook)' },
  ]);
  for (const fieldKey of ['s', 'i', 'b']) {
    const text = rulesKatalog(fieldKey, { exists: true }, extra);
    const k = withMode(text, 'policy');
    const split = compileValidationRules(k.crds[0]!);
    assert.is(split.compiled.length, 4);
    assert.equal(split.kept.map((r) => r.rule.index), [4]);
    const reviews = siteReviews(fieldKey);
    for (const [s, i, b] of [['web', 20, false], ['web', 5, true], ['batch', 4, false], ['Web', 1, false], ['api', 11, true], [undefined, 2, undefined]] as const) {
      const spec = { ...(s !== undefined ? { s } : {}), i, ...(b !== undefined ? { b } : {}) };
      reviews.push({ label: `CREATE ${JSON.stringify(spec)}`, request: review({ operation: 'CREATE', group: 'demo.io', resource: 'sites', kind: 'Site', name: 's', namespace: 'team-a', object: { apiVersion: 'demo.io/v1', kind: 'Site', metadata: { name: 's' }, spec } }) });
    }
    const c = agree(text, reviews, world);
    assert.ok(c.denied > 0 && c.allowed > 0 && c.warned > 0, JSON.stringify(c));
  }
});

test.run();
