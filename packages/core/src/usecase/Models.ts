/**
 * Use cases of "Dân vận khéo" models: register, start, evaluate, commend, replicate and
 * discontinue (Central Mass Mobilisation Commission, Plan 771-KH/BDVTƯ of 08/3/2017; provincial
 * plans such as Ninh Bình's 20-KH/TU of 12/8/2016).
 *
 * A unit's officers register and start its own models (`models.register`); a level above assesses
 * them (`models.assess`: evaluate, commend), never the unit itself nor the unit that carries its
 * history (steering committees at every level inspect and rate the models below them); a model is
 * discontinued by its unit or a unit above (`models.discontinue`). A replica is registered by the
 * unit that adopts it, and the source model records the replication in the same transaction; a
 * source outside the adopter's jurisdiction must have been rated effective (effective models are
 * published to be replicated), and any other is `NotFound`, as is any model the actor may not
 * read. Every step on a stored model takes the `version` the caller read (`VersionConflict`
 * otherwise), goes through `ModelLifecycle` and leaves an audit entry.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type * as Actor from "../access/Actor.ts"
import { PeriodId } from "../calendar/Period.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { Name, NonEmptyText, Text } from "../kernel/Text.ts"
import {
  CommendationForm,
  CommendationLevel,
  type DvkModel,
  isEffective,
  type ModelEvent,
  ModelStatus,
  Rating,
  RegistrationContent,
  ratingOf,
  statusOf
} from "../model/DvkModel.ts"
import * as ModelLifecycle from "../model/ModelLifecycle.ts"
import { ModelRepository } from "../store/ModelRepository.ts"
import * as Page from "../store/Page.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { NotFound } from "../store/StoreError.ts"
import {
  begin,
  beginWith,
  type Call,
  mayRead,
  requireAssess,
  requireOwn,
  requireRead,
  requireVersion,
  requireVisible
} from "./Access.ts"
import { record } from "./Audit.ts"
import { cursorIsInput, decode, InvalidInput } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * @category schemas
 * @since 0.1.0
 */
export const RegisterModelInput = Schema.Struct({
  /** Chosen by the app, or made with `Ids.random("model")`. */
  id: Schema.optionalKey(Ids.ModelId),
  unitId: Ids.UnitId,
  phaseId: PeriodId,
  fieldId: Ids.FieldId,
  registeredOn: CalendarDate.CalendarDate,
  content: RegistrationContent
})
/**
 * @category models
 * @since 0.1.0
 */
export type RegisterModelInput = typeof RegisterModelInput.Encoded

const requireField = (useCase: string, fieldId: Ids.FieldId) =>
  Effect.gen(function* () {
    const fields = yield* (yield* ReferenceData).fields
    if (!fields.some((f) => f.id === fieldId)) {
      return yield* new InvalidInput({
        useCase,
        detail: `field ${JSON.stringify(fieldId)} is not one of the configured model fields (${fields.map((f) => f.id).join(", ")})`
      })
    }
  })

