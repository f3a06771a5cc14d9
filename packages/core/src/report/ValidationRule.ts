/**
 * Validation rules as data, after DHIS2's validation rules: a left side, an operator and a right
 * side over a report's figures, with an importance, so a province adds its own checks without
 * code. Sides are linear expressions over indicator paths (`models`, `byField.economy`,
 * `extra.hoGiaDinh`) as produced by `Figures.flatten`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ValidationRuleId } from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import { Name, Text } from "../kernel/Text.ts"
import { IndicatorPath } from "./Figures.ts"

/**
 * A term: `coefficient × indicator`, the indicator a bounded `Figures.IndicatorPath`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Term = Schema.Struct({
  indicator: IndicatorPath,
  coefficient: Schema.Finite
})
/**
 * @category models
 * @since 0.1.0
 */
export type Term = typeof Term.Type

/**
 * A side: a sum of terms plus a constant.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Expression = Schema.Struct({
  terms: Schema.Array(Term),
  constant: Schema.Finite
})
/**
 * @category models
 * @since 0.1.0
 */
export type Expression = typeof Expression.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const Operator = Schema.Literals(["==", "!=", "<", "<=", ">", ">="])
/**
 * @category models
 * @since 0.1.0
 */
export type Operator = typeof Operator.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const Importance = Schema.Literals(["high", "medium", "low"])
/**
 * @category models
 * @since 0.1.0
 */
export type Importance = typeof Importance.Type

/**
 * Which figures a rule checks: a unit's own, its consolidated, or both.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Scope = Schema.Literals(["own", "consolidated", "both"])
/**
 * @category models
 * @since 0.1.0
 */
export type Scope = typeof Scope.Type

/**
 * @category models
 * @since 0.1.0
 */
export class ValidationRule extends Schema.Class<ValidationRule>("ValidationRule")({
  id: ValidationRuleId,
  name: Name,
  description: Schema.optionalKey(Text),
  programme: Programme,
  left: Expression,
  operator: Operator,
  right: Expression,
  importance: Importance,
  scope: Scope,
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}
