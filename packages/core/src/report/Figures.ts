/**
 * The typed indicator sets a report carries, one per programme.
 *
 * DVK figures follow what provincial DVK reports count (models registered by field, how many are
 * new, rated effective, commended, replicated; exemplary cases "điển hình" beside models); QCDC
 * figures follow what Law 10/2022/QH15 asks communes, agencies and employers to do and report:
 * citizen receptions and direct dialogues (Art. 12, 47, 64; Decree 59/2023/NĐ-CP), complaints and
 * denunciations received and resolved, supervision and questioning by People's Councils.
 *
 * `extra` holds a province's own indicators (counts) without any schema change in the stores.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { FieldId, IdString } from "../kernel/Ids.ts"
import { ModelStatus } from "../model/DvkModel.ts"

/**
 * A count: a non-negative safe integer.
 *
 * @since 0.1.0
 */
export const Count = Schema.Int.pipe(
  Schema.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(Number.MAX_SAFE_INTEGER))
)
/** @since 0.1.0 */
export type Count = typeof Count.Type

/** Extra counts keyed by an indicator code of the province's choosing. @since 0.1.0 */
export const Extra = Schema.Record(IdString, Count)

/**
 * DVK figures. `models` is the total of models being carried out; `byField` and `byStatus` are
 * breakdowns of it (each sums to `models`).
 *
 * @since 0.1.0
 */
export const DvkFigures = Schema.TaggedStruct("DVK", {
  models: Count,
  byField: Schema.Record(FieldId, Count),
  byStatus: Schema.Record(ModelStatus, Count),
  newModels: Count,
  effective: Count,
  commended: Count,
  replicated: Count,
  exemplaryCases: Count,
  extra: Extra
})
/** @since 0.1.0 */
export type DvkFigures = typeof DvkFigures.Type

/** QCDC figures. @since 0.1.0 */
export const QcdcFigures = Schema.TaggedStruct("QCDC", {
  citizenReceptions: Count,
  directDialogues: Count,
  complaintsReceived: Count,
  complaintsResolved: Count,
  denunciationsReceived: Count,
  denunciationsResolved: Count,
  supervisionSessions: Count,
  questioningSessions: Count,
  extra: Extra
})
/** @since 0.1.0 */
export type QcdcFigures = typeof QcdcFigures.Type

/** @since 0.1.0 */
export const Figures = Schema.Union([DvkFigures, QcdcFigures])
/** @since 0.1.0 */
export type Figures = typeof Figures.Type

/**
 * A report's figures as a flat map from indicator path to count: `models`, `byField.economy`,
 * `byStatus.commended`, `extra.<code>`, … The flat form is what stores sum in a rollup and what
 * validation rules refer to, so a new indicator needs no schema change.
 *
 * @since 0.1.0
 */
export const flatten = (figures: Figures): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(figures)) {
    if (key === "_tag") continue
    if (typeof value === "number") out[key] = value
    else for (const [sub, n] of Object.entries(value as Record<string, number>)) out[`${key}.${sub}`] = n
  }
  return out
}

/** Adds flat figures into an accumulator (in place) and returns it. @since 0.1.0 */
export const addFlat = (into: Record<string, number>, figures: Readonly<Record<string, number>>) => {
  for (const [k, v] of Object.entries(figures)) into[k] = (into[k] ?? 0) + v
  return into
}
