/**
 * The HTTP API of danvan's use cases: one endpoint for every operation of the Promise facade
 * (`Danvan.actingUseCases` and `Danvan.openUseCases`), named as the operation, under `/api`.
 *
 * Inputs are the use cases' own schemas (`Reports.ReportStep`, `Units.SearchUnitsInput`,
 * `Page.PageRequest`, …): the record an endpoint acts on is in the path, what it sends is the body,
 * and the filters and the page of a read are the query (`after` and `limit` as
 * `Page.PageRequest` reads them). Every change to a stored record takes the `version` the caller
 * read, so two people saving the same record cannot overwrite each other (409
 * `VersionConflict`). Errors and their statuses are those of {@link ApiError}.
 *
 * Endpoints that act for someone need the {@link Authentication.Authentication} middleware (a
 * session cookie or a bearer token the app accepts); the public data (the unit list, its
 * successions, directives) and the reference data are open, as they are on the facade.
 *
 * The definition holds no server code: `HttpApiClient.make(Api)` gives a typed client of the same
 * endpoints, and `OpenApi.fromApi(Api)` the OpenAPI 3.1 document.
 *
 * @since 0.1.0
 */
import type * as Core from "@danvan/core"
import {
  Audit,
  AuditEntry,
  CalendarDate,
  Committees,
  Consolidate,
  Directive,
  Directives,
  DvkModel,
  Ids,
  ModelField,
  Models,
  Page,
  Period,
  Regime,
  Report,
  Reports,
  Rollup,
  SteeringCommittee,
  Succession,
  TaskFollowUp,
  TaskFollowUps,
  Unit,
  Units,
  Validation,
  ValidationRule
} from "@danvan/core"
import { Schema, Struct } from "effect"
import {
  HttpApi,
  HttpApiEndpoint,
  HttpApiGroup,
  HttpApiMiddleware,
  HttpApiSchema,
  OpenApi
} from "effect/http-api"
import * as ApiError from "./ApiError.ts"
import { Authentication } from "./Authentication.ts"

// ---------------------------------------------------------------------------------------------
// shared pieces
// ---------------------------------------------------------------------------------------------

/**
 * The query of a paged read: `after` (the `next` of the previous page) and `limit`, as
 * `Page.PageRequest` reads them.
 *
 * @category schemas
 * @since 0.1.0
 */
export const pageQuery = Page.PageRequest.fields

/**
 * One page of `item`s; `next` is the cursor of the following page, absent on the last.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PageOf = <S extends Schema.Top>(item: S) =>
  Schema.Struct({ items: Schema.Array(item), next: Schema.optionalKey(Schema.String) })

/** The fields of an input schema without those the path or the page carries. */
const without = <F extends Schema.Struct.Fields, const K extends keyof F & string>(
  fields: F,
  keys: ReadonlyArray<K>
) => Struct.omit(fields, keys)

const created = <S extends Schema.Top>(schema: S) => schema.pipe(HttpApiSchema.status(201))

const { always, policy, change, reportRules, modelRules, committeeRules } = ApiError

const ReportId = { reportId: Ids.ReportId }
const ModelId = { modelId: Ids.ModelId }
const CommitteeId = { committeeId: Ids.CommitteeId }

const CommitteeView = Schema.Struct({
  committee: SteeringCommittee.SteeringCommittee,
  composition: Schema.Array(SteeringCommittee.Membership)
})

const ModelView = Schema.Struct({ model: DvkModel.DvkModel, status: DvkModel.ModelStatus })

/** What `consolidateReport` answers (see `Consolidate.consolidateReport`). */
const ConsolidationView = Schema.Struct({
  asOf: CalendarDate.CalendarDate,
  consolidation: Rollup.Consolidation,
  own: Schema.OptionFromNullOr(Report.Report),
  completeness: Schema.Struct({
    expected: Schema.Int,
    missing: Schema.Array(Ids.UnitId),
    late: Schema.Array(Ids.UnitId),
    onTime: Schema.Array(Ids.UnitId)
  }),
  violations: Schema.Struct({
    own: Schema.Array(ApiError.withMessage(Validation.RuleViolation)),
    consolidated: Schema.Array(ApiError.withMessage(Validation.RuleViolation))
  })
}).annotate({ identifier: "Consolidation" })

/** What `taskFollowUp` answers (see `TaskFollowUps.taskFollowUp`). */
const TaskFollowUpView = Schema.Struct({
  asOf: CalendarDate.CalendarDate,
  directiveId: Ids.DirectiveId,
  tasks: Schema.Array(TaskFollowUp.TaskRow)
}).annotate({ identifier: "TaskFollowUp" })