/**
 * Registers a model of the actor's own unit for a phase and a configured field
 * (`models.register`).
 *
 * @example Registering a model and refusing a commendation before it is rated
 * ```ts
 * import { type Actor, Configuration, ModelField, Models, Units } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const admin: Actor.ActorInput = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 * const officer: Actor.ActorInput = { personId: "can-bo-374", name: "Cán bộ huyện Hoa Lư", unitId: "vn-374", role: "officer" }
 * const leader: Actor.ActorInput = { personId: "lanh-dao-37", name: "Trưởng Ban Dân vận Tỉnh ủy", unitId: "vn-37", role: "leader" }
 *
 * const program = Effect.gen(function* () {
 *   yield* Units.importUnits(admin, {
 *     units: [
 *       { id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 },
 *       {
 *         id: "vn-374", type: "ruralDistrict", name: "Hoa Lư", code: "374", validFrom: "2016-01-01", validUntil: "2025-07-01",
 *         parents: [{ parentId: "vn-37", from: "2016-01-01", until: "2025-07-01" }], version: 0
 *       }
 *     ],
 *     successions: []
 *   })
 *   for (const field of ModelField.defaults) yield* Configuration.putField(admin, field)
 *   const model = yield* Models.registerModel(officer, {
 *     unitId: "vn-374",
 *     phaseId: "2016-2020",
 *     fieldId: "economy",
 *     registeredOn: "2017-03-01",
 *     content: { name: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An" }
 *   })
 *   console.log(model.events.map((e) => e._tag)) // ["Registered"]
 *   // Only a model rated effective is commended: a step refused for one reason is that one error.
 *   const refused = yield* Effect.flip(
 *     Models.commendModel(leader, { modelId: model.id, version: model.version, on: "2017-03-02", level: "province", form: "letterOfCommendation" })
 *   )
 *   console.log(refused._tag) // InvalidTransition
 * })
 *
 * await Effect.runPromise(Effect.provide(program, StoreMemory.layer()))
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const registerModel = (actor: Actor.ActorInput, input: RegisterModelInput) =>
  Effect.gen(function* () {
    const call = yield* begin("registerModel", actor, "models.register")
    const i = yield* decode(RegisterModelInput, "registerModel")(input)
    yield* requireOwn(call, i.unitId, "register models of")
    return yield* inTransaction(
      Effect.gen(function* () {
        yield* requireField("registerModel", i.fieldId)
        const model = yield* Effect.fromResult(
          ModelLifecycle.register({ ...i, id: i.id ?? Ids.ModelId.make(Ids.random("model")), by: call.actor })
        )
        const [stored] = yield* (yield* ModelRepository).insert([model])
        yield* record(call.actor, call.at, [
          {
            action: "model.registered",
            subjectKind: "model",
            subjectId: model.id,
            summary: `registered model "${model.content.name}" for ${model.phaseId} in field ${model.fieldId}`
          }
        ])
        return stored ?? model
      })
    )
  })

/** The version a caller read, which a change is based on. */
const Version = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/**
 * Loads a model (`NotFound` unless the actor may read it), checks the actor may take the step and
 * the caller's version, applies the event, stores and records it.
 */
const step = (
  call: Call,
  target: { readonly modelId: Ids.ModelId; readonly version: number },
  access: "own" | "jurisdiction" | "assess",
  verb: string,
  event: ModelEvent,
  describe: (m: DvkModel) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const models = yield* ModelRepository
      const model = yield* models.get(target.modelId)
      yield* requireVisible(call, model, "model", model.id)
      if (access === "own") yield* requireOwn(call, model.unitId, verb)
      else if (access === "assess") yield* requireAssess(call, model.unitId, verb)
      else yield* requireRead(call, model.unitId, verb)
      yield* requireVersion("model", model, target.version)
      const changed = yield* Effect.fromResult(ModelLifecycle.apply(model, event))
      const stored = yield* models.update(changed)
      const { action, summary } = describe(stored)
      yield* record(call.actor, call.at, [{ action, subjectKind: "model", subjectId: stored.id, summary }])
      return stored
    })
  )

/**
 * @category schemas
 * @since 0.1.0
 */
export const StartModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  /** The version of the model as read. */
  version: Version,
  on: CalendarDate.CalendarDate
})
/**
 * @category models
 * @since 0.1.0
 */
export type StartModelInput = typeof StartModelInput.Encoded

/**
 * Records that the actor's unit started carrying out its model (triển khai; `models.register`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const startModel = (actor: Actor.ActorInput, input: StartModelInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("startModel", actor, "models.register", StartModelInput, input)
    return yield* step(
      call,
      i,
      "own",
      "start models of",
      { _tag: "Started", on: i.on, by: call.actor },
      (m) => ({
        action: "model.started",
        summary: `started model "${m.content.name}" on ${i.on}`
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const EvaluateModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  version: Version,
  on: CalendarDate.CalendarDate,
  rating: Rating,
  note: Schema.optionalKey(Text)
})
/**
 * @category models
 * @since 0.1.0
 */
export type EvaluateModelInput = typeof EvaluateModelInput.Encoded

