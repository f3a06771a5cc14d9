/**
 * The SQL storage adapter: the whole storage port (`Store.StoreLayer`) over a relational database
 * through Effect's SQL client, one code path for two engines.
 *
 * - {@link layerSqlite}: SQLite in a file (or `:memory:`), the embedded default: no server to run.
 * - {@link layerPg}: PostgreSQL through `@effect/sql-pg`, for a province that outgrows one machine
 *   (replicas, backups, PostgreSQL-compatible distributed engines).
 * - {@link layerFromClient}: over an `SqlClient` the app already has (either engine).
 *
 * Every layer brings the schema up to date when it starts ({@link Options.migrate}, on by
 * default; `migrate: false` only checks that the schema is current), and refuses a database
 * written by a newer version (`StoreCorrupt`). See `docs/storage-sql.md`.
 *
 * @since 0.1.0
 */

import type { ConnectionOptions } from "node:tls"
import {
  AuditLog,
  CommitteeRepository,
  DirectiveRepository,
  ModelRepository,
  ReferenceData,
  ReportRepository,
  type Store,
  type StoreError,
  UnitOfWork,
  UnitRepository
} from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { Context, type Duration, Effect, Layer, Redacted, type Scope } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"
import { type Db, read, toFailure } from "./internal/Db.ts"
import * as Dialect from "./internal/Dialect.ts"
import * as Migrations from "./Migrations.ts"
import * as Audit from "./repositories/Audit.ts"
import * as Committees from "./repositories/Committees.ts"
import * as Directives from "./repositories/Directives.ts"
import * as Models from "./repositories/Models.ts"
import * as Reference from "./repositories/Reference.ts"
import * as Reports from "./repositories/Reports.ts"
import * as Units from "./repositories/Units.ts"
import * as SqliteClient from "./sqlite/SqliteClient.ts"

/**
 * What every layer accepts.
 *
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
 * it applied. Safe to run twice and from several processes at once.
 *
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
 * @since 0.1.0
 */
export const makeStore: Effect.Effect<
  Context.Context<Store.Store>,
  StoreError.StoreFailure,
  SqlClient.SqlClient
> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const db: Db = { sql, dialect: yield* Dialect.of(sql) }
  const unitOfWork: UnitOfWork["Service"] = {
    transaction: (effect) => read(sql.withTransaction(effect))
  }
  return Context.make(UnitRepository, Units.make(db)).pipe(
    Context.add(DirectiveRepository, Directives.make(db)),
    Context.add(CommitteeRepository, Committees.make(db)),
    Context.add(ModelRepository, Models.make(db)),
    Context.add(ReportRepository, Reports.make(db)),
    Context.add(ReferenceData, Reference.make(db)),
    Context.add(AuditLog, Audit.make(db)),
    Context.add(UnitOfWork, unitOfWork)
  )
})

const storeLayer = (
  options: Options | undefined,
  prepare: Effect.Effect<void, SqlError, SqlClient.SqlClient> = Effect.void
): Layer.Layer<Store.Store, StoreError.StoreFailure, SqlClient.SqlClient> =>
  Layer.effectContext(
    Effect.gen(function* () {
      if (options?.migrate === false) {
        yield* Migrations.verify
      } else {
        yield* Effect.mapError(prepare, toFailure)
        yield* Migrations.migrate
      }
      return yield* makeStore
    })
  )

/**
 * The storage port over an `SqlClient` the app provides (SQLite or PostgreSQL), for an app that
 * already has one (its own pool settings, tracing, or the official SQLite driver once it ships).
 *
 * @since 0.1.0
 */
export const layerFromClient = (
  options?: Options
): Layer.Layer<Store.Store, StoreError.StoreFailure, SqlClient.SqlClient> => storeLayer(options)

