/**
 * Use cases of the report workflow: create, edit, submit, return, approve, reopen, and read
 * reports, their lists and their revisions.
 *
 * Each use case decodes its actor and plain input, checks the policy (a unit's officers draft and
 * submit its reports; the unit it submits to reviews them: Decree 09/2019/NĐ-CP, Art. 4), applies
 * the pure transition of `ReportWorkflow`, and writes the report, its new revision and an audit
 * entry in one transaction. Every step on a stored report takes the `version` the caller read: if
 * anyone changed the report since, the step fails with `StoreError.VersionConflict` and changes
 * nothing, so no save silently overwrites another. A report outside what the actor may read is
 * `NotFound`, as if it did not exist.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Policy from "../access/Policy.ts"
import * as Calendar from "../calendar/Calendar.ts"
import * as Period from "../calendar/Period.ts"
import type { CalendarKind } from "../calendar/Regime.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as Ids from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import { Text } from "../kernel/Text.ts"
import * as Timestamp from "../kernel/Timestamp.ts"
import * as FiguresRules from "../report/FiguresRules.ts"
import { type Report, ReportContent, type ReportRevision, ReportStatus } from "../report/Report.ts"
import * as ReportWorkflow from "../report/ReportWorkflow.ts"
import * as Page from "../store/Page.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import type { Unit } from "../unit/Unit.ts"
import {
  begin,
  type Call,
  requireOwn,
  requireRead,
  requireReview,
  requireVersion,
  requireVisible
} from "./Access.ts"
import { record } from "./Audit.ts"
import { cursorIsInput, decode } from "./Errors.ts"
import { requireTaskProgress } from "./TaskFollowUps.ts"
import { inTransaction } from "./Transaction.ts"

const describe = (r: Report) => `${r.programme} report ${r.periodId} of unit ${r.unitId}`

/** The version a caller read, which a change is based on. */
const Version = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/**
 * A unit reports only for periods it existed in: a unit that ended (a district abolished on
 * 01/07/2025) neither opens nor submits a report for a period that starts on or after its end,
 * and a unit does not report for a period that ended before it began.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnitNotInPeriod extends DanvanError.TaggedError<UnitNotInPeriod>()("UnitNotInPeriod", {
  unitId: Ids.UnitId,
  periodId: Period.PeriodId,
  first: CalendarDate.CalendarDate,
  last: CalendarDate.CalendarDate,
  validFrom: CalendarDate.CalendarDate,
  validUntil: Schema.optionalKey(CalendarDate.CalendarDate)
}) {
  override get message(): string {
    const validity = `${this.validFrom} to ${this.validUntil === undefined ? "today" : `${this.validUntil} (exclusive)`}`
    return `unit ${JSON.stringify(this.unitId)} existed from ${validity}, so it does not report for ${this.periodId} (${this.first} to ${this.last})`
  }
}

/** Fails unless `unit` existed on some day of the period's window under the regime. */
const requireInPeriod = (unit: Unit, periodId: Period.PeriodId, calendar: CalendarKind) => {
  const { first, last } = Calendar.window(calendar, Period.fromId(periodId))
  const overlaps = unit.validFrom <= last && (unit.validUntil === undefined || first < unit.validUntil)
  return overlaps
    ? Effect.void
    : Effect.fail(
        new UnitNotInPeriod({
          unitId: unit.id,
          periodId,
          first,
          last,
          validFrom: unit.validFrom,
          ...(unit.validUntil === undefined ? {} : { validUntil: unit.validUntil })
        })
      )
}

/**
 * @category schemas
 * @since 0.1.0
 */
export const CreateReportInput = Schema.Struct({
  /** Chosen by the app, or made with `Ids.random("report")`. */
  id: Schema.optionalKey(Ids.ReportId),
  unitId: Ids.UnitId,
  programme: Programme,
  periodId: Period.PeriodId,
  regimeId: Ids.RegimeId,
  /** The first content; empty figures (over the configured model fields) and empty text if absent. */
  content: Schema.optionalKey(ReportContent)
})
/**
 * @category models
 * @since 0.1.0
 */
export type CreateReportInput = typeof CreateReportInput.Encoded

