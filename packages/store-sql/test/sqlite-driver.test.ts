/**
 * The small SQLite driver: the connection settings it promises (WAL for files, foreign keys,
 * `synchronous = FULL`, SQLite's own busy wait off), transactions and savepoints through Effect's
 * `SqlClient`, binding of values SQLite has no type for, integers beyond 2^53, rows as objects of
 * their columns alone (following a table that changes under a cached statement), and a lock held by
 * another connection reported as unavailable, not as a hang.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { SqliteClient, StoreSqlite } from "../src/sqlite.ts"
import { tempDir } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const pragma = (name: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(
      sql.unsafe<Record<string, unknown>>(`PRAGMA ${name}`),
      (rows) => Object.values(rows[0] ?? {})[0]
    )
  )

describe("SqliteClient", () => {
  it.effect("a file is opened in WAL mode, foreign keys on, synchronous FULL, SQLite's busy wait off", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDir, "driver.db")
      const settings = yield* Effect.all([
        pragma("journal_mode"),
        pragma("foreign_keys"),
        pragma("synchronous"),
        pragma("busy_timeout"),
        pragma("cache_size")
      ]).pipe(Effect.provide(SqliteClient.layer({ filename, busyTimeoutMillis: 1234 })))
      // synchronous 2 is FULL: a commit is on disk before it returns. The busy wait is the driver's own.
      expect(settings).toEqual(["wal", 1, 2, 0, -16000])
    }).pipe(Effect.scoped)
  )

  it.effect("an in-memory database has foreign keys on", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      expect(sql.driver).toBe(SqliteClient.driverName)
      expect(sql.onDialectOrElse({ sqlite: () => "sqlite", orElse: () => "other" })).toBe("sqlite")
      expect(yield* pragma("foreign_keys")).toBe(1)
      expect(yield* pragma("journal_mode")).toBe("memory")
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" })))
  )

  it.effect("transactions commit or roll back; a failed savepoint keeps the outer writes", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE t (id INTEGER PRIMARY KEY, flag BOOLEAN, at TEXT, note TEXT)`
      yield* Effect.flip(
        sql.withTransaction(Effect.andThen(sql`INSERT INTO t (id) VALUES (1)`, Effect.fail("no")))
      )
      expect(yield* sql`SELECT id FROM t`).toEqual([])
      yield* sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`INSERT INTO t (id) VALUES (2)`
          yield* Effect.ignore(
            sql.withTransaction(Effect.andThen(sql`INSERT INTO t (id) VALUES (3)`, Effect.fail("inner")))
          )
        })
      )
      expect(yield* sql`SELECT id FROM t ORDER BY id`).toEqual([{ id: 2 }])
      yield* sql`INSERT INTO t ${sql.insert({ id: 4, flag: true, at: new Date("2017-06-19T00:00:00.000Z"), note: undefined })}`
      expect(yield* sql`SELECT flag, at, note FROM t WHERE id = 4`).toEqual([
        { flag: 1, at: "2017-06-19T00:00:00.000Z", note: null }
      ])
      expect(yield* sql`SELECT id FROM t WHERE flag = ${true}`.values).toEqual([[4]])
      const error = yield* Effect.flip(sql`INSERT INTO t (id) VALUES (2)`)
      expect(error.reason._tag).toBe("ConstraintError")
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" })))
  )

  it.live("a write lock held by another connection past the busy timeout is StoreUnavailable", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDir, "locked.db")
      const context = yield* Layer.build(StoreSqlite.layer({ filename, busyTimeoutMillis: 100 }))
      const insert = Effect.provideContext(
        Effect.gen(function* () {
          return yield* (yield* UnitRepository).insert([F.province])
        }),
        context
      )
      const other = new DatabaseSync(filename)
      other.exec("BEGIN IMMEDIATE")
      const error = yield* Effect.flip(insert)
      expect(error).toMatchObject({ _tag: "StoreUnavailable", reason: "Locked", isRetryable: true })
      expect(error.message).toContain("locked")
      other.exec("ROLLBACK")
      other.close()
      expect(yield* insert).toHaveLength(1)
    }).pipe(Effect.scoped)
  )

  it.effect("integers beyond 2^53 are read exactly, as bigint; smaller ones as numbers", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const rows = yield* sql<{ big: unknown; small: unknown }>`SELECT 9007199254740993 AS big, 42 AS small`
      expect(rows).toEqual([{ big: 9007199254740993n, small: 42 }])
      expect(yield* sql`SELECT 9007199254740993 AS big`.values).toEqual([[9007199254740993n]])
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" })))
  )

  it.effect("rows hold their columns only, and follow a table that gains a column", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const [odd] = yield* sql<Record<string, unknown>>`SELECT 1 AS "__proto__", 2 AS "constructor", 3 AS a`
      expect(Object.keys(odd ?? {})).toEqual(["__proto__", "constructor", "a"])
      expect(Object.getOwnPropertyDescriptor(odd, "__proto__")?.value).toBe(1)
      expect("toString" in (odd ?? {})).toBe(false)
      yield* sql`CREATE TABLE t (a INTEGER, b TEXT)`
      yield* sql`INSERT INTO t (a, b) VALUES (1, 'x')`
      const all = sql<Record<string, unknown>>`SELECT * FROM t`
      expect(yield* all).toEqual([{ a: 1, b: "x" }])
      // The same statement, prepared once and cached, after the table changed under it.
      yield* sql`ALTER TABLE t ADD COLUMN c TEXT`
      expect(yield* all).toEqual([{ a: 1, b: "x", c: null }])
      yield* sql`ALTER TABLE t DROP COLUMN a`
      expect(yield* all).toEqual([{ b: "x", c: null }])
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" })))
  )

  it.effect("a full statement cache forgets the statement run least recently", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const prepared: Array<string> = []
      const prepare = DatabaseSync.prototype.prepare
      const run = (text: string) => Effect.asVoid(sql.unsafe(text))
      yield* Effect.acquireUseRelease(
        Effect.sync(() => {
          DatabaseSync.prototype.prepare = function (this: DatabaseSync, text: string) {
            prepared.push(text)
            return prepare.call(this, text)
          }
        }),
        () =>
          Effect.gen(function* () {
            // Two statements kept: a was run again after b, so c displaces b.
            yield* run("SELECT 1 AS a")
            yield* run("SELECT 2 AS b")
            yield* run("SELECT 1 AS a")
            yield* run("SELECT 3 AS c")
            expect(prepared).toEqual(["SELECT 1 AS a", "SELECT 2 AS b", "SELECT 3 AS c"])
            yield* run("SELECT 1 AS a")
            yield* run("SELECT 3 AS c")
            expect(prepared).toHaveLength(3)
            yield* run("SELECT 2 AS b")
            expect(prepared).toEqual(["SELECT 1 AS a", "SELECT 2 AS b", "SELECT 3 AS c", "SELECT 2 AS b"])
            // Every one still gives its rows.
            expect(yield* sql.unsafe("SELECT 1 AS a")).toEqual([{ a: 1 }])
          }),
        () =>
          Effect.sync(() => {
            DatabaseSync.prototype.prepare = prepare
          })
      )
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:", statementCacheSize: 2 })))
  )

  it.effect("a file that is not a database is StoreCorrupt, and is left as it was", () =>
    Effect.gen(function* () {
      const filename = join(yield* tempDir, "notes.db")
      writeFileSync(filename, "Biên bản họp ngày 16/6/2017 — not a database\n".repeat(200))
      const before = readFileSync(filename)
      const error = yield* Effect.flip(Effect.scoped(Layer.build(StoreSqlite.layer({ filename }))))
      expect(error._tag).toBe("StoreCorrupt")
      expect(readFileSync(filename).equals(before)).toBe(true)
    }).pipe(Effect.scoped)
  )
})
