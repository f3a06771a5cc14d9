/**
 * Vietnam's public holidays (ngày nghỉ lễ, tết): computed from the Labour Code, replaced year by
 * year by the schedule the Government announces.
 *
 * **The law.** The Labour Code 2019 (Law 45/2019/QH14, in force 01/01/2021), Art. 112(1), gives
 * eleven paid days off: New Year's Day (1/1), five days of Tết (Tết Nguyên Đán), Victory Day
 * (30/4), International Labour Day (1/5), National Day (2/9 and one adjacent day, 1/9 or 3/9) and
 * the Hùng Kings' Commemoration Day (Giỗ Tổ Hùng Vương, 10/3 of the lunar calendar). Art. 112(3):
 * the Prime Minister decides each year which days of Tết and which adjacent day of National Day.
 * Art. 111(3): when a weekly rest day coincides with one of these holidays, the employee rests on
 * the next working day instead (nghỉ bù). The Labour Code 2012 (Law 10/2012/QH13, in force
 * 01/05/2013), Art. 115, had the same days with one day of National Day, and the same
 * compensatory rule in Art. 115(3). Public offices rest on Saturdays and Sundays, so a holiday
 * on either is compensated on the next working day.
 *
 * **The computed default** ({@link statutory}) applies these rules with the choices the
 * announcements of 2020–2026 made for public offices: Tết is the last two days of the lunar year
 * and the first three of the new one, National Day's second day is the adjacent weekday next to a
 * weekend when there is one (1/9 when 2/9 is a Tuesday, Wednesday, Friday or Saturday; 3/9 when it
 * is a Monday, Thursday or Sunday), and each holiday that falls on a Saturday or Sunday gives the
 * next day that is neither a weekend nor a holiday nor already given. It reproduces every
 * announced schedule from 2021 to 2026 except the swapped working days, which no rule predicts.
 *
 * **The announcement** (a {@link Schedule}) is what the Government actually decided for a year
 * (the Ministry of Home Affairs' notice, before 2025 the Ministry of Labour's, and the Prime
 * Minister's agreement to swap working days, hoán đổi ngày làm việc / làm bù). A year with a
 * schedule uses exactly its days; a year without one uses the computed default, and deadlines
 * that meet it say so (a {@link Warning}), because the Tết days and any swap are guesses until
 * announced. {@link announced} holds the schedules of 2021–2026 for public offices.
 *
 * **Not in the default.** The Politburo chose 24/11 as Vietnam Culture Day (Ngày Văn hóa Việt Nam),
 * a paid day off, in Resolution 80-NQ/TW (January 2026), and the Government's Resolution 30/NQ-CP
 * (February 2026) asks for Art. 112(1) of the Labour Code to be amended accordingly; no amending
 * law was found, so the day is not computed. Once in force, add it to the year's schedule (or to a
 * regime's `holidays`). Years before 1 May 2013 and after 2199 (the lunar calendar's range) have
 * no computed holidays.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { NonEmptyText } from "../kernel/Text.ts"
import * as Lunar from "./Lunar.ts"

type Day = CalendarDate.CalendarDate

/**
 * What a day off is for: a holiday of the Labour Code, or the compensatory day (nghỉ bù) of one
 * that fell on a weekend.
 *
 * @category models
 * @since 0.1.0
 */
export type Occasion = "newYear" | "tet" | "hungKings" | "victoryDay" | "labourDay" | "nationalDay"

/**
 * One computed day off: the date, its occasion, and whether it is the holiday itself or a
 * compensatory day for one that fell on a weekend (then `compensates` is that holiday's date).
 *
 * @category models
 * @since 0.1.0
 */
export interface Holiday {
  readonly date: Day
  readonly occasion: Occasion
  readonly compensates?: Day
}

/**
 * A statute that sets the public holidays, from the day it came into force.
 *
 * @category models
 * @since 0.1.0
 */
