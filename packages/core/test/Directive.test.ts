import { describe, expect, it } from "@effect/vitest"
import { Order, Result } from "effect"
import * as fc from "fast-check"
import * as Directive from "../src/directive/Directive.ts"
import * as DocumentNumber from "../src/directive/DocumentNumber.ts"
import * as Issuers from "../src/directive/Issuers.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { DirectiveId, UnitId } from "../src/kernel/Ids.ts"
import * as Hierarchy from "../src/unit/Hierarchy.ts"
import { ParentLink, Unit, type UnitType } from "../src/unit/Unit.ts"

const day = CalendarDate.unsafeFromString
const number = (s: string) => {
  const r = DocumentNumber.parse(s)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const central: Directive.IssuedBy = { _tag: "Central", body: "government" }
const byUnit = (unit: string, body: Directive.IssuedBy["body"] = "peoplesCommittee"): Directive.IssuedBy => ({
  _tag: "Unit",
  unitId: UnitId.make(unit),
  body
})

const directive = (
  id: string,
  no: string,
  issuedBy: Directive.IssuedBy,
  from: string,
  replaces: Array<string> = []
) =>
  new Directive.Directive({
    id: DirectiveId.make(id),
    number: number(no),
    issuedBy,
    title: `Văn bản ${id}`,
    programme: "QCDC",
    issuedOn: day(from),
    effectiveFrom: day(from),
    replaces: replaces.map((r) => DirectiveId.make(r)),
    tasks: [],
    version: 1
  })

describe("issuing unit in the numbering scope", () => {
  it("two provinces' 01/2024/QĐ-UBND have different keys; the same province's twice have one", () => {
    const key = (issuedBy: Directive.IssuedBy, on: string) =>
      Directive.numberingKey({ number: number("01/2024/QĐ-UBND"), issuedOn: day(on), issuedBy })
    expect(key(byUnit("vn-37"), "2024-01-05")).not.toBe(key(byUnit("vn-35"), "2024-01-05"))
    expect(key(byUnit("vn-37"), "2024-01-05")).toBe(key(byUnit("vn-37", "peoplesCouncil"), "2024-12-30"))
    expect(key(byUnit("vn-37"), "2024-01-05")).not.toBe(key(central, "2024-01-05"))
  })

  it("keys are equal exactly when the issuing units are (law, over any number and units)", () => {
    const unitOrCentre = fc.option(fc.constantFrom("vn-37", "vn-35", "vn-36-350", "c-14470"), {
      nil: undefined
    })
    fc.assert(
      fc.property(
        fc.constantFrom("01/2024/QĐ-UBND", "20-KH/TU", "15-CV/BDVTU", "60/2013/NĐ-CP", "771-KH/BDVTƯ"),
        unitOrCentre,
        unitOrCentre,
        (no, a, b) => {
          const of = (u: string | undefined) =>
            Directive.numberingKey({
              number: number(no),
              issuedOn: day("2017-03-08"),
              issuedBy: u === undefined ? central : byUnit(u)
            })
          expect(of(a) === of(b)).toBe(a === b)
        }
      )
    )
  })
})

describe("issuer codes read in the issuing unit's context", () => {
  it("BDVTU is a province's own Ban Dân vận on its documents, the central commission on central ones", () => {
    const local = Issuers.inContext(Issuers.defaultRegistry, "local")
    const centre = Issuers.inContext(Issuers.defaultRegistry, "central")
    expect(Issuers.issuerKey("BDVTU", local)).toBe("BDVTU")
    expect(Issuers.issuerKey("BDVTU", centre)).toBe("BDVTW")
    expect(Issuers.issuerKey("BDVTƯ", local)).toBe("BDVTW")
    // Read on a province's document, the number keeps its own issuer; read without context (or on a
    // central document) it is the central commission's.
    const own = DocumentNumber.parse("15-CV/BDVTU", local)
    expect(Result.isSuccess(own) && own.success.issuer).toBe("BDVTU")
    expect(Result.isSuccess(own) && DocumentNumber.format(own.success, local)).toBe("15-CV/BDVTU")
    expect(number("15-CV/BDVTU").issuer).toBe("BDVTƯ")
    // A province's BDVTU and the centre's BDVTƯ share a number without sharing a scope.
    const a = { number: number("15-CV/BDVTƯ"), issuedOn: day("2017-01-10") }
    const provincial = { number: { ...a.number, issuer: "BDVTU" }, issuedOn: a.issuedOn }
    expect(
      Directive.numberingKey({ ...provincial, issuedBy: byUnit("vn-37", "massMobilisationCommission") })
    ).toContain('"BDVTU"')
    expect(Directive.numberingKey({ ...a, issuedBy: central })).toContain('"BDVTW"')
    // TU is the provincial committee everywhere: no central homonym.
    expect(Issuers.issuerKey("TU", local)).toBe("TU")
    expect(Issuers.issuerKey("TU", centre)).toBe("TU")
  })

  it("a registry giving a local spelling to an issuer of no scope is refused", () => {
    const clash = Issuers.extend(Issuers.defaultRegistry, { issuers: [{ code: "TINHUY", aliases: ["TU"] }] })
    expect(Result.isFailure(clash)).toBe(true)
  })
})

describe("legacyIssuer", () => {
  it("central codes go to the centre, local ones to the given unit, and nowhere without one", () => {
    const vn37 = UnitId.make("vn-37")
    expect(Directive.legacyIssuer(number("59/2023/NĐ-CP"), vn37)).toEqual({
      _tag: "Central",
      body: "government"
    })
    expect(Directive.legacyIssuer(number("10/2022/QH15"), undefined)).toEqual({
      _tag: "Central",
      body: "nationalAssembly"
    })
    expect(Directive.legacyIssuer(number("114-KL/TW"), undefined)).toEqual({
      _tag: "Central",
      body: "partyCommittee"
    })
    expect(Directive.legacyIssuer(number("20-KH/TU"), vn37)).toEqual({
      _tag: "Unit",
      unitId: vn37,
      body: "partyCommittee"
    })
    expect(Directive.legacyIssuer(number("2618/BHXH-KHTC"), vn37)).toEqual({
      _tag: "Unit",
      unitId: vn37,
      body: "agency"
    })
    expect(Directive.legacyIssuer(number("01/2024/QĐ-UBND"), undefined)).toBeUndefined()
  })
})

const unit = (
  id: string,
  type: UnitType,
  from: string,
  until: string | undefined,
  links: Array<[string, string, string?]>
) =>
  new Unit({
    id: UnitId.make(id),
    type,
    name: `Đơn vị ${id}`,
    validFrom: day(from),
    ...(until === undefined ? {} : { validUntil: day(until) }),
    parents: links.map(
      ([p, f, u]) =>
        new ParentLink({
          parentId: UnitId.make(p),
          from: day(f),
          ...(u === undefined ? {} : { until: day(u) })
        })
    ),
    version: 1
  })

describe("applicableOn across the 2025 reform", () => {
  // Hà Nam (H) is merged into Ninh Bình (N) on 01/07/2025; commune C was under Hà Nam's district D.
  const reform = "2025-07-01"
  const h = Hierarchy.make([
    unit("N", "province", "1992-01-01", undefined, []),
    unit("H", "province", "1997-01-01", reform, []),
    unit("D", "ruralDistrict", "1997-01-01", reform, [["H", "1997-01-01", reform]]),
    unit("C", "commune", "1997-01-01", undefined, [
      ["D", "1997-01-01", reform],
      ["N", reform]
    ])
  ])
  const all = [
    directive("decree", "59/2023/NĐ-CP", central, "2023-08-04"),
    directive("ha-nam", "01/2025/QĐ-UBND", byUnit("H"), "2025-01-10"),
    directive("ninh-binh", "01/2025/QĐ-UBND", byUnit("N"), "2025-01-12"),
    directive("district", "03-KH/HU", byUnit("D", "partyCommittee"), "2025-02-01"),
    directive("other", "05/2025/QĐ-UBND", byUnit("X"), "2025-02-01")
  ]
  const applicable = (on: string) =>
    Directive.applicableOn(
      all,
      UnitId.make("C"),
      Hierarchy.ancestors(h, UnitId.make("C"), day(on)).map((u) => u.id),
      day(on)
    ).map((d) => d.id)

  it("a commune reads its old district's and province's directives before, its new province's after", () => {
    expect(applicable("2025-06-30")).toEqual(["decree", "ha-nam", "district"])
    expect(applicable(reform)).toEqual(["decree", "ninh-binh"])
  })

  it("is the directives in force issued by the centre, the unit or an ancestor (law)", () => {
    const units = ["N", "H", "D", "C", "X"]
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            issuer: fc.option(fc.constantFrom(...units), { nil: undefined }),
            from: fc.constantFrom("2024-01-01", "2025-03-01", reform, "2026-01-01")
          }),
          { maxLength: 8 }
        ),
        fc.constantFrom(...units),
        fc.constantFrom("2024-06-01", "2025-06-30", reform, "2026-06-01"),
        (specs, target, on) => {
          const ds = specs.map((s, i) =>
            directive(
              `d${i}`,
              `${i + 1}/QĐ-UBND`,
              s.issuer === undefined ? central : byUnit(s.issuer),
              s.from
            )
          )
          const above = Hierarchy.ancestors(h, UnitId.make(target), day(on)).map((u) => u.id as string)
          const got = Directive.applicableOn(
            ds,
            UnitId.make(target),
            above.map((u) => UnitId.make(u)),
            day(on)
          )
          const expected = Directive.inForceOn(ds, day(on)).filter(
            (d) =>
              d.issuedBy._tag === "Central" ||
              d.issuedBy.unitId === target ||
              above.includes(d.issuedBy.unitId)
          )
          expect(got.map((d) => d.id)).toEqual(expected.map((d) => d.id))
        }
      )
    )
  })
})

describe("byEffectiveDate", () => {
  // The written-out comparator must keep the order `Order.Struct` gave: effective date, then id,
  // strings by UTF-16 code units (ids may hold any text, surrogate pairs included).
  const reference = Order.Struct({ effectiveFrom: Order.String, id: Order.String })
  const key = fc.record({
    effectiveFrom: fc
      .oneof(fc.constantFrom("2024-01-01", "2024-01-02"), fc.string({ unit: "binary" }))
      .map((s) => s as CalendarDate.CalendarDate),
    id: fc
      .oneof(fc.constantFrom("a", "b", "B", "é", "\u{1F600}", "\uFF5E"), fc.string({ unit: "binary" }))
      .map((s) => s as DirectiveId)
  })

  it("agrees with the order by effective date, then id (law)", () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(Math.sign(Directive.byEffectiveDate(a, b))).toBe(reference(a, b))
      })
    )
  })

  it("sorts any list as that order does (law)", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), (list) => {
        expect([...list].sort(Directive.byEffectiveDate)).toEqual([...list].sort(reference))
      })
    )
  })
})
