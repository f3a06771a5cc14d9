import { describe, expect, it } from "@effect/vitest"
import { Option, Result } from "effect"
import * as fc from "fast-check"
import * as Calendar from "../src/calendar/Calendar.ts"
import * as Period from "../src/calendar/Period.ts"
import type { CalendarKind } from "../src/calendar/Regime.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"

const d = CalendarDate.unsafeFromString
const dayNumber = (s: string) => CalendarDate.toDayNumber(d(s))

const calendarArb = fc.constantFrom<CalendarKind>("calendarMonths", "decree09Cutoff")
const tilingKindArb = fc.constantFrom<Calendar.TilingKind>("Month", "Quarter", "HalfYear", "Year")

/** Dates between two days, half of them on the days where windows turn (1st, 14th, 15th, month ends). */
const dateBetween = (from: string, to: string): fc.Arbitrary<CalendarDate.CalendarDate> => {
  const [lo, hi] = [dayNumber(from), dayNumber(to)]
  const uniform = fc.integer({ min: lo, max: hi }).map(CalendarDate.fromDayNumber)
  const edge = fc
    .tuple(
      fc.integer({ min: CalendarDate.parts(d(from)).year, max: CalendarDate.parts(d(to)).year }),
      fc.integer({ min: 1, max: 12 }),
      fc.constantFrom(1, 2, 13, 14, 15, 16, 28, 29, 30, 31)
    )
    .map(([y, m, day]) => CalendarDate.make(y, m, Math.min(day, CalendarDate.daysInMonth(y, m))))
    .filter((x) => dayNumber(x) >= lo && dayNumber(x) <= hi)
  return fc.oneof(uniform, edge)
}
const dateArb = dateBetween("1902-01-01", "9997-12-31")

const yearIn = (min: number, max: number) => fc.integer({ min, max })
const periodIn = (min: number, max: number): fc.Arbitrary<Period.Period> =>
  fc.oneof(
    fc.tuple(yearIn(min, max), fc.integer({ min: 1, max: 12 })).map(([y, m]) => Period.month(y, m)),
    fc
      .tuple(yearIn(min, max), fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4))
      .map(([y, q]) => Period.quarter(y, q)),
    fc.tuple(yearIn(min, max), fc.constantFrom<1 | 2>(1, 2)).map(([y, h]) => Period.halfYear(y, h)),
    yearIn(min, max).map(Period.nineMonths),
    yearIn(min, max).map(Period.year),
    fc.tuple(yearIn(min, max), fc.integer({ min: 1, max: 14 })).map(([y, n]) => Period.phase(y, y + n))
  )
/** Periods far enough from 1900 and 9999 that next and previous exist. */
const periodArb = periodIn(1950, 9900)

/** Every period of a tiling kind in the given years. */
const periodsOf = (kind: Calendar.TilingKind, fromYear: number, toYear: number): Array<Period.Period> => {
  const out: Array<Period.Period> = []
  for (let y = fromYear; y <= toYear; y++) {
    if (kind === "Year") out.push(Period.year(y))
    if (kind === "HalfYear") out.push(Period.halfYear(y, 1), Period.halfYear(y, 2))
    if (kind === "Quarter") for (const q of [1, 2, 3, 4] as const) out.push(Period.quarter(y, q))
    if (kind === "Month") for (let m = 1; m <= 12; m++) out.push(Period.month(y, m))
  }
  return out
}

const after = (date: CalendarDate.CalendarDate) => CalendarDate.addDays(date, 1)

/** The windows of `parts` follow each other with no gap or overlap and cover exactly `whole`. */
const expectTiles = (whole: Calendar.Window, parts: ReadonlyArray<Calendar.Window>) => {
  expect(parts.length).toBeGreaterThan(0)
  expect(parts[0]!.first).toBe(whole.first)
  expect(parts[parts.length - 1]!.last).toBe(whole.last)
  for (let i = 0; i + 1 < parts.length; i++) expect(parts[i + 1]!.first).toBe(after(parts[i]!.last))
  for (const w of parts) expect(w.first <= w.last).toBe(true)
}

const kindsMaking: Readonly<Record<Period.PeriodKind, ReadonlyArray<Period.PeriodKind>>> = {
  Month: [],
  Quarter: ["Month"],
  HalfYear: ["Month", "Quarter"],
  NineMonths: ["Month", "Quarter"],
  Year: ["Month", "Quarter", "HalfYear"],
  Phase: ["Month", "Quarter", "HalfYear", "Year"]
}

