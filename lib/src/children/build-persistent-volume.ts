import * as v from 'valibot';
import { stringField } from '../field-schemas/field-schemas.ts';
import { clusterItemEntries } from './cluster-entries.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isQuantity } from './kube-syntax.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { enumField, quantityField, rawObjectField, stringListField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
const SOURCES = ['hostPath', 'local', 'nfs', 'csi'] as const;

/** A `persistentVolumes` item (cluster-scoped): capacity, access, and one volume source. */
export const persistentVolumeItemSchema = v.strictObject({
  ...clusterItemEntries,
  storage: quantityField,
  accessModes: v.optional(v.array(enumField(ACCESS_MODES))),
  storageClassName: v.optional(stringField),
  volumeMode: v.optional(enumField(['Filesystem', 'Block'])),
  persistentVolumeReclaimPolicy: v.optional(enumField(['Retain', 'Delete', 'Recycle'])),
  mountOptions: v.optional(stringListField),
  hostPath: v.optional(stringField),
  local: v.optional(stringField),
  nfs: v.optional(v.strictObject({ server: stringField, path: stringField, readOnly: v.optional(v.boolean()) })),
  csi: v.optional(rawObjectField),
  nodeAffinity: v.optional(rawObjectField),
  claimRef: v.optional(rawObjectField),
});

/** Builds a v1 PersistentVolume; exactly one of hostPath, local, nfs or csi is its source. */
export function buildPersistentVolume(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'persistentVolumes', namespaced: false });
  const storage = f.string('storage');
  if (!isQuantity(storage)) f.fail('storage', `${JSON.stringify(storage)} is not a quantity such as 10Gi`);
  const sources = SOURCES.filter((s) => f.has(s));
  if (sources.length !== 1) f.fail(sources[1] ?? 'hostPath', `a persistent volume needs exactly one source of ${SOURCES.join(', ')}${sources.length ? `, got ${sources.join(' and ')}` : ''}`);
  const nfs = f.optObject('nfs');
  const modes = f.optStringList('accessModes')?.map((m, i) => ACCESS_MODES.find((a) => a.toLowerCase() === m.toLowerCase())
    ?? f.fail(`accessModes[${i}]`, `must be one of ${ACCESS_MODES.join(', ')}, got ${JSON.stringify(m)}`));
  return {
    ...typeMeta('persistentVolumes'),
    metadata,
    spec: {
      capacity: { storage },
      accessModes: modes ?? ['ReadWriteOnce'],
      ...optional('storageClassName', f.optString('storageClassName')),
      ...optional('volumeMode', f.optEnum('volumeMode', ['Filesystem', 'Block'] as const)),
      ...optional('persistentVolumeReclaimPolicy', f.optEnum('persistentVolumeReclaimPolicy', ['Retain', 'Delete', 'Recycle'] as const)),
      ...optional('mountOptions', f.optStringList('mountOptions')),
      ...optional('hostPath', f.has('hostPath') ? { path: f.string('hostPath') } : undefined),
      ...optional('local', f.has('local') ? { path: f.string('local') } : undefined),
      ...optional('nfs', nfs ? { server: nfs.string('server'), path: nfs.string('path'), ...optional('readOnly', nfs.optBool('readOnly')) } : undefined),
      ...optional('csi', f.optRawObject('csi')),
      ...optional('nodeAffinity', f.optRawObject('nodeAffinity')),
      ...optional('claimRef', f.optRawObject('claimRef')),
    },
  };
}
