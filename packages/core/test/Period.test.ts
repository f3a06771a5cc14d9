import { describe, expect, it } from "@effect/vitest"
import { Exit, Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Period from "../src/calendar/Period.ts"

const yearIn = (min: number, max: number) => fc.integer({ min, max })

/** Any period whose years lie in [min, max]. */
const periodIn = (min: number, max: number): fc.Arbitrary<Period.Period> =>
  fc.oneof(
    fc.tuple(yearIn(min, max), fc.integer({ min: 1, max: 12 })).map(([y, m]) => Period.month(y, m)),
    fc
      .tuple(yearIn(min, max), fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>)
      .map(([y, q]) => Period.quarter(y, q)),
    fc
      .tuple(yearIn(min, max), fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>)
      .map(([y, h]) => Period.halfYear(y, h)),
    yearIn(min, max).map(Period.nineMonths),
    yearIn(min, max).map(Period.year),
    fc
      .tuple(yearIn(min, max), yearIn(min, max))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => Period.phase(Math.min(a, b), Math.max(a, b)))
  )

const ok = (input: string) => Result.getOrThrow(Period.parse(input))
const failure = (input: string) => {
  const r = Period.parse(input)
  if (Result.isSuccess(r)) throw new Error(`expected ${input} to be rejected`)
  return r.failure
}

describe("Period identifiers", () => {
  it("reads the DHIS2 forms and the two project forms", () => {
    expect(ok("201706")).toEqual(Period.month(2017, 6))
    expect(ok("2017Q3")).toEqual(Period.quarter(2017, 3))
    expect(ok("2017S1")).toEqual(Period.halfYear(2017, 1))
    expect(ok("2017S2")).toEqual(Period.halfYear(2017, 2))
    expect(ok("2017NineMonths")).toEqual(Period.nineMonths(2017))
    expect(ok("2017")).toEqual(Period.year(2017))
    expect(ok("2016-2020")).toEqual(Period.phase(2016, 2020))
  })

  it("rejects bad identifiers with a typed error pointing at the bad part", () => {
    expect(failure("17")).toMatchObject({ _tag: "PeriodParseError", position: 0 })
    expect(failure("1899")).toMatchObject({ position: 0 })
    expect(failure("201713")).toMatchObject({ position: 4 })
    expect(failure("2017Q5")).toMatchObject({ position: 5 })
    expect(failure("2017S3")).toMatchObject({ position: 5 })
    expect(failure("2020-2016")).toMatchObject({ position: 5 })
    expect(failure("2020-2020").message).toContain("later year")
    expect(failure("2017H1")).toMatchObject({ position: 4 })
    expect(failure(" 2017")).toBeInstanceOf(Period.PeriodParseError)
  })

  it("parse(format(p)) = p for every period", () => {
    fc.assert(
      fc.property(periodIn(1900, 9999), (p) => {
        expect(Period.parse(Period.format(p))).toEqual(Result.succeed(p))
      }),
      { numRuns: 1000 }
    )
  })

  it("parse never throws on any string, and accepts only canonical identifiers", () => {
    const identifierLike = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "Q", "S", "-", "N", "i", "e") }),
      fc
        .tuple(fc.string({ maxLength: 2 }), periodIn(1900, 9999), fc.string({ maxLength: 2 }))
        .map(([before, p, after]) => `${before}${Period.format(p)}${after}`)
    )
    fc.assert(
      fc.property(identifierLike, (s) => {
        const r = Period.parse(s)
        if (Result.isSuccess(r)) expect(Period.format(r.success)).toBe(s)
        else {
          expect(r.failure).toBeInstanceOf(Period.PeriodParseError)
          expect(r.failure.position).toBeGreaterThanOrEqual(0)
          expect(r.failure.position).toBeLessThanOrEqual(s.length)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it("decoding PeriodId and PeriodFromId never throws on arbitrary input", () => {
    const decodeId = Schema.decodeUnknownExit(Period.PeriodId)
    const decodePeriod = Schema.decodeUnknownExit(Period.PeriodFromId)
    fc.assert(
      fc.property(fc.oneof(fc.anything(), periodIn(1900, 9999).map(Period.format)), (input) => {
        const id = decodeId(input)
        const period = decodePeriod(input)
        expect(Exit.isSuccess(id)).toBe(Exit.isSuccess(period))
        if (Exit.isSuccess(id) && Exit.isSuccess(period)) {
          expect(typeof input).toBe("string")
          expect(Period.format(period.value)).toBe(input)
          expect(Period.fromId(id.value)).toEqual(period.value)
        }
      }),
      { numRuns: 1000 }
    )
  })

  it("PeriodId rejects identifiers that are not canonical and accepts canonical ones", () => {
    const decode = Schema.decodeUnknownExit(Period.PeriodId)
    expect(Exit.isSuccess(decode("2017Q3"))).toBe(true)
    expect(Exit.isFailure(decode("2017q3"))).toBe(true)
    expect(Exit.isFailure(decode(2017))).toBe(true)
    expect(Exit.isFailure(decode("2017-17"))).toBe(true)
  })
})

describe("Period.label", () => {
  it("names periods as Vietnamese documents do", () => {
    expect(Period.label(Period.month(2017, 6))).toBe("Tháng 6/2017")
    expect(Period.label(Period.quarter(2017, 1))).toBe("Quý I năm 2017")
    expect(Period.label(Period.quarter(2017, 3))).toBe("Quý III năm 2017")
    expect(Period.label(Period.quarter(2017, 4))).toBe("Quý IV năm 2017")
    expect(Period.label(Period.halfYear(2017, 1))).toBe("6 tháng đầu năm 2017")
    expect(Period.label(Period.halfYear(2017, 2))).toBe("6 tháng cuối năm 2017")
    expect(Period.label(Period.nineMonths(2017))).toBe("9 tháng năm 2017")
    expect(Period.label(Period.year(2017))).toBe("Năm 2017")
    expect(Period.label(Period.phase(2016, 2020))).toBe("Giai đoạn 2016-2020")
  })

  it("labels are NFC and tell periods apart", () => {
    fc.assert(
      fc.property(periodIn(1900, 2100), periodIn(1900, 2100), (p, q) => {
        const a = Period.label(p)
        expect(a.normalize("NFC")).toBe(a)
        expect(a === Period.label(q)).toBe(Period.format(p) === Period.format(q))
      }),
      { numRuns: 1000 }
    )
    // same kind and year, different position: the pairs most likely to collide
    expect(Period.label(Period.halfYear(2017, 1))).not.toBe(Period.label(Period.halfYear(2017, 2)))
    expect(Period.label(Period.quarter(2017, 2))).not.toBe(Period.label(Period.quarter(2017, 3)))
  })
})
