/**
 * Rules over directives: the shape of replacement chains, the consistency of one directive's
 * dates, number and tasks, and which tasks address a unit on a date.
 *
 * A **replacement chain** is the line of directives that wholly replace one another: Decree
 * 60/2013/NĐ-CP (in force 15/08/2013) was replaced by 149/2018/NĐ-CP (in force 01/01/2019), itself
 * replaced by 145/2020/NĐ-CP. A replacement ends its predecessor from its own effective
 * date (Law 80/2015/QH13 on Promulgation of Legal Documents, as `Directive.inForceOn` applies it),
 * so "which rule was in force on date D" has one answer per chain. The law this module keeps:
 * **on any date at most one link of a chain is in force**. {@link validateReplacements} rejects
 * exactly the graphs where that could fail or where the chain is not a chain: a cycle, a
 * reference to a missing directive, a directive wholly replaced twice, and a replacement taking
 * effect before what it replaces.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Cycles from "../kernel/Cycles.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { DirectiveId, TaskId, type UnitId } from "../kernel/Ids.ts"
import type { DirectiveProgramme } from "../kernel/Programme.ts"
import * as Violation from "../kernel/Violation.ts"
import type { UnitLevel } from "../unit/Unit.ts"
import { byEffectiveDate, type Directive, inForceOn, type Task } from "./Directive.ts"
import { format } from "./DocumentNumber.ts"
import * as TaskAssignment from "./TaskAssignment.ts"

const list = (ids: ReadonlyArray<string>) => ids.map((id) => JSON.stringify(id)).join(", ")

/**
 * Two directives in one set share an id.
 *
 * @category violations
 * @since 0.1.0
 */
export class DuplicateDirectiveId extends Violation.TaggedClass<DuplicateDirectiveId>()(
  "DuplicateDirectiveId",
  {
    directiveId: DirectiveId
  },
  (v) => `more than one directive has the id ${JSON.stringify(v.directiveId)}; ids must be unique`
) {}

/**
 * A directive names, in `replaces`, a directive that does not exist.
 *
 * @category violations
 * @since 0.1.0
 */
export class MissingReplacedDirective extends Violation.TaggedClass<MissingReplacedDirective>()(
  "MissingReplacedDirective",
  { directiveId: DirectiveId, missingId: DirectiveId },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} replaces ${JSON.stringify(v.missingId)}, which does not exist; record the replaced directive first`
) {}

/**
 * Directives replace one another in a cycle: `cycle` lists them so that each replaces the next and
 * the last replaces the first (a self-replacement is a cycle of one).
 *
 * @category violations
 * @since 0.1.0
 */
export class ReplacementCycle extends Violation.TaggedClass<ReplacementCycle>()(
  "ReplacementCycle",
  {
    cycle: Schema.NonEmptyArray(DirectiveId)
  },
  (v) => {
    const steps = v.cycle.map((id, i) => `${id} replaces ${v.cycle[(i + 1) % v.cycle.length]}`)
    return `directives ${list(v.cycle)} replace one another in a cycle (${steps.join(", ")}); a directive cannot, through its replacements, replace itself`
  }
) {}

/**
 * One directive is wholly replaced by two or more. `replaces` means a whole replacement, so a
 * second one should name the first replacement instead (or the chain would have two links in
 * force at once).
 *
 * @category violations
 * @since 0.1.0
 */
export class ReplacedTwice extends Violation.TaggedClass<ReplacedTwice>()(
  "ReplacedTwice",
  {
    directiveId: DirectiveId,
    replacedBy: Schema.Array(DirectiveId)
  },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} is replaced by several directives (${list(v.replacedBy)}); a directive is wholly replaced once, and a later one replaces its replacement`
) {}

/**
 * A replacement takes effect before the directive it replaces did. Along a chain effective dates
 * never go back; otherwise the chain's first link and a later one could be in force together.
 *
 * @category violations
 * @since 0.1.0
 */
