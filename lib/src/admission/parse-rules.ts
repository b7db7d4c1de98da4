import { compileTemplate, isTemplate } from '../template/index.ts';
import type { ConditionProblem } from '../conditions/condition-problem.ts';
import type { ConditionScalar } from '../conditions/condition-model.ts';
import type { ConditionInput } from '../conditions/condition-schema.ts';
import { VALUE_TYPES } from '../conditions/operators.ts';
import { parseCondition } from '../conditions/parse-condition.ts';
import { parseConditionSet } from '../conditions/parse-condition-set.ts';
import { parseTyped } from '../conditions/read-typed.ts';
import type { CrdWebhooksInput, MutationRuleInput, ValidationRuleInput } from './rule-schema.ts';
import { RULE_ROOTS, type AdmissionRules, type MutationRule, type Operation, type ValidationRule } from './rule-model.ts';

/** The admission blocks of one CRD entry, as written (from `validation:`/`mutation:`/`webhooks:` or Gen C's `admission:`). */
export interface AdmissionInput {
  readonly validation?: readonly ValidationRuleInput[] | undefined;
  readonly mutation?: readonly MutationRuleInput[] | undefined;
  readonly webhooks?: CrdWebhooksInput | undefined;
  /** Where each block was written, relative to the CRD entry (`['validation']` or `['admission', 'validation']`). */
  readonly paths: { readonly validation: readonly (string | number)[]; readonly mutation: readonly (string | number)[]; readonly webhooks: readonly (string | number)[] };
}

// Keys of a validation rule that belong to the rule, not to the condition on its field.
const RULE_KEYS = new Set(['message', 'action', 'when', 'or']);

/**
 * Normalises a CRD's admission blocks into rules. Every problem is reported, positioned relative
 * to the CRD entry; a rule with a problem is left out (the Katalog is invalid anyway).
 */
export function parseAdmissionRules(input: AdmissionInput): { rules: AdmissionRules; problems: ConditionProblem[] } {
  const problems: ConditionProblem[] = [];
  const validation: ValidationRule[] = [];
  (input.validation ?? []).forEach((raw, index) => {
    const at = [...input.paths.validation, 'rules', index];
    const conditionInput = Object.fromEntries(Object.entries(raw).filter(([k]) => !RULE_KEYS.has(k))) as ConditionInput;
    const check = parseCondition(conditionInput, RULE_ROOTS);
    const applies = parseConditionSet(raw.when as ConditionInput[] | undefined, raw.or as ConditionInput[] | undefined, RULE_ROOTS);
    const found = [...check.problems, ...applies.problems];
    problems.push(...found.map((p) => ({ ...p, at: [...at, ...p.at] })));
    if (raw.message.trim() === '') problems.push({ code: 'ORK1400', at: [...at, 'message'], target: 'value', message: 'a validation rule needs a message: it is what the person refused reads' });
    if (!check.condition || found.some((p) => p.code !== 'ORK1123') || raw.message.trim() === '') return;
    validation.push({ index, check: { ...check.condition, at }, message: raw.message.trim(), action: raw.action ?? 'deny', applies: applies.set, at });
  });
  const mutation: MutationRule[] = [];
  (input.mutation ?? []).forEach((raw, index) => {
    const at = [...input.paths.mutation, 'rules', index];
    const parsed = parseMutationRule(raw, index, at);
    problems.push(...parsed.problems.map((p) => ({ ...p, at: [...at, ...p.at] })));
    if (parsed.rule) mutation.push(parsed.rule);
  });
  const w = input.webhooks;
  const operations = [...new Set(w?.operations ?? ['CREATE', 'UPDATE'])] as Operation[];
  if (w?.operations !== undefined && w.operations.length === 0) {
    problems.push({ code: 'ORK1404', at: [...input.paths.webhooks, 'operations'], target: 'value', message: 'operations is empty: no request would reach the webhooks', hint: 'remove it for CREATE and UPDATE, or list the operations' });
  }
  for (const key of ['validation', 'mutation'] as const) {
    if (w?.[key] === true && (input[key]?.length ?? 0) === 0) {
      problems.push({ code: 'ORK1405', at: [...input.paths.webhooks, key], target: 'value', message: `webhooks.${key} is true, but the CRD has no ${key} rules`, hint: `add ${key}.rules, or remove webhooks.${key}` });
    }
  }
  return {
    rules: {
      validation,
      mutation,
      webhooks: {
        validation: (w?.validation ?? true) && validation.length > 0,
        mutation: (w?.mutation ?? true) && mutation.length > 0,
        operations,
      },
    },
    problems,
  };
}

