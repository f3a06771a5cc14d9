/**
 * Storage port for units and their succession.
 *
 * "As of a date" everywhere means: the units valid on that day (`validFrom <= date < validUntil`),
 * linked by the parent links valid on that day (`from <= date < until`).
 *
 * @since 0.1.0
 */
import type { Effect, Option } from "effect"
import { Context } from "effect"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { UnitId } from "../kernel/Ids.ts"
import type { Succession } from "../unit/Succession.ts"
import type { StatisticsCode, Unit, UnitLevel, UnitType } from "../unit/Unit.ts"
import type { Page, PageRequest } from "./Page.ts"
import type { ConstraintViolation, NotFound, StoreFailure, VersionConflict } from "./StoreError.ts"

/** Filters for listing units; every filter given must hold. @category models @since 0.1.0 */
export interface UnitQuery {
  readonly asOf?: CalendarDate
  readonly levels?: ReadonlyArray<UnitLevel>
  readonly types?: ReadonlyArray<UnitType>
  /** Units whose parent (as of `asOf`, which is then required) is this unit. */
  readonly parentId?: UnitId
}

/** Filters for successions. @category models @since 0.1.0 */
export interface SuccessionQuery {
  readonly predecessorId?: UnitId
  readonly successorId?: UnitId
}

/**
 * Units. Writes follow the store's version rule: `insert` stores new records at version 1 and
 * fails with `ConstraintViolation` on a duplicate id or a parent that does not exist; `update`
 * succeeds only when the record's `version` is the stored one, and returns the record at the next
 * version.
 *
 * @category services
 * @since 0.1.0
 */
export class UnitRepository extends Context.Service<
  UnitRepository,
  {
    readonly get: (id: UnitId) => Effect.Effect<Unit, NotFound | StoreFailure>
    /** The units among `ids` that exist, in the order of `ids`. */
    readonly getMany: (ids: ReadonlyArray<UnitId>) => Effect.Effect<ReadonlyArray<Unit>, StoreFailure>
    readonly findByCode: (
      code: StatisticsCode,
      asOf: CalendarDate
    ) => Effect.Effect<Option.Option<Unit>, StoreFailure>
    /** Inserts all or none. */
    readonly insert: (
      units: ReadonlyArray<Unit>
    ) => Effect.Effect<ReadonlyArray<Unit>, ConstraintViolation | StoreFailure>
    readonly update: (
      unit: Unit
    ) => Effect.Effect<Unit, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /** Units matching the query, ordered by id. */
    readonly list: (query: UnitQuery, page?: PageRequest) => Effect.Effect<Page<Unit>, StoreFailure>
    /** The chain of parents as of a date, nearest first (empty for a province). */
    readonly ancestors: (
      id: UnitId,
      asOf: CalendarDate
    ) => Effect.Effect<ReadonlyArray<Unit>, NotFound | StoreFailure>
    /**
     * The jurisdiction of a unit as of a date: the unit itself and every unit below it, ordered
     * by id. Fails with `NotFound` when the root does not exist or is not valid on that date.
     */
    readonly jurisdiction: (
      rootId: UnitId,
      asOf: CalendarDate,
      page?: PageRequest
    ) => Effect.Effect<Page<Unit>, NotFound | StoreFailure>
    /** Inserts all or none; both ends must exist, and ids are unique. */
    readonly insertSuccessions: (
      successions: ReadonlyArray<Succession>
    ) => Effect.Effect<ReadonlyArray<Succession>, ConstraintViolation | StoreFailure>
    /** Successions matching the query, ordered by effective date then id. */
    readonly successions: (query: SuccessionQuery) => Effect.Effect<ReadonlyArray<Succession>, StoreFailure>
  }
>()("@danvan/core/UnitRepository") {}
