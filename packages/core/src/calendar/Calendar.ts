/**
 * Reporting calendars: which days a period covers, and which period a day belongs to.
 *
 * A period (`Period`) names months of a year; a calendar turns it into a window of days (first and
 * last day, both inclusive). Two calendars exist because the two sides of công tác dân vận report
 * differently:
 *
 * - `calendarMonths`: calendar months, quarters, halves and years, as Party reporting to the mass
 *   mobilisation commissions (Ban Dân vận) uses them ("6 tháng đầu năm", "6 tháng cuối năm"). That
 *   reporting is outside Decree 09/2019/NĐ-CP.
 * - `decree09Cutoff`: the data cut-off windows (thời gian chốt số liệu) of Decree 09/2019/NĐ-CP
 *   (24/01/2019, in force 12/03/2019), Art. 12, for state administrative reports: a month runs from
 *   the 15th of the previous month to the 14th; a quarter from the 15th of the month before it to
 *   the 14th of its last month (Q1 15/12–14/3 … Q4 15/9–14/12); six months 15/12 of the previous
 *   year to 14/6 and the last six months 15/6–14/12; nine months 15/12–14/9; a year 15/12 of the
 *   previous year to 14/12, so 20/12/2024 falls in reporting year 2025. The windows are taken from
 *   a provincial decision that applies the decree; the article's own wording is unconfirmed.
 *
 * Both calendars shift whole months the same way: a period is a run of months, and under
 * `decree09Cutoff` each month's window starts on the 15th of the month before. So month, quarter,
 * half-year and year windows tile time under either calendar (every day falls in exactly one
 * window of each of these kinds), and a longer period's window is exactly the union of its
 * months'. Nine months is cumulative (1 January to 30 September, or 15/12 to 14/9) and leaves the
 * rest of the year uncovered: it does not tile, so `periodContaining` returns an `Option` for it.
 * A phase (giai đoạn, the DVK registration unit) covers whole years: 1 January of its first year to
 * 31 December of its last, or 15/12 of the year before it starts to 14/12 of its last year.
 *
 * Periods cover the years 1900 to 9999 (`Period`). Functions whose answer would be a period outside
 * them (`periodContaining`, `next`, `previous`) throw {@link PeriodOutOfRange}; check an untrusted
 * date first with {@link checkDate}, which returns that error as a `Result`.
 *
 * @since 0.1.0
 */
