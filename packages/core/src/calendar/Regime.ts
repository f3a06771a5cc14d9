/**
 * Reporting regimes: which calendar a report follows and when it is due.
 *
 * State administrative reports follow the data cut-off calendar of Decree 09/2019/NĐ-CP (Art. 12:
 * the six-month window runs from 15/12 of the previous year to 14/6; the windows come from a
 * provincial decision applying the decree, the article's own text is unconfirmed); Party reporting
 * to the mass mobilisation commissions is outside that decree and follows calendar months and
 * halves ("6 tháng đầu năm"). Deadlines are set per province, in working days after the window
 * closes and no later for lower levels so each level can consolidate before reporting up. Days off
 * are Saturdays, Sundays, the regime's own `holidays` and, when the regime observes them
 * (`publicHolidays`), Vietnam's public holidays: computed from the Labour Code 2019 (Art. 112,
 * Art. 111(3)) and replaced year by year by the schedules the Government announces (see
 * `PublicHolidays`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { RegimeId } from "../kernel/Ids.ts"
import { Name } from "../kernel/Text.ts"
import * as Violation from "../kernel/Violation.ts"
import { UnitLevel } from "../unit/Unit.ts"
import * as PublicHolidays from "./PublicHolidays.ts"

/**
 * - `calendarMonths`: periods are calendar months, quarters, halves and years (Party reporting);
 * - `decree09Cutoff`: the data cut-off windows of Decree 09/2019/NĐ-CP (15th to 14th).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CalendarKind = Schema.Literals(["calendarMonths", "decree09Cutoff"])
/**
 * @category models
 * @since 0.1.0
 */
export type CalendarKind = typeof CalendarKind.Type

const WorkingDays = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 60 })))

/**
 * Working days after the window closes by which each level must submit. Lower levels submit no
 * later than the level above them.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Deadlines = Schema.Struct({
  province: WorkingDays,
  district: WorkingDays,
  commune: WorkingDays,
  grassroots: WorkingDays
})
/**
 * @category models
 * @since 0.1.0
 */
export type Deadlines = typeof Deadlines.Type

/**
 * A province's reporting regime (chế độ báo cáo): the calendar its periods follow, the working
 * days each level has after a window closes, and its days off. `holidays` are days off of the
 * regime's own (a provincial holiday, a day the province closes its offices); `publicHolidays`,
 * when present, makes the regime observe Vietnam's public holidays with the announced schedules it
 * holds (absent in regimes stored before public holidays were added: those skip only weekends
 * and `holidays`).
 *
 * @category models
 * @since 0.1.0
 */