/**
 * Creates a draft report of the actor's own unit (`reports.draft`). The reporting regime must
 * exist; the unit must have existed during the period (`UnitNotInPeriod`); a first content's task
 * follow-up is checked as `editReport` checks it; a unit has at most one
 * report per period and programme (the store refuses a second).
 *
 * @category use cases
 * @since 0.1.0
 */
export const createReport = (actor: Actor.ActorInput, input: CreateReportInput) =>
  Effect.gen(function* () {
    const call = yield* begin("createReport", actor, "reports.draft")
    const i = yield* decode(CreateReportInput, "createReport")(input)
    yield* requireOwn(call, i.unitId, "create a report for")
    return yield* inTransaction(
      Effect.gen(function* () {
        const reference = yield* ReferenceData
        const reports = yield* ReportRepository
        const regime = yield* reference.regime(i.regimeId)
        const unit = yield* (yield* UnitRepository).get(i.unitId)
        yield* requireInPeriod(unit, i.periodId, regime.calendar)
        if (i.content !== undefined) yield* requireTaskProgress(unit, i.periodId, regime.calendar, i.content)
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
            { at: call.at, by: call.actor }
          )
        )
        const stored = yield* reports.insert(draft)
        yield* record(call.actor, call.at, [
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
 * One step of the workflow on a stored report, in one transaction: loads the report (`NotFound`
 * unless the actor may read it), lets `authorise` check the actor, checks the caller's `version`,
 * applies `step`, stores the report (with its new revision, if any) and records `audit` of what
 * was stored.
 */
const transition = <C extends Changed, E1, R1, E2, R2>(
  call: Call,
  target: { readonly reportId: Ids.ReportId; readonly version: number },
  authorise: (report: Report) => Effect.Effect<void, E1, R1>,
  step: (report: Report, stamp: ReportWorkflow.Stamp) => Effect.Effect<C, E2, R2>,
  audit: (stored: Report, changed: C) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const report = yield* reports.get(target.reportId)
      yield* requireVisible(call, report, "report", report.id)
      yield* authorise(report)
      yield* requireVersion("report", report, target.version)
      const changed = yield* step(report, { at: call.at, by: call.actor })
      const stored = yield* reports.update(changed.report, changed.revision)
      yield* record(call.actor, call.at, [
        { ...audit(stored, changed), subjectKind: "report", subjectId: stored.id }
      ])
      return { ...changed, report: stored }
    })
  )

/** The actor acts for the report's own unit. */
const own = (call: Call, action: string) => (report: Report) => requireOwn(call, report.unitId, action)

/** The day in Vietnam of the report's latest submission, if it was ever submitted. */
const lastSubmission = (report: Report) => {
  const submitted = report.events.findLast((e) => e._tag === "Submitted")
  return submitted === undefined ? undefined : Timestamp.dateInVietnam(submitted.at)
}

/** The actor's unit is the one the report was submitted to. */
const reviewer = (call: Call, action: string) => (report: Report) =>
  requireReview(call, { unitId: report.unitId, submittedOn: lastSubmission(report) }, action)

const changed = <E>(r: Effect.Effect<Report, E>) => Effect.map(r, (report) => ({ report }))

/** The reason of the event a step just appended, if it has one. */
const reasonOf = (report: Report): string => {
  const last = report.events[report.events.length - 1]
  return last !== undefined && "reason" in last ? `: ${last.reason}` : ""
}

/**
 * @category schemas
 * @since 0.1.0
 */
export const EditReportInput = Schema.Struct({
  reportId: Ids.ReportId,
  /** The version of the report the edit is based on (the `version` of the report as read). */
  version: Version,
  content: ReportContent
})
/**
 * @category models
 * @since 0.1.0
 */
export type EditReportInput = typeof EditReportInput.Encoded

/**
 * Replaces the content of a draft, returned or reopened report of the actor's own unit
 * (`reports.draft`), at the version the caller read. Its task follow-up must report once on each
 * task and only on tasks applicable and assigned to the unit in the period
 * (`TaskFollowUps.InvalidTaskProgress`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const editReport = (actor: Actor.ActorInput, input: EditReportInput) =>
  Effect.gen(function* () {
    const call = yield* begin("editReport", actor, "reports.draft")
    const i = yield* decode(EditReportInput, "editReport")(input)
    const { report } = yield* transition(
      call,
      i,
      own(call, "edit a report of"),
      (r, stamp) =>
        Effect.gen(function* () {
          const regime = yield* (yield* ReferenceData).regime(r.regimeId)
          const unit = yield* (yield* UnitRepository).get(r.unitId)
          yield* requireTaskProgress(unit, r.periodId, regime.calendar, i.content)
          return yield* changed(Effect.fromResult(ReportWorkflow.edit(r, i.content, stamp)))
        }),
      (stored) => ({ action: "report.edited", summary: `edited ${describe(stored)}` })
    )
    return report
  })

/**
 * A report, for reading.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReportRef = Schema.Struct({ reportId: Ids.ReportId })
/**
 * @category models
 * @since 0.1.0
 */
export type ReportRef = typeof ReportRef.Encoded

/**
 * A step on a report at the version the caller read.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReportStep = Schema.Struct({ reportId: Ids.ReportId, version: Version })
/**
 * @category models
 * @since 0.1.0
 */
export type ReportStep = typeof ReportStep.Encoded

/**
 * Submits a report of the actor's own unit to its parent (`reports.submit`): the unit must have
 * existed during the period, the figures must be consistent; the content is frozen as the next
 * revision, on time or late against the regime's deadline for the unit's level.
 *
 * @example Submitting a report, refused while its figures disagree with themselves
 * ```ts
 * import { type Actor, Configuration, FiguresRules, Regime, Reports, Units } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const admin: Actor.ActorInput = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 * const officer: Actor.ActorInput = { personId: "can-bo-374", name: "Cán bộ huyện Hoa Lư", unitId: "vn-374", role: "officer" }
 *
 * const program = Effect.gen(function* () {
 *   yield* Units.importUnits(admin, {
 *     units: [
 *       { id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 },
 *       {
 *         id: "vn-374", type: "ruralDistrict", name: "Hoa Lư", code: "374", validFrom: "2016-01-01", validUntil: "2025-07-01",
 *         parents: [{ parentId: "vn-37", from: "2016-01-01", until: "2025-07-01" }], version: 0
 *       }
 *     ],
 *     successions: []
 *   })
 *   yield* Configuration.putRegime(admin, Regime.defaults.party)
 *   const text = { achievements: "", shortcomings: "", nextTasks: "" }
 *   const draft = yield* Reports.createReport(officer, {
 *     unitId: "vn-374",
 *     programme: "QCDC",
 *     periodId: "2017S1",
 *     regimeId: Regime.defaults.party.id,
 *     content: { ...text, figures: { ...FiguresRules.emptyQcdc(), complaintsReceived: 4, complaintsResolved: 5 } }
 *   })
 *   const refused = yield* Effect.flip(Reports.submitReport(officer, { reportId: draft.id, version: draft.version }))
 *   if (refused._tag === "InconsistentFigures") {
 *     console.log(refused.violations.map((v) => v.message)) // ["complaintsResolved (5) exceeds complaintsReceived (4)"]
 *   }
 *   const corrected = yield* Reports.editReport(officer, {
 *     reportId: draft.id,
 *     version: draft.version,
 *     content: { ...text, figures: { ...FiguresRules.emptyQcdc(), complaintsReceived: 5, complaintsResolved: 5 } }
 *   })
 *   const { revision } = yield* Reports.submitReport(officer, { reportId: draft.id, version: corrected.version })
 *   console.log(revision.revision) // 1: the content as submitted, kept whatever happens later
 * })
 *
 * await Effect.runPromise(Effect.provide(program, StoreMemory.layer()))
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const submitReport = (actor: Actor.ActorInput, input: ReportStep) =>
  Effect.gen(function* () {
    const call = yield* begin("submitReport", actor, "reports.submit")
    const i = yield* decode(ReportStep, "submitReport")(input)
    return yield* transition(
      call,
      i,
      own(call, "submit a report of"),
      (r, stamp) =>
        Effect.gen(function* () {
          const regime = yield* (yield* ReferenceData).regime(r.regimeId)
          const unit = yield* (yield* UnitRepository).get(r.unitId)
          yield* requireInPeriod(unit, r.periodId, regime.calendar)
          return yield* Effect.fromResult(ReportWorkflow.submit(r, stamp, { regime, level: unit.level }))
        }),
      (stored, { revision }) => ({
        action: "report.submitted",
        summary: `submitted ${describe(stored)} as revision ${revision.revision} (${revision.onTime ? "on time" : "late"})`
      })
    )
  })

/**
 * A step that needs a reason. The reason is text under the text policy (`Text.Text`: no control
 * characters but line breaks, no lone surrogates), so what the report's event stores is always
 * storable; whether it says something and is short enough is the workflow's rule
 * (`ReportWorkflow.ReasonRequired`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReasonInput = Schema.Struct({ reportId: Ids.ReportId, version: Version, reason: Text })
/**
 * @category models
 * @since 0.1.0
 */
export type ReasonInput = typeof ReasonInput.Encoded

/**
 * Returns a submitted report, with a reason (`reports.review`): only the unit the report was
 * submitted to returns it.
 *
 * @category use cases
 * @since 0.1.0
 */
export const returnReport = (actor: Actor.ActorInput, input: ReasonInput) =>
  Effect.gen(function* () {
    const call = yield* begin("returnReport", actor, "reports.review")
    const i = yield* decode(ReasonInput, "returnReport")(input)
    const { report } = yield* transition(
      call,
      i,
      reviewer(call, "return a report of"),
      (r, stamp) => changed(Effect.fromResult(ReportWorkflow.returnReport(r, i.reason, stamp))),
      (stored) => ({ action: "report.returned", summary: `returned ${describe(stored)}${reasonOf(stored)}` })
    )
    return report
  })

/**
 * Approves a submitted report (`reports.review`); it is then locked. Only the unit the report was
 * submitted to approves it, and (with `Policy.separationOfDuties`, the default) never the person
 * who submitted it: `Policy.SeparationOfDuties`.
 *
 * @category use cases
 * @since 0.1.0
 */
export const approveReport = (actor: Actor.ActorInput, input: ReportStep) =>
  Effect.gen(function* () {
    const call = yield* begin("approveReport", actor, "reports.review")
    const i = yield* decode(ReportStep, "approveReport")(input)
    const { report } = yield* transition(
      call,
      i,
      (r) =>
        Effect.gen(function* () {
          yield* reviewer(call, "approve a report of")(r)
          const submitted = r.events.findLast((e) => e._tag === "Submitted")
          if (
            call.policy.separationOfDuties &&
            submitted !== undefined &&
            r.status === "submitted" &&
            submitted.by.personId === call.actor.personId
          ) {
            return yield* new Policy.SeparationOfDuties({
              actor: call.actor,
              reportId: r.id,
              revision: submitted.revision
            })
          }
        }),
      (r, stamp) => changed(Effect.fromResult(ReportWorkflow.approve(r, stamp))),
      (stored) => ({
        action: "report.approved",
        summary: `approved ${describe(stored)} at revision ${stored.revision}`
      })
    )
    return report
  })

/**
 * Reopens an approved report, with a reason (`reports.review`; the unit the report was submitted
 * to); the approved revision stays readable.
 *
 * @category use cases
 * @since 0.1.0
 */
export const reopenReport = (actor: Actor.ActorInput, input: ReasonInput) =>
  Effect.gen(function* () {
    const call = yield* begin("reopenReport", actor, "reports.review")
    const i = yield* decode(ReasonInput, "reopenReport")(input)
    const { report } = yield* transition(
      call,
      i,
      reviewer(call, "reopen a report of"),
      (r, stamp) => changed(Effect.fromResult(ReportWorkflow.reopen(r, i.reason, stamp))),
      (stored) => ({ action: "report.reopened", summary: `reopened ${describe(stored)}${reasonOf(stored)}` })
    )
    return report
  })

/** Loads a report the actor may read; any other is `NotFound`. */
const readable = (call: Call, reportId: Ids.ReportId) =>
  Effect.gen(function* () {
    const reports = yield* ReportRepository
    const report = yield* reports.get(reportId)
    yield* requireVisible(call, report, "report", report.id)
    return { report, reports }
  })

/**
 * A report (`records.read`), for an actor who may read its unit's records (its own unit or below,
 * or a unit whose history its jurisdiction carries); any other report is `NotFound`.
 *
 * @category use cases
 * @since 0.1.0
 */
export const report = (actor: Actor.ActorInput, input: ReportRef) =>
  Effect.gen(function* () {
    const call = yield* begin("report", actor, "records.read")
    const i = yield* decode(ReportRef, "report")(input)
    return (yield* readable(call, i.reportId)).report
  })

/**
 * A report and every revision it was submitted as, oldest first (see {@link report}).
 *
 * @category use cases
 * @since 0.1.0
 */
export const reportHistory = (actor: Actor.ActorInput, input: ReportRef) =>
  Effect.gen(function* () {
    const call = yield* begin("reportHistory", actor, "records.read")
    const i = yield* decode(ReportRef, "reportHistory")(input)
    const { report, reports } = yield* readable(call, i.reportId)
    return { report, revisions: yield* reports.revisions(report.id) }
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const RevisionRef = Schema.Struct({
  reportId: Ids.ReportId,
  revision: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))
})
/**
 * @category models
 * @since 0.1.0
 */
export type RevisionRef = typeof RevisionRef.Encoded

/**
 * One submitted revision of a report, as it was frozen (see {@link report}).
 *
 * @category use cases
 * @since 0.1.0
 */
export const reportRevision = (actor: Actor.ActorInput, input: RevisionRef) =>
  Effect.gen(function* () {
    const call = yield* begin("reportRevision", actor, "records.read")
    const i = yield* decode(RevisionRef, "reportRevision")(input)
    const { reports } = yield* readable(call, i.reportId)
    return yield* reports.revision(i.reportId, i.revision)
  })

/**
 * Which reports to list. `unitId` lists one unit's reports; otherwise the reports of the units in
 * the jurisdiction of `rootId` (by default the actor's unit) as of `asOf` (by default today).
 * Either unit must be one whose records the actor may read.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ListReportsInput = Schema.Struct({
  unitId: Schema.optionalKey(Ids.UnitId),
  rootId: Schema.optionalKey(Ids.UnitId),
  asOf: Schema.optionalKey(CalendarDate.CalendarDate),
  periodId: Schema.optionalKey(Period.PeriodId),
  programme: Schema.optionalKey(Programme),
  statuses: Schema.optionalKey(Schema.Array(ReportStatus)),
  page: Schema.optionalKey(Page.PageRequest)
})
/**
 * @category models
 * @since 0.1.0
 */
export type ListReportsInput = typeof ListReportsInput.Encoded

/**
 * One page of reports (`records.read`), ordered by unit, period and programme.
 *
 * @category use cases
 * @since 0.1.0
 */
export const reports = (actor: Actor.ActorInput, input: ListReportsInput = {}) =>
  Effect.gen(function* () {
    const call = yield* begin("reports", actor, "records.read")
    const i = yield* decode(ListReportsInput, "reports")(input)
    const unit = i.unitId ?? i.rootId ?? call.actor.unitId
    yield* requireRead(call, unit, "list the reports of")
    const query = {
      ...(i.periodId === undefined ? {} : { periodId: i.periodId }),
      ...(i.programme === undefined ? {} : { programme: i.programme }),
      ...(i.statuses === undefined ? {} : { statuses: i.statuses }),
      ...(i.unitId === undefined
        ? { within: { rootId: unit, asOf: i.asOf ?? call.on } }
        : { unitIds: [unit] })
    }
    return yield* cursorIsInput("reports")((yield* ReportRepository).list(query, i.page))
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const FindReportInput = Schema.Struct({
  unitId: Ids.UnitId,
  periodId: Period.PeriodId,
  programme: Programme
})
/**
 * @category models
 * @since 0.1.0
 */
export type FindReportInput = typeof FindReportInput.Encoded

/**
 * The report of a unit for a period and programme (`records.read`), or `undefined` when it has
 * none; the unit must be one whose records the actor may read.
 *
 * @category use cases
 * @since 0.1.0
 */
export const findReport = (actor: Actor.ActorInput, input: FindReportInput) =>
  Effect.gen(function* () {
    const call = yield* begin("findReport", actor, "records.read")
    const i = yield* decode(FindReportInput, "findReport")(input)
    yield* requireRead(call, i.unitId, "read the reports of")
    return Option.getOrUndefined(yield* (yield* ReportRepository).find(i.unitId, i.periodId, i.programme))
  })