/** What `tasksToReport` answers (see `TaskFollowUps.tasksToReport`). */
const TasksToReportView = Schema.Struct({
  unitId: Ids.UnitId,
  periodId: Period.PeriodId,
  /** The unit's report of the period and programme, when it has one. */
  reportId: Schema.optionalKey(Ids.ReportId),
  tasks: Schema.Array(
    Schema.Struct({
      directive: Schema.Struct(Struct.pick(Directive.Directive.fields, ["id", "number", "title"])),
      task: Directive.Task,
      /** The report's current progress on the task, when it reports on it. */
      progress: Schema.optionalKey(TaskFollowUp.TaskProgress)
    })
  )
}).annotate({ identifier: "TasksToReport" })

/**
 * Every error an endpoint can answer with, for an exhaustive `switch (error._tag)` in a client.
 * (Naming them here also lets the declarations of this module name each class by its namespace.)
 *
 * @category models
 * @since 0.1.0
 */
export type Failure =
  | ApiError.Unauthenticated
  | Core.UseCaseErrors.InvalidInput
  | Core.StoreError.StoreError
  | Core.Policy.NotPermitted
  | Core.Policy.SeparationOfDuties
  | Core.Jurisdiction.OutsideJurisdiction
  | Core.Units.InvalidUnits
  | Core.Reports.UnitNotInPeriod
  | Core.TaskFollowUps.InvalidTaskProgress
  | Core.ReportWorkflow.InvalidReportTransition
  | Core.ReportWorkflow.ReportLocked
  | Core.ReportWorkflow.InconsistentFigures
  | Core.ReportWorkflow.ReasonRequired
  | Core.ReportWorkflow.FiguresProgrammeMismatch
  | Core.ModelLifecycle.ModelRuleError
  | Core.CommitteeRules.InvalidCommittee
  | Core.DirectiveRules.InvalidDirective
  | Core.Regime.InvalidRegime

/**
 * The middleware of every endpoint that turns a request its schemas reject (a malformed path,
 * query or body) into a 422 `UseCaseErrors.InvalidInput` naming the endpoint and what is wrong,
 * as the use cases answer input they cannot read.
 *
 * @category middleware
 * @since 0.1.0
 */
export class InputValidation extends HttpApiMiddleware.Service<InputValidation>()(
  "@danvan/http-api/InputValidation",
  { error: ApiError.invalidInput }
) {}

// ---------------------------------------------------------------------------------------------
// groups
// ---------------------------------------------------------------------------------------------

/**
 * Units and their succession links: importing them (administrators) and reading them (open).
 *
 * @category groups
 * @since 0.1.0
 */
export class UnitsGroup extends HttpApiGroup.make("units")
  .add(
    HttpApiEndpoint.post("importUnits", "/units/import", {
      payload: Units.ImportUnitsInput,
      success: Schema.Struct({
        units: Schema.Array(Unit.Unit),
        successions: Schema.Array(Succession.Succession)
      }),
      error: [...change, ApiError.invalidUnits]
    })
  )
  .middleware(Authentication)
  .add(
    HttpApiEndpoint.get("searchUnits", "/units", {
      query: { ...without(Units.SearchUnitsInput.fields, ["page"]), ...pageQuery },
      success: PageOf(Unit.Unit),
      error: always
    }),
    HttpApiEndpoint.get("unit", "/units/:unitId", {
      params: Units.UnitRef.fields,
      success: Unit.Unit,
      error: [...always, ApiError.notFound]
    }),
    HttpApiEndpoint.get("unitsInJurisdiction", "/units/:rootId/jurisdiction", {
      params: { rootId: Ids.UnitId },
      query: { asOf: CalendarDate.CalendarDate, ...pageQuery },
      success: PageOf(Unit.Unit),
      error: [...always, ApiError.notFound]
    }),
    HttpApiEndpoint.get("successions", "/successions", {
      query: Units.SuccessionsInput.fields,
      success: Schema.Array(Succession.Succession),
      error: always
    })
  )
  .prefix("/api")
  .annotateMerge(
    OpenApi.annotations({ title: "Units", description: "Units over time and their successions" })
  ) {}

/**
 * Directives (văn bản chỉ đạo) and their tasks: registering them and reading them (open).
 *
 * @category groups
 * @since 0.1.0
 */
