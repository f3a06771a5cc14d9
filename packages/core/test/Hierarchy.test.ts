import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { UnitId } from "../src/kernel/Ids.ts"
import * as Hierarchy from "../src/unit/Hierarchy.ts"
import { ParentLink, StatisticsCode, twoTierSince, Unit, type UnitType } from "../src/unit/Unit.ts"

const day = CalendarDate.unsafeFromString
const T0 = day("2018-01-01")
const REFORM = twoTierSince

type Link = readonly [parent: string, from: string, until?: string | undefined]

const link = ([parent, from, until]: Link) =>
  new ParentLink({
    parentId: UnitId.make(parent),
    from: day(from),
    ...(until === undefined ? {} : { until: day(until) })
  })

const unit = (
  id: string,
  type: UnitType,
  from: string,
  until: string | undefined,
  links: ReadonlyArray<Link> = [],
  code?: string
) =>
  new Unit({
    id: UnitId.make(id),
    type,
    name: `Đơn vị ${id}`,
    ...(code === undefined ? {} : { code: StatisticsCode.make(code) }),
    validFrom: day(from),
    ...(until === undefined ? {} : { validUntil: day(until) }),
    parents: links.map(link),
    version: 1
  })

const ids = (units: ReadonlyArray<Unit>) => units.map((u) => u.id as string)
const tags = (units: ReadonlyArray<Unit>) => Hierarchy.validate(units).map((v) => v._tag)

/**
 * A province across the reform of 01/07/2025: district D with communes C1 (which moves under the
 * province on that day) and C2 (merged away then), C3 formed on that day, an agency G attached to
 * C1, and a second province Q abolished on that day.
 */
const sample = [
  unit("P", "province", "2018-01-01", undefined, [], "37"),
  unit("Q", "province", "2018-01-01", "2025-07-01", [], "35"),
  unit("D", "ruralDistrict", "2018-01-01", "2025-07-01", [["P", "2018-01-01", "2025-07-01"]], "372"),
  unit(
    "C1",
    "commune",
    "2018-01-01",
    undefined,
    [
      ["D", "2018-01-01", "2025-07-01"],
      ["P", "2025-07-01"]
    ],
    "14500"
  ),
  unit("C2", "townlet", "2018-01-01", "2025-07-01", [["D", "2018-01-01", "2025-07-01"]], "14503"),
  unit("C3", "ward", "2025-07-01", undefined, [["P", "2025-07-01"]], "14506"),
  unit("G", "agency", "2018-01-01", undefined, [["C1", "2018-01-01"]])
]

describe("Hierarchy queries (examples)", () => {
  const h = Hierarchy.make(sample)
  const before = day("2024-12-31")
  const after = day("2025-07-01")

  it("answers parent and ancestors as of a date", () => {
    expect(Hierarchy.parentOf(h, UnitId.make("C1"), before)?.id).toBe("D")
    expect(Hierarchy.parentOf(h, UnitId.make("C1"), after)?.id).toBe("P")
    expect(ids(Hierarchy.ancestors(h, UnitId.make("G"), before))).toEqual(["C1", "D", "P"])
    expect(ids(Hierarchy.ancestors(h, UnitId.make("G"), after))).toEqual(["C1", "P"])
    expect(Hierarchy.parentOf(h, UnitId.make("P"), after)).toBeUndefined()
    // Not valid that day: no parent, no ancestors.
    expect(Hierarchy.parentOf(h, UnitId.make("C3"), before)).toBeUndefined()
    expect(Hierarchy.ancestors(h, UnitId.make("C2"), after)).toEqual([])
  })

  it("answers children, descendants and jurisdiction as of a date", () => {
    expect(ids(Hierarchy.children(h, UnitId.make("P"), before))).toEqual(["D"])
    expect(ids(Hierarchy.children(h, UnitId.make("P"), after))).toEqual(["C1", "C3"])
    expect(ids(Hierarchy.descendants(h, UnitId.make("P"), before))).toEqual(["C1", "C2", "D", "G"])
    expect(ids(Hierarchy.jurisdiction(h, UnitId.make("P"), after))).toEqual(["C1", "C3", "G", "P"])
    expect(ids(Hierarchy.jurisdiction(h, UnitId.make("D"), before))).toEqual(["C1", "C2", "D", "G"])
    expect(Hierarchy.jurisdiction(h, UnitId.make("D"), after)).toEqual([])
    expect(Hierarchy.children(h, UnitId.make("Q"), after)).toEqual([])
    expect(Hierarchy.findByCode(h, "14500", after)?.id).toBe("C1")
    expect(Hierarchy.findByCode(h, "372", after)).toBeUndefined()
  })

  it("finds the sample valid", () => {
    expect(Hierarchy.validate(sample)).toEqual([])
  })

  it("ends on malformed data with a cycle", () => {
    const cyclic = Hierarchy.make([
      unit("X", "commune", "2018-01-01", undefined, [["Y", "2018-01-01"]]),
      unit("Y", "commune", "2018-01-01", undefined, [["X", "2018-01-01"]])
    ])
    expect(ids(Hierarchy.ancestors(cyclic, UnitId.make("X"), T0))).toEqual(["Y"])
    expect(ids(Hierarchy.descendants(cyclic, UnitId.make("X"), T0))).toEqual(["Y"])
  })
})

