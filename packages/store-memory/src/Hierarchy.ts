/**
 * Hierarchy reads over a view, with the semantics of `Hierarchy` in `@danvan/core` ("as of a
 * date": the units valid that day, linked by the parent links valid that day; `Unit.isValidOn`,
 * `Unit.parentOn`), walking the children index instead of loading every unit: the cost of a
 * jurisdiction is the size of the subtree (plus the units that were ever under it).
 *
 * @since 0.1.0
 */
import type { CalendarDate, Ids, Page } from "@danvan/core"
import { Unit } from "@danvan/core"
import { type Children, dayNumber, unread } from "./Children.ts"
import { Base, type View } from "./State.ts"

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
 * A unit's jurisdiction as of a date, breadth first: the root, then every unit below it, each once
 * (a cycle still ends), as their records, so a caller reads no unit twice; none when the root is
 * not valid then. Only a child is checked (valid that day, its parent that day the unit being
 * visited): the unit itself was checked when reached.
 */
const walk = (view: View, rootId: string, asOf: CalendarDate.CalendarDate): ReadonlyArray<Unit.Unit> => {
  const root = validUnit(view, rootId, asOf)
  if (root === undefined) return []
  return view instanceof Base ? walkTree(view.tree, root, asOf) : walkIndex(view, root, asOf)
}

/**
 * The walk over the committed state, on its compact children (`Children`, decision record 0060):
 * per child a slot, a record and the days it stands under the parent as integers, and the visited
 * set an array of stamps indexed by slot, so a child that is not taken touches no object of its own.
 */
const walkTree = (
  tree: Children,
  root: Unit.Unit,
  asOf: CalendarDate.CalendarDate
): ReadonlyArray<Unit.Unit> => {
  const out: Array<Unit.Unit> = [root]
  const rootSlot = tree.slotIfAny(root.id)
  if (rootSlot === undefined) return out
  const day = dayNumber(asOf)
  tree.startVisit()
  tree.visit(rootSlot)
  const queue: Array<number> = [rootSlot]
  for (let i = 0; i < queue.length; i++) {
    const brood = tree.broodAt(queue[i]!)
    if (brood === undefined) continue
    const { froms, slots, untils, units } = brood
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!
      const from = froms[k]!
      if (from === unread || day === undefined) {
        const child = units[k]!
        const parentId = out[i]!.id
        if (!Unit.isValidOn(child, asOf) || Unit.parentOn(child, asOf) !== parentId) continue
      } else if (day < from || day >= untils[k]!) continue
      if (!tree.visit(slot)) continue
      out.push(units[k]!)
      queue.push(slot)
    }
  }
  return out
}

/** The walk inside a transaction: the children from the `unitParent` index, each from the view. */
const walkIndex = (
  view: View,
  root: Unit.Unit,
  asOf: CalendarDate.CalendarDate
): ReadonlyArray<Unit.Unit> => {
  const seen = new Set<UnitId>([root.id])
  const out: Array<Unit.Unit> = [root]
  for (let i = 0; i < out.length; i++) {
    const id = out[i]!.id
    for (const key of view.lookup("unitParent", id)) {
      const child = view.get("unit", key)!.record
      if (seen.has(child.id) || !Unit.isValidOn(child, asOf) || Unit.parentOn(child, asOf) !== id) continue
      seen.add(child.id)
      out.push(child)
    }
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
): ReadonlySet<UnitId> => new Set(walk(view, rootId, asOf).map((u) => u.id))

/**
 * A unit's jurisdiction as of a date, for one page of a listing: its ids, and its units by id
 * (UTF-16 code units, the order of `UnitRepository.jurisdiction`), sorted when first asked.
 *
 * @since 0.1.0
 */
export interface Listed {
  readonly ids: ReadonlySet<UnitId>
  readonly units: () => ReadonlyArray<Unit.Unit>
}

interface Kept extends Listed {
  readonly unitChanges: number
}

/** The walks of recent listings, per committed state: at most {@link keptListings}, oldest out first. */
const listings = new WeakMap<Base, Map<string, Kept>>()
const keptListings = 16

const listed = (view: View, rootId: string, asOf: CalendarDate.CalendarDate, unitChanges: number): Kept => {
  const walked = walk(view, rootId, asOf)
  let ids: ReadonlySet<UnitId> | undefined
  let sorted: ReadonlyArray<Unit.Unit> | undefined
  // `sort()` without a comparator orders strings by UTF-16 code units, as `ascending` does, in
  // the engine's own code: about 3 × faster than calling a comparator per comparison, and the
  // sort was a third of the read (docs/benchmarks.md, fourth pass).
  const units = () => {
    if (sorted !== undefined) return sorted
    const byId = new Map<string, Unit.Unit>()
    for (const unit of walked) byId.set(unit.id, unit)
    sorted = [...byId.keys()].sort().map((id) => byId.get(id)!)
    return sorted
  }
  return {
    get ids() {
      ids ??= new Set(walked.map((u) => u.id))
      return ids
    },
    units,
    unitChanges
  }
}

/**
 * The jurisdiction a page of a listing reads (the units of a jurisdiction, a jurisdiction's
 * reports or models). Over the committed state a listing's first page walks the hierarchy and keeps
 * the walk, and its later pages (`page.after` set) reuse it while no unit has been written since:
 * paging through a province's thousands of units walks it once instead of once a page (5,640 units
 * at 100% of the country, 500 a page, walked and sorted twelve times; decision record 0056). A
 * first page always walks, so a listing never starts from another listing's result; a page inside
 * a transaction, whose view is not the committed state, always walks.
 *
 * @since 0.1.0
 */
export const listedJurisdiction = (
  view: View,
  rootId: string,
  asOf: CalendarDate.CalendarDate,
  page: Page.PageRequest | undefined
): Listed => {
  if (!(view instanceof Base)) return listed(view, rootId, asOf, 0)
  const unitChanges = view.changesOf("unit")
  let kept = listings.get(view)
  if (kept === undefined) {
    kept = new Map()
    listings.set(view, kept)
  }
  const key = `${rootId} ${asOf}`
  const previous = kept.get(key)
  if (page?.after !== undefined && previous?.unitChanges === unitChanges) return previous
  const next = listed(view, rootId, asOf, unitChanges)
  kept.delete(key)
  kept.set(key, next)
  if (kept.size > keptListings) kept.delete(kept.keys().next().value!)
  return next
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
