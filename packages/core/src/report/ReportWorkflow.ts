/**
 * The report workflow as pure transitions: create, edit, submit, return, approve, reopen.
 *
 * Reports go up the hierarchy one level at a time (Decree 09/2019/NĐ-CP, Art. 4 and 12, for state
 * reports; Party reporting to the Ban Dân vận likewise goes to the level directly above): a unit
 * drafts its report (dự thảo), submits it (gửi) to its parent, which returns it with a reason (trả
 * lại) or approves it (phê duyệt); an approved report is locked until it is reopened (mở lại), with
 * a reason. Every submission freezes the content as a new numbered revision (lần gửi), so what the
 * parent approved stays readable whatever happens later: an approved report changes only by
 * reopening, and every revision stays readable ([rules: Reports and rollup](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#reports-and-rollup-law-6)).
 * The article numbers of Decree 09/2019/NĐ-CP cited here are unconfirmed against its text.
 *
 * | status | allowed |
 * | --- | --- |
 * | draft | edit, submit |
 * | submitted | return, approve |
 * | returned | edit, submit |
 * | approved | reopen |
 * | reopened | edit, submit |
 *
 * The transitions check the state machine and the report's own consistency; who may take each
 * step is the business of `Jurisdiction`, and storing the result that of the use cases.
 *
 * @since 0.1.0
 */
import { Array as Arr, Result, Schema } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as Deadline from "../calendar/Deadline.ts"
import * as Period from "../calendar/Period.ts"
import type { ReportingRegime } from "../calendar/Regime.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { type RegimeId, ReportId, type UnitId } from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import { normalize } from "../kernel/Text.ts"
import * as Timestamp from "../kernel/Timestamp.ts"
import * as Violation from "../kernel/Violation.ts"
import type { UnitLevel } from "../unit/Unit.ts"
import * as FiguresRules from "./FiguresRules.ts"
import { Report, type ReportContent, type ReportEvent, ReportRevision, ReportStatus } from "./Report.ts"

/**
 * The steps of the workflow.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReportAction = Schema.Literals(["create", "edit", "submit", "return", "approve", "reopen"])
/**
 * @category models
 * @since 0.1.0
 */
export type ReportAction = typeof ReportAction.Type

/**
 * What may be done to a report in each status (the table above). `create` is never allowed on an
 * existing report.
 *
 * @category constants
 * @since 0.1.0
 */
export const allowedActions: Readonly<Record<ReportStatus, ReadonlyArray<ReportAction>>> = {
  draft: ["edit", "submit"],
  submitted: ["return", "approve"],
  returned: ["edit", "submit"],
  approved: ["reopen"],
  reopened: ["edit", "submit"]
}

/**
 * Whether `action` is allowed on a report in `status`.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isAllowed = (status: ReportStatus, action: ReportAction): boolean =>
  allowedActions[status].includes(action)

const verb: Record<ReportAction, string> = {
  create: "create",
  edit: "edit",
  submit: "submit",
  return: "return",
  approve: "approve",
  reopen: "reopen"
}

const hint: Record<ReportStatus, string> = {
  draft: "a draft can be edited or submitted",
  submitted: "a submitted report waits for its parent unit to approve or return it",
  returned: "a returned report can be edited and submitted again",
  approved: "an approved report can only be reopened",
  reopened: "a reopened report can be edited and submitted again"
}

/**
 * The step is not allowed in the report's current status.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidReportTransition extends DanvanError.TaggedError<InvalidReportTransition>()(
  "InvalidReportTransition",
  { reportId: ReportId, action: ReportAction, status: ReportStatus }
) {
  override get message(): string {
    return `cannot ${verb[this.action]} report ${JSON.stringify(this.reportId)}: it is ${this.status}, and ${hint[this.status]}`
  }
}

/**
 * The report is approved and therefore locked: nothing changes it until it is reopened.
 *
 * @category errors
 * @since 0.1.0
 */
export class ReportLocked extends DanvanError.TaggedError<ReportLocked>()("ReportLocked", {
  reportId: ReportId,
  action: ReportAction
}) {
  override get message(): string {
    return `report ${JSON.stringify(this.reportId)} is approved and locked: reopen it, giving a reason, before you ${verb[this.action]} it`
  }
}

/**
 * The figures break the report's own consistency rules (a breakdown that does not sum to its
 * total, commended above effective, …). Every problem is listed, not only the first.
 *
 * @category errors
 * @since 0.1.0
 */
