/**
 * Migrations: recorded in the database, a no-op the second time, safe from two connections and
 * two processes at once, and refusing (with a typed error, changing nothing) a database written by
 * a newer version of the adapter.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { UnitRepository } from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { Migrations, StoreSql } from "../src/index.ts"
import { StorePg } from "../src/pg.ts"
import { SqliteClient, StoreSqlite } from "../src/sqlite.ts"
import {
  adminClient,
  describeEngine,
  describePg,
  engines,
  freshClient,
  freshSchema,
  pgAvailable,
  pgUrl,
  rowCounts,
  storeTables,
  tempDir,
  uniqueSchema
} from "./support/engines.ts"
import * as F from "./support/fixtures.ts"
import { runTogether } from "./support/processes.ts"

const migrationRows = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(
    sql<{
      migration_id: unknown
      name: unknown
    }>`SELECT migration_id, name FROM danvan_store_migrations ORDER BY migration_id`,
    (rows) => rows.map((r) => [Number(r.migration_id), String(r.name)] as const)
  )
)

/** Builds a layer and fails with its error (the layer is released at once). */
const buildError = <A, E>(layer: Layer.Layer<A, E>) => Effect.flip(Effect.scoped(Layer.build(layer)))

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect("migrate applies the schema once, records it, and is a no-op the second time", () =>
      Effect.gen(function* () {
        expect(yield* Migrations.current).toBeUndefined()
        expect(yield* StoreSql.migrate).toEqual([{ id: 1, name: "initial_schema" }])
        expect(yield* StoreSql.migrate).toEqual([])
        expect(yield* Migrations.current).toEqual({ id: 1, name: "initial_schema" })
        expect(yield* migrationRows).toEqual([[1, "initial_schema"]])
        expect(Migrations.latest).toBe(1)
        // Every table is there and empty.
        expect(Object.values(yield* rowCounts).every((n) => n === 0)).toBe(true)
      }).pipe(Effect.provide(freshClient(engine)))
    )

    it.effect("with migrate: false a pending schema is StoreUnavailable and nothing is created", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const layer = StoreSql.layerFromClient({ migrate: false }).pipe(
          Layer.provide(Layer.succeed(SqlClient.SqlClient, sql))
        )
        const error = yield* buildError(layer)
        expect(error._tag).toBe("StoreUnavailable")
        expect(error.message).toContain("run StoreSql.migrate")
        expect(yield* Migrations.current).toBeUndefined()
        yield* StoreSql.migrate
        const units = yield* Effect.scoped(Effect.flatMap(Layer.build(layer), (ctx) => Effect.succeed(ctx)))
        expect(units).toBeDefined()
      }).pipe(Effect.provide(freshClient(engine)))
    )
  })
}

/** Names and SHA-256 of every file in a directory, to show it did not change. */
const fingerprint = (dir: string) =>
  Effect.sync(() =>
    readdirSync(dir)
      .sort()
      .map(
        (name) =>
          `${name}:${createHash("sha256")
            .update(readFileSync(join(dir, name)))
            .digest("hex")}`
      )
  )

