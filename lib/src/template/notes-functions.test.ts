import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileTemplate } from './compile-template.ts';
import { inferTemplateType } from './infer-template-type.ts';
import { renderTemplate } from './render-template.ts';
import type { ValueType } from './ast.ts';

const test = suite('notes functions');

const CR = {
  metadata: {
    name: 'app-frontend', namespace: 'team-a', creationTimestamp: '2026-04-13T09:05:07Z',
    labels: { app: 'shop', 'app.kubernetes.io/name': 'shop' },
  },
  spec: {
    environment: 'production', image: 'gcr.io/proj/app:v1', tags: 'latest,stable,v2', hosts: ['a.example.com', 'b.example.com'],
    domain: 'my.app.example.com', debug: true, off: false, replicas: 3, count: '4', ratio: '0.75', zero: 0, empty: '',
    nested: { b: [1, 'two'], a: { no: 'no', on: true } }, when: '2026-02-03T04:05:06.123456+02:00', epoch: 86400,
    list: ['x', null, 'y'], padded: '/images/nginx/', enabled: 'Yes',
  },
};

const render = (source: string): unknown => {
  const compiled = compileTemplate(source);
  if (!compiled.ok) return `compile error ${compiled.error.code}: ${compiled.error.message}`;
  const result = renderTemplate(compiled.template, CR);
  return result.ok ? result.value : `render error: ${result.error}`;
};

