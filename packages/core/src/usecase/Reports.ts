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
import { Effect, type Result, Schema } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import { PeriodId } from "../calendar/Period.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import * as FiguresRules from "../report/FiguresRules.ts"
import { type Report, ReportContent, type ReportRevision } from "../report/Report.ts"
import * as ReportWorkflow from "../report/ReportWorkflow.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import { requireOwn, requireRead, requireReview, today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

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

/** A change to a report: the report as changed, and the revision a submission freezes. */
interface Changed {
  readonly report: Report
  readonly revision?: ReportRevision
}

/**
 * One step of the workflow on a stored report, in one transaction: loads the report, lets
 * `authorise` check the actor (on today's date in Vietnam), applies `step`, stores the report (with
 * its new revision, if any) and records `audit` of what was stored.
 */
const transition = <C extends Changed, E1, R1, E2, R2>(
  actor: Actor,
  reportId: Ids.ReportId,
  authorise: (report: Report, on: CalendarDate) => Effect.Effect<void, E1, R1>,
  step: (report: Report, stamp: ReportWorkflow.Stamp) => Effect.Effect<C, E2, R2>,
  audit: (stored: Report, changed: C) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const report = yield* reports.get(reportId)
      const { at, on } = yield* today
      yield* authorise(report, on)
      const changed = yield* step(report, { at, by: actor })
      const stored = yield* reports.update(changed.report, changed.revision)
      yield* record(actor, at, [{ ...audit(stored, changed), subjectKind: "report", subjectId: stored.id }])
      return { ...changed, report: stored }
    })
  )

/** The actor acts for the report's own unit (Jurisdiction: own unit). */
const own = (actor: Actor, action: string) => (report: Report) =>
  Effect.fromResult(Jurisdiction.canSubmit(actor, report, action))

/** The actor's unit is directly above the report's (Jurisdiction: units directly under). */
const above = (actor: Actor, action: string) => (report: Report, on: CalendarDate) =>
  requireReview(actor, report, on, action)

const changed = <E>(r: Result.Result<Report, E>) => Effect.map(Effect.fromResult(r), (report) => ({ report }))

/** The reason of the event a step just appended, if it has one. */
const reasonOf = (report: Report): string => {
  const last = report.events[report.events.length - 1]
  return last !== undefined && "reason" in last ? `: ${last.reason}` : ""
}

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
    const { report } = yield* transition(
      actor,
      i.reportId,
      own(actor, "edit a report of"),
      (r, stamp) => changed(ReportWorkflow.edit(r, i.content, stamp)),
      (stored) => ({ action: "report.edited", summary: `edited ${describe(stored)}` })
    )
    return report
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
    return yield* transition(
      actor,
      i.reportId,
      own(actor, "submit a report of"),
      (r, stamp) =>
        Effect.gen(function* () {
          const regime = yield* (yield* ReferenceData).regime(r.regimeId)
          const unit = yield* (yield* UnitRepository).get(r.unitId)
          return yield* Effect.fromResult(ReportWorkflow.submit(r, stamp, { regime, level: unit.level }))
        }),
      (stored, { revision }) => ({
        action: "report.submitted",
        summary: `submitted ${describe(stored)} as revision ${revision.revision} (${revision.onTime ? "on time" : "late"})`
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
    const { report } = yield* transition(
      actor,
      i.reportId,
      above(actor, "return a report of"),
      (r, stamp) => changed(ReportWorkflow.returnReport(r, i.reason, stamp)),
      (stored) => ({ action: "report.returned", summary: `returned ${describe(stored)}${reasonOf(stored)}` })
    )
    return report
  })

/**
 * Approves a submitted report of a unit directly under the actor's unit; it is then locked.
 *
 * @since 0.1.0
 */
export const approveReport = (actor: Actor, input: ReportRef) =>
  Effect.gen(function* () {
    const i = yield* decode(ReportRef, "approveReport")(input)
    const { report } = yield* transition(
      actor,
      i.reportId,
      above(actor, "approve a report of"),
      (r, stamp) => changed(ReportWorkflow.approve(r, stamp)),
      (stored) => ({
        action: "report.approved",
        summary: `approved ${describe(stored)} at revision ${stored.revision}`
      })
    )
    return report
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
    const { report } = yield* transition(
      actor,
      i.reportId,
      above(actor, "reopen a report of"),
      (r, stamp) => changed(ReportWorkflow.reopen(r, i.reason, stamp)),
      (stored) => ({ action: "report.reopened", summary: `reopened ${describe(stored)}${reasonOf(stored)}` })
    )
    return report
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
