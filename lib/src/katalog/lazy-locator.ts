import { makeLocator, formatPath, type Locator } from './locate.ts';
import { readYaml } from './read-yaml.ts';

/**
 * A locator that reads the file with the full YAML parser only when a position is first asked for:
 * a valid Katalog read by the fast reader never pays for positions it does not print.
 */
export function lazyLocator(file: string, text: string): Locator {
  let real: Locator | undefined;
  const get = (): Locator => {
    if (!real) {
      const read = readYaml(file, text);
      real = read.doc
        ? makeLocator(read.doc, read.lineCounter, file)
        : { at: (path) => ({ file, line: 1, column: 1, path: formatPath(path) }), inScalar: (path) => ({ file, line: 1, column: 1, path: formatPath(path) }) };
    }
    return real;
  };
  return { at: (path, target) => get().at(path, target), inScalar: (path, offset) => get().inScalar(path, offset) };
}
