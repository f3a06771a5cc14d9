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

import type { StoreError } from "@danvan/core"
import { Effect } from "effect"
import type { Decoder } from "./Rows.ts"

/** Raw rows remembered per table by default: a few MiB at most for reports of 1–2 KiB of JSON. */
export const defaultCapacity = 512

/**
 * Whether two raw rows have the same columns with the same values. A column holding an array is a
 * record's child rows (`Rows.decodeGrouped`: a unit's parent links, the ids a directive replaces),
 * compared row by row the same way, so a changed link is a changed unit.
 */
const sameRow = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean => {
  let count = 0
  for (const k in a) {
    count++
    const x = a[k]
    const y = b[k]
    if (x === y) continue
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false
    for (let i = 0; i < x.length; i++) {
      const r = x[i]
      const t = y[i]
      if (
        r !== t &&
        (typeof r !== "object" || typeof t !== "object" || r === null || t === null || !sameRow(r, t))
      )
        return false
    }
  }
  for (const _ in b) count--
  return count === 0
}

/**
 * The raw rows and what they decoded to of at most `capacity` keys: `get` gives the decoded value
 * only when the row read now is the row remembered. When full, a key not read since the sweep last
 * passed it is forgotten first (the "clock" approximation of least recently used): a hit only marks
 * its entry, where moving it to the back of the map cost more than comparing the row when a read
 * hands out thousands of remembered units (docs/decisions/0044).
 */
const remembered = <A, I extends object>(capacity: number) => {
  const entries = new Map<string, { readonly row: I; readonly value: A; used: boolean }>()
  const set = (k: string, row: I, value: A) => {
    entries.delete(k)
    entries.set(k, { row, value, used: false })
    while (entries.size > capacity) {
      const oldest = entries.entries().next()
      if (oldest.done === true) return
      const [key, entry] = oldest.value
      entries.delete(key)
      // Read since the sweep last passed it: kept, at the back, for one more round.
      if (entry.used && key !== k) {
        entry.used = false
        entries.set(key, entry)
      }
    }
  }
  return {
    get: (k: string, row: I): A | undefined => {
      const hit = entries.get(k)
      if (hit === undefined || !sameRow(hit.row as Record<string, unknown>, row as Record<string, unknown>))
        return undefined
      hit.used = true
      return hit.value
    },
    /** Remembers a copy of the row (its columns; child rows are never changed once read). */
    set: (k: string, row: I, value: A) => set(k, { ...row }, value)
  }
}

/**
 * `decode`, remembering the last `capacity` keys' rows (least recently used forgotten first). A row
 * that fails to decode is not remembered, so it fails again on the next read. The records are
 * frozen (see `frozen`): the same one is handed to every later reader.
 */
export const memo = <A, I extends object, E>(
  decode: (row: I) => Effect.Effect<A, E>,
  key: (row: I) => string,
  capacity: number = defaultCapacity
): ((row: I) => Effect.Effect<A, E>) =>
  memoIn(remembered<A, I>(capacity), (row) => Effect.map(decode(row), frozen), key)

const memoIn =
  <A, I extends object, E>(
    cache: ReturnType<typeof remembered<A, I>>,
    decode: (row: I) => Effect.Effect<A, E>,
    key: (row: I) => string
  ) =>
  (row: I): Effect.Effect<A, E> => {
    const k = key(row)
    const hit = cache.get(k, row)
    if (hit !== undefined) return Effect.succeed(hit)
    return Effect.tap(decode(row), (value) => Effect.sync(() => cache.set(k, row, value)))
  }

/**
 * Freezes a decoded record all the way down: a remembered record is handed to every later reader,
 * so none of them may change what the next one gets (the storage contract's "nothing a caller
 * holds changes the store"). Domain records hold plain objects, arrays and primitives only.
 */
const frozen = <A>(value: A): A => {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value
  Object.freeze(value)
  for (const key of Reflect.ownKeys(value)) frozen((value as Record<PropertyKey, unknown>)[key])
  return value
}

/**
 * A table's {@link Decoder} that remembers, like {@link memo}, the last `capacity` keys' rows: a
 * read of many rows (a jurisdiction, the directives in force) decodes only the rows it has not seen
 * as they are now, in one batched `all` of the decoder, and hands out the others as they were
 * decoded. A row whose columns changed (whoever changed them) is decoded again; one that fails to
 * decode fails the read as the decoder alone would, with its table and key, and is not remembered.
 */
export const memoDecoder = <A, I extends object>(
  decoder: Decoder<A, I>,
  key: (row: I) => string,
  capacity: number
): Decoder<A, I> => {
  const cache = remembered<A, I>(capacity)
  const one = (row: I) => Effect.map(decoder(row), frozen)
  const all = (rows: ReadonlyArray<I>): Effect.Effect<ReadonlyArray<A>, StoreError.StoreCorrupt> => {
    const out: Array<A> = new Array(rows.length)
    const keys: Array<string> = new Array(rows.length)
    const missing: Array<number> = []
    for (let i = 0; i < rows.length; i++) {
      const k = key(rows[i] as I)
      const hit = cache.get(k, rows[i] as I)
      keys[i] = k
      if (hit === undefined) missing.push(i)
      else out[i] = hit
    }
    if (missing.length === 0) return Effect.succeed(out)
    return Effect.map(decoder.all(missing.map((i) => rows[i] as I)), (decoded) => {
      for (let j = 0; j < missing.length; j++) {
        const i = missing[j] as number
        out[i] = frozen(decoded[j] as A)
        cache.set(keys[i] as string, rows[i] as I, decoded[j] as A)
      }
      return out
    })
  }
  return Object.assign(memoIn(cache, one, key), { all })
}
