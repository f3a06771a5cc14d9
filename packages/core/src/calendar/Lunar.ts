/**
 * The Vietnamese lunar calendar (âm lịch), computed from the astronomy for Vietnam's time zone.
 *
 * The lunisolar calendar shared with China follows these rules (the Chinese calendar's modern
 * rules, as set out by Yuk-Tung Liu and by Helmer Aslaksen, *The Mathematics of the Chinese
 * Calendar*; Hồ Ngọc Đức's *Âm lịch Việt Nam* applies them to Vietnam):
 *
 * 1. A month begins on the day, in local time, that holds the instant of a new moon (sóc).
 * 2. The December solstice (Đông chí) always falls in month 11.
 * 3. When 13 months begin from one month 11 up to the next, the first of them after month 11 that
 *    holds no major solar term (trung khí: the Sun's apparent longitude reaching a multiple of 30°)
 *    is a leap month (tháng nhuận); it takes the number of the month before it.
 * 4. The year begins with the second month after month 11, not counting a leap month: its first
 *    day is Tết Nguyên Đán.
 *
 * "Local time" is what makes the Vietnamese calendar Vietnamese: since 8 August 1967 (in the North,
 * and the whole country from 1975) it is computed for UTC+7, while the Chinese calendar is computed
 * for UTC+8 (the 120°E meridian). A new moon or a solar term in the hour before midnight in China
 * falls on different days in the two calendars: Tết 1968 was on 29 January in Hà Nội and on
 * 30 January in Saigon and Beijing; Tết 2007 on 17 February in Vietnam and 18 February in China;
 * and the December solstice of 1984 fell on the 21st in Hà Nội but the 22nd in Beijing, so month 11
 * began a month apart, China had a leap month 10 and Vietnam a leap month 2 the next year, and
 * Tết 1985 was on 21 January in Vietnam and 20 February in China. Every function takes the offset
 * as an option; the default is Vietnam's. Before 1968 the calendar in use in Vietnam followed
 * China's time ({@link historicalOffsetMinutes}).
 *
 * The instants come from Jean Meeus's *Astronomical Algorithms* (new moons within seconds, the
 * Sun's longitude within 0.01°). Computed for UTC+7 the calendar agrees with Hồ Ngọc Đức's
 * published tables for every month from 1968 to 2100 but one: the new moon of 7 May 2054 falls
 * 22 seconds after midnight in Hà Nội by this computation and before it by his, closer than
 * Earth's future rotation can be predicted. With the historical offsets it gives their Tết of every
 * year from 1900 to 1967 but 1925, which the court calendar of the time set a day after the new
 * moon's day. Lunar years 1800 to 2199 are supported; outside them the uncertainty of Earth's
 * rotation (ΔT) makes day boundaries guesses.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as Astronomy from "./Astronomy.ts"

/**
 * The first lunar year supported.
 *
 * @category constants
 * @since 0.1.0
 */
export const minYear = 1800
/**
 * The last lunar year supported.
 *
 * @category constants
 * @since 0.1.0
 */
export const maxYear = 2199

/**
 * Vietnam's offset from UTC in minutes (UTC+7), the default of every function.
 *
 * @category constants
 * @since 0.1.0
 */
export const vietnamOffsetMinutes = 420
/**
 * China's offset from UTC in minutes (UTC+8), for the Chinese calendar.
 *
 * @category constants
 * @since 0.1.0
 */
export const chinaOffsetMinutes = 480

/**
 * Beijing mean solar time (116°25′ E), UTC+7:45:40, in minutes: the Chinese calendar's reference
 * before 1929, and with it the calendar used in Vietnam. @since 0.1.0
 *
 * @category constants
 * @since 0.1.0
 */
export const beijingMeanTimeOffsetMinutes = 465 + 2 / 3

/**
 * The time zone the lunar calendar in use in Vietnam was computed for in a lunar year: Beijing mean
 * time before 1929, UTC+8 from 1929 to 1967, UTC+7 from 1968 (North Vietnam's decision of
 * 8 August 1967; the South followed in 1975). Pass it as `utcOffsetMinutes` to reproduce historical
 * dates, as Hồ Ngọc Đức's tables do; every function defaults to UTC+7.
 *
 * @category queries
 * @since 0.1.0
 */
