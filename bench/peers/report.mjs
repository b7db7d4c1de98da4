#!/usr/bin/env node
// Tables (Markdown) and the plot (SVG) from bench/peers JSON lines: medians with min-max over the
// repetitions, ratios Orkestra/peer from the same run, the goals of issue 16, the load average.
//   node bench/peers/report.mjs results.jsonl [--svg plot.svg]
import { readFileSync, writeFileSync } from 'node:fs';
import { plotSvg } from './plot.mjs';

const OPS = ['orkestra', 'kro', 'controller-runtime'];
const LABEL = { orkestra: 'Orkestra', kro: 'kro', 'controller-runtime': 'controller-runtime' };

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stat = (rs, f) => {
  const xs = rs.map(f).filter((x) => Number.isFinite(x));
  return { med: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
};
const fmt = (x, d) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const cell = (s, d) => (s.n === 0 ? '–' : s.n === 1 || s.min === s.max ? fmt(s.med, d) : `${fmt(s.med, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`);
const ratio = (a, b) => (Number.isFinite(a.med) && Number.isFinite(b.med) && b.med > 0 ? `${(a.med / b.med).toFixed(2)}×` : '–');

/** Per-CR count of a request class in a phase. */
const perCr = (phase, cls) => (r) => (r[phase]?.requests ? (cls === 'total' ? r[phase].requests.total : cls === 'writes' ? r[phase].requests.writes : r[phase].requests.byClass[cls] ?? 0) / r.crs : NaN);

const ROWS = [
  ['first create → all Ready (s)', (r) => r.burst?.readyS, 1],
  ['per CR create → Ready p50 (s)', (r) => r.burst?.p50S, 1],
  ['per CR create → Ready p99 (s)', (r) => r.burst?.p99S, 1],
  ['requests per CR, burst (all)', perCr('burst', 'total'), 2],
  ['  child writes (apply) per CR', perCr('burst', 'childWrite'), 2],
  ['  status writes per CR', perCr('burst', 'statusWrite'), 2],
  ['  CR writes (finalizer) per CR', perCr('burst', 'crWrite'), 2],
  ['  Events per CR', perCr('burst', 'event'), 2],
  ['  reads (get/list/watch) per CR', perCr('burst', 'read'), 2],
  ['operator CPU, burst to settled (s)', (r) => r.burst?.cpuS.operator, 2],
  ['operator CPU per CR (ms)', (r) => (r.burst ? (r.burst.cpuS.operator / r.crs) * 1000 : NaN), 2],
  ['kube-apiserver CPU, same window (s)', (r) => r.burst?.cpuS.apiserver, 1],
  ['etcd CPU, same window (s)', (r) => r.burst?.cpuS.etcd, 1],
  ['RSS idle, no CRs (MB)', (r) => r.rssIdleMB, 1],
  ['RSS peak, burst (MB)', (r) => r.burst?.rssPeakMB, 1],
  ['restart: all verified (s after spawn)', (r) => r.restart?.verifiedS, 2],
  ['restart: writes (goal 0)', (r) => r.restart?.requests.writes, 0],
  ['restart: requests (all)', (r) => r.restart?.requests.total, 0],
  ['restart: operator CPU to verified (s)', (r) => r.restart?.cpuS.operatorToVerified, 2],
  ['spec change → all updated (s)', (r) => r.specChange?.readyS, 1],
  ['spec change: requests per CR', perCr('specChange', 'total'), 2],
  ['spec change: operator CPU (s)', (r) => r.specChange?.cpuS.operator, 2],
];

/** All tables as Markdown. */
export function summarize(results) {
  const ok = results.filter((r) => !r.error);
  const out = [];
  const failed = results.filter((r) => r.error);
  for (const r of failed) out.push(`FAILED: ${r.operator} @ ${r.crs} (repetition ${r.rep + 1}): ${r.error}`);
  const sizes = [...new Set(ok.filter((r) => !r.growth).map((r) => r.crs))].sort((a, b) => a - b);
  for (const crs of sizes) {
    const by = Object.fromEntries(OPS.map((op) => [op, ok.filter((r) => r.operator === op && r.crs === crs && !r.growth)]));
    const present = OPS.filter((op) => by[op].length);
    const peers = present.filter((op) => op !== 'orkestra');
    const runs = present.flatMap((op) => by[op]);
    out.push('', `### ${crs.toLocaleString('en')} CRs × 3 children, ${runs[0].concurrency} creates in flight, ${Math.max(...present.map((op) => by[op].length))} repetition(s)`, '');
    out.push(loadLine(runs), '');
    out.push(`| metric | ${present.map((op) => LABEL[op]).join(' | ')} |${peers.includes('kro') && by.orkestra?.length ? ' Orkestra/kro |' : ''}${peers.includes('controller-runtime') && by.orkestra?.length ? ' Orkestra/c-r |' : ''}`);
    out.push(`|---|${present.map(() => '---:').join('|')}|${peers.includes('kro') && by.orkestra?.length ? '---:|' : ''}${peers.includes('controller-runtime') && by.orkestra?.length ? '---:|' : ''}`);
    for (const [name, f, d] of ROWS) {
      const s = Object.fromEntries(present.map((op) => [op, stat(by[op], f)]));
      const ratios = by.orkestra?.length ? peers.filter((p) => p === 'kro' || p === 'controller-runtime').map((p) => ratio(s.orkestra, s[p])) : [];
      out.push(`| ${name} | ${present.map((op) => cell(s[op], d)).join(' | ')} |${ratios.map((x) => ` ${x} |`).join('')}`);
    }
    out.push('', verbLine(by, present));
  }
  const growth = ok.filter((r) => r.operator === 'orkestra');
  const gsizes = [...new Set(growth.map((r) => r.crs))].sort((a, b) => a - b);
  if (gsizes.length > 1) {
    out.push('', '### Orkestra growth curve', '', loadLine(growth), '');
    out.push('| CRs | all Ready (s) | CRs/s | operator CPU (s) | CPU per CR (ms) | RSS peak (MB) | restart verified (s) | restart writes |');
    out.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const n of gsizes) {
      const rs = growth.filter((r) => r.crs === n);
      out.push(`| ${n.toLocaleString('en')} | ${cell(stat(rs, (r) => r.burst.readyS), 1)} | ${fmt(n / stat(rs, (r) => r.burst.readyS).med, 0)} | ${cell(stat(rs, (r) => r.burst.cpuS.operator), 1)} | ${cell(stat(rs, (r) => (r.burst.cpuS.operator / n) * 1000), 2)} | ${cell(stat(rs, (r) => r.burst.rssPeakMB), 1)} | ${cell(stat(rs, (r) => r.restart.verifiedS), 2)} | ${cell(stat(rs, (r) => r.restart.requests.writes), 0)} |`);
    }
    const hi = gsizes.at(-1), lo = gsizes.includes(1000) && hi > 1000 ? 1000 : gsizes[0];
    const g = (n, f) => stat(growth.filter((r) => r.crs === n), f).med;
    const k = hi / lo;
    out.push('', `From ${lo.toLocaleString('en')} to ${hi.toLocaleString('en')} CRs (×${k}): time ×${fmt(g(hi, (r) => r.burst.readyS) / g(lo, (r) => r.burst.readyS), 2)}, operator CPU ×${fmt(g(hi, (r) => r.burst.cpuS.operator) / g(lo, (r) => r.burst.cpuS.operator), 2)}, peak RSS ×${fmt(g(hi, (r) => r.burst.rssPeakMB) / g(lo, (r) => r.burst.rssPeakMB), 2)} (RSS above idle ×${fmt((g(hi, (r) => r.burst.rssPeakMB) - g(hi, (r) => r.rssIdleMB)) / (g(lo, (r) => r.burst.rssPeakMB) - g(lo, (r) => r.rssIdleMB)), 2)}); linear is ×${k}.`);
  }
  const goals = goalLines(ok, sizes);
  if (goals.length) out.push('', '### Goals (ratios from medians of the same run)', '', '| goal | measured | met |', '|---|---|---|', ...goals);
  return out.join('\n');
}

