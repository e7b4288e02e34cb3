/**
 * `record[key]` when `key` is the record's own: tables keyed by names from the linted code must not
 * answer `constructor`, `toString` or `__proto__` with what every object inherits.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