/** Fields a mutation may write: the spec, and labels and annotations (the API server ignores status on the main resource). */
function writable(path: readonly string[]): string | undefined {
  if (path.some((s) => s === '')) return 'is not a dotted path such as spec.tier';
  if (path[0] === 'spec' && path.length >= 2) return undefined;
  if (path[0] === 'metadata' && (path[1] === 'labels' || path[1] === 'annotations') && path.length === 3) return undefined;
  if (path[0] === 'status') return 'is status: the API server drops status written through the main resource, and the runtime owns status';
  if (path[0] === 'metadata') return 'is metadata the API server manages: a mutation may set metadata.labels.<key> and metadata.annotations.<key>';
  return 'must start with spec. (or be metadata.labels.<key> or metadata.annotations.<key>)';
}

function parseMutationRule(raw: MutationRuleInput, index: number, at: readonly (string | number)[]): { rule?: MutationRule; problems: ConditionProblem[] } {
  const problems: ConditionProblem[] = [];
  const path = raw.field.trim().replace(/^\./, '').split('.');
  if (isTemplate(raw.field)) problems.push({ code: 'ORK1402', at: ['field'], target: 'value', message: 'a mutation writes a field named by a path, not a template', hint: 'write the path, such as spec.tier' });
  else {
    const why = writable(path);
    if (why !== undefined) problems.push({ code: 'ORK1402', at: ['field'], target: 'value', message: `field "${raw.field}" ${why}` });
  }
  const given = (['default', 'override'] as const).filter((k) => raw[k] !== undefined);
  if (given.length !== 1) {
    problems.push(given.length === 0
      ? { code: 'ORK1401', at: [], target: 'key', message: 'a mutation rule needs a value: default (set when the field is empty) or override (always set)', hint: 'add "default: <value>" or "override: <value>"' }
      : { code: 'ORK1401', at: ['override'], target: 'key', message: 'a mutation rule has default or override, not both', hint: 'keep one' });
  }
  const mode = given[0] ?? 'default';
  const written = raw[mode];
  const valueType = raw.valueType === undefined ? undefined : VALUE_TYPES.get(raw.valueType);
  let value: ConditionScalar = { type: 'literal', value: written ?? '' };
  if (typeof written === 'string' && isTemplate(written)) {
    const compiled = compileTemplate(written, { roots: RULE_ROOTS });
    if (!compiled.ok) {
      const e = compiled.error;
      problems.push({ code: e.code, at: [mode], target: 'value', message: e.message, offset: e.offset, ...(e.hint !== undefined ? { hint: e.hint } : {}) });
    } else value = { type: 'template', template: compiled.template };
  } else if (written !== undefined && valueType !== undefined && parseTyped(written, valueType) === undefined) {
    problems.push({ code: 'ORK1403', at: [mode], target: 'value', message: `valueType is ${valueType}, but ${JSON.stringify(written)} cannot be read as ${valueType}` });
  }
  const applies = parseConditionSet(raw.when as ConditionInput[] | undefined, raw.or as ConditionInput[] | undefined, RULE_ROOTS);
  problems.push(...applies.problems);
  if (problems.length > 0) return { problems };
  return { rule: { index, field: path.join('.'), path, mode, value, ...(valueType !== undefined ? { valueType } : {}), applies: applies.set, at }, problems };
}
