import * as v from 'valibot';
import { commonItemEntries, intOrStringField, stringField } from '../field-schemas/field-schemas.ts';
import { defaultChildName } from './default-name.ts';
import { Fields } from './fields.ts';
import type { BuildContext, KubeObject, RenderedItem } from './kube-object.ts';
import { isDns1035Label, isDnsLabel } from './kube-syntax.ts';
import { childMetadata } from './metadata.ts';
import { optional } from './optional.ts';
import { enumField, stringListField } from './schema-fields.ts';
import { typeMeta } from './type-meta.ts';

const PATH_TYPES = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;

/** Port of the backend Service when the item sets no `servicePort` (the Service default). */
export const DEFAULT_SERVICE_PORT = 80;

/** An `ingresses` item: one host and path routed to one Service. */
export const ingressItemSchema = v.strictObject({
  ...commonItemEntries,
  host: v.optional(stringField),
  path: v.optional(stringField),
  pathType: v.optional(enumField(PATH_TYPES)),
  serviceName: v.optional(stringField),
  servicePort: v.optional(intOrStringField),
  className: v.optional(stringField),
  tls: v.optional(v.strictObject({ secretName: v.optional(stringField), hosts: v.optional(stringListField) })),
});

/** Builds a networking.k8s.io/v1 Ingress; the backend defaults to the CR's default Service on port 80. */
export function buildIngress(item: RenderedItem, ctx: BuildContext): KubeObject {
  const f = new Fields(item);
  const metadata = childMetadata(f, ctx, { key: 'ingresses', namespaced: true });
  const host = f.optString('host');
  const path = f.optString('path') ?? '/';
  if (!path.startsWith('/')) f.fail('path', `${JSON.stringify(path)} must start with "/"`);
  const serviceName = f.optString('serviceName') ?? defaultChildName('services', { ...ctx, index: 0 });
  if (!isDns1035Label(serviceName)) f.fail('serviceName', `${JSON.stringify(serviceName)} must be a Service name (DNS-1035 label)`);
  const rule = {
    ...optional('host', host),
    http: {
      paths: [{
        path,
        pathType: f.optEnum('pathType', PATH_TYPES) ?? 'Prefix',
        backend: { service: { name: serviceName, port: servicePort(f) } },
      }],
    },
  };
  return {
    ...typeMeta('ingresses'),
    metadata,
    spec: {
      ...optional('ingressClassName', f.optString('className')),
      ...optional('tls', tls(f, host)),
      rules: [rule],
    },
  };
}

function servicePort(f: Fields): { number: number } | { name: string } {
  const port = f.optIntOrString('servicePort') ?? DEFAULT_SERVICE_PORT;
  if (typeof port === 'string') {
    if (!isDnsLabel(port)) f.fail('servicePort', `${JSON.stringify(port)} must be a port number or a Service port name`);
    return { name: port };
  }
  if (port < 1 || port > 65535) f.fail('servicePort', `must be between 1 and 65535, got ${port}`);
  return { number: port };
}

function tls(f: Fields, host: string | undefined): Record<string, unknown>[] | undefined {
  const t = f.optObject('tls');
  if (!t) return undefined;
  // Without hosts the TLS entry would cover nothing; the rule's host is what users mean.
  const hosts = t.optStringList('hosts') ?? (host === undefined ? undefined : [host]);
  return [{ ...optional('hosts', hosts), ...optional('secretName', t.optString('secretName')) }];
}
