// observe.watch (reference §1.18): an object the CR does not own changed; which CR to reconcile.
import type { ObserveWatch } from '../katalog/model.ts';
import { compileTemplate, isTemplate, renderTemplate } from '../template/index.ts';
import { queueKeyOf } from './names.ts';

/**
 * The queue key of the CR a watched object names, or undefined when it names none:
 * `keyFrom.label` reads the CR's name from a label of the object (the CR sits in the object's
 * namespace when the CRD is namespaced); `keyFrom.name` (and `namespace`) name the CR directly,
 * and may be templates over the object's `.metadata`. A namespaced CR's namespace defaults to
 * the object's.
 */
export function routeWatchedEvent(watch: Pick<ObserveWatch, 'keyFrom'>, crNamespaced: boolean,
                                  metadata: { readonly name: string; readonly namespace?: string | undefined; readonly labels?: Readonly<Record<string, string>> | undefined }): string | undefined {
  const data = { metadata };
  let name: string | undefined, namespace: string | undefined;
  if (watch.keyFrom.type === 'label') {
    name = metadata.labels?.[watch.keyFrom.label];
    namespace = metadata.namespace;
  } else {
    name = render(watch.keyFrom.name, data);
    namespace = watch.keyFrom.namespace !== undefined ? render(watch.keyFrom.namespace, data) : metadata.namespace;
  }
  if (!name) return undefined;
  if (!crNamespaced) return queueKeyOf({ name });
  return namespace ? queueKeyOf({ name, namespace }) : undefined;
}

function render(source: string, data: unknown): string | undefined {
  if (!isTemplate(source)) return source;
  const compiled = compileTemplate(source, { roots: ['metadata'] });
  if (!compiled.ok) return undefined;
  const r = renderTemplate(compiled.template, data);
  return r.ok && r.value !== undefined ? String(r.value) : undefined;
}
