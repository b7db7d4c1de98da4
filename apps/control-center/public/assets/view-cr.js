// The CR page: Ready state, metadata, conditions, children grouped by kind (exists or missing),
// recent Events, and the spec and status as JSON text.
import { h } from './dom.js';
import { badge, readyBadge } from './badges.js';
import { chips, jsonBlock, keyValues, notice, section, table } from './blocks.js';
import { ageOf, formatCount } from './format.js';

/** The conditions in a CR's status (objects with a string `type`), in their order. */
export function conditionsOf(status) {
  const list = status && typeof status === 'object' ? status.conditions : undefined;
  return Array.isArray(list) ? list.filter((c) => c && typeof c === 'object' && typeof c.type === 'string') : [];
}

/** The children groups sorted by kind, each list sorted by namespace/name. */
export function childGroups(children) {
  return Object.entries(children ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, list]) => [kind, [...list].sort((a, b) => key(a).localeCompare(key(b)))]);
}

/** Renders a CR page from `{ cr, events }` (the API's CR body). */
export function renderCr(route, data, nowMs) {
  const { cr, events } = data;
  const conditions = conditionsOf(cr.status);
  const groups = childGroups(cr.children);
  const eventItems = Array.isArray(events?.items) ? events.items : [];
  const where = cr.namespace ? `${cr.namespace}/${cr.name}` : cr.name;
  return h('div', { class: 'cr-page' },
    h('div', { class: 'page-title' }, h('h1', {}, where), readyBadge(cr.ready), cr.reason ? h('span', { class: 'sub' }, cr.reason) : null),
    cr.deleting ? notice('warn', 'Being deleted: waiting for the runtime to clean up and drop its finalizer.') : null,
    cr.observedGeneration !== undefined && cr.observedGeneration !== cr.generation
      ? notice('info', `Generation ${cr.generation} not reconciled yet (observed ${cr.observedGeneration}).`) : null,
    h('div', { class: 'columns' },
      section('Metadata', keyValues([
        ['CRD', route.crd],
        ['namespace', cr.namespace ?? 'cluster-scoped'],
        ['uid', cr.uid ? h('code', {}, cr.uid) : undefined],
        ['age', ageOf(cr.createdAt, nowMs)],
        ['generation', `${cr.generation}${cr.observedGeneration !== undefined ? `, observed ${cr.observedGeneration}` : ''}`],
        ['phase', cr.phase],
        ['labels', chips(Object.entries(cr.labels ?? {}).map(([k, v]) => `${k}=${v}`))],
        ['finalizers', chips(cr.finalizers)],
      ])),
      section('Conditions', table([
        { label: 'Type', cell: (c) => c.type },
        { label: 'Status', cell: (c) => readyBadge(c.status) },
        { label: 'Reason', cell: (c) => c.reason ?? '—' },
        { label: 'Message', className: 'wrap', cell: (c) => c.message ?? '' },
        { label: 'Since', className: 'num', cell: (c) => ageOf(c.lastTransitionTime, nowMs) },
      ], conditions, { empty: 'No conditions yet: the runtime has not reconciled it.' }))),
    section(`Children (${formatCount(groups.reduce((n, [, l]) => n + l.length, 0))})`,
      groups.length === 0 ? h('p', { class: 'empty' }, 'No children observed.') : groups.map(([kind, list]) => h('div', { class: 'child-group' },
        h('h3', {}, `${kind} `, h('span', { class: 'muted' }, `(${list.length})`)),
        table([
          { label: 'Name', cell: (c) => c.name },
          { label: 'Namespace', cell: (c) => c.namespace ?? '—' },
          { label: 'API version', cell: (c) => c.apiVersion },
          { label: 'State', cell: (c) => (c.exists ? badge('exists') : badge('missing')) },
        ], list, { className: 'child-table' })))),
    section('Recent events', events?.error ? notice('warn', `Events unavailable: ${events.error}`) : table([
      { label: 'Type', cell: (e) => badge(e.type) },
      { label: 'Reason', cell: (e) => e.reason ?? '—' },
      { label: 'Note', className: 'wrap', cell: (e) => e.note ?? '' },
      { label: 'Count', className: 'num', cell: (e) => formatCount(e.count ?? 1) },
      { label: 'Age', className: 'num', cell: (e) => ageOf(e.at, nowMs) },
    ], eventItems, { empty: 'No events.', className: 'event-table' })),
    h('div', { class: 'columns' },
      section('Spec', jsonBlock(cr.spec)),
      section('Status', jsonBlock(cr.status))));
}

function key(c) {
  return `${c.namespace ?? ''}/${c.name}`;
}
