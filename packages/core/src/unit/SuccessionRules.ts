/**
 * The rules succession records must keep, and where each unit's history is counted as of a date.
 *
 * Units are merged, split, renamed and adjusted by resolutions of the National Assembly Standing
 * Committee (for example 1674–1686/NQ-UBTVQH15 of 2025, which formed the communes of 01/07/2025 under
 * Resolution 202/2025/QH15 and Law 72/2025/QH15). Figures reported by a unit in 2017 must roll up
 * into the unit that carries its history today, once and only once: succession carries history
 * forward without double counting ([rules: Units and succession](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#units-and-succession-law-4)).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Cycles from "../kernel/Cycles.ts"
import { SuccessionId, UnitId } from "../kernel/Ids.ts"
import * as Violation from "../kernel/Violation.ts"
import { historyCarriers, type Succession, SuccessionKind } from "./Succession.ts"
import { isValidOn, type Unit } from "./Unit.ts"

const showUntil = (until: CalendarDate.CalendarDate | undefined) =>
  until === undefined ? "has no end" : `ends on ${until}`

/**
 * Two succession records share one id.
 *
 * @category violations
 * @since 0.1.0
 */
export class DuplicateSuccessionId extends Violation.TaggedClass<DuplicateSuccessionId>()(
  "DuplicateSuccessionId",
  {
    successionId: SuccessionId,
    count: Schema.Int
  },
  (v) => `the succession id ${JSON.stringify(v.successionId)} is used by ${v.count} records`
) {}

/**
 * A succession names a unit that does not exist.
 *
 * @category violations
 * @since 0.1.0
 */
export class UnknownSuccessionEnd extends Violation.TaggedClass<UnknownSuccessionEnd>()(
  "UnknownSuccessionEnd",
  {
    successionId: SuccessionId,
    end: Schema.Literals(["predecessor", "successor"]),
    unitId: UnitId
  },
  (v) => `succession ${v.successionId} names ${v.unitId} as its ${v.end}, but no such unit exists`
) {}

/**
 * The predecessor's validity does not fit the kind of succession: after a merge, split or rename
 * the predecessor no longer exists, so its validity ends on the effective date (`validUntil` equal
 * to it); after a transfer it continues, so it is valid on the effective date.
 *
 * @category violations
 * @since 0.1.0
 */
export class PredecessorValidityMismatch extends Violation.TaggedClass<PredecessorValidityMismatch>()(
  "PredecessorValidityMismatch",
  {
    successionId: SuccessionId,
    kind: SuccessionKind,
    predecessorId: UnitId,
    effectiveDate: CalendarDate.CalendarDate,
    validFrom: CalendarDate.CalendarDate,
    validUntil: Schema.optionalKey(CalendarDate.CalendarDate)
  },
  (v) =>
    v.kind === "transfer"
      ? `succession ${v.successionId} transfers territory from ${v.predecessorId} on ${v.effectiveDate}, so ${v.predecessorId} continues and must be valid that day, but it is valid from ${v.validFrom} and ${showUntil(v.validUntil)}`
      : `succession ${v.successionId} (${v.kind}) ends ${v.predecessorId} on ${v.effectiveDate}, so its validity must end that day, but it ${showUntil(v.validUntil)}`
) {}

/**
 * The successor does not exist on the effective date.
 *
 * @category violations
 * @since 0.1.0
 */
export class SuccessorNotValid extends Violation.TaggedClass<SuccessorNotValid>()(
  "SuccessorNotValid",
  {
    successionId: SuccessionId,
    successorId: UnitId,
    effectiveDate: CalendarDate.CalendarDate
  },
  (v) =>
    `succession ${v.successionId} takes effect on ${v.effectiveDate}, but its successor ${v.successorId} is not valid that day`
) {}

/**
 * A predecessor that ends on a date has not exactly one history-carrying succession that day:
 * with none its history is lost, with more it is counted twice.
 *
 * @category violations
 * @since 0.1.0
 */
