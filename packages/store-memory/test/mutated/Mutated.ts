/**
 * A deliberately wrong adapter: the in-memory store, except that `UnitRepository.insert` names a
 * missing parent `unit exists` (the rule for a committee's, model's or report's unit) instead of
 * `parent unit exists`. The tag, entity and detail stay right, so only a suite that checks the
 * constraint name can tell. (A name outside the closed set, such as the `parent exists` store-sql
 * used before there was one, cannot even be constructed: `ConstraintViolation` refuses it.)
 */
import { StoreError, UnitRepository } from "@danvan/core"
import { Context, Effect, Layer } from "effect"
import { StoreMemory } from "../../src/index.ts"

const misnamed = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapError(effect, (error) =>
    error instanceof StoreError.ConstraintViolation && error.constraint === "parent unit exists"
      ? (new StoreError.ConstraintViolation({
          entity: error.entity,
          constraint: "unit exists",
          detail: error.detail
        }) as E)
      : error
  )

export const layer = () =>
  Layer.effectContext(
    Effect.map(StoreMemory.make(), (context) => {
      const units = Context.get(context, UnitRepository)
      return Context.add(context, UnitRepository, {
        ...units,
        insert: (batch) => misnamed(units.insert(batch))
      })
    })
  )
