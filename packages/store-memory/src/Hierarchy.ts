/**
 * Hierarchy reads over a view, with the semantics of `Hierarchy` in `@danvan/core` ("as of a
 * date": the units valid that day, linked by the parent links valid that day; `Unit.isValidOn`,
 * `Unit.parentOn`), walking the children index instead of loading every unit: the cost of a
 * jurisdiction is the size of the subtree (plus the units that were ever under it).
 *
 * @since 0.1.0
 */
import type { CalendarDate, Ids } from "@danvan/core"
import { Unit } from "@danvan/core"
import type { View } from "./State.ts"

type UnitId = Ids.UnitId

/** The unit if it exists and is valid on the date. @since 0.1.0 */
export const validUnit = (view: View, id: string, asOf: CalendarDate.CalendarDate): Unit.Unit | undefined => {
  const unit = view.get("unit", id)?.record
  return unit !== undefined && Unit.isValidOn(unit, asOf) ? unit : undefined
}

/** The parent of a valid unit as of the date, when that parent is valid too. @since 0.1.0 */
export const parentOf = (
  view: View,
  unit: Unit.Unit,
  asOf: CalendarDate.CalendarDate
): Unit.Unit | undefined => {
  const parentId = Unit.parentOn(unit, asOf)
  return parentId === undefined ? undefined : validUnit(view, parentId, asOf)
}

/** The ids of the units directly under a unit as of the date (unordered); none when it is not valid. @since 0.1.0 */
export const childIds = (view: View, id: string, asOf: CalendarDate.CalendarDate): ReadonlyArray<UnitId> => {
  if (validUnit(view, id, asOf) === undefined) return []
  const out: Array<UnitId> = []
  for (const key of view.lookup("unitParent", id)) {
    const child = validUnit(view, key, asOf)
    if (child !== undefined && Unit.parentOn(child, asOf) === id) out.push(child.id)
  }
  return out
}

/**
 * The ids of a unit's jurisdiction as of a date: itself and every unit below it (unordered);
 * empty when the unit is not valid then. Stops at repeated units, so a cycle still ends.
 *
 * @since 0.1.0
 */
export const jurisdictionIds = (
  view: View,
  rootId: string,
  asOf: CalendarDate.CalendarDate
): ReadonlySet<UnitId> => {
  const root = validUnit(view, rootId, asOf)
  const seen = new Set<UnitId>()
  if (root === undefined) return seen
  seen.add(root.id)
  const queue: Array<UnitId> = [root.id]
  for (let i = 0; i < queue.length; i++) {
    for (const child of childIds(view, queue[i]!, asOf)) {
      if (seen.has(child)) continue
      seen.add(child)
      queue.push(child)
    }
  }
  return seen
}

/** The chain of parents as of a date, nearest first; empty when the unit is not valid. @since 0.1.0 */
export const ancestors = (
  view: View,
  id: string,
  asOf: CalendarDate.CalendarDate
): ReadonlyArray<Unit.Unit> => {
  const unit = validUnit(view, id, asOf)
  if (unit === undefined) return []
  const chain: Array<Unit.Unit> = []
  const seen = new Set<string>([id])
  let parent = parentOf(view, unit, asOf)
  while (parent !== undefined && !seen.has(parent.id)) {
    chain.push(parent)
    seen.add(parent.id)
    parent = parentOf(view, parent, asOf)
  }
  return chain
}
