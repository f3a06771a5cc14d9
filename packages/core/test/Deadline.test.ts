import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as fc from "fast-check"
import * as Calendar from "../src/calendar/Calendar.ts"
import * as Deadline from "../src/calendar/Deadline.ts"
import * as Period from "../src/calendar/Period.ts"
import * as PublicHolidays from "../src/calendar/PublicHolidays.ts"
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

/*
 * Deadlines under Vietnam's public holidays. The announced breaks are those of
 * `PublicHolidays.announced` (sources in PublicHolidays.test.ts and in each schedule's `source`).
 */
const { party, state } = Regime.defaults
/** The same regime with the public holidays computed from the Labour Code only (nothing announced). */
const computedOnly = (r: Regime.ReportingRegime) =>
  new Regime.ReportingRegime({ ...r, publicHolidays: { schedules: [] } })
/** The same regime as stored before public holidays existed: weekends and its own holidays only. */
const weekendsOnly = (r: Regime.ReportingRegime) => {
  const { publicHolidays: _, ...rest } = r
  return new Regime.ReportingRegime(rest)
}
const notAnnounced = (year: number) =>
  expect.objectContaining({ _tag: "NotAnnounced", year }) as unknown as PublicHolidays.Warning

describe("Deadline.due across Tết", () => {
  it("the issue's case: the district deadline of 202602 (state) is after the 2026 Tết break, not in it", () => {
    // February 2026 (Decree 09) closes on Saturday 14/02/2026; the break runs 14/02–22/02.
    expect(Deadline.due(state, Period.month(2026, 2), "district")).toEqual({
      date: "2026-02-25",
      warnings: []
    })
    expect(Deadline.due(computedOnly(state), Period.month(2026, 2), "district")).toEqual({
      date: "2026-02-25",
      warnings: [notAnnounced(2026)]
    })
    expect(Deadline.due(weekendsOnly(state), Period.month(2026, 2), "district")).toEqual({
      date: "2026-02-18",
      warnings: []
    })
    expect(Deadline.deadline(state, Period.month(2026, 2), "district")).toBe("2026-02-25")
  })

  it("Tết 2021, 2022 and 2024: after the break, with or without the announcement; weekends only falls in it", () => {
    const cases = [
      // 202102 closes Sunday 14/02/2021, in the break of 10/02–16/02
      [state, Period.month(2021, 2), "district", "2021-02-19", "2021-02-17"],
      // January 2022 closes Monday 31/01/2022, in the break of 29/01–06/02
      [party, Period.month(2022, 1), "grassroots", "2022-02-08", "2022-02-02"],
      [party, Period.month(2022, 1), "commune", "2022-02-09", "2022-02-03"],
      // January 2024 closes Wednesday 31/01/2024; the break of 08/02–14/02 comes in the middle
      [party, Period.month(2024, 1), "province", "2024-02-16", "2024-02-09"]
    ] as const
    for (const [regime, period, level, withHolidays, weekendsOnlyDate] of cases) {
      expect(Deadline.due(regime, period, level)).toEqual({ date: withHolidays, warnings: [] })
      expect(Deadline.due(computedOnly(regime), period, level).date).toBe(withHolidays)
      expect(Deadline.due(weekendsOnly(regime), period, level).date).toBe(weekendsOnlyDate)
    }
  })

  it("Tết 2027 is not announced: the deadline uses the computed break and says so", () => {
    // computed: 04/02 and 05/02 (the last two days of Bính Ngọ), 06/02–08/02 (Tết Đinh Mùi, a
    // Saturday and a Sunday among them), compensated on 09/02 and 10/02
    const due = Deadline.due(party, Period.month(2027, 1), "province")
    expect(due).toEqual({ date: "2027-02-16", warnings: [notAnnounced(2027)] })
    expect(due.warnings[0]).toMatchObject({
      assumed: expect.arrayContaining(["2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"])
    })
    expect(Deadline.due(weekendsOnly(party), Period.month(2027, 1), "province").date).toBe("2027-02-09")
    // a window of 2026 whose deadline runs into 2027 warns of 2027 only
    expect(Deadline.due(party, Period.month(2026, 12), "province").warnings).toEqual([notAnnounced(2027)])
  })

  it("swapped working days come only from the announcement", () => {
    const cases = [
      // 2024: Monday 29/04 off, Saturday 04/05 worked (Công văn 2450/VPCP-KGVX)
      [Period.month(2024, 4), "commune", "2024-05-04", "2024-05-06"],
      [Period.month(2024, 4), "district", "2024-05-07", "2024-05-08"],
      // 2025: Friday 02/05 off, Saturday 26/04 worked
      [Period.month(2025, 4), "grassroots", "2025-05-06", "2025-05-05"],
      // 2026: Friday 02/01 off, Saturday 10/01 worked (Công văn 12729/VPCP-KGVX)
      [Period.month(2025, 12), "commune", "2026-01-07", "2026-01-06"]
    ] as const
    for (const [period, level, announced, computed] of cases) {
      expect(Deadline.deadline(party, period, level)).toBe(announced)
      expect(Deadline.deadline(computedOnly(party), period, level)).toBe(computed)
    }
    expect(Deadline.isWorkingDayUnder(party, d("2024-05-04"))).toBe(true)
    expect(Deadline.isWorkingDayUnder(computedOnly(party), d("2024-05-04"))).toBe(false)
    expect(Deadline.isWorkingDayUnder(party, d("2026-02-18"))).toBe(false)
    expect(Deadline.isWorkingDayUnder(weekendsOnly(party), d("2026-02-18"))).toBe(true)
  })

  it("a regime's own holidays still count, and win over a worked Saturday", () => {
    const withOwn = new Regime.ReportingRegime({ ...party, holidays: [d("2024-05-04"), d("2024-05-06")] })
    expect(Deadline.deadline(withOwn, Period.month(2024, 4), "commune")).toBe("2024-05-07")
  })

  it("addWorkingDaysUnder counts back and forth over the break and warns of the years it met", () => {
    expect(Deadline.addWorkingDaysUnder(state, d("2026-02-13"), 1)).toEqual({
      date: "2026-02-23",
      warnings: []
    })
    expect(Deadline.addWorkingDaysUnder(state, d("2026-02-23"), -1)).toEqual({
      date: "2026-02-13",
      warnings: []
    })
    expect(Deadline.addWorkingDaysUnder(state, d("2026-12-31"), 30).warnings).toEqual([notAnnounced(2027)])
    expect(Deadline.addWorkingDaysUnder(state, d("2012-12-28"), 3).warnings).toEqual([
      { _tag: "NotCovered", year: 2012 },
      { _tag: "NotCovered", year: 2013 }
    ])
    expect(() => Deadline.addWorkingDaysUnder(state, d("2026-02-13"), 0.5)).toThrow(RangeError)
  })
})

