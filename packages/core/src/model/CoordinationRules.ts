/**
 * The rules of a coordination programme (chương trình phối hợp): an agreement signed between at
 * least two units (for example a Party mass-mobilisation commission and the provincial police) that
 * takes effect on or after the day it is signed and, when it has an end, ends after it starts. The
 * 2017 Ninh Bình conference counts such programmes among the movement's results ("agencies and
 * units signed coordination programmes").
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { CoordinationId } from "../kernel/Ids.ts"
import * as Interval from "../kernel/Interval.ts"
import * as Violation from "../kernel/Violation.ts"
import type { CoordinationProgramme } from "./Coordination.ts"

/**
 * Fewer than two distinct units are party to the programme.
 *
 * @category violations
 * @since 0.1.0
 */
export class TooFewParties extends Violation.TaggedClass<TooFewParties>()(
  "TooFewParties",
  {
    coordinationId: CoordinationId,
    distinctParties: Schema.Int
  },
  (v) =>
    `coordination programme ${v.coordinationId} has ${v.distinctParties} distinct ${v.distinctParties === 1 ? "party" : "parties"}; it is signed between at least two units`
) {}

/**
 * The programme takes effect before it is signed.
 *
 * @category violations
 * @since 0.1.0
 */
export class EffectiveBeforeSigned extends Violation.TaggedClass<EffectiveBeforeSigned>()(
  "EffectiveBeforeSigned",
  {
    coordinationId: CoordinationId,
    signedOn: CalendarDate.CalendarDate,
    validFrom: CalendarDate.CalendarDate
  },
  (v) =>
    `coordination programme ${v.coordinationId} takes effect on ${v.validFrom}, before it was signed on ${v.signedOn}`
) {}

/**
 * The programme ends on or before the day it takes effect.
 *
 * @category violations
 * @since 0.1.0
 */
export class EndsBeforeStart extends Violation.TaggedClass<EndsBeforeStart>()(
  "EndsBeforeStart",
  {
    coordinationId: CoordinationId,
    validFrom: CalendarDate.CalendarDate,
    validUntil: CalendarDate.CalendarDate
  },
  (v) =>
    `coordination programme ${v.coordinationId} ends on ${v.validUntil}, which is not after it takes effect (${v.validFrom})`
) {}

/**
 * Every way a coordination programme can break the rules ({@link validate}).
 *
 * @category violations
 * @since 0.1.0
 */
export const CoordinationViolation = Schema.Union([TooFewParties, EffectiveBeforeSigned, EndsBeforeStart])
/**
 * @category violations
 * @since 0.1.0
 */
export type CoordinationViolation = typeof CoordinationViolation.Type

/**
 * Every way the programme breaks the rules: at least two distinct parties, signed on or before it
 * takes effect (`signedOn ≤ validFrom`), ending after it takes effect (`validFrom < validUntil`).
 * Empty when it is valid.
 *
 * @category rules
 * @since 0.1.0
 */
export const validate = (programme: CoordinationProgramme): ReadonlyArray<CoordinationViolation> => {
  const out: Array<CoordinationViolation> = []
  const distinct = new Set(programme.parties).size
  if (distinct < 2) out.push(new TooFewParties({ coordinationId: programme.id, distinctParties: distinct }))
  if (programme.validFrom < programme.signedOn) {
    out.push(
      new EffectiveBeforeSigned({
        coordinationId: programme.id,
        signedOn: programme.signedOn,
        validFrom: programme.validFrom
      })
    )
  }
  if (programme.validUntil !== undefined && programme.validUntil <= programme.validFrom) {
    out.push(
      new EndsBeforeStart({
        coordinationId: programme.id,
        validFrom: programme.validFrom,
        validUntil: programme.validUntil
      })
    )
  }
  return out
}

/**
 * Whether the programme is in force on a date.
 *
 * @category predicates
 * @since 0.1.0
 */
export const inForceOn = (programme: CoordinationProgramme, date: CalendarDate.CalendarDate): boolean =>
  Interval.contains(programme.validFrom, programme.validUntil, date)