export class InconsistentFigures extends DanvanError.TaggedError<InconsistentFigures>()(
  "InconsistentFigures",
  {
    reportId: ReportId,
    violations: Schema.NonEmptyArray(FiguresRules.FiguresViolation)
  }
) {
  override get message(): string {
    return `report ${JSON.stringify(this.reportId)} cannot be submitted because its figures are inconsistent: ${Violation.format(this.violations)}`
  }
}

/**
 * Returning or reopening a report needs a reason, so the unit knows what to correct.
 *
 * @category errors
 * @since 0.1.0
 */
export class ReasonRequired extends DanvanError.TaggedError<ReasonRequired>()("ReasonRequired", {
  reportId: ReportId,
  action: ReportAction
}) {
  override get message(): string {
    return `to ${verb[this.action]} report ${JSON.stringify(this.reportId)} give a reason (1 to ${maxReasonLength} characters)`
  }
}

/**
 * The figures belong to another programme than the report (QCDC figures in a DVK report).
 *
 * @category errors
 * @since 0.1.0
 */
export class FiguresProgrammeMismatch extends DanvanError.TaggedError<FiguresProgrammeMismatch>()(
  "FiguresProgrammeMismatch",
  { reportId: ReportId, programme: Programme, figuresProgramme: Programme }
) {
  override get message(): string {
    return `report ${JSON.stringify(this.reportId)} is a ${this.programme} report but was given ${this.figuresProgramme} figures`
  }
}

/**
 * Every error a transition can fail with.
 *
 * @category errors
 * @since 0.1.0
 */
export type WorkflowError =
  | InvalidReportTransition
  | ReportLocked
  | InconsistentFigures
  | ReasonRequired
  | FiguresProgrammeMismatch

/**
 * When and by whom a step is taken.
 *
 * @category models
 * @since 0.1.0
 */
export interface Stamp {
  readonly at: Timestamp.Timestamp
  readonly by: Actor
}

/**
 * The longest reason accepted, as `Report.ReportEvent` stores it.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxReasonLength = 2000

/**
 * @category models
 * @since 0.1.0
 */
export interface CreateInput {
  readonly id: ReportId
  readonly unitId: UnitId
  readonly programme: Programme
  readonly periodId: Period.PeriodId
  readonly regimeId: RegimeId
  readonly content: ReportContent
}

const checkProgramme = (
  reportId: ReportId,
  programme: Programme,
  content: ReportContent
): Result.Result<void, FiguresProgrammeMismatch> =>
  content.figures._tag === programme
    ? Result.void
    : Result.fail(
        new FiguresProgrammeMismatch({ reportId, programme, figuresProgramme: content.figures._tag })
      )

const guard = (
  report: Report,
  action: ReportAction
): Result.Result<void, InvalidReportTransition | ReportLocked> =>
  isAllowed(report.status, action)
    ? Result.void
    : report.status === "approved"
      ? Result.fail(new ReportLocked({ reportId: report.id, action }))
      : Result.fail(new InvalidReportTransition({ reportId: report.id, action, status: report.status }))

const next = (report: Report, status: ReportStatus, event: ReportEvent, changes?: Partial<Report>): Report =>
  new Report({ ...report, ...changes, status, events: [...report.events, event] })

const reasonOf = (
  report: Report,
  action: ReportAction,
  reason: string
): Result.Result<string, ReasonRequired> => {
  const text = normalize(reason)
  return text.length >= 1 && text.length <= maxReasonLength
    ? Result.succeed(text)
    : Result.fail(new ReasonRequired({ reportId: report.id, action }))
}

/**
 * A new report in `draft`, at revision 0. Its figures must be of the report's programme.
 *
 * @category rules
 * @since 0.1.0
 */
export const create = (input: CreateInput, stamp: Stamp): Result.Result<Report, FiguresProgrammeMismatch> =>
  Result.map(
    checkProgramme(input.id, input.programme, input.content),
    () =>
      new Report({
        ...input,
        status: "draft",
        revision: 0,
        events: [{ _tag: "Created", at: stamp.at, by: stamp.by }],
        version: 0
      })
  )

/**
 * Replaces the working content of a draft, returned or reopened report. A submitted report waits
 * for its parent; an approved one is locked.
 *
 * @category rules
 * @since 0.1.0
 */
