import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { type FieldId, ValidationRuleId } from "../src/kernel/Ids.ts"
import * as ModelField from "../src/model/ModelField.ts"
import * as Figures from "../src/report/Figures.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import * as Validation from "../src/report/Validation.ts"
import { type Expression, type Operator, type Scope, ValidationRule } from "../src/report/ValidationRule.ts"

// ---------------------------------------------------------------------------------------------
// generators
// ---------------------------------------------------------------------------------------------

const indicators = [
  "models",
  "effective",
  "commended",
  "byField.economy",
  "extra.hoGiaDinh",
  "complaintsReceived"
]
const operators: ReadonlyArray<Operator> = ["==", "!=", "<", "<=", ">", ">="]
const scopes: ReadonlyArray<Scope> = ["own", "consolidated", "both"]

const expressionArb: fc.Arbitrary<Expression> = fc.record({
  terms: fc.array(
    fc.record({ indicator: fc.constantFrom(...indicators), coefficient: fc.integer({ min: -3, max: 3 }) }),
    { maxLength: 3 }
  ),
  constant: fc.integer({ min: -5, max: 5 })
})

const rulesArb = fc
  .array(
    fc.record({
      left: expressionArb,
      operator: fc.constantFrom(...operators),
      right: expressionArb,
      importance: fc.constantFrom("high" as const, "medium" as const, "low" as const),
      scope: fc.constantFrom(...scopes)
    }),
    { maxLength: 8 }
  )
  .map((rs) =>
    rs.map(
      (r, i) =>
        new ValidationRule({
          id: ValidationRuleId.make(`r${i}`),
          name: `rule ${i}`,
          programme: "DVK",
          version: 0,
          ...r
        })
    )
  )

const flatArb = fc
  .subarray(indicators)
  .chain((keys) =>
    fc
      .tuple(...keys.map(() => fc.nat({ max: 20 })))
      .map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]!])))
  )

/** The value of an expression, written out independently. */
const reference = (e: Expression, flat: Record<string, number>) =>
  e.terms.reduce((s, t) => s + t.coefficient * (flat[t.indicator] ?? 0), e.constant)

const compare = (l: number, op: Operator, r: number) =>
  ({ "==": l === r, "!=": l !== r, "<": l < r, "<=": l <= r, ">": l > r, ">=": l >= r })[op]

const defaultFieldIds = ModelField.defaults.map((f) => f.id)
const count = fc.nat({ max: 30 })
const dvkWithDefaultFields: fc.Arbitrary<Figures.DvkFigures> = fc
  .record({
    fields: fc.tuple(...defaultFieldIds.map(() => count)),
    statuses: fc.tuple(...FiguresRules.statuses.map(() => count)),
    models: fc.oneof(count, fc.constant(-1)),
    newModels: count,
    effective: count,
    commended: count,
    replicated: count
  })
  .map((r) => {
    const byStatus = Object.fromEntries(FiguresRules.statuses.map((s, i) => [s, r.statuses[i]!]))
    // models = -1 stands for "equal to the status breakdown", so consistent figures come up often
    const models = r.models < 0 ? r.statuses.reduce((a, b) => a + b, 0) : r.models
    const byField = Object.fromEntries(defaultFieldIds.map((f, i) => [f, r.fields[i]!])) as Record<
      FieldId,
      number
    >
    return {
      _tag: "DVK" as const,
      models,
      byField,
      byStatus: byStatus as Figures.DvkFigures["byStatus"],
      newModels: Math.min(r.newModels, models),
      effective: r.effective,
      commended: r.commended,
      replicated: r.replicated,
      exemplaryCases: 0,
      extra: {}
    }
  })