export class ReplacementOutOfOrder extends Violation.TaggedClass<ReplacementOutOfOrder>()(
  "ReplacementOutOfOrder",
  {
    directiveId: DirectiveId,
    effectiveFrom: CalendarDate.CalendarDate,
    replacedId: DirectiveId,
    replacedEffectiveFrom: CalendarDate.CalendarDate
  },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} takes effect on ${CalendarDate.formatVietnamese(v.effectiveFrom)}, before ${JSON.stringify(v.replacedId)}, which it replaces, took effect (${CalendarDate.formatVietnamese(v.replacedEffectiveFrom)})`
) {}

/**
 * Every way the replacement links of a set of directives can break the rules
 * ({@link validateReplacements}).
 *
 * @category violations
 * @since 0.1.0
 */
export const ReplacementViolation = Schema.Union([
  DuplicateDirectiveId,
  MissingReplacedDirective,
  ReplacementCycle,
  ReplacedTwice,
  ReplacementOutOfOrder
])
/**
 * @category violations
 * @since 0.1.0
 */
export type ReplacementViolation = typeof ReplacementViolation.Type

/** Rotates a cycle so it starts at its smallest id: one cycle, one report. */
const canonicalCycle = (cycle: ReadonlyArray<DirectiveId>): ReadonlyArray<DirectiveId> => {
  let k = 0
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[k]!) k = i
  return [...cycle.slice(k), ...cycle.slice(0, k)]
}

/** Every cycle met by a depth-first search over `replaces` (at least one per cyclic part). */
const findCycles = (byId: ReadonlyMap<DirectiveId, Directive>): ReadonlyArray<ReadonlyArray<DirectiveId>> => {
  const found = new Map<string, ReadonlyArray<DirectiveId>>()
  const replaced = (id: DirectiveId) => byId.get(id)!.replaces.filter((r) => byId.has(r))
  for (const members of Cycles.find([...byId.keys()].sort(), replaced)) {
    const cycle = canonicalCycle(members)
    found.set(JSON.stringify(cycle), cycle)
  }
  return [...found.values()]
}

/**
 * Checks the replacement links of a set of directives (typically all of one store), returning
 * every violation, or none:
 * - ids are unique ({@link DuplicateDirectiveId});
 * - every replaced directive exists ({@link MissingReplacedDirective});
 * - no directive replaces itself through its replacements ({@link ReplacementCycle});
 * - a directive is wholly replaced at most once ({@link ReplacedTwice});
 * - a replacement does not take effect before what it replaces ({@link ReplacementOutOfOrder}).
 *
 * When it returns none, every {@link chainOf} is a line with effective dates in order, so on any
 * date `Directive.inForceOn` finds at most one of its links in force. Merges stay allowed: a
 * directive may replace several (each of which then ends its own chain's line into it).
 *
 * @category rules
 * @since 0.1.0
 */
export const validateReplacements = (
  directives: ReadonlyArray<Directive>
): ReadonlyArray<ReplacementViolation> => {
  const violations: Array<ReplacementViolation> = []
  const byId = new Map<DirectiveId, Directive>()
  const reported = new Set<DirectiveId>()
  for (const d of directives) {
    if (byId.has(d.id)) {
      if (!reported.has(d.id)) violations.push(new DuplicateDirectiveId({ directiveId: d.id }))
      reported.add(d.id)
    } else byId.set(d.id, d)
  }
  const replacedBy = new Map<DirectiveId, Array<DirectiveId>>()
  for (const d of byId.values()) {
    for (const r of new Set(d.replaces)) {
      const replaced = byId.get(r)
      if (replaced === undefined) {
        violations.push(new MissingReplacedDirective({ directiveId: d.id, missingId: r }))
        continue
      }
      replacedBy.set(r, [...(replacedBy.get(r) ?? []), d.id])
      if (r !== d.id && d.effectiveFrom < replaced.effectiveFrom) {
        violations.push(
          new ReplacementOutOfOrder({
            directiveId: d.id,
            effectiveFrom: d.effectiveFrom,
            replacedId: r,
            replacedEffectiveFrom: replaced.effectiveFrom
          })
        )
      }
    }
  }
  for (const [id, by] of replacedBy) {
    if (by.length > 1) violations.push(new ReplacedTwice({ directiveId: id, replacedBy: [...by].sort() }))
  }
  for (const cycle of findCycles(byId)) {
    violations.push(new ReplacementCycle({ cycle: [cycle[0]!, ...cycle.slice(1)] }))
  }
  return violations
}

/**
 * No directive with this id among those given.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnknownDirective extends DanvanError.TaggedError<UnknownDirective>()("UnknownDirective", {
  directiveId: DirectiveId
}) {
  override get message(): string {
    return `there is no directive ${JSON.stringify(this.directiveId)} among those given`
  }
}

/**
 * The replacement chain through a directive, oldest first: going back, the directive it replaces
 * and what that one replaces, as long as each replaces exactly one; the directive; going forward,
 * the directive that replaces it, and what replaces that, and so on. For 149/2018/NĐ-CP this is
 * 60/2013/NĐ-CP, 149/2018/NĐ-CP, 145/2020/NĐ-CP.
 *
 * A directive that replaces several (a merge) starts its own chain going back: its predecessors
 * were in force side by side, each on its own chain, which runs on into it. The walk stops at a
 * repeated directive, so it ends on any input; on a set that {@link validateReplacements} accepts
 * the chain is a line and at most one of its links is in force on any date. Where a directive is
 * replaced more than once (rejected by validation), the earliest replacement is followed.
 *
 * @category queries
 * @since 0.1.0
 */
export const chainOf = (
  directives: ReadonlyArray<Directive>,
  id: DirectiveId
): Result.Result<ReadonlyArray<Directive>, UnknownDirective> => {
  const byId = new Map<DirectiveId, Directive>()
  for (const d of directives) if (!byId.has(d.id)) byId.set(d.id, d)
  const start = byId.get(id)
  if (start === undefined) return Result.fail(new UnknownDirective({ directiveId: id }))
  const successor = new Map<DirectiveId, Directive>()
  for (const d of byId.values()) {
    for (const r of d.replaces) {
      const seen = successor.get(r)
      if (seen === undefined || byEffectiveDate(d, seen) < 0) successor.set(r, d)
    }
  }
  const visited = new Set<DirectiveId>([start.id])
  const back: Array<Directive> = []
  let current = start
  for (;;) {
    const present = [...new Set(current.replaces)].filter((r) => byId.has(r))
    if (present.length !== 1) break
    const previous = byId.get(present[0]!)!
    if (visited.has(previous.id)) break
    visited.add(previous.id)
    back.push(previous)
    current = previous
  }
  const forward: Array<Directive> = []
  current = start
  for (;;) {
    const next = successor.get(current.id)
    if (next === undefined || visited.has(next.id)) break
    visited.add(next.id)
    forward.push(next)
    current = next
  }
  return Result.succeed([...back.reverse(), start, ...forward])
}

/**
 * A state number's year differs from the year the directive was issued.
 *
 * @category violations
 * @since 0.1.0
 */
export class NumberYearMismatch extends Violation.TaggedClass<NumberYearMismatch>()(
  "NumberYearMismatch",
  {
    directiveId: DirectiveId,
    number: Schema.String,
    issuedOn: CalendarDate.CalendarDate
  },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} is numbered ${v.number} but was issued on ${CalendarDate.formatVietnamese(v.issuedOn)}; the year in a state number is the year of issue`
) {}

