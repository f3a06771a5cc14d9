/**
 * Issues 12 and 14: every failure of the SQL adapters is a typed store error whose message names
 * the real cause in words (a missing folder or database, a refused connection, a permission, a
 * lock), says whether a retry may succeed, and leaves nothing half-written; a PostgreSQL connection
 * lost in the middle of a transaction, and a rollback that cannot run, included.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type Store, type StoreError, UnitOfWork, UnitRepository } from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { StoreSql } from "../src/index.ts"
import { StorePg } from "../src/pg.ts"
import { StoreSqlite } from "../src/sqlite.ts"
import { adminClient, describePg, freshSchema, pgUrl, tempDir } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

/** Builds a layer and gives its failure (the layer is released at once). */
const buildError = <A>(layer: Layer.Layer<A, StoreError.StoreFailure>) =>
  Effect.flip(Effect.scoped(Layer.build(layer)))

const withStore = <A, E>(layer: Store.StoreLayer, effect: Effect.Effect<A, E, Store.Store>) =>
  Effect.scoped(Effect.flatMap(Layer.build(layer), (context) => Effect.provideContext(effect, context)))

const insertProvince = Effect.flatMap(UnitRepository, (units) => units.insert([F.province]))

describe("SQLite: the file and its folder", () => {
  it.live("the layer creates the database's folder, however deep, and the store works", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDir, "data", "ninh-binh", "2017", "danvan.db")
      expect(yield* withStore(StoreSqlite.layer({ filename }), insertProvince)).toHaveLength(1)
      const units = yield* withStore(
        StoreSqlite.layer({ filename }),
        Effect.flatMap(UnitRepository, (r) => r.list({}))
      )
      expect(units.items.map((u) => u.id)).toEqual([F.province.id])
    }).pipe(Effect.scoped)
  )

  it.live("a folder that cannot be created (a file in the way) is StoreUnavailable naming the folder", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      writeFileSync(join(dir, "data"), "not a folder")
      const error = yield* buildError(StoreSqlite.layer({ filename: join(dir, "data", "x", "danvan.db") }))
      expect(error).toMatchObject({ _tag: "StoreUnavailable", isRetryable: false })
      expect(error.message).toContain(`cannot create the folder ${join(dir, "data", "x")}`)
    }).pipe(Effect.scoped)
  )

  it.live(
    "read-only: a missing file is MissingDatabase, a missing folder MissingFolder; nothing is created",
    () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const missingFile = yield* buildError(
          StoreSqlite.layer({ filename: join(dir, "none.db"), readonly: true })
        )
        expect(missingFile).toMatchObject({ _tag: "StoreUnavailable", reason: "MissingDatabase" })
        expect(missingFile.message).toContain(join(dir, "none.db"))
        expect(missingFile.message).toContain("read-only")
        const missingFolder = yield* buildError(
          StoreSqlite.layer({ filename: join(dir, "nowhere", "none.db"), readonly: true })
        )
        expect(missingFolder).toMatchObject({ _tag: "StoreUnavailable", reason: "MissingFolder" })
        expect(missingFolder.message).toContain(join(dir, "nowhere"))
      }).pipe(Effect.scoped)
  )

  it.live("a path that is a folder is StoreUnavailable saying so", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      mkdirSync(join(dir, "store.db"))
      const error = yield* buildError(StoreSqlite.layer({ filename: join(dir, "store.db") }))
      expect(error._tag).toBe("StoreUnavailable")
      expect(error.message).toContain("is a folder, not a database file")
    }).pipe(Effect.scoped)
  )

  it.live("a write to a store opened read-only is StoreUnavailable (ReadOnly), and nothing changes", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDir, "store.db")
      yield* withStore(StoreSqlite.layer({ filename }), insertProvince)
      const error = yield* Effect.flip(
        withStore(
          StoreSqlite.layer({ filename, readonly: true }),
          Effect.flatMap(UnitRepository, (units) => units.insert([F.units[1]!]))
        )
      )
      expect(error).toMatchObject({ _tag: "StoreUnavailable", reason: "ReadOnly", isRetryable: false })
      const units = yield* withStore(
        StoreSqlite.layer({ filename, readonly: true }),
        Effect.flatMap(UnitRepository, (r) => r.list({}))
      )
      expect(units.items).toHaveLength(1)
    }).pipe(Effect.scoped)
  )
})

