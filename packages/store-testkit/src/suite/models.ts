/**
 * `ModelRepository`: DVK models (status derived from events) and coordination programmes.
 *
 * @since 0.1.0
 */
import { Coordination, DvkModel, Ids, Page } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect } from "effect"
import * as F from "../fixtures.ts"
import { allPages, failsWith, ids, type Suite, services, test, violates } from "./helpers.ts"

const by = F.actor("vn-37")

const seed = Effect.gen(function* () {
  const { units, models } = yield* services
  yield* units.insert(F.reformProvince().units)
  yield* models.insert([
    F.model("m-01", "c-14434", { field: "economy" }),
    F.model("m-02", "c-14470", {
      field: "culture-society",
      events: [{ _tag: "Started", on: F.date("2021-04-01"), by }]
    }),
    F.model("m-03", "g-ubmttq", {
      field: "economy",
      events: [
        { _tag: "Started", on: F.date("2021-04-01"), by },
        { _tag: "Evaluated", on: F.date("2022-01-10"), by, rating: "excellent" }
      ]
    }),
    F.model("m-04", "vn-36", { phase: "2016-2020", registeredOn: "2017-05-01" }),
    F.model("m-05", "c-14435", { replicaOf: "m-03", registeredOn: "2025-08-01" })
  ])
})

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("ModelRepository", () => {
    test(
      suite,
      "insert stores every model at version 1; a source model may come in the same batch",
      Effect.gen(function* () {
        const { units, models } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const stored = yield* models.insert([
          F.model("m-2", "vn-37", { replicaOf: "m-1" }),
          F.model("m-1", "vn-37")
        ])
        expect(stored.map((m) => m.version)).toEqual([1, 1])
        const got = yield* models.get(Ids.ModelId.make("m-2"))
        expect(got).toBeInstanceOf(DvkModel.DvkModel)
        expect(got.replicaOf).toBe("m-1")
        yield* failsWith("NotFound", models.get(Ids.ModelId.make("m-9")))
      })
    )

    test(
      suite,
      "insert is all or nothing: a missing unit, a missing source or a duplicate id stores none",
      Effect.gen(function* () {
        const { units, models } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        yield* models.insert([F.model("m-1", "vn-37")])
        const fine = F.model("m-2", "vn-37")
        yield* violates("unit exists", models.insert([fine, F.model("m-3", "vn-99")]))
        yield* violates(
          "source model exists",
          models.insert([fine, F.model("m-3", "vn-37", { replicaOf: "m-9" })])
        )
        const dup = yield* violates("unique id", models.insert([fine, F.model("m-1", "vn-37")]))
        expect(dup.entity).toBe("model")
        yield* failsWith("NotFound", models.get(Ids.ModelId.make("m-2")))
      })
    )

    test(
      suite,
      "update appends events at the stored version; stale writes are VersionConflict",
      Effect.gen(function* () {
        const { units, models } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const [v1] = yield* models.insert([F.model("m-1", "vn-37")])
        const started = new DvkModel.DvkModel({
          ...v1!,
          events: [...v1!.events, { _tag: "Started", on: F.date("2021-04-01"), by }]
        })
        const v2 = yield* models.update(started)
        expect([v2.version, DvkModel.statusOf(v2)]).toEqual([2, "inProgress"])
        const e = yield* failsWith("VersionConflict", models.update(started))
        expect([e.entity, e.id, e.expected, e.actual]).toEqual(["model", "m-1", 1, 2])
        yield* failsWith("NotFound", models.update(F.model("m-9", "vn-37")))
        yield* violates(
          "source model exists",
          models.update(new DvkModel.DvkModel({ ...v2, replicaOf: Ids.ModelId.make("m-9") }))
        )
        expect((yield* models.get(v1!.id)).version).toBe(2)
      })
    )

    test(
      suite,
      "list filters by unit, jurisdiction as of a date, phase, field, derived status and source, by id",
      Effect.gen(function* () {
        const { models } = yield* services
        yield* seed
        const list = (q: Parameters<typeof models.list>[0]) =>
          Effect.map(
            Page.collect((p) => models.list(q, p)),
            ids
          )
        expect(yield* list({})).toEqual(["m-01", "m-02", "m-03", "m-04", "m-05"])
        expect(yield* list({ unitId: Ids.UnitId.make("c-14470") })).toEqual(["m-02"])
        expect(
          yield* list({ within: { rootId: Ids.UnitId.make("vn-37"), asOf: F.date("2025-06-30") } })
        ).toEqual(["m-01", "m-02", "m-03"])
        expect(
          yield* list({ within: { rootId: Ids.UnitId.make("vn-37"), asOf: F.date("2025-07-01") } })
        ).toEqual(["m-02", "m-03", "m-05"])
        expect(yield* list({ phaseId: F.period("2016-2020") })).toEqual(["m-04"])
        expect(yield* list({ fieldId: Ids.FieldId.make("economy") })).toEqual([
          "m-01",
          "m-03",
          "m-04",
          "m-05"
        ])
        expect(yield* list({ statuses: ["inProgress", "evaluated"] })).toEqual(["m-02", "m-03"])
        expect(yield* list({ statuses: ["registered"], fieldId: Ids.FieldId.make("economy") })).toEqual([
          "m-01",
          "m-04",
          "m-05"
        ])
        expect(yield* list({ replicaOf: Ids.ModelId.make("m-03") })).toEqual(["m-05"])
        const paged = yield* allPages(2, (p) => models.list({}, p))
        expect(paged.pages).toBe(3)
        expect(ids(paged.items)).toEqual(["m-01", "m-02", "m-03", "m-04", "m-05"])
      })
    )

    test(
      suite,
      "coordination programmes: insert, get, update, coordinationsOf by id",
      Effect.gen(function* () {
        const { units, models } = yield* services
        yield* units.insert(F.reformProvince().units)
        const b = yield* models.insertCoordination(F.coordination("pc-b", ["vn-37", "vn-36"]))
        yield* models.insertCoordination(F.coordination("pc-a", ["c-14470", "vn-37"], { programme: "QCDC" }))
        expect(b.version).toBe(1)
        expect(ids(yield* models.coordinationsOf(Ids.UnitId.make("vn-37")))).toEqual(["pc-a", "pc-b"])
        expect(ids(yield* models.coordinationsOf(Ids.UnitId.make("vn-36")))).toEqual(["pc-b"])
        const updated = yield* models.updateCoordination(
          new Coordination.CoordinationProgramme({ ...b, validUntil: F.date("2026-01-01") })
        )
        expect(updated.version).toBe(2)
        const e = yield* failsWith("VersionConflict", models.updateCoordination(b))
        expect([e.entity, e.expected, e.actual]).toEqual(["coordination", 1, 2])
        yield* failsWith("NotFound", models.getCoordination(Ids.CoordinationId.make("pc-z")))
        yield* failsWith("NotFound", models.updateCoordination(F.coordination("pc-z", ["vn-37", "vn-36"])))
        yield* violates("unique id", models.insertCoordination(F.coordination("pc-a", ["vn-37", "vn-36"])))
        yield* violates(
          "party unit exists",
          models.insertCoordination(F.coordination("pc-c", ["vn-37", "vn-99"]))
        )
        yield* failsWith("NotFound", models.getCoordination(Ids.CoordinationId.make("pc-c")))
      })
    )

    test(
      suite,
      "removeCoordination deletes at the stored version only",
      Effect.gen(function* () {
        const { units, models } = yield* services
        yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("vn-36", "province", "Nam Định")
        ])
        const pc = yield* models.insertCoordination(F.coordination("pc-a", ["vn-37", "vn-36"]))
        const e = yield* failsWith("VersionConflict", models.removeCoordination(pc.id, 2))
        expect([e.expected, e.actual]).toEqual([2, 1])
        expect((yield* models.getCoordination(pc.id)).version).toBe(1)
        yield* models.removeCoordination(pc.id, 1)
        yield* failsWith("NotFound", models.getCoordination(pc.id))
        expect(yield* models.coordinationsOf(Ids.UnitId.make("vn-37"))).toEqual([])
        yield* failsWith("NotFound", models.removeCoordination(pc.id, 1))
      })
    )
  })
}
