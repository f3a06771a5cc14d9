/**
 * The store a command works on, named by `--store` in `DANVAN_STORE`'s grammar (`StoreConfig`):
 * `sqlite:<file>`, `postgres://…` (with `--schema` for a schema of its own) or `json:<directory>`.
 * Before opening it, a command looks at what is there ({@link inspect}), so that `danvan init`
 * never writes into a file, a database or a folder that is not a danvan store, and the other
 * commands never create a store by accident.
 *
 * @since 0.1.0
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, resolve } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { type Store, StoreConfig, StoreError } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { Migrations } from "@danvan/store-sql"
import { StorePg } from "@danvan/store-sql/pg"
import { SqliteClient, StoreSqlite } from "@danvan/store-sql/sqlite"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Effect, Layer, Option, Result } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

/**
 * A store location the command line opens (every one but `memory`, which would be gone when the
 * command ends), with the PostgreSQL schema when one is named.
 *
 * @category models
 * @since 0.1.0
 */
export type Location =
  | StoreConfig.Sqlite
  | StoreConfig.Json
  | (StoreConfig.Postgres & { readonly schema: string | undefined })

/**
 * Reads `--store` (and `--schema`); the failure says what is accepted.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (text: string, schema: Option.Option<string>): Result.Result<Location, string> => {
  const parsed = StoreConfig.parse(text)
  if (Result.isFailure(parsed)) return Result.fail(`--store: ${parsed.failure}`)
  const location = parsed.success
  if (Option.isSome(schema) && location._tag !== "Postgres")
    return Result.fail("--schema names a PostgreSQL schema: it goes with --store postgres://…")
  switch (location._tag) {
    case "Memory":
      return Result.fail(
        "--store memory would be gone when the command ends: name a store that lasts (sqlite:<file>, postgres://… or json:<directory>)"
      )
    case "Sqlite":
      if (location.filename === ":memory:")
        return Result.fail("--store sqlite::memory: would be gone when the command ends: name a file")
      return Result.succeed(location)
    case "Json":
      return Result.succeed(location)
    case "Postgres":
      return Result.succeed(Object.assign(location, { schema: Option.getOrUndefined(schema) }))
  }
}

/**
 * The location for messages, without a password.
 *
 * @category formatting
 * @since 0.1.0
 */
export const describe = (location: Location): string =>
  location._tag === "Postgres"
    ? `${StoreConfig.describe(location)}${location.schema === undefined ? "" : ` (schema ${location.schema})`}`
    : location._tag === "Sqlite"
      ? `SQLite file ${resolve(location.filename)}`
      : `JSON store ${resolve(location.directory)}`

/**
 * What is at a location: nothing (or a new, empty database or folder), a danvan store, or
 * something else, said in words.
 *
 * @category models
 * @since 0.1.0
 */
export type Found =
  | { readonly _tag: "Nothing" }
  | { readonly _tag: "Store" }
  | { readonly _tag: "Other"; readonly what: string }

const nothing: Found = { _tag: "Nothing" }
const store: Found = { _tag: "Store" }
const other = (what: string): Found => ({ _tag: "Other", what })

const listed = (names: ReadonlyArray<string>): string =>
  names.length <= 5 ? names.join(", ") : `${names.slice(0, 5).join(", ")} and ${names.length - 5} more`

const sqliteHeader = "SQLite format 3\0"

const inspectSqlite = (filename: string): Found => {
  if (!existsSync(filename)) return nothing
  const stat = statSync(filename)
  if (stat.isDirectory()) return other("a folder, not a database file")
  if (stat.size === 0) return nothing
  const head = readFileSync(filename).subarray(0, sqliteHeader.length).toString("latin1")
  if (head !== sqliteHeader) return other("a file that is not a SQLite database")
  const db = new DatabaseSync(filename, { readOnly: true })
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
        name: string
      }>
    ).map((row) => row.name)
    if (tables.includes(Migrations.table)) return store
    return tables.length === 0
      ? nothing
      : other(`a SQLite database of something else (tables ${listed(tables)})`)
  } finally {
    db.close()
  }
}

