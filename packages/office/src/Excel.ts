/**
 * What every workbook danvan writes shares: the number formats that show figures the Vietnamese
 * way whatever the reader's locale, the header style, column widths, the error a failed write or
 * read becomes. Internal to the package.
 *
 * Excel takes the thousands and decimal signs of `#,##0` from the computer's locale, so a count
 * written with it reads `1,952` on an English system: a Vietnamese reader takes that for a decimal.
 * Counts therefore use a format whose dots are literal characters, in three sections by size
 * (`[>=1000000]0\.000\.000;[>=1000]0\.000;0`), which every spreadsheet shows as `1.952` on every
 * system. A share keeps a real decimal sign (no literal can place one), tagged with the Vietnamese
 * locale (`[$-42A]`), so LibreOffice and a Vietnamese Excel show `37,0%`.
 */

import { DanvanError, Text } from "@danvan/core"
import { Effect, Schema } from "effect"
import type ExcelJS from "exceljs"

/**
 * Counts: `1.952`, `12.345.678`, with literal dots.
 *
 * @category constants
 * @since 0.1.0
 */
export const countFormat = "[>=1000000]0\\.000\\.000;[>=1000]0\\.000;0"

/**
 * Shares: `37,0%` in the Vietnamese locale.
 *
 * @category constants
 * @since 0.1.0
 */
export const shareFormat = "[$-42A]0.0%"

/**
 * Dates: `14/07/2017`.
 *
 * @category constants
 * @since 0.1.0
 */
export const dateFormat = "dd/mm/yyyy"

/**
 * The font of every cell: Times New Roman, as the documents it sits beside.
 *
 * @category constants
 * @since 0.1.0
 */
export const font = { name: "Times New Roman", size: 12 } as const

/**
 * @category constants
 * @since 0.1.0
 */
export const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" }
}

/**
 * A header cell: bold, centred, wrapped, shaded, bordered.
 *
 * @category rendering
 * @since 0.1.0
 */
export const styleHeader = (cell: ExcelJS.Cell) => {
  cell.font = { ...font, bold: true }
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true }
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } }
  cell.border = thin
}

/**
 * A calendar date as the spreadsheet's date (midnight UTC, which a spreadsheet shows as that day).
 *
 * @category conversions
 * @since 0.1.0
 */
export const dateValue = (date: string): Date => new Date(`${date}T00:00:00.000Z`)

/**
 * A column's width in characters, from the longest text it holds, within reason.
 *
 * @category math
 * @since 0.1.0
 */
export const widthFor = (texts: ReadonlyArray<string>, min = 6, max = 60): number =>
  Math.min(max, Math.max(min, ...texts.map((t) => Math.max(...t.split("\n").map((l) => [...l].length)) + 2)))

/**
 * `A`, `B`, …, `Z`, `AA`, … for a 1-based column number.
 *
 * @category formatting
 * @since 0.1.0
 */
export const columnLetter = (column: number): string => {
  let n = column
  let out = ""
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/**
 * A sheet name made safe: without `[]:*?/\`, at most 31 characters (Excel's limits), and distinct
 * from the names already taken.
 *
 * @category formatting
 * @since 0.1.0
 */
export const sheetName = (wanted: string, taken: ReadonlySet<string>): string => {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/gu, " ")
      .trim()
      .slice(0, 31) || "Sheet"
  if (!taken.has(clean.toLowerCase())) return clean
  for (let i = 2; ; i++) {
    const candidate = `${clean.slice(0, 31 - ` (${i})`.length)} (${i})`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
}

/**
 * An office file could not be written or read (a defect of the writer, or a file that is not a
 * workbook or document at all). `operation` says which.
 *
 * @category errors
 * @since 0.1.0
 */
export class OfficeError extends DanvanError.TaggedError<OfficeError>()("OfficeError", {
  operation: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: ${this.detail}`
  }
}

/**
 * Runs a promise of the writer or reader, turning a rejection into an {@link OfficeError}.
 *
 * @category combinators
 * @since 0.1.0
 */
export const attempt = <A>(operation: string, f: () => Promise<A>): Effect.Effect<A, OfficeError> =>
  Effect.tryPromise({
    try: f,
    catch: (e) => new OfficeError({ operation, detail: Text.describeThrown(e) })
  })

/**
 * A workbook's bytes.
 *
 * @category conversions
 * @since 0.1.0
 */
export const toBytes = (workbook: ExcelJS.Workbook): Effect.Effect<Uint8Array, OfficeError> =>
  attempt("writing the workbook", async () => new Uint8Array(await workbook.xlsx.writeBuffer()))

let exceljs: Promise<typeof ExcelJS> | undefined

/**
 * A new workbook with danvan as its creator. exceljs is loaded on first use (it takes most of a
 * second to load), so an app that imports the package for CSV, text or SVG does not pay for it.
 *
 * @category constructors
 * @since 0.1.0
 */
export const newWorkbook = (title: string): Effect.Effect<ExcelJS.Workbook, OfficeError> =>
  Effect.map(
    attempt("loading exceljs", () => {
      exceljs ??= import("exceljs").then((m) => m.default)
      return exceljs
    }),
    (excel) => {
      const workbook = new excel.Workbook()
      workbook.creator = "danvan"
      workbook.title = title
      workbook.created = new Date(0)
      workbook.modified = new Date(0)
      return workbook
    }
  )
