/**
 * `ModelRepository` over the engine: DVK models and coordination programmes. A model's status is
 * `DvkModel.statusOf` (derived from its events).
 *
 * @since 0.1.0
 */
import type { Ids } from "@danvan/core"
import { DvkModel, type ModelRepository } from "@danvan/core"
import { Result } from "effect"
import type { Engine } from "./Engine.ts"
import * as Hierarchy from "./Hierarchy.ts"
import * as Paging from "./Paging.ts"
import { ascending, found } from "./State.ts"
import * as Writes from "./Writes.ts"

/** @since 0.1.0 */
export const make = (engine: Engine): ModelRepository["Service"] => ({
  get: (id) => engine.readResult((view) => found(view, "model", id)),

  insert: (models) => engine.write((o) => Writes.insertAll(o, "model", models)),

  update: (model) => engine.write((o) => Writes.updateOne(o, "model", model)),

  list: (query, page) =>
    engine.readResult((view) => {
      const within =
        query.within === undefined
          ? undefined
          : Hierarchy.listedJurisdiction(view, query.within.rootId, query.within.asOf, page).ids
      const statuses = query.statuses === undefined ? undefined : new Set(query.statuses)
      let keys: ReadonlyArray<string>
      if (query.unitId !== undefined) keys = [...view.lookup("modelUnit", query.unitId)].sort(ascending)
      else if (query.replicaOf !== undefined)
        keys = [...view.lookup("modelReplicaOf", query.replicaOf)].sort(ascending)
      else if (within !== undefined) {
        const set: Array<string> = []
        for (const unitId of within) for (const key of view.lookup("modelUnit", unitId)) set.push(key)
        keys = set.sort(ascending)
      } else keys = view.keys("model")
      return Paging.fromKeys(
        keys,
        (key) => {
          const m = view.get("model", key)!.record
          if (query.unitId !== undefined && m.unitId !== query.unitId) return undefined
          if (within !== undefined && !within.has(m.unitId)) return undefined
          if (query.phaseId !== undefined && m.phaseId !== query.phaseId) return undefined
          if (query.fieldId !== undefined && m.fieldId !== query.fieldId) return undefined
          if (query.replicaOf !== undefined && m.replicaOf !== query.replicaOf) return undefined
          if (statuses !== undefined && !statuses.has(DvkModel.statusOf(m))) return undefined
          return m
        },
        page
      )
    }),

  getCoordination: (id) => engine.readResult((view) => found(view, "coordination", id)),

  insertCoordination: (programme) => engine.write((o) => Writes.insertOne(o, "coordination", programme)),

  updateCoordination: (programme) => engine.write((o) => Writes.updateOne(o, "coordination", programme)),

  removeCoordination: (id, version) =>
    engine.write((o) => {
      const current = Writes.expectVersion(o, "coordination", id, version)
      if (Result.isFailure(current)) return Result.fail(current.failure)
      o.delete("coordination", id)
      return Result.void
    }),

  coordinationsOf: (unitId: Ids.UnitId) =>
    engine.read((view) =>
      [...view.lookup("coordinationParty", unitId)]
        .sort(ascending)
        .map((key) => view.get("coordination", key)!.record)
    )
})
