/**
 * The internal consistency of a report's figures, and their arithmetic.
 *
 * A report's figures must agree with themselves before anyone sums them
 * ([rules: Reports and rollup](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#reports-and-rollup-law-6)):
 * every breakdown sums to its total (models by field and by status), commended ≤ effective ≤
 * models, replicated ≤ models, new models ≤ models, and complaints and denunciations resolved are
 * no more than those received (Law on Complaints 02/2011/QH13 and Law on Denunciations
 * 25/2018/QH14 count the ones received and resolved; QCDC reports cite both). Counts are
 * non-negative integers.
 *
 * Sums are componentwise (breakdown keys unioned), so they are associative and commutative, agree
 * with `Figures.addFlat` over the flat form, and the sum of consistent figures is consistent: each
 * rule is a linear equality or inequality. That is what lets a rollup sum in any order.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"
import { type FieldId, IdString } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import * as Text from "../kernel/Text.ts"
import * as Violation from "../kernel/Violation.ts"
import { ModelStatus } from "../model/DvkModel.ts"
import type { DvkFigures, Figures, QcdcFigures } from "./Figures.ts"

// ---------------------------------------------------------------------------------------------
// violations
// ---------------------------------------------------------------------------------------------

/**
 * A breakdown does not sum to its total.
 *
 * @category violations
 * @since 0.1.0
 */
export class BreakdownMismatch extends Violation.TaggedClass<BreakdownMismatch>()(
  "BreakdownMismatch",
  {
    breakdown: Schema.String,
    total: Schema.String,
    totalValue: Schema.Number,
    breakdownSum: Schema.Number
  },
  (v) => `the ${v.breakdown} breakdown sums to ${v.breakdownSum}, but ${v.total} is ${v.totalValue}`
) {}

/**
 * A count exceeds the count it is part of (commended > effective, say).
 *
 * @category violations
 * @since 0.1.0
 */
export class ExceedsBound extends Violation.TaggedClass<ExceedsBound>()(
  "ExceedsBound",
  {
    indicator: Schema.String,
    value: Schema.Number,
    bound: Schema.String,
    boundValue: Schema.Number
  },
  (v) => `${v.indicator} (${v.value}) exceeds ${v.bound} (${v.boundValue})`
) {}

/**
 * A figure is not a count (a non-negative safe integer).
 *
 * @category violations
 * @since 0.1.0
 */
export class InvalidCount extends Violation.TaggedClass<InvalidCount>()(
  "InvalidCount",
  {
    indicator: Schema.String,
    value: Schema.Number
  },
  (v) => `${v.indicator} is ${v.value}, which is not a count (a whole number from 0 up)`
) {}

/**
 * Every way figures can disagree with themselves ({@link check}).
 *
 * @category violations
 * @since 0.1.0
 */
export const FiguresViolation = Schema.Union([BreakdownMismatch, ExceedsBound, InvalidCount])
/**
 * @category violations
 * @since 0.1.0
 */
export type FiguresViolation = typeof FiguresViolation.Type

/**
 * Two figures of different programmes were summed.
 *
 * @category errors
 * @since 0.1.0
 */
export class ProgrammeMismatch extends DanvanError.TaggedError<ProgrammeMismatch>()("ProgrammeMismatch", {
  left: Schema.String,
  right: Schema.String
}) {
  override get message(): string {
    return `cannot add ${this.right} figures to ${this.left} figures`
  }
}

/**
 * A flat map of figures cannot be read back as figures of the programme.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidFlatFigures extends DanvanError.TaggedError<InvalidFlatFigures>()("InvalidFlatFigures", {
  programme: Schema.String,
  key: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.programme} figures: indicator ${JSON.stringify(this.key)} ${this.reason}`
  }
}

// ---------------------------------------------------------------------------------------------
// the shapes
// ---------------------------------------------------------------------------------------------

const dvkScalars = [
  "models",
  "newModels",
  "effective",
  "commended",
  "replicated",
  "exemplaryCases"
] as const satisfies ReadonlyArray<keyof DvkFigures>

const qcdcScalars = [
  "citizenReceptions",
  "directDialogues",
  "complaintsReceived",
  "complaintsResolved",
  "denunciationsReceived",
  "denunciationsResolved",
  "supervisionSessions",
  "questioningSessions"
] as const satisfies ReadonlyArray<keyof QcdcFigures>

/**
 * Every model status, in lifecycle order.
 *
 * @category constants
 * @since 0.1.0
 */
export const statuses: ReadonlyArray<ModelStatus> = ModelStatus.literals

type Counts = Record<string, number>

/**
 * Sets an own property, even for keys such as `__proto__` (valid identifiers), which a plain
 * assignment would turn into a prototype change.
 */
const put = (into: Counts, key: string, value: number) => {
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true })
}

