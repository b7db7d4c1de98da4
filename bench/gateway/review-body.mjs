// A representative AdmissionReview v1 body: DELETE of a protected Namespace (~3 KB, as in
// performance.md G1), with the object in oldObject as the API server sends it.
export function deleteNamespaceReview(uid = '705ab4f5-6393-11e8-b7cc-42010a800002') {
  const oldObject = {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: {
      name: 'payments', uid: 'c2b0e1a4-1f7e-4c8e-9a57-6a1f3f2b9d10', resourceVersion: '48213', creationTimestamp: '2030-01-15T12:00:00Z',
      labels: { 'kubernetes.io/metadata.name': 'payments', 'orkestra.io/deletion-protection': 'true', team: 'payments', env: 'prod' },
      annotations: { 'owner.example.com/contact': 'payments-oncall@example.com', 'note': 'x'.repeat(600) },
      managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2030-01-15T12:00:00Z', fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:env': {}, 'f:team': {}, 'f:orkestra.io/deletion-protection': {} } } } }],
    },
    spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
  };
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: {
      uid, kind: { group: '', version: 'v1', kind: 'Namespace' }, resource: { group: '', version: 'v1', resource: 'namespaces' },
      requestKind: { group: '', version: 'v1', kind: 'Namespace' }, requestResource: { group: '', version: 'v1', resource: 'namespaces' },
      name: 'payments', operation: 'DELETE',
      userInfo: { username: 'kubernetes-admin', uid: 'aws-iam-authenticator:123456789012:AROAEXAMPLE', groups: ['system:masters', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=' + 'ab'.repeat(32)] } },
      object: null, oldObject, dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
    },
  });
}

/**
 * A large AdmissionReview as issue 12's attacker sent it: an UPDATE of a ConfigMap whose data fills
 * `object` and `oldObject` to `bytes` in all (6.9 MB by default: two objects near the API server's
 * 3 MiB body limit). Decided `none` (allowed) once parsed.
 */
export function largeUpdateReview(bytes = 6_900_000, uid = 'a1b2c3d4-0000-4000-8000-00000000f100') {
  const pad = Math.max(0, Math.floor((bytes - 2000) / 2));
  const cm = (data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'payments', labels: { app: 'big' } }, data: { blob: data } });
  return JSON.stringify({
    kind: 'AdmissionReview', apiVersion: 'admission.k8s.io/v1',
    request: {
      uid, kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
      name: 'big', namespace: 'payments', operation: 'UPDATE', userInfo: { username: 'mallory' },
      object: cm('a'.repeat(pad)), oldObject: cm('b'.repeat(pad)), dryRun: false,
    },
  });
}
