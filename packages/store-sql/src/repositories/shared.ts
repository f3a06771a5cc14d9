/**
 * Queries several repositories share: which ids exist, and what a stale or missing write means.
 *
 * @internal
 */
import { Contract, StoreError } from "@danvan/core"
import { Effect } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import { chunks, type Db, distinct, write } from "../internal/Db.ts"
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

/** The tables the write helpers below insert into. */
export type Table =
  | IdTable
  | "unit_parent"
  | "directive_replaces"
  | "committee_memberships"
  | "coordination_parties"
  | "report_figures"
  | "report_revisions"

/**
 * Inserts `rows` into `table` in statements that stay under the bound-parameter limit, `columns`
 * being the number of columns a row binds.
 */
export const insertRows = (
  db: Db,
  table: Table,
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: number
): Effect.Effect<void, SqlError> =>
  Effect.forEach(
    chunks(rows, columns),
    (chunk) => db.sql`INSERT INTO ${db.sql(table)} ${db.sql.insert(chunk)}`,
    {
      discard: true
    }
  )

/** Inserts a new record at version 1. */
export const insertVersioned = (
  db: Db,
  table: IdTable,
  id: string,
  columns: Record<string, unknown>
): Effect.Effect<void, SqlError> =>
  Effect.asVoid(db.sql`INSERT INTO ${db.sql(table)} ${db.sql.insert({ id, ...columns, version: 1 })}`)

/**
 * Updates a record only if the store still has `version` (optimistic concurrency) and returns the
 * new version; otherwise fails with `NotFound` or `VersionConflict` (`conflictOrNotFound`).
 */
export const updateVersioned = (
  db: Db,
  table: IdTable,
  entity: StoreError.Entity,
  id: string,
  version: number,
  columns: Record<string, unknown>
): Effect.Effect<number, StoreError.NotFound | StoreError.VersionConflict | SqlError> =>
  Effect.flatMap(
    db.sql<{
      version: unknown
    }>`UPDATE ${db.sql(table)} SET ${db.sql.update(columns)}, version = version + 1 WHERE id = ${id} AND version = ${version} RETURNING version`,
    (updated) =>
      updated.length === 0
        ? conflictOrNotFound(db, table, entity, id, version)
        : Effect.succeed(Dialect.toNumber(updated[0]?.version))
  )

/** Replaces the child rows of `parentId` in `table` (keyed by `parentColumn`) with `rows`. */
export const replaceRows = (
  db: Db,
  table: Table,
  parentColumn: string,
  parentId: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: number
): Effect.Effect<void, SqlError> =>
  Effect.andThen(
    db.sql`DELETE FROM ${db.sql(table)} WHERE ${db.sql(parentColumn)} = ${parentId}`,
    insertRows(db, table, rows, columns)
  )

/** Rows of a child table that belong to one record and are replaced whole when it is updated. */
export interface Children {
  readonly table: Table
  /** The column that names the owning record. */
  readonly parentColumn: string
  readonly rows: ReadonlyArray<Record<string, unknown>>
  /** The number of columns a row binds (see `insertRows`). */
  readonly columns: number
}

/** Inserts a new record at version 1 together with its child rows. */
export const insertWithChildren = (
  db: Db,
  table: IdTable,
  id: string,
  columns: Record<string, unknown>,
  children: Children
): Effect.Effect<void, SqlError> =>
  Effect.andThen(
    insertVersioned(db, table, id, columns),
    insertRows(db, children.table, children.rows, children.columns)
  )

/**
 * `updateVersioned`, then replaces the record's child rows; returns the new version. The children are
 * untouched when the version check fails.
 */
export const updateWithChildren = (
  db: Db,
  table: IdTable,
  entity: StoreError.Entity,
  id: string,
  version: number,
  columns: Record<string, unknown>,
  children: Children
): Effect.Effect<number, StoreError.NotFound | StoreError.VersionConflict | SqlError> =>
  Effect.tap(updateVersioned(db, table, entity, id, version, columns), () =>
    replaceRows(db, children.table, children.parentColumn, id, children.rows, children.columns)
  )

/** The table of each kind whose records have an `id` key. */
const tableOf: { readonly [E in Exclude<StoreError.Entity, "reportRevision">]: IdTable } = {
  unit: "units",
  succession: "successions",
  directive: "directives",
  committee: "committees",
  model: "models",
  coordination: "coordinations",
  report: "reports",
  modelField: "model_fields",
  regime: "regimes",
  validationRule: "validation_rules",
  audit: "audit_entries"
}

/** The keys among `keys` (`Contract.keyOf`) that a record of the kind has in the database. */
const storedKeys = (
  db: Db,
  entity: StoreError.Entity,
  keys: ReadonlyArray<string>
): Effect.Effect<ReadonlySet<string>, SqlError> => {
  if (entity !== "reportRevision") return existingIds(db, tableOf[entity], keys)
  const wanted = new Set(keys)
  const reports = distinct(keys.map((k) => k.slice(0, k.lastIndexOf("#"))))
  return Effect.gen(function* () {
    const found = new Set<string>()
    for (const chunk of chunks(reports, 1)) {
      const rows = yield* db.sql<{
        report_id: string
        revision: unknown
      }>`SELECT report_id, revision FROM report_revisions WHERE ${db.sql.in("report_id", chunk)}`
      for (const row of rows) {
        const key = Contract.revisionKey(row.report_id, Dialect.toNumber(row.revision))
        if (wanted.has(key)) found.add(key)
      }
    }
    return found
  })
}

