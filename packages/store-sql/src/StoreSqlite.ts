/**
 * The storage port in SQLite: one file (or `:memory:`), no server to run, the embedded default
 * for a district office or a desktop app. On Node's built-in `node:sqlite` through the small
 * driver of `SqliteClient`: nothing to install or build (decision record 0008).
 *
 * The layer creates the database's folder and file when they do not exist (unless the store is
 * opened read-only), turns on the write-ahead log, foreign keys and `synchronous = FULL`, waits for
 * another process's write lock without blocking the event loop, and brings the schema up to date
 * (a database already current is only read: opening it takes no lock).
 *
 * @since 0.1.0
 */
import { mkdirSync, statSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { type Store, StoreConfig, StoreError } from "@danvan/core"
import { type Config, Effect, Layer } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { toFailure } from "./internal/Db.ts"
import { type Options, storeLayer } from "./StoreSql.ts"
import * as SqliteClient from "./sqlite/SqliteClient.ts"

/**
 * SQLite settings: the database file (or `:memory:`), how long to wait for another process's
 * write lock, and the layer options.
 *
 * @category models
 * @since 0.1.0
 */
export interface SqliteConfig extends SqliteClient.SqliteClientConfig, Options {}

const inMemory = (filename: string): boolean => filename === ":memory:" || filename === ""

/** What the store calls the database in messages. */
const where = (filename: string): string =>
  inMemory(filename) ? "SQLite in memory" : `SQLite file ${resolve(filename)}`

const kindOf = (path: string): "file" | "folder" | "missing" => {
  try {
    return statSync(path).isDirectory() ? "folder" : "file"
  } catch {
    return "missing"
  }
}

/**
 * Creates the folder of a database file that will be written; a read-only store must exist.
 * Fails naming the cause: a folder that cannot be created (a permission, a file in the way), or a
 * read-only store that is not there.
 */
const prepareFile = (config: SqliteConfig): Effect.Effect<void, StoreError.StoreUnavailable> =>
  Effect.suspend(() => {
    if (inMemory(config.filename)) return Effect.void
    const file = resolve(config.filename)
    const folder = dirname(file)
    if (config.readonly === true) {
      if (kindOf(folder) !== "folder")
        return Effect.fail(
          new StoreError.StoreUnavailable({
            reason: "MissingFolder",
            detail: `${where(config.filename)}: the folder ${folder} does not exist (the store is opened read-only, so nothing is created)`
          })
        )
      if (kindOf(file) === "missing")
        return Effect.fail(
          new StoreError.StoreUnavailable({
            reason: "MissingDatabase",
            detail: `${where(config.filename)}: there is no database file (the store is opened read-only, so it is not created)`
          })
        )
      return Effect.void
    }
    return Effect.try({
      try: () => {
        mkdirSync(folder, { recursive: true })
      },
      catch: (cause) =>
        new StoreError.StoreUnavailable({
          reason: StoreError.reasonOfSystemError(cause),
          detail: `${where(config.filename)}: cannot create the folder ${folder}: ${cause instanceof Error ? cause.message : String(cause)}`,
          cause: cause instanceof Error ? cause.message : String(cause)
        })
    })
  })

/** Why SQLite could not open a file, found by looking at the path, when its own code says only "cannot open". */
const openFailure = (config: SqliteConfig, error: SqlError): StoreError.StoreFailure => {
  const failure = toFailure(error, where(config.filename))
  if (
    failure._tag !== "StoreUnavailable" ||
    error.reason._tag !== "ConnectionError" ||
    inMemory(config.filename)
  )
    return failure
  const file = resolve(config.filename)
  const detail = (text: string) => `${where(config.filename)}: ${text}`
  const cause = failure.cause ?? failure.detail
  if (kindOf(file) === "folder")
    return new StoreError.StoreUnavailable({
      reason: "Unknown",
      detail: detail("the path is a folder, not a database file"),
      cause
    })
  if (kindOf(dirname(file)) !== "folder")
    return new StoreError.StoreUnavailable({
      reason: "MissingFolder",
      detail: detail(`the folder ${dirname(file)} does not exist`),
      cause
    })
  return new StoreError.StoreUnavailable({
    reason: "PermissionDenied",
    detail: detail("the file or its folder cannot be opened for reading and writing by this process"),
    cause
  })
}

/**
 * The storage port in SQLite. One layer holds one connection; open one store per database file in
 * a process, and let processes share the file (one writes at a time; the others wait for the write
 * lock up to `busyTimeoutMillis`, asynchronously).
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (config: SqliteConfig): Store.StoreLayer =>
  storeLayer(config, undefined, where(config.filename)).pipe(
    Layer.provide(
      Layer.effect(
        SqlClient.SqlClient,
        Effect.andThen(
          prepareFile(config),
          Effect.mapError(SqliteClient.make(config), (error) => openFailure(config, error))
        )
      ).pipe(Layer.provide(Reactivity.layer))
    )
  )

/**
 * The storage port in the SQLite file the configuration names: `DANVAN_STORE=sqlite:<file>` (see
 * `StoreConfig`). Another location fails with a `ConfigError` naming the adapter that serves it.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  options: Omit<SqliteConfig, "filename"> & {
    readonly location?: Config.Config<StoreConfig.Location> | undefined
  } = {}
): Layer.Layer<Store.Store, StoreError.StoreFailure | Config.ConfigError> =>
  StoreConfig.layerFor(
    {
      accepts: "Sqlite",
      adapter: "@danvan/store-sql/sqlite",
      opens: "sqlite:<file>",
      location: options.location
    },
    (location) => {
      const { location: _, ...rest } = options
      return layer({ ...rest, filename: location.filename })
    }
  )
