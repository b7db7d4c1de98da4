import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConditionSet } from '../conditions/parse-condition-set.ts';
import { usesUnique } from './uses-unique.ts';
import { planChildren } from './plan-children.ts';
import type { CrdEntry } from '../katalog/model.ts';

const test = suite('unique at reconcile');
const set = (raw: Record<string, unknown>[]) => parseConditionSet(raw as never, undefined).set;

const crd = (conditions: Record<string, unknown>[]): CrdEntry => ({
  name: 'site', kind: 'Site', scope: 'Namespaced', path: [],
  children: [{ key: 'configMaps', index: 0, phase: 'onCreate', reconcile: false, conditions: [set(conditions)], spec: { data: { a: 'b' } }, path: [] }],
  status: { conditions: true, fields: [] },
}) as unknown as CrdEntry;

test('usesUnique finds unique in items and status fields', () => {
  assert.is(usesUnique(crd([{ field: 'spec.domain', operator: 'unique' }])), true);
  assert.is(usesUnique(crd([{ field: 'spec.domain', exists: true }])), false);
});

test('a child gated on unique is skipped while another custom resource holds the value', () => {
  const c = crd([{ field: 'spec.domain', operator: 'unique' }]);
  const cr = { apiVersion: 'demo.example.com/v1', kind: 'Site', metadata: { name: 'a', namespace: 'ns', uid: 'u' }, spec: { domain: 'shop.example.com' } };
  assert.is(planChildren(c, cr, undefined, { peers: [{ metadata: { name: 'b' }, spec: { domain: 'blog.example.com' } }] }).children.length, 1);
  const clash = planChildren(c, cr, undefined, { peers: [{ metadata: { name: 'b' }, spec: { domain: 'shop.example.com' } }] });
  assert.is(clash.children.length, 0);
  assert.is(clash.skipped.length, 1);
});

test.run();
