/**
 * Tables as an Excel workbook (`.xlsx`), one sheet per table: a title row, a note, a frozen header
 * row (and the code and name columns frozen where a table is wide), column widths that fit, counts
 * and shares as numbers shown the Vietnamese way (`1.952`, `37,0%`), dates as dates, the total row
 * as `SUM` formulas over the rows (with their values stored, so a reader that does not compute
 * formulas still shows them), A4 landscape print setup repeating the header.
 *
 * The six-month report's workbook is {@link sixMonthReport}: the consolidation (every indicator by
 * unit, the totals), models by field, models by field and unit, completeness and timeliness, the
 * committees, directives and tasks, the models of the phase. A table added to
 * `SixMonthReport.tables` (the follow-up of tasks, say) becomes one more sheet without a change
 * here.
 *
 * @since 0.1.0
 */
import { type Document, SixMonthReport } from "@danvan/core"
import { Effect } from "effect"
import type ExcelJS from "exceljs"
import {
  columnLetter,
  countFormat,
  dateFormat,
  dateValue,
  font,
  newWorkbook,
  type OfficeError,
  shareFormat,
  sheetName,
  styleHeader,
  thin,
  toBytes,
  widthFor
} from "./Excel.ts"

/**
 * The row of a sheet's header (title on 1, note on 2).
 *
 * @category constants
 * @since 0.1.0
 */
export const headerRow = 3

const numberFormat = (kind: Document.ColumnKind): string | undefined =>
  kind === "count" ? countFormat : kind === "share" ? shareFormat : kind === "date" ? dateFormat : undefined

const cellValue = (kind: Document.ColumnKind, value: Document.Value): ExcelJS.CellValue => {
  if (value === null) return null
  if (kind === "date" && typeof value === "string") return dateValue(value)
  return value
}

const addTable = (workbook: ExcelJS.Workbook, table: Document.Table, name: string) => {
  const columns = table.columns
  const wide = columns.length > 6 && columns[0]?.kind === "text" && columns[1]?.kind === "text"
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: wide ? 2 : 0, ySplit: headerRow }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`
    }
  })
  const last = columnLetter(columns.length)
  sheet.mergeCells(`A1:${last}1`)
  const title = sheet.getCell("A1")
  title.value = table.title
  title.font = { ...font, size: 13, bold: true }
  if (table.note !== undefined) {
    sheet.mergeCells(`A2:${last}2`)
    const note = sheet.getCell("A2")
    note.value = table.note
    note.font = { ...font, italic: true }
  }
  const header = sheet.getRow(headerRow)
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    styleHeader(cell)
  })
  const first = headerRow + 1
  const bodyRows = table.rows.length
  const write = (rowNumber: number, values: ReadonlyArray<Document.Value>, isTotal: boolean) => {
    const row = sheet.getRow(rowNumber)
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      const value = values[i] ?? null
      if (isTotal && c.kind === "count" && typeof value === "number" && bodyRows > 0) {
        const letter = columnLetter(i + 1)
        cell.value = { formula: `SUM(${letter}${first}:${letter}${first + bodyRows - 1})`, result: value }
      } else {
        cell.value = cellValue(c.kind, value)
      }
      const format = numberFormat(c.kind)
      if (format !== undefined) cell.numFmt = format
      cell.font = { ...font, bold: isTotal }
      cell.border = thin
      cell.alignment = { vertical: "top", wrapText: c.kind === "text" }
    })
  }
  for (const [i, r] of table.rows.entries()) write(first + i, r, false)
  if (table.total !== undefined) write(first + bodyRows, table.total, true)
  columns.forEach((c, i) => {
    const texts = [
      c.header.length > 24 ? c.header.slice(0, 24) : c.header,
      ...[...table.rows, ...(table.total === undefined ? [] : [table.total])].map((r) => {
        const v = r[i] ?? null
        return v === null ? "" : c.kind === "date" ? "00/00/0000" : c.kind === "count" ? `${v}xx` : String(v)
      })
    ]
    sheet.getColumn(i + 1).width = widthFor(texts, 6, c.kind === "text" ? 50 : 16)
  })
}

/**
 * A workbook with one sheet per table, in order (sheet names from `Table.sheetName`, made unique).
 *
 * @category rendering
 * @since 0.1.0
 */
export const fromTables = (
  tables: ReadonlyArray<Document.Table>,
  title = "danvan"
): Effect.Effect<Uint8Array, OfficeError> =>
  Effect.flatMap(newWorkbook(title), (workbook) => {
    const taken = new Set<string>()
    for (const table of tables) {
      const name = sheetName(table.sheetName, taken)
      taken.add(name.toLowerCase())
      addTable(workbook, table, name)
    }
    return toBytes(workbook)
  })

/**
 * The six-month report's workbook: `SixMonthReport.tables`, one sheet each, with the follow-up of
 * tasks among the units below when given (per task: done, in progress, not started, not reported).
 *
 * @category rendering
 * @since 0.1.0
 */
export const sixMonthReport = (
  report: SixMonthReport.SixMonthReport,
  options?: {
    /**
     * Follow-ups of directives' tasks among the units below (`TaskFollowUps.taskFollowUp`'s `tasks`
     * with the directive's number and the units' names): a sheet each, after the report's own.
     */
    readonly taskFollowUp?:
      | SixMonthReport.TaskFollowUpSection
      | ReadonlyArray<SixMonthReport.TaskFollowUpSection>
  }
): Effect.Effect<Uint8Array, OfficeError> => {
  const given = options?.taskFollowUp
  const sections = given === undefined ? [] : "directiveNumber" in given ? [given] : given
  return fromTables(
    SixMonthReport.tables(
      sections.length === 0
        ? report
        : { ...report, taskFollowUps: [...(report.taskFollowUps ?? []), ...sections] }
    ),
    `Báo cáo sơ kết ${report.periodLabel} — ${report.unitName}`
  )
}
