/** The starter files `ork init` writes: a Katalog, a CR for it (the CRD is generated from the Katalog). */
export const STARTER_KATALOG = `# A starter Katalog: a Website kind whose custom resources each run nginx behind a Service.
#   ork validate --full            review every permission it will request
#   ork generate crd -o crd.yaml   the CustomResourceDefinition (already written beside this file)
#   ork generate bundle -o bundle.yaml
apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: starter
  description: A Website kind that runs nginx behind a Service.
spec:
  crds:
    website:
      description: A static website served by nginx.
      apiTypes:
        group: demo.orkestra.io
        version: v1alpha1
        kind: Website
        plural: websites
        shortNames: [web]
      schema:
        type: object
        properties:
          image:
            type: string
            default: nginx:1.27
          replicas:
            type: integer
            minimum: 0
            default: 1
          port:
            type: integer
            default: 80
      operatorBox:
        onCreate:
          deployments:
            - image: "{{ .spec.image }}"
              replicas: "{{ .spec.replicas }}"
              port: "{{ .spec.port }}"
              reconcile: true
          services:
            - port: "{{ .spec.port }}"
              reconcile: true
`;

export const STARTER_CR = `# A Website custom resource: apply it after the CRD and the runtime are in place.
apiVersion: demo.orkestra.io/v1alpha1
kind: Website
metadata:
  name: hello
  namespace: default
spec:
  image: nginx:1.27
  replicas: 2
  port: 80
`;
