/**
 * Task follow-up (theo dõi thực hiện nhiệm vụ) in use cases: a draft's task follow-up is checked
 * against the tasks that apply to its unit, and a unit above counts, per task of a directive, the
 * units in its jurisdiction reporting each status and those assigned that have not reported
 * ([rules: Task follow-up](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#task-follow-up)).
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import * as Calendar from "../calendar/Calendar.ts"
import * as Period from "../calendar/Period.ts"
import type { CalendarKind } from "../calendar/Regime.ts"
import type { Directive } from "../directive/Directive.ts"
import * as TaskAssignment from "../directive/TaskAssignment.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as Ids from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import * as Violation from "../kernel/Violation.ts"
import type { ReportContent } from "../report/Report.ts"
import { ReportStatus } from "../report/Report.ts"
import * as TaskFollowUp from "../report/TaskFollowUp.ts"
import { DirectiveRepository } from "../store/DirectiveRepository.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import type { Succession } from "../unit/Succession.ts"
import { type Unit, UnitLevel } from "../unit/Unit.ts"
import { beginWith, requireRead } from "./Access.ts"
import { hierarchyDate, jurisdiction as jurisdictionOf, reportsOf } from "./PeriodReads.ts"

/**
 * A report's task follow-up breaks the rules: it reports twice on a task, or on a task that does
 * not apply to its unit or is not assigned to it. `violations` lists every problem.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidTaskProgress extends DanvanError.TaggedError<InvalidTaskProgress>()(
  "InvalidTaskProgress",
  {
    unitId: Ids.UnitId,
    periodId: Period.PeriodId,
    violations: Schema.NonEmptyArray(TaskFollowUp.TaskProgressViolation)
  }
) {
  override get message(): string {
    return `the task follow-up of the report of unit ${JSON.stringify(this.unitId)} for ${this.periodId} cannot be saved: ${Violation.format(this.violations)}`
  }
}

/** The succession links reachable from `ids` by following successors, each once. */
const successionsFrom = (ids: Iterable<Ids.UnitId>) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const seen = new Set<Ids.UnitId>()
    const links = new Map<string, Succession>()
    const queue = [...ids]
    while (queue.length > 0) {
      const id = queue.shift() as Ids.UnitId
      if (seen.has(id)) continue
      seen.add(id)
      for (const s of yield* units.successions({ predecessorId: id })) {
        links.set(s.id, s)
        queue.push(s.successorId)
      }
    }
    return [...links.values()]
  })

/** The units a task's assignees name (the named units and each `within`). */
const namedUnits = (directives: ReadonlyArray<Pick<Directive, "tasks">>): ReadonlyArray<Ids.UnitId> => [
  ...new Set(
    directives.flatMap((d) =>
      d.tasks.flatMap((t) => t.assignees.map((a) => (a._tag === "Unit" ? a.unitId : a.within)))
    )
  )
]

/**
 * What a unit may report on for a period, defined once for the check on save and for
 * {@link tasksToReport}: the dates its assignment is read on (the last and the first day of the
 * period's window, each taken within the unit's life, `Jurisdiction.standingDate`, so a conclusion
 * that ended during the period is still reported on), the directives applicable to it on those
 * dates (`DirectiveRepository.applicableTo`; only those in `directiveIds` when given) and the scene
 * that resolves their assignees (the unit, its ancestors and the succession links of the named
 * units).
 */
