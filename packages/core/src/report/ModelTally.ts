/**
 * DVK figures computed from model records as of a date, so a unit's report can be filled from its
 * register of models (sổ đăng ký mô hình) instead of counted by hand.
 *
 * What each figure counts, as of `asOf` (only events dated on or before it count):
 *
 * - `models`: the models registered on or before `asOf`, whatever their status (discontinued ones
 *   included, so `byStatus` sums to `models` and shows how many stopped);
 * - `byField`: those models by field; every field given has an entry, and a model whose field is
 *   not among them still gets one (a model is never dropped from a breakdown);
 * - `byStatus`: those models by status as of `asOf` (`ModelLifecycle.statusOn`);
 * - `newModels`: those registered within `newWithin` (first and last day inclusive, and not after
 *   `asOf`); 0 when no window is given;
 * - `effective`: those whose latest rating is effective (`DvkModel.isEffective`);
 * - `commended`: those commended at least once;
 * - `replicated`: those replicated at least once (a `Replicated` event): models that were spread,
 *   not the replicas. A replica is a model in its own right, counted in `models` (and in
 *   `newModels` when registered in the window); it is linked to its source by `replicaOf`.
 *   Counting sources keeps replicated ≤ effective, since only effective models are replicated;
 * - `exemplaryCases` and `extra`: 0 and empty, since model records do not carry them.
 *
 * Models built through `ModelLifecycle` tally to figures that pass `FiguresRules.check`: commended ≤
 * effective ≤ registered, and each breakdown sums to its total, as DVK reporting counts them
 * ([rules: DVK models](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#dvk-models-law-5), [reports](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#reports-and-rollup-law-6)).
 *
 * @since 0.1.0
 */
import * as CalendarDate from "../kernel/CalendarDate.ts"
import type { FieldId } from "../kernel/Ids.ts"
import { type DvkModel, isEffective } from "../model/DvkModel.ts"
import { ratingOn, statusOn } from "../model/ModelLifecycle.ts"
import type { DvkFigures } from "./Figures.ts"
import { emptyDvk } from "./FiguresRules.ts"

/**
 * Options of {@link tally}.
 *
 * @category models
 * @since 0.1.0
 */
export interface TallyOptions {
  /** Models registered from `first` to `last` (inclusive) count as new. */
  readonly newWithin?: { readonly first: CalendarDate.CalendarDate; readonly last: CalendarDate.CalendarDate }
}

const bump = (counts: Record<string, number>, key: string) => {
  Object.defineProperty(counts, key, {
    value: (Object.hasOwn(counts, key) ? counts[key]! : 0) + 1,
    enumerable: true,
    writable: true,
    configurable: true
  })
}

/**
 * The DVK figures of the given models as of a date (see the module comment for what each figure
 * counts). Pass each model once.
 *
 * @category rules
 * @since 0.1.0
 */
export const tally = (
  models: Iterable<DvkModel>,
  fieldIds: ReadonlyArray<FieldId>,
  asOf: CalendarDate.CalendarDate,
  options: TallyOptions = {}
): DvkFigures => {
  const empty = emptyDvk(fieldIds)
  const byField: Record<string, number> = { ...empty.byField }
  const byStatus: Record<string, number> = { ...empty.byStatus }
  let count = 0
  let newModels = 0
  let effective = 0
  let commended = 0
  let replicated = 0
  const window = options.newWithin
  const newUntil = window === undefined ? undefined : CalendarDate.min(window.last, asOf)
  for (const model of models) {
    if (model.registeredOn > asOf) continue
    const status = statusOn(model, asOf)
    if (status === undefined) continue
    count++
    bump(byField, model.fieldId)
    bump(byStatus, status)
    if (window !== undefined && newUntil !== undefined) {
      if (model.registeredOn >= window.first && model.registeredOn <= newUntil) newModels++
    }
    const rating = ratingOn(model, asOf)
    if (rating !== undefined && isEffective(rating)) effective++
    const past = model.events.filter((e) => e.on <= asOf)
    if (past.some((e) => e._tag === "Commended")) commended++
    if (past.some((e) => e._tag === "Replicated")) replicated++
  }
  return {
    ...empty,
    models: count,
    byField: byField as Record<FieldId, number>,
    byStatus: byStatus as DvkFigures["byStatus"],
    newModels,
    effective,
    commended,
    replicated
  }
}
