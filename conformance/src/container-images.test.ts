// The container images without a Docker engine (issue 6): each final stage of the Dockerfile is read,
// its COPY set assembled from the built repository into a temp dir outside the repository (no
// node_modules reachable, files read-only), and its ENTRYPOINT + CMD run from there alone: `version`
// must report the chart's appVersion and the server must answer /livez and /metrics. Static checks
// keep the rest in step: a numeric non-root USER equal to the chart's runAsUser, exec-form entry
// points, exactly the bundle (+ package.json, + the UI) copied, OCI labels, the README build commands.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { baseImage, execForm, labelPairs, parseCopy, parseDockerfile, stageChain, type Instruction } from './parse-dockerfile.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const test = suite('container images');
const dockerfile = parseDockerfile(readFileSync(join(REPO, 'Dockerfile'), 'utf8'));
const values = parse(readFileSync(join(REPO, 'chart/values.yaml'), 'utf8')) as Record<string, { image: { repository: string }; podSecurityContext: { runAsUser: number } }>;
const appVersion = (parse(readFileSync(join(REPO, 'chart/Chart.yaml'), 'utf8')) as { appVersion: string }).appVersion;

interface Image {
  readonly target: string;
  /** The chart's values key: image.repository names the image, podSecurityContext its user. */
  readonly component: 'runtime' | 'gateway' | 'controlCenter';
  readonly program: string;
  /** Exactly what the final stage copies from the build stage, repository-relative. */
  readonly copies: readonly string[];
  readonly entry: readonly string[];
  /** The environment it gets beside KUBECONFIG, HOME, TMPDIR and PATH; KATALOG_PATH is set when katalog is. */
  readonly env: Readonly<Record<string, string>>;
  readonly katalog?: string;
  /** TLS_CERT/TLS_KEY from a fresh self-signed pair, so the gateway serves with no cluster. */
  readonly providedCert?: boolean;
  /** Paths that must answer 200 once it listens. */
  readonly probes: readonly string[];
}

const RUNTIME: Image = {
  target: 'runtime', component: 'runtime', program: 'ork-runtime',
  copies: ['apps/runtime/package.json', 'apps/runtime/dist/ork-runtime.mjs'],
  entry: ['/nodejs/bin/node', '/app/dist/ork-runtime.mjs', 'run'],
  env: { ORK_PORT: '0', ORK_NAMESPACE: 'orkestra-system' }, katalog: 'examples/website/katalog.yaml',
  probes: ['/livez', '/metrics'],
};
const GATEWAY: Image = {
  target: 'gateway', component: 'gateway', program: 'ork-gateway',
  // Issue 16: the launcher, the bundle and its V8 code cache (scripts/code-cache.mjs).
  copies: ['apps/gateway/package.json', 'apps/gateway/dist/ork-gateway.mjs', 'apps/gateway/dist/ork-gateway.cjs', 'apps/gateway/dist/ork-gateway.cjs.v8cache'],
  entry: ['/nodejs/bin/node', '/app/dist/ork-gateway.mjs', 'gate'],
  env: { ORK_PORT: '0', ORK_WEBHOOK_PORT: '0', ORK_NAMESPACE: 'orkestra-system' }, katalog: 'examples/gateway/katalog.yaml', providedCert: true,
  probes: ['/livez', '/metrics'],
};
const CONTROL_CENTER: Image = {
  target: 'control-center', component: 'controlCenter', program: 'ork-control-center',
  copies: ['apps/control-center/package.json', 'apps/control-center/public/', 'apps/control-center/dist/ork-control-center.mjs'],
  entry: ['/nodejs/bin/node', '/app/dist/ork-control-center.mjs', 'serve'],
  env: { ORK_PORT: '0', ORKESTRA_URLS: 'http://127.0.0.1:1' },
  probes: ['/livez', '/metrics', '/controlcenter'],
};

