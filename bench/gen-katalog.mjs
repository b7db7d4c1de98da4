// Workload generator for bench/plan: a Katalog with N CRDs x 5 child templates each, 20 spec fields
// per CRD (nested objects and enums), so planning does real schema, template and RBAC work.
export function generateKatalog(crdCount = 200) {
  const lines = ['apiVersion: orkestra.orkspace.io/v1', 'kind: Katalog', 'metadata:', `  name: bench-${crdCount}`, 'spec:', '  crds:'];
  for (let i = 0; i < crdCount; i++) {
    const name = `app${String(i).padStart(4, '0')}`;
    const kind = `App${String(i).padStart(4, '0')}`;
    lines.push(
      `    ${name}:`,
      `      description: generated application ${i}`,
      `      apiTypes: {group: bench${i % 10}.example.com, version: v1, kind: ${kind}, plural: ${name}s}`,
      ...(i > 0 && i % 7 === 0 ? [`      dependsOn: [app${String(i - 1).padStart(4, '0')}]`] : []),
      '      schema:',
      '        type: object',
      '        properties:',
      '          image: {type: string}',
      '          replicas: {type: integer}',
      '          port: {type: integer}',
      '          tier: {type: string, enum: [web, api, worker]}',
      ...Array.from({ length: 12 }, (_, f) => `          field${f}: {type: string}`),
      '          database:',
      '            type: object',
      '            properties:',
      '              size: {type: string}',
      '              engine: {type: string, enum: [postgres, mysql]}',
      '              storage: {type: string}',
      '              backup: {type: boolean}',
      '      operatorBox:',
      '        onCreate:',
      '          deployments:',
      '            - image: "{{ .spec.image }}"',
      '              replicas: "{{ .spec.replicas }}"',
      '              port: "{{ .spec.port }}"',
      '              labels: {tier: "{{ .spec.tier | default \\"web\\" }}"}',
      '              reconcile: true',
      '          services:',
      '            - port: "{{ .spec.port }}"',
      '          configMaps:',
      '            - data: {tier: "{{ .spec.tier }}", engine: "{{ .spec.database.engine }}"}',
      '          persistentVolumeClaims:',
      '            - storage: "{{ .spec.database.storage }}"',
      '        onReconcile:',
      '          secrets:',
      '            - stringData: {size: "{{ .spec.database.size }}"}',
    );
  }
  return `${lines.join('\n')}\n`;
}
