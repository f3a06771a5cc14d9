/**
 * The six-month report in Vietnamese, rendered by `@danvan/office` from the library's document
 * (`SixMonthReport.document`) and tables (`SixMonthReport.tables`): plain text for the terminal,
 * Markdown, and CSV tables (UTF-8 with a byte-order mark, no cell a spreadsheet would run).
 */
import { SixMonthReport } from "@danvan/core"
import { CsvTables, Text } from "@danvan/office"

/** The report as plain text for a terminal. */
export const toText = (r: SixMonthReport.SixMonthReport): string => Text.plain(SixMonthReport.document(r))

/** The report as Markdown. */
export const toMarkdown = (r: SixMonthReport.SixMonthReport): string =>
  Text.markdown(SixMonthReport.document(r))

/** The report's tables as CSV files, by file name. */
export const toCsv = (r: SixMonthReport.SixMonthReport): Readonly<Record<string, string>> =>
  CsvTables.files(SixMonthReport.tables(r))