/** Every target the Dockerfile must define, checked statically. */
const IMAGES = [RUNTIME, GATEWAY, CONTROL_CENTER];
// Assembled and run from their bundles.
const RUNNABLE_IMAGES = [RUNTIME, GATEWAY, CONTROL_CENTER];

const chainOf = (image: Image): Instruction[] => stageChain(dockerfile, image.target);
const last = (chain: Instruction[], op: string): Instruction | undefined => chain.filter((i) => i.op === op).at(-1);

/** The ARG defaults a stage sees, substituted into `text`. */
function expand(chain: Instruction[], text: string): string {
  const args = Object.fromEntries(chain.filter((i) => i.op === 'ARG').map((i) => i.args.split('=', 2) as [string, string]));
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '');
}

/** Where the build stage's paths sit in the repository: its WORKDIR is the repository root. */
function buildRoot(stageName: string): string {
  const workdir = last(stageChain(dockerfile, stageName), 'WORKDIR')?.args;
  if (!workdir?.startsWith('/')) throw new Error(`Dockerfile stage ${stageName}: no absolute WORKDIR`);
  return `${workdir.replace(/\/$/, '')}/`;
}

function copiesOf(image: Image): { source: string; dest: string }[] {
  return chainOf(image).filter((i) => i.op === 'COPY').flatMap((i) => {
    const copy = parseCopy(i);
    assert.ok(copy.from, `${image.target}: line ${i.line} copies from the build context, not from a build stage`);
    const root = buildRoot(copy.from);
    return copy.sources.map((s) => {
      assert.ok(s.startsWith(root), `${image.target}: line ${i.line}: ${s} is outside the build stage's ${root}`);
      return { source: s.slice(root.length), dest: copy.dest };
    });
  });
}

