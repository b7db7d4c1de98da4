#!/usr/bin/env node
// Issue 5, benchmark (2): latency through the API server with no admission, with the gateway
// (`ork gate` from its bundle, a local process the API server calls on 127.0.0.1) and with an
// equivalent in-tree ValidatingAdmissionPolicy (CEL), the lower bound, and (issue 15) with policy
// mode: the ValidatingAdmissionPolicies `ork generate bundle` plans for the same Katalog with
// `security.mode: policy` (planned here by lib, as the bundle does). Not a test.
//
// Starts its own control plane (tools/kube/up), installs the gateway bundle for the Katalog
// (default examples/gateway/katalog.yaml) and runs the gateway under its ServiceAccount token, as
// e2e does. Modes are switched without restarting anything: the gateway keeps running in every
// mode, with its housekeeper paused (Secret annotation) so that it does not re-create the
// configurations we delete; in `gateway` mode its two configurations, as it wrote them, are put back.
// Operations, timed client-side over keep-alive HTTPS with the admin client certificate:
//   create  / delete : POST then DELETE of an unlabelled ConfigMap (no webhook or policy matches:
//                      the gateway's objectSelector and the policy's matchConstraints exclude it)
//   protected delete : DELETE ?dryRun=All of a ConfigMap labelled orkestra.io/deletion-protection=true
//                      (denied 403 by the gateway and by the policy; 200 with no admission)
// Blocks run in rounds, the mode order rotating each round; samples are pooled per mode.
//
//   node bench/gateway/apiserver.mjs [--rounds 2] [--pairs 1000] [--deletes 1500] [--warmup 200]
//                                    [--concurrency 4] [--concurrent-pairs 500] [--concurrent-deletes 1000]
//                                    [--katalog examples/gateway/katalog.yaml] [--json out.json]
//   node bench/gateway/apiserver.mjs --render out.json        (the tables of a saved run)
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { cleanup, cleaningUp, installGateway, log, onCleanup, REPO, sleep, startGateway, upControlPlane } from './bench-cluster.mjs';
import { parseKatalog } from '../../lib/dist/index.js';
import { planPolicyMode } from '../../lib/dist/policy/index.js';

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    pairs: { type: 'string', default: '1000' },
    deletes: { type: 'string', default: '1500' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    'concurrent-pairs': { type: 'string', default: '500' },
    'concurrent-deletes': { type: 'string', default: '1000' },
    katalog: { type: 'string', default: 'examples/gateway/katalog.yaml' },
    json: { type: 'string' },
    render: { type: 'string' },
  },
});
const N = {
  rounds: Number(opts.rounds), pairs: Number(opts.pairs), deletes: Number(opts.deletes), warmup: Number(opts.warmup),
  conc: Number(opts.concurrency), cPairs: Number(opts['concurrent-pairs']), cDeletes: Number(opts['concurrent-deletes']),
};
const KATALOG = resolve(REPO, opts.katalog);
const GW_NS = 'ork-bench-gateway';
const NS = 'ork-bench';
const LABEL = 'orkestra.io/deletion-protection';
const MODES = ['none', 'gateway', 'vap', 'policy'];