export class HistoryCarrierCount extends Violation.TaggedClass<HistoryCarrierCount>()(
  "HistoryCarrierCount",
  {
    predecessorId: UnitId,
    effectiveDate: CalendarDate.CalendarDate,
    count: Schema.Int
  },
  (v) =>
    v.count === 0
      ? `unit ${v.predecessorId} ends on ${v.effectiveDate} and none of its successions that day carries its history, so its history would be lost: mark exactly one as carrying it`
      : `unit ${v.predecessorId} ends on ${v.effectiveDate} and ${v.count} of its successions that day carry its history, so it would be counted ${v.count} times: mark exactly one`
) {}

/**
 * A transfer marked as carrying history: the predecessor of a transfer continues, and its history
 * stays with it.
 *
 * @category violations
 * @since 0.1.0
 */
export class TransferCarriesHistory extends Violation.TaggedClass<TransferCarriesHistory>()(
  "TransferCarriesHistory",
  {
    successionId: SuccessionId,
    predecessorId: UnitId
  },
  (v) =>
    `succession ${v.successionId} is a transfer, after which ${v.predecessorId} continues and keeps its history, so it cannot carry that history elsewhere`
) {}

/**
 * Merges, splits and renames that lead from a unit back to itself (or a succession from a unit to
 * itself).
 *
 * @category violations
 * @since 0.1.0
 */
export class SuccessionCycle extends Violation.TaggedClass<SuccessionCycle>()(
  "SuccessionCycle",
  {
    unitIds: Schema.Array(UnitId)
  },
  (v) =>
    `successions lead from ${v.unitIds[0]} back to itself (${[...v.unitIds, v.unitIds[0]].join(" → ")}); a unit cannot succeed itself`
) {}

/**
 * Every violation {@link validate} reports.
 *
 * @category violations
 * @since 0.1.0
 */
export const SuccessionViolation = Schema.Union([
  DuplicateSuccessionId,
  UnknownSuccessionEnd,
  PredecessorValidityMismatch,
  SuccessorNotValid,
  HistoryCarrierCount,
  TransferCarriesHistory,
  SuccessionCycle
])
/**
 * @category violations
 * @since 0.1.0
 */
export type SuccessionViolation = typeof SuccessionViolation.Type

const findCycles = (successions: ReadonlyArray<Succession>, out: Array<SuccessionViolation>): void => {
  // Transfers are left out: two units that go on existing may pass territory back and forth over
  // the years; only merges, splits and renames end a unit, and nothing may lead back to it.
  const edges = new Map<UnitId, Array<UnitId>>()
  for (const s of successions) {
    if (s.predecessorId === s.successorId) {
      out.push(new SuccessionCycle({ unitIds: [s.predecessorId] }))
      continue
    }
    if (s.kind === "transfer") continue
    const list = edges.get(s.predecessorId)
    if (list === undefined) edges.set(s.predecessorId, [s.successorId])
    else list.push(s.successorId)
  }
  const reported = new Set<string>()
  for (const members of Cycles.find(edges.keys(), (id) => edges.get(id) ?? [])) {
    const key = [...members].sort().join("\u0000")
    if (!reported.has(key)) {
      reported.add(key)
      out.push(new SuccessionCycle({ unitIds: members }))
    }
  }
}

/**
 * Checks succession records against the units they link and returns every violation (empty when
 * consistent):
 * - both ends exist; ids are unique;
 * - after a merge, split or rename the predecessor's validity ends on the effective date; after a
 *   transfer the predecessor is still valid that day;
 * - the successor is valid on the effective date;
 * - a predecessor that ends on a date with merges, splits or renames that day has exactly one of
 *   them carrying its history, and no transfer carries history, so history is neither lost nor counted twice;
 * - merges, splits and renames never lead back to a unit.
 *
 * @category rules
 * @since 0.1.0
 */