export const edit = (
  report: Report,
  content: ReportContent,
  stamp: Stamp
): Result.Result<Report, InvalidReportTransition | ReportLocked | FiguresProgrammeMismatch> =>
  Result.flatMap(guard(report, "edit"), () =>
    Result.map(checkProgramme(report.id, report.programme, content), () =>
      next(report, report.status, { _tag: "Edited", at: stamp.at, by: stamp.by }, { content })
    )
  )

/**
 * A submission: the report as submitted and the revision it froze.
 *
 * @category models
 * @since 0.1.0
 */
export interface Submission {
  readonly report: Report
  readonly revision: ReportRevision
}

/**
 * What timeliness is judged against.
 *
 * @category models
 * @since 0.1.0
 */
export interface Timeliness {
  /** The report's reporting regime (`report.regimeId`). */
  readonly regime: ReportingRegime
  /** The level of the reporting unit, whose deadline applies. */
  readonly level: UnitLevel
}

/**
 * Submits a draft, returned or reopened report: its figures must pass `FiguresRules.check` (all
 * problems are reported together); the content is frozen as revision n+1, whose timeliness is
 * judged from the submission day in Vietnam against the regime's deadline for the unit's level
 * (`Deadline.isOnTime`).
 *
 * @category rules
 * @since 0.1.0
 */
export const submit = (
  report: Report,
  stamp: Stamp,
  timeliness: Timeliness
): Result.Result<Submission, InvalidReportTransition | ReportLocked | InconsistentFigures> =>
  Result.flatMap(guard(report, "submit"), () => {
    const violations = FiguresRules.check(report.content.figures)
    if (Arr.isReadonlyArrayNonEmpty(violations)) {
      return Result.fail(new InconsistentFigures({ reportId: report.id, violations }))
    }
    const number = report.revision + 1
    const onTime = Deadline.isOnTime(
      timeliness.regime,
      Period.fromId(report.periodId),
      timeliness.level,
      Timestamp.dateInVietnam(stamp.at)
    )
    return Result.succeed({
      report: next(
        report,
        "submitted",
        { _tag: "Submitted", at: stamp.at, by: stamp.by, revision: number, onTime },
        { revision: number }
      ),
      revision: new ReportRevision({
        reportId: report.id,
        revision: number,
        content: report.content,
        submittedAt: stamp.at,
        submittedBy: stamp.by,
        onTime
      })
    })
  })

/**
 * Returns a submitted report to its unit, with a reason (trả lại). The unit may then edit it and
 * submit again.
 *
 * @category rules
 * @since 0.1.0
 */
export const returnReport = (
  report: Report,
  reason: string,
  stamp: Stamp
): Result.Result<Report, InvalidReportTransition | ReportLocked | ReasonRequired> =>
  Result.flatMap(guard(report, "return"), () =>
    Result.map(reasonOf(report, "return", reason), (text) =>
      next(report, "returned", { _tag: "Returned", at: stamp.at, by: stamp.by, reason: text })
    )
  )

/**
 * Approves a submitted report; from then on it is locked until reopened.
 *
 * @category rules
 * @since 0.1.0
 */
export const approve = (
  report: Report,
  stamp: Stamp
): Result.Result<Report, InvalidReportTransition | ReportLocked> =>
  Result.map(guard(report, "approve"), () =>
    next(report, "approved", { _tag: "Approved", at: stamp.at, by: stamp.by })
  )

/**
 * Reopens an approved report, with a reason, so its unit can correct it; the approved revision
 * stays as it was.
 *
 * @category rules
 * @since 0.1.0
 */
export const reopen = (
  report: Report,
  reason: string,
  stamp: Stamp
): Result.Result<Report, InvalidReportTransition | ReasonRequired> =>
  report.status !== "approved"
    ? Result.fail(
        new InvalidReportTransition({ reportId: report.id, action: "reopen", status: report.status })
      )
    : Result.map(reasonOf(report, "reopen", reason), (text) =>
        next(report, "reopened", { _tag: "Reopened", at: stamp.at, by: stamp.by, reason: text })
      )

/**
 * Whether the report's first submission was on time; `undefined` before any submission.
 * Completeness reports use the first submission: a report returned and resubmitted after the
 * deadline was still submitted on time.
 *
 * @category queries
 * @since 0.1.0
 */
export const firstSubmission = (
  report: Pick<Report, "events">
): { readonly at: Timestamp.Timestamp; readonly onTime: boolean } | undefined => {
  for (const e of report.events) if (e._tag === "Submitted") return { at: e.at, onTime: e.onTime }
  return undefined
}