describe("a database written by a newer version", () => {
  it.live("SQLite: opening fails with StoreCorrupt and the file's bytes are unchanged", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const filename = join(dir, "store.db")
      // A store written by this version, then marked as migrated by a newer one.
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(
            StoreSql.layerFromClient().pipe(Layer.provideMerge(Layer.orDie(SqliteClient.layer({ filename }))))
          )
          yield* Effect.provideContext(
            Effect.gen(function* () {
              yield* (yield* UnitRepository).insert(F.units)
              const sql = yield* SqlClient.SqlClient
              yield* sql`INSERT INTO danvan_store_migrations (migration_id, name) VALUES (${2}, ${"from_the_future"})`
            }),
            context
          )
        })
      )
      const before = yield* fingerprint(dir)
      expect(before).toHaveLength(1)
      for (const migrate of [true, false]) {
        const error = yield* buildError(StoreSqlite.layer({ filename, migrate }))
        expect(error._tag).toBe("StoreCorrupt")
        expect(error.message).toContain("migration 2")
        expect(error.message).toContain("newer")
        expect(yield* fingerprint(dir)).toEqual(before)
      }
    }).pipe(Effect.scoped)
  )

  it.live.skipIf(!pgAvailable)(
    "PostgreSQL: opening fails with StoreCorrupt and no table, row or migration record changes",
    () =>
      Effect.gen(function* () {
        const { admin, schema } = yield* freshSchema
        yield* Effect.scoped(
          Effect.flatMap(Layer.build(StorePg.layer({ url: pgUrl, schema })), (context) =>
            Effect.provideContext(
              Effect.flatMap(UnitRepository, (units) => units.insert(F.units)),
              context
            )
          )
        )
        yield* admin`INSERT INTO ${admin(schema)}.danvan_store_migrations (migration_id, name) VALUES (${2}, ${"from_the_future"})`
        const snapshot = Effect.all({
          tables: admin`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY table_name`,
          migrations: admin`SELECT migration_id, name, created_at FROM ${admin(schema)}.danvan_store_migrations ORDER BY migration_id`,
          units: admin`SELECT * FROM ${admin(schema)}.units ORDER BY id`,
          links: admin`SELECT * FROM ${admin(schema)}.unit_parent ORDER BY unit_id, ordinal`
        })
        const before = yield* snapshot
        expect(before.units).toHaveLength(F.units.length)
        for (const migrate of [true, false]) {
          const error = yield* buildError(StorePg.layer({ url: pgUrl, schema, migrate }))
          expect(error._tag).toBe("StoreCorrupt")
          expect(error.message).toContain("migration 2")
          expect(yield* snapshot).toEqual(before)
        }
      }).pipe(Effect.scoped)
  )
})

describe("migrating from two places at once", () => {
  it.live.skipIf(!pgAvailable)(
    "two PostgreSQL connection pools migrate one empty schema: one applies, the other waits and finds it done",
    () =>
      Effect.gen(function* () {
        const { schema } = yield* freshSchema
        const pool = Layer.orDie(
          PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 }))
        )
        const results = yield* Effect.all(
          [Effect.provide(StoreSql.migrate, pool), Effect.provide(StoreSql.migrate, pool)],
          { concurrency: "unbounded" }
        )
        expect(results.map((r) => r.length).sort()).toEqual([0, 1])
        expect(yield* Effect.provide(migrationRows, pool)).toEqual([[1, "initial_schema"]])
      }).pipe(Effect.scoped)
  )

  it.live.skipIf(!pgAvailable)(
    "two processes migrate one PostgreSQL schema at once",
    () =>
      Effect.gen(function* () {
        const { admin, schema } = yield* freshSchema
        const results = yield* runTogether([
          ["pg", schema, "migrate", "A"],
          ["pg", schema, "migrate", "B"]
        ])
        expect(results.map((r) => r.done.applied).sort()).toEqual([[], [1]])
        const rows = yield* admin`SELECT migration_id FROM ${admin(schema)}.danvan_store_migrations`
        expect(rows).toHaveLength(1)
      }).pipe(Effect.scoped),
    60_000
  )

  it.live(
    "two processes migrate one SQLite file at once",
    () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const filename = join(dir, "store.db")
        const results = yield* runTogether([
          ["sqlite", filename, "migrate", "A"],
          ["sqlite", filename, "migrate", "B"]
        ])
        expect(results.map((r) => r.done.applied).sort()).toEqual([[], [1]])
        const rows = yield* Effect.provide(migrationRows, Layer.orDie(SqliteClient.layer({ filename })))
        expect(rows).toEqual([[1, "initial_schema"]])
      }).pipe(Effect.scoped),
    60_000
  )
})

describePg("PostgreSQL schema", () => {
  it.live("layerPg creates a missing schema and migrates into it; the tables land there, not in public", () =>
    Effect.gen(function* () {
      const admin = yield* adminClient
      const schema = uniqueSchema()
      yield* Effect.addFinalizer(() => Effect.ignore(admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`))
      yield* Effect.scoped(Layer.build(StorePg.layer({ url: pgUrl, schema })))
      const tables = yield* admin<{
        table_name: string
      }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema}`
      expect(tables.map((t) => t.table_name).sort()).toEqual(
        [...storeTables, "danvan_store_migrations"].sort()
      )
    }).pipe(Effect.scoped)
  )
})
