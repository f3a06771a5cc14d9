/**
 * Rows are decoded with the domain schemas on the way out: a row changed by hand so that it no
 * longer reads as a valid record is `StoreCorrupt` naming its table and key, never a defect and
 * never a wrong value.
 */
import { Ids, ReportRepository, UnitRepository } from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { describeEngine, engines, freshStoreWithSql } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

for (const engine of engines) {
  describeEngine(engine, () => {
    const seeded = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.gen(function* () {
        yield* (yield* UnitRepository).insert(F.units)
        yield* (yield* ReportRepository).insert(F.report("r1", "c1", 3))
        return yield* effect
      }).pipe(Effect.provide(freshStoreWithSql(engine)))

    it.effect("a unit whose type was changed to one the domain does not know", () =>
      seeded(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE units SET type = ${"castle"} WHERE id = ${"c1"}`
          const units = yield* UnitRepository
          const error = yield* Effect.flip(units.get(F.unitId("c1")))
          expect(error).toMatchObject({ _tag: "StoreCorrupt", location: "table units, key c1" })
          expect(error.message).toContain('["type"]')
          // Listing reads the row too; the other units still read.
          expect((yield* Effect.flip(units.list({}))).message).toContain("table units, key c1")
          expect((yield* units.get(F.unitId("c2"))).name).toBe("Ninh Xuân")
        })
      )
    )

    it.effect("a report whose content is not JSON, or holds a negative count", () =>
      seeded(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const reports = yield* ReportRepository
          yield* sql`UPDATE reports SET content = ${"{ not json"} WHERE id = ${"r1"}`
          expect(yield* Effect.flip(reports.get(Ids.ReportId.make("r1")))).toMatchObject({
            _tag: "StoreCorrupt",
            location: "table reports, key r1"
          })
          const content = JSON.parse(
            JSON.stringify({
              ...F.report("r1", "c1", 3).content,
              figures: { ...F.dvkFigures(3), models: -1 }
            })
          )
          yield* sql`UPDATE reports SET content = ${JSON.stringify(content)} WHERE id = ${"r1"}`
          const error = yield* Effect.flip(reports.get(Ids.ReportId.make("r1")))
          expect(error).toMatchObject({ _tag: "StoreCorrupt", location: "table reports, key r1" })
          expect(error.message).toContain("models")
        })
      )
    )

    it.effect("a name emptied by hand breaks the domain's rule and is reported", () =>
      seeded(
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE units SET name = ${""} WHERE id = ${"p"}`
          expect(yield* Effect.flip((yield* UnitRepository).get(F.unitId("p")))).toMatchObject({
            _tag: "StoreCorrupt",
            location: "table units, key p"
          })
        })
      )
    )
  })
}