/**
 * Rates a model of a unit below the actor's (đánh giá; `models.assess`: a level above assesses a
 * unit's model, never the unit carrying its history); `excellent`, `good` and `fair` count as
 * effective.
 *
 * @category use cases
 * @since 0.1.0
 */
export const evaluateModel = (actor: Actor.ActorInput, input: EvaluateModelInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("evaluateModel", actor, "models.assess", EvaluateModelInput, input)
    const event: ModelEvent = {
      _tag: "Evaluated",
      on: i.on,
      by: call.actor,
      rating: i.rating,
      ...(i.note === undefined ? {} : { note: i.note })
    }
    return yield* step(call, i, "assess", "evaluate models of", event, (m) => ({
      action: "model.evaluated",
      summary: `rated model "${m.content.name}" ${i.rating} on ${i.on}`
    }))
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const CommendModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  version: Version,
  on: CalendarDate.CalendarDate,
  level: CommendationLevel,
  form: CommendationForm,
  decision: Schema.optionalKey(Name)
})
/**
 * @category models
 * @since 0.1.0
 */
export type CommendModelInput = typeof CommendModelInput.Encoded

/**
 * Commends a model of a unit below the actor's, rated effective (khen thưởng; `models.assess`; Law
 * on Emulation and Commendation 06/2022/QH15).
 *
 * @category use cases
 * @since 0.1.0
 */
export const commendModel = (actor: Actor.ActorInput, input: CommendModelInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("commendModel", actor, "models.assess", CommendModelInput, input)
    const event: ModelEvent = {
      _tag: "Commended",
      on: i.on,
      by: call.actor,
      level: i.level,
      form: i.form,
      ...(i.decision === undefined ? {} : { decision: i.decision })
    }
    return yield* step(call, i, "assess", "commend models of", event, (m) => ({
      action: "model.commended",
      summary: `commended model "${m.content.name}" (${i.level}, ${i.form}) on ${i.on}`
    }))
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const DiscontinueModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  version: Version,
  on: CalendarDate.CalendarDate,
  reason: NonEmptyText(2000)
})
/**
 * @category models
 * @since 0.1.0
 */
export type DiscontinueModelInput = typeof DiscontinueModelInput.Encoded

/**
 * Stops a model of the actor's unit or a unit below it, with a reason (`models.discontinue`);
 * final.
 *
 * @category use cases
 * @since 0.1.0
 */
