import * as v from 'valibot';
import { commonItemEntries, stringField } from '../field-schemas/field-schemas.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isQuantity } from './kube-syntax.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { enumField, quantityField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;

/** The claim fields, shared with StatefulSet `volumeClaimTemplates` shorthand. */
export const claimEntries = {
  storage: quantityField,
  accessModes: v.optional(v.array(enumField(ACCESS_MODES))),
  storageClassName: v.optional(stringField),
  volumeMode: v.optional(enumField(['Filesystem', 'Block'])),
  volumeName: v.optional(stringField),
} as const;

/** A `persistentVolumeClaims` item. */
export const persistentVolumeClaimItemSchema = v.strictObject({ ...commonItemEntries, ...claimEntries });

/** Builds a PersistentVolumeClaimSpec; access mode defaults to ReadWriteOnce. */
export function buildClaimSpec(f: Fields): Record<string, unknown> {
  const storage = f.string('storage');
  if (!isQuantity(storage)) f.fail('storage', `${JSON.stringify(storage)} is not a quantity such as 10Gi`);
  const modes = f.optStringList('accessModes')?.map((m, i) => {
    const mode = ACCESS_MODES.find((a) => a.toLowerCase() === m.toLowerCase());
    return mode ?? f.fail(`accessModes[${i}]`, `must be one of ${ACCESS_MODES.join(', ')}, got ${JSON.stringify(m)}`);
  });
  return {
    accessModes: modes ?? ['ReadWriteOnce'],
    resources: { requests: { storage } },
    ...optional('storageClassName', f.optString('storageClassName')),
    ...optional('volumeMode', f.optEnum('volumeMode', ['Filesystem', 'Block'] as const)),
    ...optional('volumeName', f.optString('volumeName')),
  };
}

/** Builds a v1 PersistentVolumeClaim. */
export function buildPersistentVolumeClaim(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'persistentVolumeClaims', namespaced: true });
  return { ...typeMeta('persistentVolumeClaims'), metadata, spec: buildClaimSpec(f) };
}