const reportingScope = (
  unit: Unit,
  periodId: Period.PeriodId,
  calendar: CalendarKind,
  directiveIds?: ReadonlySet<string>
) =>
  Effect.gen(function* () {
    const { first, last } = Calendar.window(calendar, Period.fromId(periodId))
    const dates = [
      ...new Set([Jurisdiction.standingDate(unit, last), Jurisdiction.standingDate(unit, first)])
    ]
    const directives = yield* DirectiveRepository
    const units = yield* UnitRepository
    const found = new Map<string, Directive>()
    const chain = new Map<string, Unit>([[unit.id, unit]])
    for (const on of dates) {
      for (const d of yield* directives.applicableTo(unit.id, on)) found.set(d.id, d)
      for (const a of yield* units.ancestors(unit.id, on)) chain.set(a.id, a)
    }
    const applicable = [...found.values()].filter((d) => directiveIds === undefined || directiveIds.has(d.id))
    const scene = TaskAssignment.scene({
      units: chain.values(),
      successions: yield* successionsFrom(namedUnits(applicable))
    })
    return { dates, applicable, scene }
  })

/**
 * Fails with {@link InvalidTaskProgress} unless every line of `content.taskProgress` reports once on
 * a task applicable to `unit` in the period (`TaskFollowUp.check`): its directive applies to the
 * unit (`DirectiveRepository.applicableTo`) and its assignees include the unit, on the last or the
 * first day of the period's window (each taken within the unit's life,
 * `Jurisdiction.standingDate`), so a conclusion that ended during the period is still reported on.
 * The report use cases run it on every content they save; an app may run it to check a content
 * before it offers to save it, or list the tasks it accepts with {@link tasksToReport}.
 *
 * @category guards
 * @since 0.1.0
 */
