import { describe, expect, it } from "@effect/vitest"
import { Exit, Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Lunar from "../src/calendar/Lunar.ts"
import * as PublicHolidays from "../src/calendar/PublicHolidays.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { decodeProblem } from "./support/Decoding.ts"

/*
 * Sources of the published schedules checked here (besides those named in `announced` itself):
 *
 * - Labour Code 2019 (Law 45/2019/QH14), Art. 111(3) and Art. 112, bilingual text:
 *   https://sites.google.com/view/luatlaodong2019/ ; Labour Code 2012, Art. 115(3):
 *   http://thptngosilienbg.edu.vn/tin-giao-duc/pho-bien-phap-luat-1554720882.html
 * - 2016: Giỗ Tổ on Saturday 16/4 with 18/4 off, 30/4–3/5 off (Da Nang Today, 01/04/2016,
 *   https://baodanang.vn/english/society/201604/viet-nam-announces-seven-days-off-for-national-holidays-next-month-2478489)
 * - 2017: 29/4–2/5 off, 30/4 a Sunday (VnExpress International, 24/03/2017,
 *   https://e.vnexpress.net/news/news/vietnam-to-have-four-day-break-in-late-april-3560085.html)
 * - 2020: Tết 23/1–29/1, 25–26/1 compensated on 28–29/1 (Thông báo 4544/TB-LĐTBXH, 25/10/2019,
 *   reported by https://vietnamnet.vn/en/seven-day-holiday-for-lunar-new-year-2020-approved-582674.html)
 * - 2021–2026: the notices named in `PublicHolidays.announced`, as reported by sggpnews.org.vn
 *   (2021, 2023), vietnamnews.vn (2024, 2026), en.baochinhphu.vn (2025), vjs.vietnam.vn (2026),
 *   thanhnien.vn (Giỗ Tổ 2026 on Sunday 26/4, compensated on 27/4).
 */

const d = CalendarDate.unsafeFromString
const isWeekend = (date: CalendarDate.CalendarDate) => [0, 6].includes(CalendarDate.dayOfWeek(date))
const weekdays = (dates: ReadonlyArray<CalendarDate.CalendarDate>) =>
  dates.filter((x) => !isWeekend(x)).sort()
const computedDaysOff = (year: number) => PublicHolidays.statutory(year).map((h) => h.date)

describe("PublicHolidays.statutory against the announcements", () => {
  it("reproduces every announced schedule of 2021–2026 but the swapped working days", () => {
    for (const schedule of PublicHolidays.announced) {
      const computed = weekdays(computedDaysOff(schedule.year))
      const announced = weekdays(schedule.daysOff)
      // what an announcement adds is exactly the weekdays swapped for its worked Saturdays
      const swappedOff = announced.filter((x) => !computed.includes(x))
      expect([schedule.year, computed.filter((x) => !announced.includes(x))]).toEqual([schedule.year, []])
      expect([schedule.year, swappedOff.length]).toEqual([schedule.year, schedule.workingDays.length])
    }
  })

  it("2026: Tết Bính Ngọ, Giỗ Tổ on a Sunday, National Day with 1/9", () => {
    expect(PublicHolidays.statutory(2026)).toEqual([
      { date: "2026-01-01", occasion: "newYear" },
      { date: "2026-02-15", occasion: "tet" },
      { date: "2026-02-16", occasion: "tet" },
      { date: "2026-02-17", occasion: "tet" },
      { date: "2026-02-18", occasion: "tet" },
      { date: "2026-02-19", occasion: "tet" },
      { date: "2026-02-20", occasion: "tet", compensates: "2026-02-15" },
      { date: "2026-04-26", occasion: "hungKings" },
      { date: "2026-04-27", occasion: "hungKings", compensates: "2026-04-26" },
      { date: "2026-04-30", occasion: "victoryDay" },
      { date: "2026-05-01", occasion: "labourDay" },
      { date: "2026-09-01", occasion: "nationalDay" },
      { date: "2026-09-02", occasion: "nationalDay" }
    ])
  })

  it("under the Labour Code 2012 (2013–2020): one day of National Day, the same compensatory rule", () => {
    const weekdaysOff = (year: number) => weekdays(computedDaysOff(year))
    expect(weekdaysOff(2016).filter((x) => x >= "2016-04-01" && x <= "2016-05-31")).toEqual([
      "2016-04-18",
      "2016-05-02",
      "2016-05-03"
    ])
    expect(weekdaysOff(2017).filter((x) => x >= "2017-04-29" && x <= "2017-05-31")).toEqual([
      "2017-05-01",
      "2017-05-02"
    ])
    expect(weekdaysOff(2020).filter((x) => x < "2020-02-01")).toEqual([
      "2020-01-01",
      "2020-01-23",
      "2020-01-24",
      "2020-01-27",
      "2020-01-28",
      "2020-01-29"
    ])
    expect(computedDaysOff(2020).filter((x) => x.startsWith("2020-09"))).toEqual(["2020-09-02"])
    // the Code of 2012 came into force on 01/05/2013: 2013 has only the days from then on
    expect(computedDaysOff(2013)).toEqual(["2013-05-01", "2013-09-02"])
    expect(computedDaysOff(2012)).toEqual([])
    expect(computedDaysOff(2200)).toEqual([])
  })
})

const coveredYearArb = fc.integer({ min: 2014, max: Lunar.maxYear })

describe("PublicHolidays.statutory (properties)", () => {
  it("a year has 11 weekdays off from 2021 (10 before): every holiday is one or gives one", () => {
    fc.assert(
      fc.property(coveredYearArb, (year) => {
        expect(weekdays(computedDaysOff(year)).length).toBe(year >= 2021 ? 11 : 10)
      }),
      { numRuns: 120 }
    )
  })

  it("a compensatory day is the first free weekday after the weekend holiday it compensates", () => {
    fc.assert(
      fc.property(coveredYearArb, (year) => {
        const holidays = PublicHolidays.statutory(year)
        const dates = holidays.map((h) => h.date)
        expect(new Set(dates).size).toBe(dates.length)
        const weekendHolidays = holidays.filter((h) => h.compensates === undefined && isWeekend(h.date))
        const compensatory = holidays.filter((h) => h.compensates !== undefined)
        expect(compensatory.map((h) => h.compensates).sort()).toEqual(
          weekendHolidays.map((h) => h.date).sort()
        )
        for (const c of compensatory) {
          expect(isWeekend(c.date)).toBe(false)
          expect(c.date > c.compensates!).toBe(true)
          // every weekday between the holiday and its compensatory day is already a day off
          for (let x = CalendarDate.addDays(c.compensates!, 1); x < c.date; x = CalendarDate.addDays(x, 1)) {
            expect(isWeekend(x) || dates.includes(x)).toBe(true)
          }
        }
      }),
      { numRuns: 120 }
    )
  })

  it("Tết is the lunar year's last two days and first three, Giỗ Tổ is 10/3 of the lunar calendar", () => {
    fc.assert(
      fc.property(coveredYearArb, (year) => {
        const tet = PublicHolidays.statutory(year).filter(
          (h) => h.occasion === "tet" && h.compensates === undefined
        )
        const lunar = tet.map((h) => Lunar.format(Result.getOrThrow(Lunar.fromSolar(h.date))).split(" ")[0])
        const last = Lunar.months(year - 1).at(-1)!.length
        expect(lunar).toEqual([`${last - 1}/12`, `${last}/12`, "1/1", "2/1", "3/1"])
        const [hungKings] = PublicHolidays.statutory(year).filter((h) => h.occasion === "hungKings")
        expect(Lunar.fromSolar(hungKings!.date)).toEqual(
          Result.succeed({ year, month: 3, day: 10, leap: false })
        )
      }),
      { numRuns: 80 }
    )
  })

  it("National Day's second day is adjacent to 2/9 and a weekday whenever one of them is", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2021, max: Lunar.maxYear }), (year) => {
        const [first, second] = PublicHolidays.statutory(year).filter(
          (h) => h.occasion === "nationalDay" && h.compensates === undefined
        )
        const partner = first!.date === `${year}-09-02` ? second!.date : first!.date
        expect([`${year}-09-01`, `${year}-09-03`]).toContain(partner)
        const weekdayNeighbour = [`${year}-09-01`, `${year}-09-03`].some((x) => !isWeekend(d(x)))
        if (weekdayNeighbour) expect(isWeekend(partner)).toBe(false)
      }),
      { numRuns: 80 }
    )
  })
})