const zeros = <K extends string>(keys: ReadonlyArray<K>): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/**
 * DVK figures with every count 0, a `byField` entry for each field and a `byStatus` entry for each
 * status.
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyDvk = (fieldIds: ReadonlyArray<FieldId>): DvkFigures => ({
  _tag: "DVK",
  ...zeros(dvkScalars),
  byField: zeros(fieldIds),
  byStatus: zeros(statuses),
  extra: {}
})

/**
 * QCDC figures with every count 0.
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyQcdc = (): QcdcFigures => ({ _tag: "QCDC", ...zeros(qcdcScalars), extra: {} })

/**
 * The zero figures with the same keys as the given ones (the identity of {@link sum}).
 *
 * @category constructors
 * @since 0.1.0
 */
export const zeroFor = <F extends Figures>(figures: F): F => {
  if (figures._tag === "QCDC") return { ...emptyQcdc(), extra: zeros(Object.keys(figures.extra)) } as F
  return {
    ...emptyDvk(Object.keys(figures.byField) as Array<FieldId>),
    extra: zeros(Object.keys(figures.extra))
  } as F
}

/**
 * The empty figures of a programme.
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyFor = (programme: Programme, fieldIds: ReadonlyArray<FieldId>): Figures =>
  programme === "DVK" ? emptyDvk(fieldIds) : emptyQcdc()

// ---------------------------------------------------------------------------------------------
// consistency
// ---------------------------------------------------------------------------------------------

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0

const total = (counts: Readonly<Counts>) => Object.values(counts).reduce((a, b) => a + b, 0)

const countViolations = (prefix: string, counts: Readonly<Counts>): ReadonlyArray<InvalidCount> =>
  Object.entries(counts)
    .filter(([, v]) => !isCount(v))
    .map(([k, value]) => new InvalidCount({ indicator: `${prefix}${k}`, value }))

const bound = (
  figures: Readonly<Counts>,
  indicator: string,
  boundName: string
): ReadonlyArray<ExceedsBound> => {
  const value = figures[indicator] ?? 0
  const boundValue = figures[boundName] ?? 0
  return value > boundValue ? [new ExceedsBound({ indicator, value, bound: boundName, boundValue })] : []
}

const breakdown = (name: string, counts: Readonly<Counts>, totalName: string, totalValue: number) => {
  const breakdownSum = total(counts)
  return breakdownSum === totalValue
    ? []
    : [new BreakdownMismatch({ breakdown: name, total: totalName, totalValue, breakdownSum })]
}

/**
 * Every way the figures disagree with themselves (see the module comment); empty when they are
 * consistent.
 *
 * @example
 * ```ts
 * import { FiguresRules } from "@danvan/core"
 *
 * const figures = { ...FiguresRules.emptyQcdc(), complaintsReceived: 4, complaintsResolved: 5, directDialogues: -1 }
 * for (const v of FiguresRules.check(figures)) console.log(String(v))
 * // InvalidCount: directDialogues is -1, which is not a count (a whole number from 0 up)
 * // ExceedsBound: complaintsResolved (5) exceeds complaintsReceived (4)
 * ```
 *
 * @category rules
 * @since 0.1.0
 */
export const check = (figures: Figures): ReadonlyArray<FiguresViolation> => {
  if (figures._tag === "QCDC") {
    const scalars: Counts = Object.fromEntries(qcdcScalars.map((k) => [k, figures[k]]))
    return [
      ...countViolations("", scalars),
      ...countViolations("extra.", figures.extra),
      ...bound(scalars, "complaintsResolved", "complaintsReceived"),
      ...bound(scalars, "denunciationsResolved", "denunciationsReceived")
    ]
  }
  const scalars: Counts = Object.fromEntries(dvkScalars.map((k) => [k, figures[k]]))
  return [
    ...countViolations("", scalars),
    ...countViolations("byField.", figures.byField),
    ...countViolations("byStatus.", figures.byStatus),
    ...countViolations("extra.", figures.extra),
    ...breakdown("byField", figures.byField, "models", figures.models),
    ...breakdown("byStatus", figures.byStatus, "models", figures.models),
    ...bound(scalars, "commended", "effective"),
    ...bound(scalars, "effective", "models"),
    ...bound(scalars, "replicated", "models"),
    ...bound(scalars, "newModels", "models")
  ]
}

/**
 * Whether the figures are consistent.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isConsistent = (figures: Figures): boolean => check(figures).length === 0

// ---------------------------------------------------------------------------------------------
// sums
// ---------------------------------------------------------------------------------------------

const addCounts = <K extends string>(a: Readonly<Record<K, number>>, b: Readonly<Record<K, number>>) => {
  const out: Record<string, number> = { ...a }
  for (const [k, v] of Object.entries(b) as Array<[string, number]>) {
    put(out, k, (Object.hasOwn(out, k) ? out[k]! : 0) + v)
  }
  return out as Record<K, number>
}

/**
 * The sum of two DVK figures, componentwise, breakdown keys unioned.
 *
 * @category combinators
 * @since 0.1.0
 */
export const sumDvk = (a: DvkFigures, b: DvkFigures): DvkFigures => ({
  _tag: "DVK",
  models: a.models + b.models,
  byField: addCounts(a.byField, b.byField),
  byStatus: addCounts(a.byStatus, b.byStatus),
  newModels: a.newModels + b.newModels,
  effective: a.effective + b.effective,
  commended: a.commended + b.commended,
  replicated: a.replicated + b.replicated,
  exemplaryCases: a.exemplaryCases + b.exemplaryCases,
  extra: addCounts(a.extra, b.extra)
})

