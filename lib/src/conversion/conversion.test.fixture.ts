// The two-version Website of examples/versioned (kept in step by conformance/src/conversion.test.ts).
import type { CrdEntry, Katalog } from '../katalog/model.ts';
import { katalogFrom } from '../validate/katalog.test.fixture.ts';

export const VERSIONED_KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: versioned}
security:
  conversion: {enabled: true}
spec:
  crds:
    website:
      apiTypes: {group: demo.orkestra.io, version: v1beta1, kind: Website, plural: websites}
      versions:
        - name: v1alpha1
          deprecated: true
          deprecationWarning: "v1alpha1 is deprecated"
          schema:
            type: object
            properties:
              image: {type: string}
              replicas: {type: integer}
              domain: {type: string}
        - name: v1beta1
          storage: true
          schema:
            type: object
            properties:
              container:
                type: object
                properties:
                  image: {type: string}
                  port: {type: integer}
              replicas: {type: integer}
              hostname: {type: string}
      conversion:
        paths:
          - from: v1alpha1
            to: v1beta1
            spec:
              container:
                image: "{{ .spec.image }}"
                port: "{{ .metadata.annotations.website_port }}"
              replicas: "{{ .spec.replicas }}"
              hostname: "{{ .spec.domain }}"
            annotations:
              website_port: ""
          - from: v1beta1
            to: v1alpha1
            spec:
              image: "{{ .spec.container.image }}"
              replicas: "{{ .spec.replicas }}"
              domain: "{{ .spec.hostname }}"
            annotations:
              website_port: "{{ .spec.container.port }}"
`;

export function versionedKatalog(text = VERSIONED_KATALOG): Katalog {
  return katalogFrom(text);
}

export function versionedWebsite(): CrdEntry {
  return versionedKatalog().crds[0]!;
}
