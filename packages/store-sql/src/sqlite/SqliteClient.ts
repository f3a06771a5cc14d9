/**
 * A small SQLite driver for Effect's SQL client, over `better-sqlite3`.
 *
 * There is no stable Effect 4 SQLite driver on npm yet (`@effect/sql-sqlite-node` 4.0.0-beta
 * imports modules that moved in effect 4.1.0), so this module builds one from Effect's own
 * building blocks: `SqlClient.make`, `SqlClient.makeSqliteAcquirers` (one connection shared
 * through a semaphore) and `Statement.makeCompilerSqlite`. It is kept in its own module with the
 * same shape as the official driver (a `make` and a `layer` that provide `SqlClient`), so the
 * official one can replace it when it ships (decision record 0002).
 *
 * Every connection is opened with foreign keys on, a busy timeout (a writer waits for another
 * process's write lock instead of failing at once), and, for files, the write-ahead log (readers
 * never block the writer and a crash never leaves a half-written page). Transactions begin with
 * `BEGIN IMMEDIATE`, so a transaction takes the write lock when it starts and never fails half-way
 * with a stale read snapshot (`SQLITE_BUSY_SNAPSHOT`).
 *
 * @since 0.1.0
 */
import Database from "better-sqlite3"
import { Effect, Layer, type Scope, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as Client from "effect/sql/SqlClient"
import type * as Connection from "effect/sql/SqlConnection"
import { ConnectionError, classifySqliteError, SqlError } from "effect/sql/SqlError"
import * as Statement from "effect/sql/Statement"

/**
 * How to open a database.
 *
 * @since 0.1.0
 */
export interface SqliteClientConfig {
  /** A file path, or `:memory:` for a private in-memory database. */
  readonly filename: string
  /** Open read-only (fails on any write). Default `false`. */
  readonly readonly?: boolean | undefined
  /** How long a statement waits for another connection's lock, in milliseconds. Default 5000. */
  readonly busyTimeoutMillis?: number | undefined
  /** Prepared statements kept per connection. Default 200. */
  readonly statementCacheSize?: number | undefined
}

/** @since 0.1.0 */
export const defaultBusyTimeoutMillis = 5000

/**
 * The driver's name, as `SqlClient.driver` reports it.
 *
 * @since 0.1.0
 */
export const driverName = "danvan-better-sqlite3"

const toSqlError = (cause: unknown, operation: string, message: string) =>
  new SqlError({ reason: classifySqliteError(cause, { message, operation }) })

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; SQLite has no booleans. */
const bindable = (value: unknown): unknown => {
  switch (typeof value) {
    case "boolean":
      return value ? 1 : 0
    case "undefined":
      return null
    default:
      if (value instanceof Date) return value.toISOString()
      if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value)
      return value
  }
}

const bindAll = (params: ReadonlyArray<unknown>): Array<unknown> => params.map(bindable)

/**
 * Opens a connection and builds an Effect `SqlClient` over it. The connection closes when the
 * scope closes.
 *
 * @since 0.1.0
 */
