/**
 * `ReportRepository`: one report per slot, revisions, removal of drafts, queries and the rollup.
 *
 * @since 0.1.0
 */
import { Ids, Page, Report } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as F from "../fixtures.ts"
import { allPages, failsWith, ids, type Suite, services, test, violates } from "./helpers.ts"

const dvk = (models: number) => ({ figures: F.dvkFigures({ models, extra: { hoGiaDinh: models * 10 } }) })

/** The reform province with reports of 2025 (and a few of other periods and programmes). */
const seedRollup = Effect.gen(function* () {
  const { units, reports } = yield* services
  const data = F.reformProvince()
  yield* units.insert(data.units)
  yield* units.insertSuccessions(data.successions)
  const list = [
    F.report("r-a", "c-14434", "2025", "DVK", { status: "approved", revision: 1, ...dvk(3) }),
    F.report("r-b", "c-14437", "2025", "DVK", { status: "submitted", revision: 1, ...dvk(5) }),
    F.report("r-c", "c-14435", "2025", "DVK", { status: "approved", revision: 2, ...dvk(7) }),
    F.report("r-d", "vn-37-369", "2025", "DVK", { status: "approved", revision: 1, ...dvk(11) }),
    F.report("r-e", "c-14470", "2025", "DVK", { status: "approved", revision: 1, ...dvk(13) }),
    F.report("r-f", "g-ubmttq", "2025", "DVK", { status: "draft", ...dvk(17) }),
    F.report("r-g", "c-13300", "2025", "DVK", { status: "approved", revision: 1, ...dvk(19) }),
    F.report("r-h", "vn-36", "2025", "DVK", { status: "approved", revision: 1, ...dvk(23) }),
    F.report("r-i", "c-14470", "2025", "QCDC", {
      status: "approved",
      revision: 1,
      figures: F.qcdcFigures({ citizenReceptions: 5 })
    }),
    F.report("r-j", "c-14470", "2024", "DVK", { status: "approved", revision: 1, ...dvk(29) })
  ]
  for (const r of list) yield* reports.insert(r)
})