/** The files a JSON store's directory holds (`Format.files` of `@danvan/store-json`). */
const jsonStoreFiles = ["snapshot.jsonl", "journal.jsonl", "store.json"]
/** Files a JSON store leaves beside them. */
const jsonSideFiles = new Set(["writer.lock", "store.json.v0", "snapshot.jsonl.tmp", "journal.jsonl.tmp"])

const inspectJson = (directory: string): Found => {
  if (!existsSync(directory)) return nothing
  if (!statSync(directory).isDirectory()) return other("a file, not a directory")
  const names = readdirSync(directory)
  if (names.some((name) => jsonStoreFiles.includes(name))) return store
  const foreign = names.filter((name) => !jsonSideFiles.has(name))
  return foreign.length === 0 ? nothing : other(`a directory holding other files (${listed(foreign)})`)
}

const pgConfig = (location: Extract<Location, { _tag: "Postgres" }>) => ({
  url: location.url,
  ...(location.schema === undefined ? {} : { schema: location.schema }),
  connectTimeout: "10 seconds" as const
})

const isStoreFailure = (error: unknown): error is StoreError.StoreFailure =>
  error instanceof StoreError.StoreUnavailable || error instanceof StoreError.StoreCorrupt

/** The distinct messages along a chain of causes (a driver's error under the SQL client's). */
const causeText = (cause: unknown): string => {
  const messages: Array<string> = []
  let current: unknown = cause
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const text = current instanceof Error ? current.message : String(current)
    if (text !== "" && !messages.includes(text)) messages.push(text)
    current = typeof current === "object" && "cause" in current ? current.cause : undefined
  }
  return messages.join(": ")
}

/** The kind of failure a driver's words name; `Unknown` for any other. */
const reasonOf = (why: string | undefined): StoreError.UnavailableReason =>
  why === undefined
    ? "Unknown"
    : /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH/u.test(why)
      ? "ConnectionRefused"
      : /ETIMEDOUT|timeout/iu.test(why)
        ? "Timeout"
        : /authentication failed/iu.test(why)
          ? "AuthenticationFailed"
          : /database "[^"]*" does not exist/u.test(why)
            ? "MissingDatabase"
            : /EACCES|EPERM|permission denied/iu.test(why)
              ? "PermissionDenied"
              : "Unknown"

/** The store cannot be reached or read; the cause (a driver's or the file system's words) is kept in the message. */
const unavailable = (detail: string, cause?: unknown) => {
  const why = cause === undefined ? undefined : causeText(cause)
  return new StoreError.StoreUnavailable({
    reason: reasonOf(why),
    detail: why === undefined ? detail : `${detail} (${why.replace(/\/\/([^:@/]*):[^@/]*@/gu, "//$1:***@")})`,
    ...(why === undefined ? {} : { cause: why })
  })
}

/** The ambient SQL client of a location (no store, no migration): for reading its schema version. */
const sqlClient = (
  location: Exclude<Location, StoreConfig.Json>
): Layer.Layer<SqlClient.SqlClient, unknown> =>
  location._tag === "Sqlite"
    ? SqliteClient.layer({ filename: location.filename })
    : (PgClient.layer(StorePg.poolConfig(pgConfig(location))) as Layer.Layer<SqlClient.SqlClient, unknown>)

const inspectPg = (
  location: Extract<Location, { _tag: "Postgres" }>
): Effect.Effect<Found, StoreError.StoreUnavailable> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows =
      location.schema === undefined
        ? yield* sql<{
            table_name: string
          }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`
        : yield* sql<{
            table_name: string
          }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${location.schema} ORDER BY table_name`
    const tables = rows.map((row) => row.table_name)
    if (tables.includes(Migrations.table)) return store
    return tables.length === 0
      ? nothing
      : other(`a PostgreSQL schema of something else (tables ${listed(tables)})`)
  }).pipe(
    Effect.provide(sqlClient(location)),
    Effect.catch((cause) => Effect.fail(unavailable(`cannot reach ${describe(location)}`, cause)))
  )

