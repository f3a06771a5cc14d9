/**
 * Tables as CSV files, one per table, named by the table's id: the full headers, counts and shares
 * as plain numbers, dates as `YYYY-MM-DD` (what a program reading the file expects), written by
 * core's `Csv.format` (no cell a spreadsheet would run as a formula).
 *
 * @since 0.1.0
 */
import { Csv, type Document } from "@danvan/core"

/**
 * One table as a CSV file, its total row last.
 *
 * @category rendering
 * @since 0.1.0
 */
export const table = (t: Document.Table): string =>
  Csv.format(
    t.columns.map((c) => c.header),
    [...t.rows, ...(t.total === undefined ? [] : [t.total])]
  )

/**
 * Tables as CSV files by file name (`<id>.csv`).
 *
 * @category rendering
 * @since 0.1.0
 */
export const files = (tables: ReadonlyArray<Document.Table>): Readonly<Record<string, string>> =>
  Object.fromEntries(tables.map((t) => [`${t.id}.csv`, table(t)]))
