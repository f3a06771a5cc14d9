/**
 * The write rules every repository shares, over an overlay (see `State.ts`):
 *
 * - `insertAll` stores records at version 1 whatever version they carry;
 * - `update` fails with `NotFound` when nothing has the key, with `VersionConflict` when the
 *   record's version is not the stored one, and otherwise stores it at the next version;
 * - `remove` likewise checks existence and version before deleting;
 * - before anything is stored, `Contract.check` (`Constraints.ts`) applies the contract: keys
 *   already taken, references to records that must exist, unique values.
 *
 * Errors are checked in that order: not found, then version, then constraints.
 *
 * @since 0.1.0
 */
import { Contract, StoreError } from "@danvan/core"
import { Result } from "effect"
import * as Constraints from "./Constraints.ts"
import type { Overlay } from "./State.ts"
import type { Stored } from "./Stored.ts"
import { fromRecord } from "./Stored.ts"
import type { Entity, Records } from "./Tables.ts"
import { tables } from "./Tables.ts"

/** The override of every record an insert stores: one object, not one per record. */
const atOne: Readonly<Record<string, unknown>> = Object.freeze({ version: 1 })

/**
 * A copy of a caller's record to store, or a violation when it does not encode; `like` (a stored
 * record) lends it the parts whose content it shares. @since 0.1.0
 */
export const copy = <E extends Entity>(
  entity: E,
  record: Records[E],
  version?: number,
  like?: Records[Entity]
): Result.Result<Stored<E>, StoreError.ConstraintViolation> =>
  Result.mapError(
    fromRecord(entity, record, version === undefined ? undefined : version === 1 ? atOne : { version }, like),
    (reason) => new StoreError.ConstraintViolation({ entity, constraint: "valid record", detail: reason })
  )

/**
 * A record ready to replace the stored one at the next version, after the `NotFound` and
 * `VersionConflict` checks; nothing is stored yet.
 *
 * @since 0.1.0
 */
export const update = <E extends Entity>(
  o: Overlay,
  entity: E,
  record: Records[E] & { readonly version: number }
): Result.Result<
  Stored<E>,
  StoreError.NotFound | StoreError.VersionConflict | StoreError.ConstraintViolation
> => {
  const key = tables[entity].key(record)
  const current = o.get(entity, key)
  if (current === undefined) return Result.fail(new StoreError.NotFound({ entity, id: key }))
  const actual = (current.record as { readonly version: number }).version
  if (record.version !== actual) {
    return Result.fail(new StoreError.VersionConflict({ entity, id: key, expected: record.version, actual }))
  }
  return copy(entity, record, actual + 1, current.record)
}

/** Checks that a record exists at a version, before a deletion. @since 0.1.0 */
export const expectVersion = <E extends Entity>(
  o: Overlay,
  entity: E,
  key: string,
  version: number
): Result.Result<Stored<E>, StoreError.NotFound | StoreError.VersionConflict> => {
  const current = o.get(entity, key)
  if (current === undefined) return Result.fail(new StoreError.NotFound({ entity, id: key }))
  const actual = (current.record as { readonly version: number }).version
  return version === actual
    ? Result.succeed(current)
    : Result.fail(new StoreError.VersionConflict({ entity, id: key, expected: version, actual }))
}

/** A group of records to store: inserted (new keys) or replacing stored ones. @since 0.1.0 */
export interface Group {
  readonly stored: ReadonlyArray<Stored>
  readonly insert: boolean
}

/**
 * Stores the groups, all or none, when the contract accepts them (`Contract.check` against the
 * state before the write), and returns `value`.
 *
 * @since 0.1.0
 */
export const store = <A>(
  o: Overlay,
  groups: ReadonlyArray<Group>,
  value: A
): Result.Result<A, StoreError.ConstraintViolation> => {
  const writes = groups.flatMap((g) =>
    g.stored.length === 0
      ? []
      : [
          Contract.write(
            g.stored[0]!.entity,
            g.stored.map((s) => s.record),
            g.insert,
            // The keys the copies carry: the contract builds none of its own.
            g.stored.map((s) => s.key)
          )
        ]
  )
  const violation = Constraints.check(o, writes)
  if (violation !== undefined) return Result.fail(violation)
  for (const g of groups) {
    // An insert `Contract.check` accepted against `o` has keys `o` does not hold, each once in
    // the write (its first rule, "unique id"): the overlay may keep them as the list they are.
    if (g.insert && g.stored.length > 0) o.insertNew(g.stored[0]!.entity, g.stored)
    else for (const s of g.stored) o.put(s)
  }
  return Result.succeed(value)
}

/**
 * Copies of records for insertion at version 1 (or as is when the kind has no version); `like`
 * names a stored record that lends a copy its unchanged parts (a revision's report). @since 0.1.0
 */
export const copies = <E extends Entity>(
  entity: E,
  records: ReadonlyArray<Records[E]>,
  like?: (record: Records[E]) => Records[Entity] | undefined
): Result.Result<ReadonlyArray<Stored<E>>, StoreError.ConstraintViolation> => {
  const out: Array<Stored<E>> = []
  for (const record of records) {
    const stored = copy(entity, record, tables[entity].versioned ? 1 : undefined, like?.(record))
    if (Result.isFailure(stored)) return Result.fail(stored.failure)
    out.push(stored.success)
  }
  return Result.succeed(out)
}

/**
 * Inserts records (all or none), when the contract accepts them; returns them as stored.
 *
 * @since 0.1.0
 */
export const insertAll = <E extends Entity>(
  o: Overlay,
  entity: E,
  records: ReadonlyArray<Records[E]>
): Result.Result<ReadonlyArray<Records[E]>, StoreError.ConstraintViolation> => {
  const stored = copies(entity, records)
  if (Result.isFailure(stored)) return Result.fail(stored.failure)
  return store(
    o,
    [{ stored: stored.success, insert: true }],
    stored.success.map((s) => s.record)
  )
}

/** Inserts one record when the contract accepts it; returns it as stored. @since 0.1.0 */
export const insertOne = <E extends Entity>(
  o: Overlay,
  entity: E,
  record: Records[E]
): Result.Result<Records[E], StoreError.ConstraintViolation> =>
  Result.map(insertAll(o, entity, [record]), (stored) => stored[0]!)

/** Updates one record (see {@link update}) when the contract accepts it; returns it as stored. @since 0.1.0 */
export const updateOne = <E extends Entity>(
  o: Overlay,
  entity: E,
  record: Records[E] & { readonly version: number }
): Result.Result<
  Records[E],
  StoreError.NotFound | StoreError.VersionConflict | StoreError.ConstraintViolation
> => {
  const stored = update(o, entity, record)
  if (Result.isFailure(stored)) return Result.fail(stored.failure)
  return store(o, [{ stored: [stored.success], insert: false }], stored.success.record)
}