export const requireTaskProgress = (
  unit: Unit,
  periodId: Period.PeriodId,
  calendar: CalendarKind,
  content: ReportContent
) =>
  Effect.gen(function* () {
    if (content.taskProgress.length === 0) return
    const wanted = new Set(content.taskProgress.map((p) => p.directiveId as string))
    const { dates, applicable, scene } = yield* reportingScope(unit, periodId, calendar, wanted)
    const violations = TaskFollowUp.check({
      unitId: unit.id,
      progress: content.taskProgress,
      applicable,
      scene,
      dates
    })
    const [head, ...rest] = violations
    if (head !== undefined) {
      return yield* new InvalidTaskProgress({ unitId: unit.id, periodId, violations: [head, ...rest] })
    }
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const TasksToReportInput = Schema.Struct({
  unitId: Ids.UnitId,
  periodId: Period.PeriodId,
  /** The programme of the report whose current progress is returned. */
  programme: Programme,
  /** The regime whose calendar gives the period's window. */
  regimeId: Ids.RegimeId
})
/**
 * @category models
 * @since 0.1.0
 */
export type TasksToReportInput = typeof TasksToReportInput.Encoded

/**
 * The tasks `unitId` must report on for a period (`records.read`; the actor must be allowed to read
 * the unit's records, as for its reports): every task of the directives applicable to the unit in
 * the period that is assigned to it, exactly the tasks the check on save accepts
 * ({@link requireTaskProgress}; both read one scope, so an app or the office form never offers a
 * task the save would refuse), in the order of the directives' ids and each directive's tasks,
 * each with its directive (id, number, title) and the progress the unit's report of the period and
 * programme carries for it, when there is such a report and it reports on the task.
 *
 * @category use cases
 * @since 0.1.0
 */
export const tasksToReport = (actor: Actor.ActorInput, input: TasksToReportInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("tasksToReport", actor, "records.read", TasksToReportInput, input)
    yield* requireRead(call, i.unitId, "list the tasks to report of")
    const regime = yield* (yield* ReferenceData).regime(i.regimeId)
    const unit = yield* (yield* UnitRepository).get(i.unitId)
    const { dates, applicable, scene } = yield* reportingScope(unit, i.periodId, regime.calendar)
    const report = Option.getOrUndefined(
      yield* (yield* ReportRepository).find(i.unitId, i.periodId, i.programme)
    )
    const progress = new Map(
      (report?.content.taskProgress ?? []).map((p) => [TaskFollowUp.taskKey(p), p] as const)
    )
    const tasks = [...applicable]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .flatMap((directive) =>
        directive.tasks
          .filter((task) => dates.some((on) => TaskAssignment.isAssignee(scene, task, unit.id, on)))
          .map((task) => {
            const current = progress.get(TaskFollowUp.taskKey({ directiveId: directive.id, taskId: task.id }))
            return {
              directive: { id: directive.id, number: directive.number, title: directive.title },
              task,
              ...(current === undefined ? {} : { progress: current })
            }
          })
      )
    return {
      unitId: unit.id,
      periodId: i.periodId,
      ...(report === undefined ? {} : { reportId: report.id }),
      tasks
    }
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const TaskFollowUpInput = Schema.Struct({
  rootId: Ids.UnitId,
  directiveId: Ids.DirectiveId,
  periodId: Period.PeriodId,
  /** The programme of the reports that carry the follow-up (a report is of one programme). */
  programme: Programme,
  /** The regime whose calendar gives the period's window. */
  regimeId: Ids.RegimeId,
  /**
   * The date the assignees are resolved and the hierarchy read; by default the last day of the
   * period's window under the regime, and never earlier.
   */
  asOf: Schema.optionalKey(CalendarDate.CalendarDate),
  /** The statuses of the reports that count; by default `submitted` and `approved`. */
  statuses: Schema.optionalKey(Schema.Array(ReportStatus)),
  /** The levels followed up (the assigned units and the reports counted); by default every level. */
  levels: Schema.optionalKey(Schema.Array(UnitLevel))
})
/**
 * @category models
 * @since 0.1.0
 */
export type TaskFollowUpInput = typeof TaskFollowUpInput.Encoded

/**
 * The follow-up of a directive's tasks at `rootId` for a period (`records.read`; the actor must be
 * allowed to read the root's records, as for consolidation): for each task, in the directive's
 * order, the units of the root's jurisdiction (the root included) that must act on it as of
 * `asOf` (`TaskAssignment.assigneesOn`), the units reporting each status in their reports of the
 * period and programme, and the assigned units that have not reported on it
 * (`TaskFollowUp.followUp`). A report counts when its status is one of `statuses`: by default a
 * submitted or approved one, whose content is what its unit sent up. `levels` narrows both the
 * assigned units and the reports counted to units of those levels (a province following up its
 * districts).
 *
 * @category use cases
 * @since 0.1.0
 */
export const taskFollowUp = (actor: Actor.ActorInput, input: TaskFollowUpInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("taskFollowUp", actor, "records.read", TaskFollowUpInput, input)
    const units = yield* UnitRepository
    const { asOf } = yield* hierarchyDate({
      useCase: "taskFollowUp",
      action: "follow up",
      regimeId: i.regimeId,
      periodId: i.periodId,
      asOf: i.asOf
    })
    yield* requireRead(call, i.rootId, "follow up the tasks of")
    const directive = yield* (yield* DirectiveRepository).get(i.directiveId)
    const jurisdiction = yield* jurisdictionOf(i.rootId, asOf)
    const levels = i.levels === undefined ? undefined : new Set<UnitLevel>(i.levels)
    const followed = (unit: Unit | undefined) =>
      unit !== undefined && (levels === undefined || levels.has(unit.level))
    const inside = new Set<string>(jurisdiction.filter(followed).map((u) => u.id))
    const scene = TaskAssignment.scene({
      units: [...jurisdiction, ...(yield* units.ancestors(i.rootId, asOf))],
      successions: yield* successionsFrom(namedUnits([directive]))
    })
    const assigned = new Map(
      directive.tasks.map((task) => [
        task.id as string,
        TaskAssignment.assigneesOn(scene, task, asOf)
          .filter((u) => inside.has(u.id))
          .map((u) => u.id)
      ])
    )
    const tasks = TaskFollowUp.followUp({
      directive,
      assigned,
      reports: yield* reportsOf(jurisdiction.filter(followed), {
        periodId: i.periodId,
        programme: i.programme,
        statuses: i.statuses ?? ["submitted", "approved"]
      })
    })
    return { asOf, directiveId: directive.id, tasks }
  })
