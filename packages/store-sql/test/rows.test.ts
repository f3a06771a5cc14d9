/**
 * Each table's row codec (`internal/Rows.ts` and the `…Row` schemas of the repositories) is the one
 * place a record meets its columns: a record encoded into its row, handed back as each engine
 * returns it (SQLite's `1`/`0` for booleans, PostgreSQL's `bigint` for integers), decodes to the
 * same record; a row damaged by hand (text that is not JSON, a value the domain does not know, a
 * value of the wrong type) is `StoreCorrupt` naming its table and key.
 */
import {
  CommitteeRepository,
  DirectiveRepository,
  Ids,
  Report,
  ReportRepository,
  type Store,
  UnitRepository
} from "@danvan/core"
import { Arbitraries } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Result, Schema, SchemaParser } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import fc from "fast-check"
import * as Rows from "../src/internal/Rows.ts"
import { EntryRow } from "../src/repositories/Audit.ts"
import { CommitteeRow } from "../src/repositories/Committees.ts"
import { DirectiveRow } from "../src/repositories/Directives.ts"
import { CoordinationRow, ModelRow } from "../src/repositories/Models.ts"
import { FieldRow, RegimeRow, RuleRow } from "../src/repositories/Reference.ts"
import { ReportRow, RevisionRow } from "../src/repositories/Reports.ts"
import { SuccessionRow, UnitRow } from "../src/repositories/Units.ts"
import { describeEngine, engines, freshStoreWithSql } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

/** How the drivers hand a row back: as written, with SQLite's booleans, with PostgreSQL's `BIGINT`s. */
const asReturned = {
  written: (value: unknown) => value,
  sqlite: (value: unknown) => (value === true ? 1 : value === false ? 0 : value),
  pg: (value: unknown) => (typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value)
} as const

/** A row (with its child rows) with each column value changed as `driver` returns it. */
const returned = (row: unknown, driver: (value: unknown) => unknown): unknown =>
  Array.isArray(row)
    ? row.map((child) => returned(child, driver))
    : typeof row === "object" && row !== null
      ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, returned(v, driver)]))
      : driver(row)

/** Entity → row → entity, for each way a driver returns the row; the row names no absent key. */
const roundTrips = <A, I>(codec: Schema.Codec<A, I>, arbitrary: fc.Arbitrary<A>) =>
  fc.assert(
    fc.property(arbitrary, (value) => {
      const row = Schema.encodeSync(codec)(value)
      expect(Object.values(row as object)).not.toContain(undefined)
      for (const driver of Object.values(asReturned)) {
        const decoded = Schema.decodeUnknownResult(codec)(returned(row, driver))
        expect(Result.isSuccess(decoded) ? decoded.success : decoded.failure.message).toEqual(value)
      }
    })
  )

const unitId = Ids.UnitId.make("u-1")
const slot = fc.record({
  unitId: Arbitraries.id("unit").map(Ids.UnitId.make),
  periodId: Arbitraries.periodId,
  programme: Arbitraries.programme
})
const report = slot.chain((s) => Arbitraries.report(s))
const revision = fc
  .record({
    report,
    number: fc.integer({ min: 1, max: 40 }),
    at: Arbitraries.timestamp("2015-01-01", "2030-12-31"),
    by: Arbitraries.actor(unitId),
    onTime: fc.boolean()
  })
  .map(
    (r) =>
      new Report.ReportRevision({
        reportId: r.report.id,
        revision: r.number,
        content: r.report.content,
        submittedAt: r.at,
        submittedBy: r.by,
        onTime: r.onTime
      })
  )
const hierarchy = Arbitraries.hierarchy()

