// The gateway's figures (its GET /katalog body) for a runtime that advertises gatewayEndpoint:
// protection decisions, conversion (its rolling window), certificates and the housekeeper on the
// overview, per-CRD counts on the CRD page (matched by group and resource, as the gateway keys
// them). The body comes from another process: any field may be missing or of the wrong type.
import { h } from './dom.js';
import { badge } from './badges.js';
import { keyValues, notice, table } from './blocks.js';
import { formatCount, formatMs, formatSeconds } from './format.js';

/** The gateway block of a runtime card. */
export function renderGatewaySummary(gateway, nowMs) {
  const s = gateway.stats;
  const dp = s?.deletionProtection, np = s?.namespaceProtection;
  return h('div', { class: 'gateway', 'data-testid': 'gateway' },
    h('h3', {}, 'Gateway ', badge(gateway.status), ' ', h('code', { class: 'sub' }, gateway.endpoint)),
    gateway.error ? notice('bad', gateway.error) : null,
    s ? keyValues([
      ['version', s.gatewayVersion],
      ['deletion protection', dp ? protectionLine(dp) : undefined],
      ['namespace protection', np ? protectionLine(np) : undefined],
      ['conversion', conversionLine(s.conversion)],
      ['conversion pairs', conversionPairs(s.conversion)],
      ['certificates', s.certificates ? certificateLine(s.certificates, nowMs) : undefined],
      ['housekeeper', s.housekeeper ? (s.housekeeper.paused ? 'paused (break-glass)' : `every ${formatSeconds(s.housekeeper.intervalSeconds)}`) : undefined],
    ]) : null);
}

/** The gateway's counts for one CRD, or null when the gateway does not list it. */
export function renderGatewayCrd(gateway, crd) {
  const crds = gateway?.stats?.crds;
  const entry = (Array.isArray(crds) ? crds : []).find((c) => c?.gvr?.group === crd.group && c.gvr?.resource === crd.plural);
  if (!entry) return null;
  const rows = [
    { name: 'deletion protection', ...entry.deletionProtection },
    { name: 'namespace protection', ...entry.namespaceProtection },
  ];
  return table([
    { label: 'Webhook', cell: (r) => r.name },
    { label: 'Enabled', cell: (r) => (r.enabled ? 'yes' : 'no') },
    { label: 'Requests', className: 'num', cell: (r) => formatCount(r.total) },
    { label: 'Allowed', className: 'num', cell: (r) => formatCount(r.allowed) },
    { label: 'Blocked', className: 'num', cell: (r) => h('span', { class: r.blocked > 0 ? 'text-warn' : undefined }, formatCount(r.blocked)) },
  ], rows);
}

function protectionLine(p) {
  if (!p.enabled) return 'off';
  const parts = [`${formatCount(p.total)} requests`, `${formatCount(p.blocked)} blocked`, `${formatCount(p.allowed)} allowed`];
  if (p.rejected) parts.push(`${formatCount(p.rejected)} rejected`);
  if (p.strictMode) parts.push('strict mode');
  return parts.join(' · ');
}

/** Issue 18: /convert over the gateway's rolling window of its last N reviews (spec/gateway.md §7.1). */
function conversionLine(c) {
  if (!isObject(c)) return undefined;
  if (c.enabled !== true) return 'off';
  const w = isObject(c.window) ? c.window : {};
  const parts = [`last ${formatCount(w.reviews)} of ${formatCount(w.size)} reviews`, `${formatCount(w.objects)} objects`];
  if (typeof w.failedReviews === 'number' && w.failedReviews > 0) parts.push(`${formatCount(w.failedReviews)} failed (${formatCount(w.failedObjects)} objects)`);
  if (isObject(w.latencyMs)) parts.push(`p50 ${formatMs(w.latencyMs.p50)}`, `p99 ${formatMs(w.latencyMs.p99)}`);
  return parts.join(' · ');
}

/** The window's objects per CRD and version pair, the first few. */
function conversionPairs(c) {
  const pairs = isObject(c) && c.enabled === true && isObject(c.window) && Array.isArray(c.window.pairs) ? c.window.pairs.filter(isObject) : [];
  if (pairs.length === 0) return undefined;
  const shown = pairs.slice(0, 6).map((p) => `${text(p.crd)} ${text(p.from)}→${text(p.to)} ${formatCount(p.converted)}${typeof p.failed === 'number' && p.failed > 0 ? ` (${formatCount(p.failed)} failed)` : ''}`);
  return shown.join(' · ') + (pairs.length > shown.length ? ` · ${pairs.length - shown.length} more` : '');
}

function text(v) {
  return typeof v === 'string' && v !== '' ? v : '?';
}

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function certificateLine(c, nowMs) {
  if (!c.managed) return 'provided (TLS_CERT/TLS_KEY)';
  if (!c.servingNotAfter) return 'managed';
  const days = Math.floor((Date.parse(c.servingNotAfter) - nowMs) / 86_400_000);
  return `managed, serving certificate valid ${Number.isFinite(days) ? `${days} more days` : 'until ' + c.servingNotAfter}`;
}
