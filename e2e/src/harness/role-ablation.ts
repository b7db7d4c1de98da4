import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { PolicyRule } from '@orkestra/lib';
import { kubectlJson, kubectlOk } from './kubectl.ts';
import { canI } from './access-review.ts';
import { ruleAtomList, type RuleAtom } from './rbac-atoms.ts';
import { waitFor } from './wait.ts';

/** A ClusterRole or Role of a bundle, with the rules the bundle gives it. */
export interface BundleRole {
  readonly kind: 'ClusterRole' | 'Role';
  readonly name: string;
  /** Set for a Role. */
  readonly namespace?: string;
  readonly rules: readonly PolicyRule[];
}

/** One atom of one role: what an ablation removes. */
export interface RoleAtom extends RuleAtom {
  readonly role: BundleRole;
}

interface Doc {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  rules?: PolicyRule[];
  roleRef?: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

/**
 * The roles of a bundle file that a binding of the same file grants to the ServiceAccount
 * `serviceAccount` in `namespace`, in bundle order.
 */
export function rolesBoundTo(bundleFile: string, serviceAccount: string, namespace: string): BundleRole[] {
  const docs = parseAllDocuments(readFileSync(bundleFile, 'utf8')).map((d) => d.toJS() as Doc | null).filter((d): d is Doc => d !== null);
  const bound = new Set<string>();
  for (const d of docs) {
    if (d.kind !== 'ClusterRoleBinding' && d.kind !== 'RoleBinding') continue;
    if (!d.subjects?.some((s) => s.kind === 'ServiceAccount' && s.name === serviceAccount && s.namespace === namespace)) continue;
    const scope = d.kind === 'RoleBinding' && d.roleRef?.kind === 'Role' ? (d.metadata?.namespace ?? '') : '';
    bound.add(`${d.roleRef?.kind}/${scope}/${d.roleRef?.name}`);
  }
  const roles: BundleRole[] = [];
  for (const d of docs) {
    if (d.kind !== 'ClusterRole' && d.kind !== 'Role') continue;
    const scope = d.kind === 'Role' ? (d.metadata?.namespace ?? '') : '';
    if (!bound.has(`${d.kind}/${scope}/${d.metadata?.name}`)) continue;
    roles.push({ kind: d.kind, name: d.metadata!.name!, ...(d.kind === 'Role' ? { namespace: scope } : {}), rules: d.rules ?? [] });
  }
  return roles;
}

/** Every atom of every role, role by role. */
export function atomsOf(roles: readonly BundleRole[]): RoleAtom[] {
  return roles.flatMap((role) => ruleAtomList(role.rules).map((a) => ({ ...a, role })));
}

/** `rules` granting exactly what they granted before, minus one atom. */
export function rulesWithout(rules: readonly PolicyRule[], atom: RuleAtom): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const rule of rules) {
    for (const group of rule.apiGroups) for (const resource of rule.resources) {
      const names = rule.resourceNames ?? [];
      const base = { apiGroups: [group], resources: [resource] };
      const hit = group === atom.group && resource === atom.resource && rule.verbs.includes(atom.verb)
        && (names.length === 0 ? atom.name === undefined : atom.name !== undefined && names.includes(atom.name));
      if (!hit) {
        out.push({ ...base, verbs: [...rule.verbs], ...(names.length ? { resourceNames: [...names] } : {}) });
        continue;
      }
      const otherVerbs = rule.verbs.filter((v) => v !== atom.verb);
      if (otherVerbs.length) out.push({ ...base, verbs: otherVerbs, ...(names.length ? { resourceNames: [...names] } : {}) });
      const otherNames = names.filter((n) => n !== atom.name);
      if (otherNames.length) out.push({ ...base, verbs: [atom.verb], resourceNames: otherNames });
    }
  }
  return out;
}

/** Replaces the live role's rules with the bundle's rules minus `atom` (kubectl replace, as admin). */
export function replaceWithout(atom: RoleAtom): void {
  const { role } = atom;
  const ref = role.kind === 'Role' ? ['role', role.name, '-n', role.namespace!] : ['clusterrole', role.name];
  const live = kubectlJson<Record<string, unknown>>(['get', ...ref]);
  kubectlOk(['replace', '-f', '-'], { input: JSON.stringify({ ...live, rules: rulesWithout(role.rules, atom) }) });
}

/** `events.k8s.io events patch`, `core leases get [orkestra-runtime]`, `(Role ns/name)` for Roles. */
export function describeAtom(atom: RoleAtom): string {
  const where = atom.role.kind === 'Role' ? ` (Role ${atom.role.namespace}/${atom.role.name})` : '';
  return `${atom.group || 'core'} ${atom.resource} ${atom.verb}${atom.name !== undefined ? ` [${atom.name}]` : ''}${where}`;
}

