// Shared cases for the table-driven tests: one entry per kind-list key. `minimal` and `full`
// are valid both as Katalog items (the item schema accepts them) and as rendered items.
import * as assert from 'uvu/assert';
import { buildChild, type BuildResult } from './build-child.ts';
import type { ChildKindKey } from './kind-meta.ts';
import type { BuildContext, KubeObject } from './kube-object.ts';

type Item = Record<string, unknown>;

export interface KindCase {
  minimal: Item;
  full: Item;
  /** A rendered value of the wrong JSON type that the builder converts; `path` into the object. */
  coerce?: { item: Item; path: string; expected: unknown };
  /** A rendered value that cannot fit, and the field the error must name. */
  bad: { item: Item; field: string };
  /** A misspelt field that the schema and buildChild must both reject. */
  typo: { item: Item; field: string };
}

/** A namespaced `Website` CR named `shop` in `team-a`. */
export const CTX: BuildContext = {
  cr: { apiVersion: 'demo.example.com/v1', kind: 'Website', metadata: { name: 'shop', namespace: 'team-a', uid: 'uid-1' } },
  clusterScopedCr: false,
  index: 0,
};

/** A cluster-scoped `Tenant` CR named `acme`. */
export const CLUSTER_CTX: BuildContext = {
  cr: { apiVersion: 'demo.example.com/v1', kind: 'Tenant', metadata: { name: 'acme', uid: 'uid-2' } },
  clusterScopedCr: true,
  index: 0,
};

const meta = { labels: { tier: 'web' }, annotations: { 'example.com/note': 'hello' }, reconcile: true,
  when: [{ field: 'spec.enabled', operator: 'equals', value: true }] };
const container = {
  image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', containerName: 'nginx', command: ['nginx'],
  args: ['-g', 'daemon off;'], workingDir: '/srv',
  env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }],
  envFrom: [{ configMapRef: { name: 'settings' } }],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '256Mi' } },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
};
const pod = {
  serviceAccountName: 'web-sa', imagePullSecrets: ['regcred', { name: 'mirror' }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } },
  tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
  podSecurityContext: { fsGroup: 2000 }, volumes: [{ name: 'data', emptyDir: {} }],
};
const probes = {
  liveness: { type: 'http', path: '/healthz', initialDelaySeconds: 5, periodSeconds: 10 },
  readiness: { type: 'tcp', successThreshold: 2 },
  startup: { type: 'exec', command: ['true'], failureThreshold: 30 },
};
const rules = [{ resources: ['pods'], verbs: ['get'] }];

