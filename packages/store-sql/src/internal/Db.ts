/**
 * What every repository shares: the client, its dialect, the mapping of driver errors to the
 * port's typed errors, and paging (rows are decoded with the tables' codecs: `Rows.ts`).
 *
 * @internal
 */
import { type Page, StoreError, WritesEndTransaction } from "@danvan/core"
import type { Array as Arr } from "effect"
import { Cause, Context, Effect, Option } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"
import { isSqlError, type SqlError } from "effect/sql/SqlError"
import * as Cursor from "./Cursor.ts"
import type { Dialect } from "./Dialect.ts"

/** A store failure: the database cannot be used, or holds something unreadable. */
export type StoreFailure = StoreError.StoreFailure

const field = (cause: unknown, name: string): unknown =>
  typeof cause === "object" && cause !== null && name in cause
    ? (cause as Record<string, unknown>)[name]
    : undefined

/** The driver's own words about an error (`UNIQUE constraint failed: …`, `Key (id)=(x) already exists.`). */
export const driverMessage = (error: SqlError): string => {
  const cause = error.reason.cause
  const message = field(cause, "message")
  const detail = field(cause, "detail")
  const text = typeof message === "string" && message !== "" ? message : error.message
  return typeof detail === "string" && detail !== "" ? `${text} (${detail})` : text
}

const driverCode = (error: SqlError): string => {
  const code = field(error.reason.cause, "code")
  return typeof code === "string" ? code : typeof code === "number" ? String(code) : ""
}

/** Whether a driver error is a broken constraint (unique, foreign key, check, not null). */
export const isConstraint = (error: SqlError): boolean =>
  error.reason._tag === "UniqueViolation" || error.reason._tag === "ConstraintError"

/**
 * PostgreSQL refuses the NUL character (U+0000) in text (SQLSTATE 22021), which the domain's text
 * allows: such a write is refused with a typed error rather than failing as if the server broke.
 */
const isUnstorableText = (error: SqlError): boolean => driverCode(error) === "22021"

const unstorableText = (entity: StoreError.Entity): StoreError.ConstraintViolation =>
  new StoreError.ConstraintViolation({
    entity,
    constraint: "text the database can store",
    detail: "PostgreSQL cannot store the NUL character (U+0000) in text; remove it from the record's texts"
  })

/** Where a damaged SQLite file is, when the caller did not say which file. */
const wholeFile = "the database file"

/** PostgreSQL's SQLSTATEs whose cause the store names exactly (the rest go by Effect's reason). */
const sqlStates: { readonly [code: string]: readonly [StoreError.UnavailableReason, string] } = {
  "3D000": ["MissingDatabase", "create it with createdb, or fix the database name in the URL"],
  "3F000": ["SchemaMismatch", "the schema named in the configuration does not exist"],
  "28000": ["AuthenticationFailed", "check the user name and pg_hba.conf"],
  "28P01": ["AuthenticationFailed", "check the user name and password"],
  "42501": ["PermissionDenied", "grant the database user what the store needs"],
  "42P01": ["SchemaMismatch", "the database has no danvan tables (or lacks some): run StoreSql.migrate"],
  "08001": ["ConnectionRefused", "is the server running and reachable?"],
  "08004": ["ConnectionRefused", "the server rejected the connection"],
  "57P03": ["ConnectionRefused", "the server is starting up or shutting down"],
  "53300": ["ConnectionRefused", "the server has no free connection"],
  "57P01": ["ConnectionLost", "the server ended the connection (an administrator or a restart)"],
  "57P02": ["ConnectionLost", "the server crashed"],
  "08000": ["ConnectionLost", "the connection failed"],
  "08003": ["ConnectionLost", "the connection no longer exists"],
  "08006": ["ConnectionLost", "the connection failed"],
  "53100": ["DiskFull", "the database server's disk is full"],
  "25006": ["ReadOnly", "the server accepts only reads (a replica, or default_transaction_read_only)"],
  "40001": ["Conflict", "the transaction collided with a concurrent one and was rolled back: run it again"],
  "40P01": ["Conflict", "the transaction deadlocked with a concurrent one and was rolled back: run it again"],
  "55P03": ["Locked", "a row or table stayed locked by another transaction"],
  "57014": ["Timeout", "the statement ran longer than the server allows (statement_timeout)"]
}

