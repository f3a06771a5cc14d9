/**
 * `@danvan/office`: the documents provincial and district offices exchange, from danvan's
 * records: Excel workbooks of the consolidation, the models and the completeness of reporting
 * (`Workbook`); report forms for one unit and period, filled in Excel and imported back into a
 * report's content with every problem named by its cell (`ReportForm`); the six-month report as a
 * Word document in the format of Decree 30/2020/NĐ-CP (`WordDocument`); charts as SVG
 * (`ChartSvg`); and CSV, Markdown and plain text (`CsvTables`, `Text`).
 *
 * @since 0.1.0
 */
export * as ChartSvg from "./ChartSvg.ts"
export * as CsvTables from "./CsvTables.ts"
export { OfficeError } from "./Excel.ts"
export * as LibreOffice from "./LibreOffice.ts"
export * as ReportForm from "./ReportForm.ts"
export * as Text from "./Text.ts"
export * as WordDocument from "./WordDocument.ts"
export * as Workbook from "./Workbook.ts"
