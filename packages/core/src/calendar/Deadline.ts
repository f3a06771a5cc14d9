/**
 * Submission deadlines: a number of working days after a period's window closes.
 *
 * Provinces set how many working days each level has after the data cut-off (2 working days is a
 * common choice; Decree 09/2019/NĐ-CP, Art. 12, sets the cut-off, the province the days). Working
 * days skip Saturdays and Sundays (the weekly rest days of public offices), the regime's own
 * `holidays`, and, for a regime that observes them (`publicHolidays`, as the default regimes do),
 * Vietnam's public holidays: each year's announced schedule, or the days computed from the Labour
 * Code when the year has none (see `PublicHolidays`). A Saturday or Sunday an announced schedule
 * makes a working day (làm bù) counts as one.
 *
 * A deadline that would fall on a day off moves to the next working day; this is why a regime
 * with 0 working days is due on the first working day on or after the window's last day. The rule
 * follows the Civil Code 2015, Art. 148(5) (a time limit ending on a day off ends on the next
 * working day); unconfirmed against the code's text.
 *
 * {@link due} returns the deadline with the warnings of the public holidays it relied on: a year
 * met between the window's close and the deadline that has no announced schedule is a
 * `NotAnnounced` warning, so an app knows to load that year's schedule rather than trust a guessed
 * Tết. {@link deadline} and {@link isOnTime} give the same date without the warnings.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "../kernel/CalendarDate.ts"
import type { UnitLevel } from "../unit/Unit.ts"
import * as Calendar from "./Calendar.ts"
import type * as Period from "./Period.ts"
import * as PublicHolidays from "./PublicHolidays.ts"
import type { ReportingRegime } from "./Regime.ts"

/**
 * The days off a deadline skips, as a list or a set.
 *
 * @category models
 * @since 0.1.0
 */
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
 * Whether a date is a working day: not a Saturday, not a Sunday, not one of `holidays`. For a
 * regime's working days, public holidays included, see {@link isWorkingDayUnder}.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isWorkingDay = (date: CalendarDate.CalendarDate, holidays: Holidays): boolean =>
  working(CalendarDate.toDayNumber(date), dayNumbers(holidays))

/** The day number `n` working days after `start` (see {@link addWorkingDays}). */
const addWorking = (start: number, n: number, isWorking: (dayNumber: number) => boolean): number => {
  if (!Number.isInteger(n)) throw new RangeError(`a number of working days is a whole number, got ${n}`)
  let day = start
  if (n === 0) {
    while (!isWorking(day)) day++
    return day
  }
  const step = n > 0 ? 1 : -1
  for (let left = Math.abs(n); left > 0; ) {
    day += step
    if (isWorking(day)) left--
  }
  return day
}

const toDate = (day: number, what: () => string): CalendarDate.CalendarDate => {
  if (day < firstDayNumber || day > lastDayNumber) throw new RangeError(what())
  return CalendarDate.fromDayNumber(day)
}

/**
 * The date `n` working days after `date`: for `n` ≥ 1 the n-th working day after it (so
 * `addWorkingDays(friday, 1, [])` is the next Monday); for `n` = 0 the date itself if it is a
 * working day, else the next working day; for `n` < 0 the |n|-th working day before it.
 * Saturdays, Sundays and `holidays` are not working days. The result is always a working day.
 * For a regime's working days, public holidays included, see {@link addWorkingDaysUnder}.
 *
 * Throws a `RangeError` when `n` is not a whole number or the result would leave the years
 * 0001–9999 that `CalendarDate` covers.
 *
 * @category combinators
 * @since 0.1.0
 */
export const addWorkingDays = (
  date: CalendarDate.CalendarDate,
  n: number,
  holidays: Holidays
): CalendarDate.CalendarDate => {
  const off = dayNumbers(holidays)
  const day = addWorking(CalendarDate.toDayNumber(date), n, (d) => working(d, off))
  return toDate(day, () => `${n} working days from ${date} is outside the years 0001 to 9999`)
}

