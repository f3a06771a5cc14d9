/**
 * Succession between units: how a unit that existed in 2017 carries its history into the units
 * of today. One record is one edge from a predecessor to a successor on the date the change took
 * effect (a merger of three communes is three edges to the new commune; a split is one edge per
 * part).
 *
 * To keep history from being counted twice, exactly one outgoing edge of a predecessor on a given
 * date carries its history (`carriesHistory`); the others only record where its territory went.
 * Resolutions of the National Assembly Standing Committee on rearranging units (e.g. 1674–1686/
 * NQ-UBTVQH15 of 2025) name, for each new unit, the units it is formed from.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { SuccessionId, UnitId } from "../kernel/Ids.ts"

/**
 * - `merge`: several units become one (nhập);
 * - `split`: one unit becomes several (chia, tách);
 * - `rename`: same territory, new name or type (đổi tên, thành lập thành phố từ huyện);
 * - `transfer`: a unit's territory passes to another existing unit (điều chỉnh địa giới).
 *
 * @category schemas
 * @since 0.1.0
 */
export const SuccessionKind = Schema.Literals(["merge", "split", "rename", "transfer"])
/**
 * @category models
 * @since 0.1.0
 */
export type SuccessionKind = typeof SuccessionKind.Type

/**
 * @category models
 * @since 0.1.0
 */
export class Succession extends Schema.Class<Succession>("Succession")({
  id: SuccessionId,
  kind: SuccessionKind,
  effectiveDate: CalendarDate.CalendarDate,
  predecessorId: UnitId,
  successorId: UnitId,
  carriesHistory: Schema.Boolean,
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}

/**
 * Where a unit's history is counted as of a date: follow the history-carrying links that took
 * effect on or before `asOf`, from `unitId` to the unit that carries its history then. Returns
 * `unitId` itself when no such link leaves it. Each step takes the earliest link (ties in input
 * order) that took effect strictly after the previous step, so the walk ends even on malformed
 * data (a cycle of links on the same date stops it).
 *
 * @category queries
 * @since 0.1.0
 */
export const historyCarrier = (
  successions: ReadonlyArray<Succession>,
  unitId: UnitId,
  asOf: CalendarDate.CalendarDate
): UnitId => historyCarriers(successions, asOf)(unitId)

/**
 * {@link historyCarrier} for many units at once: indexes the history-carrying links once and
 * returns a function that walks them exactly as {@link historyCarrier} does, without rebuilding
 * the index for every unit.
 *
 * @category queries
 * @since 0.1.0
 */
export const historyCarriers = (
  successions: ReadonlyArray<Succession>,
  asOf: CalendarDate.CalendarDate
): ((unitId: UnitId) => UnitId) => {
  const carrying = new Map<UnitId, Array<Succession>>()
  for (const s of successions) {
    if (!s.carriesHistory || s.effectiveDate > asOf) continue
    const list = carrying.get(s.predecessorId)
    if (list === undefined) carrying.set(s.predecessorId, [s])
    else list.push(s)
  }
  // Array.prototype.sort is stable, so links of equal dates keep their input order.
  for (const list of carrying.values())
    list.sort((a, b) => CalendarDate.compare(a.effectiveDate, b.effectiveDate))
  return (unitId) => {
    let current = unitId
    let since: CalendarDate.CalendarDate | undefined
    for (;;) {
      const next = carrying.get(current)?.find((s) => since === undefined || s.effectiveDate > since)
      if (next === undefined) return current
      current = next.successorId
      since = next.effectiveDate
    }
  }
}