describe("Hierarchy.validate (examples)", () => {
  const P = unit("P", "province", "2018-01-01", undefined, [], "37")

  it("reports a district-level unit valid on or after 01/07/2025", () => {
    const v = Hierarchy.validate([
      P,
      unit("D", "urbanDistrict", "2018-01-01", "2025-07-02", [["P", "2018-01-01", "2025-07-02"]])
    ])
    expect(v.map((x) => x._tag)).toEqual(["DistrictAfterTwoTier"])
    expect(v[0]?.message).toContain("2025-07-01")
    expect(tags([P, unit("D", "districtTown", "2026-01-01", undefined, [["P", "2026-01-01"]])])).toContain(
      "DistrictAfterTwoTier"
    )
    expect(
      tags([P, unit("D", "districtTown", "2020-01-01", "2025-07-01", [["P", "2020-01-01", "2025-07-01"]])])
    ).toEqual([])
  })

  it("reports statistics codes that do not fit the level, and codes on grassroots units", () => {
    const v = Hierarchy.validate([
      unit("P2", "province", "2018-01-01", undefined, [], "372"),
      unit("C", "commune", "2025-07-01", undefined, [["P2", "2025-07-01"]], "37"),
      unit("G", "enterprise", "2025-07-01", undefined, [["P2", "2025-07-01"]], "12345")
    ])
    expect(v.map((x) => x._tag)).toEqual(["CodeLevelMismatch", "CodeLevelMismatch", "CodeLevelMismatch"])
    expect(v[0]?.message).toContain("2 digits")
    expect(v[2]?.message).toContain("grassroots")
  })

  it("reports a code shared by two units on the same day, not codes reused later", () => {
    const reused = [
      unit("P-old", "province", "2018-01-01", "2025-07-01", [], "37"),
      unit("P-new", "province", "2025-07-01", undefined, [], "37")
    ]
    expect(tags(reused)).toEqual([])
    const v = Hierarchy.validate([
      ...reused,
      unit("P-dup", "centralCity", "2020-01-01", "2020-02-01", [], "37")
    ])
    expect(v.map((x) => x._tag)).toEqual(["DuplicateCode"])
    expect(v[0]).toMatchObject({ code: "37", unitIds: ["P-old", "P-dup"], on: "2020-01-01" })
  })

  it("reports a parent that is not valid whenever the unit is", () => {
    const v = Hierarchy.validate([
      unit("P-short", "province", "2026-01-01", undefined, [], "37"),
      unit("C", "commune", "2025-07-01", undefined, [["P-short", "2025-07-01"]], "14500")
    ])
    expect(v.map((x) => x._tag)).toEqual(["ParentNotValid"])
    expect(v[0]?.message).toContain("valid whenever the unit is")
  })

  it("reports missing parents, gaps, overlaps, late starts and early ends of links", () => {
    expect(tags([unit("C", "commune", "2025-07-01", undefined, [["nobody", "2025-07-01"]])])).toEqual([
      "MissingParent"
    ])
    expect(tags([P, unit("C", "commune", "2025-07-01", undefined, [])])).toEqual(["ParentLinksNotContiguous"])
    expect(
      tags([
        P,
        unit("C", "commune", "2025-07-01", undefined, [
          ["P", "2025-07-01", "2026-01-01"],
          ["P", "2026-02-01"]
        ])
      ])
    ).toEqual(["ParentLinksNotContiguous"])
    expect(
      tags([
        P,
        unit("C", "commune", "2025-07-01", undefined, [
          ["P", "2025-07-01", "2026-03-01"],
          ["P", "2026-02-01"]
        ])
      ])
    ).toEqual(["ParentLinksOverlap"])
    expect(tags([P, unit("C", "commune", "2025-07-01", undefined, [["P", "2025-08-01"]])])).toEqual([
      "ParentLinksNotContiguous"
    ])
    expect(
      tags([P, unit("C", "commune", "2025-07-01", undefined, [["P", "2025-07-01", "2026-01-01"]])])
    ).toEqual(["ParentLinksNotContiguous"])
    expect(
      tags([
        P,
        unit("C", "commune", "2025-07-01", undefined, [
          ["P", "2025-07-01", "2025-07-01"],
          ["P", "2025-07-01"]
        ])
      ])
    ).toContain("ParentLinksNotContiguous")
  })

  it("reports parents of the wrong level", () => {
    const D = unit("D", "ruralDistrict", "2018-01-01", "2025-07-01", [["P", "2018-01-01", "2025-07-01"]])
    // A commune under a province before 01/07/2025.
    expect(tags([P, unit("C", "commune", "2024-01-01", undefined, [["P", "2024-01-01"]])])).toEqual([
      "WrongParentLevel"
    ])
    // A district under a district; a province with a parent; a grassroots unit under another.
    expect(
      tags([
        P,
        D,
        unit("D2", "urbanDistrict", "2018-01-01", "2025-07-01", [["D", "2018-01-01", "2025-07-01"]])
      ])
    ).toEqual(["WrongParentLevel"])
    expect(tags([P, unit("P2", "province", "2018-01-01", undefined, [["P", "2018-01-01"]])])).toEqual([
      "WrongParentLevel"
    ])
    expect(
      tags([
        P,
        unit("G1", "agency", "2018-01-01", undefined, [["P", "2018-01-01"]]),
        unit("G2", "enterprise", "2018-01-01", undefined, [["G1", "2018-01-01"]])
      ])
    ).toEqual(["WrongParentLevel"])
    const v = Hierarchy.validate([P, unit("P2", "province", "2018-01-01", undefined, [["P", "2018-01-01"]])])
    expect(v[0]?.message).toContain("has no parent")
  })

  it("reports cycles, once each", () => {
    const v = Hierarchy.validate([
      unit("A", "agency", "2018-01-01", undefined, [["B", "2018-01-01"]]),
      unit("B", "agency", "2018-01-01", undefined, [["A", "2018-01-01"]])
    ])
    const cycles = v.filter((x) => x._tag === "HierarchyCycle")
    expect(cycles).toHaveLength(1)
    expect(cycles[0]?.message).toMatch(/A → B → A|B → A → B/u)
  })

  it("does not report links that form a cycle only across different days", () => {
    const v = Hierarchy.validate([
      unit("A", "agency", "2018-01-01", undefined, [
        ["B", "2018-01-01", "2020-01-01"],
        ["P", "2020-01-01"]
      ]),
      unit("B", "agency", "2018-01-01", undefined, [
        ["P", "2018-01-01", "2020-01-01"],
        ["A", "2020-01-01"]
      ]),
      P
    ])
    expect(v.filter((x) => x._tag === "HierarchyCycle")).toEqual([])
  })

  it("reports duplicate ids and empty validities", () => {
    expect(tags([P, P])).toEqual(["DuplicateUnitId", "DuplicateCode"])
    expect(tags([unit("X", "province", "2020-01-01", "2020-01-01")])).toEqual(["EmptyValidity"])
  })
})

