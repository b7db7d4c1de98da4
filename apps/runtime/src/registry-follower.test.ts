// The follower's decisions against the in-memory registry and cluster of @orkestra/lib/testing
// (the same flow against the real registry and API server: e2e/src/registry-runtime.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, planRbac, type Katalog, type PolicyRule } from '@orkestra/lib';
import { planKatalogArtifact, pushKatalogArtifact } from '@orkestra/lib/registry';
import type { Cluster } from '@orkestra/lib/ports';
import { fakeClock, fakeCluster, fakeRegistry, seededEntropy } from '@orkestra/lib/testing';
import { createLogger } from '@orkestra/adapters/process';
import { ControllerSet } from './controller-set.ts';
import type { CrdController } from './crd-controller.ts';
import { RegistryFollower } from './registry-follower.ts';

const test = suite('RegistryFollower');
const NS = 'orkestra-system';
const ref = { host: 'reg.test', repository: 'platform/k', tag: 'stable' };
const text = (crds: string) => `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: demo, version: "1"}\nspec:\n  crds:\n${crds}`;
const crd = (name: string, children = '          configMaps:\n            - data: {a: b}\n') =>
  `    ${name}:\n      apiTypes: {group: demo.example.com, version: v1, kind: K${name}, plural: ${name}s}\n      operatorBox:\n        onCreate:\n${children}`;

function setup(granted: string) {
  const registry = fakeRegistry();
  const clock = fakeClock(1_000_000);
  const base = fakeCluster({ clock });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('debug', clock, (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
  // What SelfSubjectRulesReviews answer: the bundle of the Katalog `granted` holds.
  let held: PolicyRule[] = [];
  const grant = (t: string) => {
    const parsed = parseKatalog({ file: 'g.yaml', text: t });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const k: Katalog = parsed.katalog;
    held = planRbac(k, { namespace: NS }).components.runtime.roles.flatMap((r) => r.rules.map((x) => x.rule));
  };
  grant(granted);
  const events: string[] = [];
  const cluster: Cluster = {
    ...base,
    async create(resource, object) {
      if (resource.resource === 'selfsubjectrulesreviews') return { ok: true, value: { ...object, status: { resourceRules: held } } };
      if (resource.resource === 'events') events.push(`${object['reason'] as string} ${object['note'] as string}`);
      return base.create(resource, object);
    },
  };
  const started: string[] = [];
  const set = new ControllerSet((_k, name) => {
    started.push(name);
    return { crd: { name }, health: () => ({ state: 'healthy' }), leadershipChanged: () => undefined,
      run: (s: AbortSignal) => new Promise<void>((r) => s.addEventListener('abort', () => r(), { once: true })) } as unknown as CrdController;
  }, log);
  const follower = new RegistryFollower({
    config: { reference: ref, pollIntervalMs: 1000, plainHttp: false }, namespace: NS, client: registry, cluster, set, clock, entropy: seededEntropy(1), log, identity: 'test',
  });
  const push = async (t: string) => {
    const artifact = planKatalogArtifact([{ role: 'katalog', bytes: new TextEncoder().encode(t) }], { version: 'v' });
    await pushKatalogArtifact(registry, ref, artifact);
    return artifact.digest;
  };
  return { registry, follower, set, lines, events, started, push, grant };
}

/** One poll, as the follower's loop runs it each interval. */
function poll(follower: RegistryFollower): Promise<void> {
  return follower.poll(new AbortController().signal);
}

test('loads, swaps a new digest, refuses an invalid one for good and an RBAC-short one until granted', async () => {
  const V1 = text(crd('alpha'));
  const V2 = text(crd('alpha') + crd('beta'));
  const h = setup(V2);
  const d1 = await h.push(V1);
  await poll(h.follower);
  assert.is(h.follower.status().digest, d1);
  assert.equal(h.started, ['alpha']);
  assert.ok(h.events.some((e) => e.startsWith('KatalogLoaded')), h.events.join('\n'));

  const d2 = await h.push(V2);
  await poll(h.follower);
  assert.is(h.follower.status().digest, d2);
  assert.equal(h.started, ['alpha', 'beta'], 'alpha kept, beta started');

  const d3 = await h.push(V2.replace('kind: Kbeta', 'kind: Kbeta, bogus: 1'));
  await poll(h.follower);
  assert.is(h.follower.status().digest, d2, 'the running Katalog stays');
  assert.is(h.follower.status().refused?.code, 'ORK5102');
  assert.is(h.follower.status().refused?.digest, d3);
  const pulls = h.registry.calls.filter((c) => c.startsWith('fetchManifest')).length;
  await poll(h.follower);
  assert.is(h.registry.calls.filter((c) => c.startsWith('fetchManifest')).length, pulls, 'an invalid digest is not pulled again');

  const V4 = text(crd('alpha', '          configMaps:\n            - data: {a: b}\n          services:\n            - port: 80\n') + crd('beta'));
  const d4 = await h.push(V4);
  await poll(h.follower);
  const refused = h.follower.status().refused!;
  assert.is(refused.code, 'ORK5103');
  assert.ok(refused.missing?.includes('create services'));
  assert.is(refused.apply, `ork generate bundle -f oci://reg.test/platform/k@${d4} -n ${NS} | kubectl apply --server-side -f -`);
  assert.is(h.lines.filter((l) => l['msg'] === 'katalog refused: permissions missing').length, 1);
  await poll(h.follower);
  assert.is(h.lines.filter((l) => l['msg'] === 'katalog refused: permissions missing').length, 1, 'said once per digest');
  h.grant(V4);
  await poll(h.follower);
  assert.is(h.follower.status().digest, d4, 'runs once the bundle is applied');
  assert.is(h.follower.status().refused, undefined);
  assert.equal(h.started, ['alpha', 'beta', 'alpha'], 'alpha restarted');
});

test('registry errors: kept running, said once, cleared on recovery; credentials are ORK5105', async () => {
  const V1 = text(crd('alpha'));
  const h = setup(V1);
  const d1 = await h.push(V1);
  await poll(h.follower);
  h.registry.failWith({ type: 'unavailable', message: 'connect ECONNREFUSED' });
  await poll(h.follower);
  await poll(h.follower);
  assert.is(h.follower.status().lastError?.code, 'ORK5104');
  assert.is(h.lines.filter((l) => l['msg'] === 'registry poll failed').length, 1);
  h.registry.failWith({ type: 'unauthorized', status: 401, message: 'credentials rejected' });
  await poll(h.follower);
  assert.is(h.follower.status().lastError?.code, 'ORK5105');
  assert.is(h.follower.status().digest, d1);
  h.registry.failWith(undefined);
  await poll(h.follower);
  assert.is(h.follower.status().lastError, undefined);
});

test.run();
