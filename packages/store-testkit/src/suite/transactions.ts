/**
 * `UnitOfWork.transaction`: all or nothing on success, no trace on failure, defect or
 * interruption; reads inside see the transaction's own writes; nested transactions join.
 *
 * @since 0.1.0
 */
import { DvkModel, Ids, Page, Report, SteeringCommittee, Unit } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Option } from "effect"
import * as F from "../fixtures.ts"
import { failsWith, ids, type Suite, services, test, testIf, violates } from "./helpers.ts"

class Boom {
  readonly _tag = "Boom"
}

/** What is stored, as comparable data. */
const everything = Effect.gen(function* () {
  const s = yield* services
  return {
    units: (yield* Page.collect((p) => s.units.list({}, p))).map((u) => [u.id, u.version, u.name]),
    successions: ids(yield* s.units.successions({})),
    reports: (yield* Page.collect((p) => s.reports.list({}, p))).map((r) => [r.id, r.version, r.status]),
    revisions: (yield* s.reports.revisions(Ids.ReportId.make("r-1"))).map((r) => r.revision),
    models: ids(yield* Page.collect((p) => s.models.list({}, p))),
    directives: ids(yield* Page.collect((p) => s.directives.list({}, p))),
    audit: ids(yield* Page.collect((p) => s.audit.list({}, p))),
    fields: ids(yield* s.referenceData.fields)
  }
})

const seed = Effect.gen(function* () {
  const { units, reports } = yield* services
  yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
  yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "DVK"))
})

