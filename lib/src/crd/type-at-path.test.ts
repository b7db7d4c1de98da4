import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { crdFrom } from '../validate/katalog.test.fixture.ts';
import { planCrdSchema } from './plan-crd-schema.ts';
import { typeAtPath, type PathType } from './type-at-path.ts';

const test = suite('type-at-path');

const root = planCrdSchema(crdFrom(`      schema:
        properties:
          image: {type: string}
          replicas: {type: integer}
          ratio: {type: number}
          debug: {type: boolean}
          ports: {type: array, items: {type: integer}}
          port: {x-kubernetes-int-or-string: true}
          labels: {type: object, additionalProperties: {type: string}}
          extra: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {known: {type: string}}}
          anything: {x-kubernetes-preserve-unknown-fields: true}
          empty: {type: object}
          db:
            type: object
            properties:
              size: {type: string}
      operatorBox:
        status:
          fields:
            - {path: phase, value: Running, type: string}
            - {path: ready.count, value: "{{ .spec.replicas }}", type: int}
            - {path: blob, value: x}`)).schema;

const CASES: [string, PathType][] = [
  ['', 'object'],
  ['apiVersion', 'string'],
  ['kind', 'string'],
  ['metadata', 'object'],
  ['metadata.name', 'string'],
  ['metadata.namespace', 'string'],
  ['metadata.uid', 'string'],
  ['metadata.generation', 'integer'],
  ['metadata.labels', 'object'],
  ['metadata.labels.app', 'string'],
  ['metadata.annotations.note', 'string'],
  ['metadata.labels.app.deeper', 'missing'],
  ['metadata.nickname', 'missing'],
  ['metadata.name.first', 'missing'],
  ['spec', 'object'],
  ['spec.image', 'string'],
  ['spec.replicas', 'integer'],
  ['spec.ratio', 'number'],
  ['spec.debug', 'boolean'],
  ['spec.ports', 'array'],
  ['spec.ports.first', 'missing'],
  ['spec.port', 'unknown'],
  ['spec.labels', 'object'],
  ['spec.labels.team', 'string'],
  ['spec.extra.known', 'string'],
  ['spec.extra.other', 'unknown'],
  ['spec.anything', 'unknown'],
  ['spec.anything.deep.down', 'unknown'],
  ['spec.empty.field', 'missing'],
  ['spec.db', 'object'],
  ['spec.db.size', 'string'],
  ['spec.db.sise', 'missing'],
  ['spec.imag', 'missing'],
  ['spec.image.tag', 'missing'],
  ['status', 'object'],
  ['status.observedGeneration', 'integer'],
  ['status.conditions', 'array'],
  ['status.phase', 'string'],
  ['status.ready.count', 'integer'],
  ['status.blob', 'unknown'],
  ['status.nothing', 'missing'],
  ['children', 'missing'],
];

for (const [path, expected] of CASES) {
  test(`${path || '(root)'} is ${expected}`, () => {
    assert.is(typeAtPath(root, path === '' ? [] : path.split('.')), expected);
  });
}

test('an inferred spec knows exactly the paths the templates read', () => {
  const inferred = planCrdSchema(crdFrom(`      operatorBox:
        onCreate:
          deployments: [{image: "{{ .spec.image }}", replicas: "{{ .spec.scale.replicas }}"}]`)).schema;
  assert.is(typeAtPath(inferred, ['spec', 'image']), 'string');
  assert.is(typeAtPath(inferred, ['spec', 'scale', 'replicas']), 'integer');
  assert.is(typeAtPath(inferred, ['spec', 'scale']), 'object');
  assert.is(typeAtPath(inferred, ['spec', 'other']), 'missing');
});

test('a spec nobody reads accepts any path', () => {
  const open = planCrdSchema(crdFrom('      description: nothing read')).schema;
  assert.is(typeAtPath(open, ['spec', 'whatever', 'deep']), 'unknown');
});

test.run();
