import type { Condition, ConditionSet } from '../conditions/condition-model.ts';
import type { AdmissionRules, ValidationRule } from '../admission/rule-model.ts';
import { planCrdSchema } from '../crd/plan-crd-schema.ts';
import { typeAtPath } from '../crd/type-at-path.ts';
import type { CrdEntry } from '../katalog/model.ts';
import { compileCondition, type FieldTypeOf } from './compile-condition.ts';

/** A validation rule as one CEL expression that holds when the request passes the rule. */
export interface CompiledRule {
  readonly rule: ValidationRule;
  readonly expression: string;
}

/** A validation rule CEL cannot express: it stays on the gateway's `/validate` webhook. */
export interface KeptRule {
  readonly rule: ValidationRule;
  readonly reason: string;
}

/** A CRD's validation rules split between the API server (compiled) and the webhook (kept), each in rule order. */
export interface CompiledRules {
  readonly compiled: readonly CompiledRule[];
  readonly kept: readonly KeptRule[];
}

/**
 * Compiles a CRD's validation rules for policy mode: a rule holds when its `when`/`or` do not
 * (checkValidation skips it) or its condition does. A rule is compiled whole or not at all, and
 * rules are independent, so splitting them between a policy and the webhook keeps the verdict.
 */
export function compileValidationRules(crd: CrdEntry): CompiledRules {
  const schema = planCrdSchema(crd).schema;
  const typeOf: FieldTypeOf = (path) => typeAtPath(schema, path);
  const compiled: CompiledRule[] = [];
  const kept: KeptRule[] = [];
  for (const rule of crd.admission.validation) {
    const check = compileCondition(rule.check, typeOf);
    const applies = compileSet(rule.applies, typeOf);
    if (check.type === 'webhook') kept.push({ rule, reason: check.reason });
    else if ('reason' in applies) kept.push({ rule, reason: `its when/or: ${applies.reason}` });
    else compiled.push({ rule, expression: applies.expression === 'true' ? check.expression : `!(${applies.expression}) || ${check.expression}` });
  }
  return { compiled, kept };
}

/** The rules the webhooks keep in policy mode: the validation rules CEL cannot express, and every mutation rule (a policy cannot change a request). */
export function webhookRulesOf(crd: CrdEntry): AdmissionRules {
  const kept = compileValidationRules(crd).kept.map((k) => k.rule);
  return { ...crd.admission, validation: kept, webhooks: { ...crd.admission.webhooks, validation: crd.admission.webhooks.validation && kept.length > 0 } };
}

function compileSet(set: ConditionSet, typeOf: FieldTypeOf): { expression: string } | { reason: string } {
  const all = compileAll(set.all, typeOf);
  if ('reason' in all) return all;
  const any = compileAll(set.any, typeOf);
  if ('reason' in any) return any;
  const parts = [...all.expressions];
  if (any.expressions.length > 0) parts.push(`(${any.expressions.join(' || ')})`);
  return { expression: parts.length === 0 ? 'true' : parts.join(' && ') };
}

function compileAll(conditions: readonly Condition[], typeOf: FieldTypeOf): { expressions: string[] } | { reason: string } {
  const expressions: string[] = [];
  for (const c of conditions) {
    const out = compileCondition(c, typeOf);
    if (out.type === 'webhook') return { reason: out.reason };
    expressions.push(out.expression);
  }
  return { expressions };
}
