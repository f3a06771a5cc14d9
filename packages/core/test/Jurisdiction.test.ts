import { describe, expect, it } from "@effect/vitest"
import { Exit, Result, Schema } from "effect"
import * as fc from "fast-check"
import { Actor } from "../src/access/Actor.ts"
import * as Jurisdiction from "../src/access/Jurisdiction.ts"
import * as Policy from "../src/access/Policy.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { PersonId, SuccessionId, UnitId } from "../src/kernel/Ids.ts"
import { Succession } from "../src/unit/Succession.ts"
import { ParentLink, Unit, type UnitType } from "../src/unit/Unit.ts"

const since = CalendarDate.make(2000, 1, 1)
const asOf = CalendarDate.make(2017, 6, 30)
const typeAt: ReadonlyArray<UnitType> = ["province", "ruralDistrict", "commune", "agency"]

const unit = (
  id: string,
  parentId: string | undefined,
  depth: number,
  links?: ReadonlyArray<ParentLink>,
  validUntil?: CalendarDate.CalendarDate
) =>
  new Unit({
    id: UnitId.make(id),
    type: typeAt[Math.min(depth, 3)] as UnitType,
    name: `Đơn vị ${id}`,
    validFrom: since,
    ...(validUntil === undefined ? {} : { validUntil }),
    parents:
      links ??
      (parentId === undefined
        ? []
        : [
            new ParentLink({
              parentId: UnitId.make(parentId),
              from: since,
              ...(validUntil === undefined ? {} : { until: validUntil })
            })
          ]),
    version: 1
  })

const actorOf = (unitId: string) =>
  new Actor({
    personId: PersonId.make(`p-${unitId}`),
    name: `Cán bộ ${unitId}`,
    unitId: UnitId.make(unitId),
    role: "officer"
  })

const succession = (id: string, from: string, to: string, on: CalendarDate.CalendarDate) =>
  new Succession({
    id: SuccessionId.make(id),
    kind: "merge",
    effectiveDate: on,
    predecessorId: UnitId.make(from),
    successorId: UnitId.make(to),
    carriesHistory: true,
    version: 1
  })

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

const triples = forestArb.chain((f) => fc.tuple(fc.constant(f), fc.nat(f.n - 1), fc.nat(f.n - 1)))