describe("PublicHolidays.Schedule and Observance", () => {
  const decodeSchedule = Schema.decodeUnknownExit(PublicHolidays.Schedule)
  const valid = { year: 2027, daysOff: ["2027-01-01"], workingDays: ["2027-01-09"], source: "Thông báo thử" }

  it("refuses days of another year, weekdays as worked days, and a day both off and worked", () => {
    expect(Exit.isSuccess(decodeSchedule(valid))).toBe(true)
    const problems = [
      [{ ...valid, daysOff: ["2026-12-31"] }, "the schedule of 2027 lists 2026-12-31, a day of another year"],
      [{ ...valid, workingDays: ["2027-01-08"] }, "2027-01-08 is a weekday"],
      [{ ...valid, daysOff: ["2027-01-09"] }, "2027-01-09 is listed both as a day off and as a working day"],
      [{ ...valid, source: "" }, "the text is empty"],
      [{ ...valid, source: "Công văn\u0000" }, "the control character U+0000"]
    ] as const
    for (const [input, message] of problems) {
      const exit = decodeSchedule(input)
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain(message)
    }
  })

  it("an observance holds one schedule a year", () => {
    const twice = { schedules: [valid, { ...valid, source: "another notice" }] }
    const exit = Schema.decodeUnknownExit(PublicHolidays.Observance)(twice)
    expect(Exit.isFailure(exit) && String(exit.cause)).toContain("two schedules for the year 2027")
  })

  it("decoding schedules and observances gives a value or a typed error on arbitrary input", () => {
    const scheduleLike = fc.record({
      year: fc.oneof(fc.integer({ min: 1890, max: 2030 }), fc.anything()),
      daysOff: fc.array(fc.oneof(fc.constantFrom("2027-01-01", "2026-05-02", "2027-02-30"), fc.string())),
      workingDays: fc.array(fc.constantFrom("2027-01-09", "2027-01-08", "x")),
      source: fc.string()
    })
    fc.assert(
      fc.property(fc.oneof(fc.anything(), scheduleLike), (input) => {
        expect(decodeProblem(PublicHolidays.Schedule, input)).toBeUndefined()
        expect(decodeProblem(PublicHolidays.Observance, { schedules: [input, input] })).toBeUndefined()
      })
    )
  })

  it("the announced schedules decode, one a year from 2021 to 2026", () => {
    const observance = { schedules: PublicHolidays.announced }
    const encoded = Schema.encodeUnknownSync(PublicHolidays.Observance)(observance)
    expect(Schema.decodeUnknownSync(PublicHolidays.Observance)(encoded)).toEqual(observance)
    expect(PublicHolidays.announced.map((s) => s.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026])
  })

  it("mergeSchedules replaces a year's schedule and keeps year order", () => {
    const y2027 = new PublicHolidays.Schedule({ ...valid, daysOff: [d("2027-01-01")], workingDays: [] })
    const y2026 = new PublicHolidays.Schedule({ year: 2026, daysOff: [], workingDays: [], source: "thử" })
    const merged = PublicHolidays.mergeSchedules(PublicHolidays.announced, [y2027, y2026])
    expect(merged.map((s) => s.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027])
    expect(merged.find((s) => s.year === 2026)).toBe(y2026)
  })
})