export const CASES: { [K in ChildKindKey]: KindCase } = {
  deployments: {
    minimal: { image: 'nginx:1.27' },
    full: { name: 'web', namespace: 'team-b', ...meta, replicas: 3, ...container, port: 8080, protocol: 'TCP', probes, ...pod },
    coerce: { item: { image: 'nginx', replicas: '3' }, path: 'spec.replicas', expected: 3 },
    bad: { item: { image: 'nginx', replicas: 'abc' }, field: 'replicas' },
    typo: { item: { image: 'nginx', replica: 3 }, field: 'replica' },
  },
  statefulSets: {
    minimal: { image: 'postgres:16' },
    full: {
      name: 'db', ...meta, replicas: 2, ...container, port: 5432, probes, ...pod, serviceName: 'db-headless',
      volumeClaimTemplates: [
        { name: 'pgdata', storage: '10Gi', storageClassName: 'fast' },
        { metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
    },
    coerce: { item: { image: 'postgres', port: '5432' }, path: 'spec.template.spec.containers[0].ports[0].containerPort', expected: 5432 },
    bad: { item: { image: 'postgres', port: 'http' }, field: 'port' },
    typo: { item: { image: 'postgres', volumeClaimTemplate: [] }, field: 'volumeClaimTemplate' },
  },
  services: {
    minimal: {},
    full: { name: 'web', ...meta, type: 'NodePort', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080, selector: { app: 'web' } },
    coerce: { item: { port: '8080' }, path: 'spec.ports[0].targetPort', expected: 8080 },
    bad: { item: { port: 'eighty' }, field: 'port' },
    typo: { item: { prot: 80 }, field: 'prot' },
  },
  configMaps: {
    minimal: {},
    full: { name: 'settings', ...meta, data: { 'app.yaml': 'a: 1\n', LOG_LEVEL: 'info' } },
    coerce: { item: { data: { port: 8080 } }, path: 'data.port', expected: '8080' },
    bad: { item: { data: { 'bad key': 'x' } }, field: 'data.bad key' },
    typo: { item: { datas: {} }, field: 'datas' },
  },
  secrets: {
    minimal: {},
    full: { name: 'creds', ...meta, type: 'Opaque', data: { user: 'admin' }, stringData: { password: 's3cret' } },
    coerce: { item: { data: { n: 42 } }, path: 'data.n', expected: 'NDI=' },
    bad: { item: { data: 'user=admin' }, field: 'data' },
    typo: { item: { strngData: {} }, field: 'strngData' },
  },
  serviceAccounts: {
    minimal: {},
    full: { name: 'runner', ...meta, automountServiceAccountToken: false, imagePullSecrets: ['regcred'] },
    coerce: { item: { automountServiceAccountToken: 'false' }, path: 'automountServiceAccountToken', expected: false },
    bad: { item: { automountServiceAccountToken: 'maybe' }, field: 'automountServiceAccountToken' },
    typo: { item: { automount: true }, field: 'automount' },
  },
  jobs: {
    minimal: { image: 'busybox:1.36' },
    full: { name: 'migrate', ...meta, ...container, ...pod, backoffLimit: 2, restartPolicy: 'OnFailure', ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 300 },
    coerce: { item: { image: 'busybox', backoffLimit: '5' }, path: 'spec.backoffLimit', expected: 5 },
    bad: { item: { image: 'busybox', backoffLimit: -1 }, field: 'backoffLimit' },
    typo: { item: { image: 'busybox', backofflimit: 1 }, field: 'backofflimit' },
  },
  cronJobs: {
    minimal: { schedule: '*/5 * * * *', image: 'busybox:1.36' },
    full: {
      name: 'report', ...meta, schedule: '0 3 * * *', timeZone: 'Etc/UTC', ...container, ...pod, suspend: false,
      concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 120, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      backoffLimit: 1, restartPolicy: 'Never', ttlSecondsAfterFinished: 3600,
    },
    coerce: { item: { schedule: '@hourly', image: 'busybox', suspend: 'true' }, path: 'spec.suspend', expected: true },
    bad: { item: { schedule: 'every day', image: 'busybox' }, field: 'schedule' },
    typo: { item: { schedule: '@daily', image: 'busybox', concurrency: 'Forbid' }, field: 'concurrency' },
  },
  ingresses: {
    minimal: {},
    full: { name: 'web', ...meta, host: 'shop.example.com', path: '/api', pathType: 'Exact', serviceName: 'web', servicePort: 8080, className: 'nginx', tls: { secretName: 'web-tls' } },
    coerce: { item: { servicePort: '8080' }, path: 'spec.rules[0].http.paths[0].backend.service.port.number', expected: 8080 },
    bad: { item: { path: 'api' }, field: 'path' },
    typo: { item: { hostname: 'shop.example.com' }, field: 'hostname' },
  },
  persistentVolumeClaims: {
    minimal: { storage: '1Gi' },
    full: { name: 'data', ...meta, storage: '20Gi', accessModes: ['ReadWriteMany'], storageClassName: 'nfs', volumeMode: 'Filesystem', volumeName: 'pv-1' },
    coerce: { item: { storage: '1Gi', accessModes: ['readwriteonce'] }, path: 'spec.accessModes[0]', expected: 'ReadWriteOnce' },
    bad: { item: { storage: 'lots' }, field: 'storage' },
    typo: { item: { storage: '1Gi', size: '1Gi' }, field: 'size' },
  },
  hpa: {
    minimal: { maxReplicas: 5 },
    full: {
      name: 'web', ...meta, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2,
      maxReplicas: 10, targetCPUUtilizationPercentage: 70, targetMemoryUtilizationPercentage: 80,
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
    coerce: { item: { maxReplicas: '7' }, path: 'spec.maxReplicas', expected: 7 },
    bad: { item: { minReplicas: 5, maxReplicas: 2 }, field: 'minReplicas' },
    typo: { item: { maxReplica: 5 }, field: 'maxReplica' },
  },
  pdb: {
    minimal: {},
    full: { name: 'web', ...meta, minAvailable: '50%', selector: { matchLabels: { app: 'web' } } },
    coerce: { item: { maxUnavailable: '2' }, path: 'spec.maxUnavailable', expected: 2 },
    bad: { item: { maxUnavailable: 'lots' }, field: 'maxUnavailable' },
    typo: { item: { minavailable: 1 }, field: 'minavailable' },
  },
  networkPolicies: {
    minimal: {},
    full: {
      name: 'web', ...meta, podSelector: { app: 'web' }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 80 }] }],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] }],
    },
    coerce: { item: { policyTypes: ['egress'] }, path: 'spec.policyTypes[0]', expected: 'Egress' },
    bad: { item: { policyTypes: ['Sideways'] }, field: 'policyTypes[0]' },
    typo: { item: { podselector: {} }, field: 'podselector' },
  },
  roles: {
    minimal: { rules },
    full: {
      name: 'reader', ...meta,
      rules: [{ apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }],
    },
    bad: { item: { rules: [{ resources: ['pods'], verbs: [] }] }, field: 'rules[0].verbs' },
    typo: { item: { rules, rule: [] }, field: 'rule' },
  },
  roleBindings: {
    minimal: { subjects: [{ name: 'app' }] },
    full: {
      name: 'readers', ...meta, roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'team-b' }, { kind: 'User', name: 'alice@example.com' }, { kind: 'Group', name: 'devs' }],
    },
    bad: { item: { subjects: [{ kind: 'User' }] }, field: 'subjects[0].name' },
    typo: { item: { subjects: [{ name: 'app' }], roleref: {} }, field: 'roleref' },
  },
  namespaces: {
    minimal: {},
    full: { name: 'shop-env', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' }, annotations: { 'example.com/team': 'a' } },
    bad: { item: { name: 'Shop_Env' }, field: 'name' },
    typo: { item: { namespace: 'team-a' }, field: 'namespace' },
  },
  clusterRoles: {
    minimal: { rules },
    full: {
      name: 'shop-metrics', ...meta,
      rules: [{ apiGroups: ['metrics.k8s.io'], resources: ['pods'], verbs: ['get', 'list'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }],
    },
    bad: { item: { rules: [{ nonResourceURLs: ['/metrics'], resources: ['pods'], verbs: ['get'] }] }, field: 'rules[0].nonResourceURLs' },
    typo: { item: { rules, namespace: 'team-a' }, field: 'namespace' },
  },
  clusterRoleBindings: {
    minimal: { subjects: [{ name: 'app' }] },
    full: { name: 'shop-metrics', ...meta, roleRef: { kind: 'ClusterRole', name: 'shop-metrics' }, subjects: [{ name: 'app', namespace: 'team-a' }, { kind: 'Group', name: 'ops' }] },
    bad: { item: { roleRef: { kind: 'Role' }, subjects: [{ name: 'app' }] }, field: 'roleRef.kind' },
    typo: { item: { subjects: [{ name: 'app' }], subject: [] }, field: 'subject' },
  },
  pods: {
    minimal: { image: 'busybox:1.36' },
    full: { name: 'probe', ...meta, ...container, port: 8080, probes, ...pod, restartPolicy: 'OnFailure' },
    coerce: { item: { image: 'nginx', port: '8080' }, path: 'spec.containers[0].ports[0].containerPort', expected: 8080 },
    bad: { item: { image: 'nginx', restartPolicy: 'Sometimes' }, field: 'restartPolicy' },
    typo: { item: { image: 'nginx', restartPolicies: 'Never' }, field: 'restartPolicies' },
  },
  replicaSets: {
    minimal: { image: 'nginx:1.27' },
    full: { name: 'web-rs', ...meta, replicas: 2, ...container, port: 8080, probes, ...pod },
    coerce: { item: { image: 'nginx', replicas: '3' }, path: 'spec.replicas', expected: 3 },
    bad: { item: { image: 'nginx', replicas: -1 }, field: 'replicas' },
    typo: { item: { image: 'nginx', replica: 3 }, field: 'replica' },
  },
  persistentVolumes: {
    minimal: { storage: '1Gi', hostPath: '/data/shop' },
    full: {
      name: 'shop-data', labels: { tier: 'web' }, annotations: { 'example.com/note': 'hello' }, reconcile: true, storage: '10Gi',
      accessModes: ['ReadWriteMany'], storageClassName: 'manual', volumeMode: 'Filesystem', persistentVolumeReclaimPolicy: 'Retain',
      mountOptions: ['hard'], nfs: { server: 'nfs.example.com', path: '/exports/shop', readOnly: false },
      claimRef: { namespace: 'team-a', name: 'shop-pvc' },
    },
    coerce: { item: { storage: 5, local: '/mnt/disk', nodeAffinity: { required: { nodeSelectorTerms: [] } } }, path: 'spec.capacity.storage', expected: '5' },
    bad: { item: { storage: '1Gi', hostPath: '/a', local: '/b' }, field: 'local' },
    typo: { item: { storage: '1Gi', hostpath: '/a' }, field: 'hostpath' },
  },
  limitRanges: {
    minimal: { limits: [{ type: 'Container', default: { cpu: '500m' } }] },
    full: { name: 'defaults', namespace: 'team-b', ...meta, limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }, { type: 'Pod', max: { cpu: '2' } }] },
    bad: { item: { limits: [{ type: 'Node' }] }, field: 'limits[0].type' },
    typo: { item: { limits: [], limit: [] }, field: 'limit' },
  },
  resourceQuotas: {
    minimal: { hard: { pods: '10' } },
    full: { name: 'quota', ...meta, hard: { pods: '20', 'requests.cpu': '4', 'limits.memory': '8Gi' }, scopes: ['NotTerminating'] },
    coerce: { item: { hard: { pods: 10 } }, path: 'spec.hard.pods', expected: '10' },
    bad: { item: { hard: { pods: 'many' } }, field: 'hard.pods' },
    typo: { item: { hard: { pods: '1' }, scope: [] }, field: 'scope' },
  },
  custom: {
    minimal: { apiVersion: 'v1', kind: 'ConfigMap' },
    full: { name: 'extra', ...meta, apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', scope: 'Namespaced', data: { a: 'b' }, body: { immutable: true } },
    bad: { item: { apiVersion: 'v1', kind: 'ConfigMap', body: { metadata: { name: 'x' } } }, field: 'body.metadata' },
    typo: { item: { apiVersion: 'v1', kind: 'ConfigMap', specs: {} }, field: 'specs' },
  },
};

/** Reads `a.b[0].c` from a built object. */
export function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Builds an item with the namespaced test context and throws on failure. */
export function ok(key: ChildKindKey, item: unknown): KubeObject {
  const r = buildChild(key, item, CTX);
  if (!r.ok) throw new Error(r.error);
  return r.object;
}

/** Asserts a build failed on `field` with a message containing `fragment`. */
export function fails(r: BuildResult, field: string, fragment: string): void {
  assert.is(r.ok, false);
  if (r.ok) return;
  assert.is(r.field, field);
  assert.ok(r.error.includes(fragment), r.error);
}

/** The labels every child of the test CR `shop` carries. */
export const managed = { 'app.kubernetes.io/managed-by': 'orkestra', 'orkestra.orkspace.io/owner': 'shop' };