/**
 * The part of a regime that decides which days are worked.
 *
 * @category models
 * @since 0.1.0
 */
export type WorkingDaysOf = Pick<ReportingRegime, "holidays" | "publicHolidays">

interface WorkingCalendar {
  readonly isWorking: (dayNumber: number) => boolean
  readonly warnings: (from: number, to: number) => ReadonlyArray<PublicHolidays.Warning>
}

const yearOfDay = CalendarDate.yearOfDayNumber

interface YearDays {
  readonly off: ReadonlySet<number>
  readonly worked: ReadonlySet<number>
  readonly warning: PublicHolidays.Warning | undefined
}

const makeCalendar = (regime: WorkingDaysOf): WorkingCalendar => {
  const own = dayNumbers(regime.holidays)
  const observance = regime.publicHolidays
  if (observance === undefined) return { isWorking: (d) => working(d, own), warnings: () => [] }
  const years = new Map<number, YearDays>()
  const yearDays = (year: number): YearDays => {
    let found = years.get(year)
    if (found === undefined) {
      const y = PublicHolidays.yearOf(observance, year)
      found = { off: dayNumbers(y.daysOff), worked: dayNumbers(y.workingDays), warning: y.warning }
      years.set(year, found)
    }
    return found
  }
  return {
    isWorking: (d) => {
      if (own.has(d)) return false
      const year = yearDays(yearOfDay(d))
      return year.worked.has(d) || working(d, year.off)
    },
    warnings: (from, to) => {
      const out: Array<PublicHolidays.Warning> = []
      for (let year = yearOfDay(Math.min(from, to)); year <= yearOfDay(Math.max(from, to)); year++) {
        const warning = yearDays(year).warning
        if (warning !== undefined) out.push(warning)
      }
      return out
    }
  }
}

// A regime is immutable: its working calendar (with the years it has computed) is kept with it.
const calendars = new WeakMap<WorkingDaysOf, WorkingCalendar>()

const calendarOf = (regime: WorkingDaysOf): WorkingCalendar => {
  let found = calendars.get(regime)
  if (found === undefined) {
    found = makeCalendar(regime)
    calendars.set(regime, found)
  }
  return found
}

/**
 * A date and the warnings of the public holidays it was computed with: one for each year between
 * the start and the result that has no announced schedule (`PublicHolidays.Warning`). Empty
 * warnings mean every year met was announced, or the regime observes no public holidays.
 *
 * @category models
 * @since 0.1.0
 */
export interface Due {
  readonly date: CalendarDate.CalendarDate
  readonly warnings: ReadonlyArray<PublicHolidays.Warning>
}

/**
 * Whether a date is a working day under a regime: not a Saturday or Sunday unless its year's
 * schedule makes it one (làm bù), not one of the regime's `holidays`, and not a public holiday of
 * its year (announced, or computed from the Labour Code) when the regime observes them.
 *
 * @example
 * ```ts
 * import { CalendarDate, Deadline, Regime } from "@danvan/core"
 *
 * console.log(Deadline.isWorkingDayUnder(Regime.defaults.state, CalendarDate.make(2026, 2, 18))) // false: Tết Bính Ngọ
 * console.log(Deadline.isWorkingDayUnder(Regime.defaults.state, CalendarDate.make(2026, 8, 22))) // true: a Saturday worked for 31/08
 * ```
 *
 * @category predicates
 * @since 0.1.0
 */
export const isWorkingDayUnder = (regime: WorkingDaysOf, date: CalendarDate.CalendarDate): boolean =>
  calendarOf(regime).isWorking(CalendarDate.toDayNumber(date))

/**
 * {@link addWorkingDays} over a regime's working days ({@link isWorkingDayUnder}), with the
 * warnings of the years it met without an announced schedule.
 *
 * Throws a `RangeError` when `n` is not a whole number or the result would leave the years
 * 0001–9999.
 *
 * @category combinators
 * @since 0.1.0
 */
