// The control plane collects garbage: a deleted owner's dependents go away (kube-controller-manager).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kubectl, kubectlJson, kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { waitFor } from './harness/wait.ts';

const test = suite('garbage collection');
test.after(() => cleanupNamespaces());

test('a deleted owner\'s children are garbage-collected', async () => {
  const ns = freshNamespace('gc');
  kubectlOk(['create', 'configmap', 'owner', '--from-literal=a=1'], { namespace: ns });
  const owner = kubectlJson<{ metadata: { uid: string } }>(['get', 'configmap', 'owner'], { namespace: ns });
  kubectlOk(['apply', '-f', '-'], {
    namespace: ns,
    input: JSON.stringify({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }] },
      data: { b: '2' },
    }),
  });
  assert.is(kubectl(['get', 'configmap', 'child'], { namespace: ns }).status, 0);
  kubectlOk(['delete', 'configmap', 'owner'], { namespace: ns });
  await waitFor('child to be collected', () => (kubectl(['get', 'configmap', 'child'], { namespace: ns }).status !== 0 ? true : undefined), 60_000, 500);
});

test.run();