export interface Statute {
  readonly name: string
  readonly from: Day
  readonly nationalDayDays: 1 | 2
}

/**
 * The statutes the computed default follows, oldest first: the Labour Code 2012 (Art. 115) from
 * 01/05/2013, the Labour Code 2019 (Art. 112, Art. 111(3)) from 01/01/2021.
 *
 * @category constants
 * @since 0.1.0
 */
export const statutes: ReadonlyArray<Statute> = [
  {
    name: "Bộ luật Lao động 2012 (Luật số 10/2012/QH13), Điều 115",
    from: CalendarDate.make(2013, 5, 1),
    nationalDayDays: 1
  },
  {
    name: "Bộ luật Lao động 2019 (Luật số 45/2019/QH14), Điều 112 và Điều 111 khoản 3",
    from: CalendarDate.make(2021, 1, 1),
    nationalDayDays: 2
  }
]

const statuteOn = (date: Day): Statute | undefined => {
  let found: Statute | undefined
  for (const s of statutes) if (s.from <= date) found = s
  return found
}

/**
 * Whether the computed default covers a whole year: from 2014 (the Labour Code 2012 came into
 * force on 01/05/2013) to 2199 (the last year of the lunar calendar).
 *
 * @category predicates
 * @since 0.1.0
 */
export const isCovered = (year: number): boolean =>
  Number.isInteger(year) && year > 2013 && year <= Lunar.maxYear

const isWeekend = (date: Day) => {
  const w = CalendarDate.dayOfWeek(date)
  return w === 0 || w === 6
}

/** National Day's second day: the adjacent weekday that joins a weekend, else the day before. */
const nationalDayPartner = (year: number): Day => {
  const nationalDay = CalendarDate.make(year, 9, 2)
  const before = CalendarDate.addDays(nationalDay, -1)
  const after = CalendarDate.addDays(nationalDay, 1)
  switch (CalendarDate.dayOfWeek(nationalDay)) {
    case 0: // Sunday: Monday 3/9
    case 1: // Monday: Tuesday 3/9 (1/9 is a Sunday)
    case 4: // Thursday: Friday 3/9 joins the weekend
      return after
    default: // Tuesday (Monday 1/9 joins the weekend), Wednesday, Friday, Saturday
      return before
  }
}

const occurrences = (year: number): ReadonlyArray<Holiday> => {
  const out: Array<Holiday> = []
  const solar = (month: number, day: number, occasion: Occasion) =>
    out.push({ date: CalendarDate.make(year, month, day), occasion })
  if (year >= Lunar.minYear && year <= Lunar.maxYear) {
    const tet = Lunar.newYear(year)
    for (let offset = -2; offset <= 2; offset++)
      out.push({ date: CalendarDate.addDays(tet, offset), occasion: "tet" })
    const hungKings = Lunar.months(year).find((m) => m.month === 3 && !m.leap)!
    out.push({ date: CalendarDate.addDays(hungKings.first, 9), occasion: "hungKings" })
  }
  solar(1, 1, "newYear")
  solar(4, 30, "victoryDay")
  solar(5, 1, "labourDay")
  solar(9, 2, "nationalDay")
  if (statuteOn(CalendarDate.make(year, 9, 2))?.nationalDayDays === 2) {
    out.push({ date: nationalDayPartner(year), occasion: "nationalDay" })
  }
  return out
    .filter((h) => statuteOn(h.date) !== undefined)
    .sort((a, b) => CalendarDate.compare(a.date, b.date))
}

const statutoryCache = new Map<number, ReadonlyArray<Holiday>>()

/**
 * The public holidays of a solar year computed from the Labour Code, with their compensatory days,
 * in date order (see the module's doc for the choices made where the Prime Minister decides).
 * Empty before 1 May 2013 and after 2199; only the days from 1 May in 2013.
 *
 * @example
 * ```ts
 * import { PublicHolidays } from "@danvan/core"
 *
 * const tet = PublicHolidays.statutory(2026).filter((h) => h.occasion === "tet")
 * console.log(tet.map((h) => h.date))
 * // ["2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
 * // (15/02 is a Sunday: its compensatory day is 20/02)
 * ```
 *
 * @category rules
 * @since 0.1.0
 */