export class DirectivesGroup extends HttpApiGroup.make("directives")
  .add(
    HttpApiEndpoint.post("registerDirective", "/directives", {
      payload: Directives.RegisterDirectiveInput,
      success: created(Directive.Directive),
      error: [...change, ...ApiError.directiveRules]
    })
  )
  .middleware(Authentication)
  .add(
    HttpApiEndpoint.get("directives", "/directives", {
      query: { ...without(Directives.ListDirectivesInput.fields, ["page"]), ...pageQuery },
      success: PageOf(Directive.Directive),
      error: always
    }),
    HttpApiEndpoint.get("directivesInForce", "/directives/in-force", {
      query: Directives.DirectivesInForceInput.fields,
      success: Schema.Array(Directive.Directive),
      error: always
    }),
    HttpApiEndpoint.get("directivesApplicable", "/directives/applicable", {
      query: Directives.DirectivesApplicableInput.fields,
      success: Schema.Array(Directive.Directive),
      error: always
    }),
    HttpApiEndpoint.get("directive", "/directives/:directiveId", {
      params: Directives.DirectiveRef.fields,
      success: Directive.Directive,
      error: [...always, ApiError.notFound]
    })
  )
  .prefix("/api")
  .annotateMerge(OpenApi.annotations({ title: "Directives", description: "Directives and their tasks" })) {}

/**
 * Steering committees (ban chỉ đạo): composing them, appointing and replacing members, and reading
 * their composition on a date.
 *
 * @category groups
 * @since 0.1.0
 */
export class CommitteesGroup extends HttpApiGroup.make("committees")
  .add(
    HttpApiEndpoint.post("composeCommittee", "/committees", {
      payload: Committees.ComposeCommitteeInput,
      success: created(SteeringCommittee.SteeringCommittee),
      error: [...change, ...committeeRules]
    }),
    HttpApiEndpoint.post("appointMember", "/committees/:committeeId/members", {
      params: CommitteeId,
      payload: Schema.Struct(without(Committees.AppointMemberInput.fields, ["committeeId"])),
      success: SteeringCommittee.SteeringCommittee,
      error: [...change, ...committeeRules]
    }),
    HttpApiEndpoint.post("endMembership", "/committees/:committeeId/end-membership", {
      params: CommitteeId,
      payload: Schema.Struct(without(Committees.EndMembershipInput.fields, ["committeeId"])),
      success: SteeringCommittee.SteeringCommittee,
      error: [...change, ...committeeRules]
    }),
    HttpApiEndpoint.post("handOverPost", "/committees/:committeeId/hand-over", {
      params: CommitteeId,
      payload: Schema.Struct(without(Committees.HandOverPostInput.fields, ["committeeId"])),
      success: SteeringCommittee.SteeringCommittee,
      error: [...change, ...committeeRules]
    }),
    HttpApiEndpoint.post("dissolveCommittee", "/committees/:committeeId/dissolve", {
      params: CommitteeId,
      payload: Schema.Struct(without(Committees.DissolveCommitteeInput.fields, ["committeeId"])),
      success: SteeringCommittee.SteeringCommittee,
      error: [...change, ...committeeRules]
    }),
    HttpApiEndpoint.get("committeeOnDate", "/committees/:committeeId", {
      params: CommitteeId,
      query: without(Committees.CommitteeOnDateInput.fields, ["committeeId"]),
      success: CommitteeView,
      error: [...always, ...policy, ApiError.notFound]
    }),
    HttpApiEndpoint.get("committeesOfUnit", "/units/:unitId/committees", {
      params: { unitId: Ids.UnitId },
      query: without(Committees.CommitteesOfUnitInput.fields, ["unitId"]),
      success: Schema.Array(CommitteeView),
      error: [...always, ...policy]
    })
  )
  .middleware(Authentication)
  .prefix("/api")
  .annotateMerge(OpenApi.annotations({ title: "Committees", description: "Steering committees" })) {}

/**
 * "Dân vận khéo" models: registering, starting, evaluating, commending, discontinuing and
 * replicating them, and reading them.
 *
 * @category groups
 * @since 0.1.0
 */
