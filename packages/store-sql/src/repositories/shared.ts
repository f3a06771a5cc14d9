/**
 * Queries several repositories share: which ids exist, and what a stale or missing write means.
 *
 * @internal
 */
import { StoreError } from "@danvan/core"
import { Effect } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import { chunks, type Db, distinct } from "../internal/Db.ts"
import * as Dialect from "../internal/Dialect.ts"

/** The tables whose primary key is a single `id` column. */
export type IdTable =
  | "units"
  | "successions"
  | "directives"
  | "committees"
  | "models"
  | "coordinations"
  | "reports"
  | "model_fields"
  | "regimes"
  | "validation_rules"
  | "audit_entries"

/** The ids among `ids` that have a row in `table`. */
export const existingIds = (
  db: Db,
  table: IdTable,
  ids: ReadonlyArray<string>
): Effect.Effect<ReadonlySet<string>, SqlError> =>
  Effect.gen(function* () {
    const found = new Set<string>()
    for (const chunk of chunks(distinct(ids), 1)) {
      const rows = yield* db.sql<{
        id: string
      }>`SELECT id FROM ${db.sql(table)} WHERE ${db.sql.in("id", chunk)}`
      for (const row of rows) found.add(row.id)
    }
    return found
  })

/**
 * After an update matched no row: `NotFound` when the record does not exist, otherwise
 * `VersionConflict` with the version the store has.
 */
export const conflictOrNotFound = (
  db: Db,
  table: IdTable,
  entity: StoreError.Entity,
  id: string,
  expected: number
): Effect.Effect<never, StoreError.NotFound | StoreError.VersionConflict | SqlError> =>
  Effect.flatMap(
    db.sql<{ version: unknown }>`SELECT version FROM ${db.sql(table)} WHERE id = ${id}`,
    (rows): Effect.Effect<never, StoreError.NotFound | StoreError.VersionConflict> => {
      const row = rows[0]
      return row === undefined
        ? Effect.fail(new StoreError.NotFound({ entity, id }))
        : Effect.fail(
            new StoreError.VersionConflict({ entity, id, expected, actual: Dialect.toNumber(row.version) })
          )
    }
  )

/** The stored version of a record, 0 when it does not exist. */
export const storedVersion = (db: Db, table: IdTable, id: string): Effect.Effect<number, SqlError> =>
  Effect.map(db.sql<{ version: unknown }>`SELECT version FROM ${db.sql(table)} WHERE id = ${id}`, (rows) =>
    rows[0] === undefined ? 0 : Dialect.toNumber(rows[0].version)
  )
