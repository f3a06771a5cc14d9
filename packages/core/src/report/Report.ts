/**
 * Reports: one unit's figures for one period under one programme, and their workflow.
 *
 * Workflow (reporting up the hierarchy: Decree 09/2019/NĐ-CP, Art. 4 and 12, for state reports;
 * Party reporting to the Ban Dân vận likewise goes to the level directly above): a report is
 * drafted, submitted to the parent unit, returned with a reason or approved; an approved report is
 * locked until it is reopened. Every submission freezes the content as a new, numbered revision;
 * earlier revisions stay readable.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { Actor } from "../access/Actor.ts"
import { PeriodId } from "../calendar/Period.ts"
import { RegimeId, ReportId, UnitId } from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import { NonEmptyText, Text } from "../kernel/Text.ts"
import { Timestamp } from "../kernel/Timestamp.ts"
import { Figures } from "./Figures.ts"
import { TaskProgressList } from "./TaskFollowUp.ts"

/**
 * @category schemas
 * @since 0.1.0
 */
export const ReportStatus = Schema.Literals(["draft", "submitted", "returned", "approved", "reopened"])
/**
 * @category models
 * @since 0.1.0
 */
export type ReportStatus = typeof ReportStatus.Type

/**
 * What a report says: its figures, its free text (achievements, shortcomings, tasks for the
 * next period: the sections of a six-month report) and its task follow-up (`taskProgress`: for
 * each task of a directive applicable to the unit, its status and a note; `TaskFollowUp`). A
 * content stored or written before task follow-up existed has no `taskProgress` key: it decodes,
 * and is constructed, with none.
 *
 * @category models
 * @since 0.1.0
 */
export class ReportContent extends Schema.Class<ReportContent>("ReportContent")({
  figures: Figures,
  achievements: Text,
  shortcomings: Text,
  nextTasks: Text,
  taskProgress: TaskProgressList.pipe(
    Schema.withDecodingDefaultKey(Effect.succeed([])),
    Schema.withConstructorDefault(Effect.succeed([]))
  )
}) {}

const at = { at: Timestamp, by: Actor }

/**
 * @category schemas
 * @since 0.1.0
 */
export const ReportEvent = Schema.Union([
  Schema.TaggedStruct("Created", at),
  Schema.TaggedStruct("Edited", at),
  Schema.TaggedStruct("Submitted", { ...at, revision: Schema.Int, onTime: Schema.Boolean }),
  Schema.TaggedStruct("Returned", { ...at, reason: NonEmptyText(2000) }),
  Schema.TaggedStruct("Approved", at),
  Schema.TaggedStruct("Reopened", { ...at, reason: NonEmptyText(2000) })
])
/**
 * @category models
 * @since 0.1.0
 */
export type ReportEvent = typeof ReportEvent.Type

/**
 * A report. `content` is the working content (the draft, or the last submitted revision's content
 * while submitted or approved); `revision` is the number of the latest submitted revision (0 before
 * the first submission). `events` is append-only.
 *
 * @category models
 * @since 0.1.0
 */
export class Report extends Schema.Class<Report>("Report")({
  id: ReportId,
  unitId: UnitId,
  programme: Programme,
  periodId: PeriodId,
  regimeId: RegimeId,
  status: ReportStatus,
  content: ReportContent,
  revision: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  events: Schema.NonEmptyArray(ReportEvent),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}

/**
 * A submitted revision, frozen.
 *
 * @category models
 * @since 0.1.0
 */
export class ReportRevision extends Schema.Class<ReportRevision>("ReportRevision")({
  reportId: ReportId,
  revision: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  content: ReportContent,
  submittedAt: Timestamp,
  submittedBy: Actor,
  onTime: Schema.Boolean
}) {}
