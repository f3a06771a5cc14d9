/**
 * An instant, as an ISO 8601 UTC string (`2017-06-16T02:30:00.000Z`). Used where the moment matters
 * (a submission, an audit entry); rules about days use {@link CalendarDate} in Vietnam's time.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"
import * as CalendarDate from "./CalendarDate.ts"

const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * The first and last instants whose day in Vietnam (UTC+7) is a `CalendarDate` (years 1 to 9999),
 * as text: in this fixed-width form, text order is time order.
 */
const first = "0000-12-31T17:00:00.000Z"
const last = "9999-12-31T16:59:59.999Z"

/** The number written by the digits of `s` from `start` to `end` (the pattern has checked them). */
const digits = (s: string, start: number, end: number): number => {
  let n = 0
  for (let i = start; i < end; i++) n = n * 10 + s.charCodeAt(i) - 48
  return n
}

/**
 * Why `s` is not an instant, or `undefined`. The fields are checked as numbers (a real day of its
 * month in the proleptic Gregorian calendar, hours to 23, minutes and seconds to 59), which is what
 * `new Date(Date.parse(s)).toISOString() === s` decides, without building a `Date`: every record
 * read or written checks its instants, several a report (docs/benchmarks.md, "One submission's
 * use-case cost").
 */
const instantProblem = (s: string): string | undefined => {
  if (!pattern.test(s))
    return `expected an instant written YYYY-MM-DDTHH:mm:ss.sssZ, got ${JSON.stringify(s)}`
  const year = digits(s, 0, 4)
  const month = digits(s, 5, 7)
  const day = digits(s, 8, 10)
  const real =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= CalendarDate.daysInMonth(year, month) &&
    digits(s, 11, 13) <= 23 &&
    digits(s, 14, 16) <= 59 &&
    digits(s, 17, 19) <= 59
  if (!real) return `expected a real instant written YYYY-MM-DDTHH:mm:ss.sssZ, got ${JSON.stringify(s)}`
  return s >= first && s <= last
    ? undefined
    : `${s} falls outside the years 0001 to 9999 in Vietnam's time (UTC+7)`
}

/**
 * An instant written `YYYY-MM-DDTHH:mm:ss.sssZ`, whose day in Vietnam is a `CalendarDate.CalendarDate`
 * (so {@link dateInVietnam} is always a real date: from 01/01/0001 to 31/12/9999 at UTC+7).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Timestamp = Schema.String.pipe(
  Schema.check(Schema.makeFilter(instantProblem)),
  Schema.brand("Timestamp")
)

/**
 * @category models
 * @since 0.1.0
 */
export type Timestamp = typeof Timestamp.Type

/**
 * @category constructors
 * @since 0.1.0
 */
export const fromDate = (date: Date): Timestamp => date.toISOString() as Timestamp

/**
 * @category constructors
 * @since 0.1.0
 */
export const fromMillis = (millis: number): Timestamp => fromDate(new Date(millis))

/**
 * The current instant from Effect's `Clock`, so tests can control time.
 *
 * @category constructors
 * @since 0.1.0
 */
export const now: Effect.Effect<Timestamp> = Effect.map(Clock.currentTimeMillis, fromMillis)

/**
 * The calendar day in Vietnam (UTC+7) of an instant.
 *
 * @category conversions
 * @since 0.1.0
 */
export const dateInVietnam = (t: Timestamp): CalendarDate.CalendarDate => CalendarDate.inVietnam(new Date(t))

/**
 * The first instant of a Vietnamese calendar day (00:00 at UTC+7), for tests and examples that
 * act "on" a day.
 *
 * @category conversions
 * @since 0.1.0
 */
export const startOfDayInVietnam = (date: CalendarDate.CalendarDate): Timestamp =>
  fromMillis(CalendarDate.toDayNumber(date) * 86_400_000 - 7 * 3_600_000)
