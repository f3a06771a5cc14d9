/**
 * The errors of the HTTP API and their status codes.
 *
 * Every error a use case fails with is one of `@danvan/core`'s `Schema.TaggedError` classes; the
 * API sends it as JSON with its fields, its `_tag` and its `message` (the plain-words explanation
 * the class gives), under the status of its kind:
 *
 * | status | errors |
 * | --- | --- |
 * | 401 | {@link Unauthenticated}: no credential, or one the app does not accept |
 * | 403 | the policy: `Policy.NotPermitted`, `Policy.SeparationOfDuties`, `Jurisdiction.OutsideJurisdiction` |
 * | 404 | `StoreError.NotFound` (also a record outside what the actor may read: decision record 0011) |
 * | 409 | a stale or conflicting write: `StoreError.VersionConflict`, `StoreError.ConstraintViolation`, a workflow step the record's state does not allow |
 * | 422 | input that cannot be read or breaks a rule: `UseCaseErrors.InvalidInput` (also for a request the endpoint's schemas reject), and the rules' own errors |
 * | 500 | `StoreError.StoreCorrupt`: what the store holds cannot be read back |
 * | 503 | `StoreError.StoreUnavailable`: the store cannot be reached; retry later |
 *
 * A generated client (`HttpApiClient`) decodes each body back into the same class, so
 * `err instanceof StoreError.VersionConflict` holds on the client as on the server.
 *
 * @since 0.1.0
 */
import {
  CommitteeRules,
  DanvanError,
  DirectiveRules,
  Jurisdiction,
  ModelLifecycle,
  Policy,
  Regime,
  Reports,
  ReportWorkflow,
  StoreError,
  TaskFollowUps,
  Units,
  UseCaseErrors
} from "@danvan/core"
import { Schema, SchemaTransformation } from "effect"
import { HttpApiSchema } from "effect/http-api"

/**
 * The request carries no credential, or one the app's authentication does not accept (an unknown
 * or expired session, a bad token). `reason` says which, without echoing the credential.
 *
 * @category errors
 * @since 0.1.0
 */
export class Unauthenticated extends DanvanError.TaggedError<Unauthenticated>()("Unauthenticated", {
  reason: Schema.String
}) {
  override get message(): string {
    return `sign in first: ${this.reason}`
  }
}

/**
 * The schema of an error class as the API sends it.
 *
 * @category models
 * @since 0.1.0
 */
export type Response<E> = Schema.Codec<E, unknown>

/**
 * A class whose instances travel with a message: a `Schema.TaggedError` (an error) or a
 * `Violation.TaggedClass` (a rule's violation, plain data): a schema of its instances, with its
 * fields.
 *
 * @category models
 * @since 0.1.0
 */
export type ErrorClass = Schema.Top & {
  new (...args: ReadonlyArray<never>): { readonly _tag: string; readonly message: string }
  readonly fields: Schema.Struct.Fields
  readonly identifier: string
}

/**
 * The schema an error class travels as: its fields and its `message` on the wire, an instance of
 * the class in the program.
 *
 * @category constructors
 * @since 0.1.0
 */
export const withMessage = <C extends ErrorClass>(errorClass: C): Response<InstanceType<C>> => {
  const keys = Object.keys(errorClass.fields)
  const wire = Schema.Struct({ ...errorClass.fields, message: Schema.String }).annotate({
    identifier: errorClass.identifier,
    description: `${errorClass.identifier}: its fields, and its message in plain words`
  })
  const make = errorClass as unknown as new (fields: object) => InstanceType<C>
  return wire.pipe(
    Schema.decodeTo(
      Schema.instanceOf(make),
      SchemaTransformation.transform({
        decode: ({ message: _message, ...fields }: Record<string, unknown>) => new make(fields),
        encode: (error: InstanceType<C>) => ({
          ...Object.fromEntries(keys.map((key) => [key, (error as unknown as Record<string, unknown>)[key]])),
          message: error.message
        })
      }) as never
    )
  ) as unknown as Response<InstanceType<C>>
}

/**
 * {@link withMessage}, sent under the HTTP `status`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const respond = <C extends ErrorClass>(errorClass: C, status: number): Response<InstanceType<C>> =>
  withMessage(errorClass).pipe(HttpApiSchema.status(status))

// 401 -----------------------------------------------------------------------------------------

/** @category errors @since 0.1.0 */
export const unauthenticated: Response<Unauthenticated> = respond(Unauthenticated, 401)

// 403: the policy ----------------------------------------------------------------------------

