import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKatalog, type Katalog } from '@orkestra/lib';
import { fakeClock } from '@orkestra/lib/testing';
import { createLogger } from '@orkestra/adapters/process';
import { ControllerSet } from './controller-set.ts';
import type { CrdController } from './crd-controller.ts';

const test = suite('ControllerSet');

function katalog(entries: Record<string, string>): Katalog {
  const crds = Object.entries(entries).map(([name, extra]) =>
    `    ${name}:\n${extra}      apiTypes: {group: demo.example.com, version: v1, kind: K${name}, plural: ${name}s}\n      operatorBox:\n        onCreate:\n          configMaps:\n            - data: {a: b}\n`).join('');
  const r = parseKatalog({ file: 'k.yaml', text: `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: demo}\nspec:\n  crds:\n${crds}` });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.katalog;
}

/** Stand-in controllers that record their lifecycle: the set only runs, stops and asks them for health. */
function harness() {
  const events: string[] = [];
  let serial = 0;
  const set = new ControllerSet((_k, name) => {
    const id = `${name}#${++serial}`;
    events.push(`make ${id}`);
    return {
      crd: { name },
      health: () => ({ state: 'healthy' }),
      leadershipChanged: (leading: boolean) => events.push(`leading ${id} ${leading}`),
      run: (signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => { events.push(`stop ${id}`); resolve(); }, { once: true })),
    } as unknown as CrdController;
  }, createLogger('error', fakeClock(0), () => undefined));
  return { set, events };
}

test('first Katalog starts every enabled CRD in startup order', async () => {
  const { set, events } = harness();
  const abort = new AbortController();
  await set.replace(katalog({ web: '      dependsOn: [db]\n', db: '', off: '      enabled: false\n' }), abort.signal);
  assert.equal(events, ['make db#1', 'make web#2']);
  assert.equal(set.controllers().map((c) => c.crd.name), ['db', 'web']);
  abort.abort();
  await set.stopped();
  assert.equal(events.slice(2).sort(), ['stop db#1', 'stop web#2']);
});

test('a swap stops removed and changed controllers before starting new ones, and leaves the rest alone', async () => {
  const { set, events } = harness();
  const abort = new AbortController();
  await set.replace(katalog({ a: '', b: '', c: '' }), abort.signal);
  const before = set.generation();
  events.length = 0;
  const swap = await set.replace(katalog({ a: '', b: '      workers: 5\n', d: '' }), abort.signal);
  assert.equal(swap, { start: ['d'], stop: ['c'], restart: ['b'], keep: ['a'] });
  assert.equal(events, ['stop c#3', 'stop b#2', 'make b#4', 'make d#5']);
  assert.is(set.generation(), before + 1);
  set.leadershipChanged(true);
  assert.equal(events.slice(4), ['leading a#1 true', 'leading b#4 true', 'leading d#5 true']);
  abort.abort();
  await set.stopped();
});

test.run();
