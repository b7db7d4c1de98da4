import * as v from 'valibot';
import { coded } from '../field-schemas/coded.ts';
import { ownRecord } from '../util/own-record.ts';
import {
  anyField, intField, intOrStringField, stringField, stringMapField, templateString, type FieldType,
} from '../field-schemas/field-schemas.ts';

// Item-schema building blocks shared by several kinds. Raw Kubernetes fragments also accept a
// template string, because a template that is exactly one action keeps its value's type:
// `resources: "{{ .spec.resources }}"` renders the whole mapping.
//
// `orTemplate` picks its branch by the input's type instead of using v.union: a union reports a
// list with one bad entry as one vague "Expected (Array | string)" issue, hiding which entry
// and field is wrong. The shape stays reachable for tools in the metadata (`shape`).

/** A string from a fixed set (canonical Kubernetes spelling), or a template. */
export function enumField<const T extends readonly [string, ...string[]]>(values: T) {
  return v.pipe(
    v.union([v.picklist(values), templateString], coded('ORK1103', `must be one of ${values.join(', ')} or a template`)),
    v.metadata({ fieldType: 'string' as FieldType }),
  );
}

/** A strict shape, or a template string rendering the whole value. */
export function orTemplate<T extends v.GenericSchema>(shape: T) {
  return v.pipe(
    v.lazy((input) => (typeof input === 'string' ? templateString : shape)),
    v.metadata({ fieldType: 'any' as FieldType, shape }),
  );
}

/** A list of strings (each may be templated). */
export const stringListField = v.array(stringField);

/** A Kubernetes quantity such as `500m`, `1Gi` or `2`. */
export const quantityField = v.pipe(v.union([v.number(), v.string()], 'Expected a quantity such as 500m or 1Gi'), v.metadata({ fieldType: 'int-or-string' as FieldType }));

/** A list of raw Kubernetes objects (volumes, tolerations, ingress rules...). */
export const rawListField = orTemplate(v.array(anyField));

/** A raw Kubernetes mapping (securityContext, affinity...). */
export const rawObjectField = orTemplate(ownRecord(v.string(), anyField));

const selectorShape = v.strictObject({ matchLabels: v.optional(stringMapField), matchExpressions: v.optional(v.array(anyField)) });

/**
 * A label selector: a map of labels (shorthand for matchLabels) or `{matchLabels,
 * matchExpressions}`. Label values are strings, so any non-string value means the full form.
 */
export const labelSelectorField = orTemplate(v.lazy((input) =>
  typeof input === 'object' && input !== null && Object.values(input).some((x) => typeof x !== 'string')
    ? selectorShape
    : stringMapField));

/** `resources: {requests, limits}` with quantities. */
export const resourcesField = orTemplate(v.strictObject({
  requests: v.optional(ownRecord(v.string(), quantityField)),
  limits: v.optional(ownRecord(v.string(), quantityField)),
}));

/** `env` in Kubernetes list form; the map form is rejected with a hint. */
export const envField = orTemplate(v.array(
  v.strictObject({
    name: stringField,
    value: v.optional(v.pipe(v.union([v.string(), v.number(), v.boolean()]), v.metadata({ fieldType: 'string' as FieldType }))),
    valueFrom: v.optional(anyField),
  }),
  coded('ORK1101', 'env is a Kubernetes list such as [{name: LOG_LEVEL, value: info}], not a map'),
));

/** Pull secrets by name: `[regcred]` or `[{name: regcred}]`. */
export const imagePullSecretsField = v.array(v.lazy((input) =>
  typeof input === 'string' ? stringField : v.strictObject({ name: stringField })));

/** One probe: `type` http|tcp|exec|grpc (default http when `path` is set, exec with `command`, else tcp). */
export const probeField = v.strictObject({
  type: v.optional(enumField(['http', 'tcp', 'exec', 'grpc'])),
  path: v.optional(stringField),
  port: v.optional(intOrStringField),
  scheme: v.optional(enumField(['HTTP', 'HTTPS'])),
  command: v.optional(stringListField),
  initialDelaySeconds: v.optional(intField),
  periodSeconds: v.optional(intField),
  timeoutSeconds: v.optional(intField),
  successThreshold: v.optional(intField),
  failureThreshold: v.optional(intField),
});

/** `probes: {liveness, readiness, startup}`. */
export const probesField = v.strictObject({
  liveness: v.optional(probeField),
  readiness: v.optional(probeField),
  startup: v.optional(probeField),
});
