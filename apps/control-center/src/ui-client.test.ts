import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAsset } from './public-assets.test-support.ts';

interface ApiError extends Error { status: number; hint?: string }
const api = await loadAsset<{ fetchJson(path: string): Promise<unknown>; errorMessage(status: number, body: unknown): string }>('api.js');
const theme = await loadAsset<{ effectiveTheme(stored: unknown, prefersDark: boolean): string; nextTheme(current: unknown): string }>('theme.js');
const { isOverdue } = await loadAsset<{ isOverdue(lastAtMs: number, refreshSeconds: number, nowMs: number): boolean }>('snapshots.js');
const test = suite('UI client helpers (public/assets/api.js, theme.js, snapshots.js)');

const realFetch = globalThis.fetch;
test.after.each(() => {
  globalThis.fetch = realFetch;
});

function answer(status: number, body: string): void {
  globalThis.fetch = (async () => new Response(body, { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
}

async function failure(path: string): Promise<ApiError> {
  try {
    await api.fetchJson(path);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('fetchJson resolved');
}

test('fetchJson resolves with the JSON body of a 200', async () => {
  answer(200, '{"ok":true}');
  assert.equal(await api.fetchJson('/api/snapshot'), { ok: true });
});

test('API errors become one message, with the hint and status', async () => {
  answer(404, '{"error":"no CRD \\"nope\\" in r0","hint":"CRDs of r0: website"}');
  const notFound = await failure('/api/runtimes/r0/crds/nope');
  assert.is(notFound.message, 'Not found: no CRD "nope" in r0');
  assert.is(notFound.hint, 'CRDs of r0: website');
  assert.is(notFound.status, 404);
  answer(502, '{"error":"timeout after 5000 ms"}');
  assert.is((await failure('/x')).message, 'The runtime did not answer: timeout after 5000 ms');
  answer(500, '<html>');
  assert.is((await failure('/x')).message, '/x: HTTP 500, not JSON');
  globalThis.fetch = (async () => {
    throw new TypeError('fetch failed');
  }) as typeof fetch;
  const down = await failure('/x');
  assert.is(down.status, 0);
  assert.is(down.message, 'The Control Center is not answering');
  assert.is(api.errorMessage(404, { error: 'cr-not-found', message: 'no Website "a/b" in the cache' }), 'Not found: no Website "a/b" in the cache');
  assert.is(api.errorMessage(500, null), 'HTTP 500: request failed');
});

test('the theme follows the system until the user picks one', () => {
  assert.is(theme.effectiveTheme(undefined, true), 'dark');
  assert.is(theme.effectiveTheme(undefined, false), 'light');
  assert.is(theme.effectiveTheme('light', true), 'light');
  assert.is(theme.effectiveTheme('dark', false), 'dark');
  assert.is(theme.effectiveTheme('purple', true), 'dark', 'a bad stored value is ignored');
  assert.is(theme.nextTheme('dark'), 'light');
  assert.is(theme.nextTheme('light'), 'dark');
});

test('snapshots are overdue after two refresh intervals and some slack', () => {
  assert.not.ok(isOverdue(0, 10, 25_000));
  assert.ok(isOverdue(0, 10, 25_001));
  assert.not.ok(isOverdue(0, 1, 7_000));
  assert.ok(isOverdue(0, 1, 7_001));
});

test.run();
