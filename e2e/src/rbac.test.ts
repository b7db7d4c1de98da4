// A token of each bundle ServiceAccount holds exactly the rules the planner planned: nothing
// missing, nothing extra (SelfSubjectRulesReview, minus what every authenticated user may do).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, planRbac, type Component, type PlannedRole } from '@orkestra/lib';
import { readFileSync } from 'node:fs';
import { REPO } from './harness/control-plane.ts';
import { kubectlOk } from './harness/kubectl.ts';
import { cleanupNamespaces, freshNamespace } from './harness/namespace.ts';
import { ork } from './harness/ork.ts';
import { scratchDir } from './harness/scratch.ts';
import { minus, ruleAtoms } from './harness/rbac-atoms.ts';
import { selfRules } from './harness/self-rules.ts';

const test = suite('bundle ServiceAccounts hold exactly the planned rules');
const dir = scratchDir('rbac');
test.after(() => {
  cleanupNamespaces();
});

function install(example: string, args: string[]): string {
  const ns = freshNamespace('rbac');
  kubectlOk(['delete', 'namespace', ns]);
  const file = join(dir, `${ns}.yaml`);
  writeFileSync(file, ork(['generate', 'bundle', '-f', `examples/${example}/katalog.yaml`, '-n', ns, ...args]));
  kubectlOk(['apply', '--server-side', '--field-manager', 'e2e', '-f', file]);
  return ns;
}

function token(ns: string, serviceAccount: string): string {
  return kubectlOk(['create', 'token', serviceAccount, '--duration', '10m'], { namespace: ns }).trim();
}

function planned(example: string, ns: string, component: Component, inNamespace: string): Set<string> {
  const file = `examples/${example}/katalog.yaml`;
  const parsed = parseKatalog({ file, text: readFileSync(join(REPO, file), 'utf8') });
  if (!parsed.ok) throw new Error(`${file} is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  const roles: readonly PlannedRole[] = planRbac(parsed.katalog, { namespace: ns }).components[component].roles;
  const applicable = roles.filter((r) => r.scope.type === 'cluster' || r.scope.namespace === inNamespace);
  return ruleAtoms(applicable.flatMap((r) => r.rules.map((p) => p.rule)));
}

// What any authenticated ServiceAccount may do (self reviews, discovery): measured, not guessed.
function baseline(ns: string): Set<string> {
  kubectlOk(['create', 'serviceaccount', 'nobody'], { namespace: ns });
  return selfRules(token(ns, 'nobody'), ns);
}

for (const [example, component, serviceAccount, args] of [
  ['website', 'runtime', 'orkestra', []],
  ['gateway', 'gateway', 'orkestra-gateway', ['--for', 'gateway']],
  // Issue 12: the Control Center reads CRs through the runtimes' secured API with its own token,
  // so it holds get and list on each enabled CRD's resource, and nothing more.
  ['website', 'cc', 'orkestra-cc', ['--for', 'cc']],
] as const) {
  test(`${example}: ${serviceAccount} holds exactly the ${component} plan, in its namespace and elsewhere`, () => {
    const ns = install(example, [...args]);
    const base = baseline(ns);
    const t = token(ns, serviceAccount);
    const other = freshNamespace('elsewhere');
    for (const where of [ns, other]) {
      const held = new Set([...selfRules(t, where)].filter((a) => !base.has(a)));
      const want = planned(example, ns, component, where);
      assert.ok(want.size > 0, `nothing planned for ${where}`);
      assert.equal(minus(want, held), [], `planned but not held in ${where}`);
      assert.equal(minus(held, want), [], `held but not planned in ${where}`);
    }
  });
}

test.run();
