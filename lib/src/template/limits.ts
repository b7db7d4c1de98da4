/**
 * Bounds that keep template compilation and rendering cheap whatever the input.
 * Lengths are UTF-16 code units, as JavaScript measures strings.
 */
export const TEMPLATE_LIMITS = {
  /** Longest template source accepted by `compileTemplate`. */
  maxSourceLength: 64 * 1024,
  /** Deepest nesting of `{{ if }}` blocks and parenthesised pipelines, counted together. */
  maxNestingDepth: 32,
  /** Longest text a template may render, and longest string any function may return. */
  maxOutputLength: 1024 * 1024,
  /** Total characters functions may read and write in one render: bounds long pipelines over big data. */
  maxWorkLength: 16 * 1024 * 1024,
  /** Deepest object/array nesting that `toJson`, typed results and `renderDeep` walk. */
  maxValueDepth: 100,
} as const;

/**
 * The roots a Katalog template may read: the custom resource's metadata, spec and status, and
 * `children` (the live objects its items produced, §1.13 of the reference; filled by the runtime).
 */
export const CR_ROOTS: readonly string[] = ['metadata', 'spec', 'status', 'children'];
