// @orkestra/lib is pure: no Node built-ins, network, clock, randomness, environment or process.
// lib/tsconfig.json has "types": [], so the compiler already rejects Node modules and globals;
// this test also catches the ES globals the compiler allows (Date.now, Math.random, timers).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const test = suite('lib purity');
const root = new URL('../../lib/', import.meta.url).pathname;

const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]node:|import\(\s*['"]node:|require\(/, 'Node built-in import'],
  [/\bimport\(\s*[^'"\s]/, 'computed dynamic import (hides what is loaded)'],
  [/\bDate\.now\(|new Date\(\s*\)/, 'reads the clock'],
  [/\bMath\.random\(|crypto\./, 'reads randomness'],
  [/\bprocess\.|globalThis\.process/, 'touches process'],
  [/\bfetch\(|XMLHttpRequest|WebSocket/, 'network'],
  [/\bsetTimeout\(|setInterval\(|setImmediate\(/, 'timers'],
  [/\bconsole\./, 'writes to the console'],
  [/@kubernetes\/client-node|fastify|prom-client|pkijs/, 'adapter library'],
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('no source file under lib/src reaches outside the process or reads time or entropy', () => {
  const files = sources(join(root, 'src'));
  assert.ok(files.length > 100, `only ${files.length} files found`);
  const hits: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\/?\*)/.test(line)) return;
      for (const [pattern, why] of FORBIDDEN) if (pattern.test(line)) hits.push(`${relative(root, file)}:${i + 1}: ${why}: ${line.trim()}`);
    });
  }
  assert.equal(hits, []);
});

// issue 13: what ships must load with the dependencies alone (uvu in the contract suite once broke
// `import('@orkestra/lib/testing')` for every user); test files may use devDependencies.
test('files that ship import no package but re2js, valibot and yaml', () => {
  const shipped = sources(join(root, 'src')).filter((f) => !/\.test(\.fixture)?\.ts$|\.test-support\.ts$/.test(f));
  const hits: string[] = [];
  for (const file of shipped) {
    // The compiler's own pre-pass (import, export from, import()), not a regex: a message text like
    // `'to or from' : 'to'` is not an import (issue 18).
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!spec.startsWith('.') && !/^(re2js|valibot|yaml)(\/|$)/.test(spec)) hits.push(`${relative(root, file)}: ${spec}`);
    }
  }
  assert.equal(hits, []);
});

test('lib depends on re2js, valibot and yaml only, and its tsconfig loads no ambient types', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.equal(Object.keys(pkg.dependencies).sort(), ['re2js', 'valibot', 'yaml']);
  const re2js = JSON.parse(readFileSync(new URL('../../node_modules/re2js/package.json', import.meta.url), 'utf8')) as { dependencies?: object; scripts?: Record<string, string> };
  assert.equal(Object.keys(re2js.dependencies ?? {}), [], 're2js has no dependencies');
  assert.ok(!['preinstall', 'install', 'postinstall'].some((s) => re2js.scripts?.[s]), 're2js runs nothing at install');
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: { types: string[]; lib: string[] } };
  assert.equal(tsconfig.compilerOptions.types, []);
  assert.ok(!tsconfig.compilerOptions.lib.some((l) => /dom/i.test(l)), 'no DOM lib in lib/');
});

test.run();