/** Writes to every kind of record, as a use case might in one transaction. */
const writeEverything = Effect.gen(function* () {
  const s = yield* services
  yield* s.units.insert([F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })])
  yield* s.units.insertSuccessions([F.succession("s-1", "c-1", "vn-37", "2025-07-01")])
  const report = yield* s.reports.get(Ids.ReportId.make("r-1"))
  const submitted = new Report.Report({ ...report, status: "submitted", revision: 1 })
  yield* s.reports.update(submitted, F.revision(submitted, 1))
  yield* s.models.insert([F.model("m-1", "c-1")])
  yield* s.directives.insert(F.directiveChain()[0]!)
  yield* s.audit.append([F.audit("a-1", "2024-06-14T09:00:00.000Z")])
  yield* s.referenceData.putField(F.field("economy", "Phát triển kinh tế", 1))
})

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("UnitOfWork", () => {
    test(
      suite,
      "a transaction that succeeds commits every write",
      Effect.gen(function* () {
        const { unitOfWork } = yield* services
        yield* seed
        const result = yield* unitOfWork.transaction(Effect.as(writeEverything, "done"))
        expect(result).toBe("done")
        expect(yield* everything).toEqual({
          units: [
            ["c-1", 1, "Gia Lâm"],
            ["vn-37", 1, "Ninh Bình"]
          ],
          successions: ["s-1"],
          reports: [["r-1", 2, "submitted"]],
          revisions: [1],
          models: ["m-1"],
          directives: ["nd-60-2013"],
          audit: ["a-1"],
          fields: ["economy"]
        })
      })
    )

    test(
      suite,
      "a transaction that fails half way leaves no trace",
      Effect.gen(function* () {
        const { unitOfWork } = yield* services
        yield* seed
        const before = yield* everything
        const exit = yield* Effect.exit(
          unitOfWork.transaction(Effect.andThen(writeEverything, Effect.fail(new Boom())))
        )
        expect(Exit.isFailure(exit)).toBe(true)
        expect(Option.getOrUndefined(Exit.findErrorOption(exit))).toBeInstanceOf(Boom)
        expect(yield* everything).toEqual(before)
      })
    )

    test(
      suite,
      "a store error inside a transaction, not caught, fails it and leaves no trace",
      Effect.gen(function* () {
        const { units, unitOfWork } = yield* services
        yield* seed
        const before = yield* everything
        const province = yield* units.get(Ids.UnitId.make("vn-37"))
        yield* failsWith(
          "VersionConflict",
          unitOfWork.transaction(
            Effect.gen(function* () {
              yield* units.update(new Unit.Unit({ ...province, name: "Tên mới" }))
              yield* units.insert([
                F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })
              ])
              yield* units.update(province)
            })
          )
        )
        expect(yield* everything).toEqual(before)
      })
    )

    test(
      suite,
      "a defect inside a transaction leaves no trace",
      Effect.gen(function* () {
        const { unitOfWork } = yield* services
        yield* seed
        const before = yield* everything
        const exit = yield* Effect.exit(
          unitOfWork.transaction(Effect.andThen(writeEverything, Effect.die(new Error("bug"))))
        )
        expect(Exit.isFailure(exit) && Exit.hasDies(exit)).toBe(true)
        expect(yield* everything).toEqual(before)
      })
    )

    test(
      suite,
      "an interrupted transaction leaves no trace",
      Effect.gen(function* () {
        const { unitOfWork } = yield* services
        yield* seed
        const before = yield* everything
        const written = yield* Deferred.make<void>()
        const fiber = yield* Effect.forkChild(
          unitOfWork.transaction(
            Effect.andThen(
              writeEverything,
              Effect.andThen(Deferred.succeed(written, undefined), Effect.never)
            )
          )
        )
        yield* Deferred.await(written)
        yield* Fiber.interrupt(fiber)
        expect(yield* everything).toEqual(before)
      })
    )

    test(
      suite,
      "reads inside a transaction see its own writes",
      Effect.gen(function* () {
        const { units, reports, models, unitOfWork } = yield* services
        yield* seed
        yield* unitOfWork.transaction(
          Effect.gen(function* () {
            yield* writeEverything
            expect((yield* units.get(Ids.UnitId.make("c-1"))).name).toBe("Gia Lâm")
            expect(
              ids((yield* units.jurisdiction(Ids.UnitId.make("vn-37"), F.date("2024-01-01"))).items)
            ).toEqual(["c-1", "vn-37"])
            expect((yield* reports.get(Ids.ReportId.make("r-1"))).status).toBe("submitted")
            expect((yield* reports.revisions(Ids.ReportId.make("r-1"))).length).toBe(1)
            const found = yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S1"), "DVK")
            expect(Option.map(found, (r) => r.version)).toEqual(Option.some(2))
            expect(
              ids(
                (yield* models.list({
                  within: { rootId: Ids.UnitId.make("vn-37"), asOf: F.date("2024-01-01") }
                })).items
              )
            ).toEqual(["m-1"])
            yield* violates("unique id", units.insert([F.unit("c-1", "commune", "Trùng")]))
          })
        )
      })
    )

    test(
      suite,
      "inside a transaction, look-ups by unit, slot or party follow the transaction's updates and removals",
      Effect.gen(function* () {
        const { units, reports, committees, models, unitOfWork } = yield* services
        yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("vn-36", "province", "Nam Định")
        ])
        const draft = yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "DVK"))
        const committee = yield* committees.insert(F.committee("bcd-1", "vn-37"))
        const pc = yield* models.insertCoordination(F.coordination("pc-1", ["vn-37", "vn-36"]))
        const [model] = yield* models.insert([F.model("m-1", "vn-37")])
        yield* unitOfWork.transaction(
          Effect.gen(function* () {
            yield* reports.remove(draft.id, 1)
            expect(yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S1"), "DVK")).toEqual(
              Option.none()
            )
            yield* reports.insert(F.report("r-2", "vn-37", "2024S1", "DVK"))
            const found = yield* reports.find(Ids.UnitId.make("vn-37"), F.period("2024S1"), "DVK")
            expect(Option.map(found, (r) => r.id)).toEqual(Option.some("r-2"))
            yield* committees.update(
              new SteeringCommittee.SteeringCommittee({ ...committee, unitId: Ids.UnitId.make("vn-36") })
            )
            expect(ids(yield* committees.byUnit(Ids.UnitId.make("vn-37")))).toEqual([])
            expect(ids(yield* committees.byUnit(Ids.UnitId.make("vn-36")))).toEqual(["bcd-1"])
            yield* models.removeCoordination(pc.id, 1)
            expect(yield* models.coordinationsOf(Ids.UnitId.make("vn-36"))).toEqual([])
            yield* models.update(new DvkModel.DvkModel({ ...model!, unitId: Ids.UnitId.make("vn-36") }))
            expect(ids((yield* models.list({ unitId: Ids.UnitId.make("vn-37") })).items)).toEqual([])
            expect(ids((yield* models.list({ unitId: Ids.UnitId.make("vn-36") })).items)).toEqual(["m-1"])
          })
        )
        expect(ids(yield* committees.byUnit(Ids.UnitId.make("vn-36")))).toEqual(["bcd-1"])
        expect(ids((yield* reports.list({})).items)).toEqual(["r-2"])
        expect(yield* models.coordinationsOf(Ids.UnitId.make("vn-37"))).toEqual([])
      })
    )

    test(
      suite,
      "a failed operation inside a transaction writes nothing, and the transaction can go on and commit",
      Effect.gen(function* () {
        const { units, unitOfWork } = yield* services
        yield* seed
        yield* unitOfWork.transaction(
          Effect.gen(function* () {
            yield* violates(
              "parent unit exists",
              units.insert([
                F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] }),
                F.unit("c-2", "commune", "Gia Sơn", { parents: [["vn-00", "1992-01-01"]] })
              ])
            )
            yield* units.insert([
              F.unit("c-3", "commune", "Gia Hưng", { parents: [["vn-37", "1992-01-01"]] })
            ])
          })
        )
        expect(ids(yield* Page.collect((p) => units.list({}, p)))).toEqual(["c-3", "vn-37"])
      })
    )

    test(
      suite,
      "a transaction inside a transaction joins it: the outer failure undoes the inner writes",
      Effect.gen(function* () {
        const { units, unitOfWork } = yield* services
        yield* seed
        const before = yield* everything
        const exit = yield* Effect.exit(
          unitOfWork.transaction(
            Effect.gen(function* () {
              yield* unitOfWork.transaction(
                units.insert([F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })])
              )
              expect((yield* units.get(Ids.UnitId.make("c-1"))).version).toBe(1)
              return yield* Effect.fail(new Boom())
            })
          )
        )
        expect(Exit.isFailure(exit)).toBe(true)
        expect(yield* everything).toEqual(before)
        yield* unitOfWork.transaction(
          unitOfWork.transaction(
            units.insert([F.unit("c-2", "commune", "Gia Sơn", { parents: [["vn-37", "1992-01-01"]] })])
          )
        )
        expect((yield* units.get(Ids.UnitId.make("c-2"))).version).toBe(1)
      })
    )

    testIf(
      suite,
      suite.settings.concurrentReadsDuringTransaction,
      "the writes of an open transaction are invisible outside it until it commits",
      Effect.gen(function* () {
        const { units, unitOfWork } = yield* services
        yield* seed
        const written = yield* Deferred.make<void>()
        const release = yield* Deferred.make<void>()
        const fiber = yield* Effect.forkChild(
          unitOfWork.transaction(
            Effect.gen(function* () {
              yield* units.insert([
                F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })
              ])
              yield* Deferred.succeed(written, undefined)
              yield* Deferred.await(release)
            })
          )
        )
        yield* Deferred.await(written)
        yield* failsWith("NotFound", units.get(Ids.UnitId.make("c-1")))
        expect(ids((yield* units.list({})).items)).toEqual(["vn-37"])
        yield* Deferred.succeed(release, undefined)
        yield* Fiber.join(fiber)
        expect((yield* units.get(Ids.UnitId.make("c-1"))).version).toBe(1)
      })
    )
  })
}
