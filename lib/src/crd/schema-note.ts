import type { DocPath } from '../katalog/locate.ts';

/**
 * Something the CRD schema planner could not express exactly, for `ork validate --full` and the
 * Katalog validator. `path` is the dotted path in the custom resource (`spec.db.size`,
 * `status.phase`); `sources` are the Katalog document paths of the uses that led to it.
 */
export interface SchemaNote {
  /**
   * `conflict`: uses disagree on the type, so the node keeps any value;
   * `unknown`: nothing tells the type, so the node keeps any value;
   * `empty`: no template reads `.spec`, so the spec keeps any field;
   * `reserved`: a status field would overwrite a field the runtime owns, so it is left out;
   * `invalid`: a status field path has an empty segment, so it is left out.
   */
  readonly type: 'conflict' | 'unknown' | 'empty' | 'reserved' | 'invalid';
  readonly path: string;
  readonly message: string;
  readonly sources: readonly DocPath[];
}
