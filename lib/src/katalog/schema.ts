import * as v from 'valibot';
import { coded } from '../field-schemas/coded.ts';
import { parseDuration } from './duration.ts';
import { conditionListSchema } from '../conditions/condition-schema.ts';
import { anyField, stringMapField } from '../field-schemas/field-schemas.ts';
import { apiGroup, apiVersionName, dnsLabel, kindName, plural } from '../field-schemas/names.ts';
import { operatorBoxListSchema } from './child-lists.ts';
import { crdAdmissionSchema, crdWebhooksSchema, mutationBlockSchema, validationBlockSchema } from '../admission/rule-schema.ts';
import { ownRecord } from '../util/own-record.ts';

/** A duration string: 500ms, 30s, 5m, 2h, 30d, 2y. */
export const durationString = v.pipe(
  v.string(coded('ORK1108', 'must be a duration string such as 30s (a number needs a unit)')),
  v.check((s) => parseDuration(s) !== undefined, coded('ORK1108', 'must be a duration such as 500ms, 30s, 5m, 2h, 30d or 2y')),
);

const positiveInt = (max: number) =>
  v.pipe(v.number('expected an integer'), v.integer('expected an integer'), v.check((n) => n >= 1 && n <= max, coded('ORK1109', `must be between 1 and ${max}`)));

const failurePolicy = v.picklist(['Fail', 'Ignore']);

export const apiTypesSchema = v.strictObject({
  group: apiGroup,
  version: apiVersionName,
  kind: kindName,
  plural,
  singular: v.optional(plural),
  shortNames: v.optional(v.array(plural)),
  categories: v.optional(v.array(plural)),
});

export const queueSchema = v.strictObject({
  maxDepth: v.optional(positiveInt(1_000_000)),
  failureThreshold: v.optional(positiveInt(10_000)),
});

const dependencyCondition = v.picklist(['started', 'healthy']);

export const dependsOnSchema = v.union(
  [v.array(v.string()), ownRecord(v.string(), dependencyCondition)],
  'Expected a list of CRD names or a map of CRD name to started|healthy',
);

export const statusFieldSchema = v.strictObject({
  path: v.string(),
  value: anyField,
  type: v.optional(v.picklist(['string', 'int', 'float', 'bool', 'auto'])),
  when: v.optional(conditionListSchema),
  or: v.optional(conditionListSchema),
  clearOnFalse: v.optional(v.boolean()), // issue 14
});

export const statusSchema = v.strictObject({
  conditions: v.optional(v.boolean()),
  fields: v.optional(v.array(statusFieldSchema)),
});

// The later reference shape keeps tuning under operatorBox.reconciler; accepted as an alias.
export const reconcilerSchema = v.strictObject({
  default: v.optional(v.boolean()),
  workers: v.optional(positiveInt(50)),
  resync: v.optional(durationString),
  queue: v.optional(queueSchema),
});

// issue 14 (runtime): onDelete and observe.watch. The entries are named by interfaces so the
// declaration of operatorBoxSchema refers to them instead of spelling every kind list out again.
type BoxListEntries = (typeof operatorBoxListSchema)['entries'];
interface OnDeleteGroupEntries extends BoxListEntries, v.ObjectEntries {
  readonly name: v.OptionalSchema<v.StringSchema<undefined>, undefined>;
}
interface OnDeleteEntries extends BoxListEntries, v.ObjectEntries {
  readonly ordered: v.OptionalSchema<v.BooleanSchema<undefined>, undefined>;
  readonly timeout: v.OptionalSchema<typeof durationString, undefined>;
  readonly groups: v.OptionalSchema<v.ArraySchema<v.StrictObjectSchema<OnDeleteGroupEntries, undefined>, undefined>, undefined>;
}

const onDeleteGroupSchema: v.StrictObjectSchema<OnDeleteGroupEntries, undefined> = v.strictObject({
  ...operatorBoxListSchema.entries,
  name: v.optional(v.string()),
});

export const onDeleteSchema: v.StrictObjectSchema<OnDeleteEntries, undefined> = v.strictObject({
  ...operatorBoxListSchema.entries,
  ordered: v.optional(v.boolean()),
  timeout: v.optional(durationString),
  groups: v.optional(v.array(onDeleteGroupSchema)),
});

export const observeWatchSchema = v.strictObject({
  apiVersion: v.string(),
  kind: kindName,
  plural: v.optional(plural),
  scope: v.optional(v.picklist(['Namespaced', 'Cluster'])),
  namespace: v.optional(dnsLabel),
  name: v.optional(v.string()),
  on: v.optional(v.array(v.picklist(['create', 'update', 'delete']))),
  keyFrom: v.strictObject({
    label: v.optional(v.string()),
    name: v.optional(v.string()),
    namespace: v.optional(v.string()),
  }),
});

export const observeSchema = v.strictObject({
  watch: v.optional(v.array(observeWatchSchema)),
});

export const operatorBoxSchema = v.strictObject({
  default: v.optional(v.boolean()),
  reconciler: v.optional(reconcilerSchema),
  onCreate: v.optional(operatorBoxListSchema),
  onReconcile: v.optional(operatorBoxListSchema),
  onDelete: v.optional(onDeleteSchema),
  observe: v.optional(observeSchema),
  status: v.optional(statusSchema),
});

