// The CR list of one CRD: Ready status, reason, generations and age, with a name filter that
// survives live updates (the filter box is created once per visit; only the table is redrawn).
import { h, replace } from './dom.js';
import { readyBadge } from './badges.js';
import { chips, table } from './blocks.js';
import { ageOf, formatCount } from './format.js';
import { CLUSTER_SCOPE, hrefFor } from './route.js';

/** The items whose `namespace/name` contains `filter` (case-insensitive). */
export function filterCrs(items, filter) {
  const needle = String(filter ?? '').trim().toLowerCase();
  if (needle === '') return items;
  return items.filter((i) => `${i.namespace ?? ''}/${i.name}`.toLowerCase().includes(needle));
}

/** Counts of Ready True, False and Unknown. */
export function countReady(items) {
  const counts = { True: 0, False: 0, Unknown: 0 };
  for (const i of items) counts[i.ready === 'True' || i.ready === 'False' ? i.ready : 'Unknown']++;
  return counts;
}

/** The table of CRs (after the filter) with a summary line. */
export function renderCrTable(route, list, nowMs, filter = '') {
  const all = list.items ?? [];
  const items = filterCrs(all, filter);
  const namespaced = all.some((i) => i.namespace !== undefined);
  const ready = countReady(all);
  const columns = [
    ...(namespaced ? [{ label: 'Namespace', cell: (i) => i.namespace ?? '—' }] : []),
    { label: 'Name', cell: (i) => h('a', { href: hrefFor({ type: 'cr', runtime: route.runtime, crd: route.crd, namespace: i.namespace ?? CLUSTER_SCOPE, name: i.name }) }, i.name) },
    { label: 'Ready', cell: (i) => readyBadge(i.ready) },
    { label: 'Reason', cell: (i) => i.reason ?? '—' },
    { label: 'Phase', cell: (i) => i.phase ?? '—' },
    { label: 'Generation', className: 'num', cell: (i) => generation(i) },
    { label: 'Age', className: 'num', cell: (i) => ageOf(i.createdAt, nowMs) },
    { label: 'Flags', cell: (i) => (i.deleting ? chips(['deleting'], 'chips-warn') : '') },
  ];
  return h('div', { class: 'cr-list' },
    h('p', { class: 'summary' },
      `${formatCount(all.length)} ${list.gvk?.kind ?? 'resource'}${all.length === 1 ? '' : 's'}: `,
      `${formatCount(ready.True)} ready, ${formatCount(ready.False)} not ready, ${formatCount(ready.Unknown)} unknown`,
      items.length !== all.length ? ` (${formatCount(items.length)} shown)` : ''),
    table(columns, items, {
      empty: all.length ? 'No resource matches the filter.' : `No ${list.gvk?.kind ?? 'custom resource'} yet: kubectl apply one.`,
      className: 'cr-table', rowClass: (i) => `ready-${i.ready}`,
    }));
}

/** Mounts the list page into `root`; `update` redraws the table, keeping the filter box and its focus. */
export function mountCrList(root) {
  let last;
  const body = h('div', { class: 'cr-list-body' });
  const input = h('input', {
    type: 'search', class: 'filter', placeholder: 'Filter by namespace/name', 'aria-label': 'Filter custom resources',
    oninput: () => last && draw(),
  });
  const title = h('h1', {});
  replace(root, h('div', { class: 'page-title' }, title, h('span', { class: 'page-actions' }, input)), body);
  const draw = () => replace(body, renderCrTable(last.route, last.list, last.nowMs, input.value));
  return {
    update(route, list, nowMs) {
      last = { route, list, nowMs };
      replace(title, `${list.gvk?.kind ?? route.crd} resources`);
      draw();
    },
  };
}

function generation(i) {
  if (i.observedGeneration === undefined) return `${i.generation} (not observed)`;
  return i.observedGeneration === i.generation ? String(i.generation) : `${i.observedGeneration}/${i.generation}`;
}