/** The reasons of Effect's `SqlError` that say enough on their own. */
const reasonTags: { readonly [tag: string]: readonly [StoreError.UnavailableReason, string] } = {
  AuthenticationError: ["AuthenticationFailed", "the database refused the credentials"],
  AuthorizationError: ["PermissionDenied", "the database user lacks a permission the store needs"],
  LockTimeoutError: ["Locked", "the database stayed locked by another connection or process"],
  StatementTimeoutError: ["Timeout", "a statement ran longer than the database allows"],
  DeadlockError: [
    "Conflict",
    "the transaction collided with a concurrent one and was rolled back: run it again"
  ],
  SerializationError: [
    "Conflict",
    "the transaction collided with a concurrent one and was rolled back: run it again"
  ]
}

/** SQLite's result codes that say why the database cannot be used. */
const sqliteReason = (code: string): readonly [StoreError.UnavailableReason, string] | undefined =>
  code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")
    ? ["Locked", "another process is writing: retry later, or allow a longer busyTimeoutMillis"]
    : code.startsWith("SQLITE_READONLY")
      ? ["ReadOnly", "the database is open read-only, or its file or folder is not writable"]
      : code.startsWith("SQLITE_FULL")
        ? ["DiskFull", "the disk is full"]
        : code.startsWith("SQLITE_PERM") || code.startsWith("SQLITE_AUTH")
          ? ["PermissionDenied", "access to the database file was denied"]
          : code.startsWith("SQLITE_CANTOPEN")
            ? ["Unknown", "SQLite cannot open the file"]
            : undefined

/**
 * The port's failure for a driver error that is not a broken constraint, naming the cause in words:
 * a database that cannot be reached, opened or locked is `StoreUnavailable` with the reason that
 * says which; a damaged file is `StoreCorrupt`. `where` names the database (`PostgreSQL at
 * db.example:5432/danvan`, `SQLite file data/x.db`) when the caller knows it.
 */
export const toFailure = (error: SqlError, where?: string): StoreFailure => {
  const cause = driverMessage(error)
  const code = driverCode(error)
  const at = where === undefined ? "" : `${where}: `
  const unavailable = ([reason, hint]: readonly [StoreError.UnavailableReason, string]) =>
    new StoreError.StoreUnavailable({
      reason,
      detail: `${at}${cause}${cause.includes(hint) ? "" : ` (${hint})`}`,
      cause
    })
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") {
    return new StoreError.StoreCorrupt({ location: where ?? wholeFile, reason: cause })
  }
  const known = sqlStates[code] ?? sqliteReason(code)
  if (known !== undefined) return unavailable(known)
  const system = StoreError.reasonOfSystemError(error.reason.cause)
  if (system !== "Unknown") {
    return unavailable([
      system,
      system === "ConnectionRefused"
        ? "is the server running, and are the host and port right?"
        : system === "ConnectionLost"
          ? "the connection dropped; nothing of the operation was committed"
          : "a system error"
    ])
  }
  if (/no such table/i.test(cause)) return unavailable(sqlStates["42P01"]!)
  const tagged = reasonTags[error.reason._tag]
  if (tagged !== undefined) return unavailable(tagged)
  if (error.reason._tag === "ConnectionError") {
    return unavailable(
      error.reason.operation === "connect"
        ? ["ConnectionRefused", "cannot connect to or open the database"]
        : ["ConnectionLost", "the connection dropped; nothing of the operation was committed"]
    )
  }
  return unavailable(["Unknown", "the database failed a statement"])
}

