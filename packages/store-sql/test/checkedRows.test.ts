/**
 * Bulk inserts encode a record `Checked` decoded with the checks off (decision record 0042): the
 * rows they write must be the rows the same record built with constructors gets, column for
 * column, in every table; a record that only looks checked is still checked.
 */
import {
  Checked,
  Directive,
  DirectiveRepository,
  DvkModel,
  ModelRepository,
  Report,
  ReportRepository,
  StoreError,
  Succession,
  Unit,
  UnitRepository
} from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { describeEngine, engines, freshStoreWithSql, SqlClient, storeTables } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

/** A record as an application holds it after decoding its input once at the boundary. */
const checked = <S extends Schema.Codec<unknown, unknown>>(schema: S, record: S["Type"]): S["Type"] =>
  Checked.decodeUnknownSync(schema)(Schema.encodeUnknownSync(schema)(record))

const same = <S extends Schema.Codec<unknown, unknown>>(_: S, record: S["Type"]): S["Type"] => record

const revision = (of: Report.Report, n: number) =>
  new Report.ReportRevision({
    reportId: of.id,
    revision: n,
    content: of.content,
    submittedAt: F.at("2017-06-10T01:00:00.000Z"),
    submittedBy: F.officer(of.unitId),
    onTime: n === 1
  })

/** Imports one batch of every kind with the bulk writes, each record given through `as`. */
const importAll = (as: typeof checked) =>
  Effect.gen(function* () {
    const r1 = F.report("r1", "c1", 3, { extra: { volunteers: 12 } })
    const r2 = F.report("r2", "c2", 0, { status: "draft", achievements: "Vận động nhân dân hiến đất" })
    yield* (yield* UnitRepository).insert(F.units.map((u) => as(Unit.Unit, u)))
    yield* (yield* UnitRepository).insertSuccessions(F.merger.map((s) => as(Succession.Succession, s)))
    yield* (yield* ModelRepository).insert([
      as(DvkModel.DvkModel, F.model("m1", "c1")),
      as(
        DvkModel.DvkModel,
        new DvkModel.DvkModel({ ...F.model("m2", "c2"), replicaOf: F.model("m1", "c1").id })
      )
    ])
    yield* (yield* ReportRepository).insertMany(
      [as(Report.Report, r1), as(Report.Report, r2)],
      [revision(r1, 1)].map((v) => as(Report.ReportRevision, v))
    )
    yield* (yield* DirectiveRepository).insertMany([
      as(Directive.Directive, F.directive("d1", 1)),
      as(Directive.Directive, F.directive("d2", 2, { replaces: ["d1"] }))
    ])
  })

/**
 * Every row of every table, in a fixed order, without the directives' change stamps: the database
 * gives those itself (at random on SQLite, decision record 0054), whatever was written.
 */
const dump = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const out: Record<string, ReadonlyArray<unknown>> = {}
  for (const table of storeTables) {
    const rows = yield* sql<Record<string, unknown>>`SELECT * FROM ${sql(table)}`
    out[table] = rows
      .map(({ change_stamp: _, ...row }) =>
        JSON.stringify(row, (_, v) => (typeof v === "bigint" ? String(v) : v))
      )
      .sort()
  }
  return out
})

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect("records Checked decoded are written as the same rows as records built with constructors", () =>
      Effect.gen(function* () {
        const viaChecked = yield* Effect.provide(
          Effect.andThen(importAll(checked), dump),
          freshStoreWithSql(engine)
        )
        const viaConstructors = yield* Effect.provide(
          Effect.andThen(importAll(same), dump),
          freshStoreWithSql(engine)
        )
        expect(viaChecked).toEqual(viaConstructors)
        for (const table of ["units", "unit_parent", "successions", "models", "reports", "report_figures"])
          expect(viaChecked[table]?.length, table).toBeGreaterThan(0)
        for (const table of ["report_revisions", "directives", "directive_replaces"])
          expect(viaChecked[table]?.length, table).toBeGreaterThan(0)
      })
    )

    it.effect("a frozen record built without checks is checked, and refused when it breaks its schema", () =>
      Effect.gen(function* () {
        yield* (yield* UnitRepository).insert(F.units)
        const good = checked(Report.Report, F.report("r1", "c1", 3))
        const r2 = F.report("r2", "c2", 3)
        const content = new Report.ReportContent(
          { ...r2.content, achievements: "Hoàn thành kế hoạch".normalize("NFD") },
          { disableChecks: true }
        )
        const forged = Object.freeze(new Report.Report({ ...r2, content }, { disableChecks: true }))
        const error = yield* Effect.flip((yield* ReportRepository).insertMany([good, forged], []))
        expect(error).toBeInstanceOf(StoreError.ConstraintViolation)
        expect((error as StoreError.ConstraintViolation).constraint).toBe("valid record")
        expect((yield* dump).reports).toEqual([])
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )
  })
}