describe("PublicHolidays.yearOf", () => {
  const observance = { schedules: PublicHolidays.announced }

  it("an announced year uses its schedule and warns of nothing", () => {
    const year = PublicHolidays.yearOf(observance, 2026)
    expect(year.warning).toBeUndefined()
    expect(year.workingDays).toEqual(["2026-01-10", "2026-08-22"])
    expect(year.daysOff).toContain("2026-08-31")
  })

  it("a year not announced uses the computed days and says so", () => {
    const year = PublicHolidays.yearOf(observance, 2027)
    expect(year.daysOff).toEqual(computedDaysOff(2027))
    expect(year.warning).toEqual({
      _tag: "NotAnnounced",
      year: 2027,
      assumed: weekdays(computedDaysOff(2027))
    })
    expect(PublicHolidays.describe(year.warning!)).toContain(
      "the public holidays of 2027 have not been loaded from the Government's announcement"
    )
  })

  it("a year the default does not cover says so", () => {
    for (const y of [2012, 2013, 2200]) {
      expect(PublicHolidays.yearOf(observance, y).warning).toEqual({ _tag: "NotCovered", year: y })
    }
    expect(PublicHolidays.describe({ _tag: "NotCovered", year: 2012 })).toContain("2014 to 2199 only")
  })
})
