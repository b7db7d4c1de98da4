import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1';
import type { KubeObject } from '../children/index.ts';
import { checkStructural } from './check-structural.ts';
import { exampleKatalog } from '../rbac/katalog.test.fixture.ts';
import { katalogFrom } from '../validate/katalog.test.fixture.ts';
import { planCrd, planCrds } from './plan-crd.ts';
import { CONDITION_SCHEMA } from './status-schema.ts';

const test = suite('plan-crd');

const READY = '.status.conditions[?(@.type=="Ready")]';

const WEBSITE_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'websites.demo.orkestra.io',
    labels: {
      'app.kubernetes.io/managed-by': 'ork',
      'app.kubernetes.io/part-of': 'orkestra',
      'orkestra.orkspace.io/katalog': 'my-platform',
    },
  },
  spec: {
    group: 'demo.orkestra.io',
    names: { kind: 'Website', listKind: 'WebsiteList', plural: 'websites', singular: 'website', categories: ['orkestra'] },
    scope: 'Namespaced',
    versions: [{
      name: 'v1alpha1',
      served: true,
      storage: true,
      subresources: { status: {} },
      additionalPrinterColumns: [
        { name: 'Ready', type: 'string', jsonPath: `${READY}.status`, description: 'Whether the last reconcile succeeded' },
        { name: 'Reason', type: 'string', jsonPath: `${READY}.reason`, description: 'Why the resource is or is not ready', priority: 1 },
        { name: 'Status', type: 'string', jsonPath: `${READY}.message`, description: 'The Ready condition message', priority: 1 },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since creation' },
      ],
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { type: 'object' },
            spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            status: {
              type: 'object',
              properties: {
                observedGeneration: { type: 'integer', format: 'int64', description: 'The metadata.generation the runtime last reconciled.' },
                conditions: {
                  type: 'array',
                  description: 'The latest observations of the resource; Ready summarises the last reconcile.',
                  items: CONDITION_SCHEMA,
                  'x-kubernetes-list-map-keys': ['type'],
                  'x-kubernetes-list-type': 'map',
                },
              },
            },
          },
        },
      },
    }],
  },
};

function validateWithKubernetesModels(crd: KubeObject): void {
  new CustomResourceDefinition(crd as never).validate();
}

function rootSchema(crd: KubeObject): Record<string, unknown> {
  return (crd['spec'] as { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] }).versions[0]!.schema.openAPIV3Schema;
}

test('the seed Website Katalog (examples/website) gives exactly this CRD', () => {
  const crds = planCrds(exampleKatalog('website'));
  assert.equal(crds, [WEBSITE_CRD]);
  validateWithKubernetesModels(crds[0]!);
  assert.equal(checkStructural(rootSchema(crds[0]!)), []);
});

test('key order is stable and readable', () => {
  const [crd] = planCrds(exampleKatalog('website'));
  assert.equal(Object.keys(crd!), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.equal(Object.keys(crd!['spec'] as object), ['group', 'names', 'scope', 'versions']);
  assert.is(JSON.stringify(planCrds(exampleKatalog('website'))), JSON.stringify(planCrds(exampleKatalog('website'))));
});

const MANY = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: shop}
spec:
  crds:
    zeta:
      apiTypes: {group: a.example.com, version: v1, kind: Zeta, plural: zetas, shortNames: [zt], categories: [shop, orkestra]}
      scope: Cluster
      description: A cluster-wide thing.
      operatorBox:
        onCreate:
          deployments: [{namespace: apps, image: "{{ .spec.image }}", replicas: "{{ .spec.replicas }}"}]
        status:
          fields:
            - {path: phase, value: Running, type: string}
            - {path: endpoints.primary, value: "{{ .spec.image }}"}
    alpha:
      apiTypes: {group: z.example.com, version: v2beta1, kind: Alpha, plural: alphas}
    off:
      enabled: false
      apiTypes: {group: b.example.com, version: v1, kind: Off, plural: offs}
`;

test('enabled CRDs only, sorted by CRD name, each valid', () => {
  const crds = planCrds(katalogFrom(MANY));
  assert.equal(crds.map((c) => c.metadata.name), ['alphas.z.example.com', 'zetas.a.example.com']);
  for (const crd of crds) {
    validateWithKubernetesModels(crd);
    assert.equal(checkStructural(rootSchema(crd)), [], crd.metadata.name);
  }
});

test('names, scope, description and declared status fields', () => {
  const zeta = planCrds(katalogFrom(MANY))[1]!;
  const spec = zeta['spec'] as Record<string, any>;
  assert.equal(spec['names'], {
    kind: 'Zeta', listKind: 'ZetaList', plural: 'zetas', singular: 'zeta', shortNames: ['zt'], categories: ['shop', 'orkestra'],
  });
  assert.is(spec['scope'], 'Cluster');
  const root = rootSchema(zeta) as Record<string, any>;
  assert.is(root['description'], 'A cluster-wide thing.');
  assert.equal(root['properties'].spec, {
    type: 'object',
    properties: { image: { type: 'string' }, replicas: { type: 'integer' } },
  });
  assert.equal(Object.keys(root['properties'].status.properties), ['observedGeneration', 'conditions', 'endpoints', 'phase']);
  assert.equal(root['properties'].status.properties.endpoints, {
    type: 'object', properties: { primary: { 'x-kubernetes-preserve-unknown-fields': true } },
  });
});

test('a phase status field adds a Phase column first', () => {
  const [alpha, zeta] = planCrds(katalogFrom(MANY));
  const columns = (crd: KubeObject) => (crd['spec'] as any).versions[0].additionalPrinterColumns.map((c: { name: string }) => c.name);
  assert.equal(columns(zeta!), ['Phase', 'Ready', 'Reason', 'Status', 'Age']);
  assert.equal(columns(alpha!), ['Ready', 'Reason', 'Status', 'Age']);
  assert.equal((zeta!['spec'] as any).versions[0].additionalPrinterColumns[0], {
    name: 'Phase', type: 'string', jsonPath: '.status.phase', description: 'The phase written by the status fields',
  });
});

test('planCrd alone has no Katalog label, and its output is a fresh copy', () => {
  const katalog = exampleKatalog('website');
  const crd = planCrd(katalog.crds[0]!);
  assert.equal(crd.metadata.labels, { 'app.kubernetes.io/managed-by': 'ork', 'app.kubernetes.io/part-of': 'orkestra' });
  const schema = rootSchema(crd) as any;
  schema.properties.status.properties.conditions.items.properties.type.maxLength = 1;
  assert.is((CONDITION_SCHEMA as any).properties.type.maxLength, 316);
  assert.is((rootSchema(planCrd(katalog.crds[0]!)) as any).properties.status.properties.conditions.items.properties.type.maxLength, 316);
});

test('kubernetes-models rejects a broken CRD (the check above can fail)', () => {
  const crd = planCrd(exampleKatalog('website').crds[0]!) as any;
  crd.spec.versions[0].schema.openAPIV3Schema.properties.spec = 'not a schema';
  assert.throws(() => validateWithKubernetesModels(crd));
});

test.run();
