/**
 * `UnitOfWork.transaction` is the database transaction: writes through every repository commit
 * together, and a transaction that fails midway (an error, a defect, an interruption, a broken
 * constraint) leaves no rows in any table.
 */
import { AuditLog, Ids, Report, ReportRepository, UnitOfWork, UnitRepository } from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Option } from "effect"
import { describeEngine, engines, freshStoreWithSql, rowCounts } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

for (const engine of engines) {
  describeEngine(engine, () => {
    const seedAndFail = <E>(failure: Effect.Effect<never, E>) =>
      Effect.gen(function* () {
        const units = yield* UnitRepository
        const reports = yield* ReportRepository
        const audit = yield* AuditLog
        yield* units.insert(F.units)
        yield* units.insertSuccessions(F.merger)
        yield* reports.insert(F.report("r1", "c1", 3))
        yield* audit.append([F.auditEntry("a1")])
        return yield* failure
      })

    it.effect("writes through several repositories commit together, and reads inside see them", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const units = yield* UnitRepository
        const reports = yield* ReportRepository
        const seen = yield* uow.transaction(
          Effect.gen(function* () {
            yield* units.insert(F.units)
            yield* reports.insert(F.report("r1", "c1", 3))
            return (yield* reports.get(Ids.ReportId.make("r1"))).unitId
          })
        )
        expect(seen).toBe("c1")
        const counts = yield* rowCounts
        expect(counts.units).toBe(6)
        expect(counts.reports).toBe(1)
        expect(counts.report_figures).toBeGreaterThan(0)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a transaction that fails midway with an error leaves no rows", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const error = yield* Effect.flip(uow.transaction(seedAndFail(Effect.fail("stop" as const))))
        expect(error).toBe("stop")
        expect(Object.values(yield* rowCounts).every((n) => n === 0)).toBe(true)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a defect midway leaves no rows", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const exit = yield* Effect.exit(uow.transaction(seedAndFail(Effect.die(new Error("bug")))))
        expect(exit._tag).toBe("Failure")
        expect(Object.values(yield* rowCounts).every((n) => n === 0)).toBe(true)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.live("an interrupted transaction leaves no rows", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const written = yield* Deferred.make<void>()
        const fiber = yield* Effect.forkChild(
          uow.transaction(seedAndFail(Effect.andThen(Deferred.succeed(written, undefined), Effect.never)))
        )
        // Wait until the writes are in, then interrupt.
        yield* Deferred.await(written)
        yield* Fiber.interrupt(fiber)
        expect(Object.values(yield* rowCounts).every((n) => n === 0)).toBe(true)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a broken constraint midway rolls back the writes before it", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const units = yield* UnitRepository
        const reports = yield* ReportRepository
        const error = yield* Effect.flip(
          uow.transaction(
            Effect.gen(function* () {
              yield* units.insert(F.units)
              yield* reports.insert(F.report("r1", "c1", 3))
              yield* reports.insert(F.report("r2", "c1", 4))
            })
          )
        )
        expect(error).toMatchObject({
          _tag: "ConstraintViolation",
          constraint: "one report per unit, period and programme"
        })
        expect(Object.values(yield* rowCounts).every((n) => n === 0)).toBe(true)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a caught failure of one write inside a transaction keeps the other writes", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const units = yield* UnitRepository
        const reports = yield* ReportRepository
        yield* uow.transaction(
          Effect.gen(function* () {
            yield* units.insert(F.units)
            yield* reports.insert(F.report("r1", "c1", 3))
            // The duplicate fails alone (its statement is rolled back to a savepoint).
            const dup = yield* Effect.flip(reports.insert(F.report("r1", "c2", 4)))
            expect(dup._tag).toBe("ConstraintViolation")
            yield* reports.insert(F.report("r2", "c2", 4))
          })
        )
        const counts = yield* rowCounts
        expect(counts.units).toBe(6)
        expect(counts.reports).toBe(2)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a transaction inside a transaction joins it: the outer failure undoes both", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const units = yield* UnitRepository
        yield* Effect.flip(
          uow.transaction(
            Effect.gen(function* () {
              yield* uow.transaction(units.insert([F.province]))
              return yield* Effect.fail("outer")
            })
          )
        )
        expect((yield* rowCounts).units).toBe(0)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a report update with its new revision is one write: a stale version stores neither", () =>
      Effect.gen(function* () {
        const units = yield* UnitRepository
        const reports = yield* ReportRepository
        yield* units.insert(F.units)
        const draft = yield* reports.insert(F.report("r1", "c1", 3, { status: "draft" }))
        const revision = new Report.ReportRevision({
          reportId: draft.id,
          revision: 1,
          content: draft.content,
          submittedAt: F.at("2017-06-10T01:00:00.000Z"),
          submittedBy: F.officer("c1"),
          onTime: true
        })
        const stale = new Report.Report({ ...draft, status: "submitted", revision: 1, version: 0 })
        expect(yield* Effect.flip(reports.update(stale, revision))).toMatchObject({ _tag: "VersionConflict" })
        expect(yield* reports.revisions(draft.id)).toEqual([])
        expect(
          Option.map(yield* reports.find(F.unitId("c1"), draft.periodId, "DVK"), (r) => r.status)
        ).toEqual(Option.some("draft"))
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )
  })
}