/**
 * A directive takes effect before it is issued.
 *
 * @category violations
 * @since 0.1.0
 */
export class EffectiveBeforeIssue extends Violation.TaggedClass<EffectiveBeforeIssue>()(
  "EffectiveBeforeIssue",
  {
    directiveId: DirectiveId,
    issuedOn: CalendarDate.CalendarDate,
    effectiveFrom: CalendarDate.CalendarDate
  },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} takes effect on ${CalendarDate.formatVietnamese(v.effectiveFrom)}, before it was issued on ${CalendarDate.formatVietnamese(v.issuedOn)}`
) {}

/**
 * A directive's end is not after its start (`effectiveUntil` is exclusive).
 *
 * @category violations
 * @since 0.1.0
 */
export class EndNotAfterStart extends Violation.TaggedClass<EndNotAfterStart>()(
  "EndNotAfterStart",
  {
    directiveId: DirectiveId,
    effectiveFrom: CalendarDate.CalendarDate,
    effectiveUntil: CalendarDate.CalendarDate
  },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} ends on ${CalendarDate.formatVietnamese(v.effectiveUntil)}, which is not after it takes effect (${CalendarDate.formatVietnamese(v.effectiveFrom)}); it would never be in force`
) {}

/**
 * Two tasks of one directive share an id.
 *
 * @category violations
 * @since 0.1.0
 */
export class DuplicateTaskId extends Violation.TaggedClass<DuplicateTaskId>()(
  "DuplicateTaskId",
  {
    directiveId: DirectiveId,
    taskId: TaskId
  },
  (v) =>
    `directive ${JSON.stringify(v.directiveId)} has more than one task with the id ${JSON.stringify(v.taskId)}; task ids must be unique within a directive`
) {}

/**
 * Every way one directive can break the rules ({@link validateDirective}).
 *
 * @category violations
 * @since 0.1.0
 */
export const DirectiveViolation = Schema.Union([
  NumberYearMismatch,
  EffectiveBeforeIssue,
  EndNotAfterStart,
  DuplicateTaskId
])
/**
 * @category violations
 * @since 0.1.0
 */
export type DirectiveViolation = typeof DirectiveViolation.Type

