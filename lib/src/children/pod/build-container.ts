import { isPlainObject, type Fields } from '../fields.ts';
import { isDnsLabel, isQuantity } from '../kube-syntax.ts';
import { optional } from '../optional.ts';
import { buildProbe } from './build-probe.ts';

/** Name of the single container when the item sets no `containerName`. */
export const DEFAULT_CONTAINER_NAME = 'app';

/** Builds the workload's one container; `serving` adds its port and probes. */
export function buildContainer(f: Fields, serving: boolean): Record<string, unknown> {
  const name = f.optString('containerName') ?? DEFAULT_CONTAINER_NAME;
  if (!isDnsLabel(name)) f.fail('containerName', `${JSON.stringify(name)} must be a DNS-1123 label`);
  const port = serving ? f.optInt('port', { min: 1, max: 65535 }) : undefined;
  const protocol = serving ? f.optEnum('protocol', ['TCP', 'UDP', 'SCTP'] as const) : undefined;
  const probes = serving ? f.optObject('probes') : undefined;
  const probe = (role: 'liveness' | 'readiness' | 'startup') => {
    const p = probes?.optObject(role);
    return p && buildProbe(p, role, port);
  };
  return {
    name,
    image: f.string('image'),
    ...optional('imagePullPolicy', f.optEnum('imagePullPolicy', ['Always', 'IfNotPresent', 'Never'] as const)),
    ...optional('command', f.optStringList('command')),
    ...optional('args', f.optStringList('args')),
    ...optional('workingDir', f.optString('workingDir')),
    ...optional('ports', port === undefined ? undefined : [{ containerPort: port, protocol: protocol ?? 'TCP' }]),
    ...optional('envFrom', f.optRawList('envFrom')),
    ...optional('env', buildEnv(f)),
    ...optional('resources', buildResources(f)),
    ...optional('volumeMounts', f.optRawList('volumeMounts')),
    ...optional('livenessProbe', probe('liveness')),
    ...optional('readinessProbe', probe('readiness')),
    ...optional('startupProbe', probe('startup')),
    ...optional('securityContext', f.optRawObject('securityContext')),
  };
}

function buildEnv(f: Fields): Record<string, unknown>[] | undefined {
  if (isPlainObject(f.raw('env'))) f.fail('env', 'must be a Kubernetes list such as [{name: LOG_LEVEL, value: info}], not a map');
  return f.optObjectList('env')?.map((e) => {
    const value = e.optString('value');
    const valueFrom = e.optRawObject('valueFrom');
    if (value !== undefined && valueFrom !== undefined) e.fail('valueFrom', 'cannot be combined with value');
    // An env var whose value rendered empty is still set, to "", as Kubernetes would.
    return { name: e.string('name'), ...(valueFrom ? { valueFrom } : { value: value ?? '' }) };
  });
}

function buildResources(f: Fields): Record<string, unknown> | undefined {
  const r = f.optObject('resources');
  if (!r) return undefined;
  const quantities = (key: 'limits' | 'requests') => {
    const map = r.optStringMap(key);
    for (const [k, q] of Object.entries(map ?? {})) {
      if (!isQuantity(q)) r.fail(`${key}.${k}`, `${JSON.stringify(q)} is not a quantity such as 500m, 1Gi or 2`);
    }
    return map;
  };
  const out = { ...optional('limits', quantities('limits')), ...optional('requests', quantities('requests')) };
  return Object.keys(out).length > 0 ? out : undefined;
}
