// The API server's side of the differential test, played with an npm CEL evaluator
// (@bufbuild/cel, a devDependency of this package only): which webhooks and which
// ValidatingAdmissionPolicies a review reaches (rules, selectors, match conditions), and what
// each answers. Written from the admissionregistration.k8s.io/v1 API documentation; what it
// evaluates is exactly the text lib planned.
import { celEnv, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import type { AdmissionRequest } from '@orkestra/lib/gateway';
import type { PlannedPolicy } from '@orkestra/lib/policy';

type Json = unknown;
type Labels = Readonly<Record<string, string>>;
interface Selector { readonly matchLabels?: Labels; readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[] }
interface Rule { readonly operations: readonly string[]; readonly apiGroups: readonly string[]; readonly apiVersions: readonly string[]; readonly resources: readonly string[]; readonly scope: string; readonly resourceNames?: readonly string[] }

/** A Pod as the API server knows it, for evictions (the webhook reads one; the policy takes them as parameters). */
export interface FixturePod { readonly name: string; readonly namespace: string; readonly labels: Labels }

/** What a review meets besides itself: the labels of its namespace and the Pods of the cluster. */
export interface World {
  readonly namespaceLabels: (namespace: string) => Labels;
  readonly pods: readonly FixturePod[];
}

/** A CEL value from JSON as Kubernetes hands objects to CEL: integers as int, other numbers as double, objects as maps. */
export function celValue(value: Json): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(celValue);
  return new Map(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, celValue(v)]));
}

/**
 * `request` as a policy's CEL sees it: the AdmissionRequest as JSON, so a field Go's `omitempty`
 * leaves out (an empty name, namespace, subResource, username; no groups) is absent, and reading
 * it is an error (found on a real API server: `request.subResource` of a plain UPDATE).
 */
export function celRequest(r: AdmissionRequest): CelInput {
  const groups = r.userInfo.groups ?? [];
  const some = (key: string, value: string | undefined) => (value ? { [key]: value } : {});
  return celValue({
    uid: r.uid, kind: r.kind, resource: r.resource, ...some('subResource', r.subResource), ...some('name', r.name), ...some('namespace', r.namespace),
    operation: r.operation, ...(r.dryRun ? { dryRun: true } : {}),
    userInfo: { ...some('username', r.userInfo.username), ...some('uid', r.userInfo.uid), ...(groups.length > 0 ? { groups } : {}) },
  });
}

const env = celEnv();
const compiled = new Map<string, (vars: Record<string, CelInput>) => unknown>();
/** Evaluates `expression`; a CEL error is returned as an Error (the API server would apply failurePolicy). */
export function evalCel(expression: string, vars: Record<string, CelInput>): unknown {
  try {
    let fn = compiled.get(expression);
    if (!fn) {
      fn = plan(env, parse(expression)) as (vars: Record<string, CelInput>) => unknown;
      compiled.set(expression, fn);
    }
    const out = fn(vars);
    return isCelError(out) ? new Error(String((out as { message?: string }).message ?? out)) : out;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function matchSelector(s: Selector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const ok = e.operator === 'In' ? has && (e.values ?? []).includes(labels[e.key]!)
      : e.operator === 'NotIn' ? !has || !(e.values ?? []).includes(labels[e.key]!)
        : e.operator === 'Exists' ? has : !has;
    if (!ok) return false;
  }
  return true;
}

function isNamespaceRequest(r: AdmissionRequest): boolean {
  return r.resource.group === '' && r.resource.resource === 'namespaces';
}

function matchRule(rule: Rule, r: AdmissionRequest): boolean {
  if (!rule.operations.includes('*') && !rule.operations.includes(r.operation)) return false;
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes(r.resource.group)) return false;
  if (!rule.apiVersions.includes('*') && !rule.apiVersions.includes(r.resource.version)) return false;
  const sub = r.subResource ?? '';
  const resourceOk = rule.resources.some((res) => {
    const [main, s] = res.split('/') as [string, string | undefined];
    if (s === undefined) return sub === '' && (main === '*' || main === r.resource.resource);
    return (main === '*' || main === r.resource.resource) && (s === '*' || s === sub);
  });
  if (!resourceOk) return false;
  const clusterScoped = !r.namespace || isNamespaceRequest(r);
  if (rule.scope === 'Namespaced' && clusterScoped) return false;
  if (rule.scope === 'Cluster' && !clusterScoped) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0 && !rule.resourceNames.includes(r.name ?? '')) return false;
  return true;
}