/**
 * A store failure that names the database it is about: `where` (`PostgreSQL at host:5432/db`,
 * `SQLite file …`) leads its detail or location, unless the text already names it.
 */
export const naming =
  (where: string) =>
  (failure: StoreFailure): StoreFailure => {
    if (failure._tag === "StoreUnavailable") {
      return failure.detail.includes(where)
        ? failure
        : new StoreError.StoreUnavailable({ ...failure, detail: `${where}: ${failure.detail}` })
    }
    return failure.location.includes(where)
      ? failure
      : new StoreError.StoreCorrupt({ location: `${where}, ${failure.location}`, reason: failure.reason })
  }

/**
 * The SQL error inside a failure or a defect, if any. Effect's client turns a failed `ROLLBACK`
 * (and a failed cleanup after a failed `COMMIT`) into a defect, since the connection can no longer
 * be trusted; for the store it is still a database that cannot be used, not a bug.
 */
const sqlErrorIn = <E>(cause: Cause.Cause<E>): SqlError | undefined => {
  for (const reason of cause.reasons) {
    if (Cause.isDieReason(reason) && isSqlError(reason.defect)) return reason.defect
  }
  return undefined
}

/**
 * Runs `effect` in a transaction (a savepoint inside the caller's). A transaction whose rollback
 * or commit cleanup failed (a connection lost half-way: the server rolls back what it had) is a
 * typed `StoreUnavailable`, never a defect; interruption stays interruption.
 */
