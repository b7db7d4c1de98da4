import type { Code } from '../diagnostics/codes.ts';
import type { DocPath } from '../katalog/locate.ts';
import type { Grant } from './rbac-model.ts';

/** A diagnostic before it is positioned: the planner knows document paths, not lines. */
export interface RbacFinding {
  readonly code: Code;
  readonly path: DocPath;
  readonly message: string;
}

/** A remark for reviewers that has no diagnostic code (yet): shown under warnings in `validate --full`. */
export interface RbacNote {
  /** The CRD entry it concerns, if any. */
  readonly crd?: string;
  readonly message: string;
}

/** What a component planner produces. */
export interface GrantPlan {
  readonly grants: Grant[];
  readonly findings: RbacFinding[];
  readonly notes: RbacNote[];
}
