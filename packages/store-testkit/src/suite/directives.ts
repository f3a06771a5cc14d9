/**
 * `DirectiveRepository`: numbering scopes, replacement chains and "in force on a date".
 *
 * @since 0.1.0
 */
import { Directive, Ids, Page } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect } from "effect"
import * as F from "../fixtures.ts"
import { allPages, failsWith, ids, type Suite, services, test, violates } from "./helpers.ts"

const seedChain = Effect.gen(function* () {
  const { directives } = yield* services
  for (const d of F.directiveChain()) yield* directives.insert(d)
})

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("DirectiveRepository", () => {
    test(
      suite,
      "insert stores version 1; get returns it; a missing id is NotFound",
      Effect.gen(function* () {
        const { directives } = yield* services
        const [first] = F.directiveChain()
        const stored = yield* directives.insert(new Directive.Directive({ ...first!, version: 3 }))
        expect(stored.version).toBe(1)
        const got = yield* directives.get(first!.id)
        expect(got).toBeInstanceOf(Directive.Directive)
        expect({ ...got, version: 0 }).toEqual({ ...first! })
        const e = yield* failsWith("NotFound", directives.get(Ids.DirectiveId.make("none")))
        expect(e.entity).toBe("directive")
      })
    )

    test(
      suite,
      "a document number already used in its numbering scope is a ConstraintViolation (issuer spellings compare equal)",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* directives.insert(
          F.directive("kh-771", F.partyNumber(771, "KH", "BDVTƯ"), { issuedOn: "2017-03-08" })
        )
        const same = F.directive("kh-771-bis", F.partyNumber(771, "KH", "BDVTW"), { issuedOn: "2017-09-01" })
        const e = yield* violates("unique document number", directives.insert(same))
        expect(e.entity).toBe("directive")
        yield* failsWith("NotFound", directives.get(same.id))
        // Party numbering restarts with a new committee term, state numbering every year.
        yield* directives.insert(
          F.directive("kh-771-2022", F.partyNumber(771, "KH", "BDVTW"), { issuedOn: "2022-03-01" })
        )
        yield* directives.insert(
          F.directive("qd-1-2023", F.stateNumber(1, "UBND", { type: "QĐ" }), { issuedOn: "2023-05-01" })
        )
        yield* directives.insert(
          F.directive("qd-1-2024", F.stateNumber(1, "UBND", { type: "QĐ" }), { issuedOn: "2024-05-01" })
        )
        yield* violates(
          "unique document number",
          directives.insert(
            F.directive("qd-1-2024-bis", F.stateNumber(1, "UBND", { type: "QĐ" }), { issuedOn: "2024-12-31" })
          )
        )
        yield* violates(
          "unique id",
          directives.insert(F.directive("kh-771", F.partyNumber(1, "KH", "TU"), { issuedOn: "2024-12-31" }))
        )
      })
    )

    test(
      suite,
      "insert fails when a replaced directive does not exist",
      Effect.gen(function* () {
        const { directives } = yield* services
        const orphan = F.directive("nd-149-2018", F.stateNumber(149, "CP", { year: 2018, type: "NĐ" }), {
          replaces: ["nd-60-2013"]
        })
        yield* violates("replaced directive exists", directives.insert(orphan))
        expect(yield* Page.collect((p) => directives.list({}, p))).toEqual([])
      })
    )

    test(
      suite,
      "update: the right version stores the next; stale is VersionConflict; a colliding number is a ConstraintViolation",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* seedChain
        const v1 = yield* directives.get(Ids.DirectiveId.make("nd-59-2023"))
        const v2 = yield* directives.update(
          new Directive.Directive({ ...v1, title: "Nghị định 59/2023/NĐ-CP" })
        )
        expect(v2.version).toBe(2)
        const stale = yield* failsWith("VersionConflict", directives.update(v1))
        expect([stale.expected, stale.actual]).toEqual([1, 2])
        const collide = new Directive.Directive({
          ...v2,
          number: F.stateNumber(60, "CP", { year: 2013, type: "NĐ" })
        })
        yield* violates("unique document number", directives.update(collide))
        expect((yield* directives.get(v1.id)).number).toEqual(v1.number)
        yield* failsWith("NotFound", directives.update(F.directive("none", F.stateNumber(9, "UBND"))))
      })
    )

    test(
      suite,
      "findByNumber matches issuer spelling variants, ordered by issue date",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* directives.insert(
          F.directive("b", F.partyNumber(20, "KH", "BDVTƯ"), { issuedOn: "2022-08-12" })
        )
        yield* directives.insert(
          F.directive("a", F.partyNumber(20, "KH", "BDVTW"), { issuedOn: "2016-08-12" })
        )
        yield* directives.insert(F.directive("c", F.partyNumber(20, "KH", "TU"), { issuedOn: "2016-08-12" }))
        expect(ids(yield* directives.findByNumber(F.partyNumber(20, "KH", "BDVTU")))).toEqual(["a", "b"])
        expect(ids(yield* directives.findByNumber(F.partyNumber(20, "KH", "TU")))).toEqual(["c"])
        expect(yield* directives.findByNumber(F.partyNumber(21, "KH", "TU"))).toEqual([])
      })
    )

    test(
      suite,
      "inForce follows replacements from the replacement's effective date, ordered by effective date then id",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* seedChain
        const inForce = (d: string, programme?: "QCDC" | "DVK" | "OTHER") =>
          Effect.map(directives.inForce(F.date(d), programme), ids)
        expect(yield* inForce("2018-12-31", "QCDC")).toEqual(["pl-34-2007", "nd-60-2013"])
        expect(yield* inForce("2019-01-01", "QCDC")).toEqual(["pl-34-2007", "nd-149-2018"])
        expect(yield* inForce("2021-02-01", "QCDC")).toEqual(["pl-34-2007", "nd-145-2020"])
        expect(yield* inForce("2023-07-01", "QCDC")).toEqual(["nd-145-2020", "luat-10-2022"])
        expect(yield* inForce("2023-08-15")).toEqual(["kh-771", "nd-145-2020", "luat-10-2022", "nd-59-2023"])
        expect(yield* inForce("2017-03-07", "DVK")).toEqual([])
        expect(yield* inForce("2017-03-08", "DVK")).toEqual(["kh-771"])
        const all = yield* directives.inForce(F.date("2023-08-15"))
        expect(ids(all)).toEqual(ids(Directive.inForceOn(F.directiveChain(), F.date("2023-08-15"))))
      })
    )

    test(
      suite,
      "inForce excludes a directive on and after its own end date",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* directives.insert(
          F.directive("ct-1", F.stateNumber(1, "UBND", { type: "CT" }), {
            issuedOn: "2024-12-15",
            effectiveUntil: "2025-07-01",
            programme: "OTHER"
          })
        )
        expect(ids(yield* directives.inForce(F.date("2024-12-14")))).toEqual([])
        expect(ids(yield* directives.inForce(F.date("2024-12-15")))).toEqual(["ct-1"])
        expect(ids(yield* directives.inForce(F.date("2025-06-30")))).toEqual(["ct-1"])
        expect(ids(yield* directives.inForce(F.date("2025-07-01")))).toEqual([])
      })
    )

    test(
      suite,
      "replacementsOf lists the directives that name one in `replaces`",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* seedChain
        expect(ids(yield* directives.replacementsOf(Ids.DirectiveId.make("nd-60-2013")))).toEqual([
          "nd-149-2018"
        ])
        expect(ids(yield* directives.replacementsOf(Ids.DirectiveId.make("nd-145-2020")))).toEqual([])
      })
    )

    test(
      suite,
      "list filters by programme and pages by id",
      Effect.gen(function* () {
        const { directives } = yield* services
        yield* seedChain
        const qcdc = yield* allPages(2, (p) => directives.list({ programme: "QCDC" }, p))
        expect(ids(qcdc.items)).toEqual([
          "luat-10-2022",
          "nd-145-2020",
          "nd-149-2018",
          "nd-59-2023",
          "nd-60-2013",
          "pl-34-2007"
        ])
        expect(qcdc.pages).toBe(3)
        expect(ids((yield* directives.list({ programme: "DVK" })).items)).toEqual(["kh-771"])
        expect((yield* directives.list({ programme: "OTHER" })).items).toEqual([])
      })
    )

    test(
      suite,
      "two provinces' identically numbered documents are stored side by side; a true duplicate is still refused",
      Effect.gen(function* () {
        const { directives } = yield* services
        const decision = F.stateNumber(1, "UBND", { year: 2024, type: "QĐ" })
        const ninhBinh = F.directive("nb-01-2024", decision, {
          issuedOn: "2024-01-05",
          issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make("vn-37"), body: "peoplesCommittee" }
        })
        const haNam = F.directive("hn-01-2024", decision, {
          issuedOn: "2024-01-09",
          issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make("vn-35"), body: "peoplesCommittee" }
        })
        yield* directives.insert(ninhBinh)
        yield* directives.insert(haNam)
        expect(ids(yield* directives.findByNumber(decision))).toEqual(["nb-01-2024", "hn-01-2024"])
        const again = yield* failsWith(
          "ConstraintViolation",
          directives.insert(
            F.directive("hn-01-2024-bis", F.stateNumber(1, "ubnd", { year: 2024, type: "qđ" }), {
              issuedOn: "2024-03-01",
              issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make("vn-35"), body: "peoplesCommittee" }
            })
          )
        )
        expect(again.entity).toBe("directive")
        // Each province's Party committee numbers its own plans too: `TU` of one is not `TU` of the other.
        const plan = F.partyNumber(20, "KH", "TU")
        yield* directives.insert(F.directive("nb-20-kh", plan, { issuedOn: "2016-08-12" }))
        yield* directives.insert(
          F.directive("hn-20-kh", plan, {
            issuedOn: "2016-08-20",
            issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make("vn-35"), body: "partyCommittee" }
          })
        )
        // A province's own Ban Dân vận writes BDVTU; the centre's number 15-CV/BDVTƯ is another document.
        yield* directives.insert(
          F.directive("nb-15-cv", F.partyNumber(15, "CV", "BDVTU"), {
            issuedOn: "2017-01-10",
            issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make("vn-37"), body: "massMobilisationCommission" }
          })
        )
        yield* directives.insert(
          F.directive("tw-15-cv", F.partyNumber(15, "CV", "BDVTƯ"), { issuedOn: "2017-01-11" })
        )
        expect((yield* directives.get(Ids.DirectiveId.make("nb-15-cv"))).number.issuer).toBe("BDVTU")
      })
    )

    test(
      suite,
      "applicable to a commune across the 2025 reform: its old district's and province's directives before, its new province's after, the centre's always",
      Effect.gen(function* () {
        const { directives, units } = yield* services
        const data = F.reformProvince()
        const reform = "2025-07-01"
        // A commune of Nam Định's district Xuân Trường, merged into Ninh Bình on 01/07/2025.
        const moved = F.unit("c-13333", "commune", "Xuân Hồng", {
          code: "13333",
          parents: [
            ["vn-36-350", "1992-01-01", reform],
            ["vn-37", reform]
          ]
        })
        yield* units.insert([...data.units, moved])
        yield* units.insertSuccessions(data.successions)
        const by = (unit: string, body: Directive.IssuedBy["body"]): Directive.IssuedBy => ({
          _tag: "Unit",
          unitId: Ids.UnitId.make(unit),
          body
        })
        const decision = F.stateNumber(1, "UBND", { year: 2025, type: "QĐ" })
        for (const d of [
          F.directive("central", F.stateNumber(59, "CP", { year: 2023, type: "NĐ" }), {
            issuedOn: "2023-08-04"
          }),
          F.directive("nam-dinh", decision, {
            issuedOn: "2025-01-10",
            issuedBy: by("vn-36", "peoplesCommittee")
          }),
          F.directive("ninh-binh", decision, {
            issuedOn: "2025-01-12",
            issuedBy: by("vn-37", "peoplesCommittee")
          }),
          F.directive("xuan-truong", F.partyNumber(3, "KH", "HU"), {
            issuedOn: "2025-02-01",
            issuedBy: by("vn-36-350", "partyCommittee")
          }),
          F.directive("own", F.partyNumber(1, "KH", "ĐU"), {
            issuedOn: "2025-03-01",
            issuedBy: by("c-13333", "partyCommittee")
          }),
          F.directive("other-commune", F.partyNumber(1, "KH", "ĐU"), {
            issuedOn: "2025-03-01",
            issuedBy: by("c-14470", "partyCommittee")
          })
        ])
          yield* directives.insert(d)
        const commune = Ids.UnitId.make("c-13333")
        expect(ids(yield* directives.applicableTo(commune, F.date("2025-06-30")))).toEqual([
          "central",
          "nam-dinh",
          "xuan-truong",
          "own"
        ])
        expect(ids(yield* directives.applicableTo(commune, F.date(reform)))).toEqual([
          "central",
          "ninh-binh",
          "own"
        ])
        expect(ids(yield* directives.applicableTo(commune, F.date(reform), "DVK"))).toEqual([])
        // The province itself never reads its communes' directives.
        expect(ids(yield* directives.applicableTo(Ids.UnitId.make("vn-37"), F.date(reform)))).toEqual([
          "central",
          "ninh-binh"
        ])
      })
    )
  })
}