// Generating records is slow on a loaded machine; the properties keep fast-check's default runs.
describe("row codecs: entity → row → entity", { timeout: 120_000 }, () => {
  it("units with their parent links, and successions", () => {
    roundTrips(
      UnitRow,
      hierarchy.chain((h) => fc.constantFrom(...h.units))
    )
    roundTrips(
      SuccessionRow,
      hierarchy.filter((h) => h.successions.length > 0).chain((h) => fc.constantFrom(...h.successions))
    )
  })
  it("reports and revisions", () => {
    roundTrips(ReportRow, report)
    roundTrips(RevisionRow, revision)
  })
  it("directives, committees, models and coordination programmes", () => {
    roundTrips(DirectiveRow, Arbitraries.directive)
    roundTrips(CommitteeRow, Arbitraries.committee(unitId))
    roundTrips(ModelRow, Arbitraries.dvkModel(unitId))
    roundTrips(CoordinationRow, Arbitraries.coordination([unitId, Ids.UnitId.make("u-2")]))
  })
  it("reference data and audit entries", () => {
    roundTrips(FieldRow, Arbitraries.modelField)
    roundTrips(RegimeRow, Arbitraries.regime)
    roundTrips(RuleRow, Arbitraries.validationRule)
    roundTrips(EntryRow, Arbitraries.auditEntry(unitId))
  })
  it("a nullable column is NULL for an absent key, and an absent key when NULL", () => {
    const column = Schema.Struct({ until: Rows.nullable(Schema.String) })
    expect(Schema.encodeSync(column)({})).toEqual({ until: null })
    expect(Schema.decodeUnknownSync(column)({ until: null })).toEqual({})
    expect(Schema.decodeUnknownSync(column)({ until: "2025-07-01" })).toEqual({ until: "2025-07-01" })
  })
  it("a field is stored in its snake-case column unless the table renames it", () => {
    const row = Rows.columns({ unitId: Schema.String, order: Rows.Integer }, { order: "sort_order" })
    const encoded: { readonly unit_id: unknown; readonly sort_order: unknown } = Schema.encodeSync(row)({
      unitId: "u",
      order: 1
    })
    expect(encoded).toEqual({ unit_id: "u", sort_order: 1 })
    expect(Schema.decodeUnknownSync(row)({ unit_id: "u", sort_order: 2n })).toEqual({ unitId: "u", order: 2 })
  })
  it("a codec's SELECT list names its table's columns, not the child rows it nests", () => {
    expect(Rows.select(ReportRow, "r")).toBe(
      "r.id, r.unit_id, r.programme, r.period_id, r.regime_id, r.status, r.revision, r.content, r.events, r.version"
    )
    expect(Rows.select(UnitRow, "u", ["links"])).toBe(
      "u.id, u.type, u.name, u.code, u.valid_from, u.valid_until, u.version"
    )
  })
  it("integer and boolean columns refuse what no driver returns", () => {
    expect(Result.isFailure(Schema.decodeUnknownResult(Rows.Bool)(2))).toBe(true)
    expect(Result.isFailure(Schema.decodeUnknownResult(Rows.Bool)("true"))).toBe(true)
    expect(Schema.decodeUnknownSync(Rows.Integer)(7n)).toBe(7)
    expect(Schema.decodeUnknownSync(Rows.Integer)("7")).toBe(7)
    expect(Result.isFailure(Schema.decodeUnknownResult(Rows.Integer)(true))).toBe(true)
    expect(Result.isFailure(Schema.decodeUnknownResult(Rows.Integer)("two"))).toBe(true)
    expect(Result.isFailure(Schema.decodeUnknownResult(Rows.Integer)(1.5))).toBe(true)
  })

  // Rows.Json is Schema.fromJsonString's getters made eager (decision record 0067): the same values
  // and the same issues for every text and value, and the parse of good text is already an Exit,
  // so a row's decode needs no fiber of its own.
  const fromJsonString = Schema.fromJsonString(Schema.Unknown)
  const sameResult = (a: Result.Result<unknown, unknown>, b: Result.Result<unknown, unknown>) => {
    expect(Result.isSuccess(a)).toBe(Result.isSuccess(b))
    if (Result.isSuccess(a) && Result.isSuccess(b)) expect(a.success).toStrictEqual(b.success)
    else expect(String(Result.getFailure(a))).toBe(String(Result.getFailure(b)))
  }
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic

  it("a JSON column decodes and encodes as Schema.fromJsonString does", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.json(), fc.string(), fc.constantFrom("", "{", "[1,]", "NaN", "\u0000", '"\\ud800"')),
        (text) =>
          sameResult(
            Schema.decodeUnknownResult(Rows.Json)(text),
            Schema.decodeUnknownResult(fromJsonString)(text)
          )
      )
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom<unknown>(undefined, 1n, cyclic, () => 1, Symbol("s"))
        ),
        (value) =>
          sameResult(
            Schema.encodeUnknownResult(Rows.Json)(value),
            Schema.encodeUnknownResult(fromJsonString)(value)
          )
      )
    )
    expect(Result.isFailure(Schema.decodeUnknownResult(Rows.Json)(42))).toBe(true)
  })

  it("a JSON column's parse of good text is already an Exit (a damaged one may take a fiber)", () => {
    for (const text of ['{"a":[1,2]}', "[]", '"text"', "null"]) {
      expect(Exit.isExit(SchemaParser.decodeUnknownEffect(Rows.Json)(text))).toBe(true)
      expect(Exit.isExit(SchemaParser.decodeUnknownEffect(fromJsonString)(text))).toBe(false)
    }
    expect(Exit.isExit(SchemaParser.encodeUnknownEffect(Rows.Json)({ a: [1, "b"] }))).toBe(true)
  })
})

