import * as v from 'valibot';
import { intField, stringField, stringMapField } from '../../field-schemas/field-schemas.ts';
import {
  envField, enumField, imagePullSecretsField, probesField, rawListField, rawObjectField,
  resourcesField, stringListField,
} from '../schema-fields.ts';

/** Item fields that shape the single container of a workload. */
export const containerEntries = {
  image: stringField,
  imagePullPolicy: v.optional(enumField(['Always', 'IfNotPresent', 'Never'])),
  containerName: v.optional(stringField),
  command: v.optional(stringListField),
  args: v.optional(stringListField),
  workingDir: v.optional(stringField),
  env: v.optional(envField),
  envFrom: v.optional(rawListField),
  resources: v.optional(resourcesField),
  securityContext: v.optional(rawObjectField),
  volumeMounts: v.optional(rawListField),
} as const;

/** Item fields for a container that serves traffic (Deployments, StatefulSets). */
export const servingEntries = {
  port: v.optional(intField),
  protocol: v.optional(enumField(['TCP', 'UDP', 'SCTP'])),
  probes: v.optional(probesField),
} as const;

/** Item fields that shape the pod around the container. */
export const podEntries = {
  serviceAccountName: v.optional(stringField),
  imagePullSecrets: v.optional(imagePullSecretsField),
  nodeSelector: v.optional(stringMapField),
  affinity: v.optional(rawObjectField),
  tolerations: v.optional(rawListField),
  podSecurityContext: v.optional(rawObjectField),
  volumes: v.optional(rawListField),
} as const;

/** Item fields of a run-to-completion pod (Jobs, CronJobs). */
export const jobEntries = {
  restartPolicy: v.optional(enumField(['Never', 'OnFailure'])),
  backoffLimit: v.optional(intField),
  activeDeadlineSeconds: v.optional(intField),
  ttlSecondsAfterFinished: v.optional(intField),
} as const;
