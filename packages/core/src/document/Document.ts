/**
 * A document as content, before any file format: a title, then blocks (headings, paragraphs,
 * lists, tables, charts). A report is assembled once into this shape, and each output renders it:
 * the terminal text and Markdown, CSV files, Excel workbooks and Word documents
 * (`@danvan/office`). Tables carry typed cells (counts, shares, dates, text), so a spreadsheet
 * gets numbers and dates it can compute with while text shows them the Vietnamese way.
 *
 * Numbers as Vietnamese documents write them (TCVN 6909 text, the decimal comma and the thousands
 * dot of Decree 30/2020/NĐ-CP's examples and every provincial report): `1.952`, `37,0%`; dates as
 * `dd/mm/yyyy`.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "../kernel/CalendarDate.ts"

/**
 * What a column holds:
 * - `text`: words (a code such as a statistics code is text: it is not summed);
 * - `count`: a whole number, summed in a total row;
 * - `share`: a fraction of 1 (0.37 is 37 %);
 * - `date`: a `CalendarDate` (`YYYY-MM-DD`).
 *
 * @category models
 * @since 0.1.0
 */
export type ColumnKind = "text" | "count" | "share" | "date"

/**
 * @category models
 * @since 0.1.0
 */
export interface Column {
  /** The full header, as a spreadsheet or a CSV file shows it. */
  readonly header: string
  /** A narrower header for the terminal, Markdown and a page's table; the full one by default. */
  readonly short?: string
  readonly kind: ColumnKind
}

/**
 * A cell: text, a number (count or share), a date string, or empty.
 *
 * @category models
 * @since 0.1.0
 */
export type Value = string | number | null

/**
 * A table. `total` is its total row, whose count cells are the sums of the rows' (a spreadsheet
 * writes them as formulas over the rows); text cells of the total row are labels.
 *
 * @category models
 * @since 0.1.0
 */
export interface Table {
  /** A stable name for files (`mo-hinh-theo-don-vi`): lowercase ASCII, digits and hyphens. */
  readonly id: string
  /** The title, in Vietnamese. */
  readonly title: string
  /** A spreadsheet sheet's name: at most 31 characters, none of `[]:*?/\`. */
  readonly sheetName: string
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<ReadonlyArray<Value>>
  readonly total?: ReadonlyArray<Value>
  /** A line under the table (the source of the figures, say). */
  readonly note?: string
}

/**
 * A chart, drawn where a person would rather look than read. Each series has one value per
 * category; `stacked` draws the series of a category on top of each other.
 *
 * @category models
 * @since 0.1.0
 */
export interface Chart {
  readonly id: string
  readonly title: string
  /** What the values count, for the value axis ("Số mô hình"). */
  readonly valueTitle: string
  readonly categories: ReadonlyArray<string>
  /** Each series' values, one per category, and its colour (6-digit hex) where it has a meaning. */
  readonly series: ReadonlyArray<{
    readonly name: string
    readonly values: ReadonlyArray<number>
    readonly color?: string
  }>
  readonly stacked: boolean
}

/**
 * The blocks of a document's body:
 * - `heading`: a numbered section (`I. …`), `subheading`: a numbered item within one (`1. …`);
 * - `paragraph`; `list`: items, numbered or dashed;
 * - `table`, `chart`.
 *
 * @category models
 * @since 0.1.0
 */
export type Block =
  | { readonly _tag: "heading"; readonly text: string }
  | { readonly _tag: "subheading"; readonly text: string }
  | { readonly _tag: "paragraph"; readonly text: string }
  | { readonly _tag: "list"; readonly items: ReadonlyArray<string>; readonly numbered?: boolean }
  | { readonly _tag: "table"; readonly table: Table }
  | { readonly _tag: "chart"; readonly chart: Chart }

/**
 * A document: its kind (`Báo cáo`), its title as a heading reads (`BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM
 * 2017`), its summary line (trích yếu) and its body.
 *
 * @category models
 * @since 0.1.0
 */
export interface Document {
  readonly kind: string
  readonly title: string
  readonly summary: string
  readonly blocks: ReadonlyArray<Block>
}

// ---------------------------------------------------------------------------------------------
// Vietnamese formatting
// ---------------------------------------------------------------------------------------------

const counts = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 })
const shares = new Intl.NumberFormat("vi-VN", {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1
})

/**
 * A count the Vietnamese way: `1.952`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatCount = (n: number): string => counts.format(n)

/**
 * A share as a percentage with one decimal, the Vietnamese way: `37,0%` (no space before the sign,
 * as the 2017 conference's tables write it).
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatShare = (fraction: number): string => shares.format(fraction).replace(/\s/gu, "")

/**
 * A date as `dd/mm/yyyy`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatDate = (date: string): string =>
  CalendarDate.formatVietnamese(CalendarDate.unsafeFromString(date))

/**
 * A cell as text, by its column's kind: counts and shares the Vietnamese way, dates `dd/mm/yyyy`,
 * empty for `null`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const formatValue = (kind: ColumnKind, value: Value): string => {
  if (value === null) return ""
  if (typeof value === "string") return kind === "date" ? formatDate(value) : value
  switch (kind) {
    case "share":
      return formatShare(value)
    case "count":
      return formatCount(value)
    default:
      return String(value)
  }
}

/**
 * The header a narrow rendering shows.
 *
 * @category formatting
 * @since 0.1.0
 */
export const shortHeader = (column: Column): string => column.short ?? column.header

/**
 * The share of `part` in `whole`, or `null` when the whole is 0 (a share of nothing is not 0 %).
 *
 * @category math
 * @since 0.1.0
 */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
