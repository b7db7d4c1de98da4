// An operator binary as a child process: its log lines, its exit, a free port to give it, and
// Prometheus text read back as numbers.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Starts `bin` with `args`; keeps its output lines (stdout and stderr) with the time each came. */
export function startProcess(bin, args, env) {
  const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const startedMs = performance.now();
  const collect = (stream) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop();
      for (const text of parts) if (text.trim()) lines.push({ text, ms: performance.now() });
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, lines, exited, startedMs };
}

/** Waits for a log line matching `re`; throws with the last lines if the process exits or time runs out. */
export async function waitForLog(p, re, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const line = p.lines.find((l) => re.test(l.text));
    if (line) return line;
    if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`exited (${p.child.exitCode ?? p.child.signalCode}) before logging ${re}:\n${tail(p)}`);
    if (performance.now() > deadline) throw new Error(`no log line ${re} within ${timeoutMs} ms:\n${tail(p)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGTERM, then the exit code; SIGKILL after `graceMs`. */
export async function stopProcess(p, graceMs = 60_000) {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout').unref());
  const code = await Promise.race([p.exited, timeout]);
  if (code !== 'timeout') return code;
  p.child.kill('SIGKILL');
  return 'SIGKILL after timeout';
}

/** The last `n` log lines, for an error message. */
export function tail(p, n = 20) {
  return p.lines.slice(-n).map((l) => l.text).join('\n');
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Sum of every sample of `metric` whose labels contain `labelPart` (all samples without it). */
export function promSum(text, metric, labelPart = '') {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const m = line.match(/^(\w+)(\{[^}]*\})? (\S+)$/);
    if (m && m[1] === metric && (m[2] ?? '').includes(labelPart)) sum += Number(m[3]);
  }
  return sum;
}

/** GET a URL's text, or undefined when nothing answers. */
export async function fetchText(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return r.ok ? await r.text() : undefined;
  } catch {
    return undefined;
  }
}
