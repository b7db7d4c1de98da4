// The CRD page: state and counters, settings and where they come from, dependencies, the RBAC
// rules the runtime holds for this CRD with the planner's reasons, and recent activity.
import { h } from './dom.js';
import { badge } from './badges.js';
import { chips, keyValues, link, notice, section, table } from './blocks.js';
import { ageOf, formatCount, formatGroup, formatPercent, formatRatePerMinute, formatSeconds } from './format.js';
import { summarizeHistory } from './rates.js';
import { hrefFor } from './route.js';
import { renderSparkline } from './sparkline.js';
import { renderGatewayCrd } from './view-gateway.js';

/** Renders a CRD page from `{ info, health }` (the API's CRD body), the runtime entry and the time. */
export function renderCrd(route, data, runtime, nowMs) {
  const { info, health } = data;
  const history = summarizeHistory(runtime?.history, info.name);
  const gatewayCounts = runtime?.gateway ? renderGatewayCrd(runtime.gateway, info) : null;
  return h('div', { class: 'crd-page' },
    h('div', { class: 'page-title' },
      h('h1', {}, info.name), badge(health?.state ?? info.state),
      h('span', { class: 'sub' }, `${info.kind}.${info.group}/${info.version}`),
      h('span', { class: 'page-actions' }, link(hrefFor({ type: 'crs', runtime: route.runtime, crd: info.name }), `Custom resources (${formatCount(info.resourceCount)}) →`))),
    info.description ? h('p', { class: 'lead' }, info.description) : null,
    health?.lastError ? notice('bad', `Last error: ${health.lastError}`) : null,
    info.hasUnhealthyDependencies ? notice('warn', 'A dependency of this CRD is not healthy.') : null,
    h('div', { class: 'columns' },
      section('Counters', keyValues([
        ['custom resources', formatCount(info.resourceCount)],
        ['queue depth', `${formatCount(info.queueDepth)}${info.maxDepth !== undefined ? ` of ${formatCount(info.maxDepth)}` : ''}`],
        ['reconciles', formatCount(info.totalReconciles)],
        ['recent rate', history.recentRate === undefined ? '—' : formatRatePerMinute(history.recentRate)],
        ['error rate', formatPercent(info.errorRate)],
        ['consecutive failures', health ? formatCount(health.consecutiveFailures) : undefined],
        ['state since', health?.since ? `${ageOf(health.since, nowMs)} ago` : undefined],
        ['last reconcile', health?.lastReconcile ? `${ageOf(health.lastReconcile, nowMs)} ago` : undefined],
      ])),
      section('Settings', keyValues([
        ['scope', info.namespaced ? 'Namespaced' : 'Cluster'],
        ['watches', info.namespace ? `namespace ${info.namespace}` : 'all namespaces'],
        ['plural', info.plural],
        ['workers', `${formatCount(info.workers)} (${info.workersSource ?? '—'}), ${formatCount(info.workersActive)} busy`],
        ['resync', `${formatSeconds(info.resyncSeconds)} (${info.resyncSource ?? '—'})`],
        ['deletion protection', info.deletionProtection ? protection(info.deletionProtection) : undefined],
        ['served by', info.isLeader === false ? 'a follower (the leader reconciles)' : info.isLeader ? 'the leader' : undefined],
      ]))),
    section('Activity', h('div', { class: 'activity' },
      renderSparkline(history.reconcileRates, { label: 'reconcile rate', format: formatRatePerMinute, current: history.recentRate }),
      renderSparkline(history.queueDepths, { label: 'queue depth', format: formatCount }))),
    section('Dependencies', renderDependencies(route, info, health)),
    section('RBAC rules', renderRbac(info.rbac), { id: 'rbac' }),
    gatewayCounts ? section('Gateway', gatewayCounts) : null);
}

function protection(dp) {
  const on = [dp.protectCRD ? 'the CRD' : null, dp.protectCRs ? 'its CRs' : null].filter(Boolean);
  return on.length ? `protects ${on.join(' and ')}` : 'off';
}

function renderDependencies(route, info, health) {
  const waiting = new Set((health?.waitingFor ?? []).map((w) => w.name));
  return table([
    { label: 'CRD', cell: (d) => link(hrefFor({ type: 'crd', runtime: route.runtime, crd: d.name }), d.name) },
    { label: 'Needs', cell: (d) => d.condition ?? '—' },
    { label: 'Now', cell: (d) => (health?.dependencies?.[d.name] ? badge(health.dependencies[d.name]) : h('span', { class: 'muted' }, 'unknown')) },
    { label: 'Waiting', cell: (d) => (waiting.has(d.name) ? h('span', { class: 'text-warn' }, 'waiting') : 'no') },
  ], info.dependsOn ?? [], { empty: 'No dependencies: starts on its own.' });
}

function renderRbac(rbac) {
  if (!rbac) return notice('info', 'This runtime does not report its RBAC rules.');
  return table([
    { label: 'API groups', cell: (r) => chips((r.apiGroups ?? []).map(formatGroup)) },
    { label: 'Resources', cell: (r) => [chips(r.resources), r.resourceNames?.length ? h('div', { class: 'sub' }, `only: ${r.resourceNames.join(', ')}`) : null] },
    { label: 'Verbs', cell: (r) => [chips(r.verbs, 'chips-verbs'), r.critical ? h('div', {}, badge('critical')) : null] },
    { label: 'Scope', cell: (r) => (r.scope === 'namespace' && r.namespace ? `namespace ${r.namespace}` : r.scope ?? '—') },
    { label: 'Why', className: 'reasons', cell: (r) => ((r.reasons ?? []).length ? h('ul', { class: 'reasons-list' }, r.reasons.map((reason) => h('li', {}, reason))) : '—') },
  ], rbac.rules ?? [], { empty: 'No rules.', className: 'rbac-table' });
}
