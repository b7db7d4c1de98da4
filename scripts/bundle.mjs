#!/usr/bin/env node
// Bundles each app's composition root into one ESM file with esbuild: the CLI starts faster from
// one file than from a hundred modules, and the runtime and gateway images ship only their bundle.
// Each bundle's metafile is written beside it: conformance/src/bundle-graph.test.ts reads them to
// check that the runtime bundle holds no generator, planner or webhook server, and the gateway
// bundle no RBAC planner, CRD generation or CRD listing (DESIGN §1).
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { BODY_OPTIONS, entryAsLibrary, launcherSource, makeCodeCache } from './code-cache.mjs';

const APPS = [
  // `ork run`, `ork gate` and `ork control` load the runtime's, gateway's and Control Center's own bundles at run time: the CLI bundle never carries them.
  { entry: 'apps/cli/dist/main.js', out: 'apps/cli/dist/ork.mjs', meta: 'apps/cli/dist/ork.meta.json', external: ['@orkestra/runtime/bundle', '@orkestra/gateway/bundle', '@orkestra/control-center/bundle'] },
  { entry: 'apps/runtime/dist/main.js', out: 'apps/runtime/dist/ork-runtime.mjs', meta: 'apps/runtime/dist/ork-runtime.meta.json' },
  // The gateway image ships only this bundle: `ork gate` and `ork version`.
  { entry: 'apps/gateway/dist/main.js', out: 'apps/gateway/dist/ork-gateway.mjs', meta: 'apps/gateway/dist/ork-gateway.meta.json', codeCache: true },
  // The Control Center image ships this file and public/ beside dist/: `serve` and `version`.
  { entry: 'apps/control-center/dist/main.js', out: 'apps/control-center/dist/ork-control-center.mjs', meta: 'apps/control-center/dist/ork-control-center.meta.json' },
];
// @kubernetes/client-node declares no `sideEffects`, so esbuild keeps every module its index
// re-exports: hundreds of generated API models the runtime never touches (it uses KubeConfig for
// config and auth only), which cost ~10 MB of resident memory at start. Its modules have no side
// effects we rely on, so they are marked side-effect free and the unused ones are dropped.
const clientNodePure = {
  name: 'client-node-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolved) return undefined;
      if (!args.importer.includes('/@kubernetes/client-node/') && !args.path.startsWith('@kubernetes/client-node')) return undefined;
      const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: { resolved: true } });
      if (r.errors.length > 0) return { errors: r.errors };
      if (r.external) return { path: r.path, external: true };
      return { path: r.path, sideEffects: !r.path.includes('/@kubernetes/client-node/') };
    });
  },
};

// client-node imports proxy agents, an OIDC client and JSONPath at the top of its modules, for
// kubeconfigs with `proxy-url`, the oidc auth provider or gcp/azure token commands. Evaluating them
// costs the gateway and runtime ~20 ms of every cold start and their heap, and an in-cluster
// ServiceAccount never needs them. Each is replaced by a stand-in exporting the same names that
// loads the real, still bundled, module on first use (esbuild turns that require() into a lazy
// init), so such kubeconfigs keep working.
const LAZY = {
  'socks-proxy-agent': { classes: ['SocksProxyAgent'] },
  hpagent: { classes: ['HttpProxyAgent', 'HttpsProxyAgent'] },
  'openid-client': { functions: ['discovery', 'refreshTokenGrant'] },
  'jsonpath-plus': { functions: ['JSONPath'] },
};
const lazyClientNodeDeps = {
  name: 'lazy-client-node-deps',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.importer.includes('/@kubernetes/client-node/') && args.namespace === 'file'
      ? { path: args.path, namespace: 'lazy', pluginData: { resolveDir: args.resolveDir } } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const { classes = [], functions = [] } = LAZY[args.path];
      // `new` on a function returning an object yields that object: the real class's instance.
      const lines = [`let real; const load = () => (real ??= require(${JSON.stringify(args.path)}));`,
        ...classes.map((name) => `export function ${name}(...args) { return new (load().${name})(...args); }`),
        ...functions.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`)];
      return { contents: lines.join('\n'), loader: 'js', resolveDir: args.pluginData.resolveDir };
    });
  },
};

// Metafile paths are relative to absWorkingDir: pin it so they read `lib/dist/...` from any cwd.
const root = new URL('..', import.meta.url).pathname;
// Issue 16: an app with `codeCache` ships as <name>.mjs (a launcher), <name>.cjs (the bundle) and
// <name>.cjs.v8cache (V8's code cache of it); see scripts/code-cache.mjs. The metafile then
// describes <name>.cjs, the file that holds the code.
for (const app of APPS) {
  const body = app.codeCache ? app.out.replace(/\.mjs$/, '.cjs') : undefined;
  const result = await build({
    absWorkingDir: root,
    entryPoints: [`${root}${app.entry}`],
    outfile: `${root}${body ?? app.out}`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    legalComments: 'none',
    // Issue 16: without comments and indentation the runtime bundle is 1.4 MB, not 2.0 MB, and it
    // holds no non-ASCII character (they were all in comments), so V8 keeps its source as one
    // byte per character: 1.6 MB of heap, not 4.0 MB. Names are kept, so stack traces still read.
    minifyWhitespace: true,
    logLevel: 'warning',
    metafile: true,
    external: app.external ?? [],
    plugins: [lazyClientNodeDeps, clientNodePure, ...(body ? [entryAsLibrary(app.entry)] : [])],
    alias: { 'node-fetch': `${root}scripts/shims/node-fetch.mjs` },
    // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __ork_createRequire } from 'node:module'; const require = __ork_createRequire(import.meta.url);" },
    ...(body ? BODY_OPTIONS : {}),
  });
  writeFileSync(`${root}${app.meta}`, JSON.stringify(result.metafile));
  if (body) {
    writeFileSync(`${root}${app.out}`, launcherSource(body.split('/').pop()));
    makeCodeCache(`${root}${body}`);
  } else {
    for (const stale of ['.cjs', '.cjs.v8cache']) rmSync(`${root}${app.out.replace(/\.mjs$/, stale)}`, { force: true });
  }
}
