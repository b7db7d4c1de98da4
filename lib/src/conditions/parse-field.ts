import { compileTemplate, isTemplate } from '../template/index.ts';
import type { FieldRef } from './condition-model.ts';
import type { ConditionProblem } from './condition-problem.ts';
import { CONDITION_ROOTS, UNSUPPORTED_ROOTS } from './operators.ts';

/**
 * Reads a condition's `field`: a dotted path (`spec.tier`, leading dot optional) whose root is the
 * custom resource or its children, or a template (`"{{ .status.phase | lower }}"`).
 */
export function parseField(text: string, roots: readonly string[] = CONDITION_ROOTS): { field?: FieldRef; problems: ConditionProblem[] } {
  if (isTemplate(text)) {
    const compiled = compileTemplate(text, { roots });
    if (!compiled.ok) {
      const e = compiled.error;
      return { problems: [{ code: e.code, at: ['field'], target: 'value', message: e.message, offset: e.offset, ...(e.hint !== undefined ? { hint: e.hint } : {}) }] };
    }
    return { field: { type: 'template', template: compiled.template, text }, problems: [] };
  }
  const path = text.trim().replace(/^\./, '').split('.');
  const root = path[0] ?? '';
  if (path.some((segment) => segment === '')) {
    return { problems: [problem('ORK1126', `field ${JSON.stringify(text)} is not a dotted path such as spec.tier`, roots)] };
  }
  const unsupported = UNSUPPORTED_ROOTS.get(root);
  if (unsupported !== undefined) {
    return { problems: [{ code: 'ORK1130', at: ['field'], target: 'value', message: `${unsupported} is not supported by this version of Orkestra`, hint: `conditions read ${roots.map((r) => `${r}.*`).join(', ')}` }] };
  }
  if (!roots.includes(root)) {
    return { problems: [problem('ORK1126', `field "${text}" must start with ${roots.map((r) => `${r}.`).join(', ')}`, roots)] };
  }
  return { field: { type: 'path', path, text }, problems: [] };
}

function problem(code: 'ORK1126', message: string, roots: readonly string[]): ConditionProblem {
  return { code, at: ['field'], target: 'value', message, hint: `write a path into the custom resource (${roots.join(', ')}), or a template` };
}