// [source, expected]: the reference's order (subject first), sprig's order (subject last) and the piped form agree.
const CASES: [string, unknown][] = [
  // default: reference, sprig and piped
  ['{{ default .spec.replicas 2 }}', 3],
  ['{{ default .spec.zero 2 }}', 2],
  ['{{ default 2 .spec.zero }}', 2],
  ['{{ default "info" .spec.missing }}', 'info'],
  ['{{ default .spec.missing "info" }}', 'info'],
  ['{{ .spec.missing | default "info" }}', 'info'],
  ['{{ default .spec.environment .spec.image }}', 'production'],
  ['{{ coalesce .spec.missing .spec.empty "nginx:latest" }}', 'nginx:latest'],
  ['{{ coalesce .spec.environment "x" }}', 'production'],
  ['{{ coalesce .spec.missing .spec.zero }}', undefined],
  ['{{ ternary .spec.debug "debug" "info" }}', 'debug'],
  ['{{ ternary .spec.off "debug" "info" }}', 'info'],
  ['{{ ternary "debug" "info" .spec.debug }}', 'debug'],
  ['{{ .spec.off | ternary "debug" "info" }}', 'info'],
  ['{{ notEmpty .spec.image }}', true],
  // strings
  ['{{ toLower "PRODUCTION" }}', 'production'],
  ['{{ toUpper .spec.environment }}', 'PRODUCTION'],
  ['{{ trimSpace "  example.com  " }}', 'example.com'],
  ['{{ trim .spec.padded "/" }}', 'images/nginx'],
  ['{{ trimAll "/" .spec.padded }}', 'images/nginx'],
  ['{{ trimPrefix .metadata.name "app-" }}', 'frontend'],
  ['{{ trimPrefix "app-" .metadata.name }}', 'frontend'],
  ['{{ .metadata.name | trimPrefix "app-" }}', 'frontend'],
  ['{{ trimSuffix "nginx:latest" ":latest" }}', 'nginx'],
  ['{{ contains .spec.environment "prod" }}', true],
  ['{{ contains "prod" .spec.environment }}', true],
  ['{{ .spec.environment | contains "stag" }}', false],
  ['{{ hasPrefix .spec.image "gcr.io/" }}', true],
  ['{{ hasSuffix .spec.image "v1" }}', true],
  ['{{ hasSuffix "v2" .spec.image }}', false],
  ['{{ replace .spec.domain "." "-" }}', 'my-app-example-com'],
  ['{{ replace "." "-" .spec.domain }}', 'my-app-example-com'],
  ['{{ split .spec.tags "," }}', ['latest', 'stable', 'v2']],
  ['{{ index (split .spec.tags ",") 0 }}', 'latest'],
  ['{{ splitList "," .spec.tags }}', ['latest', 'stable', 'v2']],
  ['{{ split "abc" "" }}', ['a', 'b', 'c']],
  ['{{ join .spec.hosts ", " }}', 'a.example.com, b.example.com'],
  ['{{ join ", " .spec.hosts }}', 'a.example.com, b.example.com'],
  ['{{ .spec.hosts | join "," }}', 'a.example.com,b.example.com'],
  ['{{ join .spec.list "-" }}', 'x-y'],
  ['{{ join .spec.missing "-" }}', ''],
  ['{{ concat .metadata.name "-" .spec.replicas }}', 'app-frontend-3'],
  ['{{ repeat "ha" 3 }}', 'hahaha'],
  // types
  ['{{ toString .spec.replicas }}', '3'],
  ['{{ toString .spec.debug }}', 'true'],
  ['{{ toInt .spec.count }}', 4],
  ['{{ toInt 3.7 }}', 3],
  ['{{ toFloat .spec.ratio }}', 0.75],
  ['{{ toBool .spec.enabled }}', true],
  ['{{ toBool "off" }}', false],
  ['{{ typeOf .spec.nested }}', 'map'],
  ['{{ typeOf .spec.hosts }}', 'slice'],
  ['{{ typeOf .spec.replicas }}', 'number'],
  ['{{ typeOf .spec.missing }}', 'null'],
  ['{{ typeList .spec.hosts }}', true],
  ['{{ typeMap .spec.hosts }}', false],
  ['{{ typeString .spec.image }}', true],
  ['{{ typeBool .spec.debug }}', true],
  ['{{ typeNumber .spec.count }}', false],
  ['{{ typeNull .spec.missing }}', true],
  ['{{ len .spec.hosts }}', 2],
  ['{{ len .metadata.name }}', 12],
  ['{{ len .spec.nested }}', 2],
  ['{{ len .spec.missing }}', 0],
  // collections
  ['{{ index .metadata.labels "app.kubernetes.io/name" }}', 'shop'],
  ['{{ index .spec.nested "b" 1 }}', 'two'],
  ['{{ index .spec.hosts 5 }}', undefined],
  ['{{ index .spec.missing "x" }}', undefined],
  ['{{ keys .spec.nested }}', ['a', 'b']],
  ['{{ hasKey .metadata.labels "app" }}', true],
  ['{{ hasKey .metadata.labels "constructor" }}', false],
  // math
  ['{{ mul 3 .spec.count }}', 12],
  ['{{ div 7 2 }}', 3],
  ['{{ div -7 2 }}', -3],
  ['{{ mod 7 3 }}', 1],
  ['{{ mod -7 3 }}', -1],
  ['{{ max 1 .spec.replicas 2 }}', 3],
  ['{{ min 1 .spec.replicas 2 }}', 1],
  ['{{ divf 3 4 }}', 0.75],
  ['{{ mulf .spec.ratio 2 }}', 1.5],
  ['{{ addf 1.5 1 }}', 2.5],
  ['{{ subf 1 0.25 }}', 0.75],
  // data
  ['{{ toBase64 "web" }}', 'd2Vi'],
  ['{{ toJSON .spec.hosts }}', '["a.example.com","b.example.com"]'],
  ['{{ toYaml .spec.nested }}', 'a:\n  "no": "no"\n  "on": true\nb:\n  - 1\n  - two'],
  ['{{ toYaml .spec.missing }}', 'null'],
  ['{{ toYaml .spec.hosts }}', '- a.example.com\n- b.example.com'],
  // time: formatting only
  ['{{ timeFormat .metadata.creationTimestamp "Jan 2, 2006" }}', 'Apr 13, 2026'],
  ['{{ timeFormat .metadata.creationTimestamp "2006-01-02T15:04:05Z07:00" }}', '2026-04-13T09:05:07Z'],
  ['{{ date "2006-01-02" .metadata.creationTimestamp }}', '2026-04-13'],
  ['{{ .metadata.creationTimestamp | date "Monday 3:04PM MST" }}', 'Monday 9:05AM UTC'],
  ['{{ timeFormat .spec.when "02/01/06 15:04:05.000 -0700 (-07:00, Z07:00) _2 002" }}', '03/02/26 04:05:06.123 +0200 (+02:00, +02:00)  3 034'],
  ['{{ timeFormat .spec.when "15:04:05.999999999" }}', '04:05:06.123456'],
  ['{{ timeFormat .spec.epoch "2006-01-02 15:04" }}', '1970-01-02 00:00'],
  ['{{ timeFormat .spec.missing "2006" }}', ''],
];

