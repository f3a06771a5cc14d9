/**
 * The SQL storage adapter: the whole storage port (`Store.StoreLayer`) over a relational database
 * through Effect's SQL client, one code path for two engines. This entry point loads no database
 * driver; each engine has its own, so an app installs and loads only the driver it uses:
 *
 * - `@danvan/store-sql/sqlite` (`StoreSqlite.layer`): SQLite in a file (or `:memory:`), the
 *   embedded default, on Node's built-in `node:sqlite`: nothing to install, no server to run.
 * - `@danvan/store-sql/pg` (`StorePg.layer`): PostgreSQL through `@effect/sql-pg` (an optional
 *   peer dependency: install it next to this package), for a province that outgrows one machine.
 * - {@link layerFromClient}: over an `SqlClient` the app already has (either engine).
 * - {@link layerConfig}: whichever of the two the environment names (`DANVAN_STORE`), loading only
 *   that engine's driver.
 *
 * Every layer brings the schema up to date when it starts ({@link Options.migrate}, on by
 * default; `migrate: false` only checks that the schema is current), and refuses a database
 * written by a newer version (`StoreCorrupt`). See `docs/storage-sql.md`.
 *
 * ```ts
 * import { UnitRepository } from "@danvan/core"
 * import { StoreSql } from "@danvan/store-sql"
 * import { StoreSqlite } from "@danvan/store-sql/sqlite"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const units = yield* UnitRepository
 *   return yield* units.list({})
 * })
 *
 * // SQLite in a file, the embedded default.
 * export const inFile = program.pipe(Effect.provide(StoreSqlite.layer({ filename: "./danvan.db" })))
 *
 * // Whichever database `DANVAN_STORE` names (`sqlite:<file>` or `postgres://…`).
 * export const configured = program.pipe(Effect.provide(StoreSql.layerConfig()))
 * ```
 *
 * @since 0.1.0
 */

import { Store, StoreConfig, StoreError } from "@danvan/core"
import { type Config, type Context, Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { type Db, naming, read, toFailure, unitOfWork } from "./internal/Db.ts"
import * as Dialect from "./internal/Dialect.ts"
import * as RowLevelSecurity from "./internal/RowLevelSecurity.ts"
import * as Migrations from "./Migrations.ts"
import * as Audit from "./repositories/Audit.ts"
import * as Committees from "./repositories/Committees.ts"
import * as Directives from "./repositories/Directives.ts"
import * as Models from "./repositories/Models.ts"
import * as Reference from "./repositories/Reference.ts"
import * as Reports from "./repositories/Reports.ts"
import * as Units from "./repositories/Units.ts"
import type * as StorePg from "./StorePg.ts"
import type * as StoreSqlite from "./StoreSqlite.ts"

/**
 * What every layer accepts.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /**
   * Bring the schema up to date when the layer starts (default `true`). With `false` the layer
   * only checks that the database's schema is the one this code expects, and fails with
   * `StoreUnavailable` when migrations are pending; run {@link migrate} yourself then.
   */
  readonly migrate?: boolean | undefined
}

/**
 * Brings the schema of the ambient `SqlClient`'s database up to date and returns the migrations
 * it applied. Safe to run twice and from several processes at once; a database already current is
 * only read, never locked.
 *
 * @category migrations
 * @since 0.1.0
 */
export const migrate: Effect.Effect<
  ReadonlyArray<Migrations.Migration>,
  StoreError.StoreFailure,
  SqlClient.SqlClient
> = Migrations.migrate

/**
 * The storage port over a client: one service per aggregate, sharing the client so that
 * `UnitOfWork.transaction` covers the writes of every repository.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeStore: Effect.Effect<
  Context.Context<Store.Store>,
  StoreError.StoreFailure,
  SqlClient.SqlClient
> = Effect.suspend(() => makeStoreWith({ actingUnit: false }))

/**
 * {@link makeStore}, and with `actingUnit` every operation runs in a transaction that first sets
 * the acting unit for PostgreSQL's row-level security (`StorePg`'s `rowLevelSecurity`).
 *
 * @category constructors
 * @since 0.1.0
 * @internal
 */
export const makeStoreWith = (options: {
  readonly actingUnit: boolean
}): Effect.Effect<Context.Context<Store.Store>, StoreError.StoreFailure, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const db: Db = { sql, dialect: yield* Dialect.of(sql) }
    const wrap = <S extends object>(service: S): S =>
      options.actingUnit ? RowLevelSecurity.wrapService(sql, service) : service
    return Store.make({
      units: wrap(Units.make(db)),
      directives: wrap(Directives.make(db)),
      committees: wrap(Committees.make(db)),
      models: wrap(Models.make(db)),
      reports: wrap(Reports.make(db)),
      referenceData: wrap(Reference.make(db)),
      audit: wrap(Audit.make(db)),
      transaction: (effect) =>
        read(unitOfWork(sql, options.actingUnit ? RowLevelSecurity.withActingUnit(sql)(effect) : effect))
    })
  })

