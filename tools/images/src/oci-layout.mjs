// An OCI image layout directory (oci-layout, index.json, blobs/sha256/...) written without a
// daemon: layers from the tar writer, configs and manifests as JSON blobs, one index naming every
// image. containerd imports the directory tarred (`ctr images import`), and reads each image's
// name from the io.containerd.image.name annotation.
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TarWriter } from './tar-writer.mjs';

export const MEDIA = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
};
const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

/** A layout being written into `dir` (created if missing; an existing index is kept and extended). */
export class Layout {
  #dir;
  #manifests = [];

  constructor(dir) {
    this.#dir = dir;
    mkdirSync(join(dir, 'blobs/sha256'), { recursive: true });
    writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
    if (existsSync(join(dir, 'index.json'))) this.#manifests = readIndex(dir).manifests;
  }

  get dir() { return this.#dir; }

  /** A layer built by `fill(tar)`; returns its descriptor (uncompressed, so its digest is its diff ID). */
  layer(fill) {
    const tmp = mkdtempSync(join(this.#dir, '.layer-'));
    const file = join(tmp, 'layer.tar');
    const fd = openSync(file, 'w');
    let done;
    try {
      const tar = new TarWriter(fd);
      fill(tar);
      done = tar.finish();
    } finally {
      closeSync(fd);
    }
    renameSync(file, this.#blobPath(done.digest));
    rmSync(tmp, { recursive: true, force: true });
    return { mediaType: MEDIA.layer, digest: done.digest, size: done.size };
  }

  /** A JSON blob (config or manifest) with a stable serialisation. */
  json(value, mediaType) {
    const data = Buffer.from(JSON.stringify(value));
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    writeFileSync(this.#blobPath(digest), data);
    return { mediaType, digest, size: data.length };
  }

  /** Copies (hard-links when it can) a blob of another layout into this one. */
  adopt(from, desc) {
    const target = this.#blobPath(desc.digest);
    if (existsSync(target)) return desc;
    const source = join(from, 'blobs/sha256', desc.digest.slice('sha256:'.length));
    try {
      linkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
    return desc;
  }

  /** Adds an image: its config (OCI image config), its layers, and the names it is known by. */
  image(names, config, layers) {
    const configDesc = this.json({ ...config, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } }, MEDIA.config);
    const manifest = this.json({ schemaVersion: 2, mediaType: MEDIA.manifest, config: configDesc, layers }, MEDIA.manifest);
    for (const name of names) {
      this.#manifests = this.#manifests.filter((m) => m.annotations?.[CONTAINERD_NAME] !== name);
      this.#manifests.push({ ...manifest, platform: { architecture: config.architecture, os: config.os }, annotations: { [CONTAINERD_NAME]: name, [REF_NAME]: name } });
    }
    return manifest;
  }

  /** Writes index.json; the layout is complete once it exists. */
  save() {
    const sorted = [...this.#manifests].sort((a, b) => a.annotations[CONTAINERD_NAME].localeCompare(b.annotations[CONTAINERD_NAME]));
    writeFileSync(join(this.#dir, 'index.json'), `${JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests: sorted }, null, 2)}\n`);
  }

  #blobPath(digest) {
    return join(this.#dir, 'blobs/sha256', digest.slice('sha256:'.length));
  }
}

/** The index of a layout on disk. */
export function readIndex(dir) {
  return JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
}

/** A named image of a layout on disk: its manifest and config, parsed. */
export function readImage(dir, name) {
  const entry = readIndex(dir).manifests.find((m) => m.annotations?.[CONTAINERD_NAME] === name);
  if (!entry) throw new Error(`no image ${name} in ${dir} (it has: ${imageNames(dir).join(', ') || 'none'})`);
  const blob = (d) => JSON.parse(readFileSync(join(dir, 'blobs/sha256', d.digest.slice('sha256:'.length)), 'utf8'));
  const manifest = blob(entry);
  return { manifest, config: blob(manifest.config) };
}

/** Every image name in a layout. */
export function imageNames(dir) {
  return readIndex(dir).manifests.map((m) => m.annotations?.[CONTAINERD_NAME]).filter(Boolean);
}
