/**
 * The write rules every repository shares, over an overlay (see `State.ts`):
 *
 * - `insert` stores a record at version 1 whatever version it carries, and fails with
 *   `ConstraintViolation` when its key is taken;
 * - `update` fails with `NotFound` when nothing has the key, with `VersionConflict` when the
 *   record's version is not the stored one, and otherwise stores it at the next version;
 * - `remove` likewise checks existence and version before deleting;
 * - `checkAll` then applies the references and uniqueness rules (`Constraints.ts`) to what was
 *   written, against the state as it would be after the write.
 *
 * Errors are checked in that order: not found, then version, then constraints.
 *
 * @since 0.1.0
 */
import { StoreError } from "@danvan/core"
import { Result } from "effect"
import * as Constraints from "./Constraints.ts"
import type { Overlay } from "./State.ts"
import type { Stored } from "./Stored.ts"
import { fromRecord } from "./Stored.ts"
import type { Entity, Records } from "./Tables.ts"
import { tables } from "./Tables.ts"

/** A copy of a caller's record to store, or a violation when it does not encode. @since 0.1.0 */
export const copy = <E extends Entity>(
  entity: E,
  record: Records[E],
  version?: number
): Result.Result<Stored<E>, StoreError.ConstraintViolation> =>
  Result.mapError(
    fromRecord(entity, record, version === undefined ? undefined : { version }),
    (reason) => new StoreError.ConstraintViolation({ entity, constraint: "valid record", detail: reason })
  )

/** Inserts a record at version 1 (or as is when the kind has no version). @since 0.1.0 */
export const insert = <E extends Entity>(
  o: Overlay,
  entity: E,
  record: Records[E]
): Result.Result<Stored<E>, StoreError.ConstraintViolation> => {
  const stored = copy(entity, record, tables[entity].versioned ? 1 : undefined)
  if (Result.isFailure(stored)) return Result.fail(stored.failure)
  if (o.get(entity, stored.success.key) !== undefined) {
    return Result.fail(Constraints.duplicateKey(entity, stored.success.key))
  }
  o.put(stored.success)
  return stored
}

/** Updates a versioned record at the stored version, storing version + 1. @since 0.1.0 */
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
  const stored = copy(entity, record, actual + 1)
  if (Result.isFailure(stored)) return Result.fail(stored.failure)
  o.put(stored.success)
  return stored
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

/** The first rule broken by any of the written records, checked after all of them are written. @since 0.1.0 */
export const checkAll = (
  o: Overlay,
  written: ReadonlyArray<Stored>
): StoreError.ConstraintViolation | undefined => {
  for (const stored of written) {
    const v = Constraints.check(o, stored)
    if (v !== undefined) return v
  }
  return undefined
}

/** Returns `value` unless a rule is broken. @since 0.1.0 */
export const checked = <A>(
  o: Overlay,
  written: ReadonlyArray<Stored>,
  value: A
): Result.Result<A, StoreError.ConstraintViolation> => {
  const v = checkAll(o, written)
  return v === undefined ? Result.succeed(value) : Result.fail(v)
}

/**
 * Inserts records (all or none: the caller's overlay is dropped on failure), then checks the
 * store's rules against all of them; returns them as stored.
 *
 * @since 0.1.0
 */
export const insertAll = <E extends Entity>(
  o: Overlay,
  entity: E,
  records: ReadonlyArray<Records[E]>
): Result.Result<ReadonlyArray<Records[E]>, StoreError.ConstraintViolation> => {
  const written: Array<Stored<E>> = []
  for (const record of records) {
    const stored = insert(o, entity, record)
    if (Result.isFailure(stored)) return Result.fail(stored.failure)
    written.push(stored.success)
  }
  return checked(
    o,
    written,
    written.map((s) => s.record)
  )
}

/** Inserts one record and checks the store's rules; returns it as stored. @since 0.1.0 */
export const insertOne = <E extends Entity>(
  o: Overlay,
  entity: E,
  record: Records[E]
): Result.Result<Records[E], StoreError.ConstraintViolation> => {
  const stored = insert(o, entity, record)
  if (Result.isFailure(stored)) return Result.fail(stored.failure)
  return checked(o, [stored.success], stored.success.record)
}

/** Updates one record (see {@link update}) and checks the store's rules; returns it as stored. @since 0.1.0 */
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
  return checked(o, [stored.success], stored.success.record)
}