function loadLine(runs) {
  const starts = runs.map((r) => r.machine.load1Start), ends = runs.map((r) => r.machine.load1End);
  const all = [...starts, ...ends];
  const first = runs.map((r) => r.date).sort()[0];
  // A measurement loads the machine itself (API server, etcd, the operator, the creator: 2-4 on 2
  // cores), and the next one starts within seconds, so the 1-min average at its start carries the
  // previous one's work. Other work keeps even the quietest start above the cores.
  const verdict = Math.min(...starts) > runs[0].machine.cpus
    ? ' (**busy**: more runnable work than cores even between measurements; times and CPU are inflated, request counts are exact)'
    : ` (lowest at a measurement's start ${fmt(Math.min(...starts), 1)}: the load is the bench's own API server, etcd, operator and creator)`;
  return `Machine: ${runs[0].machine.cpus} cores; runs from ${first.slice(0, 16).replace('T', ' ')} UTC; 1-min load average at the start/end of each measurement: median ${fmt(median(all), 1)}, range ${fmt(Math.min(...all), 1)}–${fmt(Math.max(...all), 1)}${verdict}.`;
}

function verbLine(by, present) {
  const parts = present.map((op) => {
    const verbs = {};
    for (const r of by[op]) for (const [v, n] of Object.entries(r.burst.requests.byVerb)) (verbs[v] ??= []).push(n / r.crs);
    return `${LABEL[op]}: ${Object.entries(verbs).sort().map(([v, xs]) => `${v} ${median(xs).toFixed(2)}`).join(', ')}`;
  });
  return `Burst requests per CR by verb (audit log, the operator's ServiceAccount; Leases not logged): ${parts.join('; ')}.`;
}

