import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILTIN_KIND_META } from '../children/kind-meta.ts';
import { applyRank, inApplyOrder } from './apply-order.ts';

const test = suite('apply order');

const child = (kind: string, name: string) => ({ object: { kind }, name });

test('a Namespace goes before what lives in it, RBAC before the workloads that use it, custom kinds last', () => {
  const sorted = inApplyOrder([
    child('Widget', 'w'), child('Deployment', 'd'), child('ConfigMap', 'c1'), child('RoleBinding', 'rb'),
    child('Namespace', 'ns'), child('ConfigMap', 'c2'), child('ServiceAccount', 'sa'), child('ClusterRole', 'cr'),
  ]);
  assert.equal(sorted.map((c) => c.name), ['ns', 'sa', 'c1', 'c2', 'cr', 'rb', 'd', 'w']);
});

test('every built-in child kind has a place before the custom kinds', () => {
  for (const meta of Object.values(BUILTIN_KIND_META)) assert.ok(applyRank(meta.kind) < applyRank('SomeCustomKind'), meta.kind);
});

test.run();