export const historicalOffsetMinutes = (year: number): number =>
  year < 1929 ? beijingMeanTimeOffsetMinutes : year < 1968 ? chinaOffsetMinutes : vietnamOffsetMinutes

/**
 * Options of the calendar: `utcOffsetMinutes` is the time zone the calendar is computed for, in
 * minutes east of UTC, from -720 to 840 (default {@link vietnamOffsetMinutes}); functions throw a
 * `RangeError` for any other value.
 *
 * @category models
 * @since 0.1.0
 */
export interface Options {
  readonly utcOffsetMinutes?: number
}

/**
 * A day of the lunar calendar: `year` is the lunar year (the one that begins at Tết of that solar
 * year), `month` 1 to 12, `day` 1 to 30, `leap` for the days of a leap month (tháng nhuận).
 *
 * @category schemas
 * @since 0.1.0
 */
export const LunarDate = Schema.Struct({
  year: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: minYear, maximum: maxYear }))),
  month: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 12 }))),
  day: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 30 }))),
  leap: Schema.Boolean
})
/**
 * @category models
 * @since 0.1.0
 */
export type LunarDate = typeof LunarDate.Type

/**
 * A month of a lunar year: its number, whether it is a leap month, its first day and its length.
 *
 * @category models
 * @since 0.1.0
 */
export interface Month {
  readonly year: number
  readonly month: number
  readonly leap: boolean
  readonly first: CalendarDate.CalendarDate
  readonly length: 29 | 30
}

/**
 * A lunar year outside the years the calendar supports ({@link minYear} to {@link maxYear}).
 *
 * @category errors
 * @since 0.1.0
 */
export class LunarYearOutOfRange extends DanvanError.TaggedError<LunarYearOutOfRange>()(
  "LunarYearOutOfRange",
  {
    year: Schema.Number
  }
) {
  override get message(): string {
    return `lunar year ${this.year} is not one the lunar calendar supports (whole years ${minYear} to ${maxYear})`
  }
}

/**
 * A lunar date that does not exist: a leap month the year does not have, or day 30 of a month of
 * 29 days.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotALunarDate extends DanvanError.TaggedError<NotALunarDate>()("NotALunarDate", {
  // the date as given, unchecked: it may be any numbers
  date: Schema.Struct({
    year: Schema.Number,
    month: Schema.Number,
    day: Schema.Number,
    leap: Schema.Boolean
  }),
  reason: Schema.String
}) {
  override get message(): string {
    return `${format(this.date)} is not a day of the lunar calendar: ${this.reason}`
  }
}

const offsetOf = (options: Options | undefined): number => {
  const offset = options?.utcOffsetMinutes ?? vietnamOffsetMinutes
  if (!Number.isFinite(offset) || offset < -720 || offset > 840) {
    throw new RangeError(`a UTC offset is a number of minutes from -720 to 840, got ${offset}`)
  }
  return offset
}

/** The local day (a `CalendarDate` day number) holding a JD (UT) at an offset. */
const localDay = (jd: number, offset: number) => Math.floor(jd - Astronomy.unixEpochJd + offset / 1440)

/** The first local day of the month that begins with new moon `k`. */
const monthStart = (k: number, offset: number) => localDay(Astronomy.newMoon(k), offset)

/** The number of the new moon that begins the month holding a local day. */
const lunationHolding = (day: number, offset: number): number => {
  let k = Astronomy.lunationNear(day + Astronomy.unixEpochJd)
  while (monthStart(k + 1, offset) <= day) k++
  while (monthStart(k, offset) > day) k--
  return k
}

/**
 * Which 30° sector of the ecliptic the Sun is in at the start (local midnight) of a day: a month
 * holds a major solar term exactly when the sector at its first day differs from the sector at
 * the next month's first day.
 */
const sector = (day: number, offset: number) =>
  Math.floor(Astronomy.sunLongitude(day + Astronomy.unixEpochJd - offset / 1440) / 30)

/** The new moon beginning month 11 of a year: the month that holds the December solstice. */
const month11 = (year: number, offset: number): number => {
  const k = lunationHolding(CalendarDate.toDayNumber(CalendarDate.make(year, 12, 31)), offset)
  // The Sun at 270° or beyond on the month's first day: the solstice fell in the month before.
  return sector(monthStart(k, offset), offset) >= 9 ? k - 1 : k
}

