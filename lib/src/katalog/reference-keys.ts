import type * as v from 'valibot';
import { conditionSchema } from '../conditions/condition-schema.ts';
import { UNSUPPORTED_CONDITION_KEYS } from '../conditions/operators.ts';
import { operatorBoxListSchema } from './child-lists.ts';
import { crdAdmissionSchema, mutationBlockSchema, mutationRuleSchema, validationBlockSchema, validationRuleSchema } from '../admission/rule-schema.ts';
import {
  crdConversionSchema, crdEntrySchema, gatewaySchema, katalogSchema, metadataSchema, operatorBoxSchema, queueSchema, reconcilerSchema,
  securitySchema, statusFieldSchema, statusSchema,
} from './schema.ts';
import { unwrapSchema } from './schema-walk.ts';

// Keys the reference implementation defines (reference/orkestra.md §1.2–§1.24) that this version
// does not run, by the mapping they belong to, with what they are for. A Katalog written for the
// reference then hears "not supported by this version" (ORK1130) instead of "unknown field".
const table = (entries: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(entries));

const TOP = table({
  lifecycle: 'lifecycle metadata', policy: 'import policies', imports: 'Komposer imports', publish: 'supply-chain publishing',
  notification: 'notifications', notes: 'user-defined notes', profiles: 'user-defined profiles', providers: 'provider libraries',
  crossAccess: 'cross-Katalog access',
});
const SPEC = table({ imports: 'Motif imports', finalizers: 'Katalog-level finalizers' });
const METADATA = table({ clusterName: 'cluster names', createdBy: 'developer views', projects: 'project metadata' });
const CRD = table({
  mode: 'typed reconcilers', crFiles: 'applying CR files at start', setup: 'applying setup files at start', enrich: 'child enrichment',
  enrichAll: 'child enrichment', labels: 'labels written onto the custom resource', fieldSelector: 'field selectors',
  ignoreStatusPatch: 'skipping status patches', ignoreObservedGeneration: 'skipping the observed-generation check',
  removeFinalizers: 'removing finalizers', endpoints: 'per-CRD endpoint switches', restrictedNamespaces: 'per-CRD namespace guards',
  allowedNamespaces: 'per-CRD namespace guards', normalize: 'spec normalisation',
  imports: 'Motif imports', serve: 'gateway self-service (serve)', forceConflict: 'per-CRD server-side apply conflict settings',
  crossAccess: 'cross-Katalog access', katalogName: 'Komposer provenance', katalogNamespace: 'Komposer provenance',
  katalogDescription: 'Komposer provenance', katalogVersion: 'Komposer provenance',
});
const OPERATOR_BOX = table({
  preReconcile: 'pre-reconcile gates', finalizers: 'per-CRD finalizers', cross: 'cross-CRD observation', autoscale: 'the operator autoscaler',
  rollback: 'rollback', rollBackOnError: 'rollback', providers: 'provider blocks', when: 'conditions on the operatorBox',
  or: 'conditions on the operatorBox', hooks: 'Go hooks', constructor: 'Go constructors', reconcile: 'the Generation C layout (reconcile:)',
  runtime: 'the Generation C layout (runtime:)', emit: 'the Generation C layout (emit:)', external: 'external calls',
});
const RECONCILER = table({ hooks: 'Go hooks', constructor: 'Go constructors', profile: 'reconciler profiles', requeue: 'per-object requeue', include: 'include files' });
const QUEUE = table({ shared: 'shared queues', type: 'queue types', behaviour: 'queue behaviours', retryBackoff: 'retry backoff settings' });
const STATUS = table({ include: 'include files' });
// Issue 18: what the reference's conversion block has that this version does not use.
const CONVERSION = table({ tenants: 'conversion tenants (the CRD key labels the metrics here)' });
// Issue 15: keys of the admission blocks the reference defines and this version does not run.
const RULE_BLOCK = table({ include: 'include files', external: 'external calls at admission' });
const MUTATION_BLOCK = table({ include: 'include files', external: 'external calls at admission', mutateFirst: 'mutateFirst (mutation always runs first here)' });
const VALIDATION_RULE = table({ ...Object.fromEntries(UNSUPPORTED_CONDITION_KEYS), fires: 'rule notifications (fires)', link: 'documentation links on rules' });
const MUTATION_RULE = table({ fires: 'rule notifications (fires)' });
// Conversion is configured in security.conversion and on the CRD entry (issue 18), not in these blocks.
const SECURITY_WEBHOOKS = table({ serviceName: 'service names (the gateway Service is fixed)', conversion: 'conversion here: write security.conversion' });
const CRD_ADMISSION = table({ conversion: 'conversion inside admission: write conversion: on the CRD entry' });
const GATEWAY = table({ api: 'the gateway API', webhooks: 'intake webhooks', clusters: 'multi-cluster routing' });
const BLOCK = table({
  external: 'external calls', ordered: 'ordered groups', groups: 'ordered groups', timeout: 'ordered groups', name: 'named blocks',
  ...Object.fromEntries(['volumes', 'volumeMounts', 'serviceMonitors', 'podSecurityPolicies', 'priorityClasses', 'runtimeClasses',
    'priorityLevelConfigurations', 'podTemplates', 'daemonSets', 'storageClasses', 'storageLocations', 'storagePools',
    'storageBackups', 'storageSnapshots', 'storageVolumes'].map((k) => [k, `${k} children (a placeholder in the reference too)`])),
});
const ITEM = table({
  sleep: 'artificial delays', forceConflict: 'per-item server-side apply conflict settings', once: 'create-once secrets',
  rotateAfter: 'secret rotation', tls: 'generated TLS secrets', fromSecret: 'copying secrets', fromConfigMap: 'copying config maps',
  fromNamespace: 'copying from another namespace', toNamespaces: 'copies into other namespaces', fromNetworkPolicy: 'copying network policies',
  fromResourceQuota: 'copying resource quotas', autoscale: 'the workload autoscaler', profile: 'named profiles', rollingUpdate: 'rolling-update profiles',
  podSecurity: 'pod security profiles', hasStatus: 'status discovery', tag: 'image tags', workingDirectory: 'workingDirectory (write workingDir)',
});

