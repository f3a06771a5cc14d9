/**
 * Task follow-up (theo dõi thực hiện nhiệm vụ): a report says, for each task assigned to its unit,
 * how far the unit has got (tiến độ: not started, in progress, done) with a note, and the unit
 * above counts, per task, the units reporting each status and those assigned that have not
 * reported on it. The next report is where a unit accounts for the tasks of a conclusion or plan
 * (the conclusion's tasks "for the last six months" are answered in the annual report); see
 * [rules: Task follow-up](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#task-follow-up)
 * and docs/decisions/0030-task-follow-up.md.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Directive } from "../directive/Directive.ts"
import * as TaskAssignment from "../directive/TaskAssignment.ts"
import type * as CalendarDate from "../kernel/CalendarDate.ts"
import { DirectiveId, TaskId, UnitId } from "../kernel/Ids.ts"
import { limits, text } from "../kernel/Text.ts"
import * as Violation from "../kernel/Violation.ts"

/**
 * How far a unit has got with a task: `notStarted` (chưa triển khai), `inProgress` (đang thực
 * hiện), `done` (đã hoàn thành).
 *
 * @category schemas
 * @since 0.1.0
 */
export const TaskStatus = Schema.Literals(["notStarted", "inProgress", "done"])
/**
 * @category models
 * @since 0.1.0
 */
export type TaskStatus = typeof TaskStatus.Type

/**
 * The most tasks one report may report on.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxEntries = 1_000

/**
 * One line of a report's task follow-up: the task (by its directive and its id), its status, and
 * a note (what was done, what is in the way), NFC text of at most {@link limits}`.description`.
 *
 * @category models
 * @since 0.1.0
 */
export class TaskProgress extends Schema.Class<TaskProgress>("TaskProgress")({
  directiveId: DirectiveId,
  taskId: TaskId,
  status: TaskStatus,
  note: Schema.optionalKey(text({ maxLength: limits.description }))
}) {}

/**
 * A report's task follow-up: at most {@link maxEntries} lines.
 *
 * @category schemas
 * @since 0.1.0
 */
export const TaskProgressList = Schema.Array(TaskProgress).pipe(Schema.check(Schema.isMaxLength(maxEntries)))

/**
 * The key of a task across directives.
 *
 * @category conversions
 * @since 0.1.0
 */
export const taskKey = (entry: { readonly directiveId: string; readonly taskId: string }): string =>
  JSON.stringify([entry.directiveId, entry.taskId])

// ---------------------------------------------------------------------------------------------
// Violations
// ---------------------------------------------------------------------------------------------

/**
 * A report reports twice on one task.
 *
 * @category violations
 * @since 0.1.0
 */
export class DuplicateTaskProgress extends Violation.TaggedClass<DuplicateTaskProgress>()(
  "DuplicateTaskProgress",
  { directiveId: DirectiveId, taskId: TaskId },
  (v) => `task ${v.taskId} of directive ${v.directiveId} is reported on more than once; report each task once`
) {}

/**
 * A report reports on a task of a directive that does not apply to its unit in the period (not in
 * force, or issued by a unit that is not the unit nor above it), or that the directive does not
 * have.
 *
 * @category violations
 * @since 0.1.0
 */
export class TaskNotApplicable extends Violation.TaggedClass<TaskNotApplicable>()(
  "TaskNotApplicable",
  { unitId: UnitId, directiveId: DirectiveId, taskId: TaskId },
  (v) =>
    `task ${v.taskId} of directive ${v.directiveId} does not apply to unit ${v.unitId} in the report's period: the directive is not in force there then, is issued by a unit that is not above it, or has no such task`
) {}

/**
 * A report reports on a task whose assignees, resolved as of the period, do not include its unit.
 *
 * @category violations
 * @since 0.1.0
 */
export class TaskNotAssigned extends Violation.TaggedClass<TaskNotAssigned>()(
  "TaskNotAssigned",
  { unitId: UnitId, directiveId: DirectiveId, taskId: TaskId },
  (v) =>
    `task ${v.taskId} of directive ${v.directiveId} is not assigned to unit ${v.unitId}: its assignees, resolved as of the report's period, do not include it`
) {}

/**
 * @category violations
 * @since 0.1.0
 */
export const TaskProgressViolation = Schema.Union([DuplicateTaskProgress, TaskNotApplicable, TaskNotAssigned])
/**
 * @category models
 * @since 0.1.0
 */
export type TaskProgressViolation = typeof TaskProgressViolation.Type

/**
 * The tasks reported on more than once, one violation per task, in the order first seen.
 *
 * @category rules
 * @since 0.1.0
 */
export const duplicates = (progress: ReadonlyArray<TaskProgress>): ReadonlyArray<DuplicateTaskProgress> => {
  const seen = new Set<string>()
  const reported = new Set<string>()
  const result: Array<DuplicateTaskProgress> = []
  for (const entry of progress) {
    const key = taskKey(entry)
    if (seen.has(key) && !reported.has(key)) {
      reported.add(key)
      result.push(new DuplicateTaskProgress({ directiveId: entry.directiveId, taskId: entry.taskId }))
    }
    seen.add(key)
  }
  return result
}

