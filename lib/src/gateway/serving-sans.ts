import { GATEWAY_SERVICE } from './names.ts';

/** Where the serving certificate is used. */
export interface ServingIdentity {
  readonly service?: string;
  readonly namespace: string;
  /** Cluster DNS domain; derive it when known, most clusters use `cluster.local`. */
  readonly clusterDomain?: string;
  /** Out of cluster, the API server calls a loopback URL: add `localhost` and `127.0.0.1`. */
  readonly local?: boolean;
}

/**
 * The subject alternative names of the serving certificate (DESIGN §7): `svc`, `svc.ns`,
 * `svc.ns.svc` (the one the API server checks for a Service webhook; CN-only certs fail since
 * Kubernetes 1.19), `svc.ns.svc.<clusterDomain>`, and the loopback names for local runs.
 */
export function servingSans(id: ServingIdentity): string[] {
  const svc = id.service ?? GATEWAY_SERVICE;
  const domain = id.clusterDomain ?? 'cluster.local';
  const sans = [svc, `${svc}.${id.namespace}`, `${svc}.${id.namespace}.svc`, `${svc}.${id.namespace}.svc.${domain}`];
  return id.local ? [...sans, 'localhost', '127.0.0.1'] : sans;
}
