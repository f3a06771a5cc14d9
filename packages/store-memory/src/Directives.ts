/**
 * `DirectiveRepository` over the engine. Document numbers are unique within their numbering scope
 * (`Directive.numberingKey`: per issuing unit), "in force" is `Directive.inForceOn`, and "applicable
 * to a unit" is `Directive.applicableOn` over the unit's ancestors as of the date.
 *
 * @since 0.1.0
 */
import { Directive, type DirectiveRepository } from "@danvan/core"
import type { Engine } from "./Engine.ts"
import * as Hierarchy from "./Hierarchy.ts"
import * as Paging from "./Paging.ts"
import { ascending, Base, found, type View } from "./State.ts"
import * as Writes from "./Writes.ts"

const records = (view: View, keys: Iterable<string>): Array<Directive.Directive> => {
  const out: Array<Directive.Directive> = []
  for (const key of keys) out.push(view.get("directive", key)!.record)
  return out
}

/** The committed directives in `Directive.byEffectiveDate` order, and the directive writes they reflect. */
interface InOrder {
  readonly changes: number
  readonly directives: ReadonlyArray<Directive.Directive>
}

const inOrder = new WeakMap<Base, InOrder>()

/**
 * Every directive of a view, in `Directive.byEffectiveDate` order, the order `Directive.inForceOn`
 * lists in: its closing sort then meets one ordered run and only checks it. Over the committed
 * state the list is built once per commit that wrote a directive (an update can move a directive's
 * effective date, so any directive write counts) and reused by every read until the next such
 * commit: a read of the directives in force no longer looks up and sorts the whole kind (decision
 * record 0064). A transaction's view, which may hold its own writes, builds its own each read.
 *
 * @since 0.1.0
 */
export const byEffectiveDate = (view: View): ReadonlyArray<Directive.Directive> => {
  if (!(view instanceof Base)) return records(view, view.keys("directive")).sort(Directive.byEffectiveDate)
  const changes = view.changesOf("directive")
  const kept = inOrder.get(view)
  if (kept?.changes === changes) return kept.directives
  const directives = records(view, view.keys("directive")).sort(Directive.byEffectiveDate)
  inOrder.set(view, { changes, directives })
  return directives
}

/** @since 0.1.0 */
export const make = (engine: Engine): DirectiveRepository["Service"] => ({
  get: (id) => engine.readResult((view) => found(view, "directive", id)),

  insert: (directive) => engine.write((o) => Writes.insertOne(o, "directive", directive)),

  // One commit: the copies encode first, then the contract checks the whole batch against the
  // state before it (`Writes.insertAll`, the path `insert` takes with one directive).
  insertMany: (directives) => engine.write((o) => Writes.insertAll(o, "directive", directives)),

  update: (directive) => engine.write((o) => Writes.updateOne(o, "directive", directive)),

  findByNumber: (number) =>
    engine.read((view) =>
      records(
        view,
        new Set(Directive.numberQueryKeys(number).flatMap((key) => [...view.lookup("directiveNumber", key)]))
      ).sort((a, b) => ascending(a.issuedOn, b.issuedOn) || ascending(a.id, b.id))
    ),

  // `inForceOn` needs every directive that might replace one in force, whatever its programme,
  // so it reads the whole kind; directives number in the hundreds, not the millions.
  inForce: (on, programme) =>
    engine.read((view) => Directive.inForceOn(byEffectiveDate(view), on, programme)),

  applicableTo: (unitId, on, programme) =>
    engine.read((view) =>
      Directive.applicableOn(
        byEffectiveDate(view),
        unitId,
        Hierarchy.ancestors(view, unitId, on).map((u) => u.id),
        on,
        programme
      )
    ),

  replacementsOf: (id) =>
    engine.read((view) => records(view, [...view.lookup("directiveReplaces", id)].sort(ascending))),

  list: (query, page) =>
    engine.readResult((view) =>
      Paging.fromKeys(
        view.keys("directive"),
        (key) => {
          const d = view.get("directive", key)!.record
          return query.programme === undefined || d.programme === query.programme ? d : undefined
        },
        page
      )
    )
})
