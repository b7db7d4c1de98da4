import { OWNER_KEY_ANNOTATION } from './names.ts';

/** A CR to re-enqueue: the name of its CRD entry and its queue key. */
export interface OwnerRoute {
  readonly crd: string;
  readonly key: string;
}

/**
 * Which CR a child event concerns, from the owner-key annotation the runtime puts on every child
 * it applies (owner references are absent on children a CR cannot own, so they cannot serve).
 * Undefined for objects that are not ours or name a CRD this runtime does not run.
 */
export function routeChildEvent(crds: readonly { readonly name: string; readonly plural: string; readonly group: string }[],
                                metadata: { readonly annotations?: Readonly<Record<string, string>> | undefined }): OwnerRoute | undefined {
  const value = metadata.annotations?.[OWNER_KEY_ANNOTATION];
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) return undefined;
  const resource = value.slice(0, colon);
  const crd = crds.find((c) => `${c.plural}.${c.group}` === resource);
  return crd ? { crd: crd.name, key: value.slice(colon + 1) } : undefined;
}

/** Splits a queue key back into namespace and name (`namespace/name`, or `name` when cluster-scoped). */
export function parseQueueKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
