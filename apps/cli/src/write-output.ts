import { renderJson, renderYamlDocuments } from '@orkestra/lib';
import { UsageError, type CliIo } from './io.ts';

/**
 * Writes generated objects where `-o` says: `-` or `yaml` → YAML on stdout, `json` → JSON on stdout,
 * anything else is a file path (JSON when it ends in .json, else YAML), written atomically.
 */
export function writeObjects(objects: readonly unknown[], output: string | undefined, io: CliIo, asList = true): string {
  const target = output ?? '-';
  const json = target === 'json' || (target.endsWith('.json') && !['-', 'yaml'].includes(target));
  const text = json
    ? renderJson(asList && objects.length !== 1 ? { apiVersion: 'v1', kind: 'List', items: objects } : objects[0])
    : renderYamlDocuments(objects);
  if (target === '-' || target === 'yaml' || target === 'json') {
    io.stdout(text);
    return '<stdout>';
  }
  if (target.endsWith('/')) throw new UsageError(`-o ${target} is a directory`, 'give a file path, or - for standard output');
  try {
    io.writeFile(target, text);
  } catch (err) {
    throw new UsageError(`cannot write ${target}: ${(err as Error).message}`, 'check the directory exists and is writable');
  }
  return target;
}
