import { parseKatalog } from '../validate/parse-katalog.ts';
import type { CrdEntry, Katalog } from '../katalog/model.ts';

/** A Website CRD with the given admission YAML under its entry (indented by the caller to 6 spaces). */
export function websiteKatalog(admission: string, security = ''): { katalog?: Katalog; crd?: CrdEntry; diagnostics: ReturnType<typeof parseKatalog>['diagnostics'] } {
  const text = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: demo
spec:
  crds:
    website:
      apiTypes: {group: demo.orkestra.io, version: v1, kind: Website, plural: websites}
      schema:
        type: object
        properties:
          image: {type: string}
          replicas: {type: integer}
          tier: {type: string}
          size: {type: string}
          storageClass: {type: string}
      operatorBox:
        onReconcile:
          configMaps:
            - name: "{{ .metadata.name }}-config"
              data: {image: "{{ .spec.image }}"}
${admission}
${security}`;
  const result = parseKatalog({ file: 'katalog.yaml', text });
  if (!result.ok) return { diagnostics: result.diagnostics };
  const crd = result.katalog.crds.find((c) => c.name === 'website');
  return { katalog: result.katalog, ...(crd ? { crd } : {}), diagnostics: result.diagnostics };
}

/** A Website custom resource with the given spec. */
export function website(spec: Record<string, unknown>, name = 'web', labels?: Record<string, string>): Record<string, unknown> {
  return { apiVersion: 'demo.orkestra.io/v1', kind: 'Website', metadata: { name, namespace: 'team-a', ...(labels ? { labels } : {}) }, spec };
}