import { Option, Result, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as Period from "./Period.ts"
import type { CalendarKind } from "./Regime.ts"

type Day = CalendarDate.CalendarDate

/**
 * The days a period covers under a calendar: `first` and `last` are both inclusive.
 *
 * @category models
 * @since 0.1.0
 */
export interface Window {
  readonly first: CalendarDate.CalendarDate
  readonly last: CalendarDate.CalendarDate
}

/**
 * The kinds whose windows tile time: every day falls in exactly one month, one quarter, one
 * half-year and one year, under either calendar.
 *
 * @category models
 * @since 0.1.0
 */
export type TilingKind = "Month" | "Quarter" | "HalfYear" | "Year"

/**
 * @category constants
 * @since 0.1.0
 */
export const tilingKinds: ReadonlyArray<TilingKind> = ["Month", "Quarter", "HalfYear", "Year"]

/**
 * The calendars (see `Regime.CalendarKind`).
 *
 * @category constants
 * @since 0.1.0
 */
export const calendars: ReadonlyArray<CalendarKind> = ["calendarMonths", "decree09Cutoff"]

const minYear = 1900
const maxYear = 9999

/**
 * A period would fall outside the years periods cover (1900 to 9999).
 *
 * @category errors
 * @since 0.1.0
 */
export class PeriodOutOfRange extends DanvanError.TaggedError<PeriodOutOfRange>()("PeriodOutOfRange", {
  what: Schema.String,
  year: Schema.Int
}) {
  override get message(): string {
    return `${this.what} would be in year ${this.year}, but periods cover the years ${minYear} to ${maxYear}`
  }
}

/**
 * A period asked for its constituents of a kind it is not made of (a quarter has no half-years,
 * nothing is made of nine-month periods).
 *
 * @category errors
 * @since 0.1.0
 */
export class NotComposedOf extends DanvanError.TaggedError<NotComposedOf>()("NotComposedOf", {
  period: Schema.String,
  kind: Schema.String
}) {
  override get message(): string {
    return `period ${this.period} is not made of whole periods of kind ${this.kind}`
  }
}

// A month is counted as year * 12 + (month - 1), so runs of months are integer intervals.

const monthsIn: Readonly<Record<TilingKind, number>> = { Month: 1, Quarter: 3, HalfYear: 6, Year: 12 }

const yearOf = (index: number) => Math.floor(index / 12)
const monthOf = (index: number) => index - 12 * yearOf(index) + 1

/** The first and last month of a period (inclusive). */
const span = (p: Period.Period): { readonly start: number; readonly end: number } => {
  switch (p._tag) {
    case "Month":
      return { start: p.year * 12 + p.month - 1, end: p.year * 12 + p.month - 1 }
    case "Quarter":
      return { start: p.year * 12 + 3 * (p.quarter - 1), end: p.year * 12 + 3 * p.quarter - 1 }
    case "HalfYear":
      return { start: p.year * 12 + 6 * (p.half - 1), end: p.year * 12 + 6 * p.half - 1 }
    case "NineMonths":
      return { start: p.year * 12, end: p.year * 12 + 8 }
    case "Year":
      return { start: p.year * 12, end: p.year * 12 + 11 }
    case "Phase":
      return { start: p.startYear * 12, end: p.endYear * 12 + 11 }
  }
}

const dayOfMonth = (index: number, day: number): Day => CalendarDate.make(yearOf(index), monthOf(index), day)

/**
 * The window of a period under a calendar. Under `calendarMonths` it runs from the first day of
 * the period's first month to the last day of its last month; under `decree09Cutoff` (Decree
 * 09/2019/NĐ-CP, Art. 12) from the 15th of the month before its first month to the 14th of its
 * last month. Total: every period has a window.
 *
 * @example
 * ```ts
 * import { Calendar, Period } from "@danvan/core"
 *
 * console.log(Calendar.window("decree09Cutoff", Period.halfYear(2017, 1))) // { first: "2016-12-15", last: "2017-06-14" }
 * console.log(Calendar.window("calendarMonths", Period.nineMonths(2017))) // { first: "2017-01-01", last: "2017-09-30" }
 * ```
 *
 * @category queries
 * @since 0.1.0
 */
export const window = (calendar: CalendarKind, period: Period.Period): Window => {
  const { start, end } = span(period)
  switch (calendar) {
    case "calendarMonths":
      return {
        first: dayOfMonth(start, 1),
        last: dayOfMonth(end, CalendarDate.daysInMonth(yearOf(end), monthOf(end)))
      }
    case "decree09Cutoff":
      return { first: dayOfMonth(start - 1, 15), last: dayOfMonth(end, 14) }
  }
}

/**
 * Whether a date falls in a period's window under a calendar.
 *
 * @category predicates
 * @since 0.1.0
 */
export const contains = (
  calendar: CalendarKind,
  period: Period.Period,
  date: CalendarDate.CalendarDate
): boolean => {
  const { first, last } = window(calendar, period)
  return first <= date && date <= last
}

/** The month (as an index) whose window holds the date: from the 15th on, the next under Decree 09. */
const reportingMonth = (calendar: CalendarKind, date: Day): number => {
  const { year, month, day } = CalendarDate.parts(date)
  const index = year * 12 + month - 1
  return calendar === "decree09Cutoff" && day >= 15 ? index + 1 : index
}

const checkYear = (year: number, what: () => string): void => {
  if (year < minYear || year > maxYear) throw new PeriodOutOfRange({ what: what(), year })
}

/**
 * Checks that a date lies within the days periods cover under a calendar (1900-01-01 to
 * 9999-12-31 by calendar months; 1899-12-15 to 9999-12-14 under Decree 09), so that
 * {@link periodContaining} will not throw for it. Use it on dates that come from input.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkDate = (
  calendar: CalendarKind,
  date: CalendarDate.CalendarDate
): Result.Result<CalendarDate.CalendarDate, PeriodOutOfRange> => {
  const year = yearOf(reportingMonth(calendar, date))
  return year < minYear || year > maxYear
    ? Result.fail(new PeriodOutOfRange({ what: `the reporting period of ${date} (${calendar})`, year }))
    : Result.succeed(date)
}

const tilingAt = (kind: TilingKind, index: number): Period.Period => {
  const year = yearOf(index)
  const m = monthOf(index)
  switch (kind) {
    case "Month":
      return Period.month(year, m)
    case "Quarter":
      return Period.quarter(year, Math.ceil(m / 3) as 1 | 2 | 3 | 4)
    case "HalfYear":
      return Period.halfYear(year, m <= 6 ? 1 : 2)
    case "Year":
      return Period.year(year)
  }
}

/**
 * The month, quarter, half-year or year whose window under a calendar holds a date. Under
 * `decree09Cutoff` a date from the 15th on belongs to the next month's window (Decree
 * 09/2019/NĐ-CP, Art. 12): 19/06/2013 is in 2013S2, 20/12/2024 in the year 2025.
 *
 * Throws {@link PeriodOutOfRange} when the period would fall outside 1900–9999 (see
 * {@link checkDate}).
 *
 * @category queries
 * @since 0.1.0
 */
export function periodContaining<K extends TilingKind>(
  calendar: CalendarKind,
  kind: K,
  date: CalendarDate.CalendarDate
): Period.OfKind<K>
/**
 * The nine months ("9 tháng") of the year whose nine-month window holds the date, or `None` when
 * the date falls after that window (October to December by calendar months, 15/9 to 14/12 under
 * Decree 09). Nine months is cumulative and does not tile the year, so some dates have none: an
 * `Option` says so without an error, because such a date is not wrong input.
 *
 * Throws {@link PeriodOutOfRange} when the year would fall outside 1900–9999 (see
 * {@link checkDate}).
 *
 * @category queries
 * @since 0.1.0
 */
export function periodContaining(
  calendar: CalendarKind,
  kind: "NineMonths",
  date: CalendarDate.CalendarDate
): Option.Option<Period.NineMonths>
/**
 * @category queries
 * @since 0.1.0
 */
export function periodContaining(
  calendar: CalendarKind,
  kind: TilingKind | "NineMonths",
  date: CalendarDate.CalendarDate
): Period.Period | Option.Option<Period.NineMonths> {
  const index = reportingMonth(calendar, date)
  checkYear(yearOf(index), () => `the ${kind} holding ${date} (${calendar})`)
  if (kind === "NineMonths") {
    return monthOf(index) <= 9 ? Option.some(Period.nineMonths(yearOf(index))) : Option.none()
  }
  return tilingAt(kind, index)
}

/**
 * The DVK phases (giai đoạn) of the "Dân vận khéo" emulation movement: 2016–2020, 2021–2025 and
 * 2026–2030 (Plan 20-KH/TU of 12/08/2016 set up the 2016–2020 phase in Ninh Bình). Phases are
 * data: pass your own to {@link phaseContaining}.
 *
 * @category constants
 * @since 0.1.0
 */
export const dvkPhases: ReadonlyArray<Period.Phase> = [
  Period.phase(2016, 2020),
  Period.phase(2021, 2025),
  Period.phase(2026, 2030)
]

/**
 * The phase whose window holds a date, among `phases` (default {@link dvkPhases}), or `None`
 * when none does. Phases should not overlap; if they do, the first listed that holds the date
 * wins. DVK phases are Party work, so the default calendar is `calendarMonths` (calendar years).
 *
 * @category queries
 * @since 0.1.0
 */
export const phaseContaining = (
  date: CalendarDate.CalendarDate,
  phases: ReadonlyArray<Period.Phase> = dvkPhases,
  calendar: CalendarKind = "calendarMonths"
): Option.Option<Period.Phase> => Option.fromUndefinedOr(phases.find((p) => contains(calendar, p, date)))

const shift = (p: Period.Period, step: 1 | -1): Period.Period => {
  const out = (year: number) =>
    checkYear(year, () => `the period ${step === 1 ? "after" : "before"} ${Period.format(p)}`)
  switch (p._tag) {
    case "Month": {
      const index = p.year * 12 + p.month - 1 + step
      out(yearOf(index))
      return Period.month(yearOf(index), monthOf(index))
    }
    case "Quarter": {
      const index = p.year * 4 + p.quarter - 1 + step
      const year = Math.floor(index / 4)
      out(year)
      return Period.quarter(year, (index - year * 4 + 1) as 1 | 2 | 3 | 4)
    }
    case "HalfYear": {
      const index = p.year * 2 + p.half - 1 + step
      const year = Math.floor(index / 2)
      out(year)
      return Period.halfYear(year, (index - year * 2 + 1) as 1 | 2)
    }
    case "NineMonths":
      out(p.year + step)
      return Period.nineMonths(p.year + step)
    case "Year":
      out(p.year + step)
      return Period.year(p.year + step)
    case "Phase": {
      const length = p.endYear - p.startYear + 1
      out(p.startYear + step * length)
      out(p.endYear + step * length)
      return Period.phase(p.startYear + step * length, p.endYear + step * length)
    }
  }
}

/**
 * The next period of the same kind: the next month, quarter, half-year or year; the nine months of
 * the next year; for a phase, the adjacent phase of the same length (2016-2020 → 2021-2025).
 * `next(previous(p))` is `p` ([rules: Periods and calendars](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#periods-and-calendars-law-1)).
 * Throws {@link PeriodOutOfRange} after 9999.
 *
 * @category combinators
 * @since 0.1.0
 */
export const next = <P extends Period.Period>(period: P): Period.OfKind<P["_tag"]> =>
  shift(period, 1) as Period.OfKind<P["_tag"]>

/**
 * The previous period of the same kind; the inverse of {@link next} (for a phase, 2016-2020 →
 * 2011-2015). Throws {@link PeriodOutOfRange} before 1900.
 *
 * @category combinators
 * @since 0.1.0
 */
export const previous = <P extends Period.Period>(period: P): Period.OfKind<P["_tag"]> =>
  shift(period, -1) as Period.OfKind<P["_tag"]>

/**
 * The periods of a kind a period is made of, in order: a year's months, quarters or halves; a
 * half-year's months or quarters; a quarter's months; nine months' months or quarters; a phase's
 * years (or its halves, quarters, months). Their windows tile the period's window exactly under
 * either calendar, which is what lets a report for the year be consolidated from monthly ones.
 * Months compose quarters compose years ([rules: Periods and calendars](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#periods-and-calendars-law-1)). A period is made of itself
 * (`[period]` for its own kind). Any other pair (a quarter's halves,
 * a month's quarters, anything's nine months or phases) is a {@link NotComposedOf}.
 *
 * @category queries
 * @since 0.1.0
 */
export const constituents = <K extends Period.PeriodKind>(
  period: Period.Period,
  kind: K
): Result.Result<ReadonlyArray<Period.OfKind<K>>, NotComposedOf> => {
  if (period._tag === kind) return Result.succeed([period as Period.OfKind<K>])
  const fail = () => Result.fail(new NotComposedOf({ period: Period.format(period), kind }))
  if (kind === "NineMonths" || kind === "Phase") return fail()
  const tiling = kind as TilingKind
  const length = monthsIn[tiling]
  const { start, end } = span(period)
  if (start % length !== 0 || (end + 1) % length !== 0 || end - start + 1 < length) return fail()
  const parts: Array<Period.OfKind<K>> = []
  for (let index = start; index <= end; index += length)
    parts.push(tilingAt(tiling, index) as Period.OfKind<K>)
  return Result.succeed(parts)
}
