/**
 * A table's decoder that remembers, per key, the last raw row it decoded and the record it gave:
 * a row read again with every column equal (`===` on the driver's values: text, numbers, bigints,
 * `null`) is the same record, so it is handed out without decoding again.
 *
 * Why: a submission reads its report twice (the app's read of the version, then the use case's
 * read inside its transaction) and its regime once, and decoding the JSON columns was about a fifth
 * of a submission on SQL (docs/benchmarks.md, "What one submission costs"). The memo is keyed by
 * what was read, never by what was written or by a version, so it is right whatever wrote the row:
 * another store instance, another process on the same SQLite file or PostgreSQL schema, a
 * migration, a hand edit. It saves the decoding only, never the statement (docs/decisions/0035).
 *
 * @internal
 */
import { Effect } from "effect"

/** Raw rows remembered per table by default: a few MiB at most for reports of 1–2 KiB of JSON. */
export const defaultCapacity = 512

/** Whether two raw rows have the same columns with the same values. */
const sameRow = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean => {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) if (a[k] !== b[k]) return false
  return true
}

/**
 * `decode`, remembering the last `capacity` keys' rows (least recently used forgotten first). A row
 * that fails to decode is not remembered, so it fails again on the next read.
 */
export const memo = <A, I extends object, E>(
  decode: (row: I) => Effect.Effect<A, E>,
  key: (row: I) => string,
  capacity: number = defaultCapacity
): ((row: I) => Effect.Effect<A, E>) => {
  const remembered = new Map<string, { readonly row: I; readonly value: A }>()
  const remember = (k: string, row: I, value: A) => {
    remembered.delete(k)
    remembered.set(k, { row, value })
    if (remembered.size > capacity) {
      const oldest = remembered.keys().next()
      if (oldest.done !== true) remembered.delete(oldest.value)
    }
  }
  return (row) => {
    const k = key(row)
    const hit = remembered.get(k)
    if (hit !== undefined && sameRow(hit.row as Record<string, unknown>, row as Record<string, unknown>)) {
      remember(k, hit.row, hit.value)
      return Effect.succeed(hit.value)
    }
    return Effect.tap(decode(row), (value) => Effect.sync(() => remember(k, { ...row }, value)))
  }
}
