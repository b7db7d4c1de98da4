// Page building blocks shared by the views: sections, key/value lists, tables that collapse into
// cards on narrow screens (each cell carries its column label), chips, JSON blocks, notices.
import { h } from './dom.js';

/** A titled section; `actions` sit at the right of the heading. */
export function section(title, body, { actions, id, className = '' } = {}) {
  return h('section', { class: `panel ${className}`.trim(), id },
    h('div', { class: 'panel-head' }, h('h2', {}, title), actions ? h('div', { class: 'panel-actions' }, actions) : null),
    body);
}

/** A definition list of `[label, value]` rows; rows whose value is undefined are left out. */
export function keyValues(rows) {
  return h('dl', { class: 'kv' }, rows.filter(([, v]) => v !== undefined).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/**
 * A table of `rows` with `columns` `{ label, cell: (row) => node or text, className? }`. Under
 * ~700 px the CSS turns rows into cards, labelling each cell with its column's `data-label`.
 */
export function table(columns, rows, { empty = 'Nothing here yet.', className = '', rowClass } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h('table', { class: `grid ${className}`.trim() },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', { class: rowClass?.(row) },
      // One wrapper per cell, so the card layout has exactly two grid items: the label and the value.
      columns.map((c) => h('td', { 'data-label': c.label, class: c.className }, h('div', { class: 'cell' }, c.cell(row))))))));
}

/** Small inline tokens (verbs, finalizers, labels). */
export function chips(values, className = '') {
  if (!values || values.length === 0) return h('span', { class: 'muted' }, '—');
  return h('span', { class: `chips ${className}`.trim() }, values.map((v) => h('span', { class: 'chip' }, String(v))));
}

/** A value as indented JSON in a <pre>; the text is set, never parsed. */
export function jsonBlock(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value ?? {}, null, 2));
}

/** A one-line notice (tone: info, warn, bad). */
export function notice(tone, ...text) {
  return h('div', { class: `notice notice-${tone}`, role: tone === 'bad' ? 'alert' : 'status' }, ...text);
}

/** A big number with a caption, for the stats strip. */
export function stat(label, value, detail) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, value), h('div', { class: 'stat-label' }, label),
    detail ? h('div', { class: 'stat-detail' }, detail) : null);
}

/** A link to one of the UI's own routes. */
export function link(href, ...text) {
  return h('a', { href }, ...text);
}

/** The message of a failed API call, with its hint when the server gave one. */
export function errorNotice(err) {
  return notice('bad', err?.message ?? String(err), err?.hint ? h('span', { class: 'hint' }, ` ${err.hint}`) : null);
}