const clientLayer = (
  make: Effect.Effect<SqlClient.SqlClient, SqlError, Scope.Scope | Reactivity.Reactivity>
): Layer.Layer<SqlClient.SqlClient, StoreError.StoreFailure> =>
  Layer.effect(SqlClient.SqlClient, Effect.mapError(make, toFailure)).pipe(Layer.provide(Reactivity.layer))

/**
 * SQLite settings: the database file (or `:memory:`) and the layer options.
 *
 * @since 0.1.0
 */
export interface SqliteConfig extends SqliteClient.SqliteClientConfig, Options {}

/**
 * The storage port in SQLite, with the small better-sqlite3 driver of `SqliteClient` (WAL for
 * files, foreign keys on, a busy timeout, `BEGIN IMMEDIATE` transactions). One layer holds one
 * connection; open one store per database file in a process and let processes share the file.
 *
 * @since 0.1.0
 */
export const layerSqlite = (config: SqliteConfig): Store.StoreLayer =>
  storeLayer(config).pipe(Layer.provide(clientLayer(SqliteClient.make(config))))

/**
 * Where the PostgreSQL server is: a connection URL (`postgres://user@host:5432/db`; kept
 * `Redacted` so it never shows in logs), or its parts with a `Redacted` password.
 *
 * @since 0.1.0
 */
export type PgConnection =
  | { readonly url: string | Redacted.Redacted<string> }
  | {
      readonly host: string
      readonly port?: number | undefined
      readonly database: string
      readonly user: string
      readonly password?: Redacted.Redacted<string> | undefined
    }

/**
 * PostgreSQL settings.
 *
 * @since 0.1.0
 */
export type PgConfig = PgConnection &
  Options & {
    /**
     * The schema the store's tables live in (the connections' `search_path`); created when
     * migrations run and it does not exist. Default: the server's (usually `public`).
     */
    readonly schema?: string | undefined
    readonly ssl?: boolean | ConnectionOptions | undefined
    /** Connections in the pool. Default: `@effect/sql-pg`'s. */
    readonly maxConnections?: number | undefined
    readonly connectTimeout?: Duration.Input | undefined
    /** Shown in `pg_stat_activity`. Default `danvan`. */
    readonly applicationName?: string | undefined
  }

/** A schema name written as a quoted identifier, for `search_path`. */
const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/**
 * The `@effect/sql-pg` pool settings for a {@link PgConfig}.
 *
 * @since 0.1.0
 */
export const pgPoolConfig = (config: PgConfig): PgClient.PgPoolConfig => ({
  ...("url" in config
    ? { url: typeof config.url === "string" ? Redacted.make(config.url) : config.url }
    : {
        host: config.host,
        port: config.port ?? 5432,
        database: config.database,
        username: config.user,
        ...(config.password === undefined ? {} : { password: config.password })
      }),
  applicationName: config.applicationName ?? "danvan",
  ...(config.schema === undefined
    ? {}
    : { startupParameters: { search_path: quoteIdentifier(config.schema) } }),
  ...(config.ssl === undefined ? {} : { ssl: config.ssl }),
  ...(config.maxConnections === undefined ? {} : { maxConnections: config.maxConnections }),
  ...(config.connectTimeout === undefined ? {} : { connectTimeout: config.connectTimeout })
})

/**
 * The storage port in PostgreSQL, through `@effect/sql-pg`'s pooled client.
 *
 * @since 0.1.0
 */
export const layerPg = (config: PgConfig): Store.StoreLayer => {
  const schema = config.schema
  const createSchema =
    schema === undefined
      ? Effect.void
      : Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          // Look first: a user allowed to use the schema but not to create schemas must still open.
          const found = yield* sql`SELECT 1 AS found FROM pg_namespace WHERE nspname = ${schema}`
          if (found.length > 0) return
          // Two processes creating the schema at once can collide on the catalogue; the loser
          // finds it there on the second try.
          yield* Effect.retry(sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`, { times: 1 })
        })
  return storeLayer(config, createSchema).pipe(
    Layer.provide(clientLayer(PgClient.make(pgPoolConfig(config))))
  )
}
