/**
 * A small SQLite driver for Effect's SQL client, over Node's built-in `node:sqlite`: no native
 * module to install or build (decision record 0008).
 *
 * There is no stable Effect 4 SQLite driver on npm yet, so this module builds one from Effect's own
 * building blocks: `SqlClient.make`, `SqlClient.makeSqliteAcquirers` (one connection shared
 * through a semaphore) and `Statement.makeCompilerSqlite`. It has the shape of the official drivers
 * (a `make` and a `layer` that provide `SqlClient`), so an official one can replace it.
 *
 * Every connection is opened with foreign keys on, `synchronous = FULL` (a commit is on disk before
 * it returns, so it survives a power cut), a 16 MB page cache, and, for files, the write-ahead log (readers never block
 * the writer and a crash never leaves a half-written page). Transactions begin with
 * `BEGIN IMMEDIATE`, so a transaction takes the write lock when it starts and never fails half-way
 * with a stale read snapshot (`SQLITE_BUSY_SNAPSHOT`).
 *
 * **Waiting for a lock without blocking.** `node:sqlite` is synchronous: SQLite's own busy handler
 * would hold the event loop for as long as another process keeps the write lock. So SQLite's busy
 * timeout is 0, and a statement that finds the database locked (`SQLITE_BUSY`) is retried
 * asynchronously, with exponential backoff (1 ms doubling to 50 ms, jittered), until
 * `busyTimeoutMillis` have passed; only then does it fail (`LockTimeoutError`). Timers, requests
 * and other fibers run in between. A statement is retried only where SQLite says that is safe:
 * outside an explicit transaction, or `BEGIN` and `COMMIT` themselves.
 *
 * @since 0.1.0
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite"
import { Duration, Effect, Layer, Schedule, type Scope, Semaphore, Stream } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as Client from "effect/sql/SqlClient"
import type * as Connection from "effect/sql/SqlConnection"
import { ConnectionError, classifySqliteError, LockTimeoutError, SqlError } from "effect/sql/SqlError"
import * as Statement from "effect/sql/Statement"

/**
 * How to open a database.
 *
 * @category models
 * @since 0.1.0
 */
export interface SqliteClientConfig {
  /** A file path, or `:memory:` for a private in-memory database. */
  readonly filename: string
  /** Open read-only (fails on any write). Default `false`. */
  readonly readonly?: boolean | undefined
  /**
   * How long a statement waits, in all, for another connection's or process's lock before it fails
   * with `LockTimeoutError`, in milliseconds. The wait is asynchronous: the event loop stays free.
   * Default 5000.
   */
  readonly busyTimeoutMillis?: number | undefined
  /** Prepared statements kept per connection. Default 200. */
  readonly statementCacheSize?: number | undefined
}

/** @category constants @since 0.1.0 */
export const defaultBusyTimeoutMillis = 5000

/**
 * The driver's name, as `SqlClient.driver` reports it.
 *
 * @category constants
 * @since 0.1.0
 */
export const driverName = "danvan-node-sqlite"

/**
 * SQLite's result codes by number (the primary code is the low byte of an extended one), so that an
 * error carries the name SQLite documents (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`) whichever
 * driver raised it.
 */
const primaryCodes = [
  "SQLITE_OK",
  "SQLITE_ERROR",
  "SQLITE_INTERNAL",
  "SQLITE_PERM",
  "SQLITE_ABORT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_NOMEM",
  "SQLITE_READONLY",
  "SQLITE_INTERRUPT",
  "SQLITE_IOERR",
  "SQLITE_CORRUPT",
  "SQLITE_NOTFOUND",
  "SQLITE_FULL",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
  "SQLITE_EMPTY",
  "SQLITE_SCHEMA",
  "SQLITE_TOOBIG",
  "SQLITE_CONSTRAINT",
  "SQLITE_MISMATCH",
  "SQLITE_MISUSE",
  "SQLITE_NOLFS",
  "SQLITE_AUTH",
  "SQLITE_FORMAT",
  "SQLITE_RANGE",
  "SQLITE_NOTADB"
] as const

