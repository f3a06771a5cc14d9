/**
 * `UnitRepository` over the engine.
 *
 * @since 0.1.0
 */
import type { Succession, Unit as UnitNs } from "@danvan/core"
import { type Page, StoreError, Unit, type UnitRepository } from "@danvan/core"
import { Option, Result } from "effect"
import type { Engine } from "./Engine.ts"
import * as Hierarchy from "./Hierarchy.ts"
import * as Paging from "./Paging.ts"
import { ascending, found, type View } from "./State.ts"
import * as Writes from "./Writes.ts"

/** The order successions are listed in: by effective date, then id. @since 0.1.0 */
export const bySuccessionOrder = (a: Succession.Succession, b: Succession.Succession): number =>
  ascending(a.effectiveDate, b.effectiveDate) || ascending(a.id, b.id)

/** Successions matching a query, by effective date then id. @since 0.1.0 */
export const successions = (
  view: View,
  query: { readonly predecessorId?: string; readonly successorId?: string }
): ReadonlyArray<Succession.Succession> => {
  const keys =
    query.predecessorId !== undefined
      ? view.lookup("successionPredecessor", query.predecessorId)
      : query.successorId !== undefined
        ? view.lookup("successionSuccessor", query.successorId)
        : view.keys("succession")
  const out: Array<Succession.Succession> = []
  for (const key of keys) {
    const s = view.get("succession", key)!.record
    if (query.predecessorId !== undefined && s.predecessorId !== query.predecessorId) continue
    if (query.successorId !== undefined && s.successorId !== query.successorId) continue
    out.push(s)
  }
  return out.sort(bySuccessionOrder)
}

const byKey = (unit: UnitNs.Unit): Paging.SortKey => [unit.id]

/** @since 0.1.0 */
export const make = (engine: Engine): UnitRepository["Service"] => ({
  get: (id) => engine.readResult((view) => found(view, "unit", id)),

  getMany: (ids) =>
    engine.read((view) =>
      ids.flatMap((id) => (view.get("unit", id)?.record as UnitNs.Unit | undefined) ?? [])
    ),

  findByCode: (code, asOf) =>
    engine.read((view) => {
      const ids = [...view.lookup("unitCode", code)].sort(ascending)
      for (const id of ids) {
        const unit = Hierarchy.validUnit(view, id, asOf)
        if (unit !== undefined) return Option.some(unit)
      }
      return Option.none()
    }),

  insert: (units) => engine.write((o) => Writes.insertAll(o, "unit", units)),

  update: (unit) => engine.write((o) => Writes.updateOne(o, "unit", unit)),

  list: (query, page?: Page.PageRequest) =>
    engine.readResult((view): Result.Result<Page.Page<UnitNs.Unit>, StoreError.StoreCorrupt> => {
      const levels = query.levels === undefined ? undefined : new Set(query.levels)
      const types = query.types === undefined ? undefined : new Set(query.types)
      const { asOf, parentId } = query
      if (
        parentId !== undefined &&
        asOf !== undefined &&
        Hierarchy.validUnit(view, parentId, asOf) === undefined
      ) {
        return Result.succeed({ items: [] })
      }
      const keys =
        parentId === undefined ? view.keys("unit") : [...view.lookup("unitParent", parentId)].sort(ascending)
      return Paging.fromKeys(
        keys,
        (key) => {
          const unit = view.get("unit", key)!.record
          if (asOf !== undefined && !Unit.isValidOn(unit, asOf)) return undefined
          if (levels !== undefined && !levels.has(Unit.levelOf[unit.type])) return undefined
          if (types !== undefined && !types.has(unit.type)) return undefined
          if (parentId !== undefined) {
            const matches =
              asOf === undefined
                ? unit.parents.some((l) => l.parentId === parentId)
                : Unit.parentOn(unit, asOf) === parentId
            if (!matches) return undefined
          }
          return unit
        },
        page
      )
    }),

  ancestors: (id, asOf) =>
    engine.readResult((view) =>
      view.get("unit", id) === undefined
        ? Result.fail(new StoreError.NotFound({ entity: "unit", id }))
        : Result.succeed(Hierarchy.ancestors(view, id, asOf))
    ),

  jurisdiction: (rootId, asOf, page) =>
    engine.readResult(
      (view): Result.Result<Page.Page<UnitNs.Unit>, StoreError.NotFound | StoreError.StoreCorrupt> => {
        if (Hierarchy.validUnit(view, rootId, asOf) === undefined) {
          return Result.fail(new StoreError.NotFound({ entity: "unit", id: rootId }))
        }
        return Paging.fromSorted(Hierarchy.listedJurisdiction(view, rootId, asOf, page).units(), byKey, page)
      }
    ),

  insertSuccessions: (list) => engine.write((o) => Writes.insertAll(o, "succession", list)),

  successions: (query) => engine.read((view) => successions(view, query))
})