// ---------------------------------------------------------------------------------------------
// Random valid hierarchies
// ---------------------------------------------------------------------------------------------

const plan = fc.record({
  provinces: fc.array(
    fc.record({
      endsAtReform: fc.boolean(),
      districts: fc.array(
        fc.record({
          startOffset: fc.integer({ min: 0, max: 2000 }),
          communes: fc.array(fc.record({ crosses: fc.boolean(), target: fc.nat(), agencies: fc.nat(2) }), {
            maxLength: 4
          })
        }),
        { maxLength: 3 }
      )
    }),
    { minLength: 1, maxLength: 3 }
  ),
  newProvinces: fc.nat(2),
  newCommunes: fc.array(fc.record({ target: fc.nat(), agencies: fc.nat(2) }), { maxLength: 5 })
})

/** Builds a valid two-era hierarchy from a plan: three tiers before 01/07/2025, two from then. */
type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never

const build = (p: Plan): ReadonlyArray<Unit> => {
  const units: Array<Unit> = []
  let n = 0
  const next = (digits: number) => String(++n).padStart(digits, "0")
  const agencies = (parent: Unit, count: number) => {
    for (let i = 0; i < count; i++) {
      units.push(
        unit(`${parent.id}-g${i}`, "agency", parent.validFrom, parent.validUntil, [
          [parent.id, parent.validFrom, parent.validUntil]
        ])
      )
    }
  }
  const provinces = p.provinces.map((spec, i) => {
    const province = unit(`p${i}`, "province", T0, spec.endsAtReform ? REFORM : undefined, [], next(2))
    units.push(province)
    return province
  })
  const after = [
    ...provinces.filter((x) => x.validUntil === undefined),
    ...Array.from({ length: p.newProvinces }, (_, i) =>
      unit(`np${i}`, "province", REFORM, undefined, [], next(2))
    )
  ]
  units.push(...after.filter((x) => x.validFrom === REFORM))
  p.provinces.forEach((spec, i) => {
    const province = provinces[i] as Unit
    spec.districts.forEach((ds, j) => {
      const from = CalendarDate.addDays(T0, ds.startOffset)
      const district = unit(
        `${province.id}-d${j}`,
        "ruralDistrict",
        from,
        REFORM,
        [[province.id, from, REFORM]],
        next(3)
      )
      units.push(district)
      ds.communes.forEach((cs, k) => {
        const target = after.length === 0 ? undefined : after[cs.target % after.length]
        const crosses = cs.crosses && target !== undefined
        const commune = unit(
          `${district.id}-c${k}`,
          "commune",
          from,
          crosses ? undefined : REFORM,
          crosses
            ? [
                [district.id, from, REFORM],
                [(target as Unit).id, REFORM]
              ]
            : [[district.id, from, REFORM]],
          next(5)
        )
        units.push(commune)
        agencies(commune, cs.agencies)
      })
    })
  })
  p.newCommunes.forEach((cs, k) => {
    if (after.length === 0) return
    const target = after[cs.target % after.length] as Unit
    const commune = unit(`nc${k}`, "ward", REFORM, undefined, [[target.id, REFORM]], next(5))
    units.push(commune)
    agencies(commune, cs.agencies)
  })
  return units
}

