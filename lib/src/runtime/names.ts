/** The finalizer the runtime puts on every CR it reconciles (domain-qualified, as API servers expect). */
export const FINALIZER = 'orkestra.orkspace.io/finalizer';

/** The server-side apply field manager of the runtime, for children and status. */
export const FIELD_MANAGER = 'orkestra-runtime';

/**
 * Annotation on every applied child: the fingerprint of what was applied. The runtime watches
 * children by metadata only, so this is how it sees, after a restart, that a child is current.
 */
export const APPLIED_HASH_ANNOTATION = 'orkestra.orkspace.io/applied-hash';

/**
 * Annotation on every applied child naming its CR (`<plural>.<group>:<queue key>`). The owner
 * label holds only the CR's name, which CRs of other kinds or namespaces may share, and children
 * the CR cannot own carry no owner reference: this is what ties them to exactly one CR.
 */
export const OWNER_KEY_ANNOTATION = 'orkestra.orkspace.io/owner-key';

/** The work-queue key of an object: `namespace/name`, or `name` when cluster-scoped (client-go's MetaNamespaceKeyFunc). */
export function queueKeyOf(metadata: { readonly name: string; readonly namespace?: string | undefined }): string {
  return metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}

/** The value of OWNER_KEY_ANNOTATION for a CR of `crd`. */
export function ownerKeyOf(crd: { readonly plural: string; readonly group: string },
                           metadata: { readonly name: string; readonly namespace?: string | undefined }): string {
  return `${crd.plural}.${crd.group}:${queueKeyOf(metadata)}`;
}
