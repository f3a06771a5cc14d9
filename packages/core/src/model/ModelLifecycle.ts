/**
 * The lifecycle of a "Dân vận khéo" model as an explicit state machine, and the rules every step
 * must keep ([rules: DVK models](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#dvk-models-law-5); Central Mass Mobilisation Commission,
 * Plan 771-KH/BDVTƯ of 08/3/2017;
 * provincial plans such as Ninh Bình's 20-KH/TU of 12/8/2016 for 2016–2020): units register models
 * for a phase (đăng ký), carry them out (triển khai), the models are inspected and rated (đánh giá),
 * the effective ones commended (khen thưởng) and replicated (nhân rộng); a model may be stopped
 * (dừng) at any point, and that is final.
 *
 * Decisions this module makes, with reasons:
 *
 * - A phase (giai đoạn) runs from 1 January of its first year to 31 December of its last. A model is
 *   registered, and started, within its phase.
 * - Evaluation, commendation, replication and discontinuation may come after the phase ends: the
 *   phase is reviewed (tổng kết giai đoạn) and its models commended in the months after it closes,
 *   and effective models go on being replicated in the next phase.
 * - A model is commended or replicated only while its latest rating is effective (the movement
 *   commends and replicates "effective models"); since no re-evaluation follows a commendation or
 *   replication, a commended or replicated model stays rated effective, which keeps
 *   commended ≤ effective in every tally.
 * - Events are dated and in order: an event is never dated before the one before it.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as Period from "../calendar/Period.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { ModelId } from "../kernel/Ids.ts"
import {
  DvkModel,
  isEffective,
  type ModelEvent,
  ModelStatus,
  type Rating,
  type RegistrationContent,
  statusOf
} from "./DvkModel.ts"

/**
 * The allowed transitions. `evaluated → evaluated` is a re-evaluation, `commended → commended` a
 * further commendation, `replicated → replicated` a further replication; `discontinued` is final.
 *
 * @category constants
 * @since 0.1.0
 */
export const transitions: Readonly<Record<ModelStatus, ReadonlyArray<ModelStatus>>> = {
  registered: ["inProgress", "evaluated", "discontinued"],
  inProgress: ["evaluated", "discontinued"],
  evaluated: ["evaluated", "commended", "replicated", "discontinued"],
  commended: ["commended", "replicated", "discontinued"],
  replicated: ["replicated", "commended", "discontinued"],
  discontinued: []
}

/**
 * Whether the state machine allows going from one status to another.
 *
 * @category predicates
 * @since 0.1.0
 */
export const canMove = (from: ModelStatus, to: ModelStatus): boolean => transitions[from].includes(to)

/**
 * A status with no way out.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isFinal = (status: ModelStatus): boolean => transitions[status].length === 0

/**
 * The status an event leads to.
 *
 * @category queries
 * @since 0.1.0
 */
export const statusAfter = (event: ModelEvent): ModelStatus => statusOf({ events: [event] })

/**
 * The current status (the status of the last event).
 *
 * @category queries
 * @since 0.1.0
 */
export const status = statusOf

const upTo = (model: Pick<DvkModel, "events">, date: CalendarDate.CalendarDate) =>
  model.events.filter((e) => e.on <= date)

/**
 * The status as of a date (from the events dated on or before it), or `undefined` when the model
 * was not yet registered.
 *
 * @category queries
 * @since 0.1.0
 */
export const statusOn = (
  model: Pick<DvkModel, "events">,
  date: CalendarDate.CalendarDate
): ModelStatus | undefined => {
  const last = upTo(model, date).at(-1)
  return last === undefined ? undefined : statusAfter(last)
}

/**
 * The latest rating as of a date, if the model had been evaluated by then.
 *
 * @category queries
 * @since 0.1.0
 */
export const ratingOn = (
  model: Pick<DvkModel, "events">,
  date: CalendarDate.CalendarDate
): Rating | undefined => {
  let rating: Rating | undefined
  for (const e of upTo(model, date)) if (e._tag === "Evaluated") rating = e.rating
  return rating
}

/**
 * Whether the model's latest rating as of a date is effective.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isEffectiveOn = (model: Pick<DvkModel, "events">, date: CalendarDate.CalendarDate): boolean => {
  const r = ratingOn(model, date)
  return r !== undefined && isEffective(r)
}

/**
 * The first and last day of a phase.
 *
 * @category models
 * @since 0.1.0
 */
export interface PhaseBounds {
  readonly first: CalendarDate.CalendarDate
  readonly last: CalendarDate.CalendarDate
}

/**
 * The days of a phase: 1 January of its first year to 31 December of its last, or `undefined` when
 * the identifier names another kind of period.
 *
 * @category queries
 * @since 0.1.0
 */
export const phaseBounds = (phaseId: Period.PeriodId): PhaseBounds | undefined => {
  const p = Period.fromId(phaseId)
  return p._tag === "Phase"
    ? { first: CalendarDate.make(p.startYear, 1, 1), last: CalendarDate.make(p.endYear, 12, 31) }
    : undefined
}

// ---------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------

