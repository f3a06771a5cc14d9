/**
 * `CommitteeRepository` over the engine.
 *
 * @since 0.1.0
 */
import type { CommitteeRepository } from "@danvan/core"
import type { Engine } from "./Engine.ts"
import { ascending, found } from "./State.ts"
import * as Writes from "./Writes.ts"

/** @since 0.1.0 */
export const make = (engine: Engine): CommitteeRepository["Service"] => ({
  get: (id) => engine.readResult((view) => found(view, "committee", id)),

  insert: (committee) => engine.write((o) => Writes.insertOne(o, "committee", committee)),

  update: (committee) => engine.write((o) => Writes.updateOne(o, "committee", committee)),

  byUnit: (unitId) =>
    engine.read((view) =>
      [...view.lookup("committeeUnit", unitId)]
        .sort(ascending)
        .map((key) => view.get("committee", key)!.record)
    )
})