/**
 * The sum of two QCDC figures, componentwise, `extra` keys unioned.
 *
 * @category combinators
 * @since 0.1.0
 */
export const sumQcdc = (a: QcdcFigures, b: QcdcFigures): QcdcFigures => ({
  _tag: "QCDC",
  citizenReceptions: a.citizenReceptions + b.citizenReceptions,
  directDialogues: a.directDialogues + b.directDialogues,
  complaintsReceived: a.complaintsReceived + b.complaintsReceived,
  complaintsResolved: a.complaintsResolved + b.complaintsResolved,
  denunciationsReceived: a.denunciationsReceived + b.denunciationsReceived,
  denunciationsResolved: a.denunciationsResolved + b.denunciationsResolved,
  supervisionSessions: a.supervisionSessions + b.supervisionSessions,
  questioningSessions: a.questioningSessions + b.questioningSessions,
  extra: addCounts(a.extra, b.extra)
})

/**
 * The sum of two figures of the same programme (`ProgrammeMismatch` otherwise). Associative and
 * commutative; `flatten(sum(a, b))` equals `addFlat(flatten(a), flatten(b))`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const sum = (a: Figures, b: Figures): Result.Result<Figures, ProgrammeMismatch> => {
  if (a._tag === "DVK" && b._tag === "DVK") return Result.succeed(sumDvk(a, b))
  if (a._tag === "QCDC" && b._tag === "QCDC") return Result.succeed(sumQcdc(a, b))
  return Result.fail(new ProgrammeMismatch({ left: a._tag, right: b._tag }))
}

// ---------------------------------------------------------------------------------------------
// the flat form
// ---------------------------------------------------------------------------------------------

const isId = Schema.is(IdString)
const isStatus = Schema.is(ModelStatus)

/**
 * Reads a flat map (as `Figures.flatten` writes it) back as figures of a programme: the inverse of
 * `flatten`. Indicators the map lacks count 0 (as in validation rules); an indicator the programme
 * does not have, a malformed key or a value that is not a count is an `InvalidFlatFigures`, and so
 * is a map that cannot be read (not an object, a proxy or a getter that throws; key `""` when the
 * map as a whole cannot be listed): the map comes from outside (a store, a form), so nothing it
 * does escapes as an exception.
 *
 * @category conversions
 * @since 0.1.0
 */
export const unflatten = (
  programme: Programme,
  flat: Readonly<Record<string, number>>
): Result.Result<Figures, InvalidFlatFigures> => {
  const fail = (key: string, reason: string) =>
    Result.fail(new InvalidFlatFigures({ programme, key, reason }))
  const scalarNames: ReadonlyArray<string> = programme === "DVK" ? dvkScalars : qcdcScalars
  const groups: ReadonlyArray<string> = programme === "DVK" ? ["byField", "byStatus", "extra"] : ["extra"]
  const scalars: Counts = zeros(scalarNames)
  const nested: Record<string, Counts> = Object.fromEntries(groups.map((g) => [g, {}]))
  nested.byStatus = zeros(statuses)
  if (typeof flat !== "object" || flat === null) {
    return fail(
      "",
      `cannot be read: the figures are ${Text.describeUntrusted(flat)}, not a map of indicators to counts`
    )
  }
  let keys: ReadonlyArray<string>
  try {
    keys = Object.keys(flat)
  } catch (error) {
    return fail("", `cannot be read: listing the figures threw ${Text.describeThrown(error)}`)
  }
  for (const key of keys) {
    let value: unknown
    try {
      value = flat[key]
    } catch (error) {
      return fail(key, `cannot be read: reading it threw ${Text.describeThrown(error)}`)
    }
    if (typeof value !== "number" || !isCount(value)) {
      return fail(
        key,
        `has the value ${Text.describeUntrusted(value)}, which is not a count (a whole number from 0 up)`
      )
    }
    const dot = key.indexOf(".")
    if (dot < 0) {
      if (!scalarNames.includes(key)) return fail(key, "is not an indicator of this programme")
      put(scalars, key, value)
      continue
    }
    const group = key.slice(0, dot)
    const sub = key.slice(dot + 1)
    if (!groups.includes(group)) return fail(key, "is not an indicator of this programme")
    if (!isId(sub)) return fail(key, "names an entry that is not a valid identifier")
    if (group === "byStatus" && !isStatus(sub)) return fail(key, "names no model status")
    put(nested[group]!, sub, value)
  }
  if (programme === "QCDC") {
    return Result.succeed({
      _tag: "QCDC",
      ...(scalars as Omit<QcdcFigures, "_tag" | "extra">),
      extra: nested.extra!
    })
  }
  return Result.succeed({
    _tag: "DVK",
    ...(scalars as Omit<DvkFigures, "_tag" | "extra" | "byField" | "byStatus">),
    byField: nested.byField as Record<FieldId, number>,
    byStatus: nested.byStatus as Record<ModelStatus, number>,
    extra: nested.extra!
  })
}
