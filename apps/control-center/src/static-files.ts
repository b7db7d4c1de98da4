// The UI's files from public/: a request path maps to a file only inside that directory (no `..`,
// no hidden files, no symlink out), with its content type and a validator so browsers revalidate.
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file ready to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Weak validator from size and mtime. */
  readonly etag: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file name; unknown extensions are opaque bytes. */
export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path segments of a request below the UI's root, or undefined when the path could leave the
 * directory or name a hidden file: `..`, `.`, empty segments, encoded slashes or backslashes, NUL.
 */
export function safeSegments(path: string): string[] | undefined {
  if (path === '') return [];
  let segments: string[];
  try {
    segments = path.split('/').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const bad = segments.some((s) => s === '' || s.startsWith('.') || /[/\\\0]/.test(s));
  return bad ? undefined : segments;
}

/** Reads `public/<segments>`; undefined when it is missing, a directory, or outside the root. */
export async function readStaticFile(root: URL, segments: readonly string[]): Promise<StaticFile | undefined> {
  const rootPath = fileURLToPath(root);
  try {
    const realRoot = await realpath(rootPath);
    const file = await realpath(join(rootPath, ...segments));
    if (!file.startsWith(realRoot + sep)) return undefined;
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    return { body: await readFile(file), contentType: contentTypeOf(file), etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"` };
  } catch {
    return undefined;
  }
}