describe("Jurisdiction (property)", () => {
  it("assess: only units strictly below the actor's unit, never its own", () => {
    fc.assert(
      fc.property(triples, ([f, a, r]) => {
        const s = Jurisdiction.scene({ on: asOf, units: f.units })
        const result = Jurisdiction.canAssess(actorOf(`u${a}`), UnitId.make(`u${r}`), s)
        const below = ancestorsOf(f.parents, r).includes(a)
        expect(Result.isSuccess(result)).toBe(below)
        if (Result.isFailure(result)) {
          expect(result.failure.rule).toBe(a === r ? "strictlyBelow" : "withinJurisdiction")
        }
      })
    )
  })

  it("act for: own unit only; review: the parent; read: own unit and below", () => {
    fc.assert(
      fc.property(triples, ([f, a, r]) => {
        const s = Jurisdiction.scene({ on: asOf, units: f.units })
        const actor = actorOf(`u${a}`)
        const record = { unitId: UnitId.make(`u${r}`) }
        const own = Jurisdiction.canActFor(actor, record.unitId, "submit a report of")
        const review = Jurisdiction.canReview(actor, record, s, "return a report of")
        const read = Jurisdiction.canRead(actor, record.unitId, s)
        expect(Result.isSuccess(own)).toBe(a === r)
        expect(Result.isSuccess(review)).toBe(f.parents[r] === a)
        expect(Result.isSuccess(read)).toBe(a === r || ancestorsOf(f.parents, r).includes(a))
        for (const [res, rule, action] of [
          [own, "ownUnit", "submit a report of"],
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
      }),
      { numRuns: 500 }
    )
  })

  it("whoever may review or assess may read, and nobody reviews its own reports", () => {
    fc.assert(
      fc.property(triples, ([f, a, r]) => {
        const s = Jurisdiction.scene({ on: asOf, units: f.units })
        const actor = actorOf(`u${a}`)
        const unitId = UnitId.make(`u${r}`)
        const read = Result.isSuccess(Jurisdiction.canRead(actor, unitId, s))
        if (Result.isSuccess(Jurisdiction.canReview(actor, { unitId }, s))) {
          expect(read).toBe(true)
          expect(a).not.toBe(r)
        }
        if (Result.isSuccess(Jurisdiction.canAssess(actor, unitId, s))) expect(read).toBe(true)
      })
    )
  })

  it("maintain units: a unit at or above every unit affected, or a central unit", () => {
    fc.assert(
      fc.property(
        forestArb.chain((f) =>
          fc.tuple(
            fc.constant(f),
            fc.nat(f.n - 1),
            fc.uniqueArray(fc.nat(f.n - 1), { minLength: 1, maxLength: 4 })
          )
        ),
        fc.boolean(),
        ([f, a, touched], central) => {
          const s = Jurisdiction.scene({ on: asOf, units: f.units, central: central ? ["u0" as UnitId] : [] })
          const actor = actorOf(`u${a}`)
          const affected = touched.map((t) => ({ unitId: UnitId.make(`u${t}`), on: asOf }))
          const result = Jurisdiction.canMaintainUnits(actor, affected, s)
          const expected =
            (central && a === 0) || touched.every((t) => t === a || ancestorsOf(f.parents, t).includes(a))
          expect(Result.isSuccess(result)).toBe(expected)
          if (Result.isFailure(result)) expect(result.failure.rule).toBe("aboveAffectedUnits")
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
  const at = (on: CalendarDate.CalendarDate) => Jurisdiction.scene({ on, units })
  const report = { unitId: UnitId.make("c") }
  const ok = <E>(r: Result.Result<void, E>) => Result.isSuccess(r)

  it("the unit a report was submitted to reviews it, even after the unit moves", () => {
    const before = CalendarDate.make(2019, 12, 31)
    expect(ok(Jurisdiction.canReview(actorOf("d1"), report, at(before)))).toBe(true)
    expect(ok(Jurisdiction.canReview(actorOf("d1"), report, at(move)))).toBe(false)
    expect(ok(Jurisdiction.canReview(actorOf("d2"), report, at(move)))).toBe(true)
    // Submitted to d1 on the last day under it, reviewed after the move: still d1's.
    const submitted = { ...report, submittedOn: before }
    expect(ok(Jurisdiction.canReview(actorOf("d1"), submitted, at(move)))).toBe(true)
    expect(ok(Jurisdiction.canReview(actorOf("d2"), submitted, at(move)))).toBe(false)
    // The province reads both before and after, but reviews neither: the commune is not directly under it.
    expect(ok(Jurisdiction.canRead(actorOf("p"), report.unitId, at(since)))).toBe(true)
    expect(ok(Jurisdiction.canRead(actorOf("p"), report.unitId, at(move)))).toBe(true)
    expect(ok(Jurisdiction.canReview(actorOf("p"), report, at(move)))).toBe(false)
    expect(ok(Jurisdiction.canRead(actorOf("d1"), report.unitId, at(move)))).toBe(false)
  })

  it("says who, for which unit, and which rule in plain words", () => {
    const r = Jurisdiction.canReview(actorOf("d1"), report, at(move))
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure.message).toBe(
        'Cán bộ d1 (acting for unit "d1") may not approve a report of unit "c": a report is reviewed only by the unit it was submitted to, the one directly above'
      )
    }
  })
})

describe("Jurisdiction across the 2025 reform", () => {
  // Province p; district d ends on 01/07/2025; communes c1 and c2 merge into the new commune c12
  // (which carries both histories), directly under p; commune c3 ends with no succession recorded.
  const reform = CalendarDate.make(2025, 7, 1)
  const after = CalendarDate.make(2026, 1, 15)
  const units = [
    unit("p", undefined, 0),
    unit("d", "p", 1, undefined, reform),
    unit("c1", "d", 2, undefined, reform),
    unit("c2", "d", 2, undefined, reform),
    unit("c3", "d", 2, undefined, reform),
    new Unit({
      id: UnitId.make("c12"),
      type: "commune",
      name: "Đơn vị c12",
      validFrom: reform,
      parents: [new ParentLink({ parentId: UnitId.make("p"), from: reform })],
      version: 1
    }),
    unit("q", undefined, 0)
  ]
  const successions = [succession("s1", "c1", "c12", reform), succession("s2", "c2", "c12", reform)]
  const s = Jurisdiction.scene({ on: after, units, successions })
  const id = (u: string) => UnitId.make(u)
  const ok = <E>(r: Result.Result<void, E>) => Result.isSuccess(r)

  it("the carrier reads its predecessors' records but does not assess them", () => {
    expect(ok(Jurisdiction.canRead(actorOf("c12"), id("c1"), s))).toBe(true)
    const assess = Jurisdiction.canAssess(actorOf("c12"), id("c1"), s)
    expect(Result.isFailure(assess) && assess.failure.rule).toBe("historyCarrier")
    // The province, above the carrier, reads and assesses them.
    expect(ok(Jurisdiction.canRead(actorOf("p"), id("c1"), s))).toBe(true)
    expect(ok(Jurisdiction.canAssess(actorOf("p"), id("c1"), s))).toBe(true)
    // Another commune and another province do neither.
    expect(ok(Jurisdiction.canRead(actorOf("c3"), id("c1"), s))).toBe(false)
    expect(ok(Jurisdiction.canAssess(actorOf("q"), id("c1"), s))).toBe(false)
  })

  it("a unit nobody carries stands where it stood on its last day", () => {
    expect(ok(Jurisdiction.canRead(actorOf("p"), id("c3"), s))).toBe(true)
    expect(ok(Jurisdiction.canRead(actorOf("d"), id("c3"), s))).toBe(true)
    expect(ok(Jurisdiction.canAssess(actorOf("p"), id("c3"), s))).toBe(true)
    expect(ok(Jurisdiction.canRead(actorOf("c12"), id("c3"), s))).toBe(false)
    expect(Jurisdiction.standingDate(units[4] as Unit, after)).toBe("2025-06-30")
  })

  it("a report of an ended commune goes up to the nearest unit that exists, and a central unit reviews provinces", () => {
    // c3's late report, submitted after the reform: its parent on its last day was d, which no
    // longer exists and whose history nobody carries, so it goes to d's parent.
    expect(Jurisdiction.reviewChain(s, id("c3"), after)).toEqual(["d", "p"])
    expect(ok(Jurisdiction.canReview(actorOf("d"), { unitId: id("c3"), submittedOn: after }, s))).toBe(false)
    expect(ok(Jurisdiction.canReview(actorOf("p"), { unitId: id("c3"), submittedOn: after }, s))).toBe(true)
    // Submitted before the reform and reviewed then, it was d's.
    const before = Jurisdiction.scene({ on: CalendarDate.make(2025, 6, 20), units, successions })
    expect(Jurisdiction.reviewerOf(before, id("c3"), CalendarDate.make(2025, 6, 20))).toBe("d")
    // A province's report goes to the central level, when the policy names one.
    expect(ok(Jurisdiction.canReview(actorOf("q"), { unitId: id("p") }, s))).toBe(false)
    const central = Jurisdiction.scene({ on: after, units, successions, central: [id("vn-bdvtw")] })
    expect(ok(Jurisdiction.canReview(actorOf("vn-bdvtw"), { unitId: id("p") }, central))).toBe(true)
    expect(ok(Jurisdiction.canAssess(actorOf("vn-bdvtw"), id("c12"), central))).toBe(true)
    expect(ok(Jurisdiction.canReview(actorOf("vn-bdvtw"), { unitId: id("c12") }, central))).toBe(false)
  })

  it("a merged parent's reports go to the unit carrying its history", () => {
    const s2 = Jurisdiction.scene({
      on: after,
      units: [...units, unit("x", "d", 2, undefined, reform)],
      successions: [...successions, succession("s3", "d", "p", reform)]
    })
    // x was under d, which p now carries: p reviews x's report submitted before the reform.
    expect(Jurisdiction.reviewerOf(s2, id("x"), CalendarDate.make(2025, 6, 20))).toBe("p")
  })

  it("maintaining units: a commune may not record another commune's merger into itself", () => {
    const claim = [
      { unitId: id("c3"), on: CalendarDate.make(2025, 6, 30) },
      { unitId: id("c12"), on: reform }
    ]
    const byCommune = Jurisdiction.canMaintainUnits(actorOf("c12"), claim, s)
    expect(Result.isFailure(byCommune) && byCommune.failure.rule).toBe("aboveAffectedUnits")
    expect(Result.isFailure(byCommune) && byCommune.failure.unitId).toBe("c3")
    expect(ok(Jurisdiction.canMaintainUnits(actorOf("p"), claim, s))).toBe(true)
    expect(ok(Jurisdiction.canMaintainUnits(actorOf("q"), claim, s))).toBe(false)
  })

  it("reference data: the levels the policy names, or a central unit", () => {
    const levels = Policy.defaults.referenceDataLevels
    expect(ok(Jurisdiction.canMaintainReferenceData(actorOf("p"), levels, s))).toBe(true)
    const commune = Jurisdiction.canMaintainReferenceData(actorOf("c12"), levels, s)
    expect(Result.isFailure(commune) && commune.failure.rule).toBe("referenceDataLevel")
    // A district that no longer exists is no longer a level that maintains anything.
    expect(ok(Jurisdiction.canMaintainReferenceData(actorOf("d"), ["district"], s))).toBe(false)
    expect(ok(Jurisdiction.canMaintainReferenceData(actorOf("nowhere"), levels, s))).toBe(false)
  })

  it("replacing a directive: the unit that registered it, the unit carrying its history, or a central unit", () => {
    expect(ok(Jurisdiction.canReplace(actorOf("p"), id("p"), s))).toBe(true)
    expect(ok(Jurisdiction.canReplace(actorOf("c12"), id("c1"), s))).toBe(true)
    const commune = Jurisdiction.canReplace(actorOf("c12"), id("p"), s)
    expect(Result.isFailure(commune) && commune.failure.rule).toBe("registeringUnit")
    expect(ok(Jurisdiction.canReplace(actorOf("p"), undefined, s))).toBe(false)
  })
})

describe("Policy", () => {
  it("grants exactly the permissions listed for a role, and nothing to an unknown role", () => {
    for (const permission of Policy.Permission.literals) {
      for (const [role, granted] of Object.entries(Policy.defaults.roles)) {
        expect(Policy.grants(Policy.defaults, role, permission)).toBe(granted.includes(permission))
      }
      expect(Policy.grants(Policy.defaults, "toString", permission)).toBe(false)
      expect(Policy.grants(Policy.defaults, "inspector", permission)).toBe(false)
    }
  })

  it("decodes a policy kept as JSON, refusing unknown permissions and malformed role names", () => {
    const decode = Schema.decodeUnknownExit(Policy.Policy)
    expect(Exit.isSuccess(decode(JSON.parse(JSON.stringify(Policy.defaults))))).toBe(true)
    for (const bad of [
      { ...Policy.defaults, roles: { officer: ["reports.delete"] } },
      { ...Policy.defaults, roles: { "Cán bộ": ["records.read"] } },
      { ...Policy.defaults, referenceDataLevels: ["central"] },
      { ...Policy.defaults, separationOfDuties: "yes" },
      null
    ]) {
      expect(Exit.isFailure(decode(bad)), JSON.stringify(bad)).toBe(true)
    }
  })

  it("by default a reviewer cannot draft, an officer cannot review, and only administrators maintain units", () => {
    const { roles } = Policy.defaults
    expect(roles.leader).not.toContain("reports.draft")
    expect(roles.officer).not.toContain("reports.review")
    for (const [role, permissions] of Object.entries(roles)) {
      expect(permissions.includes("units.maintain"), role).toBe(role === "administrator")
      expect(permissions.includes("referenceData.maintain"), role).toBe(role === "administrator")
      expect(permissions, role).toContain("records.read")
    }
    expect(Policy.defaults.separationOfDuties).toBe(true)
  })
})