/**
 * What is at a location, read without changing anything.
 *
 * @category inspecting
 * @since 0.1.0
 */
export const inspect = (location: Location): Effect.Effect<Found, StoreError.StoreUnavailable> => {
  switch (location._tag) {
    case "Sqlite":
      return Effect.try({
        try: () => inspectSqlite(location.filename),
        catch: (cause) => unavailable(`cannot read ${describe(location)}`, cause)
      })
    case "Json":
      return Effect.try({
        try: () => inspectJson(location.directory),
        catch: (cause) => unavailable(`cannot read ${describe(location)}`, cause)
      })
    case "Postgres":
      return inspectPg(location)
  }
}

/**
 * The store at a location as a layer. `migrate: false` (every command but `init` and `migrate`)
 * opens a SQL store only when its schema is current, and a JSON store read-only when `readOnly`.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (
  location: Location,
  options: { readonly migrate: boolean; readonly readOnly?: boolean }
): Layer.Layer<Store.Store, StoreError.StoreFailure> => {
  switch (location._tag) {
    case "Sqlite":
      return StoreSqlite.layer({ filename: location.filename, migrate: options.migrate })
    case "Postgres":
      return StorePg.layer({ ...pgConfig(location), migrate: options.migrate })
    case "Json":
      return StoreJson.layer({ directory: location.directory, readOnly: options.readOnly === true })
  }
}

/**
 * A store's version: the SQL schema's newest migration, or the JSON format's version, and the
 * one this version of the adapters writes.
 *
 * @category models
 * @since 0.1.0
 */
export interface Version {
  readonly kind: "schema migration" | "format version"
  readonly current: number
  readonly latest: number
}

const jsonVersion = (directory: string): number => {
  for (const file of ["snapshot.jsonl", "journal.jsonl"]) {
    const path = join(directory, file)
    if (!existsSync(path)) continue
    const text = readFileSync(path, "utf8")
    const first = text.slice(0, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n"))
    const header = JSON.parse(first) as { readonly formatVersion?: unknown }
    if (typeof header.formatVersion !== "number")
      throw new Error(`${path} has no format version in its header`)
    return header.formatVersion
  }
  // A version 0 store is one `store.json`.
  return 0
}

/**
 * The version of the store at a location (which must hold one).
 *
 * @category inspecting
 * @since 0.1.0
 */
export const version = (location: Location): Effect.Effect<Version, StoreError.StoreFailure> =>
  location._tag === "Json"
    ? Effect.try({
        try: (): Version => ({
          kind: "format version",
          current: jsonVersion(location.directory),
          latest: StoreJson.format.version
        }),
        catch: (cause) =>
          new StoreError.StoreCorrupt({
            location: resolve(location.directory),
            reason: `the store's header cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`
          })
      })
    : Migrations.current.pipe(
        Effect.map(
          (found): Version => ({
            kind: "schema migration",
            current: found?.id ?? 0,
            latest: Migrations.latest
          })
        ),
        Effect.provide(sqlClient(location)),
        Effect.catch((error) =>
          Effect.fail(isStoreFailure(error) ? error : unavailable(`cannot read ${describe(location)}`, error))
        )
      )

/**
 * Brings the store at a location to the current version: the SQL migrations (`Migrations.migrate`
 * of `@danvan/store-sql`), or, for a JSON store, opening it for writing, which rewrites an older
 * format in the current one.
 *
 * @category migrating
 * @since 0.1.0
 */
export const migrate = (location: Location): Effect.Effect<void, StoreError.StoreFailure> =>
  location._tag === "Json"
    ? Effect.scoped(Effect.asVoid(Layer.build(layer(location, { migrate: true }))))
    : Migrations.migrate.pipe(
        Effect.asVoid,
        Effect.provide(sqlClient(location)),
        Effect.catch((error) =>
          Effect.fail(
            isStoreFailure(error) ? error : unavailable(`cannot reach ${describe(location)}`, error)
          )
        )
      )
