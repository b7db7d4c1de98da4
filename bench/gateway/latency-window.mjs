// Server-side latencies of the bench servers, over IPC: 'reset' starts a new window, 'stats'
// answers its count, p50, p99 and max in milliseconds, and how late the server's event loop ran
// over the same window (a stalled loop delays every review still in its socket, which the
// request-arrival → response figures cannot see).
import { monitorEventLoopDelay } from 'node:perf_hooks';

export function latencyWindow() {
  let window = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  return {
    add(ms) { window.push(ms); },
    answer(message) {
      if (message === 'reset') { window = []; loop.reset(); return { type: 'reset' }; }
      const sorted = Float64Array.from(window).sort();
      const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      return {
        type: 'stats', count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1],
        // Nanoseconds → ms; the 1 ms sampling resolution is included in every figure.
        loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6,
      };
    },
  };
}
