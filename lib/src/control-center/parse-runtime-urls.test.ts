import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRuntimeUrls } from './parse-runtime-urls.ts';

const test = suite('parseRuntimeUrls');

const good: [string, string[]][] = [
  ['http://orkestra-runtime:8080', ['http://orkestra-runtime:8080']],
  [' http://a:8080/ , https://b.example/orkestra/,', ['http://a:8080', 'https://b.example/orkestra']],
  ['HTTP://127.0.0.1:1', ['HTTP://127.0.0.1:1']],
  ['http://[::1]:8080', ['http://[::1]:8080']],
  ['http://orkestra-runtime.orkestra-system.svc.cluster.local:8080/', ['http://orkestra-runtime.orkestra-system.svc.cluster.local:8080']],
];
for (const [text, urls] of good) test(`accepts ${JSON.stringify(text)}`, () => assert.equal(parseRuntimeUrls(text), { type: 'ok', urls }));

const bad: [string, string][] = [
  ['', 'must list at least one runtime URL, e.g. http://orkestra-runtime:8080'],
  [' , ', 'must list at least one runtime URL, e.g. http://orkestra-runtime:8080'],
  ['orkestra-runtime:8080', '"orkestra-runtime:8080" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)'],
  ['ftp://a', '"ftp://a" must be an http:// or https:// URL'],
  ['http://u:p@a:8080', '"http://u:p@a:8080" must not carry credentials (the URL is shown in the UI)'],
  ['http://a:8080?x=1', '"http://a:8080?x=1" must not have a query or fragment'],
  ['http://a#top', '"http://a#top" must not have a query or fragment'],
  ['http://a:99999', '"http://a:99999" has a port above 65535'],
  ['http://a:port', '"http://a:port" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)'],
  ['http://', '"http://" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)'],
  ['http://a b', '"http://a b" is not a URL (want http://host:port, e.g. http://orkestra-runtime:8080)'],
  ['http://a:8080,http://a:8080/', '"http://a:8080" is listed twice'],
];
for (const [text, message] of bad) test(`refuses ${JSON.stringify(text)}`, () => assert.equal(parseRuntimeUrls(text), { type: 'error', message }));

test.run();
