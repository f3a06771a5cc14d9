/**
 * Small helpers the integration tests share: actors in a role, and the version of a stored record
 * as a caller reads it before changing it.
 */
import { CommitteeRepository, Ids, ModelRepository, ReportRepository, type StoreError } from "@danvan/core"
import { Effect } from "effect"

/** A person acting for `unitId` in `role`; the same unit and role always give the same person. */
export const person = (unitId: string, name: string, role: string) => ({
  personId: `p-${unitId}-${role}`,
  name,
  unitId,
  role
})

/** A report as a caller names it to change it: its id and the version it read. */
export const reportAt = (
  reportId: string
): Effect.Effect<{ reportId: string; version: number }, StoreError.StoreError, ReportRepository> =>
  Effect.map(
    Effect.flatMap(ReportRepository, (r) => r.get(Ids.ReportId.make(reportId))),
    (r) => ({ reportId, version: r.version })
  )

/** A model as a caller names it to change it. */
export const modelAt = (
  modelId: string
): Effect.Effect<{ modelId: string; version: number }, StoreError.StoreError, ModelRepository> =>
  Effect.map(
    Effect.flatMap(ModelRepository, (r) => r.get(Ids.ModelId.make(modelId))),
    (m) => ({ modelId, version: m.version })
  )

/** A committee as a caller names it to change it. */
export const committeeAt = (
  committeeId: string
): Effect.Effect<{ committeeId: string; version: number }, StoreError.StoreError, CommitteeRepository> =>
  Effect.map(
    Effect.flatMap(CommitteeRepository, (r) => r.get(Ids.CommitteeId.make(committeeId))),
    (c) => ({ committeeId, version: c.version })
  )
