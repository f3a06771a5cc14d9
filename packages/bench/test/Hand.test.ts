import { Figures, FiguresRules, Ids, Timestamp, Validation } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Hand from "../src/targets/Hand.ts"

const fields = ["economy", "culture-society", "security-defence", "political-system"].map((f) =>
  Ids.FieldId.make(f)
)
const count = fc.nat(50)
const statuses = FiguresRules.statuses

/** DVK figures whose breakdowns sometimes agree with the total and sometimes not. */
const dvk = fc
  .record({
    byField: fc.tuple(...fields.map(() => count)),
    byStatus: fc.tuple(...statuses.map(() => count)),
    bump: fc.constantFrom(0, 0, 0, 1),
    newModels: count,
    effective: count,
    commended: count,
    replicated: count,
    exemplaryCases: count,
    extra: fc.dictionary(fc.constantFrom("a", "b", "hoiNghi"), count)
  })
  .map((r): Figures.DvkFigures => {
    const models = r.byField.reduce((a, b) => a + b, 0)
    const byStatus = [...r.byStatus]
    const rest = models - byStatus.slice(1).reduce((a, b) => a + b, 0)
    byStatus[0] = Math.max(0, rest) + r.bump
    return {
      _tag: "DVK",
      models,
      byField: Object.fromEntries(fields.map((f, i) => [f, r.byField[i]!])) as Figures.DvkFigures["byField"],
      byStatus: Object.fromEntries(
        statuses.map((s, i) => [s, byStatus[i]!])
      ) as Figures.DvkFigures["byStatus"],
      newModels: Math.min(r.newModels, models + r.bump),
      effective: Math.min(r.effective, models),
      commended: r.commended % (Math.min(r.effective, models) + 1 + r.bump),
      replicated: Math.min(r.replicated, models),
      exemplaryCases: r.exemplaryCases,
      extra: r.extra
    }
  })

const qcdc = fc
  .record({
    citizenReceptions: count,
    directDialogues: count,
    complaintsReceived: count,
    complaintsResolved: count,
    denunciationsReceived: count,
    denunciationsResolved: count,
    supervisionSessions: count,
    questioningSessions: count,
    extra: fc.dictionary(fc.constantFrom("a", "hoiNghiNguoiLaoDong"), count)
  })
  .map((r): Figures.QcdcFigures => ({ _tag: "QCDC", ...r }))

const figures = fc.oneof(dvk, qcdc)

describe("the baselines' hand-written domain logic agrees with danvan's", () => {
  it("adding figures by hand sums what Figures.flatten gives", () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 6 }), (list) => {
        const byHand: Record<string, number> = {}
        const reference: Record<string, number> = {}
        for (const f of list) {
          Hand.addFigures(byHand, f)
          Figures.addFlat(reference, Figures.flatten(f))
        }
        expect(byHand).toEqual(reference)
      })
    )
  })

  it("the hand-written consistency check is FiguresRules.isConsistent", () => {
    fc.assert(
      fc.property(figures, (f) => {
        expect(Hand.consistent(f)).toBe(FiguresRules.isConsistent(f))
      })
    )
  })

  it("the day in Vietnam of an instant is Timestamp.dateInVietnam", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1990-01-01T00:00:00Z"),
          max: new Date("2090-01-01T00:00:00Z"),
          noInvalidDate: true
        }),
        (d) => {
          const t = Timestamp.fromDate(d)
          expect(Hand.dayInVietnam(t)).toBe(Timestamp.dateInVietnam(t))
        }
      )
    )
  })

  it("the rules broken by hand are those Validation.evaluate reports", () => {
    fc.assert(
      fc.property(figures, (f) => {
        const flat = Figures.flatten(f)
        const rules = Validation.forProgramme(Validation.defaultRules, f._tag)
        expect(Hand.violations(rules, flat)).toBe(Validation.evaluate(rules, flat, "consolidated").length)
      })
    )
  })
})
