/**
 * `DirectiveRepository` over the engine. Document numbers are unique within their numbering scope
 * (`DocumentNumber.numberingKey`), and "in force" is `Directive.inForceOn`.
 *
 * @since 0.1.0
 */
import { Directive, type DirectiveRepository, StoreError } from "@danvan/core"
import { Result } from "effect"
import type { Engine } from "./Engine.ts"
import { numberMatchKey } from "./Indexes.ts"
import * as Paging from "./Paging.ts"
import type { View } from "./State.ts"
import * as Writes from "./Writes.ts"

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const records = (view: View, keys: Iterable<string>): Array<Directive.Directive> => {
  const out: Array<Directive.Directive> = []
  for (const key of keys) out.push(view.get("directive", key)!.record)
  return out
}

/** @since 0.1.0 */
export const make = (engine: Engine): DirectiveRepository["Service"] => ({
  get: (id) =>
    engine.readResult((view) => {
      const d = view.get("directive", id)?.record
      return d === undefined
        ? Result.fail(new StoreError.NotFound({ entity: "directive", id }))
        : Result.succeed(d)
    }),

  insert: (directive) =>
    engine.write((o) => {
      const stored = Writes.insert(o, "directive", directive)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

  update: (directive) =>
    engine.write((o) => {
      const stored = Writes.update(o, "directive", directive)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

  findByNumber: (number) =>
    engine.read((view) =>
      records(view, view.lookup("directiveNumber", numberMatchKey(number))).sort((a, b) =>
        a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : ascending(a.id, b.id)
      )
    ),

  // `inForceOn` needs every directive that might replace one in force, whatever its programme,
  // so it reads the whole kind; directives number in the hundreds, not the millions.
  inForce: (on, programme) =>
    engine.read((view) => Directive.inForceOn(records(view, view.keys("directive")), on, programme)),

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
