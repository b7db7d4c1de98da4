import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { websiteKatalog } from '../admission/admission.test.fixture.ts';
import { compileValidationRules, webhookRulesOf } from './compile-rules.ts';

const test = suite('compileValidationRules (policy mode)');

function split(rules: string) {
  const { crd, diagnostics } = websiteKatalog(`      validation:\n        rules:\n${rules}`);
  if (!crd) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return compileValidationRules(crd);
}

test('a required field and a bound compile to one expression each, over variables.target', () => {
  const out = split(`          - {field: spec.image, message: an image is required}
          - {field: spec.replicas, lessThanOrEqual: 10, message: at most 10}`);
  assert.is(out.kept.length, 0);
  assert.is(out.compiled[0]!.expression, "((variables.target != null && has(variables.target.spec) && variables.target.spec != null && has(variables.target.spec.image) && variables.target.spec.image != null) && variables.target.spec.image != '')");
  assert.is(out.compiled[1]!.expression, '((variables.target != null && has(variables.target.spec) && variables.target.spec != null && has(variables.target.spec.replicas) && variables.target.spec.replicas != null) ? variables.target.spec.replicas : 0) <= 10');
});

test('when/or guard the condition; negate wraps it; label keys are map keys', () => {
  const out = split(`          - {field: metadata.labels.team, equals: web, negate: true, message: m, when: [{field: spec.tier, exists: true}]}`);
  const e = out.compiled[0]!.expression;
  assert.ok(e.startsWith('!(((variables.target != null'), e);
  assert.match(e, "'team' in variables.target.metadata.labels");
  assert.match(e, "variables.target.metadata.labels['team'] == 'web'");
});

test('what CEL cannot say with the same meaning stays on the webhook, with the reason', () => {
  const out = split(`          - {field: "{{ .spec.image }}", exists: true, message: a template}
          - {field: spec.image, equals: "{{ .metadata.name }}", message: a template value}
          - {field: spec.replicas, equals: "3", valueType: int, message: valueType int}
          - {field: spec.nothere, exists: true, message: not in the schema}
          - {field: spec.image, greaterThan: 3, message: numbers from text}
          - {field: spec.image, exists: true, message: compiled, when: [{field: "{{ .spec.tier }}", exists: true}]}`);
  assert.is(out.compiled.length, 0);
  assert.equal(out.kept.map((k) => k.reason), [
    'its field is a template ({{ .spec.image }}): templates are Orkestra\'s own language, not CEL',
    'its value is a template',
    'valueType int converts values in ways CEL cannot repeat',
    'the CRD schema has no field spec.nothere',
    'the field is typed string by the CRD schema, and numbers read from text have no exact CEL equivalent',
    'its when/or: its field is a template ({{ .spec.tier }}): templates are Orkestra\'s own language, not CEL',
  ]);
});

test('webhookRulesOf keeps only the rules that did not compile, and every mutation rule', () => {
  const { crd } = websiteKatalog(`      validation:
        rules:
          - {field: spec.image, message: compiled}
          - {field: "{{ .spec.image }}", exists: true, message: kept}
      mutation:
        rules:
          - {field: spec.replicas, default: 2}`);
  const kept = webhookRulesOf(crd!);
  assert.equal(kept.validation.map((r) => r.message), ['kept']);
  assert.is(kept.mutation.length, 1);
  assert.ok(kept.webhooks.validation && kept.webhooks.mutation);
  const { crd: allCompiled } = websiteKatalog(`      validation:\n        rules:\n          - {field: spec.image, message: compiled}`);
  assert.is(webhookRulesOf(allCompiled!).webhooks.validation, false, 'nothing left for /validate');
});

test.run();
