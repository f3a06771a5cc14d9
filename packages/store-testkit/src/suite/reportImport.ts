/**
 * `ReportRepository.insertMany`, the import of reports with their revisions in one write: it
 * stores what the one-at-a-time path (`insert`, then `update` with each revision) stores, reads
 * back the same, and refuses a batch with the rule `Contract.check` names for it, writing nothing
 * (a batch that fails in the middle leaves no report and no revision of the records before it).
 *
 * @since 0.1.0
 */
import {
  Contract,
  Page,
  Period,
  Report,
  ReportRepository,
  type Store,
  type StoreError,
  UnitOfWork,
  UnitRepository
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as fc from "fast-check"
import * as Arb from "../arbitraries.ts"
import * as F from "../fixtures.ts"
import { failsWith, type Suite, services, test, violates } from "./helpers.ts"

const periods = [Period.id(Period.year(2024)), Period.id(Period.year(2025))]

/** A report's history: revisions 1..n of its content, n at most its revision number. */
const historyOf = (report: Report.Report, n: number): ReadonlyArray<Report.ReportRevision> =>
  Array.from({ length: Math.min(n, report.revision) }, (_, i) =>
    F.revision(report, i + 1, `2025-0${1 + (i % 9)}-1${i % 10}T09:00:00.000Z`)
  )

/** A hierarchy, and an import over it: reports on distinct slots, each with a history. */
const valid = Arb.hierarchy({ maxProvinces: 2 }).chain((h) => {
  const unitIds = h.units.map((u) => u.id)
  const slot = fc.record({
    unitId: fc.constantFrom(...unitIds),
    periodId: fc.constantFrom(...periods),
    programme: Arb.programme
  })
  return fc.record({
    hierarchy: fc.constant(h),
    entries: fc
      .uniqueArray(slot, { selector: (s) => `${s.unitId} ${s.periodId} ${s.programme}`, maxLength: 20 })
      .chain((slots) =>
        slots.length === 0
          ? fc.constant([] as Array<{ report: Report.Report; revisions: number }>)
          : fc.tuple(
              ...slots.map((s, i) =>
                fc.record({
                  report: Arb.report(s, { id: `r-${i}`, maxCount: 1000 }),
                  revisions: fc.integer({ min: 0, max: 3 })
                })
              )
            )
      )
  })
})

/**
 * A hierarchy, records already stored, and an import that may break the contract anywhere in the
 * batch: slots that collide (with the store or within the batch), units that do not exist, ids
 * used twice, revisions repeated or of a report outside the batch.
 */
const hostile = Arb.hierarchy({ maxProvinces: 1 }).chain((h) => {
  const unitIds = [...h.units.map((u) => u.id), F.unitId("vn-missing")]
  const slot = fc.record({
    unitId: fc.constantFrom(...unitIds),
    periodId: fc.constantFrom(...periods),
    programme: Arb.programme
  })
  const entry = (ids: fc.Arbitrary<string>) =>
    fc.tuple(slot, ids).chain(([s, id]) =>
      fc.record({
        report: Arb.report(s, { id, maxCount: 1000 }),
        revisions: fc.integer({ min: 0, max: 2 }),
        repeatRevision: fc.boolean()
      })
    )
  return fc.record({
    hierarchy: fc.constant(h),
    before: fc.array(entry(fc.constantFrom("s-0", "s-1", "s-2")), { maxLength: 3 }),
    batch: fc.array(entry(fc.constantFrom("r-0", "r-1", "r-2", "r-3", "r-4", "s-0")), {
      minLength: 1,
      maxLength: 6
    }),
    foreign: fc.boolean()
  })
})

/** What a store reads back of its reports: each report, its revisions, and its slot's lookup. */
const readBack = Effect.gen(function* () {
  const repo = yield* ReportRepository
  const reports = yield* Page.collect((p) => repo.list({}, p))
  const out = []
  for (const r of reports) {
    const found = yield* repo.find(r.unitId, r.periodId, r.programme)
    out.push({
      // A batch is one write: its reports are at version 1, where the one-at-a-time path counts
      // an insert and an update per revision.
      report: { ...r, version: 0 },
      got: { ...(yield* repo.get(r.id)), version: 0 },
      found: found._tag === "Some" ? found.value.id : undefined,
      revisions: yield* repo.revisions(r.id)
    })
  }
  return out
})

const stored = <A>(effect: Effect.Effect<A, unknown, Store.Store>, suite: Suite) =>
  Effect.runPromise(Effect.provide(effect, suite.makeLayer()) as Effect.Effect<A>)

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("ReportRepository.insertMany (report import)", () => {
    test(
      suite,
      "imports reports at version 1 with their revisions; an empty import writes nothing",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        expect(yield* reports.insertMany([], [])).toEqual([])
        const a = new Report.Report({
          ...F.report("r-1", "vn-37", "2024S1", "DVK", { status: "approved", revision: 2 }),
          version: 7
        })
        const b = F.report("r-2", "vn-37", "2024S1", "QCDC")
        const imported = yield* reports.insertMany([a, b], [F.revision(a, 1), F.revision(a, 2)])
        expect(imported.map((r) => [r.id, r.version])).toEqual([
          ["r-1", 1],
          ["r-2", 1]
        ])
        expect(imported[0]).toBeInstanceOf(Report.Report)
        expect((yield* reports.get(a.id)).status).toBe("approved")
        expect((yield* reports.revisions(a.id)).map((r) => r.revision)).toEqual([1, 2])
        expect(yield* reports.revisions(b.id)).toEqual([])
        expect((yield* reports.revision(a.id, 2)).content).toEqual(a.content)
        // The imported report is an ordinary one: it updates at its version.
        const v2 = yield* reports.update(
          new Report.Report({ ...imported[1]!, status: "submitted", revision: 1 })
        )
        expect(v2.version).toBe(2)
      })
    )

    test(
      suite,
      "a batch failing in the middle is refused with the contract's rule and leaves nothing",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("vn-36", "province", "Nam Định")
        ])
        const kept = yield* reports.insert(F.report("k-1", "vn-37", "2024", "DVK"))
        const first = F.report("r-1", "vn-37", "2024S1", "DVK", { status: "submitted", revision: 1 })
        const last = F.report("r-3", "vn-36", "2024S2", "DVK")
        const nothingNew = Effect.gen(function* () {
          const all = yield* Page.collect((p) => reports.list({}, p))
          expect(all.map((r) => [r.id, r.version])).toEqual([["k-1", 1]])
          expect(yield* reports.revisions(first.id)).toEqual([])
        })
        const cases: ReadonlyArray<readonly [StoreError.ConstraintName, Report.Report]> = [
          ["one report per unit, period and programme", F.report("r-2", "vn-37", "2024", "DVK")],
          ["unit exists", F.report("r-2", "vn-99", "2024", "DVK")],
          ["unique id", F.report("k-1", "vn-36", "2023", "DVK")],
          ["one report per unit, period and programme", F.report("r-2", "vn-37", "2024S1", "DVK")],
          ["unique id", F.report("r-1", "vn-36", "2023", "DVK")]
        ]
        for (const [constraint, middle] of cases) {
          const v = yield* violates(
            constraint,
            reports.insertMany([first, middle, last], [F.revision(first, 1)])
          )
          expect(v.entity).toBe("report")
          yield* nothingNew
        }
        const twice = yield* violates(
          "unique revision per report",
          reports.insertMany([first, last], [F.revision(first, 1), F.revision(first, 1)])
        )
        expect(twice.entity).toBe("reportRevision")
        yield* nothingNew
        const foreign = yield* violates(
          "revision belongs to the updated report",
          reports.insertMany([first, last], [F.revision(first, 1), F.revision(kept, 1)])
        )
        expect(foreign.entity).toBe("reportRevision")
        yield* nothingNew
        expect(yield* reports.revisions(kept.id)).toEqual([])
        // Inside a caller's transaction the refused import leaves the transaction usable.
        const uow = yield* UnitOfWork
        yield* uow.transaction(
          Effect.gen(function* () {
            yield* failsWith("ConstraintViolation", reports.insertMany([first, first], []))
            yield* reports.insertMany([first], [F.revision(first, 1)])
          })
        )
        expect((yield* reports.revisions(first.id)).length).toBe(1)
      })
    )

    test(
      suite,
      "an import larger than one statement of each table is stored whole, or refused whole",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        // 1,600 communes × 2 programmes: 3,200 reports (over 3,000 rows of 10 columns), about
        // 30,000 figure rows and 6,400 revisions, so every table takes several statements on SQL.
        const communes = Array.from({ length: 1600 }, (_, i) =>
          F.unit(`c-${i}`, "commune", `Xã ${i}`, { parents: [["vn-37", "1992-01-01"]] })
        )
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình"), ...communes])
        const list = communes.flatMap((c) =>
          (["DVK", "QCDC"] as const).map((programme) =>
            F.report(`r-${c.id}-${programme}`, c.id, "2024", programme, { status: "approved", revision: 2 })
          )
        )
        const revisions = list.flatMap((r) => [F.revision(r, 1), F.revision(r, 2)])
        const clash = F.report("r-last", "c-0", "2024", "DVK")
        yield* violates(
          "one report per unit, period and programme",
          reports.insertMany([...list, clash], revisions)
        )
        expect(yield* Page.collect((p) => reports.list({}, p))).toEqual([])
        expect(yield* reports.revisions(list[0]!.id)).toEqual([])
        const imported = yield* reports.insertMany(list, revisions)
        expect(imported.length).toBe(3200)
        const all = yield* Page.collect((p) => reports.list({ periodId: F.period("2024") }, p))
        expect(all.length).toBe(3200)
        const last = list[list.length - 1]!
        expect((yield* reports.revisions(last.id)).map((r) => r.revision)).toEqual([1, 2])
        expect((yield* reports.get(last.id)).content).toEqual(last.content)
        const rollup = yield* reports.consolidate({
          rootId: F.unitId("vn-37"),
          asOf: F.date("2024-12-31"),
          periodId: F.period("2024"),
          programme: "DVK",
          statuses: ["approved"]
        })
        expect(rollup.contributions.length).toBe(1600)
      }),
      suite.settings.timeout * 4
    )

    it(
      `an import stores and reads back what insert and update one at a time store, on ${suite.settings.propertyRuns} random imports`,
      async () => {
        await fc.assert(
          fc.asyncProperty(valid, async ({ hierarchy, entries }) => {
            const list = entries.map((e) => ({
              report: e.report,
              revisions: historyOf(e.report, e.revisions)
            }))
            const seed = Effect.gen(function* () {
              const units = yield* UnitRepository
              yield* units.insert(hierarchy.units)
              yield* units.insertSuccessions(hierarchy.successions)
            })
            const batch = await stored(
              Effect.gen(function* () {
                yield* seed
                const repo = yield* ReportRepository
                const imported = yield* repo.insertMany(
                  list.map((e) => e.report),
                  list.flatMap((e) => e.revisions)
                )
                expect(imported.map((r) => r.version)).toEqual(list.map(() => 1))
                return yield* readBack
              }),
              suite
            )
            const single = await stored(
              Effect.gen(function* () {
                yield* seed
                const repo = yield* ReportRepository
                for (const e of list) {
                  let current = yield* repo.insert(e.report)
                  for (const r of e.revisions) current = yield* repo.update(current, r)
                }
                return yield* readBack
              }),
              suite
            )
            expect(batch).toEqual(single)
            expect(batch.length).toBe(list.length)
          }),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )

    it(
      `a refused import names the rule Contract.check names and leaves the store as it was, on ${suite.settings.propertyRuns} hostile imports`,
      async () => {
        await fc.assert(
          fc.asyncProperty(hostile, async ({ hierarchy, before, batch, foreign }) => {
            await stored(
              Effect.gen(function* () {
                const units = yield* UnitRepository
                const repo = yield* ReportRepository
                yield* units.insert(hierarchy.units)
                yield* units.insertSuccessions(hierarchy.successions)
                for (const e of before) yield* Effect.result(repo.insert(e.report))
                const reports = batch.map((e) => e.report)
                const revisions = batch.flatMap((e) => {
                  const h = historyOf(e.report, e.revisions)
                  return e.repeatRevision && h.length > 0 ? [...h, h[0]!] : h
                })
                const withForeign = foreign
                  ? [...revisions, F.revision(F.report("s-9", "x", "2024", "DVK"), 1)]
                  : revisions
                const prior = yield* readBack
                const storedIds = new Set(prior.map((p) => p.report.id as string))
                const storedSlots = new Map(
                  prior.map((p) => [Contract.reportSlot(p.report), p.report.id as string] as const)
                )
                const unitIds = new Set(hierarchy.units.map((u) => u.id as string))
                const expected =
                  Contract.revisionsOf(reports, withForeign) ??
                  Contract.check(
                    {
                      has: (entity, key) =>
                        entity === "unit"
                          ? unitIds.has(key)
                          : entity === "report"
                            ? storedIds.has(key)
                            : false,
                      holders: (u) => {
                        const h = storedSlots.get(u.value)
                        return h === undefined ? [] : [h]
                      }
                    },
                    Contract.reportImport(reports, withForeign)
                  )
                const result = yield* Effect.result(repo.insertMany(reports, withForeign))
                if (expected === undefined) {
                  expect(Result.isSuccess(result)).toBe(true)
                  expect((yield* readBack).length).toBe(prior.length + reports.length)
                } else {
                  expect(Result.isFailure(result)).toBe(true)
                  const failure = (result as Result.Failure<unknown, StoreError.ConstraintViolation>).failure
                  expect([failure._tag, failure.constraint, failure.entity]).toEqual([
                    "ConstraintViolation",
                    expected.constraint,
                    expected.entity
                  ])
                  expect(yield* readBack).toEqual(prior)
                  // The one-at-a-time path refuses the same records too (in a transaction, so
                  // it also leaves nothing).
                  const uow = yield* UnitOfWork
                  const single = yield* Effect.result(
                    uow.transaction(
                      Effect.gen(function* () {
                        const byId = new Map<string, Report.Report>()
                        for (const r of reports) byId.set(r.id, yield* repo.insert(r))
                        for (const v of withForeign) {
                          const current = byId.get(v.reportId)
                          if (current === undefined)
                            return yield* Effect.fail(Contract.revisionsOf(reports, [v])!)
                          byId.set(v.reportId, yield* repo.update(current, v))
                        }
                      })
                    )
                  )
                  expect(Result.isFailure(single)).toBe(true)
                  expect(yield* readBack).toEqual(prior)
                }
              }),
              suite
            )
          }),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )
  })
}