const extendedCodes: { readonly [errno: number]: string } = {
  275: "SQLITE_CONSTRAINT_CHECK",
  787: "SQLITE_CONSTRAINT_FOREIGNKEY",
  1299: "SQLITE_CONSTRAINT_NOTNULL",
  1555: "SQLITE_CONSTRAINT_PRIMARYKEY",
  2067: "SQLITE_CONSTRAINT_UNIQUE",
  3091: "SQLITE_CONSTRAINT_DATATYPE",
  517: "SQLITE_BUSY_SNAPSHOT"
}

/**
 * An error SQLite reported, with its documented code name (`code`, e.g. `SQLITE_BUSY`) and number
 * (`errno`, the extended result code); the error `node:sqlite` threw is its `cause`.
 *
 * @category errors
 * @since 0.1.0
 */
export class SqliteError extends Error {
  readonly code: string
  readonly errno: number
  constructor(message: string, errno: number, cause: unknown) {
    super(message, { cause })
    this.name = "SqliteError"
    this.errno = errno
    this.code = extendedCodes[errno] ?? primaryCodes[errno & 0xff] ?? `SQLITE_${errno}`
  }
}

/** `node:sqlite` puts SQLite's extended result code in `errcode`; other errors have none. */
const fromDriver = (cause: unknown): unknown =>
  typeof cause === "object" &&
  cause !== null &&
  "errcode" in cause &&
  typeof cause.errcode === "number" &&
  cause instanceof Error
    ? new SqliteError(cause.message, cause.errcode, cause)
    : cause

const toSqlError = (cause: unknown, operation: string, message: string): SqlError =>
  new SqlError({ reason: classifySqliteError(fromDriver(cause), { message, operation }) })

/** SQLite has no boolean, date or undefined: they bind as 1/0, ISO text and NULL. */
const bindable = (value: unknown): SQLInputValue => {
  switch (typeof value) {
    case "boolean":
      return value ? 1 : 0
    case "undefined":
      return null
    default:
      if (value instanceof Date) return value.toISOString()
      return value as SQLInputValue
  }
}

const bindAll = (params: ReadonlyArray<unknown>): Array<SQLInputValue> => params.map(bindable)

/**
 * Integers are read as `bigint` (SQLite's are 64-bit, JavaScript numbers are exact to 2^53) and
 * given back as numbers where exact; a larger one stays a `bigint`, as PostgreSQL gives it, for
 * the reader to convert.
 */
const maxExact = BigInt(Number.MAX_SAFE_INTEGER)
const minExact = BigInt(Number.MIN_SAFE_INTEGER)
const exact = (value: unknown): unknown =>
  typeof value === "bigint" && value <= maxExact && value >= minExact ? Number(value) : value

const exactValues = (row: Array<unknown>): Array<unknown> => {
  for (let i = 0; i < row.length; i++) if (typeof row[i] === "bigint") row[i] = exact(row[i])
  return row
}

/**
 * The prototype of every row read: empty, with no `Object.prototype` above it, so a row has only
 * its columns (a column named `constructor` or `__proto__` is an ordinary own key), as the
 * driver's own rows have.
 */
const rowPrototype: object = Object.freeze(Object.create(null))

/**
 * A result set's rows as objects keyed by column name (a later column of the same name wins, as in
 * the driver's own rows). The statement returns arrays and the objects are built here, one key at a
 * time in column order, so every row of a statement shares one shape: the driver's own row
 * objects are hash tables, which made each later pass over a row's columns (grouping a record's
 * child rows, comparing a row with the one remembered, `DecodedRows`) several times slower
 * (docs/decisions/0044).
 */
const rowObjects = (
  names: ReadonlyArray<string>,
  rows: Array<Array<unknown>>
): Array<Record<string, unknown>> => {
  const out: Array<Record<string, unknown>> = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i] as Array<unknown>
    const row = Object.create(rowPrototype) as Record<string, unknown>
    for (let j = 0; j < names.length; j++) {
      const value = values[j]
      row[names[j] as string] = typeof value === "bigint" ? exact(value) : value
    }
    out[i] = row
  }
  return out
}

