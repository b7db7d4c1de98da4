import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { WatchEvent } from '@orkestra/lib/ports';
import { readWatchStream } from './read-watch-stream.ts';

const test = suite('read watch stream');

async function read(lines: string[]): Promise<{ events: WatchEvent[]; end: unknown }> {
  const stream = new PassThrough();
  const events: WatchEvent[] = [];
  const ended = readWatchStream(stream as unknown as IncomingMessage, (e) => events.push(e));
  // Split across chunks on purpose: a line may arrive in pieces.
  const text = lines.join('\n');
  stream.write(text.slice(0, 7));
  stream.end(text.slice(7));
  return { events, end: await ended };
}

const cm = (name: string, rv: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, resourceVersion: rv } });

test('ADDED, MODIFIED, DELETED and BOOKMARK lines become events; the end of the stream is a clean close', async () => {
  const r = await read([
    JSON.stringify({ type: 'ADDED', object: cm('a', '1') }),
    JSON.stringify({ type: 'MODIFIED', object: cm('a', '2') }),
    JSON.stringify({ type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '5' } } }),
    JSON.stringify({ type: 'DELETED', object: cm('a', '6') }),
  ]);
  assert.equal(r.events.map((e) => (e.type === 'bookmark' ? `bookmark ${e.resourceVersion}` : `${e.type} ${e.object.metadata.resourceVersion}`)), ['added 1', 'modified 2', 'bookmark 5', 'deleted 6']);
  assert.equal(r.end, { ok: true, value: { type: 'closed' } });
});

test('an ERROR event with code 410 ends the watch as gone, and later lines are not read', async () => {
  const r = await read([
    JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (300)' } }),
    JSON.stringify({ type: 'ADDED', object: cm('late', '9') }),
  ]);
  assert.equal(r.events, []);
  assert.equal(r.end, { ok: false, error: { type: 'gone', status: 410, message: 'too old resource version: 1 (300)', reason: 'Expired' } });
});

test('a line that is not JSON is a broken stream, not skipped', async () => {
  const r = await read(['{"type":"ADDED","obj']);
  assert.is((r.end as { ok: boolean; error: { type: string } }).error.type, 'unavailable');
});

test.run();