export const statutory = (year: number): ReadonlyArray<Holiday> => {
  if (!Number.isInteger(year) || year < 2013 || year > Lunar.maxYear) return []
  const cached = statutoryCache.get(year)
  if (cached !== undefined) return cached
  const holidays = occurrences(year)
  const taken = new Set(holidays.map((h) => h.date))
  const out: Array<Holiday> = [...holidays]
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue
    let day = CalendarDate.addDays(h.date, 1)
    while (isWeekend(day) || taken.has(day)) day = CalendarDate.addDays(day, 1)
    taken.add(day)
    out.push({ date: day, occasion: h.occasion, compensates: h.date })
  }
  const sorted = out.sort((a, b) => CalendarDate.compare(a.date, b.date))
  statutoryCache.set(year, sorted)
  return sorted
}

const Year = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1900, maximum: 9999 })))

/**
 * The public holidays the Government announced for one year, for public offices: `daysOff` are
 * the days of the year not worked (holidays, compensatory days, weekdays swapped off; listing
 * weekend days of a break is harmless), `workingDays` the Saturdays and Sundays worked instead
 * (làm bù), `source` the documents that announced them. A year with a schedule uses exactly these
 * days instead of the computed default, so a schedule lists the whole year, not only the notice
 * that changed part of it.
 *
 * Decoding checks that every date is in `year`, that worked days are Saturdays or Sundays and
 * that no day is both off and worked.
 *
 * @category models
 * @since 0.1.0
 */
export class Schedule extends Schema.Class<Schedule>("HolidaySchedule")(
  Schema.Struct({
    year: Year,
    daysOff: Schema.Array(CalendarDate.CalendarDate),
    workingDays: Schema.Array(CalendarDate.CalendarDate),
    source: NonEmptyText()
  }).pipe(
    Schema.check(
      Schema.makeFilter(
        (s: {
          readonly year: number
          readonly daysOff: ReadonlyArray<Day>
          readonly workingDays: ReadonlyArray<Day>
        }) => {
          const prefix = `${String(s.year).padStart(4, "0")}-`
          const outside = [...s.daysOff, ...s.workingDays].find((d) => !d.startsWith(prefix))
          if (outside !== undefined)
            return `the schedule of ${s.year} lists ${outside}, a day of another year`
          const weekday = s.workingDays.find((d) => !isWeekend(d))
          if (weekday !== undefined) {
            return `${weekday} is a weekday: only a Saturday or Sunday can be listed as a working day`
          }
          const off = new Set(s.daysOff)
          const both = s.workingDays.find((d) => off.has(d))
          return both === undefined ? undefined : `${both} is listed both as a day off and as a working day`
        }
      )
    )
  )
) {}

/**
 * A reporting regime's public holidays: Vietnam's, computed from the Labour Code, with the
 * announced `schedules` (one per year) replacing the computed days of their year. Decoding
 * refuses two schedules for the same year.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Observance = Schema.Struct({ schedules: Schema.Array(Schedule) }).pipe(
  Schema.check(
    Schema.makeFilter((o: { readonly schedules: ReadonlyArray<{ readonly year: number }> }) => {
      const seen = new Set<number>()
      for (const s of o.schedules) {
        if (seen.has(s.year)) return `two schedules for the year ${s.year}: keep one per year`
        seen.add(s.year)
      }
      return undefined
    })
  )
)
/**
 * @category models
 * @since 0.1.0
 */
export type Observance = typeof Observance.Type

/**
 * The schedules merged by year: a schedule in `added` replaces one of the same year in
 * `existing`. The result is in year order. Use it to load a newly announced year into a regime.
 *
 * @category combinators
 * @since 0.1.0
 */
