/**
 * Reporting periods and their identifiers.
 *
 * Identifiers follow DHIS2's period formats where DHIS2 has one, so data can be exchanged with the
 * most used open-source system for hierarchical public reporting:
 *
 * | kind | identifier | DHIS2 |
 * | --- | --- | --- |
 * | month | `201706` | yes (Monthly) |
 * | quarter | `2017Q3` | yes (Quarterly) |
 * | half-year | `2017S1` (first six months), `2017S2` | yes (SixMonthly) |
 * | nine months | `2017NineMonths` | no: DHIS2 names non-monthly periods with a word after the year (`2017April`, `2017BiW1`), so a word it does not use |
 * | year | `2017` | yes (Yearly) |
 * | phase | `2016-2020` | no: how Vietnamese documents write a phase ("giai đoạn 2016-2020") |
 *
 * A period is calendar-free: `2017S1` is "the first six months of 2017". Which days it covers
 * depends on the calendar a reporting regime uses (see `Calendar`).
 *
 * @since 0.1.0
 */
import { Result, Schema, SchemaTransformation } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"

const Year = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1900, maximum: 9999 })))

/**
 * @category schemas
 * @since 0.1.0
 */
export const Month = Schema.TaggedStruct("Month", {
  year: Year,
  month: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 12 })))
})
/**
 * @category models
 * @since 0.1.0
 */
export type Month = typeof Month.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const Quarter = Schema.TaggedStruct("Quarter", {
  year: Year,
  quarter: Schema.Literals([1, 2, 3, 4])
})
/**
 * @category models
 * @since 0.1.0
 */
export type Quarter = typeof Quarter.Type

/**
 * Six months: `half` 1 is "6 tháng đầu năm", 2 is "6 tháng cuối năm".
 *
 * @category schemas
 * @since 0.1.0
 */
export const HalfYear = Schema.TaggedStruct("HalfYear", {
  year: Year,
  half: Schema.Literals([1, 2])
})
/**
 * @category models
 * @since 0.1.0
 */
export type HalfYear = typeof HalfYear.Type

/**
 * The first nine months of a year ("9 tháng"), a cumulative report under Decree 09/2019/NĐ-CP.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NineMonths = Schema.TaggedStruct("NineMonths", { year: Year })
/**
 * @category models
 * @since 0.1.0
 */
export type NineMonths = typeof NineMonths.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const Year_ = Schema.TaggedStruct("Year", { year: Year })
/**
 * @category models
 * @since 0.1.0
 */
export type Year = typeof Year_.Type

/**
 * A multi-year phase (giai đoạn) such as 2016–2020, the unit of DVK model registration.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Phase = Schema.TaggedStruct("Phase", { startYear: Year, endYear: Year }).pipe(
  Schema.check(
    Schema.makeFilter((p: { readonly startYear: number; readonly endYear: number }) =>
      p.endYear > p.startYear ? undefined : "a phase ends in a later year than it starts"
    )
  )
)
/**
 * @category models
 * @since 0.1.0
 */
export type Phase = typeof Phase.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const Period = Schema.Union([Month, Quarter, HalfYear, NineMonths, Year_, Phase])
/**
 * @category models
 * @since 0.1.0
 */
export type Period = typeof Period.Type

/**
 * @category models
 * @since 0.1.0
 */
export type PeriodKind = Period["_tag"]

/**
 * @category constants
 * @since 0.1.0
 */
export const kinds: ReadonlyArray<PeriodKind> = [
  "Month",
  "Quarter",
  "HalfYear",
  "NineMonths",
  "Year",
  "Phase"
]

/**
 * A period identifier could not be read. `position` is the index of the first character that
 * does not fit.
 *
 * @category errors
 * @since 0.1.0
 */