function goalLines(ok, sizes) {
  const lines = [];
  const m = (op, crs, f) => stat(ok.filter((r) => r.operator === op && r.crs === crs && !r.growth), f).med;
  const row = (goal, x, limit, unit = '×') => lines.push(`| ${goal} | ${Number.isFinite(x) ? `${x.toFixed(2)}${unit}` : '–'} | ${Number.isFinite(x) ? (x <= limit ? 'yes' : '**no**') : '–'} |`);
  for (const crs of sizes.filter((n) => n >= 1000)) {
    const t = (op) => m(op, crs, (r) => r.burst.readyS);
    row(`${crs}: time to all Ready ≤ 1.0× controller-runtime`, t('orkestra') / t('controller-runtime'), 1.0);
    row(`${crs}: time to all Ready ≤ 0.5× kro`, t('orkestra') / t('kro'), 0.5);
  }
  for (const crs of sizes) {
    const cpu = (op) => m(op, crs, (r) => r.burst.cpuS.operator);
    row(`${crs}: operator CPU per CR ≤ 1.0× controller-runtime`, cpu('orkestra') / cpu('controller-runtime'), 1.0);
    const req = (op) => m(op, crs, (r) => r.burst.requests.total / r.crs);
    row(`${crs}: requests per CR ≤ each peer's (vs kro)`, req('orkestra') / req('kro'), 1.0);
    row(`${crs}: requests per CR ≤ each peer's (vs controller-runtime)`, req('orkestra') / req('controller-runtime'), 1.0);
    const minimal = m('orkestra', crs, (r) => ((r.burst.requests.byClass.childWrite ?? 0) + (r.burst.requests.byClass.statusWrite ?? 0)) / r.crs);
    row(`${crs}: child applies + status writes per CR at the minimum (4)`, minimal / 4, 1.0);
    row(`${crs}: peak RSS ≤ 1.2× controller-runtime`, m('orkestra', crs, (r) => r.burst.rssPeakMB) / m('controller-runtime', crs, (r) => r.burst.rssPeakMB), 1.2);
    row(`${crs}: restart writes = 0`, m('orkestra', crs, (r) => r.restart.requests.writes), 0, '');
    row(`${crs}: restart verified ≤ 1 s per 1,000 CRs (≤ 1 s below 1,000)`, m('orkestra', crs, (r) => r.restart.verifiedS) / Math.max(1, crs / 1000), 1.0, crs > 1000 ? ' s per 1,000' : ' s');
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const svgAt = args.indexOf('--svg');
  const svg = svgAt >= 0 ? args.splice(svgAt, 2)[1] : undefined;
  const results = args.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)));
  console.log(summarize(results));
  if (svg) writeFileSync(svg, plotSvg(results.filter((r) => !r.error)));
}
