/** Every condition operator (reference §1.11). */
export const OPERATORS = [
  'equals', 'notEquals', 'contains', 'notContains', 'prefix', 'notPrefix', 'suffix', 'notSuffix',
  'exists', 'notExists', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'regex', 'between', 'notBetween',
  'unique', 'typeOf', 'typeMap', 'typeList', 'typeString', 'typeNumber', 'typeBool', 'typeNull',
] as const;

/** A condition operator such as `equals` or `between`. */
export type Operator = (typeof OPERATORS)[number];

/**
 * What an operator compares its field with: nothing, one scalar, a list (`in`), a `min,max`
 * pair (`between`) or a type name (`typeOf`).
 */
export type ValueShape = 'none' | 'scalar' | 'list' | 'range' | 'type-name';

/** The value each operator takes. */
export const VALUE_SHAPE: { readonly [O in Operator]: ValueShape } = {
  equals: 'scalar', notEquals: 'scalar', contains: 'scalar', notContains: 'scalar', prefix: 'scalar', notPrefix: 'scalar',
  suffix: 'scalar', notSuffix: 'scalar', exists: 'none', notExists: 'none', gt: 'scalar', gte: 'scalar', lt: 'scalar',
  lte: 'scalar', in: 'list', notIn: 'list', regex: 'scalar', between: 'range', notBetween: 'range', unique: 'none',
  typeOf: 'type-name', typeMap: 'none', typeList: 'none', typeString: 'none', typeNumber: 'none', typeBool: 'none', typeNull: 'none',
};

/** Operators that compare numbers (the value must be a number; the field is read as one). */
export const NUMERIC_OPERATORS: ReadonlySet<Operator> = new Set(['gt', 'gte', 'lt', 'lte', 'between', 'notBetween']);

/** Shorthand keys and the operator each stands for: `greaterThan: 3` is `{operator: gt, value: 3}`. */
export const SHORTHANDS = {
  equals: 'equals', notEquals: 'notEquals', contains: 'contains', notContains: 'notContains', regex: 'regex',
  prefix: 'prefix', notPrefix: 'notPrefix', suffix: 'suffix', notSuffix: 'notSuffix', exists: 'exists', notExists: 'notExists',
  greaterThan: 'gt', lessThan: 'lt', greaterThanOrEqual: 'gte', lessThanOrEqual: 'lte', min: 'gte', max: 'lte',
  between: 'between', notBetween: 'notBetween', in: 'in', notIn: 'notIn',
} as const satisfies Record<string, Operator>;

/** A shorthand key such as `greaterThan`. */
export type ShorthandKey = keyof typeof SHORTHANDS;

/** The names `typeOf` compares with (the reference's), and the spellings accepted for them. */
export const TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['map', 'map'], ['object', 'map'], ['slice', 'slice'], ['list', 'slice'], ['array', 'slice'], ['string', 'string'],
  ['number', 'number'], ['integer', 'number'], ['int', 'number'], ['float', 'number'], ['bool', 'bool'], ['boolean', 'bool'], ['null', 'null'],
]);

/** How `valueType` makes a condition read its field and value; the reference's spellings map to these. */
export type ConditionValueType = 'string' | 'int' | 'float' | 'bool';

/** Accepted `valueType` spellings. */
export const VALUE_TYPES: ReadonlyMap<string, ConditionValueType> = new Map([
  ['string', 'string'], ['int', 'int'], ['integer', 'int'], ['float', 'float'], ['number', 'float'], ['bool', 'bool'], ['boolean', 'bool'],
]);

/**
 * Condition keys the reference defines that this version does not evaluate: time windows need a
 * clock, notifications and cross-binary sources need services Orkestra does not run.
 */
export const UNSUPPORTED_CONDITION_KEYS: ReadonlyMap<string, string> = new Map([
  ['time', 'time-window conditions'], ['dayOfWeek', 'day-of-week conditions'], ['cron', 'cron-window conditions'],
  ['duration', 'cron-window conditions'], ['notify', 'condition notifications'], ['source', 'cross-binary metric sources'],
]);

/** The roots a condition field may read: the custom resource and its children. */
export const CONDITION_ROOTS: readonly string[] = ['metadata', 'spec', 'status', 'children'];

/** Roots the reference defines for fields that this version has no data for. */
export const UNSUPPORTED_ROOTS: ReadonlyMap<string, string> = new Map([
  ['metrics', 'runtime metrics (.metrics)'], ['health', 'runtime health (.health)'], ['cross', 'cross-CRD reads (.cross)'],
  ['external', 'external calls (.external)'], ['events', 'event gates (.events)'], ['request', 'gateway requests (.request)'],
  ['previous', 'rollback (.previous)'],
]);
