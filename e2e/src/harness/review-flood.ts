// A child process that floods a webhook port the way issue 12's attacker did (`large`: `clients`
// keep-alive connections each POSTing a large UPDATE review, object + oldObject, back to back), or
// that probes it (`small`: a small review every `smallEveryMs`, timed). Flood and probe run in two
// processes so that the probe's timings are not the flood's own CPU (encrypting 8 × 6.9 MB), and
// apart from the test, whose kubectl calls block its event loop. On SIGTERM (or after `seconds`)
// it prints one JSON line of what it saw and exits.
//
//   node review-flood.js large|small <port> <clients> <largeBytes> <smallEveryMs> <seconds>
import { Agent, request } from 'node:https';

/** What the flood saw, printed as one JSON line. */
export interface FloodReport {
  readonly large: { readonly sent: number; readonly answered: number; readonly byStatus: Record<string, number>; readonly undecided: number; readonly errors: number };
  readonly small: { readonly sent: number; readonly answered: number; readonly decided: number; readonly undecided: number; readonly errors: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
}

/** A review of `bytes` bytes: an UPDATE of a ConfigMap whose data fills object and oldObject. */
export function largeReview(uid: string, bytes: number): Buffer {
  const pad = Math.max(0, Math.floor((bytes - 2000) / 2));
  const cm = (data: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'flood', labels: { app: 'big' } }, data: { blob: data } });
  const body = JSON.stringify({
    kind: 'AdmissionReview', apiVersion: 'admission.k8s.io/v1',
    request: {
      uid, kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
      name: 'big', namespace: 'flood', operation: 'UPDATE', userInfo: { username: 'mallory' },
      object: cm('a'.repeat(pad)), oldObject: cm('b'.repeat(pad)), dryRun: false,
    },
  });
  return Buffer.from(body);
}

/** A small review: DELETE of a labelled ConfigMap (denied when deletion protection is on). */
export function smallReview(uid: string): Buffer {
  return Buffer.from(JSON.stringify({
    kind: 'AdmissionReview', apiVersion: 'admission.k8s.io/v1',
    request: {
      uid, kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' },
      name: 'guarded', namespace: 'flood', operation: 'DELETE', userInfo: { username: 'alice' },
      oldObject: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'guarded', namespace: 'flood', labels: { 'orkestra.io/deletion-protection': 'true' } } },
    },
  }));
}

function post(agent: Agent, port: number, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path: '/deletion-protection', method: 'POST', agent, rejectUnauthorized: false,
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(mode: string, argv: readonly string[]): Promise<void> {
  const [port, clients, largeBytes, smallEveryMs, seconds] = argv.map(Number) as [number, number, number, number, number];
  let running = true;
  const stop = (): void => { running = false; };
  process.on('SIGTERM', stop);
  setTimeout(stop, seconds * 1000).unref();
  const large = { sent: 0, answered: 0, byStatus: {} as Record<string, number>, undecided: 0, errors: 0 };
  const small = { sent: 0, answered: 0, decided: 0, undecided: 0, errors: 0 };
  const latencies: number[] = [];
  const body = mode === 'large' ? largeReview('flood-large', largeBytes) : Buffer.alloc(0);

  const largeLoop = async (): Promise<void> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    while (running) {
      large.sent++;
      try {
        const r = await post(agent, port, body);
        large.answered++;
        large.byStatus[r.status] = (large.byStatus[r.status] ?? 0) + 1;
        if (r.text.includes('"undecided"')) large.undecided++;
      } catch {
        large.errors++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    agent.destroy();
  };
  // One small review at a time on one keep-alive connection, `smallEveryMs` apart: each latency is
  // the gateway's answer time plus the network, never time spent queued in this client.
  const smallLoop = async (): Promise<void> => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; running; i++) {
      const uid = `flood-small-${i}`;
      const started = performance.now();
      small.sent++;
      try {
        const r = await post(agent, port, smallReview(uid));
        latencies.push(performance.now() - started);
        small.answered++;
        const response = (JSON.parse(r.text) as { response?: { uid?: string; auditAnnotations?: { undecided?: string } } }).response;
        if (response?.uid !== uid) small.errors++;
        else if (response.auditAnnotations?.undecided !== undefined) small.undecided++;
        else small.decided++;
      } catch {
        small.errors++;
      }
      await new Promise((resolve) => setTimeout(resolve, smallEveryMs));
    }
    agent.destroy();
  };
  await Promise.all(mode === 'large' ? Array.from({ length: clients }, largeLoop) : [smallLoop()]);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  const report: FloodReport = { large, small: { ...small, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) } };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await main(process.argv[2] ?? '', process.argv.slice(3));
