// The API server's audit log, filtered to one operator's ServiceAccount: every request that
// operator makes, counted by verb and by what it touched, from the server's side. Leases are left
// out by the policy (leader election renews every few seconds whatever the workload does), so a
// log that stops growing means the operator stopped working.
import { closeSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CHILD_RESOURCES = new Set(['configmaps', 'services', 'deployments']);
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** Writes the audit policy for `username` into `dir`; returns the kube-apiserver flags and the log path. */
export function auditSetup(dir, username) {
  const policy = join(dir, 'audit-policy.yaml');
  const log = join(dir, 'audit.log');
  writeFileSync(policy, [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'omitStages: [RequestReceived]',
    'rules:',
    '  - level: None',
    '    resources: [{group: coordination.k8s.io, resources: [leases]}]',
    '  - level: Metadata',
    `    users: ["${username}"]`,
    '  - level: None',
    '',
  ].join('\n'));
  // Blocking mode (the log backend's default): an event is on disk before its response is sent,
  // so an offset taken after a phase holds every request of that phase.
  const args = [`--audit-policy-file=${policy}`, `--audit-log-path=${log}`, '--audit-log-format=json', '--audit-log-maxbackup=0', '--audit-log-maxsize=0'];
  return { policy, log, args: args.join(' ') };
}

/**
 * Bytes in the log so far up to the end of its last whole line (0 before the first request). The
 * API server may be in the middle of writing a line: an offset inside it would split that request
 * between two phases, and neither half is JSON.
 */
export function auditSize(log) {
  let size;
  try {
    size = statSync(log).size;
  } catch {
    return 0;
  }
  const fd = openSync(log, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - buf.length);
      const n = readSync(fd, buf, 0, end - start, start);
      const nl = buf.lastIndexOf(10, n - 1);
      if (nl >= 0) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Counts the requests logged between two offsets. A watch counts once, when its response
 * starts; every other request when it completes. Returns counts by verb, by `verb resource[/sub]`,
 * by class, and the 403s.
 */
export function readAudit(log, from, to) {
  const byVerb = {}, byTarget = {}, byClass = {};
  let forbidden = 0, total = 0;
  for (const line of readLines(log, from, to)) {
    const e = JSON.parse(line);
    const watch = e.verb === 'watch';
    if (watch ? e.stage !== 'ResponseStarted' : e.stage !== 'ResponseComplete' && e.stage !== 'Panic') continue;
    total++;
    const ref = e.objectRef ?? {};
    const target = ref.resource ? `${ref.resource}${ref.subresource ? `/${ref.subresource}` : ''}` : e.requestURI.split('?')[0];
    byVerb[e.verb] = (byVerb[e.verb] ?? 0) + 1;
    byTarget[`${e.verb} ${target}`] = (byTarget[`${e.verb} ${target}`] ?? 0) + 1;
    const cls = classify(e.verb, ref);
    byClass[cls] = (byClass[cls] ?? 0) + 1;
    if (e.responseStatus?.code === 403) forbidden++;
  }
  const writes = Object.entries(byVerb).filter(([v]) => WRITE_VERBS.has(v)).reduce((s, [, n]) => s + n, 0);
  return { total, writes, byVerb, byTarget, byClass, forbidden };
}

/**
 * What a request was for: `childWrite` (any write to a ConfigMap, Service or Deployment),
 * `statusWrite` (the CR's status), `crWrite` (the CR itself: finalizers), `event`, `read`
 * (get, list, watch), `other`.
 */
function classify(verb, ref) {
  if (!WRITE_VERBS.has(verb)) return 'read';
  if (ref.resource === 'events') return 'event';
  if (CHILD_RESOURCES.has(ref.resource) && !ref.subresource) return 'childWrite';
  if (ref.resource === 'apps' && ref.apiGroup === 'bench.orkestra.io') return ref.subresource === 'status' ? 'statusWrite' : 'crWrite';
  return 'other';
}

function* readLines(path, from, to) {
  if (to <= from) return;
  const fd = openSync(path, 'r');
  try {
    let rest = '';
    const buf = Buffer.alloc(1 << 20);
    for (let pos = from; pos < to;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, to - pos), pos);
      if (n === 0) break;
      pos += n;
      const parts = (rest + buf.toString('utf8', 0, n)).split('\n');
      rest = parts.pop();
      for (const p of parts) if (p) yield p;
    }
    // Offsets come from auditSize, at line ends: nothing is left over.
    if (rest.trim()) throw new Error(`audit log ${path}: a partial line at offset ${to}`);
  } finally {
    closeSync(fd);
  }
}
