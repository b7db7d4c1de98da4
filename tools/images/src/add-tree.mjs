// Adds a directory tree on disk to a tar layer: sorted (so the layer's digest depends only on the
// files), modes as on disk, owned by root unless `owners` says otherwise (as Debian's packages and
// a COPY without --chown), hard links stored as files.
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Archives every entry under `root` as `prefix/<relative path>` (prefix without slashes; '' for
 * the image root). `owners` maps a relative path to its {uid, gid}; paths in `skip` are left out
 * with their content.
 */
export function addTree(tar, root, { prefix = '', owners = {}, skip = [] } = {}) {
  const walk = (rel) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (skip.includes(path)) continue;
      addEntry(tar, join(root, path), prefix ? `${prefix}/${path}` : path, owners[path]);
      if (lstatSync(join(root, path)).isDirectory()) walk(path);
    }
  };
  walk('');
}

/** One file, directory or symlink from `source` at `path` in the layer. */
export function addEntry(tar, source, path, owner) {
  const st = lstatSync(source);
  const ids = owner ?? { uid: 0, gid: 0 };
  if (st.isDirectory()) tar.dir(path, { mode: st.mode & 0o7777, ...ids });
  else if (st.isSymbolicLink()) tar.symlink(path, readlinkSync(source), ids);
  else if (st.isFile()) tar.file(path, source, st.size, { mode: st.mode & 0o7777, ...ids });
  else throw new Error(`${source}: not a file, directory or symlink; an image layer cannot hold it`);
}

/** The parent directories of `path` (`a/b/c` → `a`, `a/b`), for layers that add files deep down. */
export function parents(path) {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