/**
 * A directive cannot be registered: it breaks the rules of one directive
 * ({@link validateDirective}) or of the replacement chains it joins
 * ({@link validateReplacements}); `violations` lists every breach.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidDirective extends DanvanError.TaggedError<InvalidDirective>()("InvalidDirective", {
  directiveId: DirectiveId,
  violations: Schema.NonEmptyArray(Schema.Union([DirectiveViolation, ReplacementViolation]))
}) {
  override get message(): string {
    return `directive ${JSON.stringify(this.directiveId)} cannot be registered: ${Violation.format(this.violations)}`
  }
}

/**
 * Checks one directive, returning every violation, or none:
 * - the year in a state number is the year of issue: numbering restarts every 1 January, so a
 *   number carries its own year (Decree 30/2020/NĐ-CP, Appendix III);
 * - it takes effect on or after its issue date: a document cannot be in force before it exists
 *   (a text that reaches back says so in its own provisions and is recorded from its issue date);
 * - `effectiveUntil`, when present, is after `effectiveFrom` (it is exclusive);
 * - its task ids are unique.
 *
 * @category rules
 * @since 0.1.0
 */
export const validateDirective = (d: Directive): ReadonlyArray<DirectiveViolation> => {
  const violations: Array<DirectiveViolation> = []
  if (d.number._tag === "State" && d.number.year !== undefined) {
    if (d.number.year !== CalendarDate.parts(d.issuedOn).year) {
      violations.push(
        new NumberYearMismatch({ directiveId: d.id, number: format(d.number), issuedOn: d.issuedOn })
      )
    }
  }
  if (d.effectiveFrom < d.issuedOn) {
    violations.push(
      new EffectiveBeforeIssue({ directiveId: d.id, issuedOn: d.issuedOn, effectiveFrom: d.effectiveFrom })
    )
  }
  if (d.effectiveUntil !== undefined && d.effectiveUntil <= d.effectiveFrom) {
    violations.push(
      new EndNotAfterStart({
        directiveId: d.id,
        effectiveFrom: d.effectiveFrom,
        effectiveUntil: d.effectiveUntil
      })
    )
  }
  const seen = new Set<TaskId>()
  const reported = new Set<TaskId>()
  for (const t of d.tasks) {
    if (seen.has(t.id) && !reported.has(t.id)) {
      violations.push(new DuplicateTaskId({ directiveId: d.id, taskId: t.id }))
      reported.add(t.id)
    }
    seen.add(t.id)
  }
  return violations
}

/**
 * A task together with the directive that assigns it.
 *
 * @category models
 * @since 0.1.0
 */
export interface AssignedTask {
  readonly directive: Directive
  readonly task: Task
}

/**
 * The tasks addressed to a unit on a date, from the directives in force then
 * (`Directive.inForceOn`, optionally of one programme). A task addresses the unit when one of its
 * assignees is
 * - the unit itself (`Unit`), or
 * - a body at the unit's level within a jurisdiction that contains it (`Bodies` whose `within` is
 *   the unit or one of `ancestors`, and whose `levels` include the unit's level, or are empty,
 *   meaning every level: "UBND các cấp").
 *
 * `ancestors` are the unit's ancestors on that date (from the unit hierarchy). The body is matched
 * by level as `TaskAssignment` matches it (`TaskAssignment.levelsOf`: People's Councils and
 * Committees exist in territorial units only, so "UBND các cấp" does not address an agency); the
 * unit is otherwise taken to house its own Party committee, council or committee. This is the
 * unit's side of `TaskAssignment.assigneesOn`, without the successions an abolished `within` would
 * need. Ordered as `inForceOn` orders directives, then in task order.
 *
 * @category queries
 * @since 0.1.0
 */
export const tasksFor = (
  directives: ReadonlyArray<Directive>,
  unit: { readonly id: UnitId; readonly level: UnitLevel },
  ancestors: ReadonlyArray<UnitId>,
  on: CalendarDate.CalendarDate,
  programme?: DirectiveProgramme
): ReadonlyArray<AssignedTask> => {
  const scope = new Set<UnitId>([unit.id, ...ancestors])
  const out: Array<AssignedTask> = []
  for (const directive of inForceOn(directives, on, programme)) {
    for (const task of directive.tasks) {
      const addressed = task.assignees.some((a) =>
        a._tag === "Unit"
          ? a.unitId === unit.id
          : scope.has(a.within) && TaskAssignment.levelsOf(a).has(unit.level)
      )
      if (addressed) out.push({ directive, task })
    }
  }
  return out
}
