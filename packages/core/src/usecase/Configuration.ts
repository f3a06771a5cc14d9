/**
 * Reference data a province configures before it uses the programme use cases: the DVK model
 * fields (lĩnh vực), the reporting regimes (calendar and deadlines) and the validation rules.
 * `registerModel` refuses a field that is not configured and `createReport` a regime that is not,
 * so an app sets these up first (`ModelField.defaults`, `Regime.defaults`,
 * `Validation.defaultRules` are a starting point).
 *
 * Reference data is shared by every unit of the store, so only administrators of the levels the
 * policy names (`Policy.referenceDataLevels`, the province by default) or of a central unit may
 * change it (`referenceData.maintain`); reading it is open to anyone. Every change leaves an
 * audit entry (subject kind `referenceData`) in the same transaction, as every other change does
 * (accountability: Law 10/2022/QH15, Art. 9). A change is an upsert at a version: version 0 for a
 * new record, the stored version to update one (`ReferenceData.put…`); a stale version fails with
 * `StoreError.VersionConflict`.
 *
 * @since 0.1.0
 */
import { Array as Arr, Effect, Schema } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import * as Regime from "../calendar/Regime.ts"
import { Programme } from "../kernel/Programme.ts"
import { ModelField } from "../model/ModelField.ts"
import { ValidationRule } from "../report/ValidationRule.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { beginWith, sceneOf } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * Decodes the actor and the record, checks the actor may maintain reference data, runs `check`,
 * then `put` with its audit entry in one transaction.
 */
const audited = <A extends { readonly id: string }, I, E, R, C = never>(
  useCase: string,
  actor: Actor.ActorInput,
  schema: Schema.Codec<A, I, never, unknown>,
  input: unknown,
  put: (record: A) => Effect.Effect<A, E, R>,
  describe: (stored: A) => { readonly action: string; readonly summary: string },
  check: (record: A) => Effect.Effect<void, C> = () => Effect.void
) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(useCase, actor, "referenceData.maintain", schema, input)
    const scene = yield* sceneOf(call, [call.actor.unitId])
    yield* Effect.fromResult(
      Jurisdiction.canMaintainReferenceData(call.actor, call.policy.referenceDataLevels, scene)
    )
    yield* check(i)
    return yield* inTransaction(
      Effect.gen(function* () {
        const stored = yield* put(i)
        yield* record(call.actor, call.at, [
          { ...describe(stored), subjectKind: "referenceData", subjectId: stored.id }
        ])
        return stored
      })
    )
  })

/**
 * The configured model fields, by `order` then id.
 *
 * @category use cases
 * @since 0.1.0
 */
export const fields = () => Effect.flatMap(ReferenceData, (r) => r.fields)

/**
 * Adds a model field (at version 0) or changes one (at its stored version), for an actor who may
 * maintain reference data (`referenceData.maintain`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const putField = (actor: Actor.ActorInput, input: typeof ModelField.Encoded) =>
  audited(
    "putField",
    actor,
    ModelField,
    input,
    (field) => Effect.flatMap(ReferenceData, (r) => r.putField(field)),
    (f) => ({
      action: "referenceData.fieldPut",
      summary: `model field ${f.id} is "${f.name}" (order ${f.order}), version ${f.version}`
    })
  )

/**
 * The configured reporting regimes, by id.
 *
 * @category use cases
 * @since 0.1.0
 */
export const regimes = () => Effect.flatMap(ReferenceData, (r) => r.regimes)

/**
 * Adds a reporting regime (at version 0) or changes one (at its stored version), for an actor who
 * may maintain reference data (`referenceData.maintain`). A level may not be due later than the
 * level it reports to (`Regime.validate`: grassroots ≤ commune ≤ district ≤ province, in working
 * days after the window closes: the deadlines row of docs/rules.md), so each level can consolidate
 * its children's reports before its own deadline; a regime that breaks it is a
 * `Regime.InvalidRegime` listing every such level, and nothing is stored.
 *
 * @category use cases
 * @since 0.1.0
 */
export const putRegime = (actor: Actor.ActorInput, input: typeof Regime.ReportingRegime.Encoded) =>
  audited(
    "putRegime",
    actor,
    Regime.ReportingRegime,
    input,
    (regime) => Effect.flatMap(ReferenceData, (r) => r.putRegime(regime)),
    (g) => ({
      action: "referenceData.regimePut",
      summary: `reporting regime ${g.id} "${g.name}" on ${g.calendar}, version ${g.version}`
    }),
    (regime) => {
      const violations = Regime.validate(regime)
      return Arr.isReadonlyArrayNonEmpty(violations)
        ? Effect.fail(new Regime.InvalidRegime({ regimeId: regime.id, violations }))
        : Effect.void
    }
  )

/**
 * The configured validation rules, optionally of one programme, by id. A programme that is not
 * one (`"dvk"`, a number) is an `InvalidInput`, not an empty list.
 *
 * @category use cases
 * @since 0.1.0
 */
export const validationRules = (programme?: Programme) =>
  Effect.flatMap(decode(Schema.UndefinedOr(Programme), "validationRules")(programme), (p) =>
    Effect.flatMap(ReferenceData, (r) => r.validationRules(p))
  )

/**
 * Adds a validation rule (at version 0) or changes one (at its stored version), for an actor who
 * may maintain reference data (`referenceData.maintain`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const putValidationRule = (actor: Actor.ActorInput, input: typeof ValidationRule.Encoded) =>
  audited(
    "putValidationRule",
    actor,
    ValidationRule,
    input,
    (rule) => Effect.flatMap(ReferenceData, (r) => r.putValidationRule(rule)),
    (v) => ({
      action: "referenceData.validationRulePut",
      summary: `validation rule ${v.id}, version ${v.version}`
    })
  )
