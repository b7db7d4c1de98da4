import type { PlannedRule, PolicyRule } from './rbac-model.ts';
import { CRITICAL_VERBS, UNNAMEABLE_VERBS, VERB_ORDER } from './verbs.ts';

/** One thing wrong with one rule: its index in the list checked and a message. */
export interface RuleProblem {
  readonly index: number;
  readonly message: string;
}

// A core or named API group: empty, or a DNS subdomain (no version, no slash).
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A plural resource, optionally with one subresource (`websites/status`).
const RESOURCE = /^[a-z][a-z0-9-]*(\/[a-z][a-z0-9-]*)?$/;

/**
 * Checks rules against what the API server accepts and what Orkestra allows itself:
 * no `*`, no empty or duplicated lists, canonical groups, no resourceNames on create or
 * deletecollection, escalate/bind only on rules flagged critical, impersonate never.
 * Plain PolicyRules count as unflagged. An empty result means every rule passed.
 */
export function lintRules(rules: readonly (PolicyRule | PlannedRule)[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rules.forEach((entry, index) => {
    const planned = 'rule' in entry;
    const rule = planned ? entry.rule : entry;
    const critical = planned && entry.critical;
    const report = (message: string): void => void problems.push({ index, message });
    const lists: [string, readonly string[] | undefined][] = [
      ['apiGroups', rule.apiGroups], ['resources', rule.resources], ['verbs', rule.verbs], ['resourceNames', rule.resourceNames],
    ];
    for (const [field, list] of lists) {
      if (list === undefined) continue;
      if (list.length === 0) report(`${field} is empty`);
      if (list.includes('*')) report(`${field} contains "*"`);
      if (new Set(list).size !== list.length) report(`${field} has duplicates`);
    }
    for (const g of rule.apiGroups) {
      if (g === '*') continue;
      if (g === 'core' || g === 'v1') report(`apiGroups has "${g}": the core group is written ""`);
      else if (!GROUP.test(g)) report(`apiGroups has "${g}", which is not a group name (no version, no slash)`);
    }
    for (const r of rule.resources) if (r !== '*' && !RESOURCE.test(r)) report(`resources has "${r}", which is not a lowercase plural (optionally /subresource)`);
    for (const v of rule.verbs) {
      if (v === '*') continue;
      if (!(VERB_ORDER as readonly string[]).includes(v)) report(`verbs has unknown verb "${v}"`);
      if (v === 'impersonate') report('verbs has "impersonate", which Orkestra never grants');
      if (CRITICAL_VERBS.includes(v) && !critical) report(`verbs has "${v}" on a rule not flagged critical`);
    }
    if (rule.resourceNames && rule.resourceNames.length > 0) {
      for (const v of rule.verbs) {
        if (UNNAMEABLE_VERBS.includes(v)) report(`"${v}" cannot be restricted by resourceNames: give it a rule of its own`);
      }
      for (const n of rule.resourceNames) if (n === '') report('resourceNames has an empty name');
    }
  });
  return problems;
}