/** The `FiguresRules.check` breach each default DVK rule stands for. */
const checkFor: Record<string, string> = {
  "dvk-commended-le-effective": "ExceedsBound:commended",
  "dvk-effective-le-models": "ExceedsBound:effective",
  "dvk-replicated-le-models": "ExceedsBound:replicated",
  "dvk-new-le-models": "ExceedsBound:newModels",
  "dvk-by-status-sums-to-models": "BreakdownMismatch:byStatus",
  "dvk-by-field-sums-to-models": "BreakdownMismatch:byField"
}

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe("Validation.evaluate", () => {
  it("returns every violated rule of the scope, in order, and only those", () => {
    fc.assert(
      fc.property(
        rulesArb,
        flatArb,
        fc.constantFrom("own" as const, "consolidated" as const),
        (rules, flat, scope) => {
          const got = Validation.evaluate(rules, flat, scope)
          const expected = rules.filter(
            (r) =>
              (r.scope === scope || r.scope === "both") &&
              !compare(reference(r.left, flat), r.operator, reference(r.right, flat))
          )
          expect(got.map((v) => v.ruleId)).toEqual(expected.map((r) => r.id))
          for (const [i, v] of got.entries()) {
            const r = expected[i]!
            expect(v).toMatchObject({
              _tag: "RuleViolation",
              ruleName: r.name,
              importance: r.importance,
              scope,
              left: reference(r.left, flat),
              operator: r.operator,
              right: reference(r.right, flat)
            })
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it("counts a missing indicator as 0", () => {
    fc.assert(
      fc.property(rulesArb, flatArb, (rules, flat) => {
        const withZeros = { ...Object.fromEntries(indicators.map((k) => [k, 0])), ...flat }
        expect(Validation.evaluate(rules, flat, "own")).toEqual(Validation.evaluate(rules, withZeros, "own"))
      })
    )
  })

  it("is not thrown off by binary fractions", () => {
    const rule = new ValidationRule({
      id: ValidationRuleId.make("fractions"),
      name: "0.1 a + 0.2 a = 0.3 a",
      programme: "QCDC",
      left: { terms: [Validation.term("a", 0.1), Validation.term("a", 0.2)], constant: 0 },
      operator: "==",
      right: { terms: [Validation.term("a", 0.3)], constant: 0 },
      importance: "low",
      scope: "both",
      version: 0
    })
    expect(Validation.evaluate([rule], { a: 7 }, "own")).toEqual([])
  })

  it("explains a violation in plain words", () => {
    const [v] = Validation.evaluate(
      Validation.defaultRules,
      { commended: 5, effective: 3, models: 3 },
      "consolidated"
    )
    expect(v?.message).toBe(
      "commended <= effective (high importance, consolidated figures): the left side is 5 and the right side is 3, but the rule requires left <= right"
    )
  })
})

describe("Validation.defaultRules", () => {
  it("agree with FiguresRules.check on DVK figures over the default fields", () => {
    fc.assert(
      fc.property(
        dvkWithDefaultFields,
        fc.constantFrom("own" as const, "consolidated" as const),
        (f, scope) => {
          const rules = Validation.forProgramme(Validation.defaultRules, "DVK")
          const violated = Validation.evaluate(rules, Figures.flatten(f), scope)
          const breaches = FiguresRules.check(f).map((v) =>
            v._tag === "BreakdownMismatch" ? `${v._tag}:${v.breakdown}` : `${v._tag}:${v.indicator}`
          )
          expect(violated.map((v) => checkFor[v.ruleId]).sort()).toEqual([...breaches].sort())
        }
      ),
      { numRuns: 300 }
    )
  })

  it("agree with FiguresRules.check on QCDC figures", () => {
    fc.assert(
      fc.property(fc.tuple(count, count, count, count), ([cr, cs, dr, ds]) => {
        const f = {
          ...FiguresRules.emptyQcdc(),
          complaintsReceived: cr,
          complaintsResolved: cs,
          denunciationsReceived: dr,
          denunciationsResolved: ds
        }
        const violated = Validation.evaluate(
          Validation.forProgramme(Validation.defaultRules, "QCDC"),
          Figures.flatten(f),
          "own"
        )
        expect(violated.length).toBe(FiguresRules.check(f).length)
      })
    )
  })

  it("are data a province can read and extend: one rule per check, each high importance in both scopes", () => {
    expect(Validation.defaultRules.map((r) => r.id)).toEqual([
      "dvk-commended-le-effective",
      "dvk-effective-le-models",
      "dvk-replicated-le-models",
      "dvk-new-le-models",
      "dvk-by-status-sums-to-models",
      "dvk-by-field-sums-to-models",
      "qcdc-complaints-resolved-le-received",
      "qcdc-denunciations-resolved-le-received"
    ])
    expect(Validation.defaultRules.every((r) => r.scope === "both" && r.importance === "high")).toBe(true)
    const byField = Validation.dvkRules(["economy", "nong-thon-moi"] as Array<FieldId>).at(-1)!
    expect(byField.left.terms.map((t) => t.indicator)).toEqual(["byField.economy", "byField.nong-thon-moi"])
  })
})
