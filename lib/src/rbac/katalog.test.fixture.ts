// Test helpers: Katalogs from inline YAML or from the repository's examples/.
import type { Katalog } from '../katalog/model.ts';
import { parseKatalog } from '../validate/parse-katalog.ts';

// The seed Katalogs as in examples/ (lib tests read no files; conformance/cases/seed-* check
// the real example files against the same expectations).
const EXAMPLES = {
  website: `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: my-platform
spec:
  crds:
    website:
      enabled: true
      apiTypes:
        group: demo.orkestra.io
        version: v1alpha1
        kind: Website
        plural: websites
      operatorBox:
        default: true
        onCreate:
          deployments:
            - image: nginx
              replicas: 1
`,
  gateway: `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: platform-security
  author: platform-team
gateway:
  standalone: true
security:
  deletionProtection:
    enabled: true
    failurePolicy: Fail
    cleanupOnShutdown: false
  namespaceProtection:
    enabled: true
    failurePolicy: Fail
    restrictedNamespaces:
      - kube-system
      - kube-public
  certManager:
    autoRotate: true
    rotationThreshold: "30d"
    validFor: "2y"
spec: {}
`,
} as const;

/** Parses a Katalog and throws with its diagnostics if it is invalid. */
export function katalogFrom(text: string, file = 'katalog.yaml'): Katalog {
  const result = parseKatalog({ file, text });
  if (!result.ok) throw new Error(`test Katalog is invalid:\n${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.path}: ${d.message}`).join('\n')}`);
  return result.katalog;
}

/** The text of the seed example `name`, under its examples/ file name. */
export function exampleText(name: 'website' | 'gateway'): { file: string; text: string } {
  return { file: `examples/${name}/katalog.yaml`, text: EXAMPLES[name] };
}

/** The parsed `examples/<name>/katalog.yaml`. */
export function exampleKatalog(name: 'website' | 'gateway'): Katalog {
  const { file, text } = exampleText(name);
  return katalogFrom(text, file);
}

/** A Katalog with one CRD entry `app` (group demo.example.com, kind App) and the given entry fields, indented YAML. */
export function oneCrd(entryFields: string, extra = ''): Katalog {
  return katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: test
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps}
${entryFields.replace(/^/gm, '      ')}
${extra}`);
}
