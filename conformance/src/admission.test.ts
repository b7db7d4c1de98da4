// Runs every case under conformance/admission/<name>/: katalog.yaml (or policy.json), options.json
// ({path, gatewayNamespace}) and request.json (the raw body) in, plus pod.json (the PodLookup the
// gateway got for an eviction), expected.json out: the response AdmissionReview, or for a
// malformed body {httpStatus: 400, body} with the problems list.
// UPDATE_GOLDENS=1 rewrites expected.json from the current output (review the diff!).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog } from '@orkestra/lib';
import {
  answerAdmissionReview, decideDeletionProtection, decideMutation, decideNamespaceProtection, decideValidation, DELETION_PROTECTION_PATH, MUTATE_PATH, NAMESPACE_PROTECTION_PATH,
  planGatewayPolicy, VALIDATE_PATH, type AdmissionDecision, type AdmissionRequest, type AdmissionRule, type GatewayPolicy, type PodLookup,
} from '@orkestra/lib/gateway';

const CASES = new URL('../admission/', import.meta.url).pathname;
const update = process.env['UPDATE_GOLDENS'] === '1';
const test = suite('admission conformance');

interface CaseOptions {
  readonly path: typeof DELETION_PROTECTION_PATH | typeof NAMESPACE_PROTECTION_PATH | typeof VALIDATE_PATH | typeof MUTATE_PATH;
  readonly gatewayNamespace: string;
}

function policyOf(dir: string, gatewayNamespace: string): GatewayPolicy {
  const policyFile = join(dir, 'policy.json');
  if (existsSync(policyFile)) return JSON.parse(readFileSync(policyFile, 'utf8')) as GatewayPolicy;
  const result = parseKatalog({ file: 'katalog.yaml', text: readFileSync(join(dir, 'katalog.yaml'), 'utf8') });
  if (!result.ok) throw new Error(`katalog.yaml is invalid: ${result.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`).join('; ')}`);
  return planGatewayPolicy(result.katalog, gatewayNamespace);
}

/** The decision function the gateway mounts at a path. */
function decider(path: CaseOptions['path'], policy: GatewayPolicy, pod: PodLookup | undefined): (r: AdmissionRequest) => AdmissionDecision {
  if (path === DELETION_PROTECTION_PATH && policy.deletion) return (r) => decideDeletionProtection(r, policy.deletion!, pod);
  if (path === NAMESPACE_PROTECTION_PATH && policy.namespace) return (r) => decideNamespaceProtection(r, policy.namespace!);
  // Issue 15: the rule webhooks.
  if (path === VALIDATE_PATH && policy.admission) return (r) => decideValidation(r, policy.admission!);
  if (path === MUTATE_PATH && policy.admission) return (r) => decideMutation(r, policy.admission!);
  throw new Error(`no webhook at ${path} for this policy`);
}

const names = readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'request.json'))).sort();
const rules = new Set<AdmissionRule>();
const outcomes = { allowed: 0, denied: 0, invalid: 0 };

for (const name of names) {
  test(name, () => {
    const dir = join(CASES, name);
    const options = JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as CaseOptions;
    const podFile = join(dir, 'pod.json');
    const pod = existsSync(podFile) ? JSON.parse(readFileSync(podFile, 'utf8')) as PodLookup : undefined;
    const answer = answerAdmissionReview(readFileSync(join(dir, 'request.json'), 'utf8'), decider(options.path, policyOf(dir, options.gatewayNamespace), pod));
    const output = answer.type === 'decided' ? answer.body : { httpStatus: answer.httpStatus, body: answer.body };
    if (answer.type === 'decided') {
      rules.add(answer.decision.rule);
      outcomes[answer.decision.allowed ? 'allowed' : 'denied']++;
    } else {
      outcomes.invalid++;
    }
    const text = `${JSON.stringify(output, null, 2)}\n`;
    const expected = join(dir, 'expected.json');
    // Issue 15: a JSON Patch travels base64-encoded; expected-patch.json shows it decoded for review.
    const patch = answer.type === 'decided' && answer.body.response.patch !== undefined
      ? `${JSON.stringify(JSON.parse(Buffer.from(answer.body.response.patch, 'base64').toString('utf8')), null, 2)}\n` : undefined;
    const patchFile = join(dir, 'expected-patch.json');
    if (update) {
      writeFileSync(expected, text);
      if (patch !== undefined) writeFileSync(patchFile, patch);
      return;
    }
    assert.is(existsSync(patchFile), patch !== undefined, `${name}: expected-patch.json exists exactly when the answer carries a patch`);
    if (patch !== undefined) assert.fixture(patch, readFileSync(patchFile, 'utf8'), `${name}/expected-patch.json`);
    assert.ok(existsSync(expected), `${name} has no expected.json: run with UPDATE_GOLDENS=1 and review`);
    assert.fixture(text, readFileSync(expected, 'utf8'), `${name}/expected.json`);
    if (answer.type === 'decided') {
      const request = JSON.parse(readFileSync(join(dir, 'request.json'), 'utf8')) as { request: { uid: string } };
      assert.is(answer.body.response.uid, request.request.uid, 'the response echoes request.uid');
    }
  });
}

test('the suite covers every rule, allowed, denied and malformed', () => {
  assert.ok(names.length >= 20, `only ${names.length} cases`);
  const every: AdmissionRule[] = [
    'none', 'gateway-namespace', 'protection-label', 'protected-crd', 'protected-custom-resource', 'missing-old-object', 'strict-mode',
    'strict-mode-exempt', 'restricted-namespace-delete', 'restricted-namespace-create', 'namespace-not-allowed', 'restricted-namespace-write', 'system-identity',
    'undecided', 'validation-rules', 'mutation-rules', 'not-katalog',
  ];
  assert.equal(every.filter((r) => !rules.has(r)), [], 'rules without a case');
  assert.ok(outcomes.allowed >= 5 && outcomes.denied >= 10 && outcomes.invalid >= 4, JSON.stringify(outcomes));
});

test.run();
