/**
 * Storage port for steering committees.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { SteeringCommittee } from "../committee/SteeringCommittee.ts"
import type { CommitteeId, UnitId } from "../kernel/Ids.ts"
import type { ConstraintViolation, NotFound, StoreFailure, VersionConflict } from "./StoreError.ts"

/** @category services @since 0.1.0 */
export class CommitteeRepository extends Context.Service<
  CommitteeRepository,
  {
    readonly get: (id: CommitteeId) => Effect.Effect<SteeringCommittee, NotFound | StoreFailure>
    /** Fails on a duplicate id or a unit that does not exist. */
    readonly insert: (
      committee: SteeringCommittee
    ) => Effect.Effect<SteeringCommittee, ConstraintViolation | StoreFailure>
    readonly update: (
      committee: SteeringCommittee
    ) => Effect.Effect<SteeringCommittee, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /** The committees of a unit, ordered by id. */
    readonly byUnit: (unitId: UnitId) => Effect.Effect<ReadonlyArray<SteeringCommittee>, StoreFailure>
  }
>()("@danvan/core/CommitteeRepository") {}
