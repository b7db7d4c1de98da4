/**
 * The value of an own data property; inherited properties (`__proto__`, `constructor`) and
 * accessors read as undefined, so templates and serialisers never reach JavaScript internals or run code.
 */
export function ownValue(target: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(target, key)?.value;
}