/**
 * The store over the ambient client: migrated (or verified) first, after `prepare` (an engine's
 * own step, such as creating PostgreSQL's schema). A failure names the database (`where`).
 *
 * @internal
 *
 * @category layers
 * @since 0.1.0
 */
export const storeLayer = (
  options: Options | undefined,
  prepare: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.void,
  where?: string,
  rowLevelSecurity?: { readonly grantTo: ReadonlyArray<string> }
): Layer.Layer<Store.Store, StoreError.StoreFailure, SqlClient.SqlClient> =>
  Layer.effectContext(
    Effect.gen(function* () {
      if (options?.migrate === false) {
        yield* Migrations.verify
      } else {
        yield* Effect.mapError(prepare, (error) => toFailure(error))
        yield* Migrations.migrate
        // The owner that migrates installs the policies; an app role (migrate: false) only uses them.
        if (rowLevelSecurity !== undefined) {
          yield* RowLevelSecurity.install(yield* SqlClient.SqlClient, rowLevelSecurity.grantTo)
        }
      }
      return yield* makeStoreWith({ actingUnit: rowLevelSecurity !== undefined })
    }).pipe(Effect.mapError(where === undefined ? (failure) => failure : naming(where)))
  )

/**
 * The storage port over an `SqlClient` the app provides (SQLite or PostgreSQL), for an app that
 * already has one (its own pool settings, tracing, an official SQLite driver).
 *
 * @category layers
 * @since 0.1.0
 */
export const layerFromClient = (
  options?: Options
): Layer.Layer<Store.Store, StoreError.StoreFailure, SqlClient.SqlClient> => storeLayer(options)

/**
 * Settings for {@link layerConfig}: where the store is (by default `DANVAN_STORE`), and each
 * engine's own settings.
 *
 * @category models
 * @since 0.1.0
 */
export interface ConfigOptions extends Options {
  /** The location; default `StoreConfig.location()`, the variable `DANVAN_STORE`. */
  readonly location?: Config.Config<StoreConfig.Location> | undefined
  /** SQLite settings other than the file. */
  readonly sqlite?: Omit<StoreSqlite.SqliteConfig, "filename"> | undefined
  /** PostgreSQL settings other than the URL (a schema, the pool size, TLS). */
  readonly pg?: Omit<StorePg.PgConfig, "url" | "host" | "port" | "database" | "user" | "password"> | undefined
}

/**
 * An engine's entry point, loaded when the configuration names it: an app that stores in SQLite
 * never loads the PostgreSQL driver, and one on PostgreSQL never opens `node:sqlite`.
 */
const engine = <A>(
  name: string,
  load: () => Promise<A>,
  install: string
): Effect.Effect<A, StoreError.StoreUnavailable> =>
  Effect.tryPromise({
    try: load,
    catch: (cause) =>
      new StoreError.StoreUnavailable({
        reason: "Unsupported",
        detail: `the configuration names ${name}, whose driver cannot be loaded: ${install}`,
        cause: cause instanceof Error ? cause.message : String(cause)
      })
  })

/**
 * The storage port in whichever SQL database the configuration names: `sqlite:<file>` or
 * `postgres://…` in `DANVAN_STORE` (see `StoreConfig`). Only that engine's driver is loaded, so a
 * SQLite deployment needs no PostgreSQL driver installed. Another location (`memory`, `json:…`)
 * fails with a `ConfigError` naming the adapter that serves it.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  options: ConfigOptions = {}
): Layer.Layer<Store.Store, StoreError.StoreFailure | Config.ConfigError> =>
  Layer.unwrap(
    Effect.gen(function* () {
      const location = yield* options.location ?? StoreConfig.location()
      const common = options.migrate === undefined ? {} : { migrate: options.migrate }
      switch (location._tag) {
        case "Sqlite": {
          const { StoreSqlite } = yield* engine(
            "SQLite",
            () => import("./sqlite.ts"),
            "SQLite needs Node.js 22.19 or later (node:sqlite)"
          )
          return StoreSqlite.layer({ ...options.sqlite, ...common, filename: location.filename })
        }
        case "Postgres": {
          const { StorePg } = yield* engine(
            "PostgreSQL",
            () => import("./pg.ts"),
            "install it next to @danvan/store-sql: npm install @effect/sql-pg"
          )
          return StorePg.layer({ ...options.pg, ...common, url: location.url })
        }
        default:
          return yield* Effect.fail(
            StoreConfig.wrongAdapter(location, "@danvan/store-sql", "sqlite:<file> or postgres://…")
          )
      }
    })
  )
