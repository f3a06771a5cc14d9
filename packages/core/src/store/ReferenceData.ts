/**
 * Storage port for reference data a province configures: model fields, reporting regimes and
 * validation rules.
 *
 * `put` inserts a record whose `version` is 0 and which does not exist yet, and otherwise updates
 * it when `version` is the stored one; either way it returns the record at its new version.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { ReportingRegime } from "../calendar/Regime.ts"
import type { RegimeId } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import type { ModelField } from "../model/ModelField.ts"
import type { ValidationRule } from "../report/ValidationRule.ts"
import type { NotFound, StoreFailure, VersionConflict } from "./StoreError.ts"

/** @category services @since 0.1.0 */
export class ReferenceData extends Context.Service<
  ReferenceData,
  {
    /** Model fields, ordered by `order` then id. */
    readonly fields: Effect.Effect<ReadonlyArray<ModelField>, StoreFailure>
    readonly putField: (field: ModelField) => Effect.Effect<ModelField, VersionConflict | StoreFailure>
    readonly regime: (id: RegimeId) => Effect.Effect<ReportingRegime, NotFound | StoreFailure>
    /** Regimes, ordered by id. */
    readonly regimes: Effect.Effect<ReadonlyArray<ReportingRegime>, StoreFailure>
    readonly putRegime: (
      regime: ReportingRegime
    ) => Effect.Effect<ReportingRegime, VersionConflict | StoreFailure>
    /** Validation rules, optionally of one programme, ordered by id. */
    readonly validationRules: (
      programme?: Programme
    ) => Effect.Effect<ReadonlyArray<ValidationRule>, StoreFailure>
    readonly putValidationRule: (
      rule: ValidationRule
    ) => Effect.Effect<ValidationRule, VersionConflict | StoreFailure>
  }
>()("@danvan/core/ReferenceData") {}
