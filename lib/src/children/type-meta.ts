import { BUILTIN_KIND_META, type BuiltinKindKey } from './kind-meta.ts';

/** `{apiVersion, kind}` of a built-in child kind, to start an object with. */
export function typeMeta(key: BuiltinKindKey): { apiVersion: string; kind: string } {
  const { apiVersion, kind } = BUILTIN_KIND_META[key];
  return { apiVersion, kind };
}
