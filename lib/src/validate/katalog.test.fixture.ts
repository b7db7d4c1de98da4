// Builds test Katalogs from YAML text. Child items are also checked against their kind's item
// schema, so these fixtures stay valid once the Katalog validator checks items itself.
import * as v from 'valibot';
import { CHILD_KINDS, type ChildKindInfo } from '../children/index.ts';
import type { CrdEntry, Katalog } from '../katalog/model.ts';
import { parseKatalog } from './parse-katalog.ts';
import type { ReadFile } from '../katalog/normalize-katalog.ts';

const KINDS: Readonly<Record<string, ChildKindInfo | undefined>> = CHILD_KINDS;

/** Parses a Katalog; throws with the diagnostics when it is invalid. */
export function katalogFrom(text: string, readFile?: ReadFile): Katalog {
  const result = parseKatalog({ file: 'katalog.yaml', text }, readFile ? { readFile } : {});
  if (!result.ok) throw new Error(`test Katalog is invalid:\n${result.diagnostics.map((d) => `${d.path}: ${d.code} ${d.message}`).join('\n')}`);
  for (const crd of result.katalog.crds) {
    for (const item of crd.children) {
      const schema = KINDS[item.key]?.itemSchema;
      const check = schema && v.safeParse(schema, item.spec);
      if (!check?.success) throw new Error(`test item ${item.key}[${item.index}] is invalid: ${check?.issues.map((i) => i.message).join('; ') ?? 'unknown kind'}`);
    }
  }
  return result.katalog;
}

/** A one-CRD Katalog (`App` in demo.example.com) whose CRD entry body is `entry` (YAML, indented 6). */
export function crdFrom(entry: string, readFile?: ReadFile): CrdEntry {
  const katalog = katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: test}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps}
${entry}`, readFile);
  return katalog.crds[0]!;
}

/** A one-CRD Katalog whose `operatorBox.onCreate` is `lists` (YAML, indented 10). */
export function crdWithChildren(lists: string): CrdEntry {
  return crdFrom(`      operatorBox:
        onCreate:
${lists}`);
}
