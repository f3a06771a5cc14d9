/**
 * Reporting regimes: which calendar a report follows and when it is due.
 *
 * State administrative reports follow the data cut-off calendar of Decree 09/2019/NĐ-CP (Art. 12:
 * the six-month window runs from 15/12 of the previous year to 14/6); Party reporting to the mass
 * mobilisation commissions is outside that decree and follows calendar months and halves
 * ("6 tháng đầu năm"). Deadlines are set per province, in working days after the window closes and
 * earlier for lower levels so each level can consolidate before reporting up; public holidays are
 * data because they are set every year (Labour Code 2019, Art. 112, and the yearly notices of the
 * Ministry of Home Affairs).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { RegimeId } from "../kernel/Ids.ts"
import { Name } from "../kernel/Text.ts"

/**
 * - `calendarMonths`: periods are calendar months, quarters, halves and years (Party reporting);
 * - `decree09Cutoff`: the data cut-off windows of Decree 09/2019/NĐ-CP (15th to 14th).
 *
 * @since 0.1.0
 */
export const CalendarKind = Schema.Literals(["calendarMonths", "decree09Cutoff"])
/** @since 0.1.0 */
export type CalendarKind = typeof CalendarKind.Type

const WorkingDays = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 60 })))

/**
 * Working days after the window closes by which each level must submit. Lower levels submit no
 * later than the level above them.
 *
 * @since 0.1.0
 */
export const Deadlines = Schema.Struct({
  province: WorkingDays,
  district: WorkingDays,
  commune: WorkingDays,
  grassroots: WorkingDays
})
/** @since 0.1.0 */
export type Deadlines = typeof Deadlines.Type

/** @since 0.1.0 */
export class ReportingRegime extends Schema.Class<ReportingRegime>("ReportingRegime")({
  id: RegimeId,
  name: Name,
  calendar: CalendarKind,
  deadlines: Deadlines,
  holidays: Schema.Array(CalendarDate.CalendarDate),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}
