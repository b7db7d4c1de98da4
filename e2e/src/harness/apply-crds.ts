// The e2e files share one control plane and some Katalogs define the same CRD name with other
// versions (examples/website serves Website v1alpha1, examples/admission v1). The API server
// refuses to drop a version that is still in status.storedVersions, so a CRD an earlier file left
// behind would fail this file's apply. Files are independent: such a CRD is deleted, with the
// finalizers of its leftover CRs stripped (the runtime that owned them is gone), and applied afresh.
import { parseAllDocuments } from 'yaml';
import { kubectl, kubectlOk } from './kubectl.ts';

/** Applies the CRDs in `text` server-side and waits until each is Established; returns their names. */
export function applyCrds(text: string): string[] {
  const names = parseAllDocuments(text)
    .map((d) => (d.toJS() as { metadata?: { name?: string } } | null)?.metadata?.name)
    .filter((n): n is string => typeof n === 'string');
  if (names.length === 0) return names;
  const apply = ['apply', '--server-side', '--field-manager', 'e2e', '-f', '-'];
  const first = kubectl(apply, { input: text });
  if (first.status !== 0) {
    if (!/storedVersions/.test(first.stderr)) throw new Error(`kubectl ${apply.join(' ')} failed (${first.status}): ${first.stderr}`);
    for (const name of names) dropLeftoverCrd(name);
    kubectlOk(apply, { input: text });
  }
  for (const name of names) kubectlOk(['wait', '--for', 'condition=Established', '--timeout', '60s', `crd/${name}`]);
  return names;
}

function dropLeftoverCrd(name: string): void {
  if (kubectl(['get', 'crd', name, '-o', 'name']).status !== 0) return;
  const crs = kubectl(['get', name, '--all-namespaces', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}']).stdout;
  for (const line of crs.split('\n').filter(Boolean)) {
    const [namespace, cr] = line.split(' ');
    kubectl(['patch', name, cr!, '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}', ...(namespace ? ['-n', namespace] : [])]);
  }
  kubectlOk(['delete', 'crd', name, '--timeout', '60s']);
}