export class ReportingRegime extends Schema.Class<ReportingRegime>("ReportingRegime")({
  id: RegimeId,
  name: Name,
  calendar: CalendarKind,
  deadlines: Deadlines,
  holidays: Schema.Array(CalendarDate.CalendarDate),
  publicHolidays: Schema.optionalKey(PublicHolidays.Observance),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}

/**
 * The reporting chain, lowest level first: a grassroots unit reports to its commune, a commune to
 * its district (before 01/07/2025) or province, a district to its province. Each level needs its
 * children's reports before it can consolidate its own, so its deadline is not earlier than
 * theirs.
 *
 * @category constants
 * @since 0.1.0
 */
export const chain: ReadonlyArray<UnitLevel> = ["grassroots", "commune", "district", "province"]

/**
 * A lower level is due after the level it reports to, so the level above cannot consolidate its
 * children's reports before its own deadline.
 *
 * @category violations
 * @since 0.1.0
 */
export class DeadlineAfterParent extends Violation.TaggedClass<DeadlineAfterParent>()(
  "DeadlineAfterParent",
  {
    regimeId: RegimeId,
    level: UnitLevel,
    workingDays: Schema.Int,
    parentLevel: UnitLevel,
    parentWorkingDays: Schema.Int
  },
  (v) => {
    return (
      `in regime ${v.regimeId} the ${v.level} level is due ${v.workingDays} working days after the ` +
      `window closes, later than the ${v.parentLevel} level it reports to (${v.parentWorkingDays}): ` +
      `a level must be due no later than the level above it`
    )
  }
) {}

/**
 * A regime cannot be stored: a level is due later than the level it reports to. `violations`
 * lists every such level ({@link validate}).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidRegime extends DanvanError.TaggedError<InvalidRegime>()("InvalidRegime", {
  regimeId: RegimeId,
  violations: Schema.NonEmptyArray(DeadlineAfterParent)
}) {
  override get message(): string {
    return `reporting regime ${this.regimeId} cannot be stored: ${Violation.format(this.violations)}`
  }
}

/**
 * The problems of a regime's deadlines: "a child level's deadline is not after its parent's"
 * ([rules: Deadlines](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#deadlines-law-2)), so one {@link DeadlineAfterParent} for each level due later than the next
 * level up (grassroots ≤ commune ≤ district ≤ province, in working days). Empty when
 * the regime is consistent. Comparing working-day counts is comparing deadlines, because every
 * level of a regime counts from the same window end over the same holidays.
 *
 * Since 01/07/2025 communes report straight to the province; the district entry then only has to
 * lie between the two, and a regime that satisfies the chain also has commune ≤ province.
 *
 * @category rules
 * @since 0.1.0
 */
export const validate = (
  regime: Pick<ReportingRegime, "id" | "deadlines">
): ReadonlyArray<DeadlineAfterParent> => {
  const violations: Array<DeadlineAfterParent> = []
  for (let i = 0; i + 1 < chain.length; i++) {
    const level = chain[i]!
    const parentLevel = chain[i + 1]!
    const workingDays = regime.deadlines[level]
    const parentWorkingDays = regime.deadlines[parentLevel]
    if (workingDays > parentWorkingDays) {
      violations.push(
        new DeadlineAfterParent({ regimeId: regime.id, level, workingDays, parentLevel, parentWorkingDays })
      )
    }
  }
  return violations
}

/**
 * The public holidays on fixed solar dates in a year, per the Labour Code 2019, Art. 112(1): New
 * Year (01/01), Victory Day (30/04), International Labour Day (01/05) and National Day (02/09).
 * The other days off (five days of Tết and the Hùng Kings' day, both lunar; the second day of
 * National Day; compensatory days, nghỉ bù) are in `PublicHolidays.statutory`, which a regime
 * observing public holidays uses; this list is for regimes that list their days off by hand.
 *
 * @category rules
 * @since 0.1.0
 */
export const fixedHolidays = (year: number): ReadonlyArray<CalendarDate.CalendarDate> =>
  [
    [1, 1],
    [4, 30],
    [5, 1],
    [9, 2]
  ].flatMap(([month, day]) => {
    const date = CalendarDate.fromParts(year, month!, day!)
    return date === undefined ? [] : [date]
  })

/**
 * Default regimes, as a starting point for a province: each province sets its own deadlines
 * (2 working days after the cut-off is a common choice), so these numbers are
 * illustrative, not law. Both observe Vietnam's public holidays with the schedules announced for
 * 2021–2026 (`PublicHolidays.announced`); other years use the days computed from the Labour Code
 * and their deadlines carry a warning (`Deadline.due`) until the year's schedule is loaded
 * (`PublicHolidays.mergeSchedules`).
 *
 * - `party`: Party reporting to the mass mobilisation commissions (Ban Dân vận), outside Decree
 *   09/2019/NĐ-CP, on calendar months, quarters, halves and years; grassroots 2, commune 3,
 *   district 5, province 7 working days after the period ends.
 * - `state`: state administrative reports on the data cut-off windows of Decree 09/2019/NĐ-CP
 *   (Art. 12); grassroots 1, commune 2, district 3, province 4 working days after the 14th.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaults: { readonly party: ReportingRegime; readonly state: ReportingRegime } = {
  party: new ReportingRegime({
    id: RegimeId.make("party-calendar-months"),
    name: "Báo cáo công tác dân vận của Đảng (tháng, quý, 6 tháng, năm dương lịch)",
    calendar: "calendarMonths",
    deadlines: { grassroots: 2, commune: 3, district: 5, province: 7 },
    holidays: [],
    publicHolidays: { schedules: PublicHolidays.announced },
    version: 0
  }),
  state: new ReportingRegime({
    id: RegimeId.make("state-decree-09-2019"),
    name: "Báo cáo hành chính nhà nước (Nghị định 09/2019/NĐ-CP)",
    calendar: "decree09Cutoff",
    deadlines: { grassroots: 1, commune: 2, district: 3, province: 4 },
    holidays: [],
    publicHolidays: { schedules: PublicHolidays.announced },
    version: 0
  })
}