const observedLevelArb = fc.constantFrom(...levels)
const observedPeriodArb: fc.Arbitrary<Period.Period> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 2014, max: 2150 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => Period.month(y, m)),
  fc
    .tuple(fc.integer({ min: 2014, max: 2150 }), fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4))
    .map(([y, q]) => Period.quarter(y, q)),
  fc.integer({ min: 2014, max: 2150 }).map(Period.year)
)
/** A regime that observes public holidays, with random deadlines and random announced years. */
const observedRegimeArb = fc
  .tuple(
    fc.constantFrom(party, state),
    deadlinesArb,
    fc.subarray([...PublicHolidays.announced]),
    fc.boolean()
  )
  .map(([base, deadlines, schedules, sorted]) => {
    // half of the regimes are valid (levels due in chain order), so the chain law is exercised
    const [grassroots, commune, district, province] = Object.values(deadlines).sort((a, b) => a - b) as [
      number,
      number,
      number,
      number
    ]
    const ordered = sorted ? { grassroots, commune, district, province } : deadlines
    return new Regime.ReportingRegime({ ...base, deadlines: ordered, publicHolidays: { schedules } })
  })

describe("Deadline.due under public holidays (properties)", () => {
  it("never on a day off: not a weekend unless worked by announcement, not a public or own holiday", () => {
    fc.assert(
      fc.property(observedRegimeArb, observedPeriodArb, observedLevelArb, (regime, period, level) => {
        const { date } = Deadline.due(regime, period, level)
        const year = PublicHolidays.yearOf(regime.publicHolidays!, CalendarDate.parts(date).year)
        expect(Deadline.isWorkingDayUnder(regime, date)).toBe(true)
        expect(year.daysOff).not.toContain(date)
        if (isWeekend(date)) expect(year.workingDays).toContain(date)
        expect(date >= Calendar.window(regime.calendar, period).last).toBe(true)
        expect(date).toBe(Deadline.deadline(regime, period, level))
      }),
      { numRuns: 300 }
    )
  })

  it("warns of exactly the years between the window's close and the deadline that were not announced", () => {
    fc.assert(
      fc.property(observedRegimeArb, observedPeriodArb, observedLevelArb, (regime, period, level) => {
        const { date, warnings } = Deadline.due(regime, period, level)
        const first = CalendarDate.parts(Calendar.window(regime.calendar, period).last).year
        const announcedYears = regime.publicHolidays!.schedules.map((s) => s.year)
        const expected: Array<number> = []
        for (let y = first; y <= CalendarDate.parts(date).year; y++)
          if (!announcedYears.includes(y)) expected.push(y)
        expect(warnings.map((w) => w.year)).toEqual(expected)
        expect(
          warnings.every((w) => w._tag === (PublicHolidays.isCovered(w.year) ? "NotAnnounced" : "NotCovered"))
        ).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it("days off only delay: computed holidays never make a deadline earlier than weekends only", () => {
    fc.assert(
      fc.property(observedRegimeArb, observedPeriodArb, observedLevelArb, (regime, period, level) => {
        const computed = Deadline.deadline(computedOnly(regime), period, level)
        expect(computed >= Deadline.deadline(weekendsOnly(regime), period, level)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it("with a valid regime a child level is still due no later than its parent, and isOnTime agrees", () => {
    fc.assert(
      fc.property(
        observedRegimeArb,
        observedPeriodArb,
        fc.integer({ min: -5, max: 90 }),
        (regime, period, k) => {
          const due = levels.map((level) => Deadline.deadline(regime, period, level))
          if (Regime.validate(regime).length === 0)
            expect(due.every((x, i) => i === 0 || due[i - 1]! <= x)).toBe(true)
          const submittedOn = CalendarDate.addDays(Calendar.window(regime.calendar, period).last, k)
          for (const [i, level] of levels.entries()) {
            expect(Deadline.isOnTime(regime, period, level, submittedOn)).toBe(submittedOn <= due[i]!)
          }
        }
      ),
      { numRuns: 300 }
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

  it("the default regimes observe Vietnam's public holidays with the schedules of 2021–2026", () => {
    for (const r of [party, state]) expect(r.publicHolidays?.schedules).toEqual(PublicHolidays.announced)
  })

  it("a regime stored before public holidays existed still decodes, and skips only weekends and its holidays", () => {
    const { publicHolidays: _, ...old } = Schema.encodeUnknownSync(Regime.ReportingRegime)(state)
    const decoded = Schema.decodeUnknownSync(Regime.ReportingRegime)(old)
    expect(decoded.publicHolidays).toBeUndefined()
    expect(Deadline.due(decoded, Period.month(2026, 2), "district")).toEqual({
      date: "2026-02-18",
      warnings: []
    })
  })

  it("a regime with an invalid schedule is a typed error naming it", () => {
    const encoded = Schema.encodeUnknownSync(Regime.ReportingRegime)(state)
    const bad = {
      ...encoded,
      publicHolidays: { schedules: [{ year: 2027, daysOff: ["2026-12-31"], workingDays: [], source: "x" }] }
    }
    const exit = Schema.decodeUnknownExit(Regime.ReportingRegime)(bad)
    expect(Exit.isFailure(exit) && String(exit.cause)).toContain("the schedule of 2027 lists 2026-12-31")
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
