import type { KubeObject } from '../children/kube-object.ts';
import type { Katalog } from '../katalog/model.ts';
import { DEFAULT_INSTALL_NAMESPACE, KATALOG_CONFIG_MAP, KATALOG_CONFIG_MAP_KEY } from '../rbac/names.ts';
import { renderYaml } from '../render/render-yaml.ts';
import { bundleLabels } from './bundle-labels.ts';

/**
 * The ConfigMap `orkestra-katalog` with the Katalog under `katalog.yaml`: the file as written
 * (comments kept, and no re-rendering cost for large Katalogs), or, when crdFile entries had to be
 * inlined, the resolved document rendered as YAML that YAML 1.1 readers read back unchanged.
 */
export function planKatalogConfigMap(katalog: Katalog, options: { readonly namespace?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: KATALOG_CONFIG_MAP, namespace: options.namespace ?? DEFAULT_INSTALL_NAMESPACE, labels: bundleLabels('katalog') },
    data: { [KATALOG_CONFIG_MAP_KEY]: katalog.resolvedFiles ? renderYaml(katalog.resolved) : withFinalNewline(katalog.sourceText) },
  };
}

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
