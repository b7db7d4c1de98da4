import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkStructural } from './check-structural.ts';
import { crdFrom } from '../validate/katalog.test.fixture.ts';
import { planStatusSchema } from './status-schema.ts';

const test = suite('status-schema');

const statusOf = (fields: string) => planStatusSchema(crdFrom(`      operatorBox:
        status:
          fields:
${fields}`));

test('observedGeneration and conditions come first, as kstatus and Flux expect', () => {
  const { schema, notes } = planStatusSchema(crdFrom('      description: none'));
  const properties = schema['properties'] as Record<string, any>;
  assert.equal(Object.keys(properties), ['observedGeneration', 'conditions']);
  assert.equal(properties['observedGeneration'].type, 'integer');
  assert.equal(properties['observedGeneration'].format, 'int64');
  assert.is(properties['conditions']['x-kubernetes-list-type'], 'map');
  assert.equal(properties['conditions']['x-kubernetes-list-map-keys'], ['type']);
  assert.equal(properties['conditions'].items.required, ['lastTransitionTime', 'message', 'reason', 'status', 'type']);
  assert.equal(properties['conditions'].items.properties.status.enum, ['True', 'False', 'Unknown']);
  assert.equal(notes, []);
  assert.equal(checkStructural(schema), []);
});

test('declared fields map their types and nest by dots', () => {
  const { schema, notes } = statusOf(`            - {path: phase, value: Running, type: string}
            - {path: counts.ready, value: "{{ .spec.replicas }}", type: int}
            - {path: counts.ratio, value: "0.5", type: float}
            - {path: healthy, value: "true", type: bool}
            - {path: raw, value: "{{ .spec.x }}"}`);
  const properties = schema['properties'] as Record<string, unknown>;
  assert.equal(Object.keys(properties), ['observedGeneration', 'conditions', 'counts', 'healthy', 'phase', 'raw']);
  assert.equal(properties['counts'], { type: 'object', properties: { ratio: { type: 'number' }, ready: { type: 'integer' } } });
  assert.equal(properties['healthy'], { type: 'boolean' });
  assert.equal(properties['phase'], { type: 'string' });
  assert.equal(properties['raw'], { 'x-kubernetes-preserve-unknown-fields': true });
  assert.equal(notes, []);
  assert.equal(checkStructural(schema), []);
});

test('a path written several times accepts every type written', () => {
  const { schema, notes } = statusOf(`            - {path: phase, value: A, type: string}
            - {path: phase, value: B, type: string}
            - {path: n, value: "1", type: int}
            - {path: n, value: "1.5", type: float}
            - {path: mixed, value: "1", type: int}
            - {path: mixed, value: x, type: string}`);
  const properties = schema['properties'] as Record<string, unknown>;
  assert.equal(properties['phase'], { type: 'string' });
  assert.equal(properties['n'], { type: 'number' });
  assert.equal(properties['mixed'], { 'x-kubernetes-preserve-unknown-fields': true });
  assert.equal(notes.map((n) => [n.type, n.path]), [['conflict', 'status.mixed']]);
  assert.equal(notes[0]!.sources, [
    ['spec', 'crds', 'app', 'operatorBox', 'status', 'fields', 4],
    ['spec', 'crds', 'app', 'operatorBox', 'status', 'fields', 5],
  ]);
});

test('reserved, conflicting and malformed paths are noted', () => {
  const { schema, notes } = statusOf(`            - {path: conditions, value: x, type: string}
            - {path: observedGeneration.x, value: "1", type: int}
            - {path: a, value: x, type: string}
            - {path: a.b, value: y, type: string}
            - {path: "c..d", value: z}`);
  const properties = schema['properties'] as Record<string, unknown>;
  assert.equal(Object.keys(properties), ['observedGeneration', 'conditions', 'a']);
  assert.equal(properties['a'], { 'x-kubernetes-preserve-unknown-fields': true });
  assert.equal(notes.map((n) => [n.type, n.path]), [
    ['reserved', 'status.conditions'],
    ['reserved', 'status.observedGeneration'],
    ['invalid', 'status.c..d'],
    ['conflict', 'status.a'],
  ]);
});

test.run();
