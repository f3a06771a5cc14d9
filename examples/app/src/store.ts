/**
 * Where the app keeps its data: the one place that chooses the database.
 *
 * `DANVAN_STORE` names it, as the store adapters read it:
 *
 * | value | database |
 * | --- | --- |
 * | absent | SQLite in `.danvan-data/app.db` at the repository's root (created on first start) |
 * | `sqlite:<file>` | SQLite in that file |
 * | `postgres://user@host:5432/db` (or `postgresql://`) | PostgreSQL |
 *
 * The danvan store (`@danvan/store-sql`) and the app's own tables (accounts and sessions, see
 * `accounts.ts`) share one SQL client, so one database holds everything and one transaction
 * could span both.
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { type Store, StoreError } from "@danvan/core"
import { StoreSql } from "@danvan/store-sql"
import { StorePg } from "@danvan/store-sql/pg"
import { SqliteClient } from "@danvan/store-sql/sqlite"
import { PgClient } from "@effect/sql-pg"
import { Cause, Effect, Layer, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"

/** The repository's root folder. */
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url))

/** The database when `DANVAN_STORE` is absent. */
export const defaultSqliteFile = resolve(repositoryRoot, ".danvan-data", "app.db")

/** A database the app can use. */
export type StoreChoice =
  | { readonly kind: "sqlite"; readonly filename: string }
  | { readonly kind: "postgres"; readonly url: Redacted.Redacted<string> }

/** Reads `DANVAN_STORE`; `undefined` when the value names no database the app can use. */
export const parse = (value: string | undefined): StoreChoice | undefined => {
  if (value === undefined || value.trim() === "") return { kind: "sqlite", filename: defaultSqliteFile }
  if (value.startsWith("sqlite:") && value.length > "sqlite:".length) {
    return { kind: "sqlite", filename: resolve(value.slice("sqlite:".length)) }
  }
  if (/^postgres(ql)?:\/\//u.test(value)) return { kind: "postgres", url: Redacted.make(value) }
  return undefined
}

/** How a choice reads in the log, without a password. */
export const describe = (choice: StoreChoice): string =>
  choice.kind === "sqlite"
    ? `SQLite ${choice.filename}`
    : `PostgreSQL ${Redacted.value(choice.url).replace(/\/\/([^:@/]+):[^@/]*@/u, "//$1:***@")}`

/** The SQL client of a choice (the SQLite file's folder is created when missing). */
const client = (choice: StoreChoice): Layer.Layer<SqlClient.SqlClient, StoreError.StoreUnavailable> => {
  const layer: Layer.Layer<SqlClient.SqlClient, unknown> =
    choice.kind === "sqlite"
      ? Layer.suspend(() => {
          if (choice.filename !== ":memory:") mkdirSync(dirname(choice.filename), { recursive: true })
          return SqliteClient.layer({ filename: choice.filename })
        })
      : Layer.effect(SqlClient.SqlClient, PgClient.make(StorePg.poolConfig({ url: choice.url }))).pipe(
          Layer.provide(Reactivity.layer)
        )
  return Layer.catchCause(layer, (cause) =>
    Layer.effect(
      SqlClient.SqlClient,
      Effect.fail(
        new StoreError.StoreUnavailable({
          reason: choice.kind === "sqlite" ? "Unknown" : "ConnectionRefused",
          detail: `cannot open ${describe(choice)}`,
          cause: Cause.pretty(cause)
        })
      )
    )
  )
}

/**
 * The danvan store and the SQL client it runs on (the store's schema brought up to date), for
 * the app's own tables.
 */
export const layer = (
  choice: StoreChoice
): Layer.Layer<Store.Store | SqlClient.SqlClient, StoreError.StoreFailure> =>
  StoreSql.layerFromClient().pipe(Layer.provideMerge(client(choice)))
