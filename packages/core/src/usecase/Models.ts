/**
 * Use cases of "Dân vận khéo" models: register, start, evaluate, commend, replicate and
 * discontinue (Central Mass Mobilisation Commission, Plan 771-KH/BDVTƯ of 08/3/2017; provincial
 * plans such as Ninh Bình's 20-KH/TU of 12/8/2016).
 *
 * A unit registers and starts its own models; evaluating, commending and discontinuing a model is
 * for its unit or a unit above it (steering committees at every level inspect and rate the models
 * below them); a replica is registered by the unit that adopts it, and the source model records the
 * replication in the same transaction. Every step goes through `ModelLifecycle` and leaves an audit
 * entry.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { Actor } from "../access/Actor.ts"
import { PeriodId } from "../calendar/Period.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { Name, NonEmptyText, Text } from "../kernel/Text.ts"
import {
  CommendationForm,
  CommendationLevel,
  type DvkModel,
  type ModelEvent,
  Rating,
  RegistrationContent
} from "../model/DvkModel.ts"
import * as ModelLifecycle from "../model/ModelLifecycle.ts"
import { ModelRepository } from "../store/ModelRepository.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { requireAssess, requireOwn, requireRead, today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode, InvalidInput } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/** @since 0.1.0 */
export const RegisterModelInput = Schema.Struct({
  /** Chosen by the app, or made with `Ids.random("model")`. */
  id: Schema.optionalKey(Ids.ModelId),
  unitId: Ids.UnitId,
  phaseId: PeriodId,
  fieldId: Ids.FieldId,
  registeredOn: CalendarDate.CalendarDate,
  content: RegistrationContent
})
/** @since 0.1.0 */
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
 * Registers a model of the actor's own unit for a phase and a configured field.
 *
 * @since 0.1.0
 */
