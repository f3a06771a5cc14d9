/**
 * CSV files that a spreadsheet opens safely: RFC 4180 (comma-separated, fields with a comma, quote
 * or line break quoted, quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so Excel
 * reads the Vietnamese letters, and no cell that a spreadsheet would run as a formula.
 *
 * Excel, LibreOffice and Google Sheets treat a cell that begins with `=`, `+`, `-` or `@` as a
 * formula, and some also after a leading tab or carriage return: a unit name such as
 * `=HYPERLINK(…)` typed into a form would run when an officer opens the export ("CSV injection",
 * OWASP). {@link cell} neutralises such a text cell by prefixing an apostrophe, which the
 * spreadsheet shows as text and hides; numbers are written as numbers (a negative number stays a
 * number). Every CSV writer in danvan goes through {@link format}.
 *
 * @since 0.1.0
 */

/**
 * A CSV cell: text, a number, or empty.
 *
 * @category models
 * @since 0.1.0
 */
export type Cell = string | number | null | undefined

/**
 * The characters that make a spreadsheet read a text cell as a formula when they begin it.
 *
 * @category constants
 * @since 0.1.0
 */
export const formulaTriggers: ReadonlyArray<string> = ["=", "+", "-", "@", "\t", "\r"]

/**
 * A text cell made safe to open: prefixed with `'` when it begins with a formula trigger
 * ({@link formulaTriggers}), unchanged otherwise.
 *
 * @category formatting
 * @since 0.1.0
 */
export const neutralise = (text: string): string =>
  text.length > 0 && formulaTriggers.includes(text[0]!) ? `'${text}` : text

const quote = (field: string) => (/[",\r\n]/u.test(field) ? `"${field.replaceAll('"', '""')}"` : field)

/**
 * One cell as CSV: a finite number as it is, text neutralised ({@link neutralise}) and quoted when
 * it holds a comma, a quote or a line break, empty for `null` or `undefined`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const cell = (value: Cell): string => {
  if (value === null || value === undefined) return ""
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : ""
  return quote(neutralise(value))
}

/**
 * A CSV file: a header row and the rows, with a UTF-8 byte-order mark and CRLF line ends.
 *
 * @category formatting
 * @since 0.1.0
 */
export const format = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>): string =>
  `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`
