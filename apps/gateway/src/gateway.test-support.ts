// Shared fixtures of the gateway's unit tests: a Katalog, a silent logger, and fast fake certificates.
import { parseKatalog, type Katalog } from '@orkestra/lib';
import type { LogFields, Logger } from '@orkestra/adapters/app';

/** A standalone gateway Katalog (the seed's), with certManager values the tests can override. */
export function gatewayKatalog(extra = ''): Katalog {
  const text = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: t}
gateway: {standalone: true}
security:
  deletionProtection: {enabled: true, failurePolicy: Fail, cleanupOnShutdown: true}
  namespaceProtection: {enabled: true, restrictedNamespaces: [team-x]}
${extra}spec: {}
`;
  const r = parseKatalog({ file: 'k.yaml', text }, { readFile: () => undefined });
  if (!r.katalog) throw new Error(JSON.stringify(r.diagnostics));
  return r.katalog;
}

/** A logger that keeps its lines for assertions. */
export function memoryLogger(): Logger & { readonly lines: { msg: string; fields: LogFields }[] } {
  const lines: { msg: string; fields: LogFields }[] = [];
  const make = (base: LogFields): Logger => {
    const emit = (msg: string, fields: LogFields = {}): void => { lines.push({ msg, fields: { ...base, ...fields } }); };
    return { debug: emit, info: emit, warn: emit, error: emit, child: (f) => make({ ...base, ...f }) };
  };
  return Object.assign(make({}), { lines });
}