/** @category errors @since 0.1.0 */
export const notPermitted: Response<Policy.NotPermitted> = respond(Policy.NotPermitted, 403)
/** @category errors @since 0.1.0 */
export const separationOfDuties: Response<Policy.SeparationOfDuties> = respond(Policy.SeparationOfDuties, 403)
/** @category errors @since 0.1.0 */
export const outsideJurisdiction: Response<Jurisdiction.OutsideJurisdiction> = respond(
  Jurisdiction.OutsideJurisdiction,
  403
)

// the store ----------------------------------------------------------------------------------

/** @category errors @since 0.1.0 */
export const notFound: Response<StoreError.NotFound> = respond(StoreError.NotFound, 404)
/** @category errors @since 0.1.0 */
export const versionConflict: Response<StoreError.VersionConflict> = respond(StoreError.VersionConflict, 409)
/** @category errors @since 0.1.0 */
export const constraintViolation: Response<StoreError.ConstraintViolation> = respond(
  StoreError.ConstraintViolation,
  409
)
/** @category errors @since 0.1.0 */
export const storeCorrupt: Response<StoreError.StoreCorrupt> = respond(StoreError.StoreCorrupt, 500)
/** @category errors @since 0.1.0 */
export const storeUnavailable: Response<StoreError.StoreUnavailable> = respond(
  StoreError.StoreUnavailable,
  503
)

// bad input ----------------------------------------------------------------------------------

/** @category errors @since 0.1.0 */
export const invalidInput: Response<UseCaseErrors.InvalidInput> = respond(UseCaseErrors.InvalidInput, 422)
/** @category errors @since 0.1.0 */
export const invalidUnits: Response<Units.InvalidUnits> = respond(Units.InvalidUnits, 422)

/**
 * What every endpoint can fail with: input it cannot read, and a store that cannot be used.
 *
 * @category errors
 * @since 0.1.0
 */
export const always = [invalidInput, storeUnavailable, storeCorrupt] as const

/**
 * What every endpoint that acts for someone adds: the policy's refusals.
 *
 * @category errors
 * @since 0.1.0
 */
export const policy = [notPermitted, outsideJurisdiction] as const

/**
 * What a change to stored records can fail with: {@link always}, the policy, a missing record, a
 * stale version, a constraint of the store.
 *
 * @category errors
 * @since 0.1.0
 */
export const change = [...always, ...policy, notFound, versionConflict, constraintViolation] as const

/**
 * The report workflow's refusals: a step the report's status does not allow (409), figures that
 * do not add up, a missing reason, figures of another programme, a unit that did not exist in the
 * period, a task follow-up on tasks not applicable or assigned to the unit (422).
 *
 * @category errors
 * @since 0.1.0
 */
export const reportRules = [
  respond(ReportWorkflow.InvalidReportTransition, 409),
  respond(ReportWorkflow.ReportLocked, 409),
  respond(ReportWorkflow.InconsistentFigures, 422),
  respond(ReportWorkflow.ReasonRequired, 422),
  respond(ReportWorkflow.FiguresProgrammeMismatch, 422),
  respond(Reports.UnitNotInPeriod, 422),
  respond(TaskFollowUps.InvalidTaskProgress, 422)
] as const

/**
 * The rules of a model's lifecycle (`ModelLifecycle.ModelRuleError`): a step its state does not
 * allow is 409, the others 422.
 *
 * @category errors
 * @since 0.1.0
 */
export const modelRules = [
  respond(ModelLifecycle.InvalidTransition, 409),
  respond(ModelLifecycle.EventOutOfOrder, 422),
  respond(ModelLifecycle.NotAPhase, 422),
  respond(ModelLifecycle.OutsidePhase, 422),
  respond(ModelLifecycle.SourceMissing, 422),
  respond(ModelLifecycle.SelfReplication, 422),
  respond(ModelLifecycle.SourceNotEffective, 422),
  respond(ModelLifecycle.NotRatedEffective, 422)
] as const

/**
 * The rules of a steering committee: `CommitteeRules.InvalidCommittee` lists every breach of a
 * composition or of a change to it (422).
 *
 * @category errors
 * @since 0.1.0
 */
export const committeeRules = [respond(CommitteeRules.InvalidCommittee, 422)] as const

/**
 * A directive that breaks the directive rules (`DirectiveRules.InvalidDirective`, listing every
 * breach): 422.
 *
 * @category errors
 * @since 0.1.0
 */
export const directiveRules = [respond(DirectiveRules.InvalidDirective, 422)] as const

/**
 * A reporting regime whose deadlines break the order of the levels (`Regime.InvalidRegime`,
 * listing every level due too late): 422.
 *
 * @category errors
 * @since 0.1.0
 */
export const regimeRules = [respond(Regime.InvalidRegime, 422)] as const
