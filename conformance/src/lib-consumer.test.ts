// @orkestra/lib as a new user meets it (issue 13): `npm pack` in lib/, the tarball installed into
// an empty project (its dependencies from the npm registry, no other workspace package), then the
// README's example run as an ESM script, every subpath loaded, and a strict tsc over every subpath
// and the example. The example is read from lib/README.md, so the README cannot drift from it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const REPO = new URL('../../', import.meta.url).pathname;
const LIB = join(REPO, 'lib');
const test = suite('lib consumer: the packed tarball in an empty project');

/** One export of each subpath a user would reach for first; a new subpath needs a line here. */
const SAMPLE_EXPORT: Readonly<Record<string, string>> = {
  '.': 'parseKatalog',
  './katalog': 'parseKatalog',
  './template': 'compileTemplate',
  './conditions': 'parseCondition',
  './admission': 'decideRules',
  './children': 'buildChild',
  './crd': 'planCrds',
  './conversion': 'convertObject',
  './rbac': 'planRbac',
  './bundle': 'rbacObjects',
  './runtime': 'planReconcile',
  './gateway': 'decideDeletionProtection',
  // Issue 15, policy mode.
  './cel': 'compileValidationRules',
  './policy': 'planPolicyMode',
  './control-center': 'buildSnapshot',
  './registry': 'parseReference',
  './ports': 'errorTypeForStatus',
  './testing': 'fakeCluster',
};

let scratch = '';
let project = '';
let installed = '';
let packedFiles: string[] = [];

interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/** Runs a command (the timeout only ends a hang: a busy machine may be slow); npm's npm_* variables (prefix, workspace) from an outer `npm test` stay out. */
function run(cmd: string, args: readonly string[], cwd: string, timeoutMs = 20 * 60_000): Run {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(registry|cache|userconfig|cafile|proxy|https_proxy|strict_ssl)$/i.test(k)));
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

