import type { KubeObject } from '@orkestra/lib/ports';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Drops what a cache never needs and what can dwarf the object: managedFields and kubectl's last-applied copy. */
export function stripObject(object: KubeObject): KubeObject {
  const { managedFields: _dropped, ...metadata } = object.metadata;
  const annotations = metadata.annotations;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _last, ...rest } = annotations;
    return { ...object, metadata: { ...metadata, annotations: rest } };
  }
  return { ...object, metadata };
}
