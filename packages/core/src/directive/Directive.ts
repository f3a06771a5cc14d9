/**
 * Directives (văn bản chỉ đạo): the state and Party documents that govern QCDC and DVK work,
 * assign tasks, and replace one another over time. "Which rule was in force on date D" is a
 * question the domain answers from `effectiveFrom`, `effectiveUntil` and `replaces`.
 *
 * @since 0.1.0
 */
import { Order, Schema } from "effect"
import { PeriodId } from "../calendar/Period.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { DirectiveId, TaskId, UnitId } from "../kernel/Ids.ts"
import * as Interval from "../kernel/Interval.ts"
import { DirectiveProgramme } from "../kernel/Programme.ts"
import { Name, NonEmptyText } from "../kernel/Text.ts"
import { UnitLevel } from "../unit/Unit.ts"
import { DocumentNumber, numberingKey as numberKey } from "./DocumentNumber.ts"
import type * as Issuers from "./Issuers.ts"

/**
 * The bodies a task can be addressed to collectively ("HĐND các cấp", "UBND các cấp"):
 * `partyCommittee` (cấp ủy), `peoplesCouncil` (HĐND), `peoplesCommittee` (UBND),
 * `fatherlandFront` (MTTQ), `massOrganisations` (đoàn thể chính trị - xã hội), `steeringCommittee`
 * (Ban chỉ đạo), `agencies` (cơ quan, đơn vị), `enterprises` (doanh nghiệp).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Body = Schema.Literals([
  "partyCommittee",
  "peoplesCouncil",
  "peoplesCommittee",
  "fatherlandFront",
  "massOrganisations",
  "steeringCommittee",
  "agencies",
  "enterprises"
])
/**
 * @category models
 * @since 0.1.0
 */
export type Body = typeof Body.Type

/**
 * Whom a task is for: one unit, or a body at every level (or the given levels) within a
 * jurisdiction.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Assignee = Schema.Union([
  Schema.TaggedStruct("Unit", { unitId: UnitId }),
  Schema.TaggedStruct("Bodies", {
    body: Body,
    levels: Schema.Array(UnitLevel),
    within: UnitId
  })
])
/**
 * @category models
 * @since 0.1.0
 */
export type Assignee = typeof Assignee.Type

/**
 * By when: a date, or the end of a period (under the reporting regime in use).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Due = Schema.Union([
  Schema.TaggedStruct("ByDate", { date: CalendarDate.CalendarDate }),
  Schema.TaggedStruct("ByPeriod", { periodId: PeriodId })
])
/**
 * @category models
 * @since 0.1.0
 */
export type Due = typeof Due.Type

/**
 * A task a directive assigns.
 *
 * @category models
 * @since 0.1.0
 */
export class Task extends Schema.Class<Task>("Task")({
  id: TaskId,
  description: NonEmptyText(4000),
  assignees: Schema.Array(Assignee),
  due: Schema.optionalKey(Due)
}) {}

/**
 * A directive. `effectiveUntil` is exclusive. `replaces` names the directives this one replaces
 * (wholly); a replaced directive stops being in force when its replacement takes effect.
 *
 * @category models
 * @since 0.1.0
 */
export class Directive extends Schema.Class<Directive>("Directive")({
  id: DirectiveId,
  number: DocumentNumber,
  title: NonEmptyText(2000),
  issuerName: Schema.optionalKey(Name),
  programme: DirectiveProgramme,
  issuedOn: CalendarDate.CalendarDate,
  effectiveFrom: CalendarDate.CalendarDate,
  effectiveUntil: Schema.optionalKey(CalendarDate.CalendarDate),
  replaces: Schema.Array(DirectiveId),
  tasks: Schema.Array(Task),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}

/**
 * The order directives are listed in: by effective date, then id.
 *
 * @category orders
 * @since 0.1.0
 */
export const byEffectiveDate: Order.Order<Pick<Directive, "effectiveFrom" | "id">> = Order.Struct({
  effectiveFrom: Order.String,
  id: Order.String
})

/**
 * The directives in force on a date, among `directives`: effective on it (`effectiveFrom <= on <
 * effectiveUntil`) and not replaced by one of `directives` that has taken effect by then. A
 * replacement ends its predecessor from its own effective date, as Decree 149/2018/NĐ-CP ended
 * Decree 60/2013/NĐ-CP on 01/01/2019 (the general rule is in the Law on Promulgation of Legal
 * Documents 80/2015/QH13, Art. 154; unconfirmed against its text). On a set that
 * `DirectiveRules.validateReplacements` accepts, at most one link of a replacement chain is in
 * force on any date ([rules: Document numbers and directives](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#document-numbers-and-directives-law-3)).
 * Ordered by {@link byEffectiveDate}.
 *
 * @category queries
 * @since 0.1.0
 */
export const inForceOn = (
  directives: ReadonlyArray<Directive>,
  on: CalendarDate.CalendarDate,
  programme?: typeof DirectiveProgramme.Type
): ReadonlyArray<Directive> => {
  const replaced = new Set<string>()
  for (const d of directives) if (d.effectiveFrom <= on) for (const r of d.replaces) replaced.add(r)
  return directives
    .filter(
      (d) =>
        (programme === undefined || d.programme === programme) &&
        Interval.contains(d.effectiveFrom, d.effectiveUntil, on) &&
        !replaced.has(d.id)
    )
    .sort(byEffectiveDate)
}

/**
 * The uniqueness scope of a directive's number: `DocumentNumber.numberingKey` of its number and
 * issue date. Two stored directives never share it (`DirectiveRepository.insert`): a state number
 * is unique per type, issuer and year (Decree 30/2020/NĐ-CP, Appendix III), a Party number per
 * type, issuer and committee term (Guidance 36-HD/VPTW).
 *
 * @since 0.1.0
 */
export const numberingKey = (
  directive: Pick<Directive, "number" | "issuedOn">,
  registry?: Issuers.Registry
): string => numberKey(directive.number, directive.issuedOn, registry)
