/**
 * Jurisdiction (thẩm quyền): for which units an actor, acting for one unit, may take an action.
 *
 * Mass mobilisation work is organised level by level (Regulation on mass mobilisation work of the
 * political system, Decision 23-QĐ/TW of 30/7/2021), and reports go to the level directly above
 * (Decree 09/2019/NĐ-CP, Art. 4); both citations are unconfirmed against the primary texts (the
 * jurisdiction row of docs/rules.md). So an actor:
 * - acts for its own unit only: drafts and submits its reports, registers its models, keeps its
 *   committees ({@link canActFor});
 * - reviews a report only when its unit is the one the report was submitted to ({@link canReview});
 * - reads its own unit and the units below it, and the records of units whose history its unit
 *   carries ({@link canRead});
 * - assesses (evaluates, commends) the work of units below it, never its own and never that of a
 *   unit whose history it carries ({@link canAssess});
 * - maintains the unit list only for units at or below its own ({@link canMaintainUnits}).
 *
 * Every rule is judged on the day the action is taken, in Vietnam, over a {@link Scene}: the units
 * involved, the succession links that leave them, and the policy's central units (which stand
 * above every province). A unit that no longer exists stands where the unit carrying its history
 * stands (`Succession.historyCarrier`); one whose history nobody carries stands where it stood on
 * its last day. Every check returns a `Result`; a refusal is an {@link OutsideJurisdiction} that
 * names the actor, the unit, the action and the rule.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { UnitId } from "../kernel/Ids.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import * as Succession from "../unit/Succession.ts"
import { isValidOn, parentOn, type Unit, type UnitLevel } from "../unit/Unit.ts"
import { Actor } from "./Actor.ts"

/**
 * The rule a refused action breaks:
 * - `ownUnit`: the action is for the actor's own unit only;
 * - `directlyBelow`: a report is reviewed by the unit it was submitted to (the unit directly above);
 * - `withinJurisdiction`: the record is outside the actor's unit and the units below it;
 * - `strictlyBelow`: the action assesses a unit's own work, so only a level above may take it;
 * - `historyCarrier`: the actor's unit carries the assessed unit's history, so assessing it would
 *   be assessing its own work;
 * - `aboveAffectedUnits`: the unit list is maintained only by a unit above every unit affected;
 * - `referenceDataLevel`: reference data is maintained only at the levels the policy names, or
 *   centrally;
 * - `registeringUnit`: a directive is replaced only on behalf of the unit that registered it;
 * - `activeUnit`: the action is taken on behalf of a stored unit that has not ended by that day.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Rule = Schema.Literals([
  "ownUnit",
  "directlyBelow",
  "withinJurisdiction",
  "strictlyBelow",
  "historyCarrier",
  "aboveAffectedUnits",
  "referenceDataLevel",
  "registeringUnit",
  "activeUnit"
])
/**
 * @category models
 * @since 0.1.0
 */
export type Rule = typeof Rule.Type

const ruleText: Record<Rule, string> = {
  ownUnit: "an actor acts only for its own unit",
  directlyBelow: "a report is reviewed only by the unit it was submitted to, the one directly above",
  withinJurisdiction: "an actor acts only within its own unit and the units below it",
  strictlyBelow: "a unit's own work is assessed by a level above it, not by the unit itself",
  historyCarrier: "the unit that carries another unit's history reads its records but does not assess them",
  aboveAffectedUnits: "units and successions are maintained only by a unit above every unit affected",
  referenceDataLevel: "reference data is maintained only at the levels the policy names, or centrally",
  registeringUnit: "a directive is replaced only on behalf of the unit that registered it",
  activeUnit: "an actor acts on behalf of a unit that exists and has not ended by the day it acts"
}

/**
 * The actor may not take this action for this unit. `action` is a phrase that reads before the
 * unit ("approve a report of", "register models of").
 *
 * @category errors
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

/**
 * A record that belongs to a unit (a report, a model, a committee).
 *
 * @category models
 * @since 0.1.0
 */
export interface Owned {
  readonly unitId: UnitId
}

/**
 * What the rules look at: the day of the action, the units involved (with their ancestors, and
 * the units carrying their history with theirs), the succession links leaving them, and the
 * policy's central units.
 *
 * @category models
 * @since 0.1.0
 */
export interface Scene {
  readonly on: CalendarDate.CalendarDate
  readonly hierarchy: Hierarchy.Hierarchy
  readonly successions: ReadonlyArray<Succession.Succession>
  readonly central: ReadonlySet<UnitId>
}

/**
 * A scene from plain lists.
 *
 * @category constructors
 * @since 0.1.0
 */
