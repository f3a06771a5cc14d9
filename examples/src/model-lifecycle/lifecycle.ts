/**
 * The life of a "Dân vận khéo" model, step by step through the use cases, with the steps the rules
 * refuse (Plan 771-KH/BDVTƯ and provincial plans such as 20-KH/TU: models are registered for a
 * phase, carried out, inspected and evaluated; the effective ones are commended and replicated).
 *
 * Each step prints one line: `✓` with the model's status after it, or `✗` with the typed error the
 * use case failed with (its `_tag` and its message), which is what an app shows its users. Every
 * step is taken by a person in the role it needs (an officer registers and carries out, a leader
 * of a level above evaluates and commends) on the model as just read, at its version.
 */
import {
  type Actor,
  Configuration,
  type Danvan,
  DvkModel,
  Ids,
  ModelField,
  ModelRepository,
  Models,
  type Store,
  type Unit,
  Units
} from "@danvan/core"
import { Effect, Result } from "effect"
import { at, morningOf } from "../shared/clock.ts"

const province = "lc-province"
const district = "lc-district-hoa-lu"
const ninhHai = "lc-commune-ninh-hai"
const truongYen = "lc-commune-truong-yen"

const territorial = (
  id: string,
  type: Unit.UnitType,
  name: string,
  code: string,
  parent?: string
): Units.ImportUnitsInput["units"][number] => ({
  id,
  type,
  name,
  code,
  validFrom: "2016-01-01",
  ...(parent === undefined ? {} : { validUntil: "2025-07-01" }),
  parents: parent === undefined ? [] : [{ parentId: parent, from: "2016-01-01", until: "2025-07-01" }],
  version: 0
})

const units = [
  territorial(province, "province", "Ninh Bình", "37"),
  territorial(district, "ruralDistrict", "Hoa Lư", "374", province),
  territorial(ninhHai, "commune", "Ninh Hải", "14551", district),
  territorial(truongYen, "commune", "Trường Yên", "14533", district)
]

const actor = (unitId: string, name: string, role: string): Actor.ActorInput => ({
  personId: `lc-${unitId}-${role}`,
  name,
  unitId,
  role
})

const ninhHaiOfficer = actor(ninhHai, "Cán bộ xã Ninh Hải", "officer")
const truongYenOfficer = actor(truongYen, "Cán bộ xã Trường Yên", "officer")
const truongYenLeader = actor(truongYen, "Bí thư Đảng ủy xã Trường Yên", "leader")
const districtOfficer = actor(district, "Ban Dân vận Huyện ủy Hoa Lư", "officer")
const districtLeader = actor(district, "Trưởng Ban Dân vận Huyện ủy Hoa Lư", "leader")
const provinceLeader = actor(province, "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình", "leader")
const provinceAdmin = actor(province, "Quản trị hệ thống tỉnh", "administrator")

/** A model as a step names it: its id and the version just read. */
const current = (modelId: string) =>
  Effect.map(
    Effect.flatMap(ModelRepository, (r) => r.get(Ids.ModelId.make(modelId))),
    (m) => ({ modelId, version: m.version })
  )

/** Runs a step and describes how it went: the model's status, or the error's tag and message. */
const attempt = <E extends { readonly _tag: string; readonly message: string }, R>(
  log: Array<string>,
  label: string,
  day: string,
  effect: Effect.Effect<{ readonly events: DvkModel.DvkModel["events"] }, E, R>
) =>
  Effect.map(Effect.result(effect.pipe(at(morningOf(day)))), (result) => {
    log.push(
      Result.isSuccess(result)
        ? `✓ ${label}: now ${DvkModel.statusOf(result.success)}`
        : `✗ ${label}: ${result.failure._tag}: ${result.failure.message}`
    )
    return result
  })

/** What the example can fail with outside the steps it expects to fail. */
export type LifecycleError = Danvan.ErrorOf<"putField" | "importUnits" | "model">

