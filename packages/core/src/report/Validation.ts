/**
 * Evaluating validation rules (quy tắc kiểm tra số liệu) on a report's flat figures, after DHIS2's
 * validation rules: each rule compares a left and a right linear expression over indicators; a
 * province adds its own checks as data, without code.
 *
 * Evaluation follows DHIS2's defaults: an indicator the figures lack counts as 0 (DHIS2's
 * `SKIP_IF_ANY_VALUE_MISSING` is off by default), and every violated rule is reported, not only
 * the first, so the person filling in the report sees all problems at once. The default rules are
 * the consistency checks of `FiguresRules` written as data, for both the unit's own and its
 * consolidated figures.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type FieldId, ValidationRuleId } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import * as Violation from "../kernel/Violation.ts"
import * as ModelField from "../model/ModelField.ts"
import { statuses } from "./FiguresRules.ts"
import {
  type Expression,
  Importance,
  Operator,
  type Scope,
  type Term,
  ValidationRule
} from "./ValidationRule.ts"

/**
 * A rule the figures break. `left` and `right` are the values of the two sides.
 *
 * @category violations
 * @since 0.1.0
 */
export class RuleViolation extends Violation.TaggedClass<RuleViolation>()(
  "RuleViolation",
  {
    ruleId: ValidationRuleId,
    ruleName: Schema.String,
    description: Schema.optionalKey(Schema.String),
    importance: Importance,
    scope: Schema.Literals(["own", "consolidated"]),
    left: Schema.Number,
    operator: Operator,
    right: Schema.Number
  },
  (v) =>
    `${v.ruleName} (${v.importance} importance, ${v.scope} figures): the left side is ${v.left} and the right side is ${v.right}, but the rule requires left ${v.operator} right`
) {}

/**
 * Rounds to 9 decimal places, so a rule with fractional coefficients (0.1 × 3) does not fail on
 * binary floating-point noise. Counts are integers, so integer rules are unaffected.
 */
const settle = (x: number) => Math.round(x * 1e9) / 1e9

/**
 * The value of an expression over flat figures; a missing indicator counts as 0.
 *
 * @category queries
 * @since 0.1.0
 */
export const value = (expression: Expression, flat: Readonly<Record<string, number>>): number => {
  let sum = expression.constant
  for (const t of expression.terms)
    sum += t.coefficient * (Object.hasOwn(flat, t.indicator) ? flat[t.indicator]! : 0)
  return settle(sum)
}

/**
 * Whether `left operator right` holds.
 *
 * @category predicates
 * @since 0.1.0
 */
export const holds = (left: number, operator: Operator, right: number): boolean => {
  switch (operator) {
    case "==":
      return left === right
    case "!=":
      return left !== right
    case "<":
      return left < right
    case "<=":
      return left <= right
    case ">":
      return left > right
    case ">=":
      return left >= right
  }
}

const applies = (ruleScope: Scope, scope: "own" | "consolidated") =>
  ruleScope === "both" || ruleScope === scope

/**
 * Evaluates the rules on flat figures (`Figures.flatten`) of the given scope: rules of the other
 * scope are skipped, and every violated rule is returned in the order of `rules`. Pass the rules
 * of the report's programme ({@link forProgramme}): the figures of the other programme lack their
 * indicators, which would count as 0.
 *
 * @category rules
 * @since 0.1.0
 */
export const evaluate = (
  rules: ReadonlyArray<ValidationRule>,
  flat: Readonly<Record<string, number>>,
  scope: "own" | "consolidated"
): ReadonlyArray<RuleViolation> => {
  const out: Array<RuleViolation> = []
  for (const rule of rules) {
    if (!applies(rule.scope, scope)) continue
    const left = value(rule.left, flat)
    const right = value(rule.right, flat)
    if (holds(left, rule.operator, right)) continue
    out.push(
      new RuleViolation({
        ruleId: rule.id,
        ruleName: rule.name,
        ...(rule.description === undefined ? {} : { description: rule.description }),
        importance: rule.importance,
        scope,
        left,
        operator: rule.operator,
        right
      })
    )
  }
  return out
}

