/**
 * `{[key]: value}` when value is defined, else `{}`. Spread it to keep optional fields out of
 * an object entirely, as exactOptionalPropertyTypes and a clean apply payload both want.
 */
export function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}