export const scene = (options: {
  readonly on: CalendarDate.CalendarDate
  readonly units: Iterable<Unit>
  readonly successions?: ReadonlyArray<Succession.Succession>
  readonly central?: Iterable<UnitId>
}): Scene => ({
  on: options.on,
  hierarchy: Hierarchy.make(options.units),
  successions: options.successions ?? [],
  central: new Set(options.central ?? [])
})

const refuse = (actor: Actor, unitId: UnitId, action: string, rule: Rule) =>
  Result.fail(new OutsideJurisdiction({ actor, unitId, action, rule }))

/**
 * The day on which a unit's place is read for `on`: `on` itself while the unit exists, else the
 * nearest day it existed (its last day, once it has ended).
 *
 * @category rules
 * @since 0.1.0
 */
export const standingDate = (
  unit: Pick<Unit, "validFrom" | "validUntil">,
  on: CalendarDate.CalendarDate
): CalendarDate.CalendarDate => {
  if (on < unit.validFrom) return unit.validFrom
  if (unit.validUntil !== undefined && on >= unit.validUntil) {
    return CalendarDate.max(unit.validFrom, CalendarDate.addDays(unit.validUntil, -1))
  }
  return on
}

/**
 * The unit that carries the history of `unitId` on the scene's day (`unitId` itself when none
 * does).
 *
 * @category rules
 * @since 0.1.0
 */
export const carrierOf = (s: Scene, unitId: UnitId): UnitId =>
  Succession.historyCarrier(s.successions, unitId, s.on)

/**
 * The units above `unitId` on the scene's day: the unit carrying its history (when another one
 * does), that unit's ancestors as of its {@link standingDate}, and the central units.
 *
 * @category rules
 * @since 0.1.0
 */
export const above = (s: Scene, unitId: UnitId): ReadonlySet<UnitId> => {
  const carrier = carrierOf(s, unitId)
  const result = new Set<UnitId>(s.central)
  if (carrier !== unitId) result.add(carrier)
  const unit = s.hierarchy.byId.get(carrier)
  if (unit !== undefined) {
    for (const a of Hierarchy.ancestors(s.hierarchy, carrier, standingDate(unit, s.on))) result.add(a.id)
  }
  return result
}

/**
 * Whether the actor may take `action` for `unitId` as that unit itself (create, edit, submit a
 * report; register a model; compose a committee).
 *
 * @category rules
 * @since 0.1.0
 */
export const canActFor = (
  actor: Actor,
  unitId: UnitId,
  action: string
): Result.Result<void, OutsideJurisdiction> =>
  actor.unitId === unitId ? Result.void : refuse(actor, unitId, action, "ownUnit")

/**
 * Whether the actor may read the records of `unitId`: its own unit, a unit below it, or a unit
 * whose history a unit of its jurisdiction carries.
 *
 * @category rules
 * @since 0.1.0
 */
export const canRead = (
  actor: Actor,
  unitId: UnitId,
  s: Scene,
  action: string = "read the records of"
): Result.Result<void, OutsideJurisdiction> =>
  unitId === actor.unitId || above(s, unitId).has(actor.unitId)
    ? Result.void
    : refuse(actor, unitId, action, "withinJurisdiction")

/**
 * Whether the actor may assess (evaluate, commend) the work of `unitId`: a unit above it, never
 * the unit itself nor the unit that carries its history. DVK models are inspected and evaluated
 * by the steering committees of the levels above the unit that carries them out, and
 * commendations come from a higher level (Plan 771-KH/BDVTƯ of 08/3/2017; Law on Emulation and
 * Commendation 06/2022/QH15, unconfirmed here).
 *
 * @category rules
 * @since 0.1.0
 */
export const canAssess = (
  actor: Actor,
  unitId: UnitId,
  s: Scene,
  action: string = "assess the work of"
): Result.Result<void, OutsideJurisdiction> => {
  if (unitId === actor.unitId) return refuse(actor, unitId, action, "strictlyBelow")
  if (carrierOf(s, unitId) === actor.unitId) return refuse(actor, unitId, action, "historyCarrier")
  return above(s, unitId).has(actor.unitId)
    ? Result.void
    : refuse(actor, unitId, action, "withinJurisdiction")
}

/**
 * The unit that reviews a report of `unitId` last submitted on `submittedOn` (or, never submitted,
 * reviewed on the scene's day): the unit's parent that day (its last day, if it had ended). When
 * that parent no longer exists on the scene's day, the report goes to the unit carrying the
 * parent's history, or, when none does, to the parent's own parent on its last day, and so on up
 * to a unit that exists. `undefined` for a unit with no parent (a province), whose reports go to
 * the central level. `s.hierarchy` holds the units of that walk ({@link reviewChain}).
 *
 * @category rules
 * @since 0.1.0
 */
export const reviewerOf = (
  s: Scene,
  unitId: UnitId,
  submittedOn: CalendarDate.CalendarDate = s.on
): UnitId | undefined => reviewChain(s, unitId, submittedOn).at(-1)