/**
 * Everything wrong with a report's task follow-up for `unitId`: {@link duplicates}, then each line
 * whose task is not applicable ({@link TaskNotApplicable}: its directive is not among `applicable`,
 * or has no such task) or not assigned to the unit ({@link TaskNotAssigned}: the unit is not among
 * the task's assignees resolved on any of `dates`, `TaskAssignment.isAssignee`).
 *
 * `applicable` are the directives that apply to the unit in the period (`Directive.applicableOn`
 * on the same dates); `scene` holds the unit, its ancestors and the succession links of the
 * assignees' units, so resolution sees where the unit stood.
 *
 * @category rules
 * @since 0.1.0
 */
export const check = (options: {
  readonly unitId: UnitId
  readonly progress: ReadonlyArray<TaskProgress>
  readonly applicable: ReadonlyArray<Directive>
  readonly scene: TaskAssignment.Scene
  readonly dates: ReadonlyArray<CalendarDate.CalendarDate>
}): ReadonlyArray<TaskProgressViolation> => {
  const byId = new Map(options.applicable.map((d) => [d.id as string, d]))
  const result: Array<TaskProgressViolation> = [...duplicates(options.progress)]
  const checked = new Set<string>()
  for (const entry of options.progress) {
    const key = taskKey(entry)
    if (checked.has(key)) continue
    checked.add(key)
    const fields = { unitId: options.unitId, directiveId: entry.directiveId, taskId: entry.taskId }
    const task = byId.get(entry.directiveId)?.tasks.find((t) => t.id === entry.taskId)
    if (task === undefined) result.push(new TaskNotApplicable(fields))
    else if (!options.dates.some((on) => TaskAssignment.isAssignee(options.scene, task, options.unitId, on)))
      result.push(new TaskNotAssigned(fields))
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Follow-up
// ---------------------------------------------------------------------------------------------

/**
 * One task's follow-up at a unit: who must act on it (`assigned`), the units reporting each status
 * (`byStatus`, each list ordered by id, and `counts`), and the assigned units that have not
 * reported on it (`notReported`, ordered by id). A unit that reports on a task it is not assigned
 * (a report saved before a change in the hierarchy) is counted under its status and is not in
 * `assigned`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const TaskRow = Schema.Struct({
  directiveId: DirectiveId,
  taskId: TaskId,
  description: Schema.String,
  assigned: Schema.Array(UnitId),
  byStatus: Schema.Struct({
    notStarted: Schema.Array(UnitId),
    inProgress: Schema.Array(UnitId),
    done: Schema.Array(UnitId)
  }),
  counts: Schema.Struct({ notStarted: Schema.Int, inProgress: Schema.Int, done: Schema.Int }),
  notReported: Schema.Array(UnitId)
}).annotate({ identifier: "TaskRow" })
/**
 * @category models
 * @since 0.1.0
 */
export type TaskRow = typeof TaskRow.Type

/**
 * The follow-up of a directive's tasks over a set of reports: one {@link TaskRow} per task, in the
 * directive's order. `assigned` maps each task id to the units that must act on it (the use case
 * resolves them with `TaskAssignment.assigneesOn` and keeps those in the root's jurisdiction);
 * `reports` are the reports of the period that count (one per unit; a later one of the same unit
 * replaces an earlier one). Pure: the same inputs in any order give the same rows.
 *
 * @category queries
 * @since 0.1.0
 */
export const followUp = (options: {
  readonly directive: Pick<Directive, "id" | "tasks">
  readonly assigned: ReadonlyMap<string, ReadonlyArray<UnitId>>
  readonly reports: ReadonlyArray<{
    readonly unitId: UnitId
    readonly content: { readonly taskProgress: ReadonlyArray<TaskProgress> }
  }>
}): ReadonlyArray<TaskRow> => {
  // status by task id, then by unit
  const statuses = new Map<string, Map<UnitId, TaskStatus>>()
  const byUnit = new Map<UnitId, ReadonlyArray<TaskProgress>>()
  for (const r of options.reports) byUnit.set(r.unitId, r.content.taskProgress)
  for (const [unitId, progress] of byUnit) {
    for (const entry of progress) {
      if (entry.directiveId !== options.directive.id) continue
      const units = statuses.get(entry.taskId) ?? new Map<UnitId, TaskStatus>()
      statuses.set(entry.taskId, units)
      if (!units.has(unitId)) units.set(unitId, entry.status)
    }
  }
  const sorted = (ids: Iterable<UnitId>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return options.directive.tasks.map((task) => {
    const reported = statuses.get(task.id) ?? new Map<UnitId, TaskStatus>()
    const assigned = sorted(new Set(options.assigned.get(task.id) ?? []))
    const byStatus = {
      notStarted: sorted([...reported].filter(([, s]) => s === "notStarted").map(([u]) => u)),
      inProgress: sorted([...reported].filter(([, s]) => s === "inProgress").map(([u]) => u)),
      done: sorted([...reported].filter(([, s]) => s === "done").map(([u]) => u))
    }
    return {
      directiveId: options.directive.id,
      taskId: task.id,
      description: task.description,
      assigned,
      byStatus,
      counts: {
        notStarted: byStatus.notStarted.length,
        inProgress: byStatus.inProgress.length,
        done: byStatus.done.length
      },
      notReported: assigned.filter((u) => !reported.has(u))
    }
  })
}