describe("Calendar.window", () => {
  it("calendar months: calendar months, quarters, halves, nine months, years and phases", () => {
    const w = (p: Period.Period) => Calendar.window("calendarMonths", p)
    expect(w(Period.month(2017, 6))).toEqual({ first: "2017-06-01", last: "2017-06-30" })
    expect(w(Period.month(2016, 2))).toEqual({ first: "2016-02-01", last: "2016-02-29" })
    expect(w(Period.month(2017, 2))).toEqual({ first: "2017-02-01", last: "2017-02-28" })
    expect(w(Period.quarter(2017, 3))).toEqual({ first: "2017-07-01", last: "2017-09-30" })
    expect(w(Period.halfYear(2017, 1))).toEqual({ first: "2017-01-01", last: "2017-06-30" })
    expect(w(Period.halfYear(2017, 2))).toEqual({ first: "2017-07-01", last: "2017-12-31" })
    expect(w(Period.nineMonths(2017))).toEqual({ first: "2017-01-01", last: "2017-09-30" })
    expect(w(Period.year(2017))).toEqual({ first: "2017-01-01", last: "2017-12-31" })
    expect(w(Period.phase(2016, 2020))).toEqual({ first: "2016-01-01", last: "2020-12-31" })
  })

  it("Decree 09/2019/NĐ-CP: from the 15th of the month before to the 14th", () => {
    const w = (p: Period.Period) => Calendar.window("decree09Cutoff", p)
    expect(w(Period.month(2017, 6))).toEqual({ first: "2017-05-15", last: "2017-06-14" })
    expect(w(Period.month(2017, 1))).toEqual({ first: "2016-12-15", last: "2017-01-14" })
    expect(w(Period.quarter(2017, 1))).toEqual({ first: "2016-12-15", last: "2017-03-14" })
    expect(w(Period.quarter(2017, 2))).toEqual({ first: "2017-03-15", last: "2017-06-14" })
    expect(w(Period.quarter(2017, 3))).toEqual({ first: "2017-06-15", last: "2017-09-14" })
    expect(w(Period.quarter(2017, 4))).toEqual({ first: "2017-09-15", last: "2017-12-14" })
    expect(w(Period.halfYear(2017, 1))).toEqual({ first: "2016-12-15", last: "2017-06-14" })
    expect(w(Period.halfYear(2017, 2))).toEqual({ first: "2017-06-15", last: "2017-12-14" })
    expect(w(Period.nineMonths(2017))).toEqual({ first: "2016-12-15", last: "2017-09-14" })
    expect(w(Period.year(2025))).toEqual({ first: "2024-12-15", last: "2025-12-14" })
    expect(w(Period.phase(2016, 2020))).toEqual({ first: "2015-12-15", last: "2020-12-14" })
  })

  it("contains agrees with the window", () => {
    fc.assert(
      fc.property(calendarArb, periodArb, dateArb, (calendar, p, date) => {
        const { first, last } = Calendar.window(calendar, p)
        expect(Calendar.contains(calendar, p, date)).toBe(first <= date && date <= last)
        expect(Calendar.contains(calendar, p, first)).toBe(true)
        expect(Calendar.contains(calendar, p, last)).toBe(true)
        expect(Calendar.contains(calendar, p, after(last))).toBe(false)
        expect(Calendar.contains(calendar, p, CalendarDate.addDays(first, -1))).toBe(false)
      })
    )
  })
})

describe("periods tile time", () => {
  it("every date falls in exactly one window of each tiling kind, under each calendar", () => {
    fc.assert(
      fc.property(calendarArb, tilingKindArb, dateArb, (calendar, kind, date) => {
        const { year } = CalendarDate.parts(date)
        const holding = periodsOf(kind, year - 1, year + 1).filter((p) =>
          Calendar.contains(calendar, p, date)
        )
        expect(holding).toEqual([Calendar.periodContaining(calendar, kind, date)])
      }),
      { numRuns: 1000 }
    )
  })

  it("windows of consecutive periods have no gap and no overlap", () => {
    fc.assert(
      fc.property(calendarArb, tilingKindArb, dateArb, (calendar, kind, date) => {
        const p = Calendar.periodContaining(calendar, kind, date)
        const here = Calendar.window(calendar, p)
        expect(Calendar.window(calendar, Calendar.next(p)).first).toBe(after(here.last))
        expect(after(Calendar.window(calendar, Calendar.previous(p)).last)).toBe(here.first)
      }),
      { numRuns: 500 }
    )
  })

  it("consecutive phases of equal length also meet with no gap or overlap", () => {
    fc.assert(
      fc.property(calendarArb, periodArb, (calendar, p) => {
        if (p._tag !== "Phase") return
        expect(Calendar.window(calendar, Calendar.next(p)).first).toBe(
          after(Calendar.window(calendar, p).last)
        )
      })
    )
  })

  it("nine months is cumulative: the year's window up to the end of its third quarter", () => {
    fc.assert(
      fc.property(calendarArb, dateArb, (calendar, date) => {
        const year = Calendar.periodContaining(calendar, "Year", date)
        const nine = Period.nineMonths(year.year)
        const w = Calendar.window(calendar, nine)
        expect(w.first).toBe(Calendar.window(calendar, year).first)
        expect(w.last).toBe(Calendar.window(calendar, Period.quarter(year.year, 3)).last)
        const quarter = Calendar.periodContaining(calendar, "Quarter", date)
        const found = Calendar.periodContaining(calendar, "NineMonths", date)
        // in the nine months exactly when the date's quarter is one of the first three
        expect(found).toEqual(quarter.quarter <= 3 ? Option.some(nine) : Option.none())
        expect(Calendar.contains(calendar, nine, date)).toBe(Option.isSome(found))
      }),
      { numRuns: 500 }
    )
  })
})

