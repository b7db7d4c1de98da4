import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleKatalog, katalogFrom } from '../rbac/katalog.test.fixture.ts';
import { planRbac } from '../rbac/plan-rbac.ts';
import { planFullReport } from './plan-full-report.ts';
import { renderFullReport } from './render-full-report.ts';

const test = suite('full-report');

const platform = () => katalogFrom(`apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: platform, version: 1.2.0}
security:
  deletionProtection: {strictMode: true}
spec:
  crds:
    app:
      apiTypes: {group: demo.example.com, version: v1, kind: App, plural: apps}
      workers: 3
      resync: 45s
      dependsOn: {database: healthy}
      operatorBox:
        onCreate:
          deployments: [{image: nginx}]
          roles: [{rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]}]
    database:
      namespace: data
      apiTypes: {group: demo.example.com, version: v1, kind: Database, plural: databases}
      deletionProtection: {protectCRs: true}
      operatorBox: {onCreate: {statefulSets: [{image: postgres, serviceName: db}]}}
    old:
      enabled: false
      apiTypes: {group: demo.example.com, version: v1, kind: Old, plural: olds}
`);

test('report data: per CRD settings, protection, permissions; startup order; components; installer', () => {
  const katalog = platform();
  const report = planFullReport(katalog, planRbac(katalog));
  assert.equal(report.katalog, { name: 'platform', file: 'katalog.yaml', version: '1.2.0', standaloneGateway: false });
  const [app, database, old] = report.crds;
  assert.equal([app!.workers, app!.resync, app!.watches, app!.protection], [3, '45s', '*', { type: 'crd-only', strict: true }]);
  assert.equal([database!.workers, database!.resync, database!.watches, database!.protection],
    ['runtime default', 'runtime default', 'data', { type: 'full', strict: true }]);
  assert.equal(app!.children, [{ list: 'onCreate.deployments', items: 1 }, { list: 'onCreate.roles', items: 1 }]);
  assert.is(app!.warned, true, 'RBAC children warn');
  assert.is(database!.warned, false, 'the ORK2005 info is not a warning');
  assert.equal(old!.permissions, []);
  assert.equal(database!.permissions.map((r) => [r.name, r.scope]), [
    ['orkestra-runtime', { type: 'cluster' }],
    ['orkestra-runtime', { type: 'namespace', namespace: 'data' }],
  ]);
  assert.equal(report.summary, { crds: 3, enabled: 2, disabled: 1 });
  assert.equal(report.startup, { type: 'order', steps: [
    { name: 'database', wave: 1, waitsFor: [] },
    { name: 'app', wave: 2, waitsFor: [{ name: 'database', condition: 'healthy' }] },
  ] });
  assert.equal(report.components.map((c) => [c.component, c.planned, c.roles.length]), [['runtime', true, 3], ['gateway', true, 2], ['cc', true, 2]]);
  assert.equal(report.diagnostics.map((d) => d.code), ['ORK2001', 'ORK2005']);
  assert.ok(report.installer.scopes.length === 3);
});

test('the JSON form is clean data: stable, and round-trips through JSON unchanged', () => {
  const katalog = platform();
  const a = planFullReport(katalog, planRbac(katalog));
  const b = planFullReport(platform(), planRbac(platform()));
  assert.is(JSON.stringify(a), JSON.stringify(b));
  assert.equal(JSON.parse(JSON.stringify(a)), a);
});

test('text: every rule line has its reason; critical rules are marked; no colour unless asked', () => {
  const katalog = platform();
  const text = renderFullReport(planFullReport(katalog, planRbac(katalog)), { color: false });
  assert.not.ok(text.includes('\x1b['));
  const ruleLines = text.split('\n').filter((l) => /^\s+(core|apps|demo\.example\.com|events\.k8s\.io|rbac\.authorization\.k8s\.io|coordination\.k8s\.io|apiextensions\.k8s\.io|admissionregistration\.k8s\.io)\s/.test(l));
  assert.ok(ruleLines.length > 20);
  assert.ok(ruleLines.every((l) => l.includes(' ← ')), 'every rule shows a reason');
  assert.match(text, /rbac\.authorization\.k8s\.io\s+roles\s+list watch create patch\s+← app onCreate\.roles: server-side apply/);
  assert.match(text, /rbac\.authorization\.k8s\.io\s+roles\s+escalate\s+← CRITICAL app onCreate\.roles: escalate/);
  assert.match(text, /⚠ app\n/);
  assert.match(text, /✓ database\n/);
  assert.match(text, /○ old {2}\(disabled: no permissions\)/);
  assert.match(text, /protection: CRD only \(CRs not protected, strict mode\)/);
  assert.match(text, /watches: namespace data \/ workers: runtime default \/ resync: runtime default/);
  assert.match(text, / 1 {2}database\n {3}2 {2}app {7}← database \[healthy\]/);
  assert.match(text, /Role data\/orkestra-runtime/);
  assert.match(text, /warning ORK2001/);
  assert.match(text, /installer must hold\n/);
  assert.match(text, /3 CRDs valid \(2 enabled, 1 disabled\)/);
});

test('text: columns align within a role, and continuation reasons sit under the first arrow', () => {
  const katalog = exampleKatalog('website');
  const text = renderFullReport(planFullReport(katalog, planRbac(katalog)), { color: false });
  const block = text.split('ClusterRole orkestra-runtime  —')[1]!.split('\n  Role ')[0]!.split('\n').slice(1).filter((l) => l !== '');
  const arrows = block.map((l) => l.indexOf('←'));
  assert.ok(arrows.every((a) => a === arrows[0] && a > 0), `arrows at ${arrows.join(',')}`);
  const verbsAt = block.filter((l) => !/^\s+←/.test(l)).map((l) => l.search(/(get|list|create|patch|update) /));
  assert.ok(new Set(verbsAt).size === 1);
  assert.match(text, /gateway {2}not planned: the Katalog has no gateway: or security: block/);
  assert.match(text, /control center {2}ServiceAccount orkestra-system\/orkestra-cc\n {2}ClusterRole orkestra-cc {2}— Control Center: read the custom resources it shows\n/);
});

test('text: the standalone gateway Katalog', () => {
  const katalog = exampleKatalog('gateway');
  const text = renderFullReport(planFullReport(katalog, planRbac(katalog)), { color: false });
  assert.match(text, /^Gateway standalone platform-security/);
  assert.match(text, /runtime {2}not planned/);
  assert.match(text, /validatingwebhookconfigurations \[orkestra-deletion-protection, orkestra-namespace-protection\] {2}get update/);
  assert.match(text, /\(no enabled CRDs\)/);
});

test('colour adds ANSI styles without changing the plain text', () => {
  const katalog = platform();
  const report = planFullReport(katalog, planRbac(katalog));
  const colored = renderFullReport(report, { color: true });
  assert.ok(colored.includes('\x1b[1;31mCRITICAL\x1b[0m'));
  // eslint-disable-next-line no-control-regex
  assert.is(colored.replace(/\x1b\[[0-9;]*m/g, ''), renderFullReport(report, { color: false }));
});

test.run();
