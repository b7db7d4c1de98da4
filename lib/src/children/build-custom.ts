import * as v from 'valibot';
import { coded } from '../field-schemas/coded.ts';
import { anyField, commonItemEntries } from '../field-schemas/field-schemas.ts';
import { kindName, plural } from '../field-schemas/names.ts';
import { customTarget, isApiVersion } from './custom-target.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { ownRecord } from '../util/own-record.ts';

// Top-level fields a `body` may not set, and what to do instead.
const RESERVED: Readonly<Record<string, string>> = {
  apiVersion: 'set apiVersion on the item',
  kind: 'set kind on the item',
  metadata: 'set name, namespace, labels and annotations on the item',
  status: 'status is written by the object\'s controller, never applied',
};

/**
 * A `custom` item: any type by `apiVersion` and `kind`, its body as `spec`, `data` and/or
 * `body` (other top-level fields, such as `type` or `rules`). `apiVersion`, `kind`, `plural`
 * and `scope` are literals, never templates: the RBAC planner reads them before any CR exists.
 */
export const customItemSchema = v.strictObject({
  ...commonItemEntries,
  apiVersion: v.pipe(v.string(), v.check(isApiVersion,
    coded('ORK1110', 'must be group/version such as cert-manager.io/v1, or a bare version such as v1 for the core group'))),
  kind: kindName,
  plural: v.optional(plural),
  scope: v.optional(v.picklist(['Namespaced', 'Cluster'], coded('ORK1103', 'must be Namespaced or Cluster'))),
  spec: v.optional(anyField),
  data: v.optional(anyField),
  body: v.optional(ownRecord(v.string(), anyField)),
});

/** Builds any object from a `custom` item; namespaced unless `scope: Cluster`. */
export function buildCustom(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const apiVersion = f.string('apiVersion');
  if (!isApiVersion(apiVersion)) f.fail('apiVersion', `${JSON.stringify(apiVersion)} must be group/version or a bare version`);
  const kind = f.string('kind');
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) f.fail('kind', `${JSON.stringify(kind)} must be CamelCase starting with an uppercase letter`);
  const scope = f.optEnum('scope', ['Namespaced', 'Cluster'] as const);
  const target = customTarget({ apiVersion, kind, scope });
  const metadata = childMetadata(f, ctx, { key: 'custom', namespaced: target.namespaced, item });
  const body = f.optRawObject('body') ?? {};
  for (const [k, instead] of Object.entries(RESERVED)) if (k in body) f.fail(`body.${k}`, `is not allowed: ${instead}`);
  for (const k of ['spec', 'data'] as const) if (k in body && f.has(k)) f.fail(`body.${k}`, `conflicts with the item's ${k}: set it once`);
  return {
    apiVersion,
    kind,
    metadata,
    ...body,
    ...optional('spec', f.optRaw('spec')),
    ...optional('data', f.optRaw('data')),
  };
}