describe("Calendar.constituents", () => {
  it("constituents tile their parent's window exactly, under each calendar", () => {
    fc.assert(
      fc.property(calendarArb, periodArb, (calendar, p) => {
        for (const kind of kindsMaking[p._tag]) {
          const parts = Result.getOrThrow(Calendar.constituents(p, kind))
          for (const part of parts) expect(part._tag).toBe(kind)
          expectTiles(
            Calendar.window(calendar, p),
            parts.map((c) => Calendar.window(calendar, c))
          )
        }
      }),
      { numRuns: 300 }
    )
  })

  it("months compose quarters compose halves compose years", () => {
    fc.assert(
      fc.property(yearIn(1900, 9999), (y) => {
        const year = Period.year(y)
        const months = Result.getOrThrow(Calendar.constituents(year, "Month"))
        const quarters = Result.getOrThrow(Calendar.constituents(year, "Quarter"))
        const halves = Result.getOrThrow(Calendar.constituents(year, "HalfYear"))
        expect(months).toHaveLength(12)
        expect(quarters).toHaveLength(4)
        expect(halves).toHaveLength(2)
        expect(quarters.flatMap((q) => Result.getOrThrow(Calendar.constituents(q, "Month")))).toEqual(months)
        expect(halves.flatMap((h) => Result.getOrThrow(Calendar.constituents(h, "Quarter")))).toEqual(
          quarters
        )
        expect(halves.flatMap((h) => Result.getOrThrow(Calendar.constituents(h, "Month")))).toEqual(months)
        expect(Result.getOrThrow(Calendar.constituents(Period.nineMonths(y), "Quarter"))).toEqual(
          quarters.slice(0, 3)
        )
        expect(Result.getOrThrow(Calendar.constituents(Period.nineMonths(y), "Month"))).toEqual(
          months.slice(0, 9)
        )
      })
    )
  })

  it("a phase is made of its years; a period of itself", () => {
    expect(Calendar.constituents(Period.phase(2016, 2020), "Year")).toEqual(
      Result.succeed([2016, 2017, 2018, 2019, 2020].map(Period.year))
    )
    expect(Calendar.constituents(Period.quarter(2017, 2), "Month")).toEqual(
      Result.succeed([Period.month(2017, 4), Period.month(2017, 5), Period.month(2017, 6)])
    )
    expect(Calendar.constituents(Period.halfYear(2017, 2), "Quarter")).toEqual(
      Result.succeed([Period.quarter(2017, 3), Period.quarter(2017, 4)])
    )
    expect(Calendar.constituents(Period.year(2017), "Year")).toEqual(Result.succeed([Period.year(2017)]))
  })

  it("a period is not made of a longer or misaligned kind", () => {
    const bad: ReadonlyArray<readonly [Period.Period, Period.PeriodKind]> = [
      [Period.month(2017, 6), "Quarter"],
      [Period.quarter(2017, 1), "HalfYear"],
      [Period.nineMonths(2017), "HalfYear"],
      [Period.year(2017), "NineMonths"],
      [Period.year(2017), "Phase"],
      [Period.phase(2016, 2020), "NineMonths"],
      [Period.halfYear(2017, 1), "Year"]
    ]
    for (const [p, kind] of bad) {
      const r = Calendar.constituents(p, kind)
      expect(Result.isFailure(r)).toBe(true)
      if (Result.isFailure(r)) {
        expect(r.failure).toBeInstanceOf(Calendar.NotComposedOf)
        expect(r.failure.message).toContain(Period.format(p))
      }
    }
  })
})

