import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConditionSet } from '../conditions/parse-condition-set.ts';
import { pruneReason } from './prune-reason.ts';

const test = suite('prune-reason');
const item = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ conditions: [], spec, ...extra }) as Parameters<typeof pruneReason>[0];

test('items whose children can stop being desired', () => {
  assert.is(pruneReason(item({}, { forEach: { field: 'spec.regions' } })), 'its forEach element goes away');
  const set = (when: unknown[], or: unknown[]) => parseConditionSet(when as never, or as never).set;
  assert.is(pruneReason(item({}, { conditions: [set([{ field: 'spec.cache', operator: 'exists' }], [])] })), 'its when turns false');
  assert.is(pruneReason(item({}, { conditions: [set([], [{ field: 'spec.a', operator: 'exists' }])] })), 'its when turns false');
  assert.is(pruneReason(item({ name: '{{ .spec.db }}-cache' })), 'its name follows the spec, so a change renames it');
  assert.is(pruneReason(item({ namespace: '{{ .metadata.labels.team }}' })), 'its name follows the spec, so a change renames it');
});

test('items whose child is fixed for the life of the CR', () => {
  assert.is(pruneReason(item({})), undefined);
  assert.is(pruneReason(item({ name: 'shared' })), undefined);
  assert.is(pruneReason(item({ name: '{{ .metadata.name }}-web', namespace: '{{ .metadata.namespace }}' })), undefined);
});

test.run();
