import { describeScope, type ComponentRbac, type PlannedRole } from '../rbac/rbac-model.ts';
import { renderDiagnostics } from '../render/render-diagnostics.ts';
import { makePaint, type Paint } from './paint.ts';
import type { CrdReport, FullReport, Protection } from './plan-full-report.ts';
import { renderRuleTable } from './render-rule-table.ts';

const RULER = '─'.repeat(60);
const COMPONENT_TITLES = { runtime: 'runtime', gateway: 'gateway', cc: 'control center' } as const;

/**
 * Renders the `validate --full` report as text: per CRD its settings and permissions, the
 * startup order, per component every role and rule with its reasons, what the installer must
 * hold, and the warnings. ANSI colour only when asked.
 */
export function renderFullReport(report: FullReport, options: { readonly color: boolean }): string {
  const paint = makePaint(options.color);
  const out: string[] = [];
  const title = report.katalog.standaloneGateway ? 'Gateway standalone' : 'Katalog';
  const version = report.katalog.version !== undefined ? ` ${report.katalog.version}` : '';
  out.push(`${paint.bold(`${title} ${report.katalog.name}${version}`)}  ${paint.dim(`(${report.katalog.file}, install namespace ${report.namespace})`)}`);
  const k = report.katalog;
  const about = [
    k.tenant !== undefined ? `tenant: ${k.tenant}` : '', k.author !== undefined ? `author: ${k.author}` : '',
    k.license !== undefined ? `license: ${k.license}` : '', k.tags?.length ? `tags: ${k.tags.join(', ')}` : '',
  ].filter(Boolean);
  if (about.length) out.push(`  ${about.join(' / ')}`);
  out.push('');
  for (const crd of report.crds) out.push(...renderCrd(crd, paint), '');
  out.push(paint.dim(RULER), summaryLine(report), '');
  out.push(...renderStartup(report, paint), '');
  for (const c of report.components) out.push(...renderComponent(c, report.namespace, paint), '');
  if (report.policyMode) out.push(...renderPolicyMode(report.policyMode, paint), '');
  out.push(paint.bold('installer must hold'), paint.dim('  (kubectl apply of the bundle; cluster-admin covers it)'));
  for (const s of report.installer.scopes) {
    out.push(`  ${describeScope(s.scope)}`, ...renderRuleTable(s.rules, '    ', paint));
  }
  const warnings = renderDiagnostics(report.diagnostics, { color: options.color }).trimEnd();
  if (warnings !== '' || report.notes.length > 0) {
    out.push('', paint.bold(`warnings (${report.diagnostics.length + report.notes.length})`));
    if (warnings !== '') out.push(...warnings.split('\n').map((l) => `  ${l}`));
    for (const n of report.notes) out.push(`  ${paint.warn('note')}: ${n.message}`);
  }
  return `${out.join('\n')}\n`;
}

function renderCrd(crd: CrdReport, paint: Paint): string[] {
  const icon = !crd.enabled ? paint.dim('○') : crd.warned ? paint.warn('⚠') : paint.ok('✓');
  const lines = [`${icon} ${paint.bold(crd.name)}${crd.enabled ? '' : paint.dim('  (disabled: no permissions)')}`];
  lines.push(`    kind: ${crd.kind} / group: ${crd.group} / version: ${crd.version} / plural: ${crd.plural} / scope: ${crd.scope}`);
  lines.push(`    watches: ${crd.watches === '*' ? 'all namespaces' : `namespace ${crd.watches}`} / workers: ${crd.workers} / resync: ${crd.resync}`);
  lines.push(`    protection: ${protectionText(crd.protection)}`);
  if (crd.dependsOn.length > 0) lines.push(`    dependsOn: ${crd.dependsOn.map((d) => `${d.name} [${d.condition}]`).join(', ')}`);
  if (crd.children.length > 0) lines.push(`    children: ${crd.children.map((c) => `${c.list} ×${c.items}`).join(', ')}`);
  if (crd.permissions.length > 0) {
    lines.push('    permissions:');
    for (const role of crd.permissions) lines.push(`      ${roleTitle(role)}`, ...renderRuleTable(role.rules, '        ', paint));
  }
  return lines;
}

