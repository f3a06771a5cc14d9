/**
 * Use cases of the report workflow: create, edit, submit, return, approve, reopen, and read a
 * report's history of revisions.
 *
 * Each use case decodes its plain input, checks jurisdiction (a unit drafts and submits its own
 * reports; the unit directly above reviews them: Decree 09/2019/NĐ-CP, Art. 4), applies the pure
 * transition of `ReportWorkflow`, and writes the report, its new revision and an audit entry in one
 * transaction. A stale write (someone changed the report meanwhile) fails with
 * `StoreError.VersionConflict` and changes nothing.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import { PeriodId } from "../calendar/Period.ts"
import * as Ids from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import * as FiguresRules from "../report/FiguresRules.ts"
import { type Report, ReportContent } from "../report/Report.ts"
import * as ReportWorkflow from "../report/ReportWorkflow.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitOfWork } from "../store/UnitOfWork.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import { requireOwn, requireRead, requireReview, today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode } from "./Errors.ts"

const inTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(UnitOfWork, (uow) => uow.transaction(effect))

const describe = (r: Report) => `${r.programme} report ${r.periodId} of unit ${r.unitId}`

/** @since 0.1.0 */
export const CreateReportInput = Schema.Struct({
  /** Chosen by the app, or made with `Ids.random("report")`. */
  id: Schema.optionalKey(Ids.ReportId),
  unitId: Ids.UnitId,
  programme: Programme,
  periodId: PeriodId,
  regimeId: Ids.RegimeId,
  /** The first content; empty figures (over the configured model fields) and empty text if absent. */
  content: Schema.optionalKey(ReportContent)
})
/** @since 0.1.0 */
export type CreateReportInput = typeof CreateReportInput.Encoded

/**
 * Creates a draft report of the actor's own unit. The reporting regime must exist; a unit has at
 * most one report per period and programme (the store refuses a second).
 *
 * @since 0.1.0
 */
export const createReport = (actor: Actor, input: CreateReportInput) =>
  Effect.gen(function* () {
    const i = yield* decode(CreateReportInput, "createReport")(input)
    yield* requireOwn(actor, i.unitId, "create a report for")
    return yield* inTransaction(
      Effect.gen(function* () {
        const reference = yield* ReferenceData
        const reports = yield* ReportRepository
        yield* reference.regime(i.regimeId)
        const content =
          i.content ??
          new ReportContent({
            figures:
              i.programme === "DVK"
                ? FiguresRules.emptyDvk((yield* reference.fields).map((f) => f.id))
                : FiguresRules.emptyQcdc(),
            achievements: "",
            shortcomings: "",
            nextTasks: ""
          })
        const { at } = yield* today
        const draft = yield* Effect.fromResult(
          ReportWorkflow.create(
            {
              id: i.id ?? Ids.ReportId.make(Ids.random("report")),
              unitId: i.unitId,
              programme: i.programme,
              periodId: i.periodId,
              regimeId: i.regimeId,
              content
            },
            { at, by: actor }
          )
        )
        const stored = yield* reports.insert(draft)
        yield* record(actor, at, [
          {
            action: "report.created",
            subjectKind: "report",
            subjectId: stored.id,
            summary: `created ${describe(stored)}`
          }
        ])
        return stored
      })
    )
  })

/** @since 0.1.0 */
export const EditReportInput = Schema.Struct({ reportId: Ids.ReportId, content: ReportContent })
/** @since 0.1.0 */
export type EditReportInput = typeof EditReportInput.Encoded

/**
 * Replaces the content of a draft, returned or reopened report of the actor's own unit.
 *
 * @since 0.1.0
 */
export const editReport = (actor: Actor, input: EditReportInput) =>
  Effect.gen(function* () {
    const i = yield* decode(EditReportInput, "editReport")(input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const report = yield* reports.get(i.reportId)
        yield* Effect.fromResult(Jurisdiction.canSubmit(actor, report, "edit a report of"))
        const { at } = yield* today
        const edited = yield* Effect.fromResult(ReportWorkflow.edit(report, i.content, { at, by: actor }))
        const stored = yield* reports.update(edited)
        yield* record(actor, at, [
          {
            action: "report.edited",
            subjectKind: "report",
            subjectId: stored.id,
            summary: `edited ${describe(stored)}`
          }
        ])
        return stored
      })
    )
  })

/** @since 0.1.0 */
export const ReportRef = Schema.Struct({ reportId: Ids.ReportId })
/** @since 0.1.0 */
export type ReportRef = typeof ReportRef.Encoded

/**
 * Submits a report of the actor's own unit to its parent: the figures must be consistent; the
 * content is frozen as the next revision, on time or late against the regime's deadline for the
 * unit's level.
 *
 * @since 0.1.0
 */
