/**
 * The storage port in PostgreSQL, through `@effect/sql-pg`'s pooled client, for a province-wide
 * server with many users, replicas and backups. `@effect/sql-pg` is an optional peer dependency of
 * `@danvan/store-sql`: an app on PostgreSQL installs it (`npm install @effect/sql-pg`), one on
 * SQLite does not.
 *
 * @since 0.1.0
 */
import type { ConnectionOptions } from "node:tls"
import { type Store, StoreConfig, type StoreError } from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { type Config, type Duration, Effect, Layer, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import { toFailure } from "./internal/Db.ts"
import { type Options, storeLayer } from "./StoreSql.ts"

/**
 * Where the PostgreSQL server is: a connection URL (`postgres://user@host:5432/db`; kept
 * `Redacted` so it never shows in logs), or its parts with a `Redacted` password.
 *
 * @category models
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
 * @category models
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
    /**
     * Enforce access in the database as well: row-level security keyed on the acting unit
     * (`ActingUnit`), set for every transaction (decision record 0012, docs/security.md). With
     * migrations on, the layer also installs the policies and grants the tables to `grantTo`
     * (the roles the app and other applications connect as); an app role opens with
     * `migrate: false`. Off by default.
     */
    readonly rowLevelSecurity?: boolean | { readonly grantTo?: ReadonlyArray<string> | undefined } | undefined
  }

/** A schema name written as a quoted identifier, for `search_path`. */
const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/**
 * The `@effect/sql-pg` pool settings for a {@link PgConfig}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const poolConfig = (config: PgConfig): PgClient.PgPoolConfig => ({
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

/** The server and database, for messages, without user or password. */
const where = (config: PgConfig): string => {
  if (!("url" in config)) return `PostgreSQL at ${config.host}:${config.port ?? 5432}/${config.database}`
  try {
    const url = new URL(typeof config.url === "string" ? config.url : Redacted.value(config.url))
    return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname === "" ? "" : url.pathname}`
  } catch {
    return "PostgreSQL"
  }
}

/**
 * The storage port in PostgreSQL, through `@effect/sql-pg`'s pooled client.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (config: PgConfig): Store.StoreLayer => {
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
  const rls =
    config.rowLevelSecurity === undefined || config.rowLevelSecurity === false
      ? undefined
      : { grantTo: config.rowLevelSecurity === true ? [] : (config.rowLevelSecurity.grantTo ?? []) }
  return storeLayer(config, createSchema, where(config), rls).pipe(
    Layer.provide(
      Layer.effect(
        SqlClient.SqlClient,
        Effect.mapError(PgClient.make(poolConfig(config)), (error) => toFailure(error, where(config)))
      ).pipe(Layer.provide(Reactivity.layer))
    )
  )
}

/**
 * The storage port in the PostgreSQL database the configuration names:
 * `DANVAN_STORE=postgres://user@host:5432/db` (see `StoreConfig`). Another location fails with a
 * `ConfigError` naming the adapter that serves it.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  options: Omit<PgConfig, "url" | "host" | "port" | "database" | "user" | "password"> & {
    readonly location?: Config.Config<StoreConfig.Location> | undefined
  } = {}
): Layer.Layer<Store.Store, StoreError.StoreFailure | Config.ConfigError> =>
  StoreConfig.layerFor(
    {
      accepts: "Postgres",
      adapter: "@danvan/store-sql/pg",
      opens: "postgres://…",
      location: options.location
    },
    (location) => {
      const { location: _, ...rest } = options
      return layer({ ...rest, url: location.url })
    }
  )
