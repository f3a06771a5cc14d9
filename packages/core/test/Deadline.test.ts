import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as fc from "fast-check"
import * as Calendar from "../src/calendar/Calendar.ts"
import * as Deadline from "../src/calendar/Deadline.ts"
import * as Period from "../src/calendar/Period.ts"
import * as Regime from "../src/calendar/Regime.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { RegimeId } from "../src/kernel/Ids.ts"
import type { UnitLevel } from "../src/unit/Unit.ts"
import { decodeProblem } from "./support/Decoding.ts"

const d = CalendarDate.unsafeFromString
const levels: ReadonlyArray<UnitLevel> = ["grassroots", "commune", "district", "province"]
const levelArb = fc.constantFrom(...levels)
const calendarArb = fc.constantFrom<Regime.CalendarKind>("calendarMonths", "decree09Cutoff")

const yearArb = fc.integer({ min: 1950, max: 2100 })
const periodArb: fc.Arbitrary<Period.Period> = fc.oneof(
  fc.tuple(yearArb, fc.integer({ min: 1, max: 12 })).map(([y, m]) => Period.month(y, m)),
  fc.tuple(yearArb, fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4)).map(([y, q]) => Period.quarter(y, q)),
  fc.tuple(yearArb, fc.constantFrom<1 | 2>(1, 2)).map(([y, h]) => Period.halfYear(y, h)),
  yearArb.map(Period.nineMonths),
  yearArb.map(Period.year),
  fc.tuple(yearArb, fc.integer({ min: 1, max: 9 })).map(([y, n]) => Period.phase(y, y + n))
)
const deadlinesArb = fc.record({
  grassroots: fc.integer({ min: 0, max: 60 }),
  commune: fc.integer({ min: 0, max: 60 }),
  district: fc.integer({ min: 0, max: 60 }),
  province: fc.integer({ min: 0, max: 60 })
})
/** Days off as offsets from a period's last day: dense enough to crowd the days after it. */
const holidayOffsetsArb = fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 25 })

const regime = (
  calendar: Regime.CalendarKind,
  deadlines: Regime.Deadlines,
  holidays: ReadonlyArray<CalendarDate.CalendarDate> = []
) =>
  new Regime.ReportingRegime({
    id: RegimeId.make("test-regime"),
    name: "Chế độ báo cáo thử",
    calendar,
    deadlines,
    holidays,
    version: 0
  })

/** A regime and a period, with holidays placed around the end of the period's window. */
const caseArb = fc
  .tuple(calendarArb, periodArb, deadlinesArb, holidayOffsetsArb, levelArb)
  .map(([calendar, period, deadlines, offsets, level]) => {
    const last = Calendar.window(calendar, period).last
    const holidays = offsets.map((k) => CalendarDate.addDays(last, k))
    return { regime: regime(calendar, deadlines, holidays), period, level, last }
  })

const isWeekend = (date: CalendarDate.CalendarDate) => [0, 6].includes(CalendarDate.dayOfWeek(date))