/**
 * The model's `phaseId` names a period that is not a phase (`2017S1` rather than `2016-2020`).
 *
 * @category errors
 * @since 0.1.0
 */
export class NotAPhase extends DanvanError.TaggedError<NotAPhase>()("NotAPhase", {
  modelId: ModelId,
  phaseId: Schema.String
}) {
  override get message(): string {
    return `model ${this.modelId} names ${this.phaseId} as its phase, but models are registered for a phase written YYYY-YYYY (such as 2016-2020)`
  }
}

/**
 * A registration or a start dated outside the model's phase.
 *
 * @category errors
 * @since 0.1.0
 */
export class OutsidePhase extends DanvanError.TaggedError<OutsidePhase>()("OutsidePhase", {
  modelId: ModelId,
  step: Schema.Literals(["registration", "start"]),
  on: CalendarDate.CalendarDate,
  phaseId: Schema.String,
  first: CalendarDate.CalendarDate,
  last: CalendarDate.CalendarDate
}) {
  override get message(): string {
    return `model ${this.modelId}: the ${this.step} on ${this.on} falls outside phase ${this.phaseId} (${this.first} to ${this.last})`
  }
}

/**
 * A replica's source model was not given, or is not the model `replicaOf` names.
 *
 * @category errors
 * @since 0.1.0
 */
export class SourceMissing extends DanvanError.TaggedError<SourceMissing>()("SourceMissing", {
  modelId: ModelId,
  sourceId: ModelId,
  given: Schema.optionalKey(ModelId)
}) {
  override get message(): string {
    return this.given === undefined
      ? `model ${this.modelId} replicates model ${this.sourceId}, which was not found`
      : `model ${this.modelId} replicates model ${this.sourceId}, but model ${this.given} was given as its source`
  }
}

/**
 * A model names itself as its source, or as its own replica.
 *
 * @category errors
 * @since 0.1.0
 */
export class SelfReplication extends DanvanError.TaggedError<SelfReplication>()("SelfReplication", {
  modelId: ModelId
}) {
  override get message(): string {
    return `model ${this.modelId} cannot be a replica of itself`
  }
}

/**
 * A replica is registered from a source that had not been rated effective by the replica's
 * registration date (only effective models are replicated).
 *
 * @category errors
 * @since 0.1.0
 */
export class SourceNotEffective extends DanvanError.TaggedError<SourceNotEffective>()("SourceNotEffective", {
  modelId: ModelId,
  sourceId: ModelId,
  registeredOn: CalendarDate.CalendarDate,
  sourceRating: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    const state =
      this.sourceRating === undefined ? "had not been evaluated" : `was last rated ${this.sourceRating}`
    return `model ${this.modelId} cannot replicate model ${this.sourceId}: on ${this.registeredOn} the source ${state}, and only models rated effective are replicated`
  }
}

/**
 * The state machine does not allow the step (see {@link transitions}).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidTransition extends DanvanError.TaggedError<InvalidTransition>()("InvalidTransition", {
  modelId: ModelId,
  from: ModelStatus,
  to: ModelStatus,
  on: CalendarDate.CalendarDate
}) {
  override get message(): string {
    return this.from === "discontinued"
      ? `model ${this.modelId} was discontinued, which is final: it cannot become ${this.to} on ${this.on}`
      : `model ${this.modelId} cannot go from ${this.from} to ${this.to} (on ${this.on})`
  }
}

/**
 * An event dated before the model's previous event.
 *
 * @category errors
 * @since 0.1.0
 */
export class EventOutOfOrder extends DanvanError.TaggedError<EventOutOfOrder>()("EventOutOfOrder", {
  modelId: ModelId,
  event: Schema.String,
  on: CalendarDate.CalendarDate,
  previous: CalendarDate.CalendarDate
}) {
  override get message(): string {
    return `model ${this.modelId}: ${this.event} on ${this.on} is dated before the previous step, on ${this.previous}`
  }
}

/**
 * A commendation or replication of a model whose latest rating is not effective.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotRatedEffective extends DanvanError.TaggedError<NotRatedEffective>()("NotRatedEffective", {
  modelId: ModelId,
  step: Schema.Literals(["Commended", "Replicated"]),
  on: CalendarDate.CalendarDate,
  rating: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    const state = this.rating === undefined ? "has not been evaluated" : `was last rated ${this.rating}`
    const what = this.step === "Commended" ? "commended" : "replicated"
    return `model ${this.modelId} cannot be ${what} on ${this.on}: it ${state}, and only effective models are ${what}`
  }
}

/**
 * @category errors
 * @since 0.1.0
 */
export const ModelRuleError = Schema.Union([
  NotAPhase,
  OutsidePhase,
  SourceMissing,
  SelfReplication,
  SourceNotEffective,
  InvalidTransition,
  EventOutOfOrder,
  NotRatedEffective
])
/**
 * @category errors
 * @since 0.1.0
 */
export type ModelRuleError =
  | NotAPhase
  | OutsidePhase
  | SourceMissing
  | SelfReplication
  | SourceNotEffective
  | InvalidTransition
  | EventOutOfOrder
  | NotRatedEffective

// ---------------------------------------------------------------------------------------------
// registration and events
// ---------------------------------------------------------------------------------------------

