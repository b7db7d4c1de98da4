import * as v from 'valibot';
import { clusterItemEntries } from './cluster-entries.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { childMetadata } from './metadata.ts';
import { typeMeta } from './type-meta.ts';

/** A `namespaces` item: name (default: the CR's name), labels, annotations. */
export const namespaceItemSchema = v.strictObject({ ...clusterItemEntries });

/** Builds a v1 Namespace. */
export function buildNamespace(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'namespaces', namespaced: false });
  return { ...typeMeta('namespaces'), metadata };
}
