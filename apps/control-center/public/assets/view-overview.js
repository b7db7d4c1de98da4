// The overview: every runtime and its Katalog at a glance (health, CRDs, workers, queue depth,
// reconcile rate, errors), with the gateway's figures where a runtime advertises one.
import { h } from './dom.js';
import { badge } from './badges.js';
import { chips, keyValues, link, notice, section, stat, table } from './blocks.js';
import { ageOf, formatCount, formatPercent, formatRatePerMinute, formatSeconds } from './format.js';
import { summarizeHistory } from './rates.js';
import { hrefFor } from './route.js';
import { renderSparkline } from './sparkline.js';
import { renderGatewaySummary } from './view-gateway.js';

/** Renders the overview page from a snapshot; `nowMs` is the server's estimated time. */
export function renderOverview(snapshot, nowMs) {
  const stats = snapshot.stats ?? {};
  const runtimes = snapshot.runtimes ?? [];
  return h('div', { class: 'overview' },
    h('div', { class: 'stats', 'data-testid': 'stats' },
      stat('runtimes online', `${formatCount(stats.onlineRuntimes)}/${formatCount(stats.totalRuntimes)}`),
      stat('CRDs healthy', `${formatCount(stats.healthyCrds)}/${formatCount(stats.totalCrds)}`),
      stat('workers', formatCount(stats.totalWorkers)),
      stat('custom resources', formatCount(stats.totalResources)),
      stat('queue depth', formatCount(stats.totalQueueDepth))),
    runtimes.length === 0 ? notice('warn', 'No runtime configured: set ORKESTRA_URLS.') : null,
    runtimes.map((r) => renderRuntime(r, nowMs)));
}

function renderRuntime(runtime, nowMs) {
  const katalog = runtime.katalog;
  const history = summarizeHistory(runtime.history);
  const title = h('span', { class: 'runtime-title' },
    h('span', { class: 'runtime-id' }, runtime.id),
    katalog ? h('span', { class: 'katalog-name' }, katalog.name, katalog.version ? h('span', { class: 'muted' }, ` v${katalog.version}`) : null) : null,
    badge(runtime.status),
    runtime.isLeader === true && runtime.status !== 'offline' ? h('span', { class: 'chip chip-leader', title: 'This runtime holds the leader Lease and reconciles' }, 'leader') : null,
    runtime.isLeader === false && runtime.status !== 'offline' ? h('span', { class: 'chip', title: 'A follower: caches warm, not reconciling' }, 'follower') : null);
  const facts = keyValues([
    ['URL', h('code', {}, runtime.url)],
    ['last seen', runtime.lastSeen ? `${ageOf(runtime.lastSeen, nowMs)} ago` : 'never'],
    ['Katalog health', katalog?.status ? badge(katalog.status) : undefined],
    ['runtime version', katalog?.runtimeVersion],
    ['description', katalog?.description],
  ]);
  const activity = h('div', { class: 'activity' },
    renderSparkline(history.reconcileRates, { label: 'reconcile rate', format: formatRatePerMinute, current: history.recentRate }),
    renderSparkline(history.queueDepths, { label: 'queue depth', format: formatCount }),
    h('div', { class: 'activity-figure' },
      h('span', { class: 'activity-value' }, formatCount(history.errorsInWindow)),
      h('span', { class: 'activity-label' }, history.windowSeconds > 0 ? `errors in the last ${formatSeconds(history.windowSeconds)}` : 'errors (no samples yet)')));
  return section(title, [
    runtime.status === 'offline' ? notice('bad', `Offline: ${runtime.error ?? 'no answer'}`, katalog ? ' (figures below are from the last answer)' : '') : null,
    runtime.status === 'starting' ? notice('info', 'Starting: answering, but not the leader yet or caches still syncing.') : null,
    h('div', { class: 'runtime-head' }, facts, activity),
    runtime.gateway ? renderGatewaySummary(runtime.gateway, nowMs) : null,
    katalog ? renderCrdTable(runtime, katalog) : null,
  ], { className: `runtime runtime-${runtime.status}`, id: `runtime-${runtime.id}` });
}

function renderCrdTable(runtime, katalog) {
  const crds = katalog.crds ?? [];
  return table([
    { label: 'CRD', cell: (c) => [link(hrefFor({ type: 'crd', runtime: runtime.id, crd: c.name }), c.name), h('div', { class: 'sub' }, `${c.kind}.${c.group}/${c.version}`)] },
    { label: 'State', cell: (c) => (c.enabled === false ? h('span', { class: 'muted' }, 'disabled') : badge(c.state)) },
    { label: 'CRs', className: 'num', cell: (c) => link(hrefFor({ type: 'crs', runtime: runtime.id, crd: c.name }), formatCount(c.resourceCount)) },
    { label: 'Queue', className: 'num', cell: (c) => formatCount(c.queueDepth) },
    { label: 'Reconciles', className: 'num', cell: (c) => formatCount(c.totalReconciles) },
    { label: 'Rate', cell: (c) => crdRate(runtime, c) },
    { label: 'Errors', className: 'num', cell: (c) => h('span', { class: c.errorRate > 0 ? 'text-bad' : undefined }, formatPercent(c.errorRate)) },
    { label: 'Scope', cell: (c) => chips([c.namespaced ? 'Namespaced' : 'Cluster']) },
  ], crds, { empty: 'This Katalog declares no CRD.', className: 'crd-table', rowClass: (c) => `crd-row state-${c.state}` });
}

function crdRate(runtime, crd) {
  const history = summarizeHistory(runtime.history, crd.name);
  return renderSparkline(history.reconcileRates, { label: 'rate', format: formatRatePerMinute, className: 'spark-inline', current: history.recentRate });
}