export const addWorkingDaysUnder = (
  regime: WorkingDaysOf,
  date: CalendarDate.CalendarDate,
  n: number
): Due => {
  const calendar = calendarOf(regime)
  const start = CalendarDate.toDayNumber(date)
  const day = addWorking(start, n, calendar.isWorking)
  return {
    date: toDate(day, () => `${n} working days from ${date} is outside the years 0001 to 9999`),
    warnings: calendar.warnings(start, day)
  }
}

const deadlineDayNumber = (regime: ReportingRegime, period: Period.Period, level: UnitLevel): number =>
  addWorking(
    CalendarDate.toDayNumber(Calendar.window(regime.calendar, period).last),
    regime.deadlines[level],
    calendarOf(regime).isWorking
  )

/**
 * The deadline of {@link deadline} with the warnings of the public holidays it relied on: one
 * for each year from the window's last day to the deadline that has no announced schedule in
 * `regime.publicHolidays` (its Tết and swapped days were computed, not announced). A regime that
 * observes no public holidays has no warnings.
 *
 * @example
 * ```ts
 * import { Deadline, Period, Regime } from "@danvan/core"
 *
 * // February 2026 (Decree 09) closes Saturday 14/02/2026, the first day of the Tết break:
 * console.log(Deadline.due(Regime.defaults.state, Period.month(2026, 2), "district"))
 * // { date: "2026-02-25", warnings: [] } (the 2026 schedule is announced)
 * console.log(Deadline.due(Regime.defaults.state, Period.month(2031, 1), "district").warnings.map((w) => w._tag))
 * // ["NotAnnounced"]: 2031's days off are computed until its schedule is loaded
 * ```
 *
 * @category rules
 * @since 0.1.0
 */
export const due = (regime: ReportingRegime, period: Period.Period, level: UnitLevel): Due => {
  const last = CalendarDate.toDayNumber(Calendar.window(regime.calendar, period).last)
  const day = deadlineDayNumber(regime, period, level)
  return {
    date: toDate(day, () => `the deadline for ${level} falls after 9999-12-31`),
    warnings: calendarOf(regime).warnings(last, day)
  }
}

/**
 * The last day a unit of `level` may submit its report for `period` under `regime`: the last day
 * of the period's window under the regime's calendar, plus the level's working days
 * (`regime.deadlines`), skipping weekends, `regime.holidays` and the public holidays the regime
 * observes. Never before the window closes ([rules: Deadlines](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#deadlines-law-2)), never on a day off. {@link due}
 * gives the same date with the warnings of years whose holidays were not announced.
 *
 * @example
 * ```ts
 * import { Deadline, Period, Regime } from "@danvan/core"
 *
 * // Decree 09's month of June 2024 closes Friday 14/06/2024; a commune has 2 working days more:
 * console.log(Deadline.deadline(Regime.defaults.state, Period.month(2024, 6), "commune")) // "2024-06-18"
 * ```
 *
 * @category rules
 * @since 0.1.0
 */
export const deadline = (
  regime: ReportingRegime,
  period: Period.Period,
  level: UnitLevel
): CalendarDate.CalendarDate =>
  toDate(deadlineDayNumber(regime, period, level), () => `the deadline for ${level} falls after 9999-12-31`)

/**
 * Whether a report submitted on `submittedOn` (a calendar date in Vietnam) meets its deadline:
 * on or before {@link deadline}. A report submitted early, even before its window closes, is on
 * time; whether an early submission is accepted at all is the report workflow's concern.
 * Never throws.
 *
 * @category rules
 * @since 0.1.0
 */
export const isOnTime = (
  regime: ReportingRegime,
  period: Period.Period,
  level: UnitLevel,
  submittedOn: CalendarDate.CalendarDate
): boolean => CalendarDate.toDayNumber(submittedOn) <= deadlineDayNumber(regime, period, level)