export const mergeSchedules = (
  existing: ReadonlyArray<Schedule>,
  added: ReadonlyArray<Schedule>
): ReadonlyArray<Schedule> => {
  const byYear = new Map<number, Schedule>()
  for (const s of [...existing, ...added]) byYear.set(s.year, s)
  return [...byYear.values()].sort((a, b) => a.year - b.year)
}

/**
 * A year whose days off were computed, not announced: its Tết days, National Day's second day and
 * any swapped working days are the default's guesses (`assumed`, the computed days off) until the
 * year's {@link Schedule} is loaded.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NotAnnounced = Schema.TaggedStruct("NotAnnounced", {
  year: Schema.Int,
  assumed: Schema.Array(CalendarDate.CalendarDate)
})
/**
 * @category models
 * @since 0.1.0
 */
export type NotAnnounced = typeof NotAnnounced.Type

/**
 * A year the computed default does not cover (before 2014 or after 2199) and that has no
 * schedule: only weekends and a regime's own `holidays` count as days off in it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NotCovered = Schema.TaggedStruct("NotCovered", { year: Schema.Int })
/**
 * @category models
 * @since 0.1.0
 */
export type NotCovered = typeof NotCovered.Type

/**
 * Why a result that depends on public holidays may be wrong: a year met without its announced
 * schedule.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Warning = Schema.Union([NotAnnounced, NotCovered])
/**
 * @category models
 * @since 0.1.0
 */
export type Warning = typeof Warning.Type

/**
 * A warning in plain words, for a log or a screen.
 *
 * @category formatting
 * @since 0.1.0
 */
export const describe = (warning: Warning): string => {
  switch (warning._tag) {
    case "NotAnnounced":
      return (
        `the public holidays of ${warning.year} have not been loaded from the Government's announcement: ` +
        `the days off computed from the Labour Code were assumed (${warning.assumed.join(", ")})`
      )
    case "NotCovered":
      return (
        `danvan computes Vietnam's public holidays for 2014 to 2199 only and no schedule was loaded for ` +
        `${warning.year}: only weekends and the regime's own holidays were skipped`
      )
  }
}

/**
 * The days off and worked weekend days of one year under an observance, and the warning that
 * goes with them when the year was not announced.
 *
 * @category models
 * @since 0.1.0
 */
export interface Year {
  readonly year: number
  readonly daysOff: ReadonlyArray<Day>
  readonly workingDays: ReadonlyArray<Day>
  readonly warning: Warning | undefined
}

/**
 * A year under an observance: its schedule when there is one, else the computed default with a
 * {@link NotAnnounced} warning (or {@link NotCovered} outside 2014–2199, where the partial
 * default of 2013 still counts).
 *
 * @category queries
 * @since 0.1.0
 */
export const yearOf = (observance: Observance, year: number): Year => {
  const schedule = observance.schedules.find((s) => s.year === year)
  if (schedule !== undefined) {
    return { year, daysOff: schedule.daysOff, workingDays: schedule.workingDays, warning: undefined }
  }
  const daysOff = statutory(year).map((h) => h.date)
  return {
    year,
    daysOff,
    workingDays: [],
    warning: isCovered(year)
      ? { _tag: "NotAnnounced", year, assumed: daysOff.filter((d) => !isWeekend(d)) }
      : { _tag: "NotCovered", year }
  }
}

const range = (first: string, last: string): Array<Day> => {
  const out: Array<Day> = []
  for (let d = CalendarDate.unsafeFromString(first); d <= last; d = CalendarDate.addDays(d, 1)) out.push(d)
  return out
}

const schedule = (
  year: number,
  daysOff: ReadonlyArray<Day>,
  workingDays: ReadonlyArray<string>,
  source: string
) => new Schedule({ year, daysOff, workingDays: workingDays.map(CalendarDate.unsafeFromString), source })

