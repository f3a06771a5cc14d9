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

/**
 * Visits a unit's jurisdiction as of a date, breadth first: the root, then every unit below it,
 * each once (a cycle still ends), each with its record, so a caller reads no unit twice. Each
 * unit's children are found from the children index, and only the child is checked (valid that
 * day, its parent that day the unit being visited): the unit itself was checked when reached.
 * Returns the ids visited; none when the root is not valid then.
 */
const walk = (
  view: View,
  rootId: string,
  asOf: CalendarDate.CalendarDate,
  visit: (unit: Unit.Unit) => void
): ReadonlySet<UnitId> => {
  const root = validUnit(view, rootId, asOf)
  const seen = new Set<UnitId>()
  if (root === undefined) return seen
  seen.add(root.id)
  visit(root)
  const queue: Array<UnitId> = [root.id]
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!
    for (const key of view.lookup("unitParent", id)) {
      if (seen.has(key as UnitId)) continue
      const child = validUnit(view, key, asOf)
      if (child === undefined || Unit.parentOn(child, asOf) !== id) continue
      seen.add(child.id)
      visit(child)
      queue.push(child.id)
    }
  }
  return seen
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
): ReadonlySet<UnitId> => walk(view, rootId, asOf, () => {})

/**
 * The units of a unit's jurisdiction as of a date, by id (UTF-16 code units, the order of
 * `UnitRepository.jurisdiction`); empty when the unit is not valid then.
 *
 * @since 0.1.0
 */
export const jurisdictionUnits = (
  view: View,
  rootId: string,
  asOf: CalendarDate.CalendarDate
): ReadonlyArray<Unit.Unit> => {
  const units = new Map<string, Unit.Unit>()
  walk(view, rootId, asOf, (unit) => units.set(unit.id, unit))
  // `sort()` without a comparator orders strings by UTF-16 code units, as `ascending` does, in
  // the engine's own code: about 3 × faster than calling a comparator per comparison, and the
  // sort was a third of the read (docs/benchmarks.md, fourth pass).
  return [...units.keys()].sort().map((id) => units.get(id)!)
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
