/**
 * Tasks resolved to units (giao nhiệm vụ cho đơn vị): a task addressed to "UBND các cấp" within a
 * province is, on a given day, a concrete list of units that must act on it and report on it.
 *
 * A task's assignees are one unit (`Unit`) or a body at some levels within a unit's jurisdiction
 * (`Bodies`). Both are read as of a date, over the dated hierarchy: the units valid that day,
 * linked by the parent links valid that day (`Hierarchy`). Across the 2025 reform a unit that no
 * longer exists is not an assignee; the unit carrying its history (`Succession.historyCarrier`)
 * takes its place, both as a named assignee and as the `within` of a collective one, so a task
 * for the Party committees of a district abolished on 01/07/2025 passes to the unit its history
 * went to (see docs/decisions/0030-task-follow-up.md and
 * [rules: Task follow-up](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#task-follow-up)).
 *
 * @since 0.1.0
 */
import type * as CalendarDate from "../kernel/CalendarDate.ts"
import type { UnitId } from "../kernel/Ids.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import * as Succession from "../unit/Succession.ts"
import type { Unit, UnitLevel } from "../unit/Unit.ts"
import type { Assignee, Body, Task } from "./Directive.ts"

/**
 * What resolution reads: the units (any superset of those concerned: the jurisdiction of each
 * `within`, each named unit) and the succession links leaving them.
 *
 * @category models
 * @since 0.1.0
 */
export interface Scene {
  readonly hierarchy: Hierarchy.Hierarchy
  readonly successions: ReadonlyArray<Succession.Succession>
}

/**
 * A scene from plain lists.
 *
 * @category constructors
 * @since 0.1.0
 */
export const scene = (options: {
  readonly units: Iterable<Unit>
  readonly successions?: ReadonlyArray<Succession.Succession>
}): Scene => ({ hierarchy: Hierarchy.make(options.units), successions: options.successions ?? [] })

const territorial: ReadonlyArray<UnitLevel> = ["province", "district", "commune"]
const every: ReadonlyArray<UnitLevel> = ["province", "district", "commune", "grassroots"]

/**
 * The levels at which a body exists. People's Councils and People's Committees are organised in
 * territorial units only, at province, district and commune level (Law on Organisation of Local
 * Government 77/2015/QH13, Art. 2; two tiers from 01/07/2025 under Law 72/2025/QH15, which the
 * dated hierarchy already reflects): an agency or enterprise at grassroots level has neither. The
 * other bodies (Party committees and cells, the Fatherland Front and mass organisations, steering
 * committees, agencies, enterprises) may exist at any level.
 *
 * @category constants
 * @since 0.1.0
 */
export const bodyLevels: Readonly<Record<Body, ReadonlyArray<UnitLevel>>> = {
  partyCommittee: every,
  peoplesCouncil: territorial,
  peoplesCommittee: territorial,
  fatherlandFront: every,
  massOrganisations: every,
  steeringCommittee: every,
  agencies: every,
  enterprises: every
}

/**
 * The unit that stands for `unitId` on a date: the unit itself while it is valid that day, else the
 * unit carrying its history then (`Succession.historyCarrier`) if that one is valid; `undefined`
 * when neither is (a unit not yet created, or abolished with no successor).
 *
 * @category queries
 * @since 0.1.0
 */
export const standIn = (s: Scene, unitId: UnitId, on: CalendarDate.CalendarDate): Unit | undefined => {
  const unit = Hierarchy.get(s.hierarchy, unitId, on)
  if (unit !== undefined) return unit
  const carrier = Succession.historyCarrier(s.successions, unitId, on)
  return carrier === unitId ? undefined : Hierarchy.get(s.hierarchy, carrier, on)
}

/**
 * The levels an assignee addresses: its `levels` (every level when empty), narrowed to those at
 * which its body exists ({@link bodyLevels}).
 *
 * @category queries
 * @since 0.1.0
 */
