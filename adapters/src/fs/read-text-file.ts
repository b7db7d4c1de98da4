import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The outcome of reading a text file: its text, or why it could not be read. */
export type ReadResult =
  | { readonly type: 'ok'; readonly text: string }
  | { readonly type: 'missing' | 'unreadable' | 'directory' | 'too-large'; readonly message: string };

/** The default cap on one input: the Katalog limit (lib MAX_KATALOG_BYTES, 2 MiB) with room to say by how much. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a UTF-8 file, refusing directories, and stops at `maxBytes`: bytes are counted as they
 * are read, because `stat` says 0 for /dev/zero, pipes and FIFOs that never end (issue 12).
 */
export function readTextFile(path: string, maxBytes = MAX_INPUT_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { type: 'missing', message: `${path}: no such file` };
    if (code === 'EISDIR') return { type: 'directory', message: `${path} is a directory` };
    return { type: 'unreadable', message: `${path}: ${(err as Error).message}` };
  }
  try {
    if (fstatSync(fd).isDirectory()) return { type: 'directory', message: `${path} is a directory` };
    return readCapped(fd, path, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Reads all of standard input as UTF-8 (for `-f -`), stopping at `maxBytes`. */
export function readStdin(maxBytes = MAX_INPUT_BYTES): ReadResult {
  return readCapped(0, 'standard input', maxBytes);
}

/** Reads `fd` to its end or to one byte past `maxBytes`, whichever comes first. */
export function readCapped(fd: number, name: string, maxBytes: number): ReadResult {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (err) {
        // A non-blocking pipe with nothing yet: wait a moment rather than spin or fail.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        throw err;
      }
      if (n === 0) break;
      total += n;
      chunks.push(chunk.subarray(0, n));
      if (total > maxBytes) {
        return { type: 'too-large', message: `${name} is larger than ${formatBytes(maxBytes)}, the limit for one input (reading stopped there)` };
      }
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { type: 'directory', message: `${name} is a directory` };
    return { type: 'unreadable', message: `${name}: ${(err as Error).message}` };
  }
  return { type: 'ok', text: Buffer.concat(chunks, total).toString('utf8') };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
