/**
 * `CommitteeRepository` over the engine.
 *
 * @since 0.1.0
 */
import { type CommitteeRepository, StoreError } from "@danvan/core"
import { Result } from "effect"
import type { Engine } from "./Engine.ts"
import * as Writes from "./Writes.ts"

/** @since 0.1.0 */
export const make = (engine: Engine): CommitteeRepository["Service"] => ({
  get: (id) =>
    engine.readResult((view) => {
      const c = view.get("committee", id)?.record
      return c === undefined
        ? Result.fail(new StoreError.NotFound({ entity: "committee", id }))
        : Result.succeed(c)
    }),

  insert: (committee) =>
    engine.write((o) => {
      const stored = Writes.insert(o, "committee", committee)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

  update: (committee) =>
    engine.write((o) => {
      const stored = Writes.update(o, "committee", committee)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

  byUnit: (unitId) =>
    engine.read((view) =>
      [...view.lookup("committeeUnit", unitId)].sort().map((key) => view.get("committee", key)!.record)
    )
})
