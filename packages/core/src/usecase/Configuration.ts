/**
 * Reference data a province configures before it uses the programme use cases: the DVK model
 * fields (lĩnh vực), the reporting regimes (calendar and deadlines) and the validation rules.
 * `registerModel` refuses a field that is not configured and `createReport` a regime that is not,
 * so an app sets these up first (`ModelField.defaults`, `Regime.defaults`,
 * `Validation.defaultRules` are a starting point).
 *
 * Like units, reference data is maintained for the whole system, not for one unit, so any actor
 * may change it; every change leaves an audit entry (subject kind `referenceData`) in the same
 * transaction, as every other change does (accountability: Law 10/2022/QH15, Art. 9). A change is
 * an upsert at a version: version 0 for a new record, the stored version to update one
 * (`ReferenceData.put…`); a stale version fails with `StoreError.VersionConflict`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as Regime from "../calendar/Regime.ts"
import type { Programme } from "../kernel/Programme.ts"
import { ModelField } from "../model/ModelField.ts"
import { ValidationRule } from "../report/ValidationRule.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode, InvalidInput } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

const audited = <A extends { readonly id: string }, E, R>(
  actor: Actor,
  put: Effect.Effect<A, E, R>,
  describe: (stored: A) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const stored = yield* put
      const { at } = yield* today
      yield* record(actor, at, [{ ...describe(stored), subjectKind: "referenceData", subjectId: stored.id }])
      return stored
    })
  )

/**
 * The configured model fields, by `order` then id.
 *
 * @since 0.1.0
 */
export const fields = () => Effect.flatMap(ReferenceData, (r) => r.fields)

/**
 * Adds a model field (at version 0) or changes one (at its stored version).
 *
 * @since 0.1.0
 */
export const putField = (actor: Actor, input: typeof ModelField.Encoded) =>
  Effect.gen(function* () {
    const field = yield* decode(ModelField, "putField")(input)
    return yield* audited(
      actor,
      Effect.flatMap(ReferenceData, (r) => r.putField(field)),
      (f) => ({
        action: "referenceData.fieldPut",
        summary: `model field ${f.id} is "${f.name}" (order ${f.order}), version ${f.version}`
      })
    )
  })

/**
 * The configured reporting regimes, by id.
 *
 * @since 0.1.0
 */
export const regimes = () => Effect.flatMap(ReferenceData, (r) => r.regimes)

/**
 * Adds a reporting regime (at version 0) or changes one (at its stored version). A level may not
 * be due later than the level it reports to (`Regime.validate`: grassroots ≤ commune ≤ district ≤
 * province, in working days after the window closes; facts.md, law 2), so each level can
 * consolidate its children's reports before its own deadline; a regime that breaks it is an
 * `InvalidInput` listing every such level, and nothing is stored.
 *
 * @since 0.1.0
 */
export const putRegime = (actor: Actor, input: typeof Regime.ReportingRegime.Encoded) =>
  Effect.gen(function* () {
    const regime = yield* decode(Regime.ReportingRegime, "putRegime")(input)
    const [first, ...rest] = Regime.validate(regime)
    if (first !== undefined) {
      return yield* new InvalidInput({
        useCase: "putRegime",
        detail: [first, ...rest].map((v) => v.message).join("; ")
      })
    }
    return yield* audited(
      actor,
      Effect.flatMap(ReferenceData, (r) => r.putRegime(regime)),
      (g) => ({
        action: "referenceData.regimePut",
        summary: `reporting regime ${g.id} "${g.name}" on ${g.calendar}, version ${g.version}`
      })
    )
  })

/**
 * The configured validation rules, optionally of one programme, by id.
 *
 * @since 0.1.0
 */
export const validationRules = (programme?: Programme) =>
  Effect.flatMap(ReferenceData, (r) => r.validationRules(programme))

/**
 * Adds a validation rule (at version 0) or changes one (at its stored version).
 *
 * @since 0.1.0
 */
export const putValidationRule = (actor: Actor, input: typeof ValidationRule.Encoded) =>
  Effect.gen(function* () {
    const rule = yield* decode(ValidationRule, "putValidationRule")(input)
    return yield* audited(
      actor,
      Effect.flatMap(ReferenceData, (r) => r.putValidationRule(rule)),
      (v) => ({
        action: "referenceData.validationRulePut",
        summary: `validation rule ${v.id}, version ${v.version}`
      })
    )
  })
