// Live snapshots: Server-Sent Events from /api/events (the browser reconnects by itself), with a
// watchdog that falls back to GET /api/snapshot when no event came for two refresh intervals (a
// proxy that buffers event streams, or a closed stream).
import { fetchJson } from './api.js';

/** Whether a snapshot arrived within two refresh intervals (plus slack) of `nowMs`. */
export function isOverdue(lastAtMs, refreshSeconds, nowMs) {
  return nowMs - lastAtMs > (2 * refreshSeconds + 5) * 1000;
}

/**
 * Calls `onSnapshot(snapshot)` for every snapshot and `onConnection(state)` with 'connecting',
 * 'live', 'reconnecting' or 'polling'. Returns a function that stops everything.
 */
export function subscribeSnapshots({ onSnapshot, onConnection }) {
  let source;
  let lastAtMs = Date.now();
  let refreshSeconds = 10;
  let polling = false;
  let retry;

  const deliver = (snapshot, via) => {
    lastAtMs = Date.now();
    if (typeof snapshot?.refreshSeconds === 'number' && snapshot.refreshSeconds > 0) refreshSeconds = snapshot.refreshSeconds;
    onSnapshot(snapshot);
    onConnection(via);
  };

  const open = () => {
    onConnection('connecting');
    source = new EventSource('/api/events');
    source.addEventListener('snapshot', (e) => {
      let snapshot;
      try {
        snapshot = JSON.parse(e.data);
      } catch {
        return;
      }
      deliver(snapshot, 'live');
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream; the browser will not retry on its own.
        onConnection('reconnecting');
        retry = setTimeout(open, refreshSeconds * 1000);
      } else {
        onConnection('reconnecting');
      }
    });
  };

  const watchdog = setInterval(async () => {
    if (polling || !isOverdue(lastAtMs, refreshSeconds, Date.now())) return;
    polling = true;
    try {
      deliver(await fetchJson('/api/snapshot'), 'polling');
    } catch {
      onConnection('reconnecting');
      lastAtMs = Date.now() - refreshSeconds * 1000; // try again in about one interval, not every second
    } finally {
      polling = false;
    }
  }, 1000);

  open();
  return () => {
    clearInterval(watchdog);
    clearTimeout(retry);
    source?.close();
  };
}
