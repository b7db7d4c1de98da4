// Boots the page: theme, hash routing, live snapshots. The overview is drawn from each snapshot;
// the CRD, CR-list and CR pages fetch their own data when they open and again after every
// snapshot, so a change in the cluster shows up without a reload.
import { h, replace } from './dom.js';
import { fetchJson } from './api.js';
import { errorNotice, notice } from './blocks.js';
import { ageOf, formatAge } from './format.js';
import { apiPathFor, hrefFor, parseRoute } from './route.js';
import { subscribeSnapshots } from './snapshots.js';
import { initTheme } from './theme.js';
import { renderCr } from './view-cr.js';
import { renderCrd } from './view-crd.js';
import { mountCrList } from './view-crs.js';
import { renderOverview } from './view-overview.js';

const els = {
  view: document.getElementById('view'),
  crumbs: document.getElementById('crumbs'),
  banners: document.getElementById('banners'),
  freshness: document.getElementById('freshness'),
  theme: document.getElementById('theme-toggle'),
};

const state = { snapshot: undefined, receivedAtMs: 0, connection: 'connecting', page: undefined };

/** The server's time now, estimated from the last snapshot (so ages do not depend on this machine's clock). */
function serverNowMs() {
  const at = Date.parse(state.snapshot?.updatedAt ?? '');
  return Number.isNaN(at) ? Date.now() : at + (Date.now() - state.receivedAtMs);
}

function runtimeOf(id) {
  return state.snapshot?.runtimes?.find((r) => r.id === id);
}

function openPage() {
  state.page?.abort.abort();
  const route = parseRoute(location.hash);
  state.page = { route, abort: new AbortController(), data: undefined, error: undefined, inFlight: false, again: false };
  if (route.type === 'crs') state.page.list = mountCrList(replace(els.view));
  else replace(els.view, h('p', { class: 'muted' }, 'Loading…'));
  renderChrome();
  refreshPage();
}

async function refreshPage() {
  const page = state.page;
  if (!page || !state.snapshot) return;
  const { route } = page;
  if (route.type === 'overview') return void replace(els.view, renderOverview(state.snapshot, serverNowMs()));
  if (route.type === 'not-found') {
    return void replace(els.view, notice('warn', 'No such page. ', h('a', { href: '#/' }, 'Back to the overview')));
  }
  if (!runtimeOf(route.runtime)) return void replace(els.view, notice('bad', `No runtime "${route.runtime}" in this Control Center.`));
  if (page.inFlight) {
    page.again = true;
    return;
  }
  page.inFlight = true;
  try {
    page.data = await fetchJson(apiPathFor(route), { signal: page.abort.signal });
    page.error = undefined;
  } catch (err) {
    if (err?.name === 'AbortError') return;
    page.error = err;
  } finally {
    page.inFlight = false;
  }
  if (state.page !== page) return;
  drawPage(page);
  if (page.again) {
    page.again = false;
    refreshPage();
  }
}

function drawPage(page) {
  const { route, data, error } = page;
  const nowMs = serverNowMs();
  // After a failure the last good data stays on screen under the error, marked as such.
  const stale = error && data ? notice('warn', 'Showing the last answer.') : null;
  if (route.type === 'crs') {
    if (data) page.list.update(route, data, nowMs);
    const errorBox = els.view.querySelector('.page-error');
    if (errorBox) errorBox.remove();
    if (error) els.view.prepend(h('div', { class: 'page-error' }, errorNotice(error), stale));
    return;
  }
  const body = data ? (route.type === 'crd' ? renderCrd(route, data, runtimeOf(route.runtime), nowMs) : renderCr(route, data, nowMs)) : null;
  replace(els.view, error ? errorNotice(error) : null, stale, body);
}

function renderChrome() {
  renderCrumbs();
  renderBanners();
  renderFreshness();
}

function renderCrumbs() {
  const route = state.page?.route ?? { type: 'overview' };
  const items = [h('a', { href: '#/' }, 'Overview')];
  if (route.runtime) {
    const katalog = runtimeOf(route.runtime)?.katalog?.name;
    items.push(h('span', { class: 'crumb-runtime' }, katalog ? `${route.runtime} · ${katalog}` : route.runtime));
  }
  if (route.crd) items.push(h('a', { href: hrefFor({ type: 'crd', runtime: route.runtime, crd: route.crd }) }, route.crd));
  if (route.type === 'crs' || route.type === 'cr') items.push(h('a', { href: hrefFor({ type: 'crs', runtime: route.runtime, crd: route.crd }) }, 'resources'));
  if (route.type === 'cr') items.push(h('span', { 'aria-current': 'page' }, route.namespace === '_' ? route.name : `${route.namespace}/${route.name}`));
  replace(els.crumbs, items.map((item, i) => [i ? h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '›') : null, item]));
}

function renderBanners() {
  const s = state.snapshot;
  const banners = [];
  if (s && state.connection === 'reconnecting') {
    banners.push(notice('warn', `Live updates interrupted, reconnecting. Last update ${formatAge(Date.now() - state.receivedAtMs)} ago.`));
  }
  for (const r of s?.runtimes ?? []) {
    if (r.status !== 'offline') continue;
    banners.push(notice('bad', h('strong', {}, `${r.id} offline`), ` ${r.url}: ${r.error ?? 'no answer'}`,
      r.lastSeen ? ` (last seen ${ageOf(r.lastSeen, serverNowMs())} ago)` : ' (never seen)'));
  }
  replace(els.banners, banners);
  const online = (s?.runtimes ?? []).filter((r) => r.status !== 'offline').length;
  document.title = s ? `${online}/${s.runtimes?.length ?? 0} online · Orkestra Control Center` : 'Orkestra Control Center';
}

function renderFreshness() {
  if (!state.snapshot) {
    els.freshness.textContent = state.connection === 'reconnecting' ? 'cannot reach the Control Center, retrying…' : 'connecting…';
    els.freshness.className = 'freshness freshness-waiting';
    return;
  }
  const ageMs = Date.now() - state.receivedAtMs;
  const refreshMs = (state.snapshot.refreshSeconds ?? 10) * 1000;
  const stale = ageMs > 3 * refreshMs;
  const how = { live: 'live', polling: 'polling', reconnecting: 'reconnecting', connecting: 'connecting' }[state.connection] ?? state.connection;
  els.freshness.textContent = `${how} · updated ${formatAge(ageMs)} ago`;
  els.freshness.className = `freshness freshness-${stale ? 'stale' : state.connection}`;
}

initTheme(els.theme);
window.addEventListener('hashchange', openPage);
openPage();
subscribeSnapshots({
  onSnapshot(snapshot) {
    state.snapshot = snapshot;
    state.receivedAtMs = Date.now();
    renderChrome();
    refreshPage();
  },
  onConnection(connection) {
    if (connection === state.connection) return;
    state.connection = connection;
    renderChrome();
  },
});
setInterval(renderFreshness, 1000);
