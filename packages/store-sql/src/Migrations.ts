/**
 * Schema migrations: versioned, forward-only, recorded in the database, run with Effect's own
 * `Migrator`.
 *
 * Running them is safe twice (recorded migrations are skipped) and from several processes at once.
 * A database whose schema is current is only read: opening a store takes no lock. Otherwise the
 * whole run is one transaction that first takes a lock (a transaction-scoped advisory lock in
 * PostgreSQL, `BEGIN IMMEDIATE` in SQLite, which waits up to the busy timeout), so a second process
 * waits, then finds nothing left to do. A database whose recorded migrations are newer than this
 * code (written by a newer version of the adapter) is refused with `StoreCorrupt` before anything
 * is written, and the transaction is rolled back, so the database is left as it was.
 *
 * @since 0.1.0
 */
import { StoreError } from "@danvan/core"
import { Effect } from "effect"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import { driverMessage, toFailure } from "./internal/Db.ts"
import * as Dialect from "./internal/Dialect.ts"
import { all, latestId } from "./migrations/index.ts"

/**
 * The table recording applied migrations (its own name, so an app's own `Migrator` table in the
 * same database does not collide with it).
 *
 * @category constants
 * @since 0.1.0
 */
export const table = "danvan_store_migrations"

/** The newest schema version this code knows. @category constants @since 0.1.0 */
export const latest: number = latestId

/** A migration recorded in the database. @category models @since 0.1.0 */
export interface Migration {
  readonly id: number
  readonly name: string
}

const lockKey = `${table}:`

const tableExists = (sql: SqlClient.SqlClient, dialect: Dialect.Dialect): Effect.Effect<boolean, SqlError> =>
  dialect === "pg"
    ? Effect.map(
        sql<{ present: unknown }>`SELECT to_regclass(${table}) IS NOT NULL AS present`,
        (rows) => Dialect.toBoolean(rows[0]?.present) === true
      )
    : Effect.map(
        sql<{ n: unknown }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${table}`,
        (rows) => Dialect.toNumber(rows[0]?.n) > 0
      )

const newest = (
  sql: SqlClient.SqlClient,
  dialect: Dialect.Dialect
): Effect.Effect<Migration | undefined, SqlError> =>
  Effect.flatMap(tableExists(sql, dialect), (exists) =>
    exists
      ? Effect.map(
          sql<{
            migration_id: unknown
            name: unknown
          }>`SELECT migration_id, name FROM ${sql(table)} ORDER BY migration_id DESC LIMIT 1`,
          (rows) => {
            const row = rows[0]
            return row === undefined
              ? undefined
              : { id: Dialect.toNumber(row.migration_id), name: String(row.name) }
          }
        )
      : Effect.succeed(undefined)
  )

const newerThanCode = (found: Migration): StoreError.StoreCorrupt =>
  new StoreError.StoreCorrupt({
    location: `table ${table}`,
    reason: `the database schema is at migration ${found.id} (${JSON.stringify(found.name)}), newer than the ${latestId} this version of @danvan/store-sql knows: it was written by a newer version, so upgrade @danvan/store-sql to open it (nothing was changed)`
  })

/**
 * The newest migration recorded in the database, if any.
 *
 * @category migrations
 * @since 0.1.0
 */
export const current: Effect.Effect<Migration | undefined, StoreError.StoreFailure, SqlClient.SqlClient> =
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const dialect = yield* Dialect.of(sql)
    return yield* newest(sql, dialect)
  }).pipe(Effect.catchIf(isSqlError, (error) => Effect.fail(toFailure(error))))

/**
 * Brings the schema up to date and returns the migrations it applied (none when it already was).
 * Fails with `StoreCorrupt` on a database newer than the code, with `StoreUnavailable` when the
 * database cannot be reached or a migration fails; either way nothing is changed.
 *
 * @category migrations
 * @since 0.1.0
 */
export const migrate: Effect.Effect<
  ReadonlyArray<Migration>,
  StoreError.StoreFailure,
  SqlClient.SqlClient
> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const dialect = yield* Dialect.of(sql)
  // A database already current is only read: opening it takes no lock, so a store opens while
  // another process holds the write lock.
  const before = yield* newest(sql, dialect)
  if (before !== undefined && before.id > latestId) return yield* Effect.fail(newerThanCode(before))
  if (before?.id === latestId) return []
  const run = Effect.gen(function* () {
    if (dialect === "pg") {
      yield* sql`SELECT pg_advisory_xact_lock(hashtext(${lockKey} || COALESCE(current_schema(), ''))) AS locked`
    }
    const found = yield* newest(sql, dialect)
    if (found !== undefined && found.id > latestId) return yield* Effect.fail(newerThanCode(found))
    const applied = yield* Migrator.make({})({ loader: Migrator.fromRecord(all), table })
    return applied.map(([id, name]): Migration => ({ id, name }))
  })
  return yield* sql.withTransaction(run).pipe(
    Effect.provideService(SqlClient.BeginTransaction, dialect === "sqlite" ? "BEGIN IMMEDIATE" : undefined),
    Effect.catchTag("MigrationError", (error) =>
      Effect.fail(
        new StoreError.StoreUnavailable({
          reason: "Unknown",
          detail: `the schema migration did not complete (${error.kind}: ${error.message}); the database was left as it was`,
          ...(error.cause === undefined
            ? {}
            : { cause: isSqlError(error.cause) ? driverMessage(error.cause) : String(error.cause) })
        })
      )
    )
  )
}).pipe(Effect.catchIf(isSqlError, (error) => Effect.fail(toFailure(error))))

/**
 * Checks, without changing anything, that the database's schema is the one this code expects:
 * `StoreCorrupt` when it is newer, `StoreUnavailable` when migrations are pending.
 *
 * @category migrations
 * @since 0.1.0
 */
export const verify: Effect.Effect<void, StoreError.StoreFailure, SqlClient.SqlClient> = Effect.flatMap(
  current,
  (found): Effect.Effect<void, StoreError.StoreFailure> =>
    found !== undefined && found.id > latestId
      ? Effect.fail(newerThanCode(found))
      : found === undefined || found.id < latestId
        ? Effect.fail(
            new StoreError.StoreUnavailable({
              reason: "SchemaMismatch",
              detail: `the database schema is at migration ${found?.id ?? 0} but this version of @danvan/store-sql needs ${latestId}: run StoreSql.migrate, or open the store with migrations on`
            })
          )
        : Effect.void
)
