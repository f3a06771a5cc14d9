/**
 * A day in the civil calendar, with no time and no zone: `YYYY-MM-DD`.
 *
 * Every date the domain reasons about (a decree's issue date, a reporting window's first and last
 * day, a committee member's term, a unit's validity) is a calendar date in Vietnam, so the type
 * carries no time zone and compares as a string. Arithmetic goes through day numbers counted from
 * 1970-01-01 (the proleptic Gregorian calendar), so it is exact and needs no `Date` object.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/

const isRealDate = (s: string): boolean => {
  const m = pattern.exec(s)
  if (m === null) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/**
 * A calendar date as an ISO 8601 string (`2013-06-19`), checked to be a real day.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CalendarDate = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      isRealDate(s) ? undefined : `expected a real calendar date written YYYY-MM-DD, got ${JSON.stringify(s)}`
    )
  ),
  Schema.brand("CalendarDate")
)

/**
 * @category models
 * @since 0.1.0
 */
export type CalendarDate = typeof CalendarDate.Type

/**
 * @category predicates
 * @since 0.1.0
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * @category queries
 * @since 0.1.0
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/**
 * The parts of a date; months and days count from 1.
 *
 * @category models
 * @since 0.1.0
 */
export interface Parts {
  readonly year: number
  readonly month: number
  readonly day: number
}

const pad = (n: number, width: number) => String(n).padStart(width, "0")

/**
 * Builds a date from its parts, or `undefined` when they name no real day.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromParts = (year: number, month: number, day: number): CalendarDate | undefined => {
  const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && isRealDate(s)
    ? (s as CalendarDate)
    : undefined
}

/**
 * Builds a date from parts known to be valid (literals in code and tests); throws otherwise.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (year: number, month: number, day: number): CalendarDate => {
  const d = fromParts(year, month, day)
  if (d === undefined) throw new RangeError(`not a calendar date: ${year}-${month}-${day}`)
  return d
}

/**
 * Reads an ISO string known to be valid (literals in code and tests); throws otherwise.
 * Use `Schema.decodeUnknownEffect(CalendarDate)` for input.
 *
 * @category constructors
 * @since 0.1.0
 */
export const unsafeFromString = (s: string): CalendarDate => {
  if (!isRealDate(s)) throw new RangeError(`not a calendar date: ${JSON.stringify(s)}`)
  return s as CalendarDate
}

/**
 * @category conversions
 * @since 0.1.0
 */
export const parts = (date: CalendarDate): Parts => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10))
})

/**
 * Days since 1970-01-01 (negative before). Algorithm from H. Hinnant, "chrono-compatible
 * low-level date algorithms" (days_from_civil).
 *
 * @category conversions
 * @since 0.1.0
 */
export const toDayNumber = (date: CalendarDate): number => {
  const { year, month, day } = parts(date)
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The year, month and day of a day number (H. Hinnant's civil_from_days). */
const civil = (n: number): readonly [year: number, month: number, day: number] => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day]
}

/**
 * The inverse of {@link toDayNumber} (civil_from_days).
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromDayNumber = (n: number): CalendarDate => {
  const [year, month, day] = civil(n)
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate
}

/**
 * The year of a day number ({@link toDayNumber}), without writing the date: a deadline walks its
 * working days one by one and asks each one's year for its public holidays.
 *
 * @category conversions
 * @since 0.1.0
 */
export const yearOfDayNumber = (n: number): number => civil(n)[0]

/**
 * @category combinators
 * @since 0.1.0
 */
export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  fromDayNumber(toDayNumber(date) + days)

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 *
 * @category math
 * @since 0.1.0
 */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  toDayNumber(to) - toDayNumber(from)

/**
 * Day of the week, 0 = Sunday … 6 = Saturday.
 *
 * @category queries
 * @since 0.1.0
 */
export const dayOfWeek = (date: CalendarDate): number => (((toDayNumber(date) + 4) % 7) + 7) % 7

/**
 * @category orders
 * @since 0.1.0
 */
export const compare = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * @category combinators
 * @since 0.1.0
 */
export const min = (a: CalendarDate, b: CalendarDate): CalendarDate => (a <= b ? a : b)

/**
 * @category combinators
 * @since 0.1.0
 */
export const max = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b)

/**
 * The calendar date in Vietnam (UTC+7, no daylight saving) at an instant. Submission times are
 * recorded as instants; deadlines are calendar dates in Vietnam.
 *
 * @category conversions
 * @since 0.1.0
 */
export const inVietnam = (instant: Date): CalendarDate =>
  fromDayNumber(Math.floor((instant.getTime() + 7 * 3_600_000) / 86_400_000))

/**
 * Formats as Vietnamese documents write dates: `19/06/2013`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatVietnamese = (date: CalendarDate): string => {
  const { year, month, day } = parts(date)
  return `${pad(day, 2)}/${pad(month, 2)}/${year}`
}
