/**
 * Submission deadlines: a number of working days after a period's window closes.
 *
 * Provinces set how many working days each level has after the data cut-off (facts.md: "e.g. 2
 * working days"; Decree 09/2019/NĐ-CP, Art. 12, sets the cut-off, the province the days). Working
 * days skip Saturdays and Sundays (the weekly rest days of public offices) and the public holidays
 * of the Labour Code 2019, Art. 112, which are announced every year and so come from the regime's
 * `holidays` data, not from code.
 *
 * A deadline that would fall on a day off moves to the next working day; this is why a regime
 * with 0 working days is due on the first working day on or after the window's last day. The rule
 * follows the Civil Code 2015, Art. 148(5) (a time limit ending on a day off ends on the next
 * working day); that article is not in facts.md: unconfirmed.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "../kernel/CalendarDate.ts"
import type { UnitLevel } from "../unit/Unit.ts"
import * as Calendar from "./Calendar.ts"
import type * as Period from "./Period.ts"
import type { ReportingRegime } from "./Regime.ts"

/** The days off a deadline skips, as a list or a set. @since 0.1.0 */
export type Holidays = ReadonlyArray<CalendarDate.CalendarDate> | ReadonlySet<CalendarDate.CalendarDate>

const firstDayNumber = CalendarDate.toDayNumber(CalendarDate.make(1, 1, 1))
const lastDayNumber = CalendarDate.toDayNumber(CalendarDate.make(9999, 12, 31))

const dayNumbers = (holidays: Holidays): ReadonlySet<number> => {
  const set = new Set<number>()
  for (const d of holidays) set.add(CalendarDate.toDayNumber(d))
  return set
}

const weekday = (dayNumber: number) => (((dayNumber + 4) % 7) + 7) % 7

const working = (dayNumber: number, holidays: ReadonlySet<number>): boolean => {
  const w = weekday(dayNumber)
  return w !== 0 && w !== 6 && !holidays.has(dayNumber)
}

/**
 * Whether a date is a working day: not a Saturday, not a Sunday, not one of `holidays`.
 *
 * @since 0.1.0
 */
export const isWorkingDay = (date: CalendarDate.CalendarDate, holidays: Holidays): boolean =>
  working(CalendarDate.toDayNumber(date), dayNumbers(holidays))

/** The day number `n` working days after `start` (see {@link addWorkingDays}). */
const addWorking = (start: number, n: number, holidays: ReadonlySet<number>): number => {
  if (!Number.isInteger(n)) throw new RangeError(`a number of working days is a whole number, got ${n}`)
  let day = start
  if (n === 0) {
    while (!working(day, holidays)) day++
    return day
  }
  const step = n > 0 ? 1 : -1
  for (let left = Math.abs(n); left > 0; ) {
    day += step
    if (working(day, holidays)) left--
  }
  return day
}

/**
 * The date `n` working days after `date`: for `n` ≥ 1 the n-th working day after it (so
 * `addWorkingDays(friday, 1, [])` is the next Monday); for `n` = 0 the date itself if it is a
 * working day, else the next working day; for `n` < 0 the |n|-th working day before it.
 * Saturdays, Sundays and `holidays` are not working days. The result is always a working day.
 *
 * Throws a `RangeError` when `n` is not a whole number or the result would leave the years
 * 0001–9999 that `CalendarDate` covers.
 *
 * @since 0.1.0
 */
export const addWorkingDays = (
  date: CalendarDate.CalendarDate,
  n: number,
  holidays: Holidays
): CalendarDate.CalendarDate => {
  const day = addWorking(CalendarDate.toDayNumber(date), n, dayNumbers(holidays))
  if (day < firstDayNumber || day > lastDayNumber) {
    throw new RangeError(`${n} working days from ${date} is outside the years 0001 to 9999`)
  }
  return CalendarDate.fromDayNumber(day)
}

const deadlineDayNumber = (regime: ReportingRegime, period: Period.Period, level: UnitLevel): number =>
  addWorking(
    CalendarDate.toDayNumber(Calendar.window(regime.calendar, period).last),
    regime.deadlines[level],
    dayNumbers(regime.holidays)
  )

/**
 * The last day a unit of `level` may submit its report for `period` under `regime`: the last day
 * of the period's window under the regime's calendar, plus the level's working days
 * (`regime.deadlines`), skipping weekends and `regime.holidays`. Never before the window closes
 * (facts.md, law 2), never on a day off.
 *
 * @example
 * // Decree 09 month of June 2024 closes Friday 14/06/2024; 2 working days later:
 * deadline(state, Period.month(2024, 6), "commune") // "2024-06-18"
 *
 * @since 0.1.0
 */
export const deadline = (
  regime: ReportingRegime,
  period: Period.Period,
  level: UnitLevel
): CalendarDate.CalendarDate => {
  const day = deadlineDayNumber(regime, period, level)
  if (day > lastDayNumber) throw new RangeError(`the deadline for ${level} falls after 9999-12-31`)
  return CalendarDate.fromDayNumber(day)
}

/**
 * Whether a report submitted on `submittedOn` (a calendar date in Vietnam) meets its deadline:
 * on or before {@link deadline}. A report submitted early, even before its window closes, is on
 * time; whether an early submission is accepted at all is the report workflow's concern.
 * Never throws.
 *
 * @since 0.1.0
 */
export const isOnTime = (
  regime: ReportingRegime,
  period: Period.Period,
  level: UnitLevel,
  submittedOn: CalendarDate.CalendarDate
): boolean => CalendarDate.toDayNumber(submittedOn) <= deadlineDayNumber(regime, period, level)