for (const engine of engines) {
  describeEngine(engine, () => {
    const seeded = <A, E>(effect: Effect.Effect<A, E, Store.Store | SqlClient.SqlClient>) =>
      Effect.gen(function* () {
        yield* (yield* UnitRepository).insert(F.units)
        yield* (yield* UnitRepository).insertSuccessions(F.merger)
        yield* (yield* CommitteeRepository).insert(F.committee("k1", "p"))
        yield* (yield* DirectiveRepository).insert(F.directive("d1", 54))
        yield* (yield* ReportRepository).insert(F.report("r1", "c1", 3))
        return yield* effect
      }).pipe(Effect.provide(freshStoreWithSql(engine)))

    it.effect("a damaged row is StoreCorrupt naming its table and key: bad JSON, bad enum, wrong type", () =>
      seeded(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const committees = yield* CommitteeRepository
          const directives = yield* DirectiveRepository
          const units = yield* UnitRepository

          yield* sql`UPDATE committees SET programmes = ${"[QCDC"} WHERE id = ${"k1"}`
          const json = yield* Effect.flip(committees.get(Ids.CommitteeId.make("k1")))
          expect(json).toMatchObject({ _tag: "StoreCorrupt", location: "table committees, key k1" })
          expect(json.message).toContain("table committees, key k1")

          yield* sql`UPDATE successions SET kind = ${"teleport"} WHERE id = ${"s-c1"}`
          const kind = yield* Effect.flip(units.successions({ successorId: F.unitId("c12") }))
          expect(kind).toMatchObject({ _tag: "StoreCorrupt", location: "table successions, key s-c1" })
          expect(kind.message).toContain(`["kind"]`)

          yield* sql`UPDATE directives SET tasks = ${'"not a list"'} WHERE id = ${"d1"}`
          const tasks = yield* Effect.flip(directives.get(Ids.DirectiveId.make("d1")))
          expect(tasks).toMatchObject({ _tag: "StoreCorrupt", location: "table directives, key d1" })
          expect(tasks.message).toContain("tasks")
        })
      )
    )

    if (engine !== "pg") {
      // SQLite keeps whatever a column is given; PostgreSQL refuses these writes itself.
      it.effect("SQLite: a boolean column holding 2, an integer column holding text", () =>
        seeded(
          Effect.gen(function* () {
            const sql = yield* SqlClient.SqlClient
            yield* sql`UPDATE successions SET carries_history = ${2} WHERE id = ${"s-c2"}`
            const flag = yield* Effect.flip(
              (yield* UnitRepository).successions({ predecessorId: F.unitId("c2") })
            )
            expect(flag).toMatchObject({ _tag: "StoreCorrupt", location: "table successions, key s-c2" })
            yield* sql`UPDATE units SET version = ${"one"} WHERE id = ${"c3"}`
            const version = yield* Effect.flip((yield* UnitRepository).get(F.unitId("c3")))
            expect(version).toMatchObject({ _tag: "StoreCorrupt", location: "table units, key c3" })
            expect(version.message).toContain("version")
            // Removing reads the report's state back to say why it was not removed: decoded too.
            yield* sql`UPDATE reports SET revision = ${"two"} WHERE id = ${"r1"}`
            const state = yield* Effect.flip((yield* ReportRepository).remove(Ids.ReportId.make("r1"), 1))
            expect(state).toMatchObject({ _tag: "StoreCorrupt", location: "table reports, key r1" })
          })
        )
      )
    }
  })
}
