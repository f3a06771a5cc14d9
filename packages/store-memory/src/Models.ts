/**
 * `ModelRepository` over the engine: DVK models and coordination programmes. A model's status is
 * `DvkModel.statusOf` (derived from its events).
 *
 * @since 0.1.0
 */
import type { Ids } from "@danvan/core"
import { DvkModel, type ModelRepository, StoreError } from "@danvan/core"
import { Result } from "effect"
import type { Engine } from "./Engine.ts"
import * as Hierarchy from "./Hierarchy.ts"
import * as Paging from "./Paging.ts"
import type { Stored } from "./Stored.ts"
import * as Writes from "./Writes.ts"

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** @since 0.1.0 */
export const make = (engine: Engine): ModelRepository["Service"] => ({
  get: (id) =>
    engine.readResult((view) => {
      const m = view.get("model", id)?.record
      return m === undefined
        ? Result.fail(new StoreError.NotFound({ entity: "model", id }))
        : Result.succeed(m)
    }),

  insert: (models) =>
    engine.write((o) => {
      const written: Array<Stored<"model">> = []
      for (const model of models) {
        const stored = Writes.insert(o, "model", model)
        if (Result.isFailure(stored)) return Result.fail(stored.failure)
        written.push(stored.success)
      }
      return Writes.checked(
        o,
        written,
        written.map((s) => s.record)
      )
    }),

  update: (model) =>
    engine.write((o) => {
      const stored = Writes.update(o, "model", model)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

  list: (query, page) =>
    engine.readResult((view) => {
      const within =
        query.within === undefined
          ? undefined
          : Hierarchy.jurisdictionIds(view, query.within.rootId, query.within.asOf)
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

  getCoordination: (id) =>
    engine.readResult((view) => {
      const c = view.get("coordination", id)?.record
      return c === undefined
        ? Result.fail(new StoreError.NotFound({ entity: "coordination", id }))
        : Result.succeed(c)
    }),

  insertCoordination: (programme) =>
    engine.write((o) => {
      const stored = Writes.insert(o, "coordination", programme)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

  updateCoordination: (programme) =>
    engine.write((o) => {
      const stored = Writes.update(o, "coordination", programme)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      return Writes.checked(o, [stored.success], stored.success.record)
    }),

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
