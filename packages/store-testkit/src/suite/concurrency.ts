/**
 * Concurrency: fibers racing on one record, read-modify-write loops that retry on conflict, and
 * transactions on different records running side by side.
 *
 * @since 0.1.0
 */
import { Ids, Page, Report, type StoreError, Unit } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as F from "../fixtures.ts"
import { ids, type Suite, services, test } from "./helpers.ts"

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("concurrency", () => {
    const n = suite.settings.fibers

    test(
      suite,
      `${n} fibers update one record at the same version: exactly one wins, the others get VersionConflict`,
      Effect.gen(function* () {
        const { units } = yield* services
        const [v1] = yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const results = yield* Effect.forEach(
          Array.from({ length: n }, (_, i) => i),
          (i) => Effect.result(units.update(new Unit.Unit({ ...v1!, name: `Tên ${i}` }))),
          { concurrency: "unbounded" }
        )
        const wins = results.filter(Result.isSuccess)
        expect(wins.length).toBe(1)
        for (const r of results) {
          if (Result.isFailure(r)) {
            expect(r.failure._tag).toBe("VersionConflict")
            if (r.failure._tag === "VersionConflict")
              expect([r.failure.expected, r.failure.actual]).toEqual([1, 2])
          }
        }
        const stored = yield* units.get(v1!.id)
        expect(stored.version).toBe(2)
        expect(stored.name).toBe(wins[0]!.success.name)
      })
    )

    test(
      suite,
      `${n} fibers incrementing one count with retry on conflict lose no update`,
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const report = yield* reports.insert(F.report("r-1", "vn-37", "2024S1", "QCDC"))
        const increment: Effect.Effect<void, unknown> = Effect.gen(function* () {
          const current = yield* reports.get(report.id)
          const figures = current.content.figures
          if (figures._tag !== "QCDC") return yield* Effect.die("expected QCDC figures")
          const next = new Report.Report({
            ...current,
            content: F.content({ ...figures, citizenReceptions: figures.citizenReceptions + 1 })
          })
          yield* reports.update(next)
        }).pipe(Effect.catchTag("VersionConflict", () => Effect.suspend(() => increment)))
        yield* Effect.forEach(Array.from({ length: n }), () => increment, {
          concurrency: "unbounded",
          discard: true
        })
        const final = yield* reports.get(report.id)
        expect(final.version).toBe(n + 1)
        expect(final.content.figures._tag === "QCDC" && final.content.figures.citizenReceptions).toBe(n)
      })
    )

    test(
      suite,
      "concurrent transactions on different records both commit",
      Effect.gen(function* () {
        const { units, unitOfWork } = yield* services
        yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("vn-36", "province", "Nam Định")
        ])
        const rename = (id: string, commune: string, name: string) =>
          unitOfWork.transaction(
            Effect.gen(function* () {
              const u = yield* units.get(Ids.UnitId.make(id))
              yield* Effect.yieldNow
              yield* units.update(new Unit.Unit({ ...u, name }))
              yield* Effect.yieldNow
              yield* units.insert([
                F.unit(commune, "commune", `Xã ${name}`, { parents: [[id, "1992-01-01"]] })
              ])
            })
          )
        yield* Effect.all(
          [rename("vn-37", "c-37", "Ninh Bình mới"), rename("vn-36", "c-36", "Nam Định mới")],
          {
            concurrency: "unbounded"
          }
        )
        const all = yield* Page.collect((p) => units.list({}, p))
        expect(all.map((u) => [u.id, u.version, u.name])).toEqual([
          ["c-36", 1, "Xã Nam Định mới"],
          ["c-37", 1, "Xã Ninh Bình mới"],
          ["vn-36", 2, "Nam Định mới"],
          ["vn-37", 2, "Ninh Bình mới"]
        ])
      })
    )

    test(
      suite,
      `${n} fibers inserting into one report slot: exactly one succeeds, the others get ConstraintViolation`,
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const results = yield* Effect.forEach(
          Array.from({ length: n }, (_, i) => i),
          (i) => Effect.result(reports.insert(F.report(`r-${i}`, "vn-37", "2024S1", "DVK"))),
          { concurrency: "unbounded" }
        )
        expect(results.filter(Result.isSuccess).length).toBe(1)
        for (const r of results) {
          if (Result.isFailure(r)) {
            expect(r.failure._tag).toBe("ConstraintViolation")
            expect((r.failure as StoreError.ConstraintViolation).constraint).toBe(
              "one report per unit, period and programme"
            )
          }
        }
        expect((yield* reports.list({})).items.length).toBe(1)
      })
    )

    test(
      suite,
      `${n} fibers inserting different records all succeed`,
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        yield* Effect.forEach(
          Array.from({ length: n }, (_, i) => i),
          (i) =>
            Effect.andThen(
              units.insert([
                F.unit(`c-${String(i).padStart(3, "0")}`, "commune", `Xã ${i}`, {
                  parents: [["vn-37", "1992-01-01"]]
                })
              ]),
              reports.insert(F.report(`r-${i}`, `c-${String(i).padStart(3, "0")}`, "2024S1", "DVK"))
            ),
          { concurrency: "unbounded", discard: true }
        )
        expect((yield* Page.collect((p) => units.list({ levels: ["commune"] }, p))).length).toBe(n)
        expect(ids(yield* Page.collect((p) => reports.list({}, p))).length).toBe(n)
      })
    )
  })
}
