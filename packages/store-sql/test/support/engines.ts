/**
 * Fresh stores for tests: SQLite in memory, SQLite in a temporary file, and PostgreSQL in a
 * uniquely named schema that is dropped afterwards. Each layer is a new, empty database.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Store, StoreError } from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import { StoreSql } from "../../src/index.ts"
import { StorePg } from "../../src/pg.ts"
import { SqliteClient, StoreSqlite } from "../../src/sqlite.ts"

/** The PostgreSQL server tests use. */
export const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

/**
 * Whether that server answers, as the run's global setup found (`vitest.postgres.ts`, which prints
 * the one line saying why the PostgreSQL suites are skipped when it does not).
 */
export const pgAvailable = process.env.DANVAN_PG_AVAILABLE !== "0"

/** A suite for one engine, skipped for PostgreSQL when no server answers. */
export const describeEngine = (engine: Engine, body: () => void): void => {
  describe.skipIf(engine === "pg" && !pgAvailable)(engine, body)
}

/** A suite that needs PostgreSQL, skipped when no server answers. */
export const describePg = (name: string, body: () => void): void => {
  describe.skipIf(!pgAvailable)(name, body)
}

/** A schema name nobody else uses. */
export const uniqueSchema = (): string =>
  `danvan_test_${Date.now().toString(36)}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`

/** A temporary directory, removed with the scope. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "danvan-store-sql-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** An admin client on the test server, for creating and dropping schemas. */
export const adminClient = Effect.flatMap(
  PgClient.make({ url: Redacted.make(pgUrl), maxConnections: 2 }),
  (client) => Effect.succeed(client as SqlClient.SqlClient)
).pipe(Effect.provide(Reactivity.layer))

/** A schema created now and dropped (with everything in it) when the scope closes. */
export const freshSchema = Effect.gen(function* () {
  const admin = yield* adminClient
  const schema = uniqueSchema()
  yield* Effect.acquireRelease(admin`CREATE SCHEMA ${admin(schema)}`, () =>
    Effect.ignore(admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`)
  )
  return { admin, schema }
})

export type Engine = "sqlite-memory" | "sqlite-file" | "pg"

export const engines: ReadonlyArray<Engine> = ["sqlite-memory", "sqlite-file", "pg"]

/** A fresh, empty store of one engine. */
export const freshStore = (engine: Engine, options?: StoreSql.Options): Store.StoreLayer<never> => {
  switch (engine) {
    case "sqlite-memory":
      return StoreSqlite.layer({ filename: ":memory:", ...options })
    case "sqlite-file":
      return Layer.unwrap(
        Effect.map(tempDir, (dir) => StoreSqlite.layer({ filename: join(dir, "store.db"), ...options }))
      )
    case "pg":
      return Layer.unwrap(
        Effect.map(Effect.orDie(freshSchema), ({ schema }) =>
          StorePg.layer({ url: pgUrl, schema, maxConnections: 4, ...options })
        )
      )
  }
}

/** Asserts a failure is a store failure (for typing tests that expect one). */
export const isStoreFailure = (u: unknown): u is StoreError.StoreFailure =>
  typeof u === "object" &&
  u !== null &&
  "_tag" in u &&
  (u._tag === "StoreUnavailable" || u._tag === "StoreCorrupt")

/** Raw SQL access next to a store, for tests that inspect or tamper with rows. */
export { SqlClient }

/** A fresh, empty database of one engine, as a raw `SqlClient` (not migrated). */
export const freshClient = (engine: Engine): Layer.Layer<SqlClient.SqlClient> => {
  switch (engine) {
    case "sqlite-memory":
      return Layer.orDie(SqliteClient.layer({ filename: ":memory:" }))
    case "sqlite-file":
      return Layer.unwrap(
        Effect.map(tempDir, (dir) => Layer.orDie(SqliteClient.layer({ filename: join(dir, "store.db") })))
      )
    case "pg":
      return Layer.unwrap(
        Effect.map(Effect.orDie(freshSchema), ({ schema }) =>
          Layer.orDie(PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 4 })))
        )
      )
  }
}

/** A fresh store together with the raw client under it, for tests that look at the rows. */
export const freshStoreWithSql = (
  engine: Engine,
  options?: StoreSql.Options
): Layer.Layer<Store.Store | SqlClient.SqlClient, StoreError.StoreFailure> =>
  StoreSql.layerFromClient(options).pipe(Layer.provideMerge(freshClient(engine)))

/** The number of rows in every table of the store's schema, by table. */
export const rowCounts = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const out: Record<string, number> = {}
  for (const table of storeTables) {
    const rows = yield* sql<{ n: unknown }>`SELECT COUNT(*) AS n FROM ${sql(table)}`
    out[table] = Number(rows[0]?.n)
  }
  return out
})

/** Every table migration 1 creates. */
export const storeTables = [
  "units",
  "unit_parent",
  "successions",
  "directives",
  "directive_replaces",
  "committees",
  "committee_memberships",
  "models",
  "coordinations",
  "coordination_parties",
  "reports",
  "report_figures",
  "report_revisions",
  "model_fields",
  "regimes",
  "validation_rules",
  "audit_entries"
] as const
