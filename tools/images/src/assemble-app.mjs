#!/usr/bin/env node
// Builds final stages of the repository's Dockerfile into an OCI image layout, without a daemon:
// each target's stage chain is interpreted on top of the base image named by its FROM (a build
// argument, as `docker build --build-arg` gives it), and its files come from the build stage.
//
// The build stage is not run: it is `COPY . .` + `npm ci` + `npm run build` in /src, and this
// repository after `npm run build` is exactly that, so `COPY --from=build /src/<path>` reads
// <repo>/<path>. The build stage is checked to still be that recipe; a final stage may use only
// ARG, LABEL, ENV, WORKDIR, USER, EXPOSE, exec-form ENTRYPOINT/CMD and COPY --from=<build stage>
// (the images hold bundles and run nothing at build time). Anything else is refused by line.
//
// Usage: assemble-app.mjs --repo DIR --base LAYOUT --out LAYOUT --tag TARGET=NAME... [--build-arg K=V...]
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { basename, join, posix } from 'node:path';
import { addEntry, parents } from './add-tree.mjs';
import { imageConfig } from './image-config.mjs';
import { Layout, readImage } from './oci-layout.mjs';
import { execForm, expand, keyValues, readDockerfile } from './read-dockerfile.mjs';

const opts = parseArgs(process.argv.slice(2));
const dockerfilePath = join(opts.repo, 'Dockerfile');
const dockerfile = readDockerfile(readFileSync(dockerfilePath, 'utf8'), dockerfilePath);
const out = new Layout(opts.out);
const built = [];

for (const [target, name] of Object.entries(opts.tags)) {
  try {
    const image = assemble(target);
    out.image([name], image.config, image.layers);
    built.push({ target, name });
  } catch (err) {
    fail(err.message);
  }
}
out.save();
process.stdout.write(`${JSON.stringify(built)}\n`);

/** One target: its chain of stages down to an external base image, interpreted in order. */
function assemble(target) {
  const chain = [];
  for (let stage = stageNamed(target); ; stage = stageNamed(stage.from)) {
    chain.unshift(stage);
    if (!dockerfile.stages.some((s) => s.name === stage.from)) break;
  }
  const baseName = expand(chain[0].from, { ...dockerfile.args, ...opts.buildArgs });
  const base = readImage(opts.base, baseName);
  const config = structuredClone(base.config.config ?? {});
  const files = new Map(); // image path → source on disk (undefined for a directory to create)
  for (const stage of chain) {
    // ARGs are stage-scoped: a global one is visible only after `ARG NAME` re-declares it.
    const vars = {};
    for (const i of stage.instructions) apply(i, stage, vars, config, files);
  }
  const layer = out.layer((tar) => {
    for (const path of [...files.keys()].sort()) {
      const source = files.get(path);
      if (source === undefined) tar.dir(path);
      else addEntry(tar, source, path);
    }
  });
  const layers = base.manifest.layers.map((l) => out.adopt(opts.base, l));
  return { config: imageConfig(config, base.config.history ?? []), layers: [...layers, layer] };
}

function apply(i, stage, vars, config, files) {
  const where = `${dockerfilePath}:${i.line}`;
  const text = expand(i.args, vars);
  switch (i.op) {
    case 'ARG': {
      const m = /^([A-Za-z_]\w*)(?:=(.*))?$/.exec(i.args);
      if (!m) throw new Error(`${where}: cannot read ARG "${i.args}"`);
      // Docker's precedence: --build-arg, then this ARG's default, then the global one.
      vars[m[1]] = opts.buildArgs[m[1]] ?? (m[2] !== undefined ? m[2].replace(/^"(.*)"$/, '$1') : dockerfile.args[m[1]] ?? '');
      return;
    }
    case 'LABEL':
      config.Labels = { ...config.Labels, ...keyValues(text, where) };
      return;
    case 'ENV': {
      const env = keyValues(text, where);
      const keep = (config.Env ?? []).filter((e) => !(e.split('=')[0] in env));
      config.Env = [...keep, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)];
      return;
    }
    case 'WORKDIR': {
      const dir = posix.resolve(config.WorkingDir ?? '/', text);
      config.WorkingDir = dir;
      for (const p of [...parents(`${dir.slice(1)}/x`)]) if (!files.has(p)) files.set(p, undefined);
      return;
    }
    case 'USER':
      config.User = text;
      return;
    case 'EXPOSE':
      config.ExposedPorts = { ...config.ExposedPorts, ...Object.fromEntries(text.split(/\s+/).map((p) => [p.includes('/') ? p : `${p}/tcp`, {}])) };
      return;
    case 'ENTRYPOINT':
      config.Entrypoint = execForm(text, where);
      // As in Docker: a new entry point drops the CMD the base image had.
      delete config.Cmd;
      return;
    case 'CMD':
      config.Cmd = execForm(text, where);
      return;
    case 'COPY':
      copy(text, where, files);
      return;
    default:
      throw new Error(`${where}: ${i.op} in stage "${stage.name}": a final stage is assembled, not run; only ARG, LABEL, ENV, WORKDIR, USER, EXPOSE, ENTRYPOINT, CMD and COPY --from=<build stage> are supported`);
  }
}

