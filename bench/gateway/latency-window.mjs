// Server-side latencies of the bench servers, over IPC: 'reset' starts a new window, 'stats'
// answers its count, p50, p99 and max in milliseconds.
export function latencyWindow() {
  let window = [];
  return {
    add(ms) { window.push(ms); },
    answer(message) {
      if (message === 'reset') { window = []; return { type: 'reset' }; }
      const sorted = Float64Array.from(window).sort();
      const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      return { type: 'stats', count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
    },
  };
}