/** The ids of the rows holding a unique value of the contract (`Contract.uniqueKeys`). */
const holdersOf = (db: Db, unique: Contract.UniqueKey): Effect.Effect<ReadonlyArray<string>, SqlError> => {
  const { sql } = db
  const rows =
    unique._tag === "DocumentNumber"
      ? sql<{ id: string }>`SELECT id FROM directives WHERE numbering_key = ${unique.value}`
      : sql<{
          id: string
        }>`SELECT id FROM reports WHERE unit_id = ${unique.unitId} AND period_id = ${unique.periodId} AND programme = ${unique.programme}`
  return Effect.map(rows, (found) => found.map((r) => r.id))
}

/**
 * Why the database refused a write, in the contract's terms: the one diagnosis of every
 * repository. After the rollback it reads what `Contract.check` needs about the records written
 * (which of their keys and of the records they refer to exist, which rows hold their unique
 * values) and lets the contract name the first rule broken, so the store refuses a write with the
 * constraint and words every adapter uses. `undefined` when the contract finds nothing (the
 * database enforced a rule of its own).
 */
export const diagnose = (
  db: Db,
  writes: ReadonlyArray<Contract.Write>
): Effect.Effect<StoreError.ConstraintViolation | undefined, SqlError> =>
  Effect.gen(function* () {
    const wanted = new Map<StoreError.Entity, Set<string>>()
    const want = (entity: StoreError.Entity, key: string) => {
      const keys = wanted.get(entity) ?? new Set<string>()
      keys.add(key)
      wanted.set(entity, keys)
    }
    const uniques: Array<Contract.UniqueKey> = []
    for (const w of writes) {
      for (const record of w.records) {
        if (w.insert) want(w.entity, Contract.keyOf(w.entity, record))
        for (const r of Contract.references(w.entity, record)) want(r.entity, r.id)
        uniques.push(...Contract.uniqueKeys(w.entity, record))
      }
    }
    const present = new Map<StoreError.Entity, ReadonlySet<string>>()
    for (const [entity, keys] of wanted) present.set(entity, yield* storedKeys(db, entity, [...keys]))
    const holders = new Map<string, ReadonlyArray<string>>()
    for (const unique of uniques) {
      const slot = `${unique._tag} ${unique.value}`
      if (!holders.has(slot)) holders.set(slot, yield* holdersOf(db, unique))
    }
    return Contract.check(
      {
        has: (entity, key) => present.get(entity)?.has(key) ?? false,
        holders: (unique) => holders.get(`${unique._tag} ${unique.value}`) ?? []
      },
      writes
    )
  })

/**
 * `insert` and `update` of a record kept as one versioned row of `table` plus its child rows, each
 * in one transaction (`write`): the record is encoded into its row with the table's codec first,
 * and handed back decoded from that row at its new version.
 */
export const versionedWrites = <
  A extends { readonly id: string; readonly version: number },
  Row extends { readonly version: unknown }
>(
  db: Db,
  spec: {
    readonly table: IdTable
    readonly entity: StoreError.Entity
    readonly encode: (value: A) => Effect.Effect<Row, StoreError.ConstraintViolation>
    readonly decode: (row: Row) => Effect.Effect<A, StoreError.StoreCorrupt>
    /** The row's columns in `table`, besides `id` and `version`. */
    readonly columns: (value: A, row: Row) => Record<string, unknown>
    readonly children: (value: A, row: Row) => Children
  }
) => ({
  insert: (value: A) =>
    Effect.flatMap(spec.encode(value), (row) =>
      write(
        db,
        spec.entity,
        Effect.andThen(
          insertWithChildren(db, spec.table, value.id, spec.columns(value, row), spec.children(value, row)),
          spec.decode({ ...row, version: 1 })
        ),
        diagnose(db, [Contract.write(spec.entity, [value as never], true)])
      )
    ),
  update: (value: A) =>
    Effect.flatMap(spec.encode(value), (row) =>
      write(
        db,
        spec.entity,
        Effect.flatMap(
          updateWithChildren(
            db,
            spec.table,
            spec.entity,
            value.id,
            value.version,
            spec.columns(value, row),
            spec.children(value, row)
          ),
          (version) => spec.decode({ ...row, version })
        ),
        diagnose(db, [Contract.write(spec.entity, [value as never], false)])
      )
    )
})

/** The record a query by id found, or `NotFound` when it found none. */
export const foundOrNotFound =
  <A>(entity: StoreError.Entity, id: string) =>
  (found: ReadonlyArray<A>): Effect.Effect<A, StoreError.NotFound> =>
    found[0] === undefined ? Effect.fail(new StoreError.NotFound({ entity, id })) : Effect.succeed(found[0])
