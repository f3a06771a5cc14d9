/**
 * Jurisdiction (thẩm quyền): what an actor, acting for one unit, may do.
 *
 * An actor acts only within its unit's jurisdiction (facts.md, law 8). Mass mobilisation work is
 * organised level by level (Regulation on mass mobilisation work of the political system, Decision
 * 23-QĐ/TW of 30/7/2021), and reports go to the level directly above (Decree 09/2019/NĐ-CP, Art. 4);
 * neither citation is in facts.md, so both are unconfirmed. So an actor:
 * - acts for its own unit only: drafts, edits and submits that unit's reports, registers its
 *   models, composes its committees;
 * - reviews (approves, returns, reopens) only the reports of units directly under its unit;
 * - reads only its jurisdiction: its unit and every unit below it.
 *
 * Every check returns a `Result`; a refusal is an {@link OutsideJurisdiction} error that names the
 * actor, the unit, the action and the rule, never a silent filter.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { UnitId } from "../kernel/Ids.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import { Actor } from "./Actor.ts"

/**
 * The rule a refused action breaks:
 * - `ownUnit`: the action is for the actor's own unit only;
 * - `directlyBelow`: the action is for the unit directly above the record's unit only;
 * - `withinJurisdiction`: the record is outside the actor's unit and the units below it;
 * - `strictlyBelow`: the action assesses a unit's own work, so only a level above may take it.
 *
 * @since 0.1.0
 */
export const Rule = Schema.Literals(["ownUnit", "directlyBelow", "withinJurisdiction", "strictlyBelow"])
/** @since 0.1.0 */
export type Rule = typeof Rule.Type

const ruleText: Record<Rule, string> = {
  ownUnit: "an actor acts only for its own unit",
  directlyBelow: "an actor reviews only the reports of units directly under its own unit",
  withinJurisdiction: "an actor acts only within its own unit and the units below it",
  strictlyBelow: "a unit's own work is assessed by a level above it, not by the unit itself"
}

/**
 * The actor may not take this action for this unit. `action` is a phrase that reads before the
 * unit ("approve a report of", "register models of").
 *
 * @since 0.1.0
 */
export class OutsideJurisdiction extends DanvanError.TaggedError<OutsideJurisdiction>()(
  "OutsideJurisdiction",
  {
    actor: Actor,
    unitId: UnitId,
    action: Schema.String,
    rule: Rule
  }
) {
  override get message(): string {
    return `${this.actor.name} (acting for unit ${JSON.stringify(this.actor.unitId)}) may not ${this.action} unit ${JSON.stringify(this.unitId)}: ${ruleText[this.rule]}`
  }
}

/** A record that belongs to a unit (a report, a model, a committee). @since 0.1.0 */
export interface Owned {
  readonly unitId: UnitId
}

const refuse = (actor: Actor, unitId: UnitId, action: string, rule: Rule) =>
  Result.fail(new OutsideJurisdiction({ actor, unitId, action, rule }))

/**
 * Whether the actor may take `action` for `unitId` as that unit itself (create, edit, submit a
 * report; register a model; compose a committee).
 *
 * @since 0.1.0
 */
export const canActFor = (
  actor: Actor,
  unitId: UnitId,
  action: string
): Result.Result<void, OutsideJurisdiction> =>
  actor.unitId === unitId ? Result.void : refuse(actor, unitId, action, "ownUnit")

/**
 * Whether the actor may submit (or create, or edit: pass `action`) this report: only its own unit's.
 * The same rule serves every record a unit keeps for itself (a model, a committee).
 *
 * @since 0.1.0
 */
export const canSubmit = (
  actor: Actor,
  report: Owned,
  action: string = "submit a report of"
): Result.Result<void, OutsideJurisdiction> => canActFor(actor, report.unitId, action)

/**
 * Whether the actor may approve, return or reopen this report: only when the report's unit sits
 * directly under the actor's unit as of `asOf` (the day of the review). `hierarchy` needs to hold
 * at least the report's unit and its parent.
 *
 * @since 0.1.0
 */
export const canReview = (
  actor: Actor,
  report: Owned,
  hierarchy: Hierarchy.Hierarchy,
  asOf: CalendarDate,
  action: string = "approve a report of"
): Result.Result<void, OutsideJurisdiction> =>
  Hierarchy.parentOf(hierarchy, report.unitId, asOf)?.id === actor.unitId
    ? Result.void
    : refuse(actor, report.unitId, action, "directlyBelow")

/**
 * Whether the actor may read the records of `unitId`: only when it is the actor's unit or a unit
 * below it as of `asOf`. `hierarchy` needs to hold at least `unitId` and its ancestors.
 *
 * @since 0.1.0
 */
export const canRead = (
  actor: Actor,
  unitId: UnitId,
  hierarchy: Hierarchy.Hierarchy,
  asOf: CalendarDate,
  action: string = "read the records of"
): Result.Result<void, OutsideJurisdiction> =>
  unitId === actor.unitId || Hierarchy.ancestors(hierarchy, unitId, asOf).some((u) => u.id === actor.unitId)
    ? Result.void
    : refuse(actor, unitId, action, "withinJurisdiction")

/**
 * Whether the actor may assess (evaluate, commend) the work of `unitId`: only when it is a unit
 * below the actor's unit as of `asOf`, never the actor's own unit. DVK models are inspected and
 * evaluated by the steering committees of the levels above the unit that carries them out, and
 * commendations come from a higher level (facts.md: models are inspected, evaluated, the effective
 * ones commended; Law on Emulation and Commendation 06/2022/QH15, unconfirmed here).
 *
 * @since 0.1.0
 */
export const canAssess = (
  actor: Actor,
  unitId: UnitId,
  hierarchy: Hierarchy.Hierarchy,
  asOf: CalendarDate,
  action: string = "assess the work of"
): Result.Result<void, OutsideJurisdiction> =>
  unitId === actor.unitId
    ? refuse(actor, unitId, action, "strictlyBelow")
    : Hierarchy.ancestors(hierarchy, unitId, asOf).some((u) => u.id === actor.unitId)
      ? Result.void
      : refuse(actor, unitId, action, "withinJurisdiction")