/** The whole story; returns the lines it prints. */
export const story: Effect.Effect<ReadonlyArray<string>, LifecycleError, Store.Store> = Effect.gen(
  function* () {
    const log: Array<string> = []
    yield* Units.importUnits(provinceAdmin, { units, successions: [] })
    for (const field of ModelField.defaults) yield* Configuration.putField(provinceAdmin, field)

    const content = { name: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tam Cốc - Bích Động" }
    const registration = {
      id: "lc-model-ninh-hai",
      unitId: ninhHai,
      phaseId: "2016-2020",
      fieldId: "economy",
      registeredOn: "2016-09-15",
      content
    }
    const modelId = registration.id

    log.push("Registering")
    yield* attempt(
      log,
      "a registration dated before its phase (2015)",
      "2015-12-01",
      Models.registerModel(ninhHaiOfficer, {
        ...registration,
        id: "lc-model-early",
        registeredOn: "2015-12-01"
      })
    )
    yield* attempt(
      log,
      "Trường Yên registering a model for Ninh Hải",
      "2016-09-15",
      Models.registerModel(truongYenOfficer, registration)
    )
    yield* attempt(
      log,
      "Ninh Hải registers its model for 2016-2020",
      "2016-09-15",
      Models.registerModel(ninhHaiOfficer, registration)
    )

    log.push("Carrying out and evaluating")
    yield* attempt(
      log,
      "commended before any evaluation",
      "2016-10-01",
      Models.commendModel(provinceLeader, {
        ...(yield* current(modelId)),
        on: "2016-10-01",
        level: "province",
        form: "certificateOfMerit"
      })
    )
    yield* attempt(
      log,
      "started on 01/10/2016",
      "2016-10-01",
      Models.startModel(ninhHaiOfficer, { ...(yield* current(modelId)), on: "2016-10-01" })
    )
    yield* attempt(
      log,
      "evaluated on a date before its start",
      "2016-10-02",
      Models.evaluateModel(districtLeader, { ...(yield* current(modelId)), on: "2016-09-20", rating: "good" })
    )
    yield* attempt(
      log,
      "a commune evaluating its neighbour's model (which, outside its jurisdiction, it cannot see)",
      "2017-04-20",
      Models.evaluateModel(truongYenLeader, {
        ...(yield* current(modelId)),
        on: "2017-04-20",
        rating: "excellent"
      })
    )
    yield* attempt(
      log,
      "the district rates it excellent",
      "2017-04-20",
      Models.evaluateModel(districtLeader, {
        ...(yield* current(modelId)),
        on: "2017-04-20",
        rating: "excellent"
      })
    )

    log.push("Commending and replicating")
    yield* attempt(
      log,
      "the province commends it (Bằng khen)",
      "2017-05-19",
      Models.commendModel(provinceLeader, {
        ...(yield* current(modelId)),
        on: "2017-05-19",
        level: "province",
        form: "certificateOfMerit",
        decision: "Quyết định khen thưởng (minh họa)"
      })
    )
    const replica = {
      id: "lc-model-truong-yen",
      unitId: truongYen,
      phaseId: "2016-2020",
      fieldId: "economy",
      registeredOn: "2017-06-05",
      content: { name: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An" }
    }
    yield* attempt(
      log,
      "Trường Yên replicates it",
      "2017-06-05",
      Effect.map(
        Models.replicateModel(truongYenOfficer, {
          sourceId: modelId,
          sourceVersion: (yield* current(modelId)).version,
          replica
        }),
        (r) => r.source
      )
    )

    log.push("A model that did not work")
    const weak = {
      ...registration,
      id: "lc-model-oc-nhoi",
      unitId: truongYen,
      registeredOn: "2016-12-05",
      content: { name: "Nuôi ốc nhồi trong ruộng trũng" }
    }
    yield* attempt(
      log,
      "Trường Yên registers a second model",
      "2016-12-05",
      Models.registerModel(truongYenOfficer, weak)
    )
    yield* attempt(
      log,
      "rated ineffective",
      "2017-05-05",
      Models.evaluateModel(districtLeader, {
        ...(yield* current(weak.id)),
        on: "2017-05-05",
        rating: "ineffective"
      })
    )
    yield* attempt(
      log,
      "the district tries to replicate the ineffective model",
      "2017-05-20",
      Effect.map(
        Models.replicateModel(districtOfficer, {
          sourceId: weak.id,
          sourceVersion: (yield* current(weak.id)).version,
          replica: { ...replica, id: "lc-model-copy", unitId: district, registeredOn: "2017-05-20" }
        }),
        (r) => r.source
      )
    )
    yield* attempt(
      log,
      "discontinued",
      "2017-06-10",
      Models.discontinueModel(districtLeader, {
        ...(yield* current(weak.id)),
        on: "2017-06-10",
        reason: "Hiệu quả kinh tế thấp"
      })
    )
    yield* attempt(
      log,
      "evaluated again after it stopped",
      "2017-07-01",
      Models.evaluateModel(districtLeader, { ...(yield* current(weak.id)), on: "2017-07-01", rating: "fair" })
    )
    return log
  }
)
