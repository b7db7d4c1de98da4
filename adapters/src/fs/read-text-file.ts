import { readFileSync, statSync } from 'node:fs';

/** The outcome of reading a text file: its text, or why it could not be read. */
export type ReadResult =
  | { readonly type: 'ok'; readonly text: string }
  | { readonly type: 'missing' | 'unreadable' | 'directory' | 'too-large'; readonly message: string };

/** Reads a UTF-8 file, refusing directories and files over `maxBytes` before loading them. */
export function readTextFile(path: string, maxBytes = 64 * 1024 * 1024): ReadResult {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { type: 'directory', message: `${path} is a directory` };
    if (stat.size > maxBytes) return { type: 'too-large', message: `${path} is ${stat.size} bytes, over ${maxBytes}` };
    return { type: 'ok', text: readFileSync(path, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { type: 'missing', message: `${path}: no such file` };
    return { type: 'unreadable', message: `${path}: ${(err as Error).message}` };
  }
}

/** Reads all of standard input as UTF-8 (for `-f -`). */
export function readStdin(): ReadResult {
  try {
    return { type: 'ok', text: readFileSync(0, 'utf8') };
  } catch (err) {
    return { type: 'unreadable', message: `standard input: ${(err as Error).message}` };
  }
}
