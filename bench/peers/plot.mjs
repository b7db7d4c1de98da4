// The README's plot as a standalone SVG (no dependencies): three panels against the number of
// CRs (log scale): time to all Ready (log scale), operator CPU per CR, peak RSS. Median points
// joined per operator, min-max whiskers.
const COLORS = { orkestra: '#1f77b4', kro: '#d62728', 'controller-runtime': '#2ca02c' };
const LABEL = { orkestra: 'Orkestra', kro: 'kro v0.9.4', 'controller-runtime': 'controller-runtime v0.25.3' };
const PANELS = [
  { title: 'first create → all Ready (s)', f: (r) => r.burst.readyS, log: true },
  { title: 'operator CPU per CR (ms)', f: (r) => (r.burst.cpuS.operator / r.crs) * 1000, log: false },
  { title: 'operator peak RSS (MB)', f: (r) => r.burst.rssPeakMB, log: true },
];
const W = 330, H = 260, M = { l: 52, r: 12, t: 28, b: 40 };

/** The SVG text for `results` (successful measurements). */
export function plotSvg(results) {
  const ops = Object.keys(COLORS).filter((op) => results.some((r) => r.operator === op));
  const xs = [...new Set(results.map((r) => r.crs))].sort((a, b) => a - b);
  const parts = [];
  PANELS.forEach((panel, i) => parts.push(`<g transform="translate(${i * W},0)">${drawPanel(panel, results, ops, xs)}</g>`));
  const legend = ops.map((op, i) => `<g transform="translate(${60 + i * 230},${H + 14})"><rect width="14" height="4" y="-6" fill="${COLORS[op]}"/><text x="20" font-size="12">${LABEL[op]}</text></g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W * PANELS.length}" height="${H + 28}" font-family="sans-serif" font-size="11">`
    + `<rect width="100%" height="100%" fill="white"/>${parts.join('')}${legend}</svg>\n`;
}

function drawPanel(panel, results, ops, xs) {
  const series = ops.map((op) => ({ op, points: xs.map((n) => {
    const v = results.filter((r) => r.operator === op && r.crs === n).map(panel.f).filter(Number.isFinite).sort((a, b) => a - b);
    return v.length ? { n, med: v[Math.floor((v.length - 1) / 2)], min: v[0], max: v.at(-1) } : undefined;
  }).filter(Boolean) }));
  const all = series.flatMap((s) => s.points.flatMap((p) => [p.min, p.max]));
  let lo = Math.min(...all), hi = Math.max(...all);
  if (panel.log) { lo = 10 ** Math.floor(Math.log10(lo)); hi = 10 ** Math.ceil(Math.log10(hi)); } else { lo = 0; hi = niceCeil(hi); }
  const fx = (n) => M.l + ((Math.log10(n) - Math.log10(xs[0])) / Math.max(1e-9, Math.log10(xs.at(-1)) - Math.log10(xs[0]))) * (W - M.l - M.r);
  const fy = (v) => {
    const t = panel.log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
    return H - M.b - t * (H - M.t - M.b);
  };
  const out = [`<text x="${M.l}" y="16" font-size="12" font-weight="bold">${panel.title}</text>`];
  const yTicks = panel.log ? decades(lo, hi) : [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  for (const v of yTicks) out.push(`<line x1="${M.l}" x2="${W - M.r}" y1="${fy(v)}" y2="${fy(v)}" stroke="#ddd"/><text x="${M.l - 4}" y="${fy(v) + 4}" text-anchor="end">${short(v)}</text>`);
  for (const n of xs) out.push(`<line x1="${fx(n)}" x2="${fx(n)}" y1="${M.t}" y2="${H - M.b}" stroke="#eee"/><text x="${fx(n)}" y="${H - M.b + 14}" text-anchor="middle">${short(n)}</text>`);
  out.push(`<text x="${(M.l + W - M.r) / 2}" y="${H - 8}" text-anchor="middle">CRs (log scale)</text>`);
  out.push(`<rect x="${M.l}" y="${M.t}" width="${W - M.l - M.r}" height="${H - M.t - M.b}" fill="none" stroke="#888"/>`);
  for (const { op, points } of series) {
    const c = COLORS[op];
    if (points.length > 1) out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${points.map((p) => `${fx(p.n).toFixed(1)},${fy(p.med).toFixed(1)}`).join(' ')}"/>`);
    for (const p of points) {
      out.push(`<line x1="${fx(p.n)}" x2="${fx(p.n)}" y1="${fy(p.min)}" y2="${fy(p.max)}" stroke="${c}"/>`);
      out.push(`<circle cx="${fx(p.n).toFixed(1)}" cy="${fy(p.med).toFixed(1)}" r="3.5" fill="${c}"><title>${LABEL[op]} @ ${p.n}: ${p.med.toFixed(2)} (${p.min.toFixed(2)}–${p.max.toFixed(2)})</title></circle>`);
    }
  }
  return out.join('');
}

function decades(lo, hi) {
  const out = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) out.push(v);
  return out;
}

function niceCeil(x) {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((k) => k * p).find((v) => v >= x) ?? x;
}

function short(v) {
  if (v >= 1000) return `${+(v / 1000).toFixed(1)}k`;
  return String(+v.toPrecision(3));
}