function runOk(cmd: string, args: readonly string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stderr.trim().split('\n').slice(-15).join('\n')}`);
  return r.stdout;
}

/** The README's example: the first ```js block of lib/README.md. */
function readmeExample(): string {
  const readme = readFileSync(join(LIB, 'README.md'), 'utf8');
  const block = /```js\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('lib/README.md has no ```js example block');
  return block[1]!;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

test.before(() => {
  // lib's prepack builds it from scratch (rm -rf dist, tsc -b): what is packed is what src/ says now.
  scratch = mkdtempSync(join(tmpdir(), 'ork-lib-consumer-'));
  const packed = JSON.parse(runOk('npm', ['pack', '--json', '--pack-destination', scratch], LIB)) as { filename: string; files: { path: string }[] }[];
  const tarball = join(scratch, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path);
  project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'lib-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  // @types/node only for the example's node:fs and process under tsc, at the version the repo builds with.
  const typesNode = (JSON.parse(readFileSync(join(REPO, 'node_modules/@types/node/package.json'), 'utf8')) as { version: string }).version;
  runOk('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `@types/node@${typesNode}`], project);
  installed = join(project, 'node_modules/@orkestra/lib');
  writeFileSync(join(project, 'example.mjs'), readmeExample());
  copyFileSync(join(REPO, 'examples/website/katalog.yaml'), join(project, 'katalog.yaml'));
});

test.after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('the tarball carries the README, the repository\'s LICENSE, src/ and dist/, and no test file', () => {
  for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'src/index.ts', 'dist/testing/index.js']) {
    assert.ok(packedFiles.includes(f), `${f} is packed`);
  }
  assert.equal(packedFiles.filter((f) => /\.test[.-]/.test(f)), [], 'test files are packed');
  assert.equal(packedFiles.filter((f) => !/^(dist|src)\//.test(f)).sort(), ['LICENSE', 'README.md', 'package.json']);
  const license = readFileSync(join(installed, 'LICENSE'), 'utf8');
  assert.ok(license.includes('Apache License') && license.includes('Version 2.0, January 2004'), 'LICENSE is the Apache License 2.0');
  assert.is(license, readFileSync(join(REPO, 'LICENSE'), 'utf8'), 'lib/LICENSE is the repository\'s LICENSE');
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { license: string };
  assert.is(pkg.license, 'Apache-2.0');
  // Every module ships with its source: a dist file left by a moved source would break its maps.
  const orphans = packedFiles.filter((f) => f.startsWith('dist/') && !packedFiles.includes(f.replace(/^dist\//, 'src/').replace(/\.(d\.ts\.map|d\.ts|js\.map|js)$/, '.ts')));
  assert.equal(orphans, [], 'dist files without their source in src/');
});

test('every declaration and source map points at a file in the package', () => {
  const maps = files(join(installed, 'dist')).filter((f) => f.endsWith('.map'));
  assert.ok(maps.length > 200, `only ${maps.length} maps`);
  const broken: string[] = [];
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
    for (const s of sources) if (!existsSync(resolve(dirname(map), s))) broken.push(`${relative(installed, map)} → ${s}`);
  }
  assert.equal(broken, []);
});

test('the install holds the library and its registry dependencies only', () => {
  const top = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')).sort();
  assert.equal(top, ['@orkestra', '@types', 're2js', 'undici-types', 'valibot', 'yaml']);
  assert.equal(readdirSync(join(project, 'node_modules/@orkestra')), ['lib'], 'no other workspace package');
  // A real copy from the tarball, not a link back into the repository.
  assert.ok(!lstatSync(installed).isSymbolicLink() && relative(REPO, realpathSync(installed)).startsWith('..'), 'installed outside the repository');
  assert.ok(existsSync(join(installed, 'src/validate/parse-katalog.ts')));
});

test('the README example is at most 15 lines and plans the bundle `ork generate bundle` writes', () => {
  const example = readmeExample();
  assert.ok(example.trimEnd().split('\n').length <= 15, `the example has ${example.trimEnd().split('\n').length} lines`);
  const out = run(process.execPath, ['example.mjs', 'katalog.yaml'], project);
  assert.is(out.status, 0, out.stderr);
  const cli = run(process.execPath, [join(REPO, 'apps/cli/bin/ork.js'), 'generate', 'bundle', '-f', 'katalog.yaml', '-o', '-'], project);
  assert.is(cli.status, 0, cli.stderr);
  assert.ok(out.stdout.includes('kind: ClusterRole\n') && out.stdout.includes('kind: ServiceAccount\n'), 'a bundle with roles and ServiceAccounts');
  assert.is(out.stdout, cli.stdout);
});

test('the README example rejects an invalid Katalog with file:line:column, the code, and exit 1', () => {
  const text = readFileSync(join(project, 'katalog.yaml'), 'utf8').replace(/^(\s+)replicas:/m, '$1replica:');
  assert.ok(text.includes('replica:'), 'the fixture has a replicas field to misspell');
  writeFileSync(join(project, 'bad.yaml'), text);
  const out = run(process.execPath, ['example.mjs', 'bad.yaml'], project);
  assert.is(out.status, 1);
  assert.is(out.stdout, '');
  assert.match(out.stderr, /^bad\.yaml:\d+:\d+: error ORK1100: spec\.crds\.[\w.[\]]+\.replica: unknown field "replica"\n {4}hint: did you mean "replicas"\?/m);
  assert.not.match(out.stderr, /\n\s+at /, 'no stack trace');
});

test('every subpath loads at run time, @orkestra/lib/testing without any devDependency', () => {
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
  assert.equal(subpaths.sort(), Object.keys(SAMPLE_EXPORT).sort());
  writeFileSync(join(project, 'subpaths.mjs'), [
    `const sample = ${JSON.stringify(SAMPLE_EXPORT)};`,
    'const out = {};',
    'for (const [sub, name] of Object.entries(sample)) {',
    `  const m = await import(sub === '.' ? '@orkestra/lib' : '@orkestra/lib' + sub.slice(1));`,
    '  out[sub] = { exports: Object.keys(m).length, sample: typeof m[name] };',
    '}',
    'console.log(JSON.stringify(out));',
  ].join('\n'));
  const out = run(process.execPath, ['subpaths.mjs'], project);
  assert.is(out.status, 0, out.stderr);
  const loaded = JSON.parse(out.stdout) as Record<string, { exports: number; sample: string }>;
  for (const sub of subpaths) {
    assert.is(loaded[sub]?.sample, 'function', `${sub}: ${SAMPLE_EXPORT[sub]}`);
    assert.ok(loaded[sub]!.exports >= 3, `${sub} exports ${loaded[sub]!.exports} values`);
  }
  assert.ok(!existsSync(join(project, 'node_modules/uvu')), 'uvu is not installed');
});

test('a strict tsc (NodeNext, exactOptionalPropertyTypes, noUncheckedIndexedAccess, lib check on) accepts every subpath and the example', () => {
  const subpaths = Object.keys(SAMPLE_EXPORT);
  const check = [
    ...subpaths.map((s, i) => `import * as m${i} from '@orkestra/lib${s === '.' ? '' : s.slice(1)}';`),
    `import { parseKatalog, planCrds, planRbac, rbacObjects, renderYamlDocuments, type Diagnostic, type Katalog, type Locator, type ParseKatalogResult, type Place } from '@orkestra/lib';`,
    `import { clusterContract, type ContractRunner } from '@orkestra/lib/testing';`,
    '',
    `export const modules = [${subpaths.map((_, i) => `m${i}`).join(', ')}] as const;`,
    `const result: ParseKatalogResult = parseKatalog({ file: 'katalog.yaml', text: 'kind: Katalog' });`,
    `const locator: Locator = result.locator;`,
    `export const place: Place = locator.at(['spec', 'crds']);`,
    `if (result.ok) {`,
    `  const katalog: Katalog = result.katalog;`,
    `  renderYamlDocuments([...planCrds(katalog), ...rbacObjects(planRbac(katalog, { namespace: 'tools' }))]);`,
    `} else {`,
    `  const first: Diagnostic | undefined = result.diagnostics[0];`,
    `  void first;`,
    `  // @ts-expect-error a failed parse has no Katalog: the result is a union`,
    `  void result.katalog;`,
    `}`,
    `export const registerContract: (runner: ContractRunner) => void = (runner) => clusterContract(runner, 'mine', async () => { throw new Error('unused'); });`,
    '',
  ].join('\n');
  writeFileSync(join(project, 'check.ts'), check);
  writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify({
    compilerOptions: {
      target: 'ES2023', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
      noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, verbatimModuleSyntax: true,
      allowJs: true, checkJs: true, noEmit: true, skipLibCheck: false, types: ['node'],
    },
    files: ['check.ts', 'example.mjs'],
  }, null, 2)}\n`);
  const tsc = run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--listFiles'], project);
  const listed = tsc.stdout.split('\n');
  assert.equal(listed.filter((l) => /error TS\d+/.test(l)), [], 'tsc errors');
  assert.is(tsc.status, 0, tsc.stderr);
  for (const s of ['dist/index.d.ts', 'dist/validate/index.d.ts', 'dist/testing/index.d.ts', 'dist/ports/index.d.ts']) {
    assert.ok(listed.some((f) => f.endsWith(`node_modules/@orkestra/lib/${s}`)), `tsc reads ${s} from the installed package`);
  }
});

test.run();
