import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as fc from "fast-check"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import * as Timestamp from "../src/kernel/Timestamp.ts"
import { decodeProblem } from "./support/Decoding.ts"

const arbDayNumber = fc.integer({ min: -700_000, max: 2_900_000 })

describe("CalendarDate", () => {
  it("day numbers round-trip and follow the Gregorian calendar", () => {
    fc.assert(
      fc.property(arbDayNumber, (n) => {
        const d = CalendarDate.fromDayNumber(n)
        expect(CalendarDate.toDayNumber(d)).toBe(n)
        expect(CalendarDate.yearOfDayNumber(n)).toBe(Number(d.slice(0, 4)))
        expect(CalendarDate.addDays(d, 1) > d).toBe(true)
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(d)
      })
    )
  })

  it("matches the platform's calendar on known days", () => {
    expect(CalendarDate.toDayNumber(CalendarDate.make(1970, 1, 1))).toBe(0)
    expect(CalendarDate.make(2013, 6, 19)).toBe("2013-06-19")
    expect(CalendarDate.dayOfWeek(CalendarDate.make(2013, 6, 19))).toBe(3) // a Wednesday
    expect(CalendarDate.addDays(CalendarDate.make(2024, 2, 28), 1)).toBe("2024-02-29")
    expect(CalendarDate.addDays(CalendarDate.make(2023, 2, 28), 1)).toBe("2023-03-01")
    expect(CalendarDate.formatVietnamese(CalendarDate.make(2017, 3, 8))).toBe("08/03/2017")
  })

  it("weekday agrees with Date for any day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (n) => {
        const d = CalendarDate.fromDayNumber(n)
        expect(CalendarDate.dayOfWeek(d)).toBe(new Date(n * 86_400_000).getUTCDay())
      })
    )
  })

  it("rejects what is not a real date, and never throws on any input", () => {
    for (const bad of ["2023-02-29", "2024-13-01", "2024-1-01", "20240101", "", "2024-04-31"]) {
      expect(Exit.isFailure(Schema.decodeUnknownExit(CalendarDate.CalendarDate)(bad))).toBe(true)
    }
    expect(CalendarDate.fromParts(2023, 2, 29)).toBeUndefined()
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(decodeProblem(CalendarDate.CalendarDate, x)).toBeUndefined()
      })
    )
  })

  it("the day in Vietnam starts at 17:00 UTC the day before", () => {
    expect(CalendarDate.inVietnam(new Date("2024-12-14T16:59:59.999Z"))).toBe("2024-12-14")
    expect(CalendarDate.inVietnam(new Date("2024-12-14T17:00:00.000Z"))).toBe("2024-12-15")
    fc.assert(
      fc.property(
        arbDayNumber.filter((n) => n > -100_000 && n < 2_000_000),
        (n) => {
          const d = CalendarDate.fromDayNumber(n)
          expect(Timestamp.dateInVietnam(Timestamp.startOfDayInVietnam(d))).toBe(d)
        }
      )
    )
  })

  it("every instant a Timestamp accepts falls on a calendar date in Vietnam", () => {
    const decodeTimestamp = Schema.decodeUnknownExit(Timestamp.Timestamp)
    const isDate = Schema.is(CalendarDate.CalendarDate)
    // Year 0 and the last hours of 9999 in Vietnam (UTC+7) have no CalendarDate.
    for (const outside of [
      "0000-06-01T00:00:00.000Z",
      "0000-12-31T16:59:59.999Z",
      "9999-12-31T17:00:00.000Z"
    ]) {
      expect(Exit.isFailure(decodeTimestamp(outside)), outside).toBe(true)
    }
    for (const inside of [
      "0000-12-31T17:00:00.000Z",
      "9999-12-31T16:59:59.999Z",
      "2017-07-03T02:00:00.000Z"
    ]) {
      expect(Exit.isSuccess(decodeTimestamp(inside)), inside).toBe(true)
    }
    const first = Date.parse("0000-01-01T00:00:00.000Z")
    const last = Date.parse("9999-12-31T23:59:59.999Z")
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (ms) => {
        const exit = decodeTimestamp(new Date(ms).toISOString())
        if (Exit.isSuccess(exit)) expect(isDate(Timestamp.dateInVietnam(exit.value))).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })

  it("a Timestamp is text that Date reads back as itself, within the years of CalendarDate", () => {
    // The Date-based definition the schema's check stands for, field by field.
    const firstMillis = Date.parse("0000-12-31T17:00:00.000Z")
    const lastMillis = Date.parse("9999-12-31T16:59:59.999Z")
    const byDate = (s: string) => {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return false
      const millis = Date.parse(s)
      return (
        !Number.isNaN(millis) &&
        new Date(millis).toISOString() === s &&
        millis >= firstMillis &&
        millis <= lastMillis
      )
    }
    const is = Schema.is(Timestamp.Timestamp)
    const field = (width: number, max: number) =>
      fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, "0"))
    // Fields just past their bounds too: month 13, day 32, hour 24, minute and second 60, 29/02.
    const written = fc
      .tuple(
        fc.oneof(field(4, 9999), fc.constantFrom("0000", "9999", "1900", "2000", "2024", "2100")),
        field(2, 13),
        fc.oneof(field(2, 32), fc.constantFrom("28", "29", "30", "31")),
        field(2, 25),
        field(2, 61),
        field(2, 61),
        field(3, 999)
      )
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`)
    const anyText = fc.oneof(
      written,
      fc.string(),
      written.map((s) => ` ${s}`),
      written.map((s) => s.replace("T", " "))
    )
    fc.assert(
      fc.property(anyText, (s) => {
        expect(is(s), s).toBe(byDate(s))
      }),
      { numRuns: 20_000 }
    )
    for (const edge of [
      "2024-02-29T00:00:00.000Z",
      "2023-02-29T00:00:00.000Z",
      "1900-02-29T12:00:00.000Z",
      "2000-02-29T23:59:59.999Z",
      "2017-01-01T24:00:00.000Z",
      "2016-12-31T23:59:60.000Z"
    ])
      expect(is(edge), edge).toBe(byDate(edge))
  })
})