// Issue 18: several versions of one CRD and the conversion paths between them (spec/crd.md §9).
export const crdVersionSchema = v.strictObject({
  name: apiVersionName,
  served: v.optional(v.boolean()),
  storage: v.optional(v.boolean()),
  deprecated: v.optional(v.boolean()),
  deprecationWarning: v.optional(v.string()),
  schema: v.optional(v.record(v.string(), v.unknown())),
});

export const conversionPathSchema = v.strictObject({
  from: apiVersionName,
  to: apiVersionName,
  spec: v.optional(v.record(v.string(), anyField)),
  annotations: v.optional(v.record(v.string(), v.string())),
});

export const crdConversionSchema = v.strictObject({
  storageVersion: v.optional(apiVersionName),
  updateCRD: v.optional(v.boolean()),
  paths: v.optional(v.array(conversionPathSchema)),
});

export const crdEntrySchema = v.strictObject({
  enabled: v.optional(v.boolean()),
  description: v.optional(v.string()),
  apiTypes: v.optional(apiTypesSchema),
  crdFile: v.optional(v.string()),
  scope: v.optional(v.picklist(['Namespaced', 'Cluster'])),
  namespaced: v.optional(v.boolean()),
  schema: v.optional(ownRecord(v.string(), v.unknown())),
  namespace: v.optional(dnsLabel),
  labelSelector: v.optional(stringMapField),
  workers: v.optional(positiveInt(50)),
  resync: v.optional(durationString),
  queue: v.optional(queueSchema),
  dependsOn: v.optional(dependsOnSchema),
  deletionProtection: v.optional(v.strictObject({ protectCRD: v.optional(v.boolean()), protectCRs: v.optional(v.boolean()) })),
  operatorBox: v.optional(operatorBoxSchema),
  // Issue 15: admission rules (reference §1.20), and Gen C's admission: holding the same three.
  validation: v.optional(validationBlockSchema),
  mutation: v.optional(mutationBlockSchema),
  webhooks: v.optional(crdWebhooksSchema),
  admission: v.optional(crdAdmissionSchema),
  // Issue 18: versions and conversion.
  versions: v.optional(v.array(crdVersionSchema)),
  conversion: v.optional(crdConversionSchema),
});

export const securitySchema = v.strictObject({
  deletionProtection: v.optional(v.strictObject({
    enabled: v.optional(v.boolean()),
    failurePolicy: v.optional(failurePolicy),
    cleanupOnShutdown: v.optional(v.boolean()),
    strictMode: v.optional(v.boolean()),
  })),
  namespaceProtection: v.optional(v.strictObject({
    enabled: v.optional(v.boolean()),
    failurePolicy: v.optional(failurePolicy),
    cleanupOnShutdown: v.optional(v.boolean()),
    restrictedNamespaces: v.optional(v.array(dnsLabel)),
    allowedNamespaces: v.optional(v.array(dnsLabel)),
    protectWrites: v.optional(v.boolean()),
  })),
  certManager: v.optional(v.strictObject({
    autoRotate: v.optional(v.boolean()),
    rotationThreshold: v.optional(durationString),
    validFor: v.optional(durationString),
    keyAlgorithm: v.optional(v.picklist(['ECDSA-P256', 'RSA-2048'])),
  })),
  // Issue 15: the admission webhooks of validation/mutation rules (reference §1.21), and where
  // protection is enforced: by the gateway's webhooks, or by ValidatingAdmissionPolicies.
  webhooks: v.optional(securityWebhooksSchema()),
  mode: v.optional(v.picklist(['webhook', 'policy'])),
  // Issue 18: the gateway's /convert (reference §1.21); unset enabled leaves it to ENABLE_CONVERSION.
  conversion: v.optional(v.strictObject({
    enabled: v.optional(v.boolean()),
    conversionWindow: v.optional(positiveInt(100_000)),
  })),
});

function securityWebhooksSchema() {
  return v.strictObject({
    admission: v.optional(v.strictObject({ enabled: v.optional(v.boolean()) })),
    failurePolicy: v.optional(failurePolicy),
    cleanupOnShutdown: v.optional(v.boolean()),
  });
}

export const gatewaySchema = v.strictObject({
  enabled: v.optional(v.boolean()),
  standalone: v.optional(v.boolean()),
  endpoint: v.optional(v.pipe(v.string(), v.check((s) => /^https?:\/\/[^\s/]+/.test(s), coded('ORK1103', 'must be an http(s) URL such as https://orkestra-gateway.orkestra-system.svc:8443')))),
});

export const metadataSchema = v.strictObject({
  name: dnsLabel,
  namespace: v.optional(dnsLabel),
  author: v.optional(v.string()),
  description: v.optional(v.string()),
  version: v.optional(v.string()),
  license: v.optional(v.string()),
  tags: v.optional(v.array(v.string())),
});

export const katalogSchema = v.strictObject({
  apiVersion: v.string(),
  kind: v.string(),
  metadata: metadataSchema,
  spec: v.strictObject({
    crds: v.optional(ownRecord(dnsLabel, crdEntrySchema)),
  }),
  security: v.optional(securitySchema),
  gateway: v.optional(gatewaySchema),
});

/** The Katalog as written, after shape validation. */
export type KatalogInput = v.InferOutput<typeof katalogSchema>;
export type CrdEntryInput = v.InferOutput<typeof crdEntrySchema>;
export type StatusFieldInput = v.InferOutput<typeof statusFieldSchema>;
