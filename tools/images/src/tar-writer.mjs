// A deterministic POSIX tar (ustar + PAX records for long names) written to a file descriptor,
// just enough for OCI image layers: directories, regular files and symlinks, with the owner and
// mode given, mtime 0. No compression: containerd takes uncompressed OCI layers, and skipping
// gzip keeps building and importing an image at disk speed.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';

const BLOCK = 512;

/** Writes tar entries to `fd`, hashing every byte, so the layer's digest is known when it ends. */
export class TarWriter {
  #fd;
  #hash = createHash('sha256');
  #size = 0;

  constructor(fd) {
    this.#fd = fd;
  }

  /** A directory; `path` without a leading slash (`usr/bin`). */
  dir(path, { mode = 0o755, uid = 0, gid = 0 } = {}) {
    this.#header({ path: `${path.replace(/\/$/, '')}/`, type: '5', mode, uid, gid, size: 0 });
  }

  /** A symbolic link at `path` pointing at `target`. */
  symlink(path, target, { uid = 0, gid = 0 } = {}) {
    this.#header({ path, type: '2', mode: 0o777, uid, gid, size: 0, link: target });
  }

  /** A regular file whose content is a buffer. */
  bytes(path, data, { mode = 0o644, uid = 0, gid = 0 } = {}) {
    this.#header({ path, type: '0', mode, uid, gid, size: data.length });
    this.#write(data);
    this.#pad(data.length);
  }

  /** A regular file copied from `source` on disk, streamed (the Node binary is ~100 MB). */
  file(path, source, size, { mode = 0o644, uid = 0, gid = 0 } = {}) {
    this.#header({ path, type: '0', mode, uid, gid, size });
    const fd = openSync(source, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      let left = size;
      while (left > 0) {
        const n = readSync(fd, buf, 0, Math.min(buf.length, left), null);
        if (n === 0) throw new Error(`${source}: file shrank while being archived`);
        this.#write(buf.subarray(0, n));
        left -= n;
      }
    } finally {
      closeSync(fd);
    }
    this.#pad(size);
  }

  /** Ends the archive (two zero blocks); returns its sha256 digest and size in bytes. */
  finish() {
    this.#write(Buffer.alloc(BLOCK * 2));
    return { digest: `sha256:${this.#hash.digest('hex')}`, size: this.#size };
  }

  #header({ path, type, mode, uid, gid, size, link = '' }) {
    const pax = {};
    if (Buffer.byteLength(path) > 100) pax.path = path;
    if (Buffer.byteLength(link) > 100) pax.linkpath = link;
    if (Object.keys(pax).length) {
      const body = Buffer.from(Object.entries(pax).map(([k, v]) => paxRecord(k, v)).join(''));
      this.#write(ustar({ path: 'PaxHeader', type: 'x', mode: 0o644, uid: 0, gid: 0, size: body.length, link: '' }));
      this.#write(body);
      this.#pad(body.length);
    }
    this.#write(ustar({ path: truncate(path, 100), type, mode, uid, gid, size, link: truncate(link, 100) }));
  }

  #pad(size) {
    const rest = size % BLOCK;
    if (rest) this.#write(Buffer.alloc(BLOCK - rest));
  }

  #write(buf) {
    let off = 0;
    while (off < buf.length) off += writeSync(this.#fd, buf, off, buf.length - off);
    this.#hash.update(buf);
    this.#size += buf.length;
  }
}

/** One PAX record: its decimal length counts itself. */
function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body);
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

function truncate(s, max) {
  const b = Buffer.from(s);
  return b.length <= max ? s : b.subarray(0, max).toString('latin1');
}

function ustar({ path, type, mode, uid, gid, size, link }) {
  const h = Buffer.alloc(BLOCK);
  h.write(path, 0, 100, 'utf8');
  octal(h, 100, 8, mode & 0o7777);
  octal(h, 108, 8, uid);
  octal(h, 116, 8, gid);
  octal(h, 124, 12, size);
  octal(h, 136, 12, 0);
  h.write(type, 156, 1, 'latin1');
  h.write(link, 157, 100, 'utf8');
  h.write('ustar\u000000', 257, 8, 'latin1');
  octal(h, 329, 8, 0);
  octal(h, 337, 8, 0);
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return h;
}

function octal(h, offset, width, value) {
  h.write(`${value.toString(8).padStart(width - 1, '0')}\u0000`, offset, width, 'latin1');
}
