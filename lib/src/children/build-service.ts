import * as v from 'valibot';
import {
  boolField, commonItemEntries, intField, intOrStringField, stringField, stringMapField,
} from '../field-schemas/field-schemas.ts';
import { coded } from '../field-schemas/coded.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isDnsLabel, isPortName } from './kube-syntax.ts';
import { podSelectorFor } from './labels.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { enumField, orTemplate } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const SINGLE_PORT_FIELDS = ['port', 'targetPort', 'protocol', 'nodePort'] as const;

const servicePortField = v.strictObject({
  name: v.optional(stringField),
  port: intField,
  targetPort: v.optional(intOrStringField),
  protocol: v.optional(enumField(['TCP', 'UDP', 'SCTP'])),
  nodePort: v.optional(intField),
  appProtocol: v.optional(stringField),
});

/** A `services` item: one port via `port`/`targetPort`/`protocol`/`nodePort`, or a full `ports` list. */
export const serviceItemSchema = v.pipe(
  v.strictObject({
    ...commonItemEntries,
    type: v.optional(enumField(['ClusterIP', 'NodePort', 'LoadBalancer'])),
    headless: v.optional(boolField),
    selector: v.optional(stringMapField),
    port: v.optional(intField),
    targetPort: v.optional(intOrStringField),
    protocol: v.optional(enumField(['TCP', 'UDP', 'SCTP'])),
    nodePort: v.optional(intField),
    ports: v.optional(orTemplate(v.array(servicePortField))),
  }),
  v.forward(
    v.partialCheck([['ports'], ['port'], ['targetPort'], ['protocol'], ['nodePort']],
      (item) => item.ports === undefined || SINGLE_PORT_FIELDS.every((k) => item[k] === undefined),
      coded('ORK1111', `ports (the full list) cannot be combined with ${SINGLE_PORT_FIELDS.join(', ')}`)),
    ['ports'],
  ),
);

/** Builds a v1 Service; it selects the CR's workload pods unless `selector` is set. */
export function buildService(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'services', namespaced: true });
  const type = f.optEnum('type', ['ClusterIP', 'NodePort', 'LoadBalancer'] as const) ?? 'ClusterIP';
  const headless = f.optBool('headless') ?? false;
  if (headless && type !== 'ClusterIP') f.fail('headless', `a headless Service must be of type ClusterIP, not ${type}`);
  return {
    ...typeMeta('services'),
    metadata,
    spec: {
      type,
      ...(headless && { clusterIP: 'None' }),
      selector: f.optStringMap('selector') ?? podSelectorFor(ctx),
      ports: f.has('ports') ? fullPorts(f, type) : [readPort(f, type, 80)],
    },
  };
}

function fullPorts(f: Fields, type: string): Record<string, unknown>[] {
  for (const k of SINGLE_PORT_FIELDS) if (f.has(k)) f.fail(k, 'cannot be combined with ports (the full list)');
  const list = f.optObjectList('ports') ?? f.fail('ports', 'must list at least one port');
  return list.map((p) => {
    const name = p.optString('name');
    if (name !== undefined && !isDnsLabel(name)) p.fail('name', `${JSON.stringify(name)} must be a DNS-1123 label`);
    if (name === undefined && list.length > 1) p.fail('name', 'is required when a Service has several ports');
    return { ...optional('name', name), ...readPort(p, type, undefined), ...optional('appProtocol', p.optString('appProtocol')) };
  });
}

/** One ServicePort; `targetPort` defaults to `port`, `protocol` to TCP. */
function readPort(f: Fields, type: string, defaultPort: number | undefined): Record<string, unknown> {
  const port = f.optInt('port', { min: 1, max: 65535 }) ?? defaultPort ?? f.fail('port', 'is required');
  const targetPort = f.optIntOrString('targetPort') ?? port;
  if (typeof targetPort === 'number' ? targetPort < 1 || targetPort > 65535 : !isPortName(targetPort)) {
    f.fail('targetPort', `${JSON.stringify(targetPort)} must be a port number (1-65535) or a container port name`);
  }
  const nodePort = f.optInt('nodePort', { min: 1, max: 65535 });
  if (nodePort !== undefined && type === 'ClusterIP') f.fail('nodePort', 'needs type NodePort or LoadBalancer');
  return {
    port,
    targetPort,
    protocol: f.optEnum('protocol', ['TCP', 'UDP', 'SCTP'] as const) ?? 'TCP',
    ...optional('nodePort', nodePort),
  };
}
