import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSseEvent, SSE_PING, SseHub } from './sse-hub.ts';

const test = suite('SSE framing and SseHub');

const frames: [string, string, string][] = [
  ['snapshot', '{"a":1}', 'event: snapshot\ndata: {"a":1}\n\n'],
  ['snapshot', 'two\nlines', 'event: snapshot\ndata: two\ndata: lines\n\n'],
  ['snapshot', 'cr\r\nlf\rcr', 'event: snapshot\ndata: cr\ndata: lf\ndata: cr\n\n'],
  ['snapshot', '', 'event: snapshot\ndata: \n\n'],
];
for (const [event, data, want] of frames) test(`frames ${JSON.stringify(data)}`, () => assert.is(formatSseEvent(event, data), want));

test('a value cannot inject a field or end the frame early', () => {
  const frame = formatSseEvent('snapshot', 'x\n\nevent: evil\ndata: y');
  assert.is(frame.split('\n\n').length, 2, 'one frame, then the terminator');
  assert.not.match(frame, /^event: evil/m);
  assert.throws(() => formatSseEvent('a\nb', 'x'));
});

test('streams get the head, the first frame, broadcasts and pings; closed streams are dropped', async () => {
  const counts: number[] = [];
  const hub = new SseHub((n) => counts.push(n), 50);
  const server = createServer((_req, res) => hub.open(res, { 'x-content-type-options': 'nosniff' }, Buffer.from(formatSseEvent('snapshot', 'first'))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let body = '';
  const res = await new Promise<IncomingMessage>((resolve) => request({ host: '127.0.0.1', port, path: '/' }, resolve).end());
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  await until(() => body.includes('first'));
  assert.is(res.headers['content-type'], 'text/event-stream; charset=utf-8');
  assert.is(res.headers['cache-control'], 'no-cache, no-transform');
  assert.is(res.headers['x-content-type-options'], 'nosniff');
  assert.is(hub.size(), 1);
  hub.broadcast(Buffer.from(formatSseEvent('snapshot', 'second')));
  await until(() => body.includes(SSE_PING) && body.includes('second'));
  assert.ok(body.startsWith('event: snapshot\ndata: first\n\n'), body);
  assert.ok(body.includes('event: snapshot\ndata: second\n\n'));
  assert.ok(body.includes(SSE_PING));
  res.destroy();
  await until(() => hub.size() === 0);
  assert.is(hub.size(), 0);
  hub.close();
  server.close();
  assert.equal([counts[0], counts.at(-1)], [1, 0]);
});

test('a stream that stops reading is dropped once its unsent bytes pass the bound', async () => {
  const hub = new SseHub(() => undefined, 60_000, 64 * 1024);
  const server = createServer((_req, res) => hub.open(res, {}, Buffer.from(formatSseEvent('snapshot', 'first'))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const res = await new Promise<IncomingMessage>((resolve) => request({ host: '127.0.0.1', port, path: '/' }, resolve).end());
  res.pause();
  const big = Buffer.from(formatSseEvent('snapshot', 'x'.repeat(256 * 1024)));
  for (let i = 0; i < 40 && hub.size() > 0; i++) {
    hub.broadcast(big);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.is(hub.size(), 0, 'dropped');
  res.destroy();
  hub.close();
  server.close();
});

// Issue 12, finding 11: 200 clients of a 16 MiB snapshot cost 1.6 GB, one copy per stream.
test('one broadcast writes the same Buffer to every stream: no copy per client', () => {
  const hub = new SseHub(() => undefined, 60_000);
  const written: unknown[][] = [];
  const fakeRes = () => {
    const chunks: unknown[] = [];
    written.push(chunks);
    return { writableLength: 0, destroyed: false, writeHead: () => undefined, write: (c: unknown) => { chunks.push(c); return true; }, on: () => undefined, end: () => undefined } as unknown as import('node:http').ServerResponse;
  };
  const first = Buffer.from('event: snapshot\ndata: {}\n\n');
  for (let i = 0; i < 200; i++) hub.open(fakeRes(), {}, first);
  const frame = Buffer.from(formatSseEvent('snapshot', 'x'.repeat(1024 * 1024)));
  hub.broadcast(frame);
  assert.is(written.length, 200);
  assert.ok(written.every((chunks) => chunks[0] === first && chunks[1] === frame), 'the very same Buffer objects');
  hub.close();
});

test.run();