describePg("PostgreSQL: reaching the server", () => {
  it.live(
    "a port where nothing listens is ConnectionRefused, retryable, naming host and port",
    () =>
      Effect.gen(function* () {
        const error = yield* buildError(
          StorePg.layer({
            url: Redacted.make("postgres://postgres@127.0.0.1:1/postgres"),
            connectTimeout: "2 seconds"
          })
        )
        expect(error).toMatchObject({
          _tag: "StoreUnavailable",
          reason: "ConnectionRefused",
          isRetryable: true
        })
        expect(error.message).toContain("127.0.0.1:1")
        expect(error.message).toContain("ECONNREFUSED")
      }),
    30_000
  )

  it.live("a database that does not exist is MissingDatabase, naming it, not retryable", () =>
    Effect.gen(function* () {
      const url = new URL(pgUrl)
      url.pathname = "/danvan_no_such_database"
      const error = yield* buildError(StorePg.layer({ url: url.toString(), connectTimeout: "5 seconds" }))
      expect(error).toMatchObject({ _tag: "StoreUnavailable", reason: "MissingDatabase", isRetryable: false })
      expect(error.message).toContain('database "danvan_no_such_database" does not exist')
      expect(error.message).toContain(
        `PostgreSQL at ${url.hostname}:${url.port || "5432"}/danvan_no_such_database`
      )
    })
  )

  it.live("a user the server does not know is AuthenticationFailed", () =>
    Effect.gen(function* () {
      const url = new URL(pgUrl)
      url.username = "danvan_no_such_role"
      url.password = ""
      const error = yield* buildError(StorePg.layer({ url: url.toString(), connectTimeout: "5 seconds" }))
      expect(error).toMatchObject({ _tag: "StoreUnavailable", reason: "AuthenticationFailed" })
      expect(error.message).toContain("danvan_no_such_role")
    })
  )
})

describePg("PostgreSQL: a connection lost in the middle of a transaction", () => {
  /** The backend serving the current transaction, then killed from another connection. */
  const terminateOwnBackend = Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const rows = yield* sql<{ pid: unknown }>`SELECT pg_backend_pid() AS pid`
    const admin = yield* adminClient
    yield* admin`SELECT pg_terminate_backend(${Number(rows[0]?.pid)})`
  })

  /** The store over a pool, with the pool's client beside it (so a test can ask which backend it uses). */
  const storeWithClient = (schema: string) =>
    StoreSql.layerFromClient().pipe(
      Layer.provideMerge(
        Layer.orDie(PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 })))
      )
    )

  const unitCount = (schema: string) =>
    Effect.flatMap(adminClient, (admin) =>
      Effect.map(admin<{ n: unknown }>`SELECT COUNT(*) AS n FROM ${admin(schema)}.units`, (rows) =>
        Number(rows[0]?.n)
      )
    )

  /**
   * A store over a fresh schema, and the exit of a transaction that inserts a unit, has its backend
   * killed, and then does `after`.
   */
  const losingTheConnection = <E>(after: Effect.Effect<unknown, E, Store.Store>) =>
    Effect.gen(function* () {
      const { schema } = yield* freshSchema
      const context = yield* Layer.build(storeWithClient(schema))
      const exit = yield* Effect.exit(
        Effect.provideContext(
          Effect.flatMap(UnitOfWork, (uow) =>
            uow.transaction(
              Effect.gen(function* () {
                yield* insertProvince
                yield* terminateOwnBackend
                return yield* after
              })
            )
          ),
          context
        )
      )
      return { schema, context, exit }
    })

  it.live(
    "is StoreUnavailable (ConnectionLost, retryable); nothing was written; the next operation works",
    () =>
      Effect.gen(function* () {
        const { schema, context, exit } = yield* losingTheConnection(
          Effect.flatMap(UnitRepository, (units) => units.insert([F.units[1]!]))
        )
        expect(exit._tag === "Failure" && exit.cause.reasons[0]).toMatchObject({
          error: { _tag: "StoreUnavailable", reason: "ConnectionLost", isRetryable: true }
        })
        expect(yield* unitCount(schema)).toBe(0)
        // The pool replaces the dead connection: the same store goes on.
        expect(yield* Effect.provideContext(insertProvince, context)).toHaveLength(1)
        expect(yield* unitCount(schema)).toBe(1)
      }).pipe(Effect.scoped)
  )

  it.live("a rollback that cannot run (the connection is gone) is a typed failure, not a defect", () =>
    Effect.gen(function* () {
      // The transaction fails without touching the connection: only its ROLLBACK finds it gone.
      const { schema, context, exit } = yield* losingTheConnection(
        Effect.fail(new Error("the use case refused"))
      )
      expect(exit._tag).toBe("Failure")
      if (exit._tag === "Failure") {
        expect(exit.cause.reasons.every((r) => r._tag === "Fail")).toBe(true)
        expect(exit.cause.reasons[0]).toMatchObject({
          error: { _tag: "StoreUnavailable", reason: "ConnectionLost" }
        })
      }
      expect(yield* unitCount(schema)).toBe(0)
      expect(yield* Effect.provideContext(insertProvince, context)).toHaveLength(1)
    }).pipe(Effect.scoped)
  )
})
