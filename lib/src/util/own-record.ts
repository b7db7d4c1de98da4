// valibot's record() skips the keys `constructor`, `prototype` and `__proto__` without a word (its
// guard against prototype pollution), so a CRD named `constructor` vanished from the CRDs and the
// RBAC while `validate` said "valid" (issue 12, finding 17). This record keeps every own key: keys
// are checked by the key schema like any other, and the output is built with defineProperty, so
// `__proto__` stays data and never reaches a prototype.
import * as v from 'valibot';

type KeySchema = v.GenericSchema<string, string>;
type RunDataset = { value: unknown; typed?: boolean; issues?: v.BaseIssue<unknown>[] };
type Runner = { '~run'(dataset: RunDataset, config: v.Config<v.BaseIssue<unknown>>): RunDataset };

/** v.record that keeps every own key, whatever its name; same `type` and shape for schema walkers. */
export function ownRecord<K extends KeySchema, V extends v.GenericSchema>(key: K, value: V): v.RecordSchema<K, V, undefined> {
  const base = v.record(key, value);
  return {
    ...base,
    '~run'(dataset: RunDataset, config: v.Config<v.BaseIssue<unknown>>) {
      const input = dataset.value;
      if (!input || typeof input !== 'object') {
        // Let valibot word the type issue exactly as record() does.
        return (base as unknown as Runner)['~run'](dataset, config);
      }
      dataset.typed = true;
      const out: Record<string, unknown> = {};
      for (const entryKey of Object.keys(input)) {
        const entryValue = (input as Record<string, unknown>)[entryKey];
        const keyDataset = (key as unknown as Runner)['~run']({ value: entryKey }, config);
        const valueDataset = (value as unknown as Runner)['~run']({ value: entryValue }, config);
        for (const [part, origin] of [[keyDataset, 'key'], [valueDataset, 'value']] as const) {
          if (!part.issues) continue;
          const pathItem = { type: 'object', origin, input, key: entryKey, value: entryValue } as const;
          for (const issue of part.issues) {
            (issue as { path?: unknown[] }).path = origin === 'key' ? [pathItem] : [pathItem, ...((issue as { path?: unknown[] }).path ?? [])];
            (dataset.issues ??= []).push(issue);
          }
        }
        if (dataset.issues && config.abortEarly) {
          dataset.typed = false;
          break;
        }
        if (!keyDataset.typed || !valueDataset.typed) dataset.typed = false;
        if (keyDataset.typed) {
          Object.defineProperty(out, keyDataset.value as string, { value: valueDataset.value, enumerable: true, writable: true, configurable: true });
        }
      }
      dataset.value = out;
      return dataset;
    },
  } as unknown as v.RecordSchema<K, V, undefined>;
}