export const submitReport = (actor: Actor, input: ReportRef) =>
  Effect.gen(function* () {
    const i = yield* decode(ReportRef, "submitReport")(input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const report = yield* reports.get(i.reportId)
        yield* Effect.fromResult(Jurisdiction.canSubmit(actor, report, "submit a report of"))
        const regime = yield* (yield* ReferenceData).regime(report.regimeId)
        const unit = yield* (yield* UnitRepository).get(report.unitId)
        const { at } = yield* today
        const submission = yield* Effect.fromResult(
          ReportWorkflow.submit(report, { at, by: actor }, { regime, level: unit.level })
        )
        const stored = yield* reports.update(submission.report, submission.revision)
        const timing = submission.revision.onTime ? "on time" : "late"
        yield* record(actor, at, [
          {
            action: "report.submitted",
            subjectKind: "report",
            subjectId: stored.id,
            summary: `submitted ${describe(stored)} as revision ${submission.revision.revision} (${timing})`
          }
        ])
        return { report: stored, revision: submission.revision }
      })
    )
  })

/** @since 0.1.0 */
export const ReasonInput = Schema.Struct({ reportId: Ids.ReportId, reason: Schema.String })
/** @since 0.1.0 */
export type ReasonInput = typeof ReasonInput.Encoded

/**
 * Returns a submitted report of a unit directly under the actor's unit, with a reason.
 *
 * @since 0.1.0
 */
export const returnReport = (actor: Actor, input: ReasonInput) =>
  Effect.gen(function* () {
    const i = yield* decode(ReasonInput, "returnReport")(input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const report = yield* reports.get(i.reportId)
        const { at, on } = yield* today
        yield* requireReview(actor, report, on, "return a report of")
        const returned = yield* Effect.fromResult(
          ReportWorkflow.returnReport(report, i.reason, { at, by: actor })
        )
        const stored = yield* reports.update(returned)
        const reason = returned.events[returned.events.length - 1]
        yield* record(actor, at, [
          {
            action: "report.returned",
            subjectKind: "report",
            subjectId: stored.id,
            summary: `returned ${describe(stored)}${reason?._tag === "Returned" ? `: ${reason.reason}` : ""}`
          }
        ])
        return stored
      })
    )
  })

/**
 * Approves a submitted report of a unit directly under the actor's unit; it is then locked.
 *
 * @since 0.1.0
 */
export const approveReport = (actor: Actor, input: ReportRef) =>
  Effect.gen(function* () {
    const i = yield* decode(ReportRef, "approveReport")(input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const report = yield* reports.get(i.reportId)
        const { at, on } = yield* today
        yield* requireReview(actor, report, on, "approve a report of")
        const approved = yield* Effect.fromResult(ReportWorkflow.approve(report, { at, by: actor }))
        const stored = yield* reports.update(approved)
        yield* record(actor, at, [
          {
            action: "report.approved",
            subjectKind: "report",
            subjectId: stored.id,
            summary: `approved ${describe(stored)} at revision ${stored.revision}`
          }
        ])
        return stored
      })
    )
  })

/**
 * Reopens an approved report of a unit directly under the actor's unit, with a reason; the
 * approved revision stays readable.
 *
 * @since 0.1.0
 */
export const reopenReport = (actor: Actor, input: ReasonInput) =>
  Effect.gen(function* () {
    const i = yield* decode(ReasonInput, "reopenReport")(input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const report = yield* reports.get(i.reportId)
        const { at, on } = yield* today
        yield* requireReview(actor, report, on, "reopen a report of")
        const reopened = yield* Effect.fromResult(ReportWorkflow.reopen(report, i.reason, { at, by: actor }))
        const stored = yield* reports.update(reopened)
        const reason = reopened.events[reopened.events.length - 1]
        yield* record(actor, at, [
          {
            action: "report.reopened",
            subjectKind: "report",
            subjectId: stored.id,
            summary: `reopened ${describe(stored)}${reason?._tag === "Reopened" ? `: ${reason.reason}` : ""}`
          }
        ])
        return stored
      })
    )
  })

/**
 * A report and every revision it was submitted as, oldest first, for an actor whose jurisdiction
 * holds the report's unit (or the unit carrying its history) today.
 *
 * @since 0.1.0
 */
export const reportHistory = (actor: Actor, input: ReportRef) =>
  Effect.gen(function* () {
    const i = yield* decode(ReportRef, "reportHistory")(input)
    const reports = yield* ReportRepository
    const report = yield* reports.get(i.reportId)
    const { on } = yield* today
    yield* requireRead(actor, report.unitId, on, "read the reports of")
    const revisions = yield* reports.revisions(report.id)
    return { report, revisions }
  })