export const discontinueModel = (actor: Actor.ActorInput, input: DiscontinueModelInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "discontinueModel",
      actor,
      "models.discontinue",
      DiscontinueModelInput,
      input
    )
    return yield* step(
      call,
      i,
      "jurisdiction",
      "discontinue models of",
      { _tag: "Discontinued", on: i.on, by: call.actor, reason: i.reason },
      (m) => ({
        action: "model.discontinued",
        summary: `discontinued model "${m.content.name}" on ${i.on}: ${i.reason}`
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const ReplicateModelInput = Schema.Struct({
  sourceId: Ids.ModelId,
  /** The version of the source model as read: the replication is recorded on it. */
  sourceVersion: Version,
  /** The replica, registered by the actor's unit; `registeredOn` dates the replication too. */
  replica: RegisterModelInput
})
/**
 * @category models
 * @since 0.1.0
 */
export type ReplicateModelInput = typeof ReplicateModelInput.Encoded

/**
 * Registers a replica of an effective model for the actor's unit (`models.register`) and records
 * `Replicated` on the source, at the source's version the caller read, in one transaction: both
 * are stored, or neither.
 *
 * @category use cases
 * @since 0.1.0
 */
export const replicateModel = (actor: Actor.ActorInput, input: ReplicateModelInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "replicateModel",
      actor,
      "models.register",
      ReplicateModelInput,
      input
    )
    const r = i.replica
    yield* requireOwn(call, r.unitId, "register models of")
    return yield* inTransaction(
      Effect.gen(function* () {
        const models = yield* ModelRepository
        yield* requireField("replicateModel", r.fieldId)
        const source = yield* models.get(i.sourceId)
        const rating = ratingOf(source)
        if (!(rating !== undefined && isEffective(rating)) && !(yield* mayRead(call, source.unitId))) {
          return yield* new NotFound({ entity: "model", id: source.id })
        }
        yield* requireVersion("model", source, i.sourceVersion)
        const replica = yield* Effect.fromResult(
          ModelLifecycle.register(
            { ...r, id: r.id ?? Ids.ModelId.make(Ids.random("model")), replicaOf: source.id, by: call.actor },
            { source }
          )
        )
        const replicated = yield* Effect.fromResult(
          ModelLifecycle.apply(source, {
            _tag: "Replicated",
            on: r.registeredOn,
            by: call.actor,
            replicaId: replica.id
          })
        )
        const [storedReplica] = yield* models.insert([replica])
        const storedSource = yield* models.update(replicated)
        yield* record(call.actor, call.at, [
          {
            action: "model.registered",
            subjectKind: "model",
            subjectId: replica.id,
            summary: `registered model "${replica.content.name}" for ${replica.phaseId} as a replica of ${source.id}`
          },
          {
            action: "model.replicated",
            subjectKind: "model",
            subjectId: source.id,
            summary: `model "${source.content.name}" replicated as ${replica.id} by unit ${replica.unitId} on ${r.registeredOn}`
          }
        ])
        return { replica: storedReplica ?? replica, source: storedSource }
      })
    )
  })

/**
 * A model as the read use cases show it: the record and the status its events lead to
 * (`DvkModel.statusOf`).
 *
 * @category models
 * @since 0.1.0
 */
export interface ModelView {
  readonly model: DvkModel
  readonly status: ModelStatus
}

const view = (model: DvkModel): ModelView => ({ model, status: statusOf(model) })

/**
 * @category schemas
 * @since 0.1.0
 */
export const ModelRef = Schema.Struct({ modelId: Ids.ModelId })
/**
 * @category models
 * @since 0.1.0
 */
export type ModelRef = typeof ModelRef.Encoded

/**
 * A model and its status (`records.read`), for an actor who may read its unit's records; any
 * other model is `NotFound`.
 *
 * @category use cases
 * @since 0.1.0
 */
export const model = (actor: Actor.ActorInput, input: ModelRef) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("model", actor, "records.read", ModelRef, input)
    const found = yield* (yield* ModelRepository).get(i.modelId)
    yield* requireVisible(call, found, "model", found.id)
    return view(found)
  })

/**
 * Which models to list: one unit's (`unitId`), or those of the units in the jurisdiction of
 * `rootId` (by default the actor's unit) as of `asOf` (by default today); optionally of one phase,
 * one field, some statuses. The unit must be one whose records the actor may read.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ListModelsInput = Schema.Struct({
  unitId: Schema.optionalKey(Ids.UnitId),
  rootId: Schema.optionalKey(Ids.UnitId),
  asOf: Schema.optionalKey(CalendarDate.CalendarDate),
  phaseId: Schema.optionalKey(PeriodId),
  fieldId: Schema.optionalKey(Ids.FieldId),
  statuses: Schema.optionalKey(Schema.Array(ModelStatus)),
  page: Schema.optionalKey(Page.PageRequest)
})
/**
 * @category models
 * @since 0.1.0
 */
export type ListModelsInput = typeof ListModelsInput.Encoded

/**
 * One page of models with their status (`records.read`), ordered by id.
 *
 * @category use cases
 * @since 0.1.0
 */
export const models = (actor: Actor.ActorInput, input: ListModelsInput = {}) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("models", actor, "records.read", ListModelsInput, input)
    const unit = i.unitId ?? i.rootId ?? call.actor.unitId
    yield* requireRead(call, unit, "list the models of")
    const query = {
      ...(i.unitId === undefined ? { within: { rootId: unit, asOf: i.asOf ?? call.on } } : { unitId: unit }),
      ...(i.phaseId === undefined ? {} : { phaseId: i.phaseId }),
      ...(i.fieldId === undefined ? {} : { fieldId: i.fieldId }),
      ...(i.statuses === undefined ? {} : { statuses: i.statuses })
    }
    const page = yield* cursorIsInput("models")((yield* ModelRepository).list(query, i.page))
    return { ...page, items: page.items.map(view) }
  })
