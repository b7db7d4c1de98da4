import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { inferSpecSchema } from './infer-spec-schema.ts';
import { crdFrom, crdWithChildren } from '../validate/katalog.test.fixture.ts';

const test = suite('infer-spec-schema');

const PRESERVE = { 'x-kubernetes-preserve-unknown-fields': true };
const INT_OR_STRING = { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
const spec = (properties: Record<string, unknown>) => ({ type: 'object', properties });

// [what, onCreate lists (flow YAML, indented 10), expected .spec schema, expected note types by path]
const CASES: [string, string, unknown, Record<string, string>?][] = [
  ['a string field gives string',
    '          deployments: [{image: "{{ .spec.image }}"}]',
    spec({ image: { type: 'string' } })],
  ['integer fields give integer',
    '          deployments: [{image: nginx, replicas: "{{ .spec.replicas }}", port: "{{ .spec.port }}"}]',
    spec({ port: { type: 'integer' }, replicas: { type: 'integer' } })],
  ['a value through default keeps the field type',
    '          deployments: [{image: nginx, replicas: "{{ .spec.replicas | default 2 }}"}]',
    spec({ replicas: { type: 'integer' } })],
  ['a boolean field gives boolean',
    '          services: [{port: 80, headless: "{{ .spec.headless }}"}]',
    spec({ headless: { type: 'boolean' } })],
  ['an int-or-string field gives int-or-string',
    '          services: [{port: 80, targetPort: "{{ .spec.target }}"}]',
    spec({ target: INT_OR_STRING })],
  ['integer and int-or-string uses meet at integer',
    '          services: [{port: "{{ .spec.port }}", targetPort: "{{ .spec.port }}"}]',
    spec({ port: { type: 'integer' } })],
  ['text beside a typed use takes the typed one',
    '          deployments: [{image: "nginx:{{ .spec.port }}", port: "{{ .spec.port }}"}]',
    spec({ port: { type: 'integer' } })],
  ['a path read only in text is a string',
    '          deployments: [{image: nginx, name: "{{ .metadata.name }}-{{ .spec.suffix }}"}]',
    spec({ suffix: { type: 'string' } })],
  ['nested paths build nested objects, keys sorted',
    '          deployments: [{image: "{{ .spec.image }}", env: [{name: A, value: "{{ .spec.db.size }}"}, {name: B, value: "{{ .spec.db.engine.name }}"}]}]',
    spec({ db: spec({ engine: spec({ name: { type: 'string' } }), size: { type: 'string' } }), image: { type: 'string' } })],
  ['a path used as a value and as a parent keeps any value',
    '          services: [{port: "{{ .spec.db }}", name: "{{ .spec.db.name }}"}]',
    spec({ db: PRESERVE }), { 'spec.db': 'conflict' }],
  ['conflicting types keep any value',
    '          services: [{port: "{{ .spec.x }}", headless: "{{ .spec.x }}"}]',
    spec({ x: PRESERVE }), { 'spec.x': 'conflict' }],
  ['a raw fragment keeps any value',
    '          deployments: [{image: nginx, resources: "{{ .spec.resources }}"}]',
    spec({ resources: PRESERVE }), { 'spec.resources': 'unknown' }],
  ['toJson of a parent keeps its unknown fields too',
    '          configMaps: [{data: {a: "{{ toJson .spec.config }}", b: "{{ .spec.config.name }}"}}]',
    spec({ config: { type: 'object', properties: { name: { type: 'string' } }, ...PRESERVE } })],
  ['a custom body passes values on whole',
    '          custom: [{apiVersion: example.com/v1, kind: Thing, body: {spec: {size: "{{ .spec.size }}"}}}]',
    spec({ size: PRESERVE }), { 'spec.size': 'unknown' }],
  ['a free-form use says less than a string field',
    '          deployments: [{image: "{{ .spec.image }}"}]\n          custom: [{apiVersion: v1, kind: Thing, body: {image: "{{ .spec.image }}"}}]',
    spec({ image: { type: 'string' } })],
  ['a path only tested by if keeps any value',
    '          configMaps: [{data: {debug: "{{ if .spec.debug }}on{{ end }}"}}]',
    spec({ debug: PRESERVE }), { 'spec.debug': 'unknown' }],
  ['a comparison with a literal types the path',
    '          configMaps: [{data: {big: "{{ if gt .spec.size 10 }}yes{{ end }}"}}]',
    spec({ size: { type: 'integer' } })],
  ['add takes integers',
    '          deployments: [{image: nginx, replicas: "{{ add .spec.base 1 }}"}]',
    spec({ base: { type: 'integer' } })],
  ['label and env values are strings',
    '          deployments: [{image: nginx, labels: {team: "{{ .spec.team }}"}, env: [{name: L, value: "{{ .spec.level }}"}]}]',
    spec({ level: { type: 'string' }, team: { type: 'string' } })],
  ['reading . keeps every spec field',
    '          configMaps: [{data: {all: "{{ toJson . }}", image: "{{ .spec.image }}"}}]',
    { type: 'object', properties: { image: { type: 'string' } }, ...PRESERVE }],
  ['when conditions type their fields',
    '          configMaps: [{when: [{field: spec.tier, operator: equals, value: web}, {field: .spec.score, operator: gt, value: 3}, {field: spec.on, operator: equals, value: true}, {field: spec.count, operator: in, value: [1, 2]}, {field: spec.flag, operator: exists}]}]',
    spec({ count: { type: 'number' }, flag: PRESERVE, on: { type: 'boolean' }, score: { type: 'number' }, tier: { type: 'string' } }),
    { 'spec.flag': 'unknown' }],
  ['equality with different literal types keeps any value',
    '          configMaps: [{when: [{field: spec.x, operator: equals, value: 3}]}, {name: b, when: [{field: spec.x, operator: equals, value: true}]}]',
    spec({ x: PRESERVE }), { 'spec.x': 'conflict' }],
  ['a numeric comparison and an integer field meet at integer',
    '          deployments: [{image: nginx, replicas: "{{ .spec.replicas }}", when: [{field: spec.replicas, operator: gte, value: 1}]}]',
    spec({ replicas: { type: 'integer' } })],
];

for (const [what, lists, expected, noteTypes = {}] of CASES) {
  test(what, () => {
    const { schema, notes } = inferSpecSchema(crdWithChildren(lists));
    assert.equal(schema, expected);
    assert.equal(Object.fromEntries(notes.map((n) => [n.path, n.type])), noteTypes);
  });
}

test('no reference at all: any spec, with a note', () => {
  const { schema, notes } = inferSpecSchema(crdWithChildren('          deployments: [{image: nginx, replicas: 1}]'));
  assert.equal(schema, { type: 'object', ...PRESERVE });
  assert.equal(notes.map((n) => [n.type, n.path]), [['empty', 'spec']]);
});

test('status field values and conditions are read too', () => {
  const crd = crdFrom(`      operatorBox:
        status:
          fields:
            - {path: replicas, value: "{{ .spec.replicas }}", type: int}
            - {path: ratio, value: "{{ .spec.ratio }}", type: float}
            - {path: phase, value: Big, when: [{field: spec.size, operator: gt, value: 3}]}
            - {path: raw, value: "{{ .spec.raw }}"}`);
  const { schema } = inferSpecSchema(crd);
  assert.equal(schema, spec({ ratio: { type: 'number' }, raw: PRESERVE, replicas: { type: 'integer' }, size: { type: 'number' } }));
});

test('a conflict note names every use, relative to the CRD entry', () => {
  const { notes } = inferSpecSchema(crdWithChildren('          services: [{port: "{{ .spec.x }}", headless: "{{ .spec.x }}"}]'));
  assert.is(notes.length, 1);
  assert.equal(notes[0]!.sources, [
    ['spec', 'crds', 'app', 'operatorBox', 'onCreate', 'services', 0, 'headless'],
    ['spec', 'crds', 'app', 'operatorBox', 'onCreate', 'services', 0, 'port'],
  ]);
  assert.match(notes[0]!.message, 'read at operatorBox.onCreate.services[0].headless, operatorBox.onCreate.services[0].port');
});

test('templates that do not compile are skipped (the validator reports them)', () => {
  const crd = crdWithChildren('          deployments: [{image: nginx, name: "{{ .spec.name }}"}]');
  const [item] = crd.children;
  const broken = { ...crd, children: [{ ...item!, spec: { ...item!.spec, image: '{{ .spec.image' } }] };
  assert.equal(inferSpecSchema(broken).schema, spec({ name: { type: 'string' } }));
});

test('.spec read as a scalar stays an object that keeps any field, with a conflict note', () => {
  const crd = crdWithChildren('          deployments: [{image: nginx}]');
  const [item] = crd.children;
  const odd = { ...crd, children: [{ ...item!, spec: { ...item!.spec, replicas: '{{ .spec }}' } }] };
  const { schema, notes } = inferSpecSchema(odd);
  assert.equal(schema, { type: 'object', ...PRESERVE });
  assert.equal(notes.map((n) => [n.type, n.path, n.message]), [
    ['conflict', 'spec', 'spec is always an object, but is read as integer (read at operatorBox.onCreate.deployments[0].replicas)'],
  ]);
});

test.run();