describe("Calendar.next and Calendar.previous", () => {
  it("next(previous(p)) = p and previous(next(p)) = p", () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(Calendar.next(Calendar.previous(p))).toEqual(p)
        expect(Calendar.previous(Calendar.next(p))).toEqual(p)
        expect(Calendar.next(p)._tag).toBe(p._tag)
      }),
      { numRuns: 1000 }
    )
  })

  it("next moves forward: its window starts after the period's window ends, under each calendar", () => {
    fc.assert(
      fc.property(calendarArb, periodArb, (calendar, p) => {
        expect(Calendar.window(calendar, Calendar.next(p)).first > Calendar.window(calendar, p).last).toBe(
          true
        )
      })
    )
  })

  it("steps across year ends, and phases move by their own length", () => {
    expect(Calendar.next(Period.month(2017, 12))).toEqual(Period.month(2018, 1))
    expect(Calendar.previous(Period.month(2017, 1))).toEqual(Period.month(2016, 12))
    expect(Calendar.next(Period.quarter(2017, 4))).toEqual(Period.quarter(2018, 1))
    expect(Calendar.previous(Period.halfYear(2017, 1))).toEqual(Period.halfYear(2016, 2))
    expect(Calendar.next(Period.nineMonths(2017))).toEqual(Period.nineMonths(2018))
    expect(Calendar.next(Period.phase(2016, 2020))).toEqual(Period.phase(2021, 2025))
    expect(Calendar.previous(Period.phase(2016, 2020))).toEqual(Period.phase(2011, 2015))
    expect(Calendar.next(Period.phase(2016, 2017))).toEqual(Period.phase(2018, 2019))
  })

  it("stops at the years periods cover with a typed error", () => {
    expect(() => Calendar.next(Period.year(9999))).toThrow(Calendar.PeriodOutOfRange)
    expect(() => Calendar.previous(Period.month(1900, 1))).toThrow(Calendar.PeriodOutOfRange)
    expect(() => Calendar.next(Period.phase(9990, 9999))).toThrow(/1900 to 9999/)
    expect(Calendar.previous(Period.month(1900, 2))).toEqual(Period.month(1900, 1))
  })
})