export const transaction = <A, E, R>(
  sql: SqlClient.SqlClient,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | SqlError | StoreFailure, R> =>
  Effect.catchCause(
    sql.withTransaction(effect),
    (cause): Effect.Effect<never, E | SqlError | StoreFailure> => {
      const died = Cause.hasInterrupts(cause) ? undefined : sqlErrorIn(cause)
      return died === undefined ? Effect.failCause(cause) : Effect.fail(toFailure(died))
    }
  )

/**
 * The violation for a rule the database enforced that the storage contract does not name (a
 * constraint added to the database by hand): `database constraint`, with the database's words.
 */
export const driverViolation = (
  entity: StoreError.Entity,
  error: SqlError
): StoreError.ConstraintViolation => {
  const constraint = field(error.reason.cause, "constraint")
  const named = typeof constraint === "string" && constraint !== "" ? constraint : driverCode(error)
  return new StoreError.ConstraintViolation({
    entity,
    constraint: "database constraint",
    detail: `${named === "" ? "" : `${named}: `}${driverMessage(error)}`
  })
}

/** The shared context of the repositories. */
export interface Db {
  readonly sql: SqlClient.SqlClient
  readonly dialect: Dialect
}

/** Runs a read, turning driver errors into store failures. */
export const read = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, Exclude<E, SqlError> | StoreFailure, R> =>
  Effect.mapError(
    effect,
    (error) => (isSqlError(error) ? toFailure(error) : error) as Exclude<E, SqlError> | StoreFailure
  )

/**
 * What a write run without its savepoint (`WritesEndTransaction`) dies with when its statement
 * fails: the unit of work ({@link unitOfWork}) rolls back and runs its body again with savepoints,
 * so the failure is diagnosed as always. A defect, so that no typed handler on the way out
 * mistakes it for the write's own failure.
 */
class RunWithSavepoints {
  readonly _tag = "RunWithSavepoints"
}

/** Set by {@link unitOfWork} while it runs its body the second time: every write takes a savepoint. */
const WithSavepoints = Context.Reference<boolean>("@danvan/store-sql/WithSavepoints", {
  defaultValue: () => false
})

/**
 * The store's `UnitOfWork.transaction`: {@link transaction}, run once more with a savepoint around
 * each write when a write that ran without one failed at the database (see {@link write}).
 */
export const unitOfWork = <A, E, R>(
  sql: SqlClient.SqlClient,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | SqlError | StoreFailure, R> =>
  Effect.catchCause(transaction(sql, effect), (cause) =>
    cause.reasons.some((reason) => Cause.isDieReason(reason) && reason.defect instanceof RunWithSavepoints)
      ? transaction(sql, Effect.provideService(effect, WithSavepoints, true))
      : Effect.failCause(cause)
  )

/**
 * Whether a write may run directly in the current transaction: the code around it lets any failed
 * write end the transaction (`WritesEndTransaction`), a transaction is open, and it is not the
 * second run of {@link unitOfWork}.
 */
const withoutSavepoint = (sql: SqlClient.SqlClient): Effect.Effect<boolean> =>
  Effect.gen(function* () {
    if (!(yield* WritesEndTransaction) || (yield* WithSavepoints)) return false
    return Option.isSome(yield* Effect.serviceOption(sql.transactionService))
  })

/**
 * Runs a write atomically (in its own transaction, or a savepoint inside the caller's), turning a
 * broken constraint into `ConstraintViolation`. `diagnose` (the repositories' one diagnosis over
 * the storage contract) runs after the rollback to name the rule and the record at fault; when it
 * finds nothing, the database's own words are used (`database constraint`). Inside a use case's
 * transaction (`WritesEndTransaction`) it runs without a savepoint: a failed statement there ends
 * the transaction, which {@link unitOfWork} runs again with savepoints (docs/decisions/0035).
 */
export const write = <A, E>(
  db: Db,
  entity: StoreError.Entity,
  body: Effect.Effect<A, E>,
  diagnose: Effect.Effect<StoreError.ConstraintViolation | undefined, SqlError>
): Effect.Effect<A, Exclude<E, SqlError> | StoreError.ConstraintViolation | StoreFailure> =>
  Effect.catch(
    Effect.flatMap(withoutSavepoint(db.sql), (direct) =>
      direct
        ? Effect.catchIf(
            body,
            (error) => isSqlError(error),
            () => Effect.die(new RunWithSavepoints())
          )
        : transaction(db.sql, body)
    ),
    (error): Effect.Effect<never, Exclude<E, SqlError> | StoreError.ConstraintViolation | StoreFailure> => {
      if (!isSqlError(error)) return Effect.fail(error as Exclude<E, SqlError> | StoreFailure)
      if (isUnstorableText(error)) return Effect.fail(unstorableText(entity))
      if (!isConstraint(error)) return Effect.fail(toFailure(error))
      return Effect.flatMap(
        Effect.orElseSucceed(diagnose, () => undefined),
        (found) => Effect.fail(found ?? driverViolation(entity, error))
      )
    }
  )

/** A `StoreCorrupt` for a row that cannot be read back. */
export const corrupt = (table: string, key: string, reason: string): StoreError.StoreCorrupt =>
  new StoreError.StoreCorrupt({ location: `table ${table}, key ${key}`, reason })

/** Splits rows so one statement binds at most about 30,000 parameters (under both engines' limits). */
export const chunks = <A>(
  rows: ReadonlyArray<A>,
  columns: number
): ReadonlyArray<Arr.NonEmptyReadonlyArray<A>> => {
  const size = Math.max(1, Math.floor(30_000 / Math.max(1, columns)))
  const out: Array<Arr.NonEmptyReadonlyArray<A>> = []
  for (let i = 0; i < rows.length; i += size)
    out.push(rows.slice(i, i + size) as unknown as Arr.NonEmptyReadonlyArray<A>)
  return out
}

/** A page from rows fetched with `limit + 1`: the extra row only says there is a next page. */
export const pageOf = <A>(
  rows: ReadonlyArray<A>,
  limit: number,
  sortKey: (last: A) => Cursor.SortKey
): Page.Page<A> => {
  if (rows.length <= limit) return { items: rows }
  const items = rows.slice(0, limit)
  return { items, next: Cursor.encode(sortKey(items[items.length - 1] as A)) }
}

/** Distinct values, in first-seen order. */
export const distinct = <A>(values: Iterable<A>): ReadonlyArray<A> => [...new Set(values)]
