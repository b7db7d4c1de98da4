// What a node leaves on the host, for the teardown checks of issue 17: processes, namespaces,
// mounts, veths, iptables rules and cgroups, read from /proc, `ip` and `iptables-save`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The host's view, taken before a node starts and after it is gone. */
export interface HostFacts {
  /** Network interfaces of type veth, by name. */
  readonly veths: string[];
  /** `iptables-save` of the host's network namespace, packet counters removed. */
  readonly iptables: string[];
  /** The host's mount table (mount point and source), from /proc/self/mountinfo. */
  readonly mounts: string[];
}

/** The namespaces and processes of a running node, to look for after it is removed. */
export interface NodeFacts {
  /** Namespace links (`net:[4026532…]`, `mnt:[…]`, `pid:[…]`) of the node and of each pod sandbox. */
  readonly namespaces: string[];
  /** Host pids of every process in the node's PID namespace. */
  readonly pids: number[];
}

export function hostFacts(): HostFacts {
  const veths = run('ip', ['-o', 'link', 'show', 'type', 'veth']).split('\n').map((l) => /^\d+:\s+([^:@]+)/.exec(l)?.[1]).filter((n): n is string => !!n).sort();
  const iptables = run('iptables-save', []).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.replace(/\[\d+:\d+\]$/, '')).sort();
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ').slice(4, 5).concat(l.split(' - ')[1] ?? '').join(' ')).sort();
  return { veths, iptables, mounts };
}

/** Every process's namespace link of `type` (net, mnt, pid), by pid; processes that vanish are skipped. */
export function namespacesByPid(type: 'net' | 'mnt' | 'pid'): Map<number, string> {
  const out = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.set(Number(entry), readlinkSync(`/proc/${entry}/ns/${type}`));
    } catch {
      // gone meanwhile, or a kernel thread
    }
  }
  return out;
}

/** The node's namespaces and processes (its PID 1 and every descendant: daemons, shims, containers). */
export function nodeFacts(initPid: number): NodeFacts {
  const pids = descendants(initPid);
  const namespaces = new Set<string>();
  for (const pid of pids) {
    for (const type of ['net', 'mnt', 'pid'] as const) {
      try {
        namespaces.add(readlinkSync(`/proc/${pid}/ns/${type}`));
      } catch {
        // exited meanwhile
      }
    }
  }
  return { namespaces: [...namespaces].sort(), pids: pids.sort((a, b) => a - b) };
}

/** Which of `facts` still exist: live pids, and namespaces any process still holds. */
export function remainingOf(facts: NodeFacts): { pids: number[]; namespaces: string[] } {
  const held = new Set<string>();
  for (const type of ['net', 'mnt', 'pid'] as const) for (const ns of namespacesByPid(type).values()) held.add(ns);
  return {
    pids: facts.pids.filter((p) => existsSync(`/proc/${p}`) && !isZombie(p)),
    namespaces: facts.namespaces.filter((ns) => held.has(ns)),
  };
}

/** Lines of `after` that `before` lacks. */
export function added(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return after.filter((l) => !had.has(l));
}

/** `root` and every process below it, from each process's parent in /proc/<pid>/stat. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) \S+ /, '').split(' ')[0]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  for (const queue = [root]; queue.length;) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || String(r.error)}`);
  return r.stdout;
}