describe("Deadline.addWorkingDays", () => {
  it("skips weekends and holidays", () => {
    // 2024-06-14 is a Friday
    expect(Deadline.addWorkingDays(d("2024-06-14"), 1, [])).toBe("2024-06-17")
    expect(Deadline.addWorkingDays(d("2024-06-14"), 2, [])).toBe("2024-06-18")
    expect(Deadline.addWorkingDays(d("2024-06-14"), 5, [])).toBe("2024-06-21")
    expect(Deadline.addWorkingDays(d("2024-06-14"), 0, [])).toBe("2024-06-14")
    // Saturday with 0 days moves to Monday
    expect(Deadline.addWorkingDays(d("2024-06-15"), 0, [])).toBe("2024-06-17")
    // 30/4 and 1/5 (Labour Code 2019, Art. 112) fall on Tuesday and Wednesday in 2024
    const holidays = Regime.fixedHolidays(2024)
    expect(Deadline.addWorkingDays(d("2024-04-29"), 1, holidays)).toBe("2024-05-02")
    expect(Deadline.addWorkingDays(d("2024-04-29"), 2, holidays)).toBe("2024-05-03")
    expect(Deadline.addWorkingDays(d("2024-05-02"), -1, holidays)).toBe("2024-04-29")
    expect(() => Deadline.addWorkingDays(d("2024-05-02"), 1.5, [])).toThrow(RangeError)
    expect(() => Deadline.addWorkingDays(d("9999-12-31"), 1, [])).toThrow(RangeError)
  })

  it("n working days later: exactly n working days lie after the date up to the result, which is one", () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: CalendarDate.toDayNumber(d("1950-01-01")),
          max: CalendarDate.toDayNumber(d("2100-01-01"))
        }),
        fc.integer({ min: -30, max: 30 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 30 }),
        (start, n, offsets) => {
          const date = CalendarDate.fromDayNumber(start)
          const holidays = offsets.map((k) => CalendarDate.addDays(date, k))
          const result = Deadline.addWorkingDays(date, n, holidays)
          expect(Deadline.isWorkingDay(result, holidays)).toBe(true)
          expect(isWeekend(result)).toBe(false)
          expect(holidays).not.toContain(result)
          const span = CalendarDate.daysBetween(date, result)
          let working = 0
          for (let k = 1; k <= Math.abs(span); k++) {
            if (Deadline.isWorkingDay(CalendarDate.addDays(date, Math.sign(span) * k), holidays)) working++
          }
          if (n > 0) expect([span > 0, working]).toEqual([true, n])
          else if (n < 0) expect([span < 0, working]).toEqual([true, -n])
          else {
            // 0 days: the date itself if it is a working day, else the first working day after it
            expect(span >= 0).toBe(true)
            expect(span === 0).toBe(Deadline.isWorkingDay(date, holidays))
            if (span > 0) expect(working).toBe(1)
          }
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe("Deadline.deadline", () => {
  it("2 working days after the Decree 09 cut-off of June 2024 (Friday 14/06)", () => {
    const state = regime("decree09Cutoff", { grassroots: 1, commune: 2, district: 3, province: 4 })
    expect(Deadline.deadline(state, Period.month(2024, 6), "grassroots")).toBe("2024-06-17")
    expect(Deadline.deadline(state, Period.month(2024, 6), "commune")).toBe("2024-06-18")
    expect(Deadline.deadline(state, Period.month(2024, 6), "province")).toBe("2024-06-20")
    // the first six months of 2017 closed on Wednesday 14/06/2017
    expect(Deadline.deadline(state, Period.halfYear(2017, 1), "commune")).toBe("2017-06-16")
  })

  it("calendar months: April 2024 closes on the 30/4 holiday, and 1/5 is off too", () => {
    const party = regime("calendarMonths", { grassroots: 2, commune: 3, district: 5, province: 7 }, [
      ...Regime.fixedHolidays(2024)
    ])
    expect(Deadline.deadline(party, Period.month(2024, 4), "grassroots")).toBe("2024-05-03")
    expect(Deadline.deadline(party, Period.month(2024, 4), "commune")).toBe("2024-05-06")
    // with no holidays the same regime is due two days earlier
    const noHolidays = regime("calendarMonths", party.deadlines)
    expect(Deadline.deadline(noHolidays, Period.month(2024, 4), "grassroots")).toBe("2024-05-02")
  })

  it("a deadline is never before its window closes", () => {
    fc.assert(
      fc.property(caseArb, ({ regime, period, level, last }) => {
        const due = Deadline.deadline(regime, period, level)
        expect(due >= last).toBe(true)
        if (regime.deadlines[level] > 0) expect(due > last).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  it("a deadline never lands on a weekend or a holiday", () => {
    fc.assert(
      fc.property(caseArb, ({ regime, period, level }) => {
        const due = Deadline.deadline(regime, period, level)
        expect(isWeekend(due)).toBe(false)
        expect(regime.holidays).not.toContain(due)
      }),
      { numRuns: 500 }
    )
  })

  it("with a valid regime, a child level's deadline is not after its parent's", () => {
    fc.assert(
      fc.property(caseArb, ({ regime, period }) => {
        const due = levels.map((level) => Deadline.deadline(regime, period, level))
        const ordered = due.every((date, i) => i === 0 || due[i - 1]! <= date)
        if (Regime.validate(regime).length === 0) expect(ordered).toBe(true)
        // and a regime whose deadlines are out of order is reported
        if (!ordered) expect(Regime.validate(regime).length).toBeGreaterThan(0)
      }),
      { numRuns: 500 }
    )
  })
})

describe("Deadline.isOnTime", () => {
  it("on or before the deadline is on time; a day later is late", () => {
    const state = Regime.defaults.state
    const due = Deadline.deadline(state, Period.quarter(2017, 2), "district")
    expect(due).toBe("2017-06-19")
    expect(Deadline.isOnTime(state, Period.quarter(2017, 2), "district", d("2017-06-19"))).toBe(true)
    expect(Deadline.isOnTime(state, Period.quarter(2017, 2), "district", d("2017-06-01"))).toBe(true)
    expect(Deadline.isOnTime(state, Period.quarter(2017, 2), "district", d("2017-06-20"))).toBe(false)
  })

  it("agrees with the deadline for any submission date", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: -60, max: 120 }), ({ regime, period, level, last }, k) => {
        const submittedOn = CalendarDate.addDays(last, k)
        expect(Deadline.isOnTime(regime, period, level, submittedOn)).toBe(
          submittedOn <= Deadline.deadline(regime, period, level)
        )
      }),
      { numRuns: 500 }
    )
  })
})

describe("Regime.validate and Regime.defaults", () => {
  it("reports each level due after the level it reports to", () => {
    const bad = regime("decree09Cutoff", { grassroots: 5, commune: 2, district: 3, province: 1 })
    const violations = Regime.validate(bad)
    expect(violations.map((v) => [v.level, v.parentLevel])).toEqual([
      ["grassroots", "commune"],
      ["district", "province"]
    ])
    expect(violations[0]).toBeInstanceOf(Regime.DeadlineAfterParent)
    expect(violations[0]!.message).toContain("grassroots level is due 5 working days")
    expect(violations[0]!.message).toContain("commune level it reports to (2)")
  })

  it("flags exactly the adjacent pairs out of order", () => {
    fc.assert(
      fc.property(deadlinesArb, (deadlines) => {
        const expected = Regime.chain
          .slice(0, -1)
          .map((level, i) => [level, Regime.chain[i + 1]!] as const)
          .filter(([level, parent]) => deadlines[level] > deadlines[parent])
        const found = Regime.validate(regime("calendarMonths", deadlines)).map((v) => [
          v.level,
          v.parentLevel
        ])
        expect(found).toEqual(expected)
      })
    )
  })

  it("the default regimes are valid, use both calendars and survive encoding", () => {
    const { party, state } = Regime.defaults
    expect(party.calendar).toBe("calendarMonths")
    expect(state.calendar).toBe("decree09Cutoff")
    for (const r of [party, state]) {
      expect(Regime.validate(r)).toEqual([])
      const encoded = Schema.encodeUnknownSync(Regime.ReportingRegime)(r)
      const decoded = Schema.decodeUnknownExit(Regime.ReportingRegime)(encoded)
      expect(Exit.isSuccess(decoded) && decoded.value).toEqual(r)
      expect(r.name.normalize("NFC")).toBe(r.name)
    }
  })

  it("fixed holidays are the four solar-date days of the Labour Code 2019, Art. 112", () => {
    expect(Regime.fixedHolidays(2024)).toEqual(["2024-01-01", "2024-04-30", "2024-05-01", "2024-09-02"])
  })

  it("decoding a regime gives a value or a typed error on arbitrary input", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(decodeProblem(Regime.ReportingRegime, input)).toBeUndefined()
      })
    )
  })
})
