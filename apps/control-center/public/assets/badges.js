// Status badges: colour AND text (and a symbol), so no state is told by colour alone.
import { h } from './dom.js';

/** The tone (ok, warn, bad, info, muted) of a health state, runtime status or Ready value. */
export function toneOf(value) {
  switch (value) {
    case 'True': case 'healthy': case 'online': case 'Normal': case 'exists': return 'ok';
    case 'False': case 'degraded': case 'offline': case 'Warning': case 'missing': case 'critical': return 'bad';
    case 'pending': case 'starting': return 'info';
    case 'waiting-for-crd': case 'waiting-for-dependency': return 'warn';
    default: return 'muted';
  }
}

const SYMBOL = { ok: '●', bad: '✕', warn: '◐', info: '◌', muted: '○' };

/** A badge for a value; `prefix` is read by screen readers and shown before the value when given. */
export function badge(value, prefix) {
  const tone = toneOf(value);
  return h('span', { class: `badge badge-${tone}`, 'data-value': value },
    h('span', { class: 'badge-symbol', 'aria-hidden': 'true' }, SYMBOL[tone]),
    prefix ? `${prefix} ` : null,
    String(value ?? 'Unknown'));
}

/** A Ready badge from a CR's Ready condition status ('True', 'False', anything else is Unknown). */
export function readyBadge(status) {
  return badge(status === 'True' || status === 'False' ? status : 'Unknown');
}
