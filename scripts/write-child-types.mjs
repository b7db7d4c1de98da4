#!/usr/bin/env node
// Writes lib/src/kube-types/child-types.ts: the field types `.children.<kind>` may read, taken from
// a live kube-apiserver's OpenAPI v3 (KUBECONFIG, e.g. inside tools/kube/with-cluster). lib ships
// this small table instead of the full Kubernetes schemas: status in full (it is what
// `.children` is for), the other top-level fields two levels deep, anything deeper unchecked.
//   tools/kube/with-cluster -- node scripts/write-child-types.mjs          (write the file)
//   node scripts/write-child-types.mjs --print                           (print it instead)
// e2e/src/child-types.test.ts regenerates it against the e2e control plane and compares.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** Kind-list key → group/version and Kind. */
export const KINDS = {
  deployments: ['apps/v1', 'Deployment'],
  statefulSets: ['apps/v1', 'StatefulSet'],
  replicaSets: ['apps/v1', 'ReplicaSet'],
  pods: ['v1', 'Pod'],
  services: ['v1', 'Service'],
  configMaps: ['v1', 'ConfigMap'],
  secrets: ['v1', 'Secret'],
  serviceAccounts: ['v1', 'ServiceAccount'],
  jobs: ['batch/v1', 'Job'],
  cronJobs: ['batch/v1', 'CronJob'],
  ingresses: ['networking.k8s.io/v1', 'Ingress'],
  persistentVolumeClaims: ['v1', 'PersistentVolumeClaim'],
  persistentVolumes: ['v1', 'PersistentVolume'],
  hpa: ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  pdb: ['policy/v1', 'PodDisruptionBudget'],
  networkPolicies: ['networking.k8s.io/v1', 'NetworkPolicy'],
  limitRanges: ['v1', 'LimitRange'],
  resourceQuotas: ['v1', 'ResourceQuota'],
  roles: ['rbac.authorization.k8s.io/v1', 'Role'],
  roleBindings: ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  namespaces: ['v1', 'Namespace'],
  clusterRoles: ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  clusterRoleBindings: ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
};

const STATUS_DEPTH = 6;
const OTHER_DEPTH = 2;
const META_DEPTH = 2;

/** Fetches the OpenAPI v3 documents the kinds need, through kubectl (KUBECONFIG). */
function fetchDocs() {
  const docs = new Map();
  for (const [gv] of Object.values(KINDS)) {
    if (docs.has(gv)) continue;
    const path = gv.includes('/') ? `/openapi/v3/apis/${gv}` : `/openapi/v3/api/${gv}`;
    docs.set(gv, JSON.parse(execFileSync('kubectl', ['get', '--raw', path], { encoding: 'utf8', maxBuffer: 64 << 20 })));
  }
  return docs;
}

/** The compact type of a schema: s, i, n, b, a (unchecked), [T] (list), {'*': T} (map), {field: T}. */
function compact(schema, schemas, depth, seen) {
  if (schema.allOf?.length === 1) return compact({ ...schema, ...schema.allOf[0], allOf: undefined }, schemas, depth, seen);
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return 'a';
    return compact(schemas[name], schemas, depth, new Set([...seen, name]));
  }
  if (schema['x-kubernetes-int-or-string'] || schema['x-kubernetes-preserve-unknown-fields']) return 'a';
  switch (schema.type) {
    case 'string': return 's';
    case 'integer': return 'i';
    case 'number': return 'n';
    case 'boolean': return 'b';
    case 'array': return depth <= 0 ? 'a' : [compact(schema.items ?? {}, schemas, depth - 1, seen)];
  }
  if (schema.properties) {
    if (depth <= 0) return 'a';
    const out = {};
    for (const key of Object.keys(schema.properties).sort()) out[key] = compact(schema.properties[key], schemas, depth - 1, seen);
    return out;
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return depth <= 0 ? 'a' : { '*': compact(schema.additionalProperties, schemas, depth - 1, seen) };
  }
  return 'a';
}

/** The table: ObjectMeta's type, and kind-list key → {top-level field: type} without apiVersion, kind, metadata. */
export function buildTable(docs) {
  const table = {};
  let meta;
  for (const [key, [gv, kind]] of Object.entries(KINDS)) {
    const schemas = docs.get(gv).components.schemas;
    const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    const name = Object.keys(schemas).find((n) => {
      const gvk = schemas[n]['x-kubernetes-group-version-kind'];
      return gvk?.some((g) => g.group === group && g.version === version && g.kind === kind);
    });
    if (!name) throw new Error(`no schema for ${gv} ${kind}`);
    const top = schemas[name].properties;
    const entry = {};
    for (const field of Object.keys(top).sort()) {
      if (field === 'apiVersion' || field === 'kind') continue;
      const depth = field === 'status' ? STATUS_DEPTH : field === 'metadata' ? META_DEPTH : OTHER_DEPTH;
      const type = compact(top[field], schemas, depth, new Set([name]));
      // ObjectMeta is the same for every kind: written once.
      if (field === 'metadata') meta = type;
      else entry[field] = type;
    }
    table[key] = entry;
  }
  return { meta, table };
}

/** The TypeScript source of lib/src/kube-types/child-types.ts. */
export function renderTable({ meta, table }, version) {
  return `// Generated by scripts/write-child-types.mjs from kube-apiserver ${version}'s OpenAPI v3. Do not
// edit: regenerate it (the script says how); e2e/src/child-types.test.ts keeps it in step.
import type { KubeType } from './kube-type.ts';

/** ObjectMeta: \`metadata\` of every kind. */
export const OBJECT_META_TYPE: KubeType = ${JSON.stringify(meta)};

/** Field types of every built-in child kind by kind-list key (apiVersion, kind and metadata left out). */
export const CHILD_TYPES: { readonly [kindKey: string]: { readonly [field: string]: KubeType } } = ${JSON.stringify(table)};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docs = fetchDocs();
  const version = JSON.parse(execFileSync('kubectl', ['version', '-o', 'json'], { encoding: 'utf8' })).serverVersion.gitVersion;
  const text = renderTable(buildTable(docs), version);
  if (process.argv.includes('--print')) process.stdout.write(text);
  else {
    const out = new URL('../lib/src/kube-types/child-types.ts', import.meta.url);
    writeFileSync(out, text);
    process.stderr.write(`wrote ${out.pathname} (${text.length} bytes)\n`);
  }
}
