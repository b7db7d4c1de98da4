import type { Fields } from '../fields.ts';
import { isPortName } from '../kube-syntax.ts';
import { optional } from '../optional.ts';

/** Which probe: liveness and startup probes must have successThreshold 1. */
export type ProbeRole = 'liveness' | 'readiness' | 'startup';

/** Expands a probe shorthand into a Kubernetes Probe; `containerPort` is the default port. */
export function buildProbe(p: Fields, role: ProbeRole, containerPort: number | undefined): Record<string, unknown> {
  const command = p.optStringList('command');
  const path = p.optString('path');
  const type = p.optEnum('type', ['http', 'tcp', 'exec', 'grpc'] as const)
    ?? (command ? 'exec' : path !== undefined ? 'http' : 'tcp');
  const successThreshold = p.optInt('successThreshold', { min: 1 });
  if (role !== 'readiness' && successThreshold !== undefined && successThreshold !== 1) {
    p.fail('successThreshold', `must be 1 for a ${role} probe`);
  }
  return {
    ...handler(p, type, path, command, containerPort),
    ...optional('initialDelaySeconds', p.optInt('initialDelaySeconds', { min: 0 })),
    ...optional('periodSeconds', p.optInt('periodSeconds', { min: 1 })),
    ...optional('timeoutSeconds', p.optInt('timeoutSeconds', { min: 1 })),
    ...optional('successThreshold', successThreshold),
    ...optional('failureThreshold', p.optInt('failureThreshold', { min: 1 })),
  };
}

function handler(p: Fields, type: 'http' | 'tcp' | 'exec' | 'grpc', path: string | undefined,
                 command: string[] | undefined, containerPort: number | undefined): Record<string, unknown> {
  if (type === 'exec') return { exec: { command: command ?? p.fail('command', 'is required for an exec probe') } };
  const port = probePort(p, containerPort);
  if (type === 'tcp') return { tcpSocket: { port } };
  if (type === 'grpc') {
    if (typeof port !== 'number') p.fail('port', 'must be a number for a grpc probe');
    return { grpc: { port } };
  }
  const scheme = p.optEnum('scheme', ['HTTP', 'HTTPS'] as const);
  return { httpGet: { path: path ?? '/', port, ...optional('scheme', scheme) } };
}

function probePort(p: Fields, containerPort: number | undefined): number | string {
  const port = p.optIntOrString('port') ?? containerPort ?? p.fail('port', 'is required when the item has no port');
  if (typeof port === 'number' ? port < 1 || port > 65535 : !isPortName(port)) {
    p.fail('port', `${JSON.stringify(port)} must be a port number (1-65535) or a port name`);
  }
  return port;
}
