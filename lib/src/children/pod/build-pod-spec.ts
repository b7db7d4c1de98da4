import { isPlainObject, type Fields } from '../fields.ts';
import { optional } from '../optional.ts';
import { buildContainer } from './build-container.ts';

/** How the pod runs: serving workloads get ports and probes, jobs a restart policy. */
export type PodMode =
  | { type: 'serving' }
  | { type: 'run-to-completion'; restartPolicy: 'Never' | 'OnFailure' };

/** Builds a PodSpec with one container from the item's container and pod fields. */
export function buildPodSpec(f: Fields, mode: PodMode): Record<string, unknown> {
  return {
    ...optional('serviceAccountName', f.optString('serviceAccountName')),
    ...optional('imagePullSecrets', buildPullSecrets(f)),
    ...optional('restartPolicy', mode.type === 'run-to-completion' ? mode.restartPolicy : undefined),
    ...optional('nodeSelector', f.optStringMap('nodeSelector')),
    ...optional('affinity', f.optRawObject('affinity')),
    ...optional('tolerations', f.optRawList('tolerations')),
    ...optional('securityContext', f.optRawObject('podSecurityContext')),
    containers: [buildContainer(f, mode.type === 'serving')],
    ...optional('volumes', f.optRawList('volumes')),
  };
}

/** Reads `imagePullSecrets` given as names or `{name}` entries into Kubernetes form. */
export function buildPullSecrets(f: Fields): { name: string }[] | undefined {
  return f.optRawList('imagePullSecrets')?.map((entry, i) => {
    const name = isPlainObject(entry) ? entry['name'] : entry;
    if (typeof name === 'string' && name !== '') return { name };
    return f.fail(`imagePullSecrets[${i}]`, 'must be a secret name or {name: <secret name>}');
  });
}