/** The policy-mode policies of the bench's Katalog: the same Katalog with security.mode: policy. */
function policyModePolicies(file, namespace) {
  const doc = parseYaml(readFileSync(file, 'utf8'));
  doc.security = { ...doc.security, mode: 'policy' };
  const parsed = parseKatalog({ file, text: stringifyYaml(doc) });
  if (!parsed.ok) throw new Error(`policy mode of ${file}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return planPolicyMode(parsed.katalog, namespace).policies;
}

// ---- control plane, bundle, gateway ---------------------------------------------------------
async function main() {
  const load0 = loadavg();
  const { scratch, kubectl, admin, kube } = await upControlPlane({ maxSockets: Math.max(1, N.conc) });
  const tokenKubeconfig = await installGateway({ katalog: KATALOG, namespace: GW_NS, scratch, kubectl, admin });

  await kube.must('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await kube.must('POST', `/api/v1/namespaces/${NS}/configmaps`, {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'protected', labels: { [LABEL]: 'true' } }, data: { k: 'v' },
  });

  const gw = startGateway({ kubeconfig: tokenKubeconfig, katalog: KATALOG, namespace: GW_NS });
  onCleanup(() => gw.stop());
  const gwBase = await gw.ready();
  log('gateway ready at', gwBase);
  const whcNames = ['orkestra-deletion-protection', 'orkestra-namespace-protection'];
  const whcPath = (n = '') => `/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations${n ? `/${n}` : ''}`;
  const saved = [];
  for (const n of whcNames) {
    const o = await kube.must('GET', whcPath(n));
    saved.push({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, labels: o.metadata.labels }, webhooks: o.webhooks });
  }
  // Pause the housekeeper (live break-glass switch), then take the configurations away.
  await kube.must('PATCH', `/api/v1/namespaces/${GW_NS}/secrets/orkestra-gateway-tls`,
    { metadata: { annotations: { 'orkestra.io/housekeeper-paused': 'true' } } }, undefined);
  await gw.waitFor('housekeeper paused', 30_000);
  for (const n of whcNames) await kube.must('DELETE', whcPath(n));

  const vapPath = '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies';
  const vapbPath = '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings';
  const selectors = {
    objectSelector: { matchLabels: { [LABEL]: 'true' } },
    namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [GW_NS] }] },
  };
  const policy = {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'bench-deletion-protection' },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        ...selectors,
        resourceRules: [{ operations: ['DELETE'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], scope: '*' }],
      },
      validations: [{
        expression: `oldObject == null || !has(oldObject.metadata.labels) || !('${LABEL}' in oldObject.metadata.labels) || oldObject.metadata.labels['${LABEL}'] != 'true'`,
        reason: 'Forbidden', // 403 as the webhook's denial (the default reason, Invalid, is 422)
        message: `deleting this object is denied by deletion protection: it carries the label ${LABEL}: "true"`,
      }],
    },
  };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'bench-deletion-protection' },
    spec: { policyName: 'bench-deletion-protection', validationActions: ['Deny'], matchResources: selectors },
  };

  const planned = policyModePolicies(KATALOG, GW_NS);
  log(`policy mode: ${planned.length} policies (${planned.map((p) => p.policy.metadata.name).join(', ')})`);
  const modes = {
    policy: {
      up: async () => {
        for (const p of planned) await kube.must('POST', vapPath, p.policy);
        for (const p of planned) await kube.must('POST', vapbPath, p.binding);
      },
      down: async () => {
        for (const p of planned) await kube.must('DELETE', `${vapbPath}/${p.binding.metadata.name}`);
        for (const p of planned) await kube.must('DELETE', `${vapPath}/${p.policy.metadata.name}`);
      },
      expect: (r) => r.status === 403 && r.body.includes("ValidatingAdmissionPolicy 'orkestra-deletion-protection-labels'"),
    },
    none: { up: async () => {}, down: async () => {}, expect: (r) => r.status === 200 },
    gateway: {
      up: async () => { for (const o of saved) await kube.must('POST', whcPath(), o); },
      down: async () => { for (const n of whcNames) await kube.must('DELETE', whcPath(n)); },
      expect: (r) => r.status === 403 && r.body.includes('admission webhook \\"labels.deletion-protection.orkestra.io\\" denied'),
    },
    vap: {
      up: async () => { await kube.must('POST', vapPath, policy); await kube.must('POST', vapbPath, binding); },
      down: async () => { await kube.must('DELETE', `${vapbPath}/bench-deletion-protection`); await kube.must('DELETE', `${vapPath}/bench-deletion-protection`); },
      expect: (r) => r.status === 403 && r.body.includes('ValidatingAdmissionPolicy'),
    },
  };
  const protectedPath = `/api/v1/namespaces/${NS}/configmaps/protected?dryRun=All`;
  async function settle(mode) {
    const deadline = Date.now() + 60_000;
    for (let ok = 0; ok < 20;) {
      const r = await kube.call('DELETE', protectedPath);
      if (modes[mode].expect(r)) ok++;
      else {
        ok = 0;
        if (Date.now() > deadline) throw new Error(`mode ${mode} did not take effect: ${r.status} ${r.body.slice(0, 300)}`);
        await sleep(100);
      }
    }
  }

  const samples = Object.fromEntries(MODES.map((m) => [m, { create: [], delete: [], protected: [], 'create c': [], 'delete c': [], 'protected c': [] }]));
  const gwCalls = Object.fromEntries(MODES.map((m) => [m, { plain: 0, protected: 0 }]));
  let seq = 0;
  async function pairs(mode, count, into, conc) {
    await parallel(count, conc, async () => {
      const name = `b${seq++}`;
      const c = await kube.call('POST', `/api/v1/namespaces/${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });
      if (c.status !== 201) throw new Error(`create ${name}: ${c.status} ${c.body.slice(0, 300)}`);
      const d = await kube.call('DELETE', `/api/v1/namespaces/${NS}/configmaps/${name}`);
      if (d.status !== 200) throw new Error(`delete ${name}: ${d.status} ${d.body.slice(0, 300)}`);
      into?.create.push(c.ms);
      into?.delete.push(d.ms);
    });
  }
  async function protectedDeletes(mode, count, into, conc) {
    await parallel(count, conc, async () => {
      const r = await kube.call('DELETE', protectedPath);
      if (!modes[mode].expect(r)) throw new Error(`protected delete in mode ${mode}: ${r.status} ${r.body.slice(0, 300)}`);
      into?.push(r.ms);
    });
  }

  for (let round = 0; round < N.rounds; round++) {
    const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]);
    for (const mode of order) {
      log(`round ${round + 1}/${N.rounds}: ${mode}`);
      await modes[mode].up();
      await settle(mode);
      await pairs(mode, N.warmup, undefined, 1);
      await protectedDeletes(mode, N.warmup, undefined, 1);
      const s = samples[mode];
      const a = await gw.decisions();
      await pairs(mode, N.pairs, s, 1);
      if (N.conc > 1) await pairs(mode, N.cPairs, { create: s['create c'], delete: s['delete c'] }, N.conc);
      const b = await gw.decisions();
      await protectedDeletes(mode, N.deletes, s.protected, 1);
      if (N.conc > 1) await protectedDeletes(mode, N.cDeletes, s['protected c'], N.conc);
      const c = await gw.decisions();
      gwCalls[mode].plain += b - a;
      gwCalls[mode].protected += c - b;
      await modes[mode].down();
      await settle('none');
    }
  }

  const result = report(samples, gwCalls, load0, loadavg());
  if (opts.json) writeFileSync(opts.json, JSON.stringify(result, null, 2));
}

