// On a control plane without a node no Deployment ever becomes available, so a CR whose Ready
// follows its children's health (issue 14) stays Ready=False ChildrenNotReady. A test that needs
// it Ready plays the Deployment controller and the kubelet: it writes the status an available
// Deployment has, through the status subresource, as those controllers would.
import { OWNER_LABEL } from '@orkestra/lib/children';
import { kubectl, kubectlOk } from './kubectl.ts';
import { waitFor } from './wait.ts';

interface Deployment {
  metadata: { name: string; generation?: number };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; availableReplicas?: number };
}

/** Writes an available status on the Deployment `name` (at its `generation`, all its replicas) in `namespace`. */
export function playDeploymentAvailable(namespace: string, deployment: Deployment): void {
  const replicas = deployment.spec?.replicas ?? 1;
  kubectlOk(['patch', 'deployment', deployment.metadata.name, '--subresource', 'status', '--type', 'merge', '-p', JSON.stringify({ status: {
    observedGeneration: deployment.metadata.generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas,
    conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'played by the test' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'played by the test' }],
  } })], { namespace });
}

function ownedDeployments(namespace: string, owner: string): Deployment[] {
  const r = kubectl(['get', 'deployments', '-l', `${OWNER_LABEL}=${owner}`, '-o', 'json'], { namespace });
  return r.status === 0 ? (JSON.parse(r.stdout) as { items: Deployment[] }).items : [];
}

/** Waits for the Deployment the runtime made for CR `owner` in `namespace`, then plays it available. */
export async function playOwnedDeploymentAvailable(namespace: string, owner: string): Promise<void> {
  const deployment = await waitFor(`the Deployment of ${owner}`, () => ownedDeployments(namespace, owner)[0], 60_000);
  playDeploymentAvailable(namespace, deployment);
}

/**
 * Plays every Deployment of CR `owner` available whose status lags its spec (a new generation or
 * replica count), as the controllers would catch up; for a test that edits the CR while it waits.
 */
export function playOwnedDeploymentsCaughtUp(namespace: string, owner: string): void {
  for (const d of ownedDeployments(namespace, owner)) {
    if (d.status?.observedGeneration !== d.metadata.generation || d.status?.availableReplicas !== (d.spec?.replicas ?? 1)) playDeploymentAvailable(namespace, d);
  }
}
