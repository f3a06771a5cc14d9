/**
 * Storage port for DVK models and coordination programmes.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { PeriodId } from "../calendar/Period.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { CoordinationId, FieldId, ModelId, UnitId } from "../kernel/Ids.ts"
import type { CoordinationProgramme } from "../model/Coordination.ts"
import type { DvkModel, ModelStatus } from "../model/DvkModel.ts"
import type { Page, PageRequest } from "./Page.ts"
import type { ConstraintViolation, NotFound, StoreFailure, VersionConflict } from "./StoreError.ts"

/**
 * Filters for listing models; every filter given must hold. `within` selects the models of the
 * units in a jurisdiction as of a date. `status` is the status derived from the model's events
 * (`ModelLifecycle.status`).
 *
 * @category models
 * @since 0.1.0
 */
export interface ModelQuery {
  readonly unitId?: UnitId
  readonly within?: { readonly rootId: UnitId; readonly asOf: CalendarDate }
  readonly phaseId?: PeriodId
  readonly fieldId?: FieldId
  readonly statuses?: ReadonlyArray<ModelStatus>
  readonly replicaOf?: ModelId
}

/** @category services @since 0.1.0 */
export class ModelRepository extends Context.Service<
  ModelRepository,
  {
    readonly get: (id: ModelId) => Effect.Effect<DvkModel, NotFound | StoreFailure>
    /** Inserts all or none; fails on a duplicate id, a missing unit or a missing source model. */
    readonly insert: (
      models: ReadonlyArray<DvkModel>
    ) => Effect.Effect<ReadonlyArray<DvkModel>, ConstraintViolation | StoreFailure>
    readonly update: (
      model: DvkModel
    ) => Effect.Effect<DvkModel, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /** Models matching the query, ordered by id. */
    readonly list: (query: ModelQuery, page?: PageRequest) => Effect.Effect<Page<DvkModel>, StoreFailure>
    readonly getCoordination: (
      id: CoordinationId
    ) => Effect.Effect<CoordinationProgramme, NotFound | StoreFailure>
    readonly insertCoordination: (
      programme: CoordinationProgramme
    ) => Effect.Effect<CoordinationProgramme, ConstraintViolation | StoreFailure>
    readonly updateCoordination: (
      programme: CoordinationProgramme
    ) => Effect.Effect<CoordinationProgramme, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /** Deletes a coordination programme at the given version. */
    readonly removeCoordination: (
      id: CoordinationId,
      version: number
    ) => Effect.Effect<void, NotFound | VersionConflict | StoreFailure>
    /** Coordination programmes a unit is party to, ordered by id. */
    readonly coordinationsOf: (
      unitId: UnitId
    ) => Effect.Effect<ReadonlyArray<CoordinationProgramme>, StoreFailure>
  }
>()("@danvan/core/ModelRepository") {}