export const validate = (
  units: ReadonlyArray<Unit>,
  successions: ReadonlyArray<Succession>
): ReadonlyArray<SuccessionViolation> => {
  const out: Array<SuccessionViolation> = []
  const byId = new Map<UnitId, Unit>()
  for (const unit of units) if (!byId.has(unit.id)) byId.set(unit.id, unit)
  const counts = new Map<SuccessionId, number>()
  for (const s of successions) counts.set(s.id, (counts.get(s.id) ?? 0) + 1)
  for (const [successionId, count] of counts) {
    if (count > 1) out.push(new DuplicateSuccessionId({ successionId, count }))
  }
  // Carrying merges, splits and renames per predecessor and date, where the predecessor ends then.
  const groups = new Map<
    string,
    { predecessorId: UnitId; effectiveDate: CalendarDate.CalendarDate; count: number }
  >()
  for (const s of successions) {
    const predecessor = byId.get(s.predecessorId)
    const successor = byId.get(s.successorId)
    if (predecessor === undefined) {
      out.push(new UnknownSuccessionEnd({ successionId: s.id, end: "predecessor", unitId: s.predecessorId }))
    }
    if (successor === undefined) {
      out.push(new UnknownSuccessionEnd({ successionId: s.id, end: "successor", unitId: s.successorId }))
    } else if (!isValidOn(successor, s.effectiveDate)) {
      out.push(
        new SuccessorNotValid({
          successionId: s.id,
          successorId: s.successorId,
          effectiveDate: s.effectiveDate
        })
      )
    }
    if (s.kind === "transfer" && s.carriesHistory) {
      out.push(new TransferCarriesHistory({ successionId: s.id, predecessorId: s.predecessorId }))
    }
    if (predecessor === undefined) continue
    const fits =
      s.kind === "transfer"
        ? isValidOn(predecessor, s.effectiveDate)
        : predecessor.validUntil === s.effectiveDate
    if (!fits) {
      out.push(
        new PredecessorValidityMismatch({
          successionId: s.id,
          kind: s.kind,
          predecessorId: s.predecessorId,
          effectiveDate: s.effectiveDate,
          validFrom: predecessor.validFrom,
          ...(predecessor.validUntil === undefined ? {} : { validUntil: predecessor.validUntil })
        })
      )
    }
    // Transfers are left out: their predecessor goes on (a transfer from an ending unit is
    // reported above), and a transfer never carries history.
    if (s.kind !== "transfer" && predecessor.validUntil === s.effectiveDate) {
      const key = `${s.predecessorId}\u0000${s.effectiveDate}`
      const group = groups.get(key)
      const add = s.carriesHistory ? 1 : 0
      if (group === undefined) {
        groups.set(key, { predecessorId: s.predecessorId, effectiveDate: s.effectiveDate, count: add })
      } else group.count += add
    }
  }
  for (const group of groups.values()) if (group.count !== 1) out.push(new HistoryCarrierCount(group))
  findCycles(successions, out)
  return out
}

/**
 * Where the history of each unit is counted as of a date.
 *
 * @category models
 * @since 0.1.0
 */
export interface CarriedInto {
  /** Each unit that existed on or before `asOf`, mapped to the unit valid at `asOf` carrying its history. */
  readonly carrierOf: ReadonlyMap<UnitId, UnitId>
  /**
   * Units that existed on or before `asOf` whose history reaches no unit valid at `asOf` (a unit
   * dissolved without a history-carrying succession, such as a district abolished on 01/07/2025).
   */
  readonly uncarried: ReadonlyArray<UnitId>
}

/**
 * Maps every unit that existed on or before `asOf` to the unit valid at `asOf` that carries its
 * history, following {@link Succession.historyCarrier}. On records that pass {@link validate},
 * each such unit has exactly one carrier, so summing per-unit figures over carriers equals the sum
 * over the original units: nothing is counted twice and nothing is lost. Units
 * that start after `asOf` are left out.
 *
 * @category rules
 * @since 0.1.0
 */
export const carriedInto = (
  units: ReadonlyArray<Unit>,
  successions: ReadonlyArray<Succession>,
  asOf: CalendarDate.CalendarDate
): CarriedInto => {
  const byId = new Map<UnitId, Unit>()
  for (const unit of units) if (!byId.has(unit.id)) byId.set(unit.id, unit)
  const carrier = historyCarriers(successions, asOf)
  const carrierOf = new Map<UnitId, UnitId>()
  const uncarried: Array<UnitId> = []
  for (const unit of byId.values()) {
    if (unit.validFrom > asOf) continue
    const id = carrier(unit.id)
    const target = byId.get(id)
    if (target !== undefined && isValidOn(target, asOf)) carrierOf.set(unit.id, id)
    else uncarried.push(unit.id)
  }
  return { carrierOf, uncarried }
}