/**
 * What registering a model takes.
 *
 * @category models
 * @since 0.1.0
 */
export interface RegistrationInput {
  readonly id: ModelId
  readonly unitId: DvkModel["unitId"]
  readonly phaseId: Period.PeriodId
  readonly fieldId: DvkModel["fieldId"]
  readonly registeredOn: CalendarDate.CalendarDate
  readonly content: RegistrationContent
  readonly replicaOf?: ModelId
  readonly by: Actor
}

/**
 * What registration needs to know besides its input: the source model of a replica.
 *
 * @category models
 * @since 0.1.0
 */
export interface RegistrationContext {
  readonly source?: DvkModel
}

const rating = (r: Rating | undefined) => (r === undefined ? {} : { sourceRating: r })

/**
 * Registers a model: its registration date lies in its phase (`NotAPhase`, `OutsidePhase`), and a
 * replica names a source (given in `context.source`, `SourceMissing`) that was rated effective on or
 * before the replica's registration date (`SourceNotEffective`). The result is at version 0 with a
 * single `Registered` event. A `context.source` given for a model that is not a replica is ignored.
 *
 * @category rules
 * @since 0.1.0
 */
export const register = (
  input: RegistrationInput,
  context: RegistrationContext = {}
): Result.Result<DvkModel, ModelRuleError> => {
  const bounds = phaseBounds(input.phaseId)
  if (bounds === undefined) return Result.fail(new NotAPhase({ modelId: input.id, phaseId: input.phaseId }))
  if (input.registeredOn < bounds.first || input.registeredOn > bounds.last) {
    return Result.fail(
      new OutsidePhase({
        modelId: input.id,
        step: "registration",
        on: input.registeredOn,
        phaseId: input.phaseId,
        ...bounds
      })
    )
  }
  if (input.replicaOf !== undefined) {
    if (input.replicaOf === input.id) return Result.fail(new SelfReplication({ modelId: input.id }))
    const source = context.source
    if (source === undefined || source.id !== input.replicaOf) {
      return Result.fail(
        new SourceMissing({
          modelId: input.id,
          sourceId: input.replicaOf,
          ...(source === undefined ? {} : { given: source.id })
        })
      )
    }
    if (!isEffectiveOn(source, input.registeredOn)) {
      return Result.fail(
        new SourceNotEffective({
          modelId: input.id,
          sourceId: source.id,
          registeredOn: input.registeredOn,
          ...rating(ratingOn(source, input.registeredOn))
        })
      )
    }
  }
  return Result.succeed(
    new DvkModel({
      id: input.id,
      unitId: input.unitId,
      phaseId: input.phaseId,
      fieldId: input.fieldId,
      registeredOn: input.registeredOn,
      content: input.content,
      ...(input.replicaOf === undefined ? {} : { replicaOf: input.replicaOf }),
      events: [{ _tag: "Registered", on: input.registeredOn, by: input.by }],
      version: 0
    })
  )
}

/**
 * Records a step of the model's life. The step must be allowed from the current status
 * (`InvalidTransition`; nothing leaves `discontinued`, and `Registered` happens once), dated no
 * earlier than the previous step (`EventOutOfOrder`); a start falls within the phase
 * (`OutsidePhase`); a commendation or replication needs an effective latest rating
 * (`NotRatedEffective`); a model is not its own replica (`SelfReplication`). The model's `version`
 * is left as it is: the store bumps it.
 *
 * @category rules
 * @since 0.1.0
 */
export const apply = (model: DvkModel, event: ModelEvent): Result.Result<DvkModel, ModelRuleError> => {
  const from = statusOf(model)
  const to = statusAfter(event)
  if (event._tag === "Registered" || !canMove(from, to)) {
    return Result.fail(new InvalidTransition({ modelId: model.id, from, to, on: event.on }))
  }
  const previous = model.events[model.events.length - 1]!.on
  if (event.on < previous) {
    return Result.fail(new EventOutOfOrder({ modelId: model.id, event: event._tag, on: event.on, previous }))
  }
  if (event._tag === "Started") {
    const bounds = phaseBounds(model.phaseId)
    if (bounds === undefined) return Result.fail(new NotAPhase({ modelId: model.id, phaseId: model.phaseId }))
    if (event.on < bounds.first || event.on > bounds.last) {
      return Result.fail(
        new OutsidePhase({
          modelId: model.id,
          step: "start",
          on: event.on,
          phaseId: model.phaseId,
          ...bounds
        })
      )
    }
  }
  if (event._tag === "Commended" || event._tag === "Replicated") {
    const latest = ratingOn(model, event.on)
    if (latest === undefined || !isEffective(latest)) {
      return Result.fail(
        new NotRatedEffective({
          modelId: model.id,
          step: event._tag,
          on: event.on,
          ...(latest === undefined ? {} : { rating: latest })
        })
      )
    }
    if (event._tag === "Replicated" && event.replicaId === model.id) {
      return Result.fail(new SelfReplication({ modelId: model.id }))
    }
  }
  return Result.succeed(new DvkModel({ ...model, events: [...model.events, event] }))
}