for (const [source, expected] of CASES) {
  test(source, () => assert.equal(render(source), expected));
}

// Errors name the function and never throw out of renderTemplate.
const ERRORS: [string, string][] = [
  ['{{ div 1 0 }}', 'div: division by zero'],
  ['{{ mod 1 0 }}', 'mod: division by zero'],
  ['{{ toInt "3.5" }}', 'toInt: cannot convert string "3.5"'],
  ['{{ toBool "maybe" }}', 'toBool: cannot convert'],
  ['{{ toFloat "x" }}', 'toFloat: cannot convert'],
  ['{{ index .spec.hosts "a" }}', 'index: a list is indexed by an integer'],
  ['{{ index .spec.image 0 }}', 'index: cannot index'],
  ['{{ len 3 }}', 'len: integer 3 has no length'],
  ['{{ keys .spec.hosts }}', 'keys: expected a map'],
  ['{{ join .spec.nested "," }}', 'join: expected a list'],
  ['{{ timeFormat .spec.image "2006" }}', 'not an RFC 3339 timestamp'],
  ['{{ timeFormat "2026-02-30T00:00:00Z" "2006" }}', 'not an RFC 3339 timestamp'],
  ['{{ repeat "x" 2000000 }}', 'repeat: result is longer than'],
  ['{{ repeat "x" -1 }}', 'repeat: the count must be a non-negative integer'],
];

for (const [source, message] of ERRORS) {
  test(`error ${source}`, () => {
    const value = render(source);
    assert.ok(typeof value === 'string' && value.startsWith('render error') && value.includes(message), String(value));
  });
}

// Static types for the checker (ORK1203), with the subject found in either order.
const TYPES: [string, ValueType][] = [
  ['{{ default .spec.replicas "1" }}', 'integer'],
  ['{{ default "1" .spec.replicas }}', 'integer'],
  ['{{ default .spec.undeclared 2 }}', 'integer'],
  ['{{ ternary .spec.debug 1 2 }}', 'integer'],
  ['{{ ternary 1 "x" .spec.debug }}', 'unknown'],
  ['{{ coalesce .spec.replicas 1 }}', 'integer'],
  ['{{ split .spec.tags "," }}', 'array'],
  ['{{ toInt .spec.count }}', 'integer'],
  ['{{ toFloat .spec.count }}', 'number'],
  ['{{ contains .spec.image "x" }}', 'boolean'],
  ['{{ toYaml .spec.nested }}', 'string'],
  ['{{ div .spec.replicas 2 }}', 'integer'],
  ['{{ index .spec.nested "a" }}', 'unknown'],
];

const SCHEMA: Record<string, ValueType> = { 'spec.replicas': 'integer', 'spec.debug': 'boolean', 'spec.tags': 'string', 'spec.count': 'string' };

for (const [source, expected] of TYPES) {
  test(`type of ${source}`, () => {
    const compiled = compileTemplate(source);
    assert.ok(compiled.ok);
    if (!compiled.ok) return;
    assert.is(inferTemplateType(compiled.template, (p) => SCHEMA[p.join('.')] ?? 'unknown'), expected);
  });
}

test('the subject order is decided at compile time from what is written', () => {
  const order = (source: string): boolean | undefined => {
    const compiled = compileTemplate(source);
    if (!compiled.ok) return undefined;
    const node = compiled.template.nodes[0];
    if (node?.type !== 'output') return undefined;
    const stage = node.pipeline.stages[node.pipeline.stages.length - 1];
    return stage?.type === 'call' ? stage.subjectLast : undefined;
  };
  assert.is(order('{{ default .spec.a "x" }}'), false);
  assert.is(order('{{ default "x" .spec.a }}'), true);
  assert.is(order('{{ .spec.a | default "x" }}'), true);
  assert.is(order('{{ default .spec.a .spec.b }}'), false);
  assert.is(order('{{ default "a" "b" }}'), false);
  assert.is(order('{{ lower .spec.a }}'), undefined);
});

test.run();
