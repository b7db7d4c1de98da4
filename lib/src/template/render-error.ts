/**
 * A problem found while rendering (bad argument, limit exceeded). Thrown inside the evaluator
 * and turned into `{ ok: false, error }` at the API boundary; it never escapes the module.
 */
export class RenderError extends Error {
  override readonly name = 'RenderError';
}