/**
 * The schedules announced for public offices (cán bộ, công chức, viên chức), 2021 to 2026. Each
 * lists the breaks as announced, clipped to its year; `source` names the notices.
 *
 * @category constants
 * @since 0.1.0
 */
export const announced: ReadonlyArray<Schedule> = [
  schedule(
    2021,
    [
      ...range("2021-01-01", "2021-01-03"),
      ...range("2021-02-10", "2021-02-16"),
      ...range("2021-04-21", "2021-04-21"),
      ...range("2021-04-30", "2021-05-03"),
      ...range("2021-09-02", "2021-09-05")
    ],
    [],
    "Bộ Lao động - Thương binh và Xã hội: lịch nghỉ Tết Âm lịch và Quốc khánh năm 2021 (Thủ tướng đồng ý 11/2020); Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù 03/5)"
  ),
  schedule(
    2022,
    [
      ...range("2022-01-01", "2022-01-03"),
      ...range("2022-01-29", "2022-02-06"),
      ...range("2022-04-09", "2022-04-11"),
      ...range("2022-04-30", "2022-05-03"),
      ...range("2022-09-01", "2022-09-04")
    ],
    [],
    "Công văn 245/VPCP-KGVX ngày 11/01/2022 (Tết Nhâm Dần); Quốc khánh 01–02/9 theo lịch nghỉ đã công bố (số văn bản chưa đối chiếu); Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù 03/01, 11/4, 02–03/5)"
  ),
  schedule(
    2023,
    [
      ...range("2023-01-01", "2023-01-02"),
      ...range("2023-01-20", "2023-01-26"),
      ...range("2023-04-29", "2023-05-03"),
      ...range("2023-09-01", "2023-09-04")
    ],
    [],
    "Phó Thủ tướng đồng ý lịch nghỉ Tết Quý Mão và Quốc khánh 2023 (11/2022); Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù 02/01, 02–03/5, 04/9)"
  ),
  schedule(
    2024,
    [
      ...range("2024-01-01", "2024-01-01"),
      ...range("2024-02-08", "2024-02-14"),
      ...range("2024-04-18", "2024-04-18"),
      ...range("2024-04-27", "2024-05-01"),
      ...range("2024-08-31", "2024-09-03")
    ],
    ["2024-05-04"],
    "Thủ tướng đồng ý lịch nghỉ Tết Giáp Thìn và Quốc khánh 2024 (11/2023); Công văn 2450/VPCP-KGVX ngày 12/4/2024 (nghỉ 29/4, làm bù thứ Bảy 04/5)"
  ),
  schedule(
    2025,
    [
      ...range("2025-01-01", "2025-01-01"),
      ...range("2025-01-25", "2025-02-02"),
      ...range("2025-04-05", "2025-04-07"),
      ...range("2025-04-30", "2025-05-04"),
      ...range("2025-08-30", "2025-09-02")
    ],
    ["2025-04-26"],
    "Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-BLĐTBXH năm 2024 (Tết Ất Tỵ, 30/4–1/5 nghỉ thứ Sáu 02/5 và làm bù thứ Bảy 26/4, Quốc khánh 01–02/9)"
  ),
  schedule(
    2026,
    [
      ...range("2026-01-01", "2026-01-04"),
      ...range("2026-02-14", "2026-02-22"),
      ...range("2026-04-25", "2026-04-27"),
      ...range("2026-04-30", "2026-05-03"),
      ...range("2026-08-29", "2026-09-02")
    ],
    ["2026-01-10", "2026-08-22"],
    "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch: nghỉ thứ Sáu 02/1, làm bù thứ Bảy 10/1); Thông báo 9441/TB-BNV ngày 16/10/2025 (Tết Bính Ngọ 16–20/2; Quốc khánh 01–02/9, nghỉ thứ Hai 31/8, làm bù thứ Bảy 22/8); Bộ luật Lao động 2019, Điều 111 khoản 3 (Giỗ Tổ 26/4 là Chủ nhật: nghỉ bù 27/4)"
  )
]
