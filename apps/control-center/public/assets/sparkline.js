// A small SVG line chart for a series of recent values (reconcile rate, queue depth). The y axis
// starts at zero so a flat busy queue and an idle one do not look alike.
import { h, svg } from './dom.js';

export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 28;

/**
 * Points of a polyline for `values` in a `width`×`height` box (y grows downwards), inset by `pad`.
 * One value is drawn as a flat line; no value gives no points.
 */
export function sparklinePoints(values, width = SPARK_WIDTH, height = SPARK_HEIGHT, pad = 2) {
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return [];
  const series = finite.length === 1 ? [finite[0], finite[0]] : finite;
  const max = Math.max(...series, 0);
  const innerW = width - 2 * pad, innerH = height - 2 * pad;
  return series.map((v, i) => {
    const x = pad + (innerW * i) / (series.length - 1);
    const y = max > 0 ? pad + innerH - (innerH * Math.max(0, v)) / max : pad + innerH;
    return [round(x), round(y)];
  });
}

/** The `points` attribute of an SVG polyline. */
export function pointsAttribute(points) {
  return points.map(([x, y]) => `${x},${y}`).join(' ');
}

/**
 * A labelled sparkline: the chart, the latest value (or `current` when given) and the peak, all as
 * text too so the figure is readable without the picture. `format` turns a value into text.
 */
export function renderSparkline(values, { label, format, className = '', current }) {
  const points = sparklinePoints(values);
  const latest = current ?? (values.length ? values[values.length - 1] : undefined);
  const peak = values.length ? Math.max(...values) : undefined;
  const summary = latest === undefined ? 'no data yet' : `now ${format(latest)}, peak ${format(peak)}`;
  const chart = svg('svg', {
    class: 'spark-chart', viewBox: `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`, width: SPARK_WIDTH, height: SPARK_HEIGHT,
    role: 'img', 'aria-label': `${label}: ${summary}`, preserveAspectRatio: 'none',
  },
  svg('title', {}, `${label}: ${summary}`),
  points.length ? svg('polygon', { class: 'spark-area', points: pointsAttribute([[points[0][0], SPARK_HEIGHT], ...points, [points[points.length - 1][0], SPARK_HEIGHT]]) }) : null,
  points.length ? svg('polyline', { class: 'spark-line', points: pointsAttribute(points) }) : null);
  return h('figure', { class: `spark ${className}`.trim() },
    chart,
    h('figcaption', {}, h('span', { class: 'spark-label' }, label), ' ', h('span', { class: 'spark-value' }, latest === undefined ? '—' : format(latest))));
}

function round(n) {
  return Math.round(n * 10) / 10;
}
