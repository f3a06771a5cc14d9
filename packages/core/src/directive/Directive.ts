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
import { DocumentNumber, matchKey } from "./DocumentNumber.ts"
import * as Issuers from "./Issuers.ts"

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
 * Who issued a directive: a body of the centre (`Central`: the Central Committee, the Government,
 * the National Assembly, the Ban Dân vận Trung ương…), or a body of a unit (`Unit`: the People's
 * Committee of Ninh Bình, the Party committee of a district, a commune's steering committee). The
 * unit is the one whose body issued it, as of the issue date. Every province numbers its own
 * documents from 01 (Decree 30/2020/NĐ-CP, Appendix III; Guidance 36-HD/VPTW), so the issuing unit
 * is part of the numbering scope ({@link numberingKey}), and it decides where the directive
 * applies ({@link applicableOn}).
 *
 * @category schemas
 * @since 0.1.0
 */
export const IssuedBy = Schema.Union([
  Schema.TaggedStruct("Central", { body: Issuers.IssuingBody }),
  Schema.TaggedStruct("Unit", { unitId: UnitId, body: Issuers.IssuingBody })
])
/**
 * @category models
 * @since 0.1.0
 */
export type IssuedBy = typeof IssuedBy.Type

/**
 * A directive. `issuedBy` is the issuing body and its unit; `effectiveUntil` is exclusive. `replaces` names the directives this one replaces
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
  issuedBy: IssuedBy,
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
export const byEffectiveDate: Order.Order<Pick<Directive, "effectiveFrom" | "id">> = (a, b) =>
  // `Order.Struct({ effectiveFrom, id })` written as two plain comparisons: listing directives in
  // force sorts with it, and the combinators' calls per comparison were half of that read
  // (docs/benchmarks.md, fourth pass).
  Order.String(a.effectiveFrom, b.effectiveFrom) || Order.String(a.id, b.id)

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
  const out: Array<Directive> = []
  for (const d of directives) {
    if (
      (programme === undefined || d.programme === programme) &&
      Interval.contains(d.effectiveFrom, d.effectiveUntil, on) &&
      !replaced.has(d.id)
    )
      out.push(d)
  }
  return out.sort(byEffectiveDate)
}

/**
 * The context a directive's issuer code is read in: a unit's documents read `local` codes first
 * (`BDVTU` is the province's own Ban Dân vận), central ones do not (`BDVTU` is the Ban Dân vận
 * Trung ương). See `Issuers.inContext`.
 *
 * @category conversions
 * @since 0.1.0
 */
export const registryFor = (
  directive: Pick<Directive, "issuedBy">,
  registry: Issuers.Registry = Issuers.defaultRegistry
): Issuers.Registry =>
  Issuers.inContext(registry, directive.issuedBy._tag === "Central" ? "central" : "local")

/**
 * The uniqueness scope of a directive's number, as a string: two stored directives never share it
 * (`DirectiveRepository.insert`), and every store computes it with this one function.
 *
 * - State: (issuing unit, number, type, issuer, year), the year being `number.year` or else the
 *   year of `issuedOn`: each agency numbers from 01 every 1 January, and (number, symbol) is unique
 *   per issuing agency within a year (Decree 30/2020/NĐ-CP, Appendix III). So Ninh Bình's and Hà
 *   Nam's `01/2024/QĐ-UBND` are two documents.
 * - Party: (issuing unit, number, type, issuer, Party committee term): each committee numbers from
 *   01 per document type and per term (Guidance 36-HD/VPTW of 03/4/2018). The term comes from the
 *   registry's `partyTerms`, else from the default boundaries of `Issuers.partyTermStart`
 *   (unconfirmed approximations; configure the real ones).
 *
 * The issuing unit is the unit id of `issuedBy`, or `""` for the centre. Issuers compare by
 * `Issuers.issuerKey` read in the directive's context ({@link registryFor}); type codes by their
 * upper-case spelling (never folding Đ to D: `HD` and `HĐ` are different types). The key is a JSON
 * array, e.g. `["state","",60,"NĐ","CP",2013]` or `["party","vn-37",20,"KH","TU","2015-11-01"]`.
 *
 * @category conversions
 * @since 0.1.0
 */
export const numberingKey = (
  directive: Pick<Directive, "number" | "issuedOn" | "issuedBy">,
  registry: Issuers.Registry = Issuers.defaultRegistry
): string => {
  const r = registryFor(directive, registry)
  const number = directive.number
  const unit = directive.issuedBy._tag === "Unit" ? directive.issuedBy.unitId : ""
  return number._tag === "State"
    ? JSON.stringify([
        "state",
        unit,
        number.number,
        number.typeCode === undefined ? "" : Issuers.upper(number.typeCode),
        Issuers.issuerKey(number.issuer, r),
        number.year ?? CalendarDate.parts(directive.issuedOn).year
      ])
    : JSON.stringify([
        "party",
        unit,
        number.number,
        Issuers.upper(number.typeCode),
        Issuers.issuerKey(number.issuer, r),
        Issuers.partyTermStart(number.issuer, directive.issuedOn, r)
      ])
}

/**
 * The key `DirectiveRepository.findByNumber` matches a stored directive on: `DocumentNumber.matchKey`
 * of its number, read in the directive's context ({@link registryFor}).
 *
 * @category conversions
 * @since 0.1.0
 */
export const numberMatchKey = (
  directive: Pick<Directive, "number" | "issuedBy">,
  registry: Issuers.Registry = Issuers.defaultRegistry
): string => matchKey(directive.number, registryFor(directive, registry))

/**
 * The keys a number looked up without context (`findByNumber`) may match: read as a central
 * document and as a unit's document (`BDVTU` matches both the Ban Dân vận Trung ương's documents
 * and a province's own Ban Dân vận's).
 *
 * @category conversions
 * @since 0.1.0
 */
export const numberQueryKeys = (
  number: DocumentNumber,
  registry: Issuers.Registry = Issuers.defaultRegistry
): ReadonlyArray<string> => [
  ...new Set([
    matchKey(number, Issuers.inContext(registry, "central")),
    matchKey(number, Issuers.inContext(registry, "local"))
  ])
]

/**
 * The directives that apply to a unit on a date, among `directives`: those in force on the date
 * ({@link inForceOn}) issued by the centre, by the unit itself, or by one of `ancestors`, its
 * chain of parents as of that date (`Hierarchy.ancestors`, which follows the dated parent links,
 * so a commune moved under a new province on 01/07/2025 reads its old district's and province's
 * directives before that day and its new province's after). A Party or state body's directive
 * binds the bodies below it in its territory (the hierarchy of documents of the Law on Promulgation
 * of Legal Documents 80/2015/QH13, Art. 4; lower Party bodies carry out higher ones' resolutions,
 * Party Charter, Art. 9; neither confirmed against its text here); see
 * [rules: Document numbers and directives](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#document-numbers-and-directives-law-3).
 * Ordered by {@link byEffectiveDate}.
 *
 * @category queries
 * @since 0.1.0
 */
export const applicableOn = (
  directives: ReadonlyArray<Directive>,
  unitId: typeof UnitId.Type,
  ancestors: ReadonlyArray<typeof UnitId.Type>,
  on: CalendarDate.CalendarDate,
  programme?: typeof DirectiveProgramme.Type
): ReadonlyArray<Directive> => {
  const issuers = new Set<string>([unitId, ...ancestors])
  return inForceOn(directives, on, programme).filter(
    (d) => d.issuedBy._tag === "Central" || issuers.has(d.issuedBy.unitId)
  )
}

/**
 * The issuer of a directive stored before directives carried one (decision record 0029): a number
 * whose issuer code the registry places at the centre (`CP`, `QH15`, `BDVTƯ`, every code ending in
 * `TW`) was issued by the centre; any other by `localUnit`, the store's only province, since a
 * store written before the issuing unit existed could hold one province's own documents only (two
 * provinces' `01/2024/QĐ-UBND` were refused). The body is the registry's `body` for the code, else
 * `agency`. `undefined` when the number is local and there is no `localUnit`: the caller refuses
 * to guess.
 *
 * @category conversions
 * @since 0.1.0
 */
export const legacyIssuer = (
  number: DocumentNumber,
  localUnit: typeof UnitId.Type | undefined,
  registry: Issuers.Registry = Issuers.defaultRegistry
): IssuedBy | undefined => {
  const central = Issuers.inContext(registry, "central")
  const spec = Issuers.specOf(number.issuer, central)
  const body = spec?.body ?? "agency"
  if (spec?.scope === "central" || Issuers.isCentral(number.issuer, central)) return { _tag: "Central", body }
  if (localUnit === undefined) return undefined
  const local = Issuers.specOf(number.issuer, Issuers.inContext(registry, "local"))
  return { _tag: "Unit", unitId: localUnit, body: local?.body ?? body }
}