interface Lunation {
  readonly k: number
  readonly year: number
  readonly month: number
  readonly leap: boolean
}

/**
 * The months from month 11 of `year - 1` up to, not including, month 11 of `year` (a suì), each
 * numbered, with the leap month of rule 3.
 */
const suiOf = (year: number, offset: number): ReadonlyArray<Lunation> => {
  const start = month11(year - 1, offset)
  const end = month11(year, offset)
  let leapAt = -1
  if (end - start === 13) {
    for (let i = 1; i <= 12; i++) {
      if (
        sector(monthStart(start + i, offset), offset) === sector(monthStart(start + i + 1, offset), offset)
      ) {
        leapAt = i
        break
      }
    }
  }
  const out: Array<Lunation> = [{ k: start, year: year - 1, month: 11, leap: false }]
  let month = 11
  let y = year - 1
  for (let i = 1; start + i < end; i++) {
    if (i === leapAt) {
      out.push({ k: start + i, year: y, month, leap: true })
      continue
    }
    month++
    if (month > 12) {
      month = 1
      y = year
    }
    out.push({ k: start + i, year: y, month, leap: false })
  }
  return out
}

const cache = new Map<string, ReadonlyArray<Month>>()

const monthsUnchecked = (year: number, offset: number): ReadonlyArray<Month> => {
  const key = `${offset}:${year}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const lunations = [...suiOf(year, offset), ...suiOf(year + 1, offset)].filter((l) => l.year === year)
  const months = lunations.map((l): Month => {
    const first = monthStart(l.k, offset)
    return {
      year: l.year,
      month: l.month,
      leap: l.leap,
      first: CalendarDate.fromDayNumber(first),
      length: (monthStart(l.k + 1, offset) - first) as 29 | 30
    }
  })
  cache.set(key, months)
  return months
}

/**
 * Whether a lunar year is one the calendar supports, as a `Result` for years that come from input.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkYear = (year: number): Result.Result<number, LunarYearOutOfRange> =>
  Number.isInteger(year) && year >= minYear && year <= maxYear
    ? Result.succeed(year)
    : Result.fail(new LunarYearOutOfRange({ year }))

const requireYear = (year: number): void => {
  const checked = checkYear(year)
  if (Result.isFailure(checked)) throw checked.failure
}

/**
 * The months of a lunar year in order, from Tết to the last month (12 or 13 of them; a leap month
 * follows the month whose number it takes). Throws {@link LunarYearOutOfRange} outside
 * {@link minYear}–{@link maxYear} (see {@link checkYear}).
 *
 * @example
 * ```ts
 * import { Lunar } from "@danvan/core"
 *
 * console.log(Lunar.months(2023).find((m) => m.leap)) // { year: 2023, month: 2, leap: true, first: "2023-03-22", length: 29 }
 * ```
 *
 * @category queries
 * @since 0.1.0
 */
export const months = (year: number, options?: Options): ReadonlyArray<Month> => {
  requireYear(year)
  return monthsUnchecked(year, offsetOf(options))
}

/**
 * The first day of a lunar year, Tết Nguyên Đán, as a solar date (between 21 January and
 * 20 February). Throws {@link LunarYearOutOfRange} outside the supported years.
 *
 * @example
 * ```ts
 * import { Lunar } from "@danvan/core"
 *
 * console.log(Lunar.newYear(2026)) // "2026-02-17"
 * console.log(Lunar.newYear(1985)) // "1985-01-21"
 * console.log(Lunar.newYear(1985, { utcOffsetMinutes: Lunar.chinaOffsetMinutes })) // "1985-02-20", in China (UTC+8)
 * ```
 *
 * @category queries
 * @since 0.1.0
 */
export const newYear = (year: number, options?: Options): CalendarDate.CalendarDate =>
  months(year, options)[0]!.first

/**
 * The number of a lunar year's leap month, or `undefined` in a year of 12 months. Throws
 * {@link LunarYearOutOfRange} outside the supported years.
 *
 * @category queries
 * @since 0.1.0
 */
export const leapMonth = (year: number, options?: Options): number | undefined =>
  months(year, options).find((m) => m.leap)?.month

/**
 * The lunar date of a solar date, or {@link LunarYearOutOfRange} when it falls in a lunar year
 * the calendar does not support.
 *
 * @example
 * ```ts
 * import { CalendarDate, Lunar } from "@danvan/core"
 * import { Result } from "effect"
 *
 * // Giỗ Tổ Hùng Vương, the 10th day of the 3rd lunar month
 * console.log(Result.getOrThrow(Lunar.fromSolar(CalendarDate.make(2026, 4, 26)))) // { year: 2026, month: 3, leap: false, day: 10 }
 * ```
 *
 * @category conversions
 * @since 0.1.0
 */
export const fromSolar = (
  date: CalendarDate.CalendarDate,
  options?: Options
): Result.Result<LunarDate, LunarYearOutOfRange> => {
  const offset = offsetOf(options)
  const { year } = CalendarDate.parts(date)
  if (year < minYear || year > maxYear + 1) return Result.fail(new LunarYearOutOfRange({ year }))
  const lunarYear = date < monthsUnchecked(year, offset)[0]!.first ? year - 1 : year
  const checked = checkYear(lunarYear)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const yearMonths = monthsUnchecked(lunarYear, offset)
  let month = yearMonths[0]!
  for (const m of yearMonths) if (m.first <= date) month = m
  return Result.succeed({
    year: month.year,
    month: month.month,
    leap: month.leap,
    day: CalendarDate.daysBetween(month.first, date) + 1
  })
}

/**
 * The solar date of a lunar date: {@link NotALunarDate} when the day does not exist (a leap month
 * the year lacks, day 30 of a short month), {@link LunarYearOutOfRange} outside the supported
 * years. `toSolar(fromSolar(d))` is `d` for every date.
 *
 * @example
 * ```ts
 * import { Lunar } from "@danvan/core"
 * import { Result } from "effect"
 *
 * console.log(Result.getOrThrow(Lunar.toSolar({ year: 2026, month: 3, day: 10, leap: false }))) // "2026-04-26"
 * ```
 *
 * @category conversions
 * @since 0.1.0
 */
export const toSolar = (
  date: LunarDate,
  options?: Options
): Result.Result<CalendarDate.CalendarDate, LunarYearOutOfRange | NotALunarDate> => {
  const checked = checkYear(date.year)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const month = monthsUnchecked(date.year, offsetOf(options)).find(
    (m) => m.month === date.month && m.leap === date.leap
  )
  if (month === undefined) {
    const reason = date.leap
      ? `the lunar year ${date.year} has no leap month ${date.month}`
      : "a lunar year has months 1 to 12"
    return Result.fail(new NotALunarDate({ date, reason }))
  }
  if (!Number.isInteger(date.day) || date.day < 1 || date.day > month.length) {
    return Result.fail(
      new NotALunarDate({
        date,
        reason: `month ${date.month}${date.leap ? " (leap)" : ""} of ${date.year} has ${month.length} days`
      })
    )
  }
  return Result.succeed(CalendarDate.addDays(month.first, date.day - 1))
}

const stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"] as const
const branches = [
  "Tý",
  "Sửu",
  "Dần",
  "Mão",
  "Thìn",
  "Tỵ",
  "Ngọ",
  "Mùi",
  "Thân",
  "Dậu",
  "Tuất",
  "Hợi"
] as const

/**
 * The sexagenary name (can chi) of a lunar year, as Vietnamese writes it: 2026 is "Bính Ngọ",
 * 1985 "Ất Sửu". NFC text.
 *
 * @category formatting
 * @since 0.1.0
 */
export const yearName = (year: number): string =>
  `${stems[(((year + 6) % 10) + 10) % 10]} ${branches[(((year + 8) % 12) + 12) % 12]}`

/**
 * How a lunar date is written: "10/3 Bính Ngọ", "15/2 nhuận Quý Mão" for a day of a leap month.
 *
 * @category formatting
 * @since 0.1.0
 */
export const format = (date: LunarDate): string =>
  `${date.day}/${date.month}${date.leap ? " nhuận" : ""} ${yearName(date.year)}`