const query = (
  rootId: string,
  asOf: string,
  statuses: ReadonlyArray<Report.ReportStatus> = ["approved"]
) => ({
  rootId: Ids.UnitId.make(rootId),
  asOf: F.date(asOf),
  periodId: F.period("2025"),
  programme: "DVK" as const,
  statuses
})

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("ReportRepository", () => {
    test(
      suite,
      "insert stores version 1; get and find return it; a missing report is NotFound or none",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const stored = yield* reports.insert(
          new Report.Report({ ...F.report("r-1", "vn-37", "2024S1", "QCDC"), version: 4 })
        )
        expect(stored.version).toBe(1)
        const got = yield* reports.get(Ids.ReportId.make("r-1"))
        expect(got).toBeInstanceOf(Report.Report)
        expect(got.content.figures._tag).toBe("QCDC")
        const found = yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S1"), "QCDC")
        expect(Option.map(found, (r) => r.id)).toEqual(Option.some("r-1"))
        expect(yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S1"), "DVK")).toEqual(
          Option.none()
        )
        expect(yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S2"), "QCDC")).toEqual(
          Option.none()
        )
        const e = yield* failsWith("NotFound", reports.get(Ids.ReportId.make("r-9")))
        expect([e.entity, e.id]).toEqual(["report", "r-9"])
      })
    )

    test(
      suite,
      "a unit has at most one report per period and programme; the unit must exist; ids are unique",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "QCDC"))
        const slot = yield* violates(
          "one report per unit, period and programme",
          reports.insert(F.report("r-2", "vn-37", "2024S1", "QCDC"))
        )
        expect(slot.entity).toBe("report")
        yield* reports.insert(F.report("r-3", "vn-37", "2024S1", "DVK"))
        yield* reports.insert(F.report("r-4", "vn-37", "2024", "QCDC"))
        yield* violates("unit exists", reports.insert(F.report("r-5", "vn-99", "2024S1", "QCDC")))
        yield* violates("unique id", reports.insert(F.report("r-1", "vn-37", "2023", "QCDC")))
        expect(ids(yield* Page.collect((p) => reports.list({}, p)))).toEqual(["r-4", "r-3", "r-1"])
        const r4 = yield* reports.get(Ids.ReportId.make("r-4"))
        yield* violates(
          "one report per unit, period and programme",
          reports.update(new Report.Report({ ...r4, periodId: F.period("2024S1") }))
        )
        expect((yield* reports.get(r4.id)).periodId).toBe("2024")
      })
    )

    test(
      suite,
      "update with a new revision stores both; revisions are listed oldest first and stay readable",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const draft = yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "DVK", dvk(1)))
        const submitted = new Report.Report({ ...draft, status: "submitted", revision: 1 })
        const v2 = yield* reports.update(submitted, F.revision(submitted, 1, "2024-06-14T09:00:00.000Z"))
        expect([v2.version, v2.status, v2.revision]).toEqual([2, "submitted", 1])
        const reopened = new Report.Report({
          ...v2,
          status: "submitted",
          revision: 2,
          content: F.content(F.dvkFigures({ models: 2 }))
        })
        const v3 = yield* reports.update(reopened, F.revision(reopened, 2, "2024-06-20T09:00:00.000Z"))
        expect(v3.version).toBe(3)
        const revisions = yield* reports.revisions(draft.id)
        expect(revisions.map((r) => r.revision)).toEqual([1, 2])
        expect(revisions[0]).toBeInstanceOf(Report.ReportRevision)
        const first = yield* reports.revision(draft.id, 1)
        expect(first.content.figures).toEqual(F.dvkFigures({ models: 1, extra: { hoGiaDinh: 10 } }))
        const e = yield* failsWith("NotFound", reports.revision(draft.id, 3))
        expect(e.entity).toBe("reportRevision")
        expect(yield* reports.revisions(Ids.ReportId.make("r-9"))).toEqual([])
      })
    )

    test(
      suite,
      "a revision number already used, or a revision of another report, fails and writes nothing",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const draft = yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "DVK"))
        const other = yield* reports.insert(F.report("r-2", "vn-37", "2024S2", "DVK"))
        const submitted = new Report.Report({ ...draft, status: "submitted", revision: 1 })
        const v2 = yield* reports.update(submitted, F.revision(submitted, 1))
        const again = yield* violates(
          "unique revision per report",
          reports.update(new Report.Report({ ...v2, status: "approved" }), F.revision(v2, 1))
        )
        expect((yield* reports.get(draft.id)).version).toBe(2)
        expect((yield* reports.get(draft.id)).status).toBe("submitted")
        expect(again.entity).toBe("reportRevision")
        const foreign = yield* violates(
          "revision belongs to the updated report",
          reports.update(v2, F.revision(other, 2))
        )
        expect(foreign.entity).toBe("reportRevision")
        expect((yield* reports.revisions(draft.id)).length).toBe(1)
        expect(yield* reports.revisions(other.id)).toEqual([])
        const stale = yield* failsWith("VersionConflict", reports.update(submitted, F.revision(submitted, 5)))
        expect([stale.expected, stale.actual]).toEqual([1, 2])
        // Errors come in the port's order: a stale version before a broken rule.
        yield* failsWith("VersionConflict", reports.update(submitted, F.revision(other, 2)))
        expect((yield* reports.revisions(draft.id)).map((r) => r.revision)).toEqual([1])
      })
    )

    test(
      suite,
      "remove deletes a never-submitted draft at its version; any other report is a ConstraintViolation",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const draft = yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "DVK"))
        const approved = yield* reports.insert(
          F.report("r-2", "vn-37", "2024S2", "DVK", { status: "approved", revision: 1 })
        )
        const returned = yield* reports.insert(
          F.report("r-3", "vn-37", "2025S1", "DVK", { status: "draft", revision: 1 })
        )
        const stale = yield* failsWith("VersionConflict", reports.remove(draft.id, 2))
        expect([stale.entity, stale.expected, stale.actual]).toEqual(["report", 2, 1])
        yield* violates("only a never-submitted draft can be removed", reports.remove(approved.id, 1))
        yield* violates("only a never-submitted draft can be removed", reports.remove(returned.id, 1))
        yield* failsWith("NotFound", reports.remove(Ids.ReportId.make("r-9"), 1))
        yield* reports.remove(draft.id, 1)
        yield* failsWith("NotFound", reports.get(draft.id))
        expect(yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S1"), "DVK")).toEqual(
          Option.none()
        )
        // The slot is free again.
        yield* reports.insert(F.report("r-4", "vn-37", "2024S1", "DVK"))
        expect(ids(yield* Page.collect((p) => reports.list({}, p)))).toEqual(["r-4", "r-2", "r-3"])
      })
    )

    test(
      suite,
      "list filters by period, programme, status, units and jurisdiction; ordered by unit, period, programme",
      Effect.gen(function* () {
        const { reports } = yield* services
        yield* seedRollup
        const list = (q: Parameters<typeof reports.list>[0]) =>
          Effect.map(
            Page.collect((p) => reports.list(q, p)),
            ids
          )
        expect(yield* list({})).toEqual([
          "r-g",
          "r-a",
          "r-c",
          "r-b",
          "r-j",
          "r-e",
          "r-i",
          "r-f",
          "r-h",
          "r-d"
        ])
        expect(yield* list({ periodId: F.period("2024") })).toEqual(["r-j"])
        expect(yield* list({ programme: "QCDC" })).toEqual(["r-i"])
        expect(
          yield* list({ periodId: F.period("2025"), programme: "DVK", statuses: ["draft", "submitted"] })
        ).toEqual(["r-b", "r-f"])
        expect(yield* list({ unitIds: [Ids.UnitId.make("c-14470"), Ids.UnitId.make("vn-36")] })).toEqual([
          "r-j",
          "r-e",
          "r-i",
          "r-h"
        ])
        expect(
          yield* list({
            within: { rootId: Ids.UnitId.make("vn-37"), asOf: F.date("2025-07-01") },
            programme: "DVK"
          })
        ).toEqual(["r-c", "r-j", "r-e", "r-f"])
        const paged = yield* allPages(3, (p) => reports.list({}, p))
        expect(paged.pages).toBe(4)
        expect(ids(paged.items)).toEqual(yield* list({}))
      })
    )

    test(
      suite,
      "consolidate sums the jurisdiction's reports and those carried into it by succession, each once",
      Effect.gen(function* () {
        const { reports } = yield* services
        yield* seedRollup
        const after = yield* reports.consolidate(query("vn-37", "2025-12-31"))
        expect(
          after.contributions.map((c) => [c.reportId, c.unitId, c.countedUnder, c.status, c.revision])
        ).toEqual([
          ["r-a", "c-14434", "c-14435", "approved", 1],
          ["r-c", "c-14435", "c-14435", "approved", 2],
          ["r-e", "c-14470", "c-14470", "approved", 1],
          ["r-d", "vn-37-369", "vn-37", "approved", 1]
        ])
        expect(after.totals.models).toBe(3 + 7 + 13 + 11)
        expect(after.totals["extra.hoGiaDinh"]).toBe(340)
        expect(after.totals["byStatus.registered"]).toBe(0)
        const withSubmitted = yield* reports.consolidate(
          query("vn-37", "2025-12-31", ["approved", "submitted"])
        )
        expect(withSubmitted.totals.models).toBe(39)
        const before = yield* reports.consolidate(query("vn-37", "2025-06-30"))
        expect(before.contributions.map((c) => [c.reportId, c.countedUnder])).toEqual([
          ["r-a", "c-14434"],
          ["r-e", "c-14470"],
          ["r-d", "vn-37-369"]
        ])
        expect(before.totals.models).toBe(27)
        const merged = yield* reports.consolidate(query("c-14435", "2025-12-31"))
        expect(merged.contributions.map((c) => c.reportId)).toEqual(["r-a", "r-c"])
        expect(merged.totals.models).toBe(10)
        const other = yield* reports.consolidate(query("vn-36", "2025-06-30"))
        expect(other.contributions.map((c) => c.reportId)).toEqual(["r-g", "r-h"])
        const otherAfter = yield* reports.consolidate(query("vn-36", "2025-07-01"))
        expect(otherAfter.contributions.map((c) => [c.reportId, c.countedUnder])).toEqual([
          ["r-g", "c-13301"],
          ["r-h", "vn-36"]
        ])
        const none = yield* reports.consolidate(query("vn-37", "2025-12-31", ["reopened"]))
        expect(none).toEqual({ totals: {}, contributions: [] })
      })
    )

    test(
      suite,
      "consolidate fails with NotFound when the root is not valid on the date",
      Effect.gen(function* () {
        const { reports } = yield* services
        yield* seedRollup
        const e = yield* failsWith("NotFound", reports.consolidate(query("vn-37-369", "2025-07-01")))
        expect([e.entity, e.id]).toEqual(["unit", "vn-37-369"])
        yield* failsWith("NotFound", reports.consolidate(query("vn-99", "2025-07-01")))
      })
    )
  })
}