describe("Calendar.periodContaining", () => {
  // Dates from the 2017 Ninh Bình conference report (conference-2017-h1): Decree 60/2013/NĐ-CP of
  // 19/6/2013, Plan 771-KH/BDVTƯ of 08/3/2017, Plan 20-KH/TU of 12/8/2016.
  const cases = [
    {
      date: "2013-06-19",
      calendarMonths: ["201306", "2013Q2", "2013S1", "2013NineMonths", "2013"],
      // after the 14th: the July month, Q3 and the last six months under Decree 09
      decree09Cutoff: ["201307", "2013Q3", "2013S2", "2013NineMonths", "2013"],
      phase: undefined
    },
    {
      date: "2017-03-08",
      calendarMonths: ["201703", "2017Q1", "2017S1", "2017NineMonths", "2017"],
      decree09Cutoff: ["201703", "2017Q1", "2017S1", "2017NineMonths", "2017"],
      phase: "2016-2020"
    },
    {
      date: "2016-08-12",
      calendarMonths: ["201608", "2016Q3", "2016S2", "2016NineMonths", "2016"],
      decree09Cutoff: ["201608", "2016Q3", "2016S2", "2016NineMonths", "2016"],
      phase: "2016-2020"
    },
    {
      date: "2024-12-20",
      calendarMonths: ["202412", "2024Q4", "2024S2", undefined, "2024"],
      // Decree 09: after 14/12 the next reporting year has begun
      decree09Cutoff: ["202501", "2025Q1", "2025S1", "2025NineMonths", "2025"],
      phase: "2021-2025"
    },
    {
      date: "2017-09-20",
      calendarMonths: ["201709", "2017Q3", "2017S2", "2017NineMonths", "2017"],
      decree09Cutoff: ["201710", "2017Q4", "2017S2", undefined, "2017"],
      phase: "2016-2020"
    }
  ] as const

  for (const c of cases) {
    for (const calendar of Calendar.calendars) {
      it(`${c.date} under ${calendar}`, () => {
        const date = d(c.date)
        const [month, quarter, half, nine, year] = c[calendar]
        expect(Period.format(Calendar.periodContaining(calendar, "Month", date))).toBe(month)
        expect(Period.format(Calendar.periodContaining(calendar, "Quarter", date))).toBe(quarter)
        expect(Period.format(Calendar.periodContaining(calendar, "HalfYear", date))).toBe(half)
        expect(Option.map(Calendar.periodContaining(calendar, "NineMonths", date), Period.format)).toEqual(
          Option.fromUndefinedOr(nine)
        )
        expect(Period.format(Calendar.periodContaining(calendar, "Year", date))).toBe(year)
        expect(Option.map(Calendar.phaseContaining(date), Period.format)).toEqual(
          Option.fromUndefinedOr(c.phase)
        )
      })
    }
  }

  it("the cut-off days: the 14th closes a Decree 09 window and the 15th opens the next", () => {
    expect(Calendar.periodContaining("decree09Cutoff", "HalfYear", d("2013-06-14"))).toEqual(
      Period.halfYear(2013, 1)
    )
    expect(Calendar.periodContaining("decree09Cutoff", "HalfYear", d("2013-06-15"))).toEqual(
      Period.halfYear(2013, 2)
    )
    expect(Calendar.periodContaining("decree09Cutoff", "Year", d("2024-12-14"))).toEqual(Period.year(2024))
    expect(Calendar.periodContaining("decree09Cutoff", "Year", d("2024-12-15"))).toEqual(Period.year(2025))
    expect(Calendar.periodContaining("calendarMonths", "Year", d("2024-12-31"))).toEqual(Period.year(2024))
  })

  it("checkDate says exactly when periodContaining would throw", () => {
    const anyDate = dateBetween("0001-01-01", "9999-12-31")
    const nearEdges = fc.oneof(
      dateBetween("1899-11-01", "1900-02-01"),
      dateBetween("9999-11-01", "9999-12-31")
    )
    fc.assert(
      fc.property(calendarArb, tilingKindArb, fc.oneof(anyDate, nearEdges), (calendar, kind, date) => {
        const checked = Calendar.checkDate(calendar, date)
        if (Result.isSuccess(checked)) {
          expect(Calendar.contains(calendar, Calendar.periodContaining(calendar, kind, date), date)).toBe(
            true
          )
        } else {
          expect(checked.failure).toBeInstanceOf(Calendar.PeriodOutOfRange)
          expect(() => Calendar.periodContaining(calendar, kind, date)).toThrow(Calendar.PeriodOutOfRange)
        }
      }),
      { numRuns: 500 }
    )
    expect(Result.isSuccess(Calendar.checkDate("decree09Cutoff", d("1899-12-15")))).toBe(true)
    expect(Result.isFailure(Calendar.checkDate("decree09Cutoff", d("1899-12-14")))).toBe(true)
    expect(Result.isFailure(Calendar.checkDate("calendarMonths", d("1899-12-31")))).toBe(true)
    expect(Result.isSuccess(Calendar.checkDate("calendarMonths", d("9999-12-31")))).toBe(true)
    expect(Result.isFailure(Calendar.checkDate("decree09Cutoff", d("9999-12-15")))).toBe(true)
  })
})

describe("Calendar.phaseContaining", () => {
  it("finds the DVK phase of a date by default, and none outside 2016-2030", () => {
    fc.assert(
      fc.property(dateBetween("1990-01-01", "2050-12-31"), (date) => {
        const { year } = CalendarDate.parts(date)
        const found = Calendar.phaseContaining(date)
        if (year < 2016 || year > 2030) expect(found).toEqual(Option.none())
        else {
          const start = 2016 + 5 * Math.floor((year - 2016) / 5)
          expect(found).toEqual(Option.some(Period.phase(start, start + 4)))
        }
      })
    )
  })

  it("takes phases as data and honours the calendar", () => {
    const phases = [Period.phase(2011, 2015), Period.phase(2016, 2020)]
    expect(Calendar.phaseContaining(d("2013-06-19"), phases)).toEqual(Option.some(Period.phase(2011, 2015)))
    expect(Calendar.phaseContaining(d("2010-12-31"), phases)).toEqual(Option.none())
    expect(Calendar.phaseContaining(d("2015-12-20"), phases, "decree09Cutoff")).toEqual(
      Option.some(Period.phase(2016, 2020))
    )
    expect(Calendar.phaseContaining(d("2015-12-20"), phases)).toEqual(Option.some(Period.phase(2011, 2015)))
  })

  it("a phase found holds the date", () => {
    fc.assert(
      fc.property(calendarArb, dateBetween("2000-01-01", "2040-12-31"), (calendar, date) => {
        const found = Calendar.phaseContaining(date, Calendar.dvkPhases, calendar)
        if (Option.isSome(found)) expect(Calendar.contains(calendar, found.value, date)).toBe(true)
        else for (const p of Calendar.dvkPhases) expect(Calendar.contains(calendar, p, date)).toBe(false)
      })
    )
  })
})
