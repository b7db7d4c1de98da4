import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dockerConfigPath, findCredentials } from './docker-credentials.ts';

const test = suite('docker credentials');
const dir = mkdtempSync(join(tmpdir(), 'ork-docker-config-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

test('DOCKER_CONFIG decides the file, else ~/.docker/config.json', () => {
  assert.is(dockerConfigPath({ DOCKER_CONFIG: '/x' }), '/x/config.json');
  assert.match(dockerConfigPath({}), /\.docker\/config\.json$/);
});

test('auths entries: auth, username/password, identitytoken; keys with scheme and path match the host', async () => {
  const path = file('a.json', { auths: {
    'reg.example.com:5000': { auth: b64('alice:pa:ss') },
    'https://other.example.com/v1/': { username: 'bob', password: 'pw' },
    'tok.example.com': { identitytoken: 'refresh-me' },
  } });
  assert.equal(await findCredentials(path, 'reg.example.com:5000'), { type: 'found', credentials: { username: 'alice', password: 'pa:ss' }, from: path });
  assert.equal(await findCredentials(path, 'other.example.com'), { type: 'found', credentials: { username: 'bob', password: 'pw' }, from: path });
  assert.equal(await findCredentials(path, 'tok.example.com'), { type: 'found', credentials: { username: '<token>', password: 'refresh-me' }, from: path });
  assert.equal(await findCredentials(path, 'unknown.example.com'), { type: 'none' });
});

test('a missing file is no credentials; a broken one an error naming it', async () => {
  assert.equal(await findCredentials(join(dir, 'nope.json'), 'h'), { type: 'none' });
  const broken = await findCredentials(file('b.json', '{"auths":'), 'h');
  assert.is(broken.type, 'error');
  assert.match(broken.type === 'error' ? broken.message : '', 'b.json is not JSON');
  const bad = await findCredentials(file('c.json', { auths: { h: { auth: b64('no-colon') } } }), 'h');
  assert.match(bad.type === 'error' ? bad.message : '', 'auths["h"]: "auth" is not base64 of user:password');
});

test('a credential helper that is not installed is a clear error', async () => {
  const r = await findCredentials(file('d.json', { credHelpers: { 'reg.example.com': 'orkestra-test-missing' } }), 'reg.example.com');
  assert.equal(r, { type: 'error', message: 'credential helper docker-credential-orkestra-test-missing is not on PATH' });
});

test('a credential helper is run with the host on stdin', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'ork-helper-'));
  const helper = join(bin, 'docker-credential-orktest');
  writeFileSync(helper, '#!/bin/sh\nread host\n[ "$1" = get ] && echo "{\\"ServerURL\\":\\"$host\\",\\"Username\\":\\"u-$host\\",\\"Secret\\":\\"s3cret\\"}"\n', { mode: 0o755 });
  const path = process.env['PATH'];
  process.env['PATH'] = `${bin}:${path}`;
  try {
    const r = await findCredentials(file('e.json', { credsStore: 'orktest' }), 'reg.example.com');
    assert.equal(r, { type: 'found', credentials: { username: 'u-reg.example.com', password: 's3cret' }, from: 'docker-credential-orktest' });
  } finally {
    process.env['PATH'] = path;
  }
});

test.run();
