import type { Code } from '../diagnostics/codes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { makeDiagnostic } from '../diagnostics/make-diagnostic.ts';
import type { RegistryError } from '../ports/registry-client.ts';

/** A registry-side problem with a Katalog artifact (ORK15xx), before it has a position in a file. */
export interface RegistryProblem {
  readonly code: Code;
  readonly message: string;
  readonly hint?: string;
  /** Where in the manifest (`layers[0].size`), when the problem is in it. */
  readonly path?: string;
}

/** The problem as a diagnostic on the reference (`oci://…:1:1`), the form `ork validate` prints. */
export function registryDiagnostic(problem: RegistryProblem, reference: string): Diagnostic {
  return makeDiagnostic(problem.code, { file: reference, line: 1, column: 1, path: problem.path ?? '' }, problem.message,
    problem.hint !== undefined ? { hint: problem.hint } : {});
}

const CODE_OF: Readonly<Record<RegistryError['type'], Code>> = {
  'not-found': 'ORK1501',
  unauthorized: 'ORK1507',
  denied: 'ORK1508',
  'too-large': 'ORK1505',
  invalid: 'ORK1513',
  unavailable: 'ORK1509',
  tls: 'ORK1510',
  'plain-http': 'ORK1511',
};

/** What went wrong talking to `host`, as a problem saying what was asked for (`what`: `tag "v1"`). */
export function problemOf(error: RegistryError, host: string, what: string): RegistryProblem {
  const code = CODE_OF[error.type];
  switch (error.type) {
    case 'not-found':
      return { code, message: `${what} not found${error.code === 'NAME_UNKNOWN' ? ' (the repository does not exist)' : ''}: ${error.message}` };
    case 'unauthorized':
      return { code, message: `${host} refused the credentials for ${what}: ${error.message}`,
        hint: `log in (docker login ${host}, oras login ${host}) or fix the entry for ${host} in the Docker config file; in a cluster, check the pull Secret` };
    case 'denied':
      return { code, message: `${host} denied access to ${what}: ${error.message}`, hint: 'the credentials are valid but lack permission on this repository; ask its owner for pull (or push) access' };
    default:
      return { code, message: `${what}: ${error.message}` };
  }
}