for (const image of IMAGES) {
  test(`${image.target}: runs as the chart's numeric non-root user, exec-form entry point, Node 20, no shell needed`, () => {
    const chain = chainOf(image);
    const user = last(chain, 'USER')?.args ?? '';
    assert.match(user, /^\d+(:\d+)?$/, `${image.target}: USER "${user}" is not numeric (runAsNonRoot needs a numeric uid)`);
    const uid = Number(user.split(':')[0]);
    assert.is.not(uid, 0, `${image.target}: runs as root`);
    assert.is(uid, values[image.component]!.podSecurityContext.runAsUser, `${image.target}: USER differs from the chart's runAsUser`);
    const entrypoint = last(chain, 'ENTRYPOINT');
    const cmd = last(chain, 'CMD');
    assert.ok(entrypoint && cmd, `${image.target}: needs ENTRYPOINT and CMD`);
    assert.equal([...execForm(entrypoint), ...execForm(cmd)], image.entry);
    assert.equal(chain.filter((i) => i.op === 'RUN' || i.op === 'ADD').map((i) => `${i.op} (line ${i.line})`), [], `${image.target}: a final stage runs nothing and adds nothing`);
    assert.match(baseImage(dockerfile, image.target), /^gcr\.io\/distroless\/nodejs20-debian12:nonroot$/);
    assert.match(baseImage(dockerfile, 'build'), /^node:20[-.]/);
  });

  test(`${image.target}: copies exactly its bundle and what the bundle reads, read-only`, () => {
    assert.equal(copiesOf(image).map((c) => c.source), image.copies);
    for (const c of copiesOf(image)) {
      assert.match(c.dest, /^\/app\//, `${image.target}: ${c.source} lands outside /app`);
      assert.not.match(c.source, /node_modules|\/src\/|^lib\/|^adapters\//, `${image.target}: copies ${c.source}`);
    }
    const copyFlags = chainOf(image).filter((i) => i.op === 'COPY' && /--ch(own|mod)/.test(i.args));
    assert.equal(copyFlags.map((i) => i.line), [], `${image.target}: the code stays root-owned, unwritable by the app user`);
  });

  test(`${image.target}: OCI labels, version = chart appVersion, the README's build command`, () => {
    const chain = chainOf(image);
    const labels = Object.assign({}, ...chain.filter((i) => i.op === 'LABEL').map(labelPairs)) as Record<string, string>;
    const repository = values[image.component]!.image.repository;
    assert.is(labels['org.opencontainers.image.title'], repository.split('/').pop());
    assert.is(expand(chain, labels['org.opencontainers.image.version'] ?? ''), appVersion);
    assert.ok(labels['org.opencontainers.image.source'], 'no org.opencontainers.image.source');
    assert.ok(labels['org.opencontainers.image.licenses'], 'no org.opencontainers.image.licenses');
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const command = `docker build --target ${image.target} -t ${repository}:${appVersion} .`;
    assert.ok(readme.includes(command), `README.md lacks: ${command}`);
  });
}

// ---- assembled from the built repository and run from there alone ----

/** The image's files in a fresh dir outside the repository (and outside any node_modules), read-only. */
function assemble(image: Image): string {
  const root = mkdtempSync(join(tmpdir(), `ork-image-${image.target}-`));
  for (let dir = root; dir !== dirname(dir); dir = dirname(dir)) {
    assert.not.ok(existsSync(join(dir, 'node_modules')), `${dir}/node_modules would be reachable from the image dir`);
  }
  for (const { source, dest } of copiesOf(image)) {
    const from = join(REPO, source);
    assert.ok(existsSync(from), `${source} is not built (npm run build)`);
    mkdirSync(dirname(join(root, dest)), { recursive: true });
    cpSync(from, join(root, dest), { recursive: true });
  }
  mkdirSync(join(root, 'home/nonroot'), { recursive: true });
  return root;
}

/** Every file with its size, mode and mtime: root ignores chmod, so a write is caught by comparing. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((p) => {
    const s = statSync(join(dir, p));
    return `${p} ${s.size} ${s.mode.toString(8)} ${s.mtimeMs}`;
  });
}

function lockDown(dir: string, dirMode = 0o555, fileMode = 0o444): void {
  for (const p of readdirSync(dir, { recursive: true, encoding: 'utf8' })) chmodSync(join(dir, p), statSync(join(dir, p)).isDirectory() ? dirMode : fileMode);
  chmodSync(dir, dirMode);
}

/** Deletes a temp dir, writable again first (a non-root user cannot delete from a read-only dir). */
function remove(dir: string): void {
  lockDown(dir, 0o755, 0o644);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * What a pod would give it: HOME inside the read-only image (distroless's /home/nonroot), a writable
 * TMPDIR (the chart's /tmp emptyDir), a kubeconfig to an API server that is not there; nothing of ours.
 */
function podEnv(root: string, scratch: string, image: Image): Record<string, string> {
  // A closed port: the app starts, serves its probes and reports the API server unavailable.
  writeFileSync(join(scratch, 'kubeconfig'), `apiVersion: v1
kind: Config
clusters: [{ name: none, cluster: { server: "https://127.0.0.1:1" } }]
users: [{ name: none, user: { token: none } }]
contexts: [{ name: none, context: { cluster: none, user: none } }]
current-context: none
`);
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: join(root, 'home/nonroot'), TMPDIR: scratch, KUBECONFIG: join(scratch, 'kubeconfig'), ...image.env };
  if (image.katalog) env['KATALOG_PATH'] = join(REPO, image.katalog);
  if (image.providedCert) {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '365', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(scratch, 'tls.key'), '-out', join(scratch, 'tls.crt')], { encoding: 'utf8' });
    assert.is(r.status, 0, `openssl: ${r.stderr ?? String(r.error)}`);
    Object.assign(env, { TLS_CERT: join(scratch, 'tls.crt'), TLS_KEY: join(scratch, 'tls.key') });
  }
  return env;
}

/** Runs the image's entry point from `root` (node: the one running these tests) with `args` instead of its CMD. */
function spawnImage(root: string, image: Image, args: readonly string[], env: Record<string, string>) {
  return spawn(process.execPath, [join(root, image.entry[1]!), ...args], { cwd: join(root, 'app'), env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the CMD, waits for `http listening`, GETs each probe, stops it with SIGTERM; the exit code and statuses. */
async function serve(root: string, env: Record<string, string>, image: Image): Promise<{ statuses: Record<string, number>; code: number | null; output: string }> {
  const child = spawnImage(root, image, image.entry.slice(2), env);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = await new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 20_000);
    child.stderr.on('data', (b: Buffer) => { output += b.toString(); });
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      const m = /"msg":"http listening".*?"port":(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then(() => { clearTimeout(timer); resolve(undefined); });
  });
  const statuses: Record<string, number> = {};
  try {
    if (port !== undefined) {
      for (const path of image.probes) statuses[path] = (await fetch(`http://127.0.0.1:${port}${path}`)).status;
    }
  } finally {
    child.kill('SIGTERM');
  }
  const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(resolve, 20_000, 'timeout').unref())]);
  if (code === 'timeout') child.kill('SIGKILL');
  return { statuses, code: code === 'timeout' ? -1 : code, output };
}

