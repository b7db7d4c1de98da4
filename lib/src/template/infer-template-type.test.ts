import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ValueType } from './ast.ts';
import { compileTemplate } from './compile-template.ts';
import { inferTemplateType } from './infer-template-type.ts';

const test = suite('inferTemplateType');

// A schema stand-in: paths the validator would look up in the CRD's openAPIV3Schema.
const SCHEMA: Record<string, ValueType> = {
  '': 'object',
  metadata: 'object',
  'metadata.name': 'string',
  'spec.replicas': 'integer',
  'spec.ratio': 'number',
  'spec.enabled': 'boolean',
  'spec.env': 'object',
  'spec.hosts': 'array',
  'spec.tier': 'string',
};
const typeOfPath = (path: readonly string[]): ValueType => SCHEMA[path.join('.')] ?? 'unknown';

const CASES: [string, ValueType][] = [
  ['{{ .spec.replicas }}', 'integer'],
  ['{{- .spec.replicas -}}', 'integer'],
  ['{{ $.spec.ratio }}', 'number'],
  ['{{ .spec.enabled }}', 'boolean'],
  ['{{ .spec.env }}', 'object'],
  ['{{ .spec.hosts }}', 'array'],
  ['{{ .spec.undeclared }}', 'unknown'],
  ['{{ . }}', 'object'],
  ['{{ 3 }}', 'integer'],
  ['{{ -3 }}', 'integer'],
  ['{{ 0x10 }}', 'integer'],
  ['{{ 3.0 }}', 'number'],
  ['{{ 1e3 }}', 'number'],
  ['{{ "3" }}', 'string'],
  ['{{ true }}', 'boolean'],
  ['{{ (.spec.replicas) }}', 'integer'],
  ['{{ .spec.replicas | quote }}', 'string'],
  ['{{ lower .spec.tier }}', 'string'],
  ['{{ upper .spec.tier }}', 'string'],
  ['{{ printf "%d" .spec.replicas }}', 'string'],
  ['{{ b64enc "x" }}', 'string'],
  ['{{ sha256sum "x" }}', 'string'],
  ['{{ trim "x" }}', 'string'],
  ['{{ replace "a" "b" "c" }}', 'string'],
  ['{{ trunc 3 "abcd" }}', 'string'],
  ['{{ toJson .spec.env }}', 'string'],
  ['{{ .spec.tier | int }}', 'integer'],
  ['{{ add .spec.replicas 1 }}', 'integer'],
  ['{{ .spec.replicas | sub 1 }}', 'integer'],
  ['{{ eq .spec.replicas 3 }}', 'boolean'],
  ['{{ ne 1 2 }}', 'boolean'],
  ['{{ lt 1 2 }}', 'boolean'],
  ['{{ not .spec.enabled }}', 'boolean'],
  ['{{ empty .spec.hosts }}', 'boolean'],
  // default: the value's type when the schema knows it, else the default's
  ['{{ .spec.replicas | default 1 }}', 'integer'],
  ['{{ default "1" .spec.replicas }}', 'integer'],
  ['{{ .spec.undeclared | default 1 }}', 'integer'],
  ['{{ .spec.undeclared | default "x" }}', 'string'],
  ['{{ .spec.undeclared | default .spec.ratio }}', 'number'],
  ['{{ .spec.undeclared | default .spec.alsoUndeclared }}', 'unknown'],
  ['{{ .spec.replicas | default 1 | quote }}', 'string'],
  ['{{ (.spec.replicas | default 1) }}', 'integer'],
  // and/or: the common type of their arguments, else unknown
  ['{{ or .spec.replicas 1 }}', 'integer'],
  ['{{ .spec.replicas | or 1 }}', 'integer'],
  ['{{ and .spec.replicas "x" }}', 'unknown'],
  // Anything but a single action is a string
  ['{{ .spec.replicas }} ', 'string'],
  ['x{{ .spec.replicas }}', 'string'],
  ['{{ .spec.replicas }}{{ .spec.replicas }}', 'string'],
  ['{{ if .spec.enabled }}{{ .spec.replicas }}{{ end }}', 'string'],
  ['{{/* c */}}', 'string'],
];

for (const [source, expected] of CASES) {
  test(`infers ${source}`, () => {
    const compiled = compileTemplate(source);
    assert.ok(compiled.ok, compiled.ok ? '' : compiled.error.message);
    if (compiled.ok) assert.is(inferTemplateType(compiled.template, typeOfPath), expected);
  });
}

test('asks typeOfPath only about paths the final value can come from', () => {
  const asked: string[] = [];
  const compiled = compileTemplate('{{ .spec.a | printf "%s-%s" .spec.b }}');
  assert.ok(compiled.ok);
  if (!compiled.ok) return;
  inferTemplateType(compiled.template, (path) => {
    asked.push(path.join('.'));
    return 'unknown';
  });
  assert.equal(asked, []);
});

test.run();