async function parallel(count, conc, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(conc, count) }, async () => {
    while (next < count) { next++; await fn(); }
  }));
}

// ---- figures --------------------------------------------------------------------------------
function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function report(samples, gwCalls, load0, load1) {
  const out = { date: new Date().toISOString(), node: process.version, load: { start: load0, end: load1 }, rounds: N.rounds, concurrency: N.conc, ops: {}, gatewayReviews: gwCalls };
  for (const op of Object.keys(samples.none)) {
    if (samples.none[op].length === 0) continue;
    out.ops[op] = {};
    for (const m of MODES) {
      const s = [...samples[m][op]].sort((a, b) => a - b);
      if (s.length === 0) continue;
      out.ops[op][m] = { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), mean: s.reduce((x, y) => x + y, 0) / s.length };
    }
  }
  console.log(render(out));
  return out;
}

/** The figures as Markdown; also `--render out.json` for a saved run. */
function render(out) {
  const f = (x) => x.toFixed(2);
  const sign = (x) => (x >= 0 ? `+${f(x)}` : f(x));
  // A ratio only means something when the policy's own cost is measurable above noise.
  const ratio = (g, v) => (v <= 0.05 ? 'n/a (VAP adds ≤ 0)' : `${(g / v).toFixed(2)}×`);
  const plain = (op) => !op.startsWith('protected');
  const lines = [
    `${out.date}, Node ${out.node}, ${out.rounds} rounds, concurrency ${out.concurrency ?? 4} for "c" rows, load average ${out.load.start[0].toFixed(1)} → ${out.load.end[0].toFixed(1)}; ms, client-side`,
    '',
    '| op | n per mode | none p50 / p99 | gateway p50 / p99 | VAP p50 / p99 | policy mode p50 / p99 | gateway adds p50 / p99 | VAP adds p50 / p99 | policy mode adds p50 / p99 | gateway-added / VAP-added p50 / p99 | policy-added / VAP-added p50 / p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [op, st] of Object.entries(out.ops)) {
    const add = (m, p) => st[m][p] - st.none[p];
    const name = plain(op) ? `${op} (unlabelled: nothing called)` : `${op} (dryRun, denied)`;
    const pol = st.policy ?? { p50: NaN, p99: NaN }; // runs saved before issue 15 have no policy mode
    const addPol = (p) => pol[p] - st.none[p];
    lines.push(`| ${name} | ${st.none.n} | ${f(st.none.p50)} / ${f(st.none.p99)} | ${f(st.gateway.p50)} / ${f(st.gateway.p99)} | ${f(st.vap.p50)} / ${f(st.vap.p99)} | ${f(pol.p50)} / ${f(pol.p99)} | `
      + `${sign(add('gateway', 'p50'))} / ${sign(add('gateway', 'p99'))} | ${sign(add('vap', 'p50'))} / ${sign(add('vap', 'p99'))} | ${sign(addPol('p50'))} / ${sign(addPol('p99'))} | `
      + `${plain(op) ? '— (noise)' : `${ratio(add('gateway', 'p50'), add('vap', 'p50'))} / ${ratio(add('gateway', 'p99'), add('vap', 'p99'))}`} | `
      + `${plain(op) ? '— (noise)' : `${ratio(addPol('p50'), add('vap', 'p50'))} / ${ratio(addPol('p99'), add('vap', 'p99'))}`} |`);
    if (!plain(op)) lines.push(`|  | policy mode / plain VAP, whole request p50 / p99 |  |  |  | ${(pol.p50 / st.vap.p50).toFixed(3)}× / ${(pol.p99 / st.vap.p99).toFixed(3)}× |  |  |  |  |  |`);
  }
  const g = out.gatewayReviews;
  lines.push('', `Reviews the gateway decided (orkestra_admission_decisions_total): create/delete blocks ${MODES.map((m) => `${m} ${g[m].plain}`).join(', ')}; `
    + `protected-delete blocks ${MODES.map((m) => `${m} ${g[m].protected}`).join(', ')}.`);
  return lines.join('\n');
}

if (opts.render) {
  console.log(render(JSON.parse(readFileSync(opts.render, 'utf8'))));
  process.exit(0);
}
try {
  await main();
} catch (err) {
  if (!cleaningUp()) log('error:', err.stack ?? err); // after a signal, in-flight requests fail: not news
  process.exitCode = 1;
} finally {
  await cleanup();
}
