import type { IncomingMessage } from 'node:http';
import { type ClusterResult, type KubeObject, type WatchEnd, type WatchEvent, errorTypeForStatus } from '@orkestra/lib/ports';

interface RawEvent { type?: string; object?: KubeObject & { code?: number; reason?: string; message?: string } }

/**
 * Reads a watch stream (one JSON event per line) until it ends. An ERROR event ends the watch
 * with its Status code as the error (410 Expired → `gone`); a line that is not JSON is a broken
 * stream and ends it as `unavailable`, rather than being skipped as client-node 1.4 does.
 */
export async function readWatchStream(response: IncomingMessage, onEvent: (event: WatchEvent) => void): Promise<ClusterResult<WatchEnd>> {
  let buffered = '';
  response.setEncoding('utf8');
  try {
    for await (const chunk of response) {
      buffered += chunk as string;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line) continue;
        const end = handle(line, onEvent);
        if (end) {
          response.destroy();
          return end;
        }
      }
    }
  } catch (cause) {
    return { ok: false, error: { type: 'unavailable', message: `watch stream broke: ${cause instanceof Error ? cause.message : String(cause)}`, cause } };
  }
  const rest = buffered.trim();
  if (rest) {
    const end = handle(rest, onEvent);
    if (end) return end;
  }
  return { ok: true, value: { type: 'closed' } };
}

function handle(line: string, onEvent: (event: WatchEvent) => void): ClusterResult<WatchEnd> | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch (cause) {
    return { ok: false, error: { type: 'unavailable', message: `watch stream sent a line that is not JSON: ${line.slice(0, 200)}`, cause } };
  }
  const object = raw.object;
  switch (raw.type) {
    case 'ADDED': case 'MODIFIED': case 'DELETED':
      if (object?.metadata) onEvent({ type: raw.type === 'ADDED' ? 'added' : raw.type === 'MODIFIED' ? 'modified' : 'deleted', object });
      return undefined;
    case 'BOOKMARK':
      if (object?.metadata?.resourceVersion) onEvent({ type: 'bookmark', resourceVersion: object.metadata.resourceVersion });
      return undefined;
    case 'ERROR': {
      const status = typeof object?.code === 'number' ? object.code : 500;
      return { ok: false, error: { type: errorTypeForStatus(status), status, message: object?.message ?? 'watch ERROR event', ...(object?.reason ? { reason: object.reason } : {}) } };
    }
    default:
      return { ok: false, error: { type: 'unavailable', message: `watch stream sent an unknown event type ${String(raw.type)}` } };
  }
}