export class PeriodParseError extends DanvanError.TaggedError<PeriodParseError>()("PeriodParseError", {
  input: Schema.String,
  position: Schema.Int,
  reason: Schema.String
}) {
  override get message(): string {
    return `cannot read period ${JSON.stringify(this.input)} at position ${this.position}: ${this.reason}`
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0")

/**
 * The identifier of a period.
 *
 * @category formatting
 * @since 0.1.0
 */
export const format = (p: Period): string => {
  switch (p._tag) {
    case "Month":
      return `${pad(p.year, 4)}${pad(p.month, 2)}`
    case "Quarter":
      return `${pad(p.year, 4)}Q${p.quarter}`
    case "HalfYear":
      return `${pad(p.year, 4)}S${p.half}`
    case "NineMonths":
      return `${pad(p.year, 4)}NineMonths`
    case "Year":
      return pad(p.year, 4)
    case "Phase":
      return `${pad(p.startYear, 4)}-${pad(p.endYear, 4)}`
  }
}

const fail = (input: string, position: number, reason: string) =>
  Result.fail(new PeriodParseError({ input, position, reason }))

/**
 * Reads a period identifier, the inverse of {@link format}: `parse(format(p))` is `p`
 * ([rules: Periods and calendars](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#periods-and-calendars-law-1)). Never throws: an unreadable identifier is a `PeriodParseError` naming the position and
 * the reason.
 *
 * @example
 * ```ts
 * import { Period } from "@danvan/core"
 * import { Result } from "effect"
 *
 * const half = Period.parse("2017S1")
 * if (Result.isSuccess(half)) {
 *   console.log(half.success) // { _tag: "HalfYear", year: 2017, half: 1 }
 *   console.log(Period.label(half.success)) // 6 tháng đầu năm 2017
 * }
 * const wrong = Period.parse("2017S3")
 * if (Result.isFailure(wrong)) console.log(wrong.failure.message) // cannot read period "2017S3" at position 5: …
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (input: string): Result.Result<Period, PeriodParseError> => {
  if (!/^\d{4}/.test(input)) return fail(input, 0, "a period identifier starts with a four-digit year")
  const year = Number(input.slice(0, 4))
  if (year < 1900) return fail(input, 0, "years before 1900 are not supported")
  const rest = input.slice(4)
  if (rest === "") return Result.succeed({ _tag: "Year", year })
  if (/^\d{2}$/.test(rest)) {
    const month = Number(rest)
    return month >= 1 && month <= 12
      ? Result.succeed({ _tag: "Month", year, month })
      : fail(input, 4, "a month is 01 to 12")
  }
  if (rest[0] === "Q") {
    return /^Q[1-4]$/.test(rest)
      ? Result.succeed({ _tag: "Quarter", year, quarter: Number(rest[1]) as 1 | 2 | 3 | 4 })
      : fail(input, 5, "a quarter is Q1 to Q4")
  }
  if (rest[0] === "S") {
    return /^S[12]$/.test(rest)
      ? Result.succeed({ _tag: "HalfYear", year, half: Number(rest[1]) as 1 | 2 })
      : fail(input, 5, "a half-year is S1 (first six months) or S2 (last six months)")
  }
  if (rest === "NineMonths") return Result.succeed({ _tag: "NineMonths", year })
  if (rest[0] === "-") {
    if (!/^-\d{4}$/.test(rest)) return fail(input, 5, "a phase is written YYYY-YYYY")
    const endYear = Number(rest.slice(1))
    return endYear > year
      ? Result.succeed({ _tag: "Phase", startYear: year, endYear })
      : fail(input, 5, "a phase ends in a later year than it starts")
  }
  return fail(
    input,
    4,
    "after the year comes nothing (year), two digits (month), Q1-Q4, S1-S2, NineMonths or -YYYY (phase)"
  )
}

/**
 * The canonical identifier of a period, as stored and exchanged (`2017S1`). Decoding checks that
 * it reads as a period and is written canonically.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PeriodId = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => {
      const r = parse(s)
      if (Result.isFailure(r)) return r.failure.message
      return format(r.success) === s ? undefined : `not written canonically (expected ${format(r.success)})`
    })
  ),
  Schema.brand("PeriodId")
)
/**
 * @category models
 * @since 0.1.0
 */
export type PeriodId = typeof PeriodId.Type

/**
 * The identifier of a period, branded.
 *
 * @category conversions
 * @since 0.1.0
 */
export const id = (p: Period): PeriodId => format(p) as PeriodId

/**
 * The period an identifier names; the identifier is valid by its brand.
 *
 * @category conversions
 * @since 0.1.0
 */
export const fromId = (periodId: PeriodId): Period => Result.getOrThrow(parse(periodId))

/**
 * Decodes an identifier string into a {@link Period}, and encodes back to the identifier.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PeriodFromId = PeriodId.pipe(
  Schema.decodeTo(
    Schema.toType(Period),
    SchemaTransformation.transform({ decode: (s: PeriodId) => fromId(s), encode: (p: Period) => id(p) })
  )
)

/**
 * A phase from its first and last year (`phase(2016, 2020)` is `2016-2020`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const phase = (startYear: number, endYear: number): Phase => ({ _tag: "Phase", startYear, endYear })

/**
 * @category constructors
 * @since 0.1.0
 */
export const month = (year: number, m: number): Month => ({ _tag: "Month", year, month: m })

/**
 * @category constructors
 * @since 0.1.0
 */
export const quarter = (year: number, q: 1 | 2 | 3 | 4): Quarter => ({ _tag: "Quarter", year, quarter: q })

/**
 * @category constructors
 * @since 0.1.0
 */
export const halfYear = (year: number, half: 1 | 2): HalfYear => ({ _tag: "HalfYear", year, half })

/**
 * @category constructors
 * @since 0.1.0
 */
export const nineMonths = (year: number): NineMonths => ({ _tag: "NineMonths", year })

/**
 * @category constructors
 * @since 0.1.0
 */
export const year = (y: number): Year => ({ _tag: "Year", year: y })

/**
 * The periods of one kind (`OfKind<"Quarter">` is {@link Quarter}).
 *
 * @category models
 * @since 0.1.0
 */
export type OfKind<K extends PeriodKind> = Extract<Period, { readonly _tag: K }>

const roman = ["I", "II", "III", "IV"] as const

/**
 * How Vietnamese reports and documents name a period: "Tháng 6/2017", "Quý III năm 2017",
 * "6 tháng đầu năm 2017", "6 tháng cuối năm 2017", "9 tháng năm 2017", "Năm 2017",
 * "Giai đoạn 2016-2020" (the forms of the 2017 conference report and of Plan 20-KH/TU). A label
 * names the period only: the days it covers depend on the calendar (see `Calendar.window`).
 * The text is NFC.
 *
 * @category formatting
 * @since 0.1.0
 */
export const label = (p: Period): string => {
  switch (p._tag) {
    case "Month":
      return `Tháng ${p.month}/${p.year}`
    case "Quarter":
      return `Quý ${roman[p.quarter - 1]} năm ${p.year}`
    case "HalfYear":
      return `6 tháng ${p.half === 1 ? "đầu" : "cuối"} năm ${p.year}`
    case "NineMonths":
      return `9 tháng năm ${p.year}`
    case "Year":
      return `Năm ${p.year}`
    case "Phase":
      return `Giai đoạn ${p.startYear}-${p.endYear}`
  }
}
