import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { Actor } from "../src/access/Actor.ts"
import * as Jurisdiction from "../src/access/Jurisdiction.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { PersonId, UnitId } from "../src/kernel/Ids.ts"
import * as Hierarchy from "../src/unit/Hierarchy.ts"
import { ParentLink, Unit, type UnitType } from "../src/unit/Unit.ts"

const since = CalendarDate.make(2000, 1, 1)
const asOf = CalendarDate.make(2017, 6, 30)
const typeAt: ReadonlyArray<UnitType> = ["province", "ruralDistrict", "commune", "agency"]

const unit = (id: string, parentId: string | undefined, depth: number, links?: ReadonlyArray<ParentLink>) =>
  new Unit({
    id: UnitId.make(id),
    type: typeAt[Math.min(depth, 3)] as UnitType,
    name: `Đơn vị ${id}`,
    validFrom: since,
    parents:
      links ??
      (parentId === undefined ? [] : [new ParentLink({ parentId: UnitId.make(parentId), from: since })]),
    version: 1
  })

const actorOf = (unitId: string) =>
  new Actor({ personId: PersonId.make(`p-${unitId}`), name: `Cán bộ ${unitId}`, unitId: UnitId.make(unitId) })

/** A forest: `parents[i]` is the index of unit i's parent, or -1 for a province. */
const forestArb = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.tuple(fc.constant(n), fc.array(fc.integer({ min: -3, max: 1_000 }), { minLength: n, maxLength: n }))
  )
  .map(([n, picks]) => {
    const parents = picks.map((p, i) => (i === 0 || p < 0 ? -1 : p % i))
    const depth: Array<number> = []
    parents.forEach((p, i) => {
      depth[i] = p < 0 ? 0 : (depth[p] as number) + 1
    })
    const units = parents.map((p, i) => unit(`u${i}`, p < 0 ? undefined : `u${p}`, depth[i] as number))
    return { n, parents, units }
  })

/** Ancestors from the generator's own parent array, independent of Hierarchy. */
const ancestorsOf = (parents: ReadonlyArray<number>, i: number): ReadonlyArray<number> => {
  const out: Array<number> = []
  for (let p = parents[i] as number; p >= 0; p = parents[p] as number) out.push(p)
  return out
}

describe("Jurisdiction (property)", () => {
  it("assess: only units strictly below the actor's unit, never its own", () => {
    fc.assert(
      fc.property(
        forestArb.chain((f) => fc.tuple(fc.constant(f), fc.nat(f.n - 1), fc.nat(f.n - 1))),
        ([f, a, r]) => {
          const h = Hierarchy.make(f.units)
          const result = Jurisdiction.canAssess(actorOf(`u${a}`), UnitId.make(`u${r}`), h, asOf)
          const below = ancestorsOf(f.parents, r).includes(a)
          expect(Result.isSuccess(result)).toBe(below)
          if (Result.isFailure(result)) {
            expect(result.failure.rule).toBe(a === r ? "strictlyBelow" : "withinJurisdiction")
          }
        }
      )
    )
  })

  it("submit: own unit only; review: units directly under; read: own unit and below", () => {
    fc.assert(
      fc.property(
        forestArb.chain((f) => fc.tuple(fc.constant(f), fc.nat(f.n - 1), fc.nat(f.n - 1))),
        ([f, a, r]) => {
          const h = Hierarchy.make(f.units)
          const actor = actorOf(`u${a}`)
          const record = { unitId: UnitId.make(`u${r}`) }
          const submit = Jurisdiction.canSubmit(actor, record)
          const review = Jurisdiction.canReview(actor, record, h, asOf, "return a report of")
          const read = Jurisdiction.canRead(actor, record.unitId, h, asOf)
          expect(Result.isSuccess(submit)).toBe(a === r)
          expect(Result.isSuccess(review)).toBe(f.parents[r] === a)
          expect(Result.isSuccess(read)).toBe(a === r || ancestorsOf(f.parents, r).includes(a))
          for (const [res, rule, action] of [
            [submit, "ownUnit", "submit a report of"],
            [review, "directlyBelow", "return a report of"],
            [read, "withinJurisdiction", "read the records of"]
          ] as const) {
            if (Result.isFailure(res)) {
              expect(res.failure).toBeInstanceOf(Jurisdiction.OutsideJurisdiction)
              expect(res.failure.actor).toEqual(actor)
              expect(res.failure.unitId).toBe(record.unitId)
              expect(res.failure.action).toBe(action)
              expect(res.failure.rule).toBe(rule)
              expect(res.failure.message).toContain(`"u${r}"`)
              expect(res.failure.message).toContain(`"u${a}"`)
            }
          }
        }
      ),
      { numRuns: 500 }
    )
  })

  it("whoever may review may read, and nobody reviews its own reports", () => {
    fc.assert(
      fc.property(
        forestArb.chain((f) => fc.tuple(fc.constant(f), fc.nat(f.n - 1), fc.nat(f.n - 1))),
        ([f, a, r]) => {
          const h = Hierarchy.make(f.units)
          const actor = actorOf(`u${a}`)
          const record = { unitId: UnitId.make(`u${r}`) }
          const review = Result.isSuccess(Jurisdiction.canReview(actor, record, h, asOf))
          if (review) {
            expect(Result.isSuccess(Jurisdiction.canRead(actor, record.unitId, h, asOf))).toBe(true)
            expect(Result.isSuccess(Jurisdiction.canSubmit(actor, record))).toBe(false)
          }
        }
      )
    )
  })
})

describe("Jurisdiction over time", () => {
  // Commune c moves from district d1 to district d2 on 2020-01-01 (a transfer).
  const move = CalendarDate.make(2020, 1, 1)
  const units = [
    unit("p", undefined, 0),
    unit("d1", "p", 1),
    unit("d2", "p", 1),
    unit("c", undefined, 2, [
      new ParentLink({ parentId: UnitId.make("d1"), from: since, until: move }),
      new ParentLink({ parentId: UnitId.make("d2"), from: move })
    ])
  ]
  const h = Hierarchy.make(units)
  const report = { unitId: UnitId.make("c") }

  it("the parent on the day of the review reviews", () => {
    expect(
      Result.isSuccess(Jurisdiction.canReview(actorOf("d1"), report, h, CalendarDate.make(2019, 12, 31)))
    ).toBe(true)
    expect(Result.isSuccess(Jurisdiction.canReview(actorOf("d1"), report, h, move))).toBe(false)
    expect(Result.isSuccess(Jurisdiction.canReview(actorOf("d2"), report, h, move))).toBe(true)
    // The province reads both before and after, but reviews neither: the commune is not directly under it.
    expect(Result.isSuccess(Jurisdiction.canRead(actorOf("p"), report.unitId, h, since))).toBe(true)
    expect(Result.isSuccess(Jurisdiction.canRead(actorOf("p"), report.unitId, h, move))).toBe(true)
    expect(Result.isSuccess(Jurisdiction.canReview(actorOf("p"), report, h, move))).toBe(false)
    expect(Result.isSuccess(Jurisdiction.canRead(actorOf("d1"), report.unitId, h, move))).toBe(false)
  })

  it("says who, for which unit, and which rule in plain words", () => {
    const r = Jurisdiction.canReview(actorOf("d1"), report, h, move)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure.message).toBe(
        'Cán bộ d1 (acting for unit "d1") may not approve a report of unit "c": an actor reviews only the reports of units directly under its own unit'
      )
    }
  })
})
