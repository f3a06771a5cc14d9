/**
 * A row is decoded once while it stays the same (`DecodedRows`), and never handed out stale: a
 * regime or a report changed through a second store on the same SQLite file or PostgreSQL schema
 * (another process, in production) is what the first store reads next, and a report's figure rows
 * follow an edit whichever engine compares the stored content.
 */
import { join } from "node:path"
import {
  CalendarDate,
  Directive,
  DirectiveRepository,
  Ids,
  ReferenceData,
  Regime,
  Report,
  ReportRepository,
  type Store,
  StoreError,
  Unit,
  UnitRepository
} from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema, type Scope } from "effect"
import { StoreSql } from "../src/index.ts"
import * as DecodedRows from "../src/internal/DecodedRows.ts"
import { StorePg } from "../src/pg.ts"
import { SqliteClient } from "../src/sqlite.ts"
import {
  describeEngine,
  engines,
  freshSchema,
  freshStoreWithSql,
  pgAvailable,
  pgUrl,
  SqlClient,
  tempDir
} from "./support/engines.ts"
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

describe("DecodedRows.memoDecoder", () => {
  type Raw = {
    readonly id: string
    readonly n: unknown
    readonly links: ReadonlyArray<{ readonly to: string }>
  }
  const counted = () => {
    const batches: Array<ReadonlyArray<string>> = []
    const decodeOne = (row: Raw) =>
      typeof row.n === "number"
        ? Effect.succeed({ id: row.id, n: row.n, to: row.links.map((l) => l.to) })
        : Effect.fail(new StoreError.StoreCorrupt({ location: `table t, key ${row.id}`, reason: "bad" }))
    const decoder = Object.assign(decodeOne, {
      all: (rows: ReadonlyArray<Raw>) => {
        batches.push(rows.map((r) => r.id))
        return Effect.forEach(rows, decodeOne)
      }
    })
    return { decoder, batches }
  }

  it.effect("decodes only the rows it has not seen as they are, in one batch, keeping the order", () =>
    Effect.gen(function* () {
      const c = counted()
      const decode = DecodedRows.memoDecoder(c.decoder, (r) => r.id, 10)
      const rows = (n: number, to: string): ReadonlyArray<Raw> => [
        { id: "a", n: 1, links: [{ to: "p" }] },
        { id: "b", n, links: [{ to }] },
        { id: "c", n: 3, links: [] }
      ]
      const first = yield* decode.all(rows(2, "p"))
      expect(c.batches).toEqual([["a", "b", "c"]])
      const again = yield* decode.all(rows(2, "p"))
      expect(c.batches).toHaveLength(1)
      expect(again[0]).toBe(first[0])
      expect(again[2]).toBe(first[2])
      // A changed column, then a changed child row: only that row is decoded again.
      expect((yield* decode.all(rows(5, "p"))).map((x) => x.n)).toEqual([1, 5, 3])
      expect((yield* decode.all(rows(5, "q"))).map((x) => x.to)).toEqual([["p"], ["q"], []])
      expect(c.batches).toEqual([["a", "b", "c"], ["b"], ["b"]])
      // One child row more, and a single-row read, share what was remembered.
      const more = yield* decode.all([{ id: "c", n: 3, links: [{ to: "p" }] }])
      expect(more[0]?.to).toEqual(["p"])
      expect(yield* decode({ id: "c", n: 3, links: [{ to: "p" }] })).toBe(more[0])
      expect(c.batches).toHaveLength(4)
    })
  )

  it.effect("a row that fails is named and never remembered, even if it read well before", () =>
    Effect.gen(function* () {
      const c = counted()
      const decode = DecodedRows.memoDecoder(c.decoder, (r) => r.id, 10)
      yield* decode.all([{ id: "a", n: 1, links: [] }])
      const damaged = { id: "a", n: "x", links: [] }
      expect(yield* Effect.flip(decode.all([damaged]))).toMatchObject({ location: "table t, key a" })
      expect(yield* Effect.flip(decode(damaged))).toMatchObject({ location: "table t, key a" })
      expect(c.batches).toHaveLength(2)
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

const asOf = CalendarDate.unsafeFromString("2020-01-01")

/** Units (through the jurisdiction, a list and a read by id) and directives, as the first store reads them. */
const readUnitsAndDirectives = Effect.gen(function* () {
  const units = yield* UnitRepository
  const directives = yield* DirectiveRepository
  const jurisdiction = yield* units.jurisdiction(F.unitId("p"), asOf)
  const listed = yield* units.list({})
  const one = yield* units.get(F.unitId("c1"))
  const inForce = yield* directives.inForce(asOf)
  const all = yield* directives.list({})
  return { jurisdiction: jurisdiction.items, listed: listed.items, one, inForce, all: all.items }
})

const seedUnitsAndDirectives = Effect.gen(function* () {
  yield* (yield* UnitRepository).insert(F.units)
  yield* (yield* DirectiveRepository).insert(F.directive("d1", 1))
  yield* (yield* DirectiveRepository).insert(F.directive("d2", 2))
})

const unitsAndDirectivesSeen = (layer: () => Effect.Effect<WithSql, unknown, Scope.Scope>) =>
  Effect.gen(function* () {
    yield* twoStores(yield* layer(), (first, second) =>
      Effect.gen(function* () {
        yield* first(seedUnitsAndDirectives)
        const before = yield* first(readUnitsAndDirectives)
        expect(before.jurisdiction.find((u) => u.id === "c1")?.name).toBe("Ninh Hải")
        expect(yield* first(readUnitsAndDirectives)).toEqual(before)
        // The second store renames a commune, moves another under the province, retitles a directive.
        const c1 = yield* second(Effect.flatMap(UnitRepository, (u) => u.get(F.unitId("c1"))))
        yield* second(
          Effect.flatMap(UnitRepository, (u) => u.update(new Unit.Unit({ ...c1, name: "Ninh Hải mới" })))
        )
        const c2 = yield* second(Effect.flatMap(UnitRepository, (u) => u.get(F.unitId("c2"))))
        yield* second(
          Effect.flatMap(UnitRepository, (u) =>
            u.update(
              new Unit.Unit({ ...c2, parents: [{ parentId: F.unitId("p"), from: c2.parents[0]!.from }] })
            )
          )
        )
        const d1 = yield* second(
          Effect.flatMap(DirectiveRepository, (d) => d.get(Ids.DirectiveId.make("d1")))
        )
        yield* second(
          Effect.flatMap(DirectiveRepository, (d) =>
            d.update(new Directive.Directive({ ...d1, title: "Tiêu đề mới" }))
          )
        )
        const after = yield* first(readUnitsAndDirectives)
        for (const units of [after.jurisdiction, after.listed]) {
          expect(units.find((u) => u.id === "c1")).toMatchObject({ name: "Ninh Hải mới", version: 2 })
          expect(units.find((u) => u.id === "c2")?.parents[0]?.parentId).toBe("p")
        }
        expect(after.one).toMatchObject({ name: "Ninh Hải mới", version: 2 })
        for (const directives of [after.inForce, after.all])
          expect(directives.find((d) => d.id === "d1")).toMatchObject({ title: "Tiêu đề mới", version: 2 })
        // What did not change is still what was read before.
        expect(after.jurisdiction.find((u) => u.id === "c3")).toEqual(
          before.jurisdiction.find((u) => u.id === "c3")
        )
      })
    )
  })

describe("a unit or directive changed by another store is read as changed", () => {
  it.live(
    "SQLite file",
    () =>
      unitsAndDirectivesSeen(() =>
        Effect.map(tempDir, (dir) => overClient(SqliteClient.layer({ filename: join(dir, "store.db") })))
      ).pipe(Effect.scoped),
    60_000
  )

  it.live.skipIf(!pgAvailable)(
    "PostgreSQL schema",
    () =>
      unitsAndDirectivesSeen(() =>
        Effect.map(freshSchema, ({ schema }) =>
          overClient(PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 })))
        )
      ).pipe(Effect.scoped),
    60_000
  )
})

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect("a unit or directive changed by hand after it was read is read as changed, or as corrupt", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        yield* seedUnitsAndDirectives
        const read = yield* readUnitsAndDirectives
        // Read again unchanged: the same records, not decoded again (every column compared equal).
        const again = yield* readUnitsAndDirectives
        again.jurisdiction.forEach((u, i) => {
          expect(u).toBe(read.jurisdiction[i])
        })
        expect(again.listed.find((u) => u.id === "c1")).toBe(read.one)
        again.inForce.forEach((d, i) => {
          expect(d).toBe(read.inForce[i])
        })
        expect(again.all.find((d) => d.id === "d2")).toBe(read.inForce.find((d) => d.id === "d2"))
        expect(Object.isFrozen(read.one.parents)).toBe(true)
        yield* sql`UPDATE units SET name = ${"Ninh Hải (sửa tay)"} WHERE id = ${"c1"}`
        yield* sql`UPDATE unit_parent SET parent_id = ${"p"} WHERE unit_id = ${"c2"}`
        yield* sql`UPDATE directives SET title = ${"Sửa tay"} WHERE id = ${"d2"}`
        const edited = yield* readUnitsAndDirectives
        expect(edited.jurisdiction.find((u) => u.id === "c1")?.name).toBe("Ninh Hải (sửa tay)")
        expect(edited.one.name).toBe("Ninh Hải (sửa tay)")
        for (const units of [edited.listed, edited.jurisdiction])
          expect(units.find((u) => u.id === "c2")?.parents[0]?.parentId).toBe("p")
        expect(edited.inForce.find((d) => d.id === "d2")?.title).toBe("Sửa tay")
        // Rows remembered in a good state, then damaged: StoreCorrupt naming the table and key.
        yield* sql`UPDATE units SET name = ${""} WHERE id = ${"c1"}`
        const units = yield* UnitRepository
        for (const read of [
          Effect.asVoid(units.jurisdiction(F.unitId("p"), asOf)),
          Effect.asVoid(units.list({})),
          Effect.asVoid(units.get(F.unitId("c1")))
        ])
          expect(yield* Effect.flip(read)).toMatchObject({
            _tag: "StoreCorrupt",
            location: "table units, key c1"
          })
        yield* sql`UPDATE directives SET programme = ${"Nothing"} WHERE id = ${"d2"}`
        const directives = yield* DirectiveRepository
        for (const read of [
          Effect.asVoid(directives.inForce(asOf)),
          Effect.asVoid(directives.list({})),
          Effect.asVoid(directives.get(Ids.DirectiveId.make("d2")))
        ])
          expect(yield* Effect.flip(read)).toMatchObject({
            _tag: "StoreCorrupt",
            location: "table directives, key d2"
          })
        // Put back as they were read, they read again.
        yield* sql`UPDATE units SET name = ${"Ninh Hải (sửa tay)"} WHERE id = ${"c1"}`
        yield* sql`UPDATE directives SET programme = ${"QCDC"} WHERE id = ${"d2"}`
        expect(yield* readUnitsAndDirectives).toEqual(edited)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )
  })
}