const BY_SCHEMA = new Map<unknown, ReadonlyMap<string, string>>([
  [katalogSchema, TOP], [katalogSchema.entries.spec, SPEC], [metadataSchema, METADATA], [crdEntrySchema, CRD],
  [operatorBoxSchema, OPERATOR_BOX], [reconcilerSchema, RECONCILER], [queueSchema, QUEUE], [statusSchema, STATUS],
  [securitySchema, table({})], [gatewaySchema, GATEWAY], [operatorBoxListSchema, BLOCK], [conditionSchema, UNSUPPORTED_CONDITION_KEYS],
  [statusFieldSchema, table({})], [crdConversionSchema, CONVERSION],
  [validationBlockSchema, RULE_BLOCK], [mutationBlockSchema, MUTATION_BLOCK], [validationRuleSchema, VALIDATION_RULE], [mutationRuleSchema, MUTATION_RULE],
  [unwrapSchema(securitySchema.entries.webhooks), SECURITY_WEBHOOKS], [crdAdmissionSchema, CRD_ADMISSION],
]);

/**
 * What a key the reference defines but this version does not support is for, given the schema of
 * the mapping it was found in; undefined for a key the reference does not know either (a typo).
 */
export function unsupportedKey(parent: v.GenericSchema | undefined, key: string): string | undefined {
  if (!parent) return undefined;
  const schema = unwrapSchema(parent) as v.GenericSchema & { entries?: Record<string, unknown> };
  const known = BY_SCHEMA.get(schema);
  if (known) return known.get(key);
  // Every child item schema carries the common entries (reconcile, when...).
  if (schema.entries && 'reconcile' in schema.entries && 'when' in schema.entries) return ITEM.get(key);
  return undefined;
}
