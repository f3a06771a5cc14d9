/**
 * A report's figure rows (`report_figures`, what the rollup sums) are rewritten only when its
 * figures change: a status change (submit, return, approve) and a text edit leave them alone, a
 * change of figures rewrites them. Seen from outside by marking a stored figure row by hand: a
 * rewrite would put the report's own figure back.
 */
import { Ids, type Period, Report, ReportRepository, UnitRepository } from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { describeEngine, engines, freshStoreWithSql, SqlClient } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const query = {
  rootId: F.unitId("p"),
  asOf: F.d("2017-06-30"),
  periodId: "2017S1" as Period.PeriodId,
  programme: "DVK" as const,
  statuses: ["draft", "submitted", "returned", "approved", "reopened"] as const
}

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect("status changes and text edits leave the figure rows alone; new figures rewrite them", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const reports = yield* ReportRepository
        yield* (yield* UnitRepository).insert(F.units)
        const draft = yield* reports.insert(F.report("r1", "c1", 3, { status: "draft" }))
        // Mark the stored row of `models`: only a rewrite of the figure rows would undo the mark.
        yield* sql`UPDATE report_figures SET value = ${777} WHERE report_id = ${"r1"} AND indicator = ${"models"}`
        const revision = new Report.ReportRevision({
          reportId: Ids.ReportId.make("r1"),
          revision: 1,
          content: draft.content,
          submittedAt: F.at("2017-06-10T01:00:00.000Z"),
          submittedBy: F.officer("c1"),
          onTime: true
        })
        const submitted = yield* reports.update(
          new Report.Report({ ...draft, status: "submitted", revision: 1 }),
          revision
        )
        const returned = yield* reports.update(new Report.Report({ ...submitted, status: "returned" }))
        const edited = yield* reports.update(
          new Report.Report({
            ...returned,
            content: new Report.ReportContent({ ...returned.content, achievements: "Bổ sung kết quả" })
          })
        )
        const approved = yield* reports.update(new Report.Report({ ...edited, status: "approved" }))
        expect(approved.version).toBe(5)
        expect(approved.content.achievements).toBe("Bổ sung kết quả")
        expect((yield* reports.consolidate(query)).totals.models).toBe(777)

        // New figures: every row rewritten from the report's content.
        const changed = yield* reports.update(
          new Report.Report({
            ...approved,
            status: "reopened",
            content: new Report.ReportContent({ ...approved.content, figures: F.dvkFigures(5) })
          })
        )
        const totals = (yield* reports.consolidate(query)).totals
        expect(totals.models).toBe(5)
        expect(totals["byField.economy"]).toBe(5)
        expect((yield* reports.get(changed.id)).content.figures).toEqual(F.dvkFigures(5))
        // A stale version still fails, and leaves the rows as they are.
        expect(
          yield* Effect.flip(reports.update(new Report.Report({ ...approved, status: "submitted" })))
        ).toMatchObject({ _tag: "VersionConflict" })
        expect((yield* reports.consolidate(query)).totals.models).toBe(5)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )
  })
}