export class ModelsGroup extends HttpApiGroup.make("models")
  .add(
    HttpApiEndpoint.post("registerModel", "/models", {
      payload: Models.RegisterModelInput,
      success: created(DvkModel.DvkModel),
      error: [...change, ...modelRules]
    }),
    HttpApiEndpoint.post("startModel", "/models/:modelId/start", {
      params: ModelId,
      payload: Schema.Struct(without(Models.StartModelInput.fields, ["modelId"])),
      success: DvkModel.DvkModel,
      error: [...change, ...modelRules]
    }),
    HttpApiEndpoint.post("evaluateModel", "/models/:modelId/evaluate", {
      params: ModelId,
      payload: Schema.Struct(without(Models.EvaluateModelInput.fields, ["modelId"])),
      success: DvkModel.DvkModel,
      error: [...change, ...modelRules]
    }),
    HttpApiEndpoint.post("commendModel", "/models/:modelId/commend", {
      params: ModelId,
      payload: Schema.Struct(without(Models.CommendModelInput.fields, ["modelId"])),
      success: DvkModel.DvkModel,
      error: [...change, ...modelRules]
    }),
    HttpApiEndpoint.post("discontinueModel", "/models/:modelId/discontinue", {
      params: ModelId,
      payload: Schema.Struct(without(Models.DiscontinueModelInput.fields, ["modelId"])),
      success: DvkModel.DvkModel,
      error: [...change, ...modelRules]
    }),
    HttpApiEndpoint.post("replicateModel", "/models/:sourceId/replicate", {
      params: { sourceId: Ids.ModelId },
      payload: Schema.Struct(without(Models.ReplicateModelInput.fields, ["sourceId"])),
      success: created(Schema.Struct({ replica: DvkModel.DvkModel, source: DvkModel.DvkModel })),
      error: [...change, ...modelRules]
    }),
    HttpApiEndpoint.get("models", "/models", {
      query: { ...without(Models.ListModelsInput.fields, ["page"]), ...pageQuery },
      success: PageOf(ModelView),
      error: [...always, ...policy]
    }),
    HttpApiEndpoint.get("model", "/models/:modelId", {
      params: ModelId,
      success: ModelView,
      error: [...always, ...policy, ApiError.notFound]
    })
  )
  .middleware(Authentication)
  .prefix("/api")
  .annotateMerge(OpenApi.annotations({ title: "Models", description: '"Dân vận khéo" models' })) {}

/**
 * The report workflow: create, edit, submit, return, approve and reopen reports, read them, their
 * revisions and lists, consolidate a jurisdiction's reports and follow up a directive's tasks in them.
 *
 * @category groups
 * @since 0.1.0
 */
export class ReportsGroup extends HttpApiGroup.make("reports")
  .add(
    HttpApiEndpoint.post("createReport", "/reports", {
      payload: Reports.CreateReportInput,
      success: created(Report.Report),
      error: [...change, ...reportRules]
    }),
    HttpApiEndpoint.put("editReport", "/reports/:reportId/content", {
      params: ReportId,
      payload: Schema.Struct(without(Reports.EditReportInput.fields, ["reportId"])),
      success: Report.Report,
      error: [...change, ...reportRules]
    }),
    HttpApiEndpoint.post("submitReport", "/reports/:reportId/submit", {
      params: ReportId,
      payload: Schema.Struct(without(Reports.ReportStep.fields, ["reportId"])),
      success: Schema.Struct({ report: Report.Report, revision: Report.ReportRevision }),
      error: [...change, ...reportRules]
    }),
    HttpApiEndpoint.post("returnReport", "/reports/:reportId/return", {
      params: ReportId,
      payload: Schema.Struct(without(Reports.ReasonInput.fields, ["reportId"])),
      success: Report.Report,
      error: [...change, ...reportRules]
    }),
    HttpApiEndpoint.post("approveReport", "/reports/:reportId/approve", {
      params: ReportId,
      payload: Schema.Struct(without(Reports.ReportStep.fields, ["reportId"])),
      success: Report.Report,
      error: [...change, ...reportRules, ApiError.separationOfDuties]
    }),
    HttpApiEndpoint.post("reopenReport", "/reports/:reportId/reopen", {
      params: ReportId,
      payload: Schema.Struct(without(Reports.ReasonInput.fields, ["reportId"])),
      success: Report.Report,
      error: [...change, ...reportRules]
    }),
    HttpApiEndpoint.get("reports", "/reports", {
      query: { ...without(Reports.ListReportsInput.fields, ["page"]), ...pageQuery },
      success: PageOf(Report.Report),
      error: [...always, ...policy]
    }),
    HttpApiEndpoint.get("findReport", "/reports/find", {
      query: Reports.FindReportInput.fields,
      success: Schema.NullOr(Report.Report),
      error: [...always, ...policy]
    }),
    HttpApiEndpoint.get("report", "/reports/:reportId", {
      params: ReportId,
      success: Report.Report,
      error: [...always, ...policy, ApiError.notFound]
    }),
    HttpApiEndpoint.get("reportHistory", "/reports/:reportId/history", {
      params: ReportId,
      success: Schema.Struct({ report: Report.Report, revisions: Schema.Array(Report.ReportRevision) }),
      error: [...always, ...policy, ApiError.notFound]
    }),
    HttpApiEndpoint.get("reportRevision", "/reports/:reportId/revisions/:revision", {
      params: Reports.RevisionRef.fields,
      success: Report.ReportRevision,
      error: [...always, ...policy, ApiError.notFound]
    }),
    HttpApiEndpoint.get("consolidateReport", "/consolidation", {
      query: Consolidate.ConsolidateReportInput.fields,
      success: ConsolidationView,
      error: [...always, ...policy, ApiError.notFound]
    }),
    HttpApiEndpoint.get("taskFollowUp", "/task-follow-up", {
      query: TaskFollowUps.TaskFollowUpInput.fields,
      success: TaskFollowUpView,
      error: [...always, ...policy, ApiError.notFound]
    }),
    HttpApiEndpoint.get("tasksToReport", "/task-follow-up/tasks", {
      query: TaskFollowUps.TasksToReportInput.fields,
      success: TasksToReportView,
      error: [...always, ...policy, ApiError.notFound]
    })
  )
  .middleware(Authentication)
  .prefix("/api")
  .annotateMerge(
    OpenApi.annotations({ title: "Reports", description: "The report workflow and consolidation" })
  ) {}

