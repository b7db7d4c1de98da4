// Shared fixtures of the gateway's unit tests: Katalogs (the logger fake is fakeLogger in @orkestra/lib/testing).
import { readFileSync } from 'node:fs';
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


/** Issue 18: the two-version Website of examples/versioned (conversion paths both ways), with `security` lines to add. */
export function versionedKatalog(security = ''): Katalog {
  const text = readFileSync(new URL('../../../examples/versioned/katalog.yaml', import.meta.url), 'utf8')
    .replace('  conversion:\n    enabled: true\n', `  conversion:\n    enabled: true\n${security}`);
  const r = parseKatalog({ file: 'katalog.yaml', text }, { readFile: () => undefined });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.katalog;
}
