import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CrdEntry } from '../katalog/model.ts';
import { crdFrom, katalogFrom } from '../validate/katalog.test.fixture.ts';
import { planCrdSchema } from './plan-crd-schema.ts';

const test = suite('plan-crd-schema');

const specOf = (plan: ReturnType<typeof planCrdSchema>) => (plan.schema['properties'] as Record<string, unknown>)['spec'];

test('a declared schema passes through unchanged, with type: object added at its root', () => {
  const plan = planCrdSchema(crdFrom(`      schema:
        properties:
          image: {type: string, default: nginx}
          size: {type: integer, minimum: 1}
      operatorBox:
        onCreate:
          deployments: [{image: "{{ .spec.image }}", replicas: "{{ .spec.size }}"}]`));
  assert.is(plan.specSource, 'katalog');
  assert.equal(specOf(plan), {
    type: 'object',
    properties: { image: { type: 'string', default: 'nginx' }, size: { type: 'integer', minimum: 1 } },
  });
  assert.equal(plan.problems, []);
  // Inference does not run: a declared schema is taken as it is.
  assert.equal(plan.notes, []);
});

// The Katalog validator rejects these (ORK1312), so the entries are built by hand.
const declared = (specSchema: Record<string, unknown>): CrdEntry => ({ ...crdFrom(''), specSchema, schemaSource: 'katalog' });

test('a declared schema that is not structural is reported from its own root', () => {
  const plan = planCrdSchema(declared({
    type: 'object',
    properties: { a: { description: 'no type' }, b: { $ref: '#/x', type: 'string' } },
  }));
  assert.equal(plan.problems.map((p) => p.path), [['properties', 'a'], ['properties', 'b', '$ref']]);
});

test('a declared spec that is not an object is a problem', () => {
  const plan = planCrdSchema(declared({ type: 'string' }));
  assert.equal(plan.problems, [{ path: ['type'], message: 'the spec schema must be type: object' }]);
});

test('a crdFile schema passes through', () => {
  const files: Record<string, string> = {
    'crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: apps.demo.example.com}
spec:
  group: demo.example.com
  names: {kind: App, plural: apps}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`,
  };
  const katalog = katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: test}
spec:
  crds:
    app:
      crdFile: crd.yaml
`, (path) => files[path]);
  const plan = planCrdSchema(katalog.crds[0]!);
  assert.is(plan.specSource, 'crdFile');
  assert.equal(specOf(plan), { type: 'object', properties: { size: { type: 'integer' } } });
  assert.equal(plan.problems, []);
});

test('an inferred spec carries its notes', () => {
  const plan = planCrdSchema(crdFrom(`      operatorBox:
        onCreate:
          deployments: [{image: nginx, resources: "{{ .spec.resources }}"}]`));
  assert.is(plan.specSource, 'inferred');
  assert.equal(plan.notes.map((n) => [n.type, n.path]), [['unknown', 'spec.resources']]);
  assert.equal(plan.problems, []);
});

test.run();