/**
 * The walk {@link reviewerOf} takes, from the report's unit's parent to the reviewer (empty for a
 * unit with no parent). `unitOf` looks units up, so a loader can run it over the records it has
 * fetched so far and fetch the next one.
 *
 * @category rules
 * @since 0.1.0
 */
export const reviewChain = (
  s: Pick<Scene, "on" | "successions"> & { readonly hierarchy: Pick<Hierarchy.Hierarchy, "byId"> },
  unitId: UnitId,
  submittedOn: CalendarDate.CalendarDate = s.on
): ReadonlyArray<UnitId> => {
  const unit = s.hierarchy.byId.get(unitId)
  if (unit === undefined) return []
  const chain: Array<UnitId> = []
  let next = parentOn(unit, standingDate(unit, submittedOn))
  while (next !== undefined && !chain.includes(next)) {
    chain.push(next)
    const parent = s.hierarchy.byId.get(next)
    if (parent === undefined || isValidOn(parent, s.on)) break
    const carrier = Succession.historyCarrier(s.successions, next, s.on)
    next = carrier !== next ? carrier : parentOn(parent, standingDate(parent, s.on))
  }
  return chain
}

/**
 * Whether the actor may approve, return or reopen this report: only when its unit is the one the
 * report was submitted to ({@link reviewerOf}), or a central unit for a province's report.
 *
 * @category rules
 * @since 0.1.0
 */
export const canReview = (
  actor: Actor,
  report: Owned & { readonly submittedOn?: CalendarDate.CalendarDate | undefined },
  s: Scene,
  action: string = "approve a report of"
): Result.Result<void, OutsideJurisdiction> => {
  const reviewer = reviewerOf(s, report.unitId, report.submittedOn)
  const allowed = reviewer === undefined ? s.central.has(actor.unitId) : reviewer === actor.unitId
  return allowed ? Result.void : refuse(actor, report.unitId, action, "directlyBelow")
}

/**
 * A unit a change to the unit list touches, and the day its place is judged on: an imported unit
 * on the first day of each of its parent links, the two ends of a succession on the day before
 * and the day it takes effect.
 *
 * @category models
 * @since 0.1.0
 */
export interface Affected {
  readonly unitId: UnitId
  readonly on: CalendarDate.CalendarDate
}

/**
 * Whether the actor may maintain the unit list for every unit `affected`: its unit is a central
 * unit, or is the affected unit itself or one of its ancestors on the day given (so a commune
 * cannot record another commune's merger into itself, and a province cannot rewrite another
 * province's units). `s.hierarchy` holds the affected units and their ancestors, imported or
 * stored.
 *
 * @category rules
 * @since 0.1.0
 */
export const canMaintainUnits = (
  actor: Actor,
  affected: ReadonlyArray<Affected>,
  s: Scene,
  action: string = "maintain the records of"
): Result.Result<void, OutsideJurisdiction> => {
  if (s.central.has(actor.unitId)) return Result.void
  for (const { unitId, on } of affected) {
    if (unitId === actor.unitId) continue
    if (!Hierarchy.ancestors(s.hierarchy, unitId, on).some((u) => u.id === actor.unitId)) {
      return refuse(actor, unitId, action, "aboveAffectedUnits")
    }
  }
  return Result.void
}

/**
 * Whether the actor may change reference data, which every unit of the store shares: its unit is
 * a central unit, or exists on the scene's day at one of `levels`.
 *
 * @category rules
 * @since 0.1.0
 */
export const canMaintainReferenceData = (
  actor: Actor,
  levels: ReadonlyArray<UnitLevel>,
  s: Scene,
  action: string = "change the reference data on behalf of"
): Result.Result<void, OutsideJurisdiction> => {
  if (s.central.has(actor.unitId)) return Result.void
  const unit = s.hierarchy.byId.get(actor.unitId)
  return unit !== undefined && isValidOn(unit, s.on) && levels.includes(unit.level)
    ? Result.void
    : refuse(actor, actor.unitId, action, "referenceDataLevel")
}

/**
 * Whether the actor may replace a directive registered on behalf of `registeredBy` (`undefined`
 * when the register does not say): its unit registered it, or carries the history of the unit
 * that did, or is central.
 *
 * @category rules
 * @since 0.1.0
 */
export const canReplace = (
  actor: Actor,
  registeredBy: UnitId | undefined,
  s: Scene,
  action: string = "replace a directive of"
): Result.Result<void, OutsideJurisdiction> => {
  if (s.central.has(actor.unitId)) return Result.void
  if (
    registeredBy !== undefined &&
    (registeredBy === actor.unitId || carrierOf(s, registeredBy) === actor.unitId)
  ) {
    return Result.void
  }
  return refuse(actor, registeredBy ?? actor.unitId, action, "registeringUnit")
}
