import type { KubeObject } from './kube-object.ts';

/** An owner reference that makes the CR the controller of a child. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: true;
  blockOwnerDeletion: true;
}

/** The owner reference the runtime puts on a child of `cr` (builders never add it). */
export function ownerReferenceFor(cr: { apiVersion: string; kind: string; metadata: { name: string; uid: string } }): OwnerReference {
  return {
    apiVersion: cr.apiVersion,
    kind: cr.kind,
    name: cr.metadata.name,
    uid: cr.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * Whether `cr` may be an owner of `child`. A namespaced owner can only own objects in its own
 * namespace: the garbage collector treats any other reference as dangling and deletes the
 * child. So cluster-scoped children and children placed in another namespace with `namespace:`
 * must be cleaned up explicitly instead.
 */
export function canOwn(cr: { metadata: { namespace?: string | undefined } }, child: KubeObject): boolean {
  const ns = cr.metadata.namespace;
  return ns === undefined || ns === '' || child.metadata.namespace === ns;
}
