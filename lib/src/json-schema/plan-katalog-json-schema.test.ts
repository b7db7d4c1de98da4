import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { CHILD_KIND_KEYS } from '../children/index.ts';
import { exampleText } from '../rbac/katalog.test.fixture.ts';
import { JSON_SCHEMA_DIALECT, planKatalogJsonSchema } from './plan-katalog-json-schema.ts';
import { validateInstance } from './validate-instance.test.fixture.ts';
import type { JsonSchemaNode } from './valibot-to-json-schema.ts';

const test = suite('plan-katalog-json-schema');

const schema = planKatalogJsonSchema();

const RICH = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop, author: me}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps, shortNames: [ap]}
      workers: 4
      resync: 30s
      dependsOn: {db: healthy}
      schema: {type: object, properties: {image: {type: string}}}
      operatorBox:
        reconciler: {workers: 2, queue: {maxDepth: 10}}
        onCreate:
          deployments:
            - image: "{{ .spec.image }}"
              replicas: "{{ .spec.replicas | default 2 }}"
              port: 8080
              env: [{name: A, value: "1"}]
              resources: {limits: {cpu: 500m, memory: 1Gi}}
              when: [{field: spec.tier, operator: equals, value: web}]
          services: [{port: 80, targetPort: http}]
        onReconcile:
          configMaps: [{data: {a: b}, reconcile: true}]
          custom: [{apiVersion: example.com/v1, kind: Thing, spec: {size: 3}}]
        status:
          conditions: true
          fields: [{path: phase, value: Running, type: string}]
    db:
      crdFile: ./db-crd.yaml
security:
  deletionProtection: {enabled: true, failurePolicy: Fail}
  certManager: {rotationThreshold: 30d}
gateway: {standalone: false}
`;

test('both examples validate', () => {
  for (const name of ['website', 'gateway'] as const) {
    assert.equal(validateInstance(schema, parse(exampleText(name).text)), [], name);
  }
});

test('a Katalog using most fields validates', () => {
  assert.equal(validateInstance(schema, parse(RICH)), []);
});

// [what, edit of the RICH Katalog, expected error path]
const REJECTED: [string, (k: any) => void, string][] = [
  ['a typo at the top', (k) => { k.specs = k.spec; }, '(root): unknown field specs'],
  ['a typo in a CRD entry', (k) => { k.spec.crds.app.operatorBx = {}; }, '.spec.crds.app: unknown field operatorBx'],
  ['a typo in a child item', (k) => { k.spec.crds.app.operatorBox.onCreate.deployments[0].replica = 1; }, '.spec.crds.app.operatorBox.onCreate.deployments[0]: unknown field replica'],
  ['an unknown child kind', (k) => { k.spec.crds.app.operatorBox.onCreate.deployment = []; }, '.spec.crds.app.operatorBox.onCreate: unknown field deployment'],
  ['a missing required field', (k) => { delete k.spec.crds.app.operatorBox.onCreate.deployments[0].image; }, '.spec.crds.app.operatorBox.onCreate.deployments[0]: missing image'],
  ['text in an integer field', (k) => { k.spec.crds.app.operatorBox.onCreate.deployments[0].replicas = 'three'; }, '.spec.crds.app.operatorBox.onCreate.deployments[0].replicas: matches no alternative'],
  ['a fraction in an integer field', (k) => { k.spec.crds.app.workers = 1.5; }, '.spec.crds.app.workers: expected integer'],
  ['a wrong apiVersion', (k) => { k.apiVersion = 'orkestra.orkspace.io/v2'; }, '.apiVersion: expected one of'],
  ['a wrong kind', (k) => { k.kind = 'Catalog'; }, '.kind: expected one of'],
  ['a bad scope', (k) => { k.spec.crds.app.scope = 'Global'; }, '.spec.crds.app.scope: expected one of'],
  ['a bad condition operator', (k) => { k.spec.crds.app.operatorBox.onCreate.deployments[0].when[0].operator = 'is'; }, '.spec.crds.app.operatorBox.onCreate.deployments[0].when[0].operator: expected one of'],
  ['a bad dependsOn value', (k) => { k.spec.crds.app.dependsOn = { db: 'ready' }; }, '.spec.crds.app.dependsOn: matches no alternative'],
];

for (const [what, edit, expected] of REJECTED) {
  test(`rejects ${what}`, () => {
    const katalog = parse(RICH);
    edit(katalog);
    const errors = validateInstance(schema, katalog);
    assert.ok(errors.some((e) => e.startsWith(expected)), `expected "${expected}" in:\n${errors.join('\n')}`);
  });
}

test('draft-07, titled, deterministic', () => {
  assert.is(schema['$schema'], JSON_SCHEMA_DIALECT);
  assert.is(schema['title'], 'Orkestra Katalog');
  assert.is(JSON.stringify(planKatalogJsonSchema()), JSON.stringify(schema));
  const properties = schema['properties'] as Record<string, JsonSchemaNode>;
  assert.equal(Object.keys(properties), ['apiVersion', 'kind', 'metadata', 'spec', 'security', 'gateway']);
  for (const [name, field] of Object.entries(properties)) assert.type(field['description'], 'string', name);
  assert.equal(schema['required'], ['apiVersion', 'kind', 'metadata', 'spec']);
});

test('every child kind has its item schema, shared by onCreate and onReconcile', () => {
  const definitions = schema['definitions'] as Record<string, JsonSchemaNode>;
  assert.equal(Object.keys(definitions), [...Object.keys(definitions)].sort());
  const lists = definitions['operatorBoxList']!['properties'] as Record<string, JsonSchemaNode>;
  assert.equal(Object.keys(lists), ['when', 'or', ...CHILD_KIND_KEYS]);
  for (const key of CHILD_KIND_KEYS) {
    assert.equal(lists[key], { type: 'array', items: { $ref: `#/definitions/${key}Item` } });
    assert.is(definitions[`${key}Item`]!['additionalProperties'], false, key);
  }
  const crd = ((schema['properties'] as any).spec.properties.crds.additionalProperties);
  assert.equal(crd.properties.operatorBox.properties.onCreate.allOf, [{ $ref: '#/definitions/operatorBoxList' }]);
  assert.equal(crd.properties.operatorBox.properties.onReconcile.allOf, [{ $ref: '#/definitions/operatorBoxList' }]);
});

test('integer fields take an integer, the text of one, or a template', () => {
  const replicas = ((schema['definitions'] as any).deploymentsItem.properties.replicas);
  assert.equal(replicas, { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '\\{\\{|^\\s*[+-]?\\d+\\s*$' }] });
  const katalog = parse(RICH);
  katalog.spec.crds.app.operatorBox.onCreate.deployments[0].replicas = '3';
  assert.equal(validateInstance(schema, katalog), []);
  katalog.spec.crds.app.operatorBox.onCreate.deployments[0].replicas = 'three';
  assert.ok(validateInstance(schema, katalog).length > 0);
});

test.run();