for (const image of RUNNABLE_IMAGES) {
  test(`${image.target}: runs from its assembled files alone, read-only, and serves`, async () => {
    const root = assemble(image);
    const scratch = mkdtempSync(join(tmpdir(), 'ork-image-tmp-'));
    try {
      lockDown(root);
      const before = snapshot(root);
      const env = podEnv(root, scratch, image);

      const version = spawnSync(process.execPath, [join(root, image.entry[1]!), 'version'], { cwd: join(root, 'app'), env, encoding: 'utf8' });
      assert.is(version.status, 0, `${image.program} version: ${version.stderr}`);
      // 0.0.0-dev would mean its package.json was not where the bundle looks.
      assert.match(version.stdout, new RegExp(`^${image.program} ${appVersion.replace(/\./g, '\\.')} `));

      const served = await serve(root, env, image);
      assert.equal(served.statuses, Object.fromEntries(image.probes.map((p) => [p, 200])), `${image.target}: probes\n${served.output}`);
      assert.is(served.code, 0, `${image.target}: exit code after SIGTERM\n${served.output}`);
      assert.not.match(served.output, /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/, served.output);
      assert.equal(snapshot(root), before, `${image.target} wrote into its own files`);
    } finally {
      remove(root);
      remove(scratch);
    }
  });
}

test('the file list of an assembled image is exactly the copies (no node_modules, no sources)', () => {
  const root = assemble(RUNTIME);
  try {
    assert.equal(readdirSync(join(root, 'app'), { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(root, 'app', p)).isFile()).sort(),
      ['dist/ork-runtime.mjs', 'package.json']);
  } finally {
    remove(root);
  }
});

test('parseDockerfile reads continuations, stage chains and exec forms, and refuses a shell-form entry point', () => {
  const file = parseDockerfile('ARG IMG=node:20\nFROM ${IMG} AS a\nUSER 1:1\nFROM a AS b\nLABEL x="1" \\\n  y=2\nCOPY --from=a --chown=1 /s/x /s/y /d/\nCMD ["run"]\nENTRYPOINT node x.mjs\n');
  assert.is(baseImage(file, 'b'), 'node:20');
  assert.equal(stageChain(file, 'b').map((i) => i.op), ['USER', 'LABEL', 'COPY', 'CMD', 'ENTRYPOINT']);
  assert.equal(labelPairs(stageChain(file, 'b')[1]!), { x: '1', y: '2' });
  assert.equal(parseCopy(stageChain(file, 'b')[2]!), { from: 'a', sources: ['/s/x', '/s/y'], dest: '/d/' });
  assert.equal(execForm(stageChain(file, 'b')[3]!), ['run']);
  assert.throws(() => execForm(stageChain(file, 'b')[4]!), /exec form/);
});

test.run();
