/**
 * The small pieces of domain logic the baselines write out by hand instead of calling danvan:
 * flattening figures, checking a report's own consistency before it is submitted, evaluating the
 * province's validation rules, the day of an instant in Vietnam. Deadlines are configuration
 * (the regime's working days after the window), so the baselines take them once from
 * `Deadline.deadline` and compare dates by hand.
 *
 * @since 0.1.0
 */
import type { Period, Programme, ValidationRule } from "@danvan/core"
import { Deadline, Period as PeriodModule, Unit } from "@danvan/core"
import { regimeOf } from "../generate/Calendar.ts"

/** Figures as they are stored: a tag, counts, and maps of counts. @since 0.1.0 */
export type AnyFigures = { readonly _tag: string } & Readonly<Record<string, unknown>>

/** Adds a report's figures into totals by indicator path (`byField.economy`). @since 0.1.0 */
export const addFigures = (into: Record<string, number>, figures: AnyFigures) => {
  for (const key in figures) {
    if (key === "_tag") continue
    const value = figures[key]
    if (typeof value === "number") into[key] = (into[key] ?? 0) + value
    else {
      const sub = value as Readonly<Record<string, number>>
      for (const k in sub) {
        const path = `${key}.${k}`
        into[path] = (into[path] ?? 0) + sub[k]!
      }
    }
  }
  return into
}

/** The flat rows of a report's figures. @since 0.1.0 */
export const figureRows = (figures: AnyFigures): Array<readonly [string, number]> =>
  Object.entries(addFigures({}, figures))

const sum = (counts: unknown) => {
  let n = 0
  for (const v of Object.values(counts as Record<string, number>)) n += v
  return n
}

/** Whether figures may be submitted: breakdowns sum to totals, bounded counts within bounds. @since 0.1.0 */
export const consistent = (f: AnyFigures): boolean => {
  const n = (k: string) => f[k] as number
  if (f._tag === "QCDC") {
    return (
      n("complaintsResolved") <= n("complaintsReceived") &&
      n("denunciationsResolved") <= n("denunciationsReceived")
    )
  }
  const models = n("models")
  return (
    sum(f.byField) === models &&
    sum(f.byStatus) === models &&
    n("commended") <= n("effective") &&
    n("effective") <= models &&
    n("replicated") <= models &&
    n("newModels") <= models
  )
}

/** The day an instant falls on in Vietnam (UTC+7), as `YYYY-MM-DD`. @since 0.1.0 */
export const dayInVietnam = (instant: string): string =>
  new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().slice(0, 10)

/** Deadlines by programme, period and level, as `YYYY-MM-DD`, computed once. @since 0.1.0 */
export const deadlines = () => {
  const cache = new Map<string, string>()
  return (programme: Programme.Programme, periodId: Period.PeriodId, level: Unit.UnitLevel): string => {
    const key = `${programme}/${periodId}/${level}`
    let d = cache.get(key)
    if (d === undefined) {
      d = Deadline.deadline(regimeOf[programme], PeriodModule.fromId(periodId), level)
      cache.set(key, d)
    }
    return d
  }
}

/** The level of a unit type. @since 0.1.0 */
export const levelOf = (type: Unit.UnitType): Unit.UnitLevel => Unit.levelOf[type]

/** How many of the rules the totals break. @since 0.1.0 */
export const violations = (
  rules: ReadonlyArray<ValidationRule.ValidationRule>,
  totals: Readonly<Record<string, number>>
) => {
  let broken = 0
  for (const rule of rules) {
    if (rule.scope === "own") continue
    const side = (e: ValidationRule.Expression) => {
      let v = e.constant
      for (const t of e.terms) v += t.coefficient * (totals[t.indicator] ?? 0)
      return v
    }
    const l = side(rule.left)
    const r = side(rule.right)
    const holds =
      rule.operator === "=="
        ? l === r
        : rule.operator === "!="
          ? l !== r
          : rule.operator === "<"
            ? l < r
            : rule.operator === "<="
              ? l <= r
              : rule.operator === ">"
                ? l > r
                : l >= r
    if (!holds) broken++
  }
  return broken
}

/** Orders strings as the stores do (code units). @since 0.1.0 */
export const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
