/**
 * A row is decoded once while it stays the same (`DecodedRows`), and never handed out stale: a
 * regime or a report changed through a second store on the same SQLite file or PostgreSQL schema
 * (another process, in production) is what the first store reads next, and a report's figure rows
 * follow an edit whichever engine compares the stored content.
 */
import { join } from "node:path"
import {
  Ids,
  ReferenceData,
  Regime,
  Report,
  ReportRepository,
  type Store,
  UnitRepository
} from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema, type Scope } from "effect"
import { StoreSql } from "../src/index.ts"
import * as DecodedRows from "../src/internal/DecodedRows.ts"
import { StorePg } from "../src/pg.ts"
import { SqliteClient } from "../src/sqlite.ts"
import { freshSchema, pgAvailable, pgUrl, SqlClient, tempDir } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

describe("DecodedRows.memo", () => {
  const Row = Schema.Struct({ id: Schema.String, n: Schema.Number })
  const counted = () => {
    let decodes = 0
    const decode = (row: { readonly id: string; readonly n: unknown }) =>
      Effect.suspend(() => {
        decodes++
        return typeof row.n === "number" ? Effect.succeed({ ...row }) : Effect.fail("bad row" as const)
      })
    return { decode, decodes: () => decodes }
  }

  it.effect("decodes a row once while every column stays the same, and again when one changes", () =>
    Effect.gen(function* () {
      const c = counted()
      const decode = DecodedRows.memo(c.decode, (r) => r.id)
      const first = yield* decode({ id: "a", n: 1 })
      expect(yield* decode({ id: "a", n: 1 })).toBe(first)
      expect(c.decodes()).toBe(1)
      expect(yield* decode({ id: "a", n: 2 })).toEqual({ id: "a", n: 2 })
      expect(c.decodes()).toBe(2)
      expect(yield* decode({ id: "a", n: 1 })).toEqual(Schema.decodeUnknownSync(Row)({ id: "a", n: 1 }))
      expect(c.decodes()).toBe(3)
    })
  )

  it.effect("remembers no failure, forgets the least recently used key past its capacity", () =>
    Effect.gen(function* () {
      const c = counted()
      const decode = DecodedRows.memo(c.decode, (r) => r.id, 2)
      expect(yield* Effect.flip(decode({ id: "bad", n: "x" }))).toBe("bad row")
      expect(yield* Effect.flip(decode({ id: "bad", n: "x" }))).toBe("bad row")
      expect(c.decodes()).toBe(2)
      yield* decode({ id: "a", n: 1 })
      yield* decode({ id: "b", n: 1 })
      yield* decode({ id: "a", n: 1 }) // a is now the most recently used
      yield* decode({ id: "c", n: 1 }) // forgets b
      expect(c.decodes()).toBe(5)
      yield* decode({ id: "a", n: 1 })
      expect(c.decodes()).toBe(5)
      yield* decode({ id: "b", n: 1 })
      expect(c.decodes()).toBe(6)
    })
  )
})

const r1 = Ids.ReportId.make("r1")

/** A store with the client under it (each build opens its own connections). */
type WithSql = Layer.Layer<Store.Store | SqlClient.SqlClient, unknown>

const overClient = (client: Layer.Layer<SqlClient.SqlClient, unknown>): WithSql =>
  StoreSql.layerFromClient().pipe(Layer.provideMerge(client))

/** Two stores over one database, both open at once, as two processes would have them. */
const twoStores = <A, E>(
  layer: WithSql,
  body: (
    first: <B, E2>(effect: Effect.Effect<B, E2, Store.Store | SqlClient.SqlClient>) => Effect.Effect<B, E2>,
    second: <B, E2>(effect: Effect.Effect<B, E2, Store.Store | SqlClient.SqlClient>) => Effect.Effect<B, E2>
  ) => Effect.Effect<A, E>
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const a = yield* Layer.build(layer)
      const b = yield* Layer.build(Layer.fresh(layer))
      return yield* body(
        (effect) => Effect.provideContext(effect, a),
        (effect) => Effect.provideContext(effect, b)
      )
    })
  )

const seen = (layer: () => Effect.Effect<WithSql, unknown, Scope.Scope>) =>
  Effect.gen(function* () {
    yield* twoStores(yield* layer(), (first, second) =>
      Effect.gen(function* () {
        const regime = yield* first(Effect.flatMap(ReferenceData, (r) => r.putRegime(Regime.defaults.party)))
        yield* first(Effect.flatMap(UnitRepository, (u) => u.insert(F.units)))
        yield* first(
          Effect.flatMap(ReportRepository, (r) =>
            r.insert(F.report("r1", "c1", 3, { status: "draft", achievements: "Bắt đầu" }))
          )
        )
        // The first store has read (and decoded) both rows; the second changes them.
        expect(yield* first(Effect.flatMap(ReferenceData, (r) => r.regime(regime.id)))).toEqual(regime)
        const before = yield* first(Effect.flatMap(ReportRepository, (r) => r.get(r1)))
        const later = new Regime.ReportingRegime({
          ...regime,
          deadlines: { ...regime.deadlines, commune: 4 }
        })
        const changed = yield* second(Effect.flatMap(ReferenceData, (r) => r.putRegime(later)))
        const edited = yield* second(
          Effect.flatMap(ReportRepository, (r) =>
            r.update(
              new Report.Report({
                ...before,
                content: new Report.ReportContent({
                  ...before.content,
                  figures: F.dvkFigures(5),
                  achievements: "Đã sửa"
                })
              })
            )
          )
        )
        expect(changed.version).toBe(2)
        expect(yield* first(Effect.flatMap(ReferenceData, (r) => r.regime(regime.id)))).toEqual(changed)
        const after = yield* first(Effect.flatMap(ReportRepository, (r) => r.get(r1)))
        expect(after).toEqual(edited)
        expect(after.content.achievements).toBe("Đã sửa")
        expect(after.version).toBe(2)
        // The edit rewrote the figure rows; a status change after it keeps them.
        const figureRows = first(
          Effect.flatMap(
            SqlClient.SqlClient,
            (sql) =>
              sql<{
                indicator: string
                value: unknown
              }>`SELECT indicator, value FROM report_figures WHERE report_id = ${r1} AND indicator = ${"models"}`
          )
        )
        expect((yield* figureRows).map((r) => Number(r.value))).toEqual([5])
        const submitted = yield* first(
          Effect.flatMap(ReportRepository, (r) =>
            r.update(new Report.Report({ ...after, status: "submitted" }))
          )
        )
        expect(submitted.version).toBe(3)
        expect((yield* figureRows).map((r) => Number(r.value))).toEqual([5])
        // A stale update through the first store is still refused with the version the store has.
        expect(
          yield* Effect.flip(first(Effect.flatMap(ReportRepository, (r) => r.update(after))))
        ).toMatchObject({ _tag: "VersionConflict", expected: 2, actual: 3 })
      })
    )
  })

describe("a row changed by another store is read as changed", () => {
  it.live(
    "SQLite file",
    () =>
      seen(() =>
        Effect.map(tempDir, (dir) => overClient(SqliteClient.layer({ filename: join(dir, "store.db") })))
      ).pipe(Effect.scoped),
    60_000
  )

  it.live.skipIf(!pgAvailable)(
    "PostgreSQL schema",
    () =>
      seen(() =>
        Effect.map(freshSchema, ({ schema }) =>
          overClient(PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 })))
        )
      ).pipe(Effect.scoped),
    60_000
  )
})
