// Shared fixture of the gateway's unit tests: a Katalog (the logger fake is fakeLogger in @orkestra/lib/testing).
import { parseKatalog, type Katalog } from '@orkestra/lib';

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
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.katalog;
}

