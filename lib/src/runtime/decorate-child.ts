import type { KubeObject } from '../children/kube-object.ts';
import { ownerReferenceFor } from '../children/owner-reference.ts';
import { fingerprint, type Sha256Text } from './fingerprint.ts';
import { APPLIED_HASH_ANNOTATION, OWNER_KEY_ANNOTATION } from './names.ts';

/**
 * Whether a CR in `crNamespace` can own a child in `childNamespace` (mirrors children's
 * `canOwn`, on metadata alone): a cluster-scoped CR owns everything, a namespaced CR only
 * children in its own namespace.
 */
export function canOwnIn(crNamespace: string | undefined, childNamespace: string | undefined): boolean {
  return crNamespace === undefined || crNamespace === '' || childNamespace === crNamespace;
}

/**
 * Adds what the runtime puts on every child before applying it: the owner reference (where the
 * CR can own it), the owner-key annotation, and last the applied-hash annotation, the
 * fingerprint of everything else, so any change to the desired object changes the hash.
 */
export function decorateChild(object: KubeObject, owner: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string | undefined; uid: string } },
                              ownerKey: string, sha256?: Sha256Text): { object: KubeObject; fingerprint: string } {
  const owned = canOwnIn(owner.metadata.namespace, object.metadata.namespace);
  const metadata = {
    ...object.metadata,
    annotations: { ...object.metadata.annotations, [OWNER_KEY_ANNOTATION]: ownerKey },
    ...(owned ? { ownerReferences: [ownerReferenceFor(owner)] } : {}),
  };
  const hash = fingerprint({ ...object, metadata }, sha256);
  return {
    object: { ...object, metadata: { ...metadata, annotations: { ...metadata.annotations, [APPLIED_HASH_ANNOTATION]: hash } } },
    fingerprint: hash,
  };
}
