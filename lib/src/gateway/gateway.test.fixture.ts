// Test helpers: AdmissionReview requests and policies built from a few fields.
import type { AdmissionRequest } from './admission-request.ts';
import type { DeletionPolicy, NamespacePolicy } from './gateway-policy.ts';

type Obj = AdmissionRequest['object'];

/** An object with the given labels (undefined: no labels at all). */
export function obj(name: string, labels?: Record<string, string>, namespace?: string): NonNullable<Obj> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) } };
}

const RESOURCES: Record<string, { group: string; version: string; resource: string; kind: string }> = {
  configmaps: { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace' },
  pods: { group: '', version: 'v1', resource: 'pods', kind: 'Pod' },
  services: { group: '', version: 'v1', resource: 'services', kind: 'Service' },
  // The review of `POST pods/NAME/eviction` names the Pod but carries an Eviction.
  evictions: { group: '', version: 'v1', resource: 'pods', kind: 'Eviction' },
  crds: { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition' },
  apps: { group: 'demo.example.com', version: 'v1', resource: 'apps', kind: 'App' },
};

/** A request: `resource` is a key of RESOURCES; the rest overrides the defaults. */
export function req(operation: AdmissionRequest['operation'], resource: keyof typeof RESOURCES & string, extra: Partial<AdmissionRequest> = {}): AdmissionRequest {
  const r = RESOURCES[resource]!;
  return {
    uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
    kind: { group: r.group, version: r.version, kind: r.kind },
    resource: { group: r.group, version: r.version, resource: r.resource },
    operation,
    userInfo: { username: 'alice', groups: ['system:authenticated'] },
    ...extra,
  };
}

export const DELETION: DeletionPolicy = {
  katalog: 'test', failurePolicy: 'Fail', strictMode: false,
  protectedCrds: [{ crd: 'app', name: 'apps.demo.example.com' }],
  protectedResources: [],
  gatewayNamespace: 'orkestra-system',
};

export const NAMESPACES: NamespacePolicy = {
  katalog: 'test', failurePolicy: 'Fail',
  restrictedNamespaces: ['kube-node-lease', 'kube-public', 'kube-system', 'prod'],
  allowedNamespaces: [],
  protectWrites: false,
  katalogResources: [{ crd: 'app', group: 'demo.example.com', resource: 'apps', kind: 'App', scope: 'Namespaced' }],
  gatewayNamespace: 'orkestra-system',
};

export const PROTECTED = { 'orkestra.io/deletion-protection': 'true' };