/** COPY --from=<build stage> src... dest, with Docker's rules for files, directories and a trailing slash. */
function copy(text, where, files) {
  const words = text.split(/\s+/);
  let from;
  while (words[0]?.startsWith('--')) {
    const m = /^--from=(.+)$/.exec(words.shift());
    if (!m) throw new Error(`${where}: COPY flags other than --from are not supported (--chown/--chmod would change who may write the code)`);
    from = m[1];
  }
  if (!from || words.length < 2) throw new Error(`${where}: COPY must read --from=<build stage> and name sources and a destination`);
  const root = buildStageRoot(from, where);
  const dest = words.at(-1);
  const sources = words.slice(0, -1);
  const intoDir = dest.endsWith('/') || sources.length > 1;
  for (const src of sources) {
    if (!src.startsWith(`${root}/`)) throw new Error(`${where}: ${src} is outside the build stage's ${root}`);
    const onDisk = join(opts.repo, src.slice(root.length + 1));
    if (!existsSync(onDisk)) throw new Error(`${where}: ${src} does not exist: ${onDisk} (run npm run build first)`);
    const target = (intoDir && !lstatSync(onDisk).isDirectory() ? posix.join(dest, basename(src)) : dest).replace(/^\/|\/$/g, '');
    for (const p of parents(`${target}/x`).slice(0, -1)) if (!files.has(p)) files.set(p, undefined);
    if (lstatSync(onDisk).isDirectory()) addDir(onDisk, target, files);
    else files.set(target, realpathSync(onDisk));
  }
}

function addDir(dir, target, files) {
  files.set(target, undefined);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (lstatSync(p).isDirectory()) addDir(p, `${target}/${name}`, files);
    else files.set(`${target}/${name}`, p);
  }
}

/** The WORKDIR of the build stage, after checking it is still the repository's own build. */
function buildStageRoot(name, where) {
  const stage = stageNamed(name);
  const ops = stage.instructions.map((i) => `${i.op} ${i.args}`);
  const workdir = stage.instructions.find((i) => i.op === 'WORKDIR')?.args;
  const recipe = ops.length === 3 && ops[0] === `WORKDIR ${workdir}` && ops[1] === 'COPY . .' && /^RUN npm ci\b.*&& npm run build$/.test(ops[2]);
  if (!recipe || !workdir?.startsWith('/')) {
    throw new Error(`${where}: stage "${name}" is no longer WORKDIR + COPY . . + RUN npm ci ... && npm run build; this tool stands in for exactly that build (the repository after npm run build), so teach it the new one`);
  }
  return workdir.replace(/\/$/, '');
}

function stageNamed(name) {
  const stage = dockerfile.stages.find((s) => s.name === name);
  if (!stage) throw new Error(`${dockerfilePath}: no stage "${name}"`);
  return stage;
}

function parseArgs(argv) {
  const o = { tags: {}, buildArgs: {} };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`${flag} needs a value`);
    i++;
    if (flag === '--repo' || flag === '--base' || flag === '--out') o[flag.slice(2)] = value;
    else if (flag === '--tag' || flag === '--build-arg') {
      const eq = value.indexOf('=');
      if (eq < 1) fail(`${flag} ${value}: expected KEY=VALUE`);
      (flag === '--tag' ? o.tags : o.buildArgs)[value.slice(0, eq)] = value.slice(eq + 1);
    } else fail(`unknown flag ${flag}`);
  }
  if (!o.repo || !o.base || !o.out || !Object.keys(o.tags).length) fail('usage: assemble-app.mjs --repo DIR --base LAYOUT --out LAYOUT --tag TARGET=NAME... [--build-arg K=V...]');
  return o;
}

function fail(message) {
  process.stderr.write(`assemble-app: ${message}\n`);
  process.exit(1);
}
