/**
 * Rollup parity: `ReportRepository.consolidate` gives exactly what the pure `Rollup.consolidate`
 * of `@danvan/core` gives over the same records, on random hierarchies across the reform of
 * 01/07/2025 with their successions and reports; `ReportRepository.reporting` gives the
 * jurisdiction's units with what `Rollup.reporters` reads from their reports.
 *
 * @since 0.1.0
 */
import {
  CalendarDate,
  Hierarchy,
  Ids,
  Page,
  Period,
  Report,
  ReportRepository,
  Rollup,
  type Timestamp,
  UnitRepository
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as fc from "fast-check"
import * as Arb from "../arbitraries.ts"
import type { Suite } from "./helpers.ts"

const periods = [
  Period.id(Period.year(2024)),
  Period.id(Period.year(2025)),
  Period.id(Period.halfYear(2025, 2))
]
const asOfs = ["2000-01-01", "2025-06-30", "2025-07-01", "2030-01-01"] as const

const scenario = Arb.hierarchy({ maxProvinces: 2 }).chain((h) => {
  const unitIds = h.units.map((u) => u.id)
  const slot = fc.record({
    unitId: fc.constantFrom(...unitIds),
    periodId: fc.constantFrom(...periods),
    programme: Arb.programme
  })
  return fc.record({
    hierarchy: fc.constant(h),
    reports: fc
      .uniqueArray(slot, { selector: (s) => `${s.unitId} ${s.periodId} ${s.programme}`, maxLength: 25 })
      .chain((slots) =>
        slots.length === 0
          ? fc.constant([] as Array<Report.Report>)
          : fc.tuple(...slots.map((s, i) => Arb.report(s, { id: `r-${i}`, maxCount: 1000 })))
      ),
    queries: fc.array(
      fc.record({
        rootId: fc.constantFrom(...unitIds),
        asOf: fc.constantFrom(...asOfs),
        periodId: fc.constantFrom(...periods),
        programme: Arb.programme,
        statuses: fc.uniqueArray(Arb.reportStatus, { minLength: 1, maxLength: 5 })
      }),
      { minLength: 1, maxLength: 6 }
    )
  })
})

/** Queries over several roots: a subset of the units (repeats, invalid roots and none included) or the whole country. */
const manyScenario = scenario.chain((s) => {
  const unitIds = s.hierarchy.units.map((u) => u.id)
  return fc.record({
    base: fc.constant(s),
    many: fc.array(
      fc.record({
        rootIds: fc.option(fc.array(fc.constantFrom(...unitIds), { maxLength: 6 }), { nil: undefined }),
        asOf: fc.constantFrom(...asOfs),
        periodId: fc.constantFrom(...periods),
        programme: Arb.programme,
        statuses: fc.uniqueArray(Arb.reportStatus, { minLength: 0, maxLength: 5 })
      }),
      { minLength: 1, maxLength: 6 }
    )
  })
})

/**
 * Reports whose events hold submissions (some returned and submitted again, at instants in no
 * particular order), for `reporting`: its first submission is the first `Submitted` event.
 */
const reportingScenario = scenario.chain((s) =>
  fc.record({
    base: fc.constant(s),
    submissions: fc.array(fc.array(Arb.timestamp("2024-01-01", "2026-12-31"), { maxLength: 3 }), {
      minLength: s.reports.length,
      maxLength: s.reports.length
    })
  })
)

/** A report with a submission at each instant, returned between two submissions. */
const submitted = (report: Report.Report, at: ReadonlyArray<Timestamp.Timestamp>): Report.Report => {
  const created = report.events[0]!
  const events: [Report.ReportEvent, ...Array<Report.ReportEvent>] = [created]
  at.forEach((t, i) => {
    if (i > 0) events.push({ _tag: "Returned", at: t, by: created.by, reason: "Bổ sung số liệu" })
    events.push({ _tag: "Submitted", at: t, by: created.by, revision: i + 1, onTime: i % 2 === 0 })
  })
  return new Report.Report({ ...report, events })
}

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("rollup parity", () => {
    it(
      `consolidate equals Rollup.consolidate on ${suite.settings.propertyRuns} random hierarchies`,
      async () => {
        await fc.assert(
          fc.asyncProperty(scenario, ({ hierarchy, reports, queries }) =>
            Effect.runPromise(
              Effect.provide(
                Effect.gen(function* () {
                  const units = yield* UnitRepository
                  const repo = yield* ReportRepository
                  yield* units.insert(hierarchy.units)
                  yield* units.insertSuccessions(hierarchy.successions)
                  for (const r of reports) yield* repo.insert(r)
                  const storedUnits = yield* Page.collect((p) => units.list({}, p))
                  const storedSuccessions = yield* units.successions({})
                  const storedReports = yield* Page.collect((p) => repo.list({}, p))
                  for (const q of queries) {
                    const query = {
                      ...q,
                      rootId: Ids.UnitId.make(q.rootId),
                      asOf: CalendarDate.unsafeFromString(q.asOf)
                    }
                    const expected: Rollup.Consolidation = Rollup.consolidate({
                      units: storedUnits,
                      successions: storedSuccessions,
                      reports: storedReports,
                      ...query
                    })
                    const actual = yield* Effect.result(repo.consolidate(query))
                    const rootValid = storedUnits.some(
                      (u) =>
                        u.id === q.rootId &&
                        u.validFrom <= q.asOf &&
                        (u.validUntil === undefined || q.asOf < u.validUntil)
                    )
                    if (rootValid) {
                      expect(
                        Result.isSuccess(actual) ? actual.success : actual.failure,
                        JSON.stringify(q)
                      ).toEqual(expected)
                    } else {
                      expect(Result.isFailure(actual) && actual.failure._tag, JSON.stringify(q)).toBe(
                        "NotFound"
                      )
                      expect(expected.contributions).toEqual([])
                    }
                  }
                }),
                suite.makeLayer()
              )
            )
          ),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )

    it(
      `consolidateMany equals Rollup.consolidate per root on ${suite.settings.propertyRuns} random hierarchies`,
      async () => {
        await fc.assert(
          fc.asyncProperty(manyScenario, ({ base: { hierarchy, reports }, many }) =>
            Effect.runPromise(
              Effect.provide(
                Effect.gen(function* () {
                  const units = yield* UnitRepository
                  const repo = yield* ReportRepository
                  yield* units.insert(hierarchy.units)
                  yield* units.insertSuccessions(hierarchy.successions)
                  for (const r of reports) yield* repo.insert(r)
                  const storedUnits = yield* Page.collect((p) => units.list({}, p))
                  const storedSuccessions = yield* units.successions({})
                  const storedReports = yield* Page.collect((p) => repo.list({}, p))
                  for (const q of many) {
                    const asOf = CalendarDate.unsafeFromString(q.asOf)
                    const given = q.rootIds?.map((id) => Ids.UnitId.make(id))
                    const query = {
                      ...(given === undefined ? {} : { rootIds: given }),
                      asOf,
                      periodId: q.periodId,
                      programme: q.programme,
                      statuses: q.statuses
                    }
                    const actual = yield* Effect.result(repo.consolidateMany(query))
                    const roots =
                      given === undefined ? Rollup.topLevelIds(storedUnits, asOf) : [...new Set(given)]
                    const valid = (id: string) =>
                      storedUnits.some(
                        (u) =>
                          u.id === id &&
                          u.validFrom <= q.asOf &&
                          (u.validUntil === undefined || q.asOf < u.validUntil)
                      )
                    const missing = roots.find((id) => !valid(id))
                    if (missing !== undefined) {
                      expect(
                        Result.isFailure(actual) ? actual.failure : actual.success,
                        JSON.stringify(q)
                      ).toMatchObject({
                        _tag: "NotFound",
                        id: missing
                      })
                      continue
                    }
                    const expected: ReadonlyArray<Rollup.RootConsolidation> = roots.map((rootId) => ({
                      rootId,
                      consolidation: Rollup.consolidate({
                        units: storedUnits,
                        successions: storedSuccessions,
                        reports: storedReports,
                        rootId,
                        asOf,
                        periodId: q.periodId,
                        programme: q.programme,
                        statuses: q.statuses
                      })
                    }))
                    expect(
                      Result.isSuccess(actual) ? actual.success : actual.failure,
                      JSON.stringify(q)
                    ).toEqual(expected)
                  }
                }),
                suite.makeLayer()
              )
            )
          ),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )

    it(
      `reporting equals the jurisdiction with Rollup.reporters on ${suite.settings.propertyRuns} random hierarchies`,
      async () => {
        await fc.assert(
          fc.asyncProperty(reportingScenario, ({ base: { hierarchy, reports, queries }, submissions }) =>
            Effect.runPromise(
              Effect.provide(
                Effect.gen(function* () {
                  const units = yield* UnitRepository
                  const repo = yield* ReportRepository
                  yield* units.insert(hierarchy.units)
                  yield* units.insertSuccessions(hierarchy.successions)
                  for (const [i, r] of reports.entries()) yield* repo.insert(submitted(r, submissions[i]!))
                  const storedUnits = yield* Page.collect((p) => units.list({}, p))
                  const storedReports = yield* Page.collect((p) => repo.list({}, p))
                  for (const q of queries) {
                    const query = {
                      rootId: Ids.UnitId.make(q.rootId),
                      asOf: CalendarDate.unsafeFromString(q.asOf),
                      periodId: q.periodId,
                      programme: q.programme
                    }
                    const actual = yield* Effect.result(repo.reporting(query))
                    const ids = Rollup.jurisdictionIds(storedUnits, query.rootId, query.asOf)
                    if (ids.size === 0) {
                      expect(Result.isFailure(actual) && actual.failure, JSON.stringify(q)).toMatchObject({
                        _tag: "NotFound",
                        id: q.rootId
                      })
                      continue
                    }
                    const expected = Rollup.reporters({
                      expected: storedUnits.filter((u) => ids.has(u.id)).sort(Hierarchy.byId),
                      reports: storedReports,
                      period: Period.fromId(q.periodId),
                      programme: q.programme
                    })
                    expect(
                      Result.isSuccess(actual) ? actual.success : actual.failure,
                      JSON.stringify(q)
                    ).toEqual(expected)
                  }
                }),
                suite.makeLayer()
              )
            )
          ),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )
  })
}