function labelsOf(o: unknown): Labels | undefined {
  if (o === null || o === undefined) return undefined;
  return ((o as { metadata?: { labels?: Labels } }).metadata?.labels) ?? {};
}

function matchObject(s: Selector, r: AdmissionRequest): boolean {
  const sides = [labelsOf(r.object), labelsOf(r.oldObject)].filter((l): l is Labels => l !== undefined);
  if (sides.length === 0) return matchSelector(s, {});
  return sides.some((l) => matchSelector(s, l));
}

function matchNamespace(s: Selector, r: AdmissionRequest, world: World): boolean {
  if (isNamespaceRequest(r)) return matchSelector(s, labelsOf(r.object ?? r.oldObject) ?? world.namespaceLabels(r.name ?? ''));
  if (!r.namespace) return true; // other cluster-scoped resources are never skipped by a namespaceSelector
  return matchSelector(s, world.namespaceLabels(r.namespace));
}

/** Whether a webhook or policy with these rules, selectors and match conditions sees the review. */
export function reaches(m: { rules: readonly Rule[]; objectSelector: Selector; namespaceSelector: Selector; matchConditions?: readonly { expression: string }[] },
                        r: AdmissionRequest, world: World, vars: Record<string, CelInput>, errors: string[]): boolean {
  if (!m.rules.some((rule) => matchRule(rule, r))) return false;
  if (!matchNamespace(m.namespaceSelector, r, world) || !matchObject(m.objectSelector, r)) return false;
  for (const c of m.matchConditions ?? []) {
    const out = evalCel(c.expression, vars);
    if (out instanceof Error) {
      errors.push(`match condition ${c.expression}: ${out.message}`);
      return true; // an error matches: the webhook is called, the policy evaluated (failurePolicy then)
    }
    if (out !== true) return false;
  }
  return true;
}

/** What one policy answers: denied (Deny binding), warnings (Warn binding), and any CEL error met. */
export interface PolicyAnswer { readonly denied: boolean; readonly warnings: number; readonly errors: readonly string[] }

/** Evaluates a planned policy and its binding on a review, as the API server does. */
export function answerPolicy(p: PlannedPolicy, r: AdmissionRequest, world: World): PolicyAnswer | undefined {
  const spec = p.policy.spec;
  const base: Record<string, CelInput> = { request: celRequest(r), object: celValue(r.object ?? null), oldObject: celValue(r.oldObject ?? null) };
  const errors: string[] = [];
  const mc = spec.matchConstraints;
  if (!reaches({ rules: mc.resourceRules, objectSelector: mc.objectSelector, namespaceSelector: mc.namespaceSelector, ...(spec.matchConditions ? { matchConditions: spec.matchConditions } : {}) }, r, world, base, errors)) return undefined;
  let paramSets: CelInput[] = [null];
  const ref = p.binding.spec.paramRef;
  if (spec.paramKind && ref) {
    paramSets = world.pods.filter((pod) => pod.namespace === (r.namespace ?? '') && matchSelector(ref.selector, pod.labels))
      .map((pod) => celValue({ apiVersion: 'v1', kind: 'Pod', metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels } }));
    if (paramSets.length === 0) return ref.parameterNotFoundAction === 'Allow' ? { denied: false, warnings: 0, errors } : { denied: spec.failurePolicy === 'Fail', warnings: 0, errors };
  }
  let failed = 0;
  for (const params of paramSets) {
    const vars: Record<string, CelInput> = { ...base, params };
    const variables = new Map<string, CelInput>();
    for (const v of spec.variables ?? []) {
      const out = evalCel(v.expression, { ...vars, variables });
      if (out instanceof Error) errors.push(`variable ${v.name}: ${out.message}`);
      variables.set(v.name, out instanceof Error ? null : (out as CelInput));
    }
    for (const check of spec.validations) {
      const out = evalCel(check.expression, { ...vars, variables });
      if (out instanceof Error) {
        errors.push(`${p.policy.metadata.name}: ${check.expression}: ${out.message}`);
        if (spec.failurePolicy === 'Fail') failed++;
        continue;
      }
      if (typeof out !== 'boolean') errors.push(`${p.policy.metadata.name}: not a bool: ${check.expression}`);
      if (out !== true) failed++;
      if (check.messageExpression) {
        const message = evalCel(check.messageExpression, { ...vars, variables });
        if (typeof message !== 'string') errors.push(`${p.policy.metadata.name}: message expression: ${message instanceof Error ? message.message : typeof message}`);
      }
    }
  }
  const deny = p.binding.spec.validationActions[0] === 'Deny';
  return { denied: deny && failed > 0, warnings: deny ? 0 : failed, errors };
}