export const levelsOf = (
  assignee: Extract<Assignee, { readonly _tag: "Bodies" }>
): ReadonlySet<UnitLevel> => {
  const exists = bodyLevels[assignee.body]
  const asked = assignee.levels.length === 0 ? every : assignee.levels
  return new Set(asked.filter((level) => exists.includes(level)))
}

/**
 * The units one assignee designates on a date, ordered by id: the {@link standIn} of a named unit;
 * for a body, the units valid that day in the jurisdiction of the stand-in of `within`
 * (`Hierarchy.jurisdiction`, the unit itself included) whose level is one of {@link levelsOf}.
 *
 * @category queries
 * @since 0.1.0
 */
export const unitsOf = (s: Scene, assignee: Assignee, on: CalendarDate.CalendarDate): ReadonlyArray<Unit> => {
  if (assignee._tag === "Unit") {
    const unit = standIn(s, assignee.unitId, on)
    return unit === undefined ? [] : [unit]
  }
  const root = standIn(s, assignee.within, on)
  if (root === undefined) return []
  const levels = levelsOf(assignee)
  return Hierarchy.jurisdiction(s.hierarchy, root.id, on).filter((u) => levels.has(u.level))
}

/**
 * The units that must act on a task on a date: the union of {@link unitsOf} over its assignees,
 * each unit once, ordered by id. The answer depends on the date: before 01/07/2025 "UBND các cấp"
 * of a province lists its districts, after it only the province and its communes.
 *
 * @example "UBND các cấp" of Ninh Bình before and after the district level ended
 * ```ts
 * import { CalendarDate, Directive, TaskAssignment, Unit } from "@danvan/core"
 * import { Schema } from "effect"
 *
 * const units = Schema.decodeUnknownSync(Schema.Array(Unit.Unit))([
 *   { id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 },
 *   {
 *     id: "vn-374", type: "ruralDistrict", name: "Hoa Lư", code: "374", validFrom: "2016-01-01", validUntil: "2025-07-01",
 *     parents: [{ parentId: "vn-37", from: "2016-01-01", until: "2025-07-01" }], version: 0
 *   },
 *   {
 *     id: "vn-14533", type: "commune", name: "Trường Yên", code: "14533", validFrom: "2016-01-01",
 *     parents: [{ parentId: "vn-374", from: "2016-01-01", until: "2025-07-01" }, { parentId: "vn-37", from: "2025-07-01" }],
 *     version: 0
 *   }
 * ])
 * const task = Schema.decodeUnknownSync(Directive.Task)({
 *   id: "t4",
 *   description: "UBND các cấp tăng cường tiếp công dân, đối thoại trực tiếp với nhân dân.",
 *   assignees: [{ _tag: "Bodies", body: "peoplesCommittee", levels: [], within: "vn-37" }]
 * })
 * const s = TaskAssignment.scene({ units })
 * const ids = (on: CalendarDate.CalendarDate) => TaskAssignment.assigneesOn(s, task, on).map((u) => u.id)
 * console.log(ids(CalendarDate.make(2017, 12, 31))) // ["vn-14533", "vn-37", "vn-374"]
 * console.log(ids(CalendarDate.make(2025, 7, 1))) // ["vn-14533", "vn-37"]
 * ```
 *
 * @category queries
 * @since 0.1.0
 */
export const assigneesOn = (
  s: Scene,
  task: Pick<Task, "assignees">,
  on: CalendarDate.CalendarDate
): ReadonlyArray<Unit> => {
  const found = new Map<UnitId, Unit>()
  for (const assignee of task.assignees) for (const unit of unitsOf(s, assignee, on)) found.set(unit.id, unit)
  return [...found.values()].sort(Hierarchy.byId)
}

/**
 * Whether `unitId` is among the units that must act on a task on a date ({@link assigneesOn}).
 *
 * @category queries
 * @since 0.1.0
 */
export const isAssignee = (
  s: Scene,
  task: Pick<Task, "assignees">,
  unitId: UnitId,
  on: CalendarDate.CalendarDate
): boolean => task.assignees.some((assignee) => unitsOf(s, assignee, on).some((u) => u.id === unitId))
