// Waits until the API server's OwnerReferencesPermissionEnforcement plugin can map a new CRD's
// kind. The plugin resolves the kind of every blockOwnerDeletion owner through a discovery cache
// that refreshes on a timer, so for some seconds after a CRD is installed a child naming a CR of
// it as owner is refused ("cannot find RESTMapping") although every rule is in place. A cluster
// settles before an operator starts; the suites wait for the same, so a 403 they count is RBAC.
//
// The probe must not be cluster-admin: the plugin skips the lookup for anyone allowed to update
// every */finalizers. It impersonates a probe user allowed only to create ConfigMaps and update
// the new kinds' finalizers, the rights the runtime holds for its children.
import { randomUUID } from 'node:crypto';
import { kubectl, kubectlOk } from './kubectl.ts';

const PROBE_USER = 'e2e-owner-mapping-probe';

/** One CRD's kind as an owner reference names it, and the resource its finalizers live on. */
export interface OwnerKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
}

/**
 * Polls a server-side dry-run create of a ConfigMap owned by a `kind` object until it is admitted.
 * Synchronous, like the kubectl calls around it in installForRuntime.
 */
export function waitForOwnerMapping(kinds: readonly OwnerKind[], timeoutMs = 60_000): void {
  if (kinds.length === 0) return;
  const rules = [
    { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
    ...kinds.map((k) => ({ apiGroups: [k.group], resources: [`${k.plural}/finalizers`], verbs: ['update'] })),
  ];
  kubectlOk(['apply', '--server-side', '--force-conflicts', '--field-manager', PROBE_USER, '-f', '-'], {
    input: JSON.stringify({
      apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: PROBE_USER }, rules },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: PROBE_USER },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: PROBE_USER },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: PROBE_USER }],
        },
      ],
    }),
  });
  const deadline = Date.now() + timeoutMs;
  for (const { group, version, kind } of kinds) {
    const probe = JSON.stringify({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {
        name: 'e2e-owner-mapping-probe', namespace: 'default',
        ownerReferences: [{ apiVersion: `${group}/${version}`, kind, name: 'probe', uid: randomUUID(), controller: true, blockOwnerDeletion: true }],
      },
    });
    for (;;) {
      const r = kubectl(['create', '--dry-run=server', '--as', PROBE_USER, '-f', '-'], { input: probe });
      if (r.status === 0) break;
      // A new binding may also take a moment to reach the authorizer's cache.
      const settling = /cannot find RESTMapping|forbidden/.test(r.stderr);
      if (!settling || Date.now() > deadline) throw new Error(`the API server does not admit an owner reference to ${group}/${version} ${kind}: ${r.stderr.trim()}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}