/**
 * The audit trail of a unit's actors.
 *
 * @category groups
 * @since 0.1.0
 */
export class AuditGroup extends HttpApiGroup.make("audit")
  .add(
    HttpApiEndpoint.get("auditTrail", "/audit", {
      query: { ...Audit.AuditQueryInput.fields, ...pageQuery },
      success: PageOf(AuditEntry.AuditEntry),
      error: [...always, ...policy]
    }),
    HttpApiEndpoint.get("auditTrailAll", "/audit/all", {
      query: Audit.AuditQueryInput.fields,
      success: Schema.Array(AuditEntry.AuditEntry),
      error: [...always, ...policy]
    })
  )
  .middleware(Authentication)
  .prefix("/api")
  .annotateMerge(OpenApi.annotations({ title: "Audit", description: "Who did what, when" })) {}

/**
 * Reference data: model fields, reporting regimes and validation rules; reading them is open,
 * changing them is for the administrators the policy names.
 *
 * @category groups
 * @since 0.1.0
 */
export class ReferenceGroup extends HttpApiGroup.make("reference")
  .add(
    HttpApiEndpoint.put("putField", "/reference/fields", {
      payload: ModelField.ModelField,
      success: ModelField.ModelField,
      error: change
    }),
    HttpApiEndpoint.put("putRegime", "/reference/regimes", {
      payload: Regime.ReportingRegime,
      success: Regime.ReportingRegime,
      error: [...change, ...ApiError.regimeRules]
    }),
    HttpApiEndpoint.put("putValidationRule", "/reference/validation-rules", {
      payload: ValidationRule.ValidationRule,
      success: ValidationRule.ValidationRule,
      error: change
    })
  )
  .middleware(Authentication)
  .add(
    HttpApiEndpoint.get("fields", "/reference/fields", {
      success: Schema.Array(ModelField.ModelField),
      error: always
    }),
    HttpApiEndpoint.get("regimes", "/reference/regimes", {
      success: Schema.Array(Regime.ReportingRegime),
      error: always
    }),
    HttpApiEndpoint.get("validationRules", "/reference/validation-rules", {
      query: { programme: Schema.optionalKey(Report.Report.fields.programme) },
      success: Schema.Array(ValidationRule.ValidationRule),
      error: always
    })
  )
  .prefix("/api")
  .annotateMerge(OpenApi.annotations({ title: "Reference data", description: "Fields, regimes, rules" })) {}

/**
 * The whole API.
 *
 * @category api
 * @since 0.1.0
 */
export class Api extends HttpApi.make("danvan")
  .add(UnitsGroup)
  .add(DirectivesGroup)
  .add(CommitteesGroup)
  .add(ModelsGroup)
  .add(ReportsGroup)
  .add(AuditGroup)
  .add(ReferenceGroup)
  .middleware(InputValidation)
  .annotateMerge(
    OpenApi.annotations({
      title: "danvan",
      version: "0.1.0",
      description:
        'The use cases of danvan (công tác dân vận: the Grassroots Democracy Regulation and the "Dân vận khéo" movement) over HTTP. The app authenticates; danvan authorises every call against its policy and the caller\'s jurisdiction.'
    })
  ) {}