export const make = (
  config: SqliteClientConfig
): Effect.Effect<Client.SqlClient, SqlError, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const busyTimeout = config.busyTimeoutMillis ?? defaultBusyTimeoutMillis
    const db = yield* Effect.acquireRelease(
      Effect.try({
        try: () => {
          const db = new Database(config.filename, {
            readonly: config.readonly ?? false,
            timeout: busyTimeout
          })
          try {
            db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeout))}`)
            db.pragma("foreign_keys = ON")
            if (!db.memory && !db.readonly) db.pragma("journal_mode = WAL")
          } catch (cause) {
            db.close()
            throw cause
          }
          return db
        },
        catch: (cause) => {
          const message = `cannot open SQLite database ${config.filename}`
          const reason = classifySqliteError(cause, { message, operation: "connect" })
          // Errors better-sqlite3 raises itself (a missing directory) carry no SQLite code; a
          // file that is not a database (SQLITE_NOTADB) keeps its code, for the store to report.
          const coded = typeof cause === "object" && cause !== null && "code" in cause
          return new SqlError({
            reason:
              reason._tag === "UnknownError" && !coded
                ? new ConnectionError({ cause, message, operation: "connect" })
                : reason
          })
        }
      }),
      (db) => Effect.sync(() => db.close())
    )

    const cacheSize = Math.max(0, config.statementCacheSize ?? 200)
    const cache = new Map<string, Database.Statement>()
    const prepare = (sql: string, cached: boolean): Database.Statement => {
      if (!cached || cacheSize === 0) return db.prepare(sql)
      const hit = cache.get(sql)
      if (hit !== undefined) {
        // Move to the back: the map's first key is the least recently used.
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      const statement = db.prepare(sql)
      cache.set(sql, statement)
      if (cache.size > cacheSize) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      return statement
    }

    const run = (sql: string, params: ReadonlyArray<unknown>, cached: boolean) =>
      Effect.try({
        try: (): ReadonlyArray<object> => {
          const statement = prepare(sql, cached)
          const bound = bindAll(params)
          if (statement.reader) return statement.all(...bound) as ReadonlyArray<object>
          statement.run(...bound)
          return []
        },
        catch: (cause) => toSqlError(cause, "execute", "failed to execute statement")
      })

    const runRaw = (sql: string, params: ReadonlyArray<unknown>) =>
      Effect.try({
        try: (): unknown => {
          const statement = prepare(sql, true)
          const bound = bindAll(params)
          return statement.reader ? statement.all(...bound) : statement.run(...bound)
        },
        catch: (cause) => toSqlError(cause, "execute", "failed to execute statement")
      })

    const runValues = (sql: string, params: ReadonlyArray<unknown>, cached: boolean) =>
      Effect.try({
        try: (): ReadonlyArray<ReadonlyArray<unknown>> => {
          const statement = prepare(sql, cached)
          const bound = bindAll(params)
          if (!statement.reader) {
            statement.run(...bound)
            return []
          }
          statement.raw(true)
          try {
            return statement.all(...bound) as ReadonlyArray<ReadonlyArray<unknown>>
          } finally {
            statement.raw(false)
          }
        },
        catch: (cause) => toSqlError(cause, "execute", "failed to execute statement")
      })

    const transform = <A extends object>(
      rows: ReadonlyArray<A>,
      transformRows: (<B extends object>(rows: ReadonlyArray<B>) => ReadonlyArray<B>) | undefined
    ) => (transformRows === undefined ? rows : transformRows(rows))

    const connection: Connection.Connection = {
      execute: (sql, params, transformRows) =>
        Effect.map(run(sql, params, true), (rows) => transform(rows, transformRows)),
      executeRaw: (sql, params) => runRaw(sql, params),
      executeValues: (sql, params) => runValues(sql, params, true),
      executeValuesUnprepared: (sql, params) => runValues(sql, params, false),
      executeUnprepared: (sql, params, transformRows) =>
        Effect.map(run(sql, params, false), (rows) => transform(rows, transformRows)),
      // Rows are read eagerly: better-sqlite3 is synchronous, and an open iterator would keep
      // the shared connection busy between pulls.
      executeStream: (sql, params, transformRows) =>
        Stream.unwrap(
          Effect.map(run(sql, params, true), (rows) => Stream.fromIterable(transform(rows, transformRows)))
        )
    }

    const semaphore = yield* Semaphore.make(1)
    const acquirers = Client.makeSqliteAcquirers({
      connection: Effect.succeed(connection),
      semaphore,
      isTransaction: () => db.inTransaction
    })

    return yield* Client.make({
      acquirer: acquirers.acquirer,
      borrower: acquirers.borrower,
      transactionAcquirer: acquirers.transactionAcquirer,
      onCommitFailure: acquirers.onCommitFailure,
      isTransaction: acquirers.isTransaction,
      compiler: Statement.makeCompilerSqlite(),
      driver: driverName,
      beginTransaction: "BEGIN IMMEDIATE",
      releaseSavepoint: (name) => `RELEASE SAVEPOINT ${name}`,
      spanAttributes: [
        ["db.system.name", "sqlite"],
        ["db.namespace", config.filename]
      ]
    })
  })

/**
 * A layer providing `SqlClient` over one SQLite connection.
 *
 * @since 0.1.0
 */
export const layer = (config: SqliteClientConfig): Layer.Layer<Client.SqlClient, SqlError> =>
  Layer.effect(Client.SqlClient, make(config)).pipe(Layer.provide(Reactivity.layer))
