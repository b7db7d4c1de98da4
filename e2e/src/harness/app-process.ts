// A server app (runtime, gateway) as a child process: its JSON log lines collected as they come,
// SIGTERM with a deadline, and the HTTP base URL it logs. runtime-process.ts and
// gateway-process.ts add what is particular to each.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './control-plane.ts';

/** A started app, with every JSON log line it printed. */
export interface AppProcess {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

/**
 * Runs `node <entry> <args>` from the repository root with `env` over this process's environment.
 * A stdout line that is not JSON is kept in `stderr`, marked, rather than failing the collector.
 * With `logDir`, the lines are written there when the process exits (for a post-mortem).
 */
export function startApp(entry: string, args: readonly string[], env: Record<string, string>, logDir?: string): AppProcess {
  const child = spawn(process.execPath, [join(REPO, entry), ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const p of parts) {
      if (!p.trim()) continue;
      try {
        lines.push(JSON.parse(p) as Record<string, unknown>);
      } catch {
        stderr.push(`(stdout, not JSON) ${p}\n`);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    if (logDir) appendFileSync(join(logDir, `${entry.split('/')[1]}-${child.pid}.log`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n${stderr.join('')}`);
    resolve(code);
  }));
  return { child, lines, stderr, exited };
}

/** Sends SIGTERM and waits for the exit code; SIGKILL and an error if it takes over 20 s. */
export async function stopApp(p: AppProcess, name: string): Promise<number | null> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 20_000, 'timeout').unref());
  const code = await Promise.race([p.exited, timeout]);
  if (code !== 'timeout') return code;
  p.child.kill('SIGKILL');
  throw new Error(`the ${name} did not stop within 20 s of SIGTERM`);
}

/** The app's HTTP base URL, once it logged `http listening`; throws after `timeoutMs` or if it exits. */
export async function appHttpBase(p: AppProcess, name: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = p.lines.find((l) => l['msg'] === 'http listening');
    if (line) return `http://${String(line['host'])}:${String(line['port'])}`;
    if (p.child.exitCode !== null) throw new Error(`the ${name} exited (${p.child.exitCode}) before listening: ${p.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`the ${name} did not log "http listening" within ${timeoutMs} ms: ${p.stderr.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
