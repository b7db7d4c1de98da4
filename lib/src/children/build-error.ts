/**
 * A rendered item that cannot become a valid object; `field` is its dotted path inside the item.
 * Builders throw it so their bodies stay linear; `buildChild` turns it into a result and it
 * never escapes the public API.
 */
export class BuildError extends Error {
  readonly field: string | undefined;

  constructor(field: string | undefined, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'BuildError';
    this.field = field;
  }
}
