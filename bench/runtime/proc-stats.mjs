// CPU and memory of a process from /proc, as performance.md §3 asks: CPU-seconds, not percent.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of `pid` in seconds; undefined once the process is gone. */
export function cpuSeconds(pid) {
  try {
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** VmRSS (current) and VmHWM (peak since start) of `pid` in MB (MiB). */
export function memoryMB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples RSS at `hz` so a peak between two reads of VmHWM is attributed to the right phase. */
export function sampleRss(pid, hz = 10) {
  let peak = 0, last = 0;
  const timer = setInterval(() => {
    const m = memoryMB(pid);
    if (m) { last = m.rss; peak = Math.max(peak, m.rss); }
  }, 1000 / hz);
  timer.unref();
  return {
    /** Peak sampled RSS since the last reset. */
    peak: () => peak,
    last: () => last,
    reset: () => { peak = 0; },
    stop: () => clearInterval(timer),
  };
}
