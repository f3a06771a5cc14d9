/**
 * "Dân vận khéo" models (mô hình): registered by a unit for a phase and a field, then carried out,
 * inspected and evaluated, the effective ones commended and replicated (Central Mass Mobilisation
 * Commission, Plan 771-KH/BDVTƯ of 08/3/2017; provincial plans such as 20-KH/TU of 12/8/2016 for
 * 2016–2020). Every step is an event, dated and attributed to an actor; the current status and
 * rating are derived from the events.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor } from "../access/Actor.ts"
import { PeriodId } from "../calendar/Period.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { FieldId, ModelId, UnitId } from "../kernel/Ids.ts"
import { Name, NonEmptyText, Text } from "../kernel/Text.ts"

/**
 * - `registered`: registered for the phase (đăng ký);
 * - `inProgress`: being carried out (triển khai);
 * - `evaluated`: inspected and rated (đánh giá);
 * - `commended`: commended (khen thưởng);
 * - `replicated`: replicated elsewhere (nhân rộng);
 * - `discontinued`: stopped (dừng); final.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ModelStatus = Schema.Literals([
  "registered",
  "inProgress",
  "evaluated",
  "commended",
  "replicated",
  "discontinued"
])
/**
 * @category models
 * @since 0.1.0
 */
export type ModelStatus = typeof ModelStatus.Type

/**
 * The rating an evaluation gives. `excellent`, `good` and `fair` count as effective (hiệu quả);
 * `ineffective` does not.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Rating = Schema.Literals(["excellent", "good", "fair", "ineffective"])
/**
 * @category models
 * @since 0.1.0
 */
export type Rating = typeof Rating.Type

/**
 * @category predicates
 * @since 0.1.0
 */
export const isEffective = (rating: Rating): boolean => rating !== "ineffective"

/**
 * The level of the body that commends (cấp khen thưởng).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommendationLevel = Schema.Literals(["central", "province", "district", "commune", "agency"])
/**
 * @category models
 * @since 0.1.0
 */
export type CommendationLevel = typeof CommendationLevel.Type

/**
 * The form of a commendation (Law on Emulation and Commendation 06/2022/QH15): `certificateOfMerit`
 * (Bằng khen), `letterOfCommendation` (Giấy khen), `emulationFlag` (Cờ thi đua), `other`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommendationForm = Schema.Literals([
  "certificateOfMerit",
  "letterOfCommendation",
  "emulationFlag",
  "other"
])
/**
 * @category models
 * @since 0.1.0
 */
export type CommendationForm = typeof CommendationForm.Type

/**
 * What a registration states (the content of the registration form).
 *
 * @category models
 * @since 0.1.0
 */
export class RegistrationContent extends Schema.Class<RegistrationContent>("RegistrationContent")({
  name: NonEmptyText(1000),
  rationale: Schema.optionalKey(Text),
  objectives: Schema.optionalKey(Text),
  criteria: Schema.optionalKey(Text),
  method: Schema.optionalKey(Text),
  area: Schema.optionalKey(Text),
  beneficiaries: Schema.optionalKey(Text),
  forces: Schema.optionalKey(Text),
  resources: Schema.optionalKey(Text),
  timeline: Schema.optionalKey(Text),
  expectedOutputs: Schema.optionalKey(Text),
  replicability: Schema.optionalKey(Text)
}) {}

const at = { on: CalendarDate.CalendarDate, by: Actor }

/**
 * @category schemas
 * @since 0.1.0
 */
export const ModelEvent = Schema.Union([
  Schema.TaggedStruct("Registered", at),
  Schema.TaggedStruct("Started", at),
  Schema.TaggedStruct("Evaluated", { ...at, rating: Rating, note: Schema.optionalKey(Text) }),
  Schema.TaggedStruct("Commended", {
    ...at,
    level: CommendationLevel,
    form: CommendationForm,
    decision: Schema.optionalKey(Name)
  }),
  Schema.TaggedStruct("Replicated", { ...at, replicaId: ModelId }),
  Schema.TaggedStruct("Discontinued", { ...at, reason: NonEmptyText(2000) })
])
/**
 * @category models
 * @since 0.1.0
 */
export type ModelEvent = typeof ModelEvent.Type

/**
 * A registered model. `phaseId` names a phase (`2016-2020`); `replicaOf` links a replica to the
 * model it copies. `events` starts with `Registered` and is append-only.
 *
 * @category models
 * @since 0.1.0
 */
export class DvkModel extends Schema.Class<DvkModel>("DvkModel")({
  id: ModelId,
  unitId: UnitId,
  phaseId: PeriodId,
  fieldId: FieldId,
  registeredOn: CalendarDate.CalendarDate,
  content: RegistrationContent,
  replicaOf: Schema.optionalKey(ModelId),
  events: Schema.NonEmptyArray(ModelEvent),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}

/**
 * The status a model's events lead to: the last event decides (`Registered` → `registered`,
 * `Started` → `inProgress`, …). Stores index this to filter by status.
 *
 * @category queries
 * @since 0.1.0
 */
export const statusOf = (model: Pick<DvkModel, "events">): ModelStatus => {
  const last = model.events[model.events.length - 1]!
  switch (last._tag) {
    case "Registered":
      return "registered"
    case "Started":
      return "inProgress"
    case "Evaluated":
      return "evaluated"
    case "Commended":
      return "commended"
    case "Replicated":
      return "replicated"
    case "Discontinued":
      return "discontinued"
  }
}

/**
 * The latest rating, if the model has been evaluated.
 *
 * @category queries
 * @since 0.1.0
 */
export const ratingOf = (model: Pick<DvkModel, "events">): Rating | undefined => {
  for (let i = model.events.length - 1; i >= 0; i--) {
    const e = model.events[i]!
    if (e._tag === "Evaluated") return e.rating
  }
  return undefined
}