const dateArb = (from: CalendarDate.CalendarDate, days: number) =>
  fc.integer({ min: 0, max: days }).map((k) => CalendarDate.addDays(from, k))

describe("Hierarchy (properties)", () => {
  it("random two-era hierarchies are valid", () => {
    fc.assert(
      fc.property(plan, (p) => {
        expect(Hierarchy.validate(build(p))).toEqual([])
      })
    )
  })

  it("any date on or after 01/07/2025 resolves no district", () => {
    fc.assert(
      fc.property(plan, dateArb(REFORM, 3000), (p, date) => {
        const units = build(p)
        const h = Hierarchy.make(units)
        for (const u of units) {
          const valid = Hierarchy.get(h, u.id, date)
          if (valid === undefined) continue
          expect(valid.level).not.toBe("district")
          expect(Hierarchy.ancestors(h, u.id, date).map((a) => a.level)).not.toContain("district")
          expect(Hierarchy.children(h, u.id, date).map((c) => c.level)).not.toContain("district")
          if (valid.level === "commune") expect(Hierarchy.parentOf(h, u.id, date)?.level).toBe("province")
        }
      })
    )
  })

  it("before 01/07/2025 every commune sits under a district", () => {
    fc.assert(
      fc.property(plan, dateArb(T0, CalendarDate.daysBetween(T0, REFORM) - 1), (p, date) => {
        const units = build(p)
        const h = Hierarchy.make(units)
        for (const u of units) {
          if (Hierarchy.get(h, u.id, date)?.level === "commune") {
            expect(Hierarchy.parentOf(h, u.id, date)?.level).toBe("district")
          }
        }
      })
    )
  })

  it("jurisdiction(root) is root plus its children's jurisdictions, and every member's ancestors pass through root", () => {
    fc.assert(
      fc.property(plan, dateArb(T0, 4000), (p, date) => {
        const units = build(p)
        const h = Hierarchy.make(units)
        const valid = units.filter((u) => Hierarchy.get(h, u.id, date) !== undefined)
        for (const root of valid) {
          const j = ids(Hierarchy.jurisdiction(h, root.id, date))
          const composed = [
            root.id as string,
            ...Hierarchy.children(h, root.id, date).flatMap((c) => ids(Hierarchy.jurisdiction(h, c.id, date)))
          ].sort()
          expect(j).toEqual(composed)
          expect(new Set(j).size).toBe(j.length)
          for (const u of valid) {
            const inside = u.id === root.id || ids(Hierarchy.ancestors(h, u.id, date)).includes(root.id)
            expect(j.includes(u.id)).toBe(inside)
          }
        }
      }),
      { numRuns: 60 }
    )
  })

  it("a district kept past 01/07/2025 is always reported", () => {
    fc.assert(
      fc.property(
        plan.filter((p) => p.provinces.some((x) => !x.endsAtReform && x.districts.length > 0)),
        dateArb(CalendarDate.addDays(REFORM, 1), 2000),
        fc.boolean(),
        (p, until, open) => {
          const units = build(p)
          const i = units.findIndex(
            (u) =>
              u.level === "district" &&
              units.some((q) => q.id === u.parents[0]?.parentId && q.validUntil === undefined)
          )
          const d = units[i] as Unit
          const end = open ? undefined : until
          const extended = unit(
            d.id,
            d.type,
            d.validFrom,
            end,
            [[d.parents[0]?.parentId as string, d.validFrom, end]],
            d.code
          )
          const v = Hierarchy.validate(units.map((u, k) => (k === i ? extended : u)))
          expect(v.some((x) => x._tag === "DistrictAfterTwoTier" && x.unitId === d.id)).toBe(true)
        }
      ),
      { numRuns: 50 }
    )
  })
})