/**
 * The first log text carrying the API server's RBAC denial of exactly this atom
 * (`cannot <verb> resource "<resource>" in API group "<group>"`, or the owner-reference plugin's
 * refusal for `update` on `<owner>/finalizers`), if any.
 */
export function denialOf(atom: RuleAtom, logs: readonly string[]): string | undefined {
  const needle = `cannot ${atom.verb} resource "${atom.resource}" in API group "${atom.group}"`;
  // update on <owner>/finalizers is checked by OwnerReferencesPermissionEnforcement, not by the
  // request's own authorization, and that plugin words its refusal differently.
  const owner = atom.verb === 'update' && atom.resource.endsWith('/finalizers')
    ? "cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on"
    : undefined;
  return logs.find((l) => l.includes(needle) || (owner !== undefined && l.includes(owner)));
}

/** What a scenario run without an atom showed: how many 403s, which were logged, what did not happen. */
export interface AblationOutcome {
  /** 403s the app counted in its final line; undefined when it printed none (it exited or hung). */
  readonly forbidden: number | undefined;
  /** Log text of each 403, for naming the denied atom. */
  readonly forbiddenLogs: readonly string[];
  /** The first step of the scenario that did not happen, if any. */
  readonly missed?: string | undefined;
  readonly durationMs: number;
}

/** How one ablation went: `proof` names the break, `noise` 403s on other atoms only, undefined nothing broke. */
export type AblationVerdict = { readonly type: 'proof' | 'noise'; readonly how: string } | undefined;

/** How an app and its scenario are ablated. */
export interface AblationPlan<O extends AblationOutcome> {
  /** The scenario's letter in messages (`S`, `G`). */
  readonly scenario: string;
  /** What the app's final line is called (`runtime stopped`), for the verdict when it is missing. */
  readonly finalLine: string;
  readonly token: string;
  /** The namespace an access review of `atom` is asked in. */
  readonly reviewNamespace: (atom: RoleAtom) => string;
  readonly run: () => Promise<O>;
  /** The logged denial of exactly `atom`, if any (defaults to denialOf). */
  readonly denial?: (atom: RoleAtom, logs: readonly string[]) => string | undefined;
  /** Puts every role back whole. */
  readonly restore: () => void;
}

/**
 * Removes each atom in turn, waits until an access review under the token says no, runs the
 * scenario, restores the roles and waits for yes again. Prints one row per atom and returns the
 * atoms whose removal proved nothing (empty when every rule is needed).
 */
export async function ablateEach<O extends AblationOutcome>(atoms: readonly RoleAtom[], plan: AblationPlan<O>): Promise<string[]> {
  const waitUntil = (atom: RoleAtom, allowed: boolean) => waitFor(`${describeAtom(atom)} ${allowed ? 'granted' : 'revoked'}`,
    () => (canI(plan.token, atom, plan.reviewNamespace(atom)) === allowed ? true : undefined), 10_000, 100);
  const judge = (atom: RoleAtom, o: O): AblationVerdict => {
    const denial = (plan.denial ?? denialOf)(atom, o.forbiddenLogs);
    if (denial !== undefined) return { type: 'proof', how: `${o.forbidden ?? '(exited)'} forbidden: ${denial}` };
    if (o.missed !== undefined) return { type: 'proof', how: `missed: ${o.missed}` };
    if (o.forbidden === undefined) return { type: 'proof', how: `no "${plan.finalLine}" line` };
    if (o.forbidden === 0 && o.forbiddenLogs.length === 0) return undefined;
    // 403s that deny something else have nothing to do with the removed atom: they prove nothing.
    return { type: 'noise', how: `${o.forbidden} forbidden, none naming it: ${o.forbiddenLogs[0] ?? '(no log line)'}` };
  };
  const rows: { atom: RoleAtom; verdict: AblationVerdict; ms: number }[] = [];
  for (const atom of atoms) {
    replaceWithout(atom);
    try {
      await waitUntil(atom, false);
      const outcome = await plan.run();
      rows.push({ atom, verdict: judge(atom, outcome), ms: outcome.durationMs });
    } finally {
      plan.restore();
    }
    await waitUntil(atom, true);
  }
  const width = Math.max(...rows.map((r) => describeAtom(r.atom).length));
  const line = (r: (typeof rows)[number]) => `  ${describeAtom(r.atom).padEnd(width)}  ${(r.ms / 1000).toFixed(1).padStart(5)} s  `
    + (r.verdict === undefined ? 'BROKE NOTHING' : `${r.verdict.type === 'proof' ? 'broke' : 'NOISE'}: ${r.verdict.how.slice(0, 200)}`);
  process.stderr.write(`\n${rows.map(line).join('\n')}\n`);
  return rows.filter((r) => r.verdict?.type !== 'proof').map((r) => r.verdict === undefined
    ? `${describeAtom(r.atom)}: removing it broke nothing`
    : `${describeAtom(r.atom)}: removing it broke ${plan.scenario} only with 403s on other requests (${r.verdict.how.slice(0, 200)})`);
}