/**
 * A prepared statement, set to return arrays, and the names of the columns it returns (none for a
 * statement that returns no rows; a `SELECT`, a `RETURNING` and most `PRAGMA`s return some).
 */
interface Prepared {
  readonly statement: StatementSync
  readonly reader: boolean
  names: ReadonlyArray<string>
}

/**
 * The statement's rows as objects ({@link rowObjects}). SQLite prepares a statement again by
 * itself when the schema changes, so a `SELECT *` may come back wider or narrower than when it was
 * first prepared: the names are read again then.
 */
const readRows = (prepared: Prepared, params: Array<SQLInputValue>): Array<Record<string, unknown>> => {
  const rows = prepared.statement.all(...params) as unknown as Array<Array<unknown>>
  if (rows.length > 0 && (rows[0] as Array<unknown>).length !== prepared.names.length)
    prepared.names = prepared.statement.columns().map((column) => column.name)
  return rowObjects(prepared.names, rows)
}

const isBusy = (error: SqlError): boolean => error.reason._tag === "LockTimeoutError"

/** Statements SQLite allows to run again after `SQLITE_BUSY` inside a transaction. */
const transactionControl = /^\s*(BEGIN|COMMIT|END)\b/i

/**
 * Transaction control `effect/sql` runs unprepared: a few fixed texts (savepoints are named by
 * depth), run twice or more by every transaction, so they are kept prepared like any statement
 * rather than prepared again each time.
 */
const fixedControl = /^\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i

/**
 * The waits between attempts on a locked database: 1 ms doubling to 50 ms, jittered (so two waiting
 * processes do not retry in step), for `busyTimeoutMillis` in all.
 */
const busySchedule = (busyTimeoutMillis: number) =>
  Schedule.exponential("1 millis", 2).pipe(
    Schedule.modifyDelay((step) => Effect.succeed(Duration.min(step.duration, Duration.millis(50)))),
    Schedule.jittered,
    Schedule.upTo({ duration: Duration.millis(busyTimeoutMillis) })
  )