export const registerModel = (actor: Actor, input: RegisterModelInput) =>
  Effect.gen(function* () {
    const i = yield* decode(RegisterModelInput, "registerModel")(input)
    yield* requireOwn(actor, i.unitId, "register models of")
    return yield* inTransaction(
      Effect.gen(function* () {
        yield* requireField("registerModel", i.fieldId)
        const model = yield* Effect.fromResult(
          ModelLifecycle.register({ ...i, id: i.id ?? Ids.ModelId.make(Ids.random("model")), by: actor })
        )
        const [stored] = yield* (yield* ModelRepository).insert([model])
        const { at } = yield* today
        yield* record(actor, at, [
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

/** Loads a model, checks the actor may take the step, applies it, stores and records it. */
const step = (
  actor: Actor,
  modelId: Ids.ModelId,
  access: "own" | "jurisdiction" | "assess",
  verb: string,
  event: ModelEvent,
  describe: (m: DvkModel) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const models = yield* ModelRepository
      const model = yield* models.get(modelId)
      if (access === "own") yield* requireOwn(actor, model.unitId, verb)
      else if (access === "assess") yield* requireAssess(actor, model.unitId, (yield* today).on, verb)
      else yield* requireRead(actor, model.unitId, (yield* today).on, verb)
      const changed = yield* Effect.fromResult(ModelLifecycle.apply(model, event))
      const stored = yield* models.update(changed)
      const { at } = yield* today
      const { action, summary } = describe(stored)
      yield* record(actor, at, [{ action, subjectKind: "model", subjectId: stored.id, summary }])
      return stored
    })
  )

/** @since 0.1.0 */
export const StartModelInput = Schema.Struct({ modelId: Ids.ModelId, on: CalendarDate.CalendarDate })
/** @since 0.1.0 */
export type StartModelInput = typeof StartModelInput.Encoded

/**
 * Records that the actor's unit started carrying out its model (triển khai).
 *
 * @since 0.1.0
 */
export const startModel = (actor: Actor, input: StartModelInput) =>
  Effect.gen(function* () {
    const i = yield* decode(StartModelInput, "startModel")(input)
    return yield* step(
      actor,
      i.modelId,
      "own",
      "start models of",
      { _tag: "Started", on: i.on, by: actor },
      (m) => ({
        action: "model.started",
        summary: `started model "${m.content.name}" on ${i.on}`
      })
    )
  })

/** @since 0.1.0 */
export const EvaluateModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  on: CalendarDate.CalendarDate,
  rating: Rating,
  note: Schema.optionalKey(Text)
})
/** @since 0.1.0 */
export type EvaluateModelInput = typeof EvaluateModelInput.Encoded

/**
 * Rates a model of a unit below the actor's (đánh giá: a level above assesses a unit's model); `excellent`, `good` and `fair` count as
 * effective.
 *
 * @since 0.1.0
 */
export const evaluateModel = (actor: Actor, input: EvaluateModelInput) =>
  Effect.gen(function* () {
    const i = yield* decode(EvaluateModelInput, "evaluateModel")(input)
    const event: ModelEvent = {
      _tag: "Evaluated",
      on: i.on,
      by: actor,
      rating: i.rating,
      ...(i.note === undefined ? {} : { note: i.note })
    }
    return yield* step(actor, i.modelId, "assess", "evaluate models of", event, (m) => ({
      action: "model.evaluated",
      summary: `rated model "${m.content.name}" ${i.rating} on ${i.on}`
    }))
  })

/** @since 0.1.0 */
export const CommendModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  on: CalendarDate.CalendarDate,
  level: CommendationLevel,
  form: CommendationForm,
  decision: Schema.optionalKey(Name)
})
/** @since 0.1.0 */
export type CommendModelInput = typeof CommendModelInput.Encoded

/**
 * Commends a model of a unit below the actor's, rated effective (khen thưởng; Law on Emulation and
 * Commendation 06/2022/QH15).
 *
 * @since 0.1.0
 */
export const commendModel = (actor: Actor, input: CommendModelInput) =>
  Effect.gen(function* () {
    const i = yield* decode(CommendModelInput, "commendModel")(input)
    const event: ModelEvent = {
      _tag: "Commended",
      on: i.on,
      by: actor,
      level: i.level,
      form: i.form,
      ...(i.decision === undefined ? {} : { decision: i.decision })
    }
    return yield* step(actor, i.modelId, "assess", "commend models of", event, (m) => ({
      action: "model.commended",
      summary: `commended model "${m.content.name}" (${i.level}, ${i.form}) on ${i.on}`
    }))
  })

/** @since 0.1.0 */
export const DiscontinueModelInput = Schema.Struct({
  modelId: Ids.ModelId,
  on: CalendarDate.CalendarDate,
  reason: NonEmptyText(2000)
})
/** @since 0.1.0 */
export type DiscontinueModelInput = typeof DiscontinueModelInput.Encoded

/**
 * Stops a model of the actor's jurisdiction, with a reason; final.
 *
 * @since 0.1.0
 */
export const discontinueModel = (actor: Actor, input: DiscontinueModelInput) =>
  Effect.gen(function* () {
    const i = yield* decode(DiscontinueModelInput, "discontinueModel")(input)
    return yield* step(
      actor,
      i.modelId,
      "jurisdiction",
      "discontinue models of",
      { _tag: "Discontinued", on: i.on, by: actor, reason: i.reason },
      (m) => ({
        action: "model.discontinued",
        summary: `discontinued model "${m.content.name}" on ${i.on}: ${i.reason}`
      })
    )
  })

/** @since 0.1.0 */
export const ReplicateModelInput = Schema.Struct({
  sourceId: Ids.ModelId,
  /** The replica, registered by the actor's unit; `registeredOn` dates the replication too. */
  replica: RegisterModelInput
})
/** @since 0.1.0 */
export type ReplicateModelInput = typeof ReplicateModelInput.Encoded

/**
 * Registers a replica of an effective model for the actor's unit and records `Replicated` on the
 * source, in one transaction: both are stored, or neither.
 *
 * @since 0.1.0
 */
export const replicateModel = (actor: Actor, input: ReplicateModelInput) =>
  Effect.gen(function* () {
    const i = yield* decode(ReplicateModelInput, "replicateModel")(input)
    const r = i.replica
    yield* requireOwn(actor, r.unitId, "register models of")
    return yield* inTransaction(
      Effect.gen(function* () {
        const models = yield* ModelRepository
        yield* requireField("replicateModel", r.fieldId)
        const source = yield* models.get(i.sourceId)
        const replica = yield* Effect.fromResult(
          ModelLifecycle.register(
            { ...r, id: r.id ?? Ids.ModelId.make(Ids.random("model")), replicaOf: source.id, by: actor },
            { source }
          )
        )
        const replicated = yield* Effect.fromResult(
          ModelLifecycle.apply(source, {
            _tag: "Replicated",
            on: r.registeredOn,
            by: actor,
            replicaId: replica.id
          })
        )
        const [storedReplica] = yield* models.insert([replica])
        const storedSource = yield* models.update(replicated)
        const { at } = yield* today
        yield* record(actor, at, [
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
