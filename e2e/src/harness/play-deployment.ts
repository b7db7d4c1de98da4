// On a control plane without a node no Deployment ever becomes available, so a CR whose Ready
// follows its children's health (issue 14) stays Ready=False ChildrenNotReady. A test that needs
// it Ready plays the Deployment controller and the kubelet: it writes the status an available
// Deployment has, through the status subresource, as those controllers would.
import { OWNER_LABEL } from '@orkestra/lib/children';
import { kubectl, kubectlOk } from './kubectl.ts';
import { waitFor } from './wait.ts';

interface Deployment {
  metadata: { name: string; generation?: number };
}

/** Writes an available status on the Deployment `name` (at its `generation`) in `namespace`. */
export function playDeploymentAvailable(namespace: string, deployment: Deployment): void {
  kubectlOk(['patch', 'deployment', deployment.metadata.name, '--subresource', 'status', '--type', 'merge', '-p', JSON.stringify({ status: {
    observedGeneration: deployment.metadata.generation, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1,
    conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'played by the test' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'played by the test' }],
  } })], { namespace });
}

/** Waits for the Deployment the runtime made for CR `owner` in `namespace`, then plays it available. */
export async function playOwnedDeploymentAvailable(namespace: string, owner: string): Promise<void> {
  const deployment = await waitFor(`the Deployment of ${owner}`, () => {
    const r = kubectl(['get', 'deployments', '-l', `${OWNER_LABEL}=${owner}`, '-o', 'json'], { namespace });
    return r.status === 0 ? (JSON.parse(r.stdout) as { items: Deployment[] }).items[0] : undefined;
  }, 60_000);
  playDeploymentAvailable(namespace, deployment);
}
