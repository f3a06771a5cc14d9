/**
 * `ReferenceData` over the engine: `put` inserts a record at version 0 that does not exist yet
 * (storing version 1) and otherwise updates it at the stored version.
 *
 * @since 0.1.0
 */
import type { ModelField } from "@danvan/core"
import { type ReferenceData, StoreError } from "@danvan/core"
import { Result } from "effect"
import type { Engine } from "./Engine.ts"
import { ascending, found, type Overlay } from "./State.ts"
import type { Records } from "./Tables.ts"
import * as Writes from "./Writes.ts"

type Kind = "modelField" | "regime" | "validationRule"

const put = <E extends Kind>(
  o: Overlay,
  entity: E,
  record: Records[E]
): Result.Result<Records[E], StoreError.VersionConflict | StoreError.ConstraintViolation> => {
  const current = o.get(entity, record.id)
  const actual = current === undefined ? 0 : (current.record as { readonly version: number }).version
  if (record.version !== actual) {
    return Result.fail(
      new StoreError.VersionConflict({ entity, id: record.id, expected: record.version, actual })
    )
  }
  const stored = Writes.copy(entity, record, actual + 1, current?.record)
  if (Result.isFailure(stored)) return Result.fail(stored.failure)
  o.put(stored.success)
  return Result.succeed(stored.success.record)
}

const byOrder = (a: ModelField.ModelField, b: ModelField.ModelField): number =>
  a.order - b.order || ascending(a.id, b.id)

/**
 * A record that does not encode is a programming error here (the port's `put` has no
 * `ConstraintViolation`), so it is reported as a defect.
 */
const orDie = <A>(
  r: Result.Result<A, StoreError.VersionConflict | StoreError.ConstraintViolation>
): Result.Result<A, StoreError.VersionConflict> => {
  if (Result.isSuccess(r) || r.failure._tag === "VersionConflict")
    return r as Result.Result<A, StoreError.VersionConflict>
  throw r.failure
}

/** @since 0.1.0 */
export const make = (engine: Engine): ReferenceData["Service"] => ({
  fields: engine.read((view) =>
    view
      .keys("modelField")
      .map((k) => view.get("modelField", k)!.record)
      .sort(byOrder)
  ),
  putField: (field) => engine.write((o) => orDie(put(o, "modelField", field))),
  regime: (id) => engine.readResult((view) => found(view, "regime", id)),
  regimes: engine.read((view) => view.keys("regime").map((k) => view.get("regime", k)!.record)),
  putRegime: (regime) => engine.write((o) => orDie(put(o, "regime", regime))),
  validationRules: (programme) =>
    engine.read((view) =>
      view
        .keys("validationRule")
        .map((k) => view.get("validationRule", k)!.record)
        .filter((r) => programme === undefined || r.programme === programme)
    ),
  putValidationRule: (rule) => engine.write((o) => orDie(put(o, "validationRule", rule)))
})