/**
 * The rules of one programme.
 *
 * @category queries
 * @since 0.1.0
 */
export const forProgramme = (
  rules: ReadonlyArray<ValidationRule>,
  programme: Programme
): ReadonlyArray<ValidationRule> => rules.filter((r) => r.programme === programme)

// ---------------------------------------------------------------------------------------------
// building rules
// ---------------------------------------------------------------------------------------------

/**
 * A term `coefficient × indicator`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const term = (indicator: string, coefficient = 1): Term => ({ indicator, coefficient })

/**
 * The expression naming one indicator.
 *
 * @category constructors
 * @since 0.1.0
 */
export const indicator = (name: string): Expression => ({ terms: [term(name)], constant: 0 })

/**
 * The sum of indicators.
 *
 * @category constructors
 * @since 0.1.0
 */
export const sumOf = (names: ReadonlyArray<string>): Expression => ({
  terms: names.map((n) => term(n)),
  constant: 0
})

const rule = (
  id: string,
  programme: Programme,
  name: string,
  description: string,
  left: Expression,
  operator: Operator,
  right: Expression
) =>
  new ValidationRule({
    id: ValidationRuleId.make(id),
    name,
    description,
    programme,
    left,
    operator,
    right,
    importance: "high",
    scope: "both",
    version: 0
  })

/**
 * The DVK consistency checks as data, with the by-field rule for the given fields (fields are the
 * province's reference data).
 *
 * @category constructors
 * @since 0.1.0
 */
export const dvkRules = (fieldIds: ReadonlyArray<FieldId>): ReadonlyArray<ValidationRule> => [
  rule(
    "dvk-commended-le-effective",
    "DVK",
    "commended <= effective",
    "Only effective models are commended.",
    indicator("commended"),
    "<=",
    indicator("effective")
  ),
  rule(
    "dvk-effective-le-models",
    "DVK",
    "effective <= models",
    "Effective models are among the models carried out.",
    indicator("effective"),
    "<=",
    indicator("models")
  ),
  rule(
    "dvk-replicated-le-models",
    "DVK",
    "replicated <= models",
    "Replicated models are among the models carried out.",
    indicator("replicated"),
    "<=",
    indicator("models")
  ),
  rule(
    "dvk-new-le-models",
    "DVK",
    "newModels <= models",
    "New models are among the models carried out.",
    indicator("newModels"),
    "<=",
    indicator("models")
  ),
  rule(
    "dvk-by-status-sums-to-models",
    "DVK",
    "models by status sum to models",
    "Every model has exactly one status.",
    sumOf(statuses.map((s) => `byStatus.${s}`)),
    "==",
    indicator("models")
  ),
  rule(
    "dvk-by-field-sums-to-models",
    "DVK",
    "models by field sum to models",
    "Every model belongs to exactly one field.",
    sumOf(fieldIds.map((f) => `byField.${f}`)),
    "==",
    indicator("models")
  )
]

/**
 * The QCDC consistency checks as data.
 *
 * @category constants
 * @since 0.1.0
 */
export const qcdcRules: ReadonlyArray<ValidationRule> = [
  rule(
    "qcdc-complaints-resolved-le-received",
    "QCDC",
    "complaintsResolved <= complaintsReceived",
    "Complaints resolved are among those received (Law on Complaints 02/2011/QH13).",
    indicator("complaintsResolved"),
    "<=",
    indicator("complaintsReceived")
  ),
  rule(
    "qcdc-denunciations-resolved-le-received",
    "QCDC",
    "denunciationsResolved <= denunciationsReceived",
    "Denunciations resolved are among those received (Law on Denunciations 25/2018/QH14).",
    indicator("denunciationsResolved"),
    "<=",
    indicator("denunciationsReceived")
  )
]

/**
 * The default rules: the DVK checks over the default fields (`ModelField.defaults`) and the QCDC
 * checks. A province with other fields uses `dvkRules(itsFieldIds)`; its own checks are further
 * `ValidationRule` records.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaultRules: ReadonlyArray<ValidationRule> = [
  ...dvkRules(ModelField.defaults.map((f) => f.id)),
  ...qcdcRules
]
