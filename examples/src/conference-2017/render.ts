/**
 * The six-month report in Vietnamese, rendered by `@danvan/office` from the library's document
 * (`SixMonthReport.document`) and tables (`SixMonthReport.tables`): plain text for the terminal,
 * Markdown, and CSV tables (UTF-8 with a byte-order mark, no cell a spreadsheet would run).
 */
import { SixMonthReport } from "@danvan/core"
import { CsvTables, Text, WordDocument, Workbook } from "@danvan/office"

/** The report as plain text for a terminal. */
export const toText = (r: SixMonthReport.SixMonthReport): string => Text.plain(SixMonthReport.document(r))

/** The report as Markdown. */
export const toMarkdown = (r: SixMonthReport.SixMonthReport): string =>
  Text.markdown(SixMonthReport.document(r))

/** The report's tables as CSV files, by file name. */
export const toCsv = (r: SixMonthReport.SixMonthReport): Readonly<Record<string, string>> =>
  CsvTables.files(SixMonthReport.tables(r))

/**
 * The letterhead of the report as the province's steering committee for QCDC would issue it. The
 * number and the recipients are illustrative (the article gives neither); the signer is the head
 * of the committee on the report date.
 */
export const letterhead = (r: SixMonthReport.SixMonthReport): WordDocument.Letterhead => {
  const head = r.committees[0]?.members.find((m) => m.post === "Trưởng ban")
  return {
    parentBody: "Tỉnh ủy Ninh Bình",
    body: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
    number: "35/BC-BCĐ",
    place: "Ninh Bình",
    signer: { capacity: "TM.", authority: "Ban Chỉ đạo", title: "Trưởng ban", name: head?.name ?? "" },
    recipients: [
      "Ban Dân vận Trung ương (b/c)",
      "Thường trực Tỉnh ủy (b/c)",
      "Các thành viên Ban Chỉ đạo",
      "Các huyện ủy, thành ủy",
      "Ban Dân vận các huyện ủy, thành ủy"
    ],
    archive: "VT, BDV"
  }
}

/** The report as a Word document in the format of Decree 30/2020/NĐ-CP. */
export const toDocx = (r: SixMonthReport.SixMonthReport) => WordDocument.sixMonthReport(r, letterhead(r))

/** The report's tables as an Excel workbook, one sheet per table. */
export const toXlsx = (r: SixMonthReport.SixMonthReport) => Workbook.sixMonthReport(r)