/**
 * Opens a connection and builds an Effect `SqlClient` over it. The connection closes when the
 * scope closes.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (
  config: SqliteClientConfig
): Effect.Effect<Client.SqlClient, SqlError, Scope.Scope | Reactivity.Reactivity> =>
  Effect.gen(function* () {
    const busyTimeout = Math.max(0, Math.floor(config.busyTimeoutMillis ?? defaultBusyTimeoutMillis))
    const readonly = config.readonly ?? false
    const memory = config.filename === ":memory:" || config.filename === ""
    const db = yield* Effect.acquireRelease(
      Effect.try({
        try: () => new DatabaseSync(config.filename, { readOnly: readonly, timeout: 0 }),
        // Opening fails only when the file cannot be opened at all (a missing folder, a
        // permission); a file that is not a database fails at the first statement below.
        catch: (cause) =>
          new SqlError({
            reason: new ConnectionError({
              cause: fromDriver(cause),
              message: `cannot open the SQLite database ${config.filename}`,
              operation: "connect"
            })
          })
      }),
      (db) => Effect.sync(() => db.close())
    )

    const schedule = busySchedule(busyTimeout)
    const failed = (cause: unknown, operation: string) =>
      toSqlError(cause, operation, `SQLite ${config.filename}: ${operation} failed`)
    const locked = (operation: string) => (error: SqlError) => {
      if (!isBusy(error)) return error
      const message = `the database ${config.filename} stayed locked by another connection or process for ${busyTimeout} ms`
      const code = error.reason.cause instanceof SqliteError ? error.reason.cause.errno : 5
      return new SqlError({
        reason: new LockTimeoutError({
          cause: new SqliteError(message, code, error.reason.cause),
          message,
          operation
        })
      })
    }

    /**
     * Runs one step on the connection; a locked database is waited for asynchronously. The step
     * runs at once, and only one refused because the database is locked enters the retry: nearly
     * every statement meets no lock, and wrapping each in a retry cost about a twentieth of a
     * submission (docs/benchmarks.md, "One submission on SQLite (2026-12-03, third pass)").
     */
    const attempt = <A>(sql: string, operation: string, step: () => A): Effect.Effect<A, SqlError> =>
      Effect.suspend(() => {
        let first: SqlError
        try {
          return Effect.succeed(step())
        } catch (cause) {
          first = failed(cause, operation)
        }
        const retryable = (error: SqlError) =>
          isBusy(error) && (!db.isTransaction || transactionControl.test(sql))
        if (!retryable(first)) return Effect.fail(locked(operation)(first))
        // The refused attempt counts as the first: the schedule's first wait comes before the next.
        let refused = true
        return Effect.suspend(() => {
          if (refused) {
            refused = false
            return Effect.fail(first)
          }
          return Effect.try({ try: step, catch: (cause) => failed(cause, operation) })
        }).pipe(Effect.retry({ while: retryable, schedule }), Effect.mapError(locked(operation)))
      })

    const setup = [
      "PRAGMA busy_timeout = 0",
      "PRAGMA foreign_keys = ON",
      "PRAGMA synchronous = FULL",
      // 16 MB of page cache (SQLite's default is 2 MB): reads of a province's units and figures
      // stay in memory (decision record 0008 measures the difference).
      "PRAGMA cache_size = -16000",
      ...(memory || readonly ? [] : ["PRAGMA journal_mode = WAL"])
    ]
    for (const pragma of setup) yield* attempt(pragma, "connect", () => db.exec(pragma))

    const cacheSize = Math.max(0, config.statementCacheSize ?? 200)
    const cache = new Map<string, Prepared>()
    const prepareNew = (sql: string): Prepared => {
      const statement = db.prepare(sql)
      statement.setReadBigInts(true)
      statement.setReturnArrays(true)
      const names = statement.columns().map((column) => column.name)
      return { statement, reader: names.length > 0, names }
    }
    const prepare = (sql: string, cached: boolean): Prepared => {
      if ((!cached && !fixedControl.test(sql)) || cacheSize === 0) return prepareNew(sql)
      const hit = cache.get(sql)
      if (hit !== undefined) {
        // Move to the back: the map's first key is the least recently used.
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      const prepared = prepareNew(sql)
      cache.set(sql, prepared)
      if (cache.size > cacheSize) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      return prepared
    }

    const run = (sql: string, params: ReadonlyArray<unknown>, cached: boolean) =>
      attempt(sql, "execute", (): ReadonlyArray<object> => {
        const prepared = prepare(sql, cached)
        const bound = bindAll(params)
        if (prepared.reader) return readRows(prepared, bound)
        prepared.statement.run(...bound)
        return []
      })

    const runRaw = (sql: string, params: ReadonlyArray<unknown>) =>
      attempt(sql, "execute", (): unknown => {
        const prepared = prepare(sql, true)
        const bound = bindAll(params)
        return prepared.reader ? readRows(prepared, bound) : prepared.statement.run(...bound)
      })

    const runValues = (sql: string, params: ReadonlyArray<unknown>, cached: boolean) =>
      attempt(sql, "execute", (): ReadonlyArray<ReadonlyArray<unknown>> => {
        const { statement, reader } = prepare(sql, cached)
        const bound = bindAll(params)
        if (!reader) {
          statement.run(...bound)
          return []
        }
        return (statement.all(...bound) as unknown as Array<Array<unknown>>).map(exactValues)
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
      // Rows are read eagerly: the driver is synchronous, and an open iterator would keep the
      // shared connection busy between pulls.
      executeStream: (sql, params, transformRows) =>
        Stream.unwrap(
          Effect.map(run(sql, params, true), (rows) => Stream.fromIterable(transform(rows, transformRows)))
        )
    }

    const semaphore = yield* Semaphore.make(1)
    const acquirers = Client.makeSqliteAcquirers({
      connection: Effect.succeed(connection),
      semaphore,
      isTransaction: () => db.isTransaction
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
 * @category layers
 * @since 0.1.0
 */
export const layer = (config: SqliteClientConfig): Layer.Layer<Client.SqlClient, SqlError> =>
  Layer.effect(Client.SqlClient, make(config)).pipe(Layer.provide(Reactivity.layer))
