/**
 * A listing's later pages may reuse the jurisdiction its first page walked (`listedJurisdiction`):
 * these check that no page ever answers from a walk the units' writes have made stale, and that a
 * page inside a transaction sees the transaction's own units.
 */
import { Ids, Page, ReportRepository, Unit, UnitOfWork, UnitRepository } from "@danvan/core"
import { Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fc from "fast-check"
import { StoreMemory } from "../src/index.ts"

const root = Ids.UnitId.make("vn-37")
const asOf = F.date("2024-06-01")
const commune = (
  n: number,
  parents: ReadonlyArray<readonly [string, string, string?]> = [["vn-37", "1992-01-01"]]
) => F.unit(`vn-37-${String(n).padStart(3, "0")}`, "commune", `Xã ${n}`, { parents })

/** A write between two pages: a commune added, or one moved out of the province from before `asOf`. */
type Step = { readonly _tag: "add"; readonly n: number } | { readonly _tag: "moveOut"; readonly n: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ _tag: fc.constant("add" as const), n: fc.integer({ min: 0, max: 199 }) }),
  fc.record({ _tag: fc.constant("moveOut" as const), n: fc.integer({ min: 0, max: 199 }) })
)

/** The rest of a listing, page by page from a cursor. */
const rest = <A, E, R>(
  query: (page: Page.PageRequest) => Effect.Effect<Page.Page<A>, E, R>,
  limit: number,
  after: string | undefined
): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.gen(function* () {
    const out: Array<A> = []
    let next = after
    while (next !== undefined) {
      const page = yield* query({ limit, after: next })
      out.push(...page.items)
      next = page.next
    }
    return out
  })

describe("a jurisdiction's pages over units written between them", () => {
  it.effect(
    "each later page is what a fresh listing holds after the cursor, whatever was written in between",
    () =>
      Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(fc.integer({ min: 0, max: 199 }), { maxLength: 40 }),
            fc.integer({ min: 1, max: 6 }),
            fc.array(fc.option(step, { nil: undefined }), { maxLength: 30 }),
            (initial, limit, steps) =>
              Effect.runPromise(
                Effect.gen(function* () {
                  const units = yield* UnitRepository
                  yield* units.insert([
                    F.unit("vn-37", "province", "Ninh Bình"),
                    F.unit("vn-38", "province", "Thanh Hóa"),
                    ...initial.map((n) => commune(n))
                  ])
                  const fresh = () =>
                    Effect.map(
                      Page.collect((p) => units.jurisdiction(root, asOf, p)),
                      (all) => all.map((u) => u.id as string)
                    )
                  let page = yield* units.jurisdiction(root, asOf, { limit })
                  let seen = page.items.map((u) => u.id as string)
                  for (const s of steps) {
                    if (page.next === undefined) break
                    if (s !== undefined) {
                      const id = Ids.UnitId.make(`vn-37-${String(s.n).padStart(3, "0")}`)
                      const existing = yield* Effect.option(units.get(id))
                      if (s._tag === "add" && existing._tag === "None") yield* units.insert([commune(s.n)])
                      if (s._tag === "moveOut" && existing._tag === "Some") {
                        const moved = commune(s.n, [["vn-38", "1992-01-01"]])
                        yield* units.update(new Unit.Unit({ ...moved, version: existing.value.version }))
                      }
                    }
                    const last = seen[seen.length - 1]!
                    page = yield* units.jurisdiction(root, asOf, { limit, after: page.next })
                    const ids = page.items.map((u) => u.id as string)
                    // Read after the page: a fresh listing's first page walks anew, and must not
                    // be what makes the later page right.
                    const expected = (yield* fresh()).filter((id) => id > last).slice(0, limit)
                    expect(ids).toEqual(expected)
                    seen = [...seen, ...ids]
                  }
                }).pipe(Effect.provide(StoreMemory.layer()))
              )
          ),
          { numRuns: 60 }
        )
      )
  )

  it.effect("a later page sees a unit added under the root after the first page was read", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      yield* units.insert([F.unit("vn-37", "province", "Ninh Bình"), commune(1), commune(2), commune(3)])
      const first = yield* units.jurisdiction(root, asOf, { limit: 2 })
      expect(first.items.map((u) => u.id)).toEqual(["vn-37", "vn-37-001"])
      yield* units.insert([commune(9)])
      const second = yield* rest((p) => units.jurisdiction(root, asOf, p), 2, first.next)
      expect(second.map((u) => u.id)).toEqual(["vn-37-002", "vn-37-003", "vn-37-009"])
    }).pipe(Effect.provide(StoreMemory.layer()))
  )

  it.effect("pages inside a transaction see its units; once it is rolled back, later pages do not", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      const uow = yield* UnitOfWork
      yield* units.insert([F.unit("vn-37", "province", "Ninh Bình"), commune(1), commune(2)])
      const before = yield* units.jurisdiction(root, asOf, { limit: 1 })
      let inside: ReadonlyArray<Unit.Unit> = []
      const failure = yield* Effect.flip(
        uow.transaction(
          Effect.gen(function* () {
            yield* units.insert([commune(5)])
            inside = yield* rest((p) => units.jurisdiction(root, asOf, p), 1, before.next)
            return yield* Effect.fail("rolled back" as const)
          })
        )
      )
      expect(failure).toBe("rolled back")
      expect(inside.map((u) => u.id)).toEqual(["vn-37-001", "vn-37-002", "vn-37-005"])
      const after = yield* rest((p) => units.jurisdiction(root, asOf, p), 1, before.next)
      expect(after.map((u) => u.id)).toEqual(["vn-37-001", "vn-37-002"])
    }).pipe(Effect.provide(StoreMemory.layer()))
  )

  it.effect("a jurisdiction's reports, paged, include a report of a unit added between the pages", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      const reports = yield* ReportRepository
      yield* units.insert([F.unit("vn-37", "province", "Ninh Bình"), commune(1), commune(2)])
      for (const n of [1, 2]) {
        yield* reports.insert(
          F.report(`r-${n}`, `vn-37-00${n}`, "2024", "QCDC", { status: "approved", revision: 1 })
        )
      }
      const within = { within: { rootId: root, asOf } }
      const first = yield* reports.list(within, { limit: 1 })
      expect(first.items.map((r) => r.id)).toEqual(["r-1"])
      yield* units.insert([commune(3)])
      yield* reports.insert(F.report("r-3", "vn-37-003", "2024", "QCDC", { status: "approved", revision: 1 }))
      const later = yield* rest((p) => reports.list(within, p), 1, first.next)
      expect(later.map((r) => r.id)).toEqual(["r-2", "r-3"])
    }).pipe(Effect.provide(StoreMemory.layer()))
  )
})