function protectionText(p: Protection): string {
  const strict = 'strict' in p && p.strict ? ', strict mode' : '';
  switch (p.type) {
    case 'off': return 'off (security.deletionProtection is not enabled)';
    case 'full': return `full (CRD + CRs${strict})`;
    case 'crd-only': return `CRD only (CRs not protected${strict})`;
    case 'crs-only': return `CRs only (CRD not protected${strict})`;
    case 'none': return 'none (protectCRD and protectCRs are false)';
  }
}

function summaryLine(report: FullReport): string {
  const { crds, enabled, disabled } = report.summary;
  return `${crds} CRD${crds === 1 ? '' : 's'} valid (${enabled} enabled, ${disabled} disabled)`;
}

function renderStartup(report: FullReport, paint: Paint): string[] {
  const lines = [paint.bold('startup order')];
  if (report.startup.type === 'cycle') return [...lines, `  ${paint.bad('cycle')}: ${report.startup.crds.join(' → ')}`];
  if (report.startup.steps.length === 0) return [...lines, paint.dim('  (no enabled CRDs)')];
  const width = Math.max(...report.startup.steps.map((s) => s.name.length));
  for (const s of report.startup.steps) {
    const waits = s.waitsFor.map((w) => `${w.name} [${w.condition}]`).join(', ');
    lines.push(`  ${String(s.wave).padStart(2)}  ${waits === '' ? s.name : `${s.name.padEnd(width)}  ${paint.dim('←')} ${waits}`}`);
  }
  return lines;
}

function renderComponent(c: ComponentRbac, namespace: string, paint: Paint): string[] {
  const head = `${paint.bold(COMPONENT_TITLES[c.component])}  ServiceAccount ${namespace}/${c.serviceAccount}`;
  if (!c.planned) {
    const why = c.component === 'gateway' ? 'the Katalog has no gateway: or security: block' : 'a standalone gateway Katalog has no CRDs to run';
    return [`${paint.bold(COMPONENT_TITLES[c.component])}  ${paint.dim(`not planned: ${why}`)}`];
  }
  if (c.roles.length === 0) {
    return [`${head}: ${c.component === 'cc' ? 'no permissions (the Katalog has no CRD for it to read)' : 'no permissions'}`];
  }
  const lines = [head];
  for (const role of c.roles) lines.push(`  ${roleTitle(role)}  ${paint.dim(`— ${role.purpose}`)}`, ...renderRuleTable(role.rules, '    ', paint));
  return lines;
}

function roleTitle(role: PlannedRole): string {
  return role.scope.type === 'cluster' ? `ClusterRole ${role.name}` : `Role ${role.scope.namespace}/${role.name}`;
}

// Issue 15: what the API server enforces itself in policy mode, and what still needs the gateway.
function renderPolicyMode(p: NonNullable<FullReport['policyMode']>, paint: Paint): string[] {
  const lines = [`${paint.bold('policy mode')}  ${paint.dim('(ValidatingAdmissionPolicies in the bundle, enforced by the API server with no gateway running)')}`];
  if (p.policies.length === 0) lines.push(paint.dim('  no policy: nothing to protect and no rule CEL can express'));
  for (const x of p.policies) lines.push(`  ${x.name} ${paint.dim(`[${x.action}]`)}  ${paint.dim(`replaces ${x.replaces}`)}`);
  if (p.webhookRules.length > 0 || p.mutationOnWebhook.length > 0) lines.push(`  ${paint.warn('stays on the gateway\'s webhooks')}:`);
  for (const w of p.webhookRules) lines.push(`    ${w.crd} validation rule ${w.rule} (field ${w.field}): ${w.reason}`);
  for (const c of p.mutationOnWebhook) lines.push(`    ${c} mutation rules: a ValidatingAdmissionPolicy cannot change a request`);
  return lines;
}
