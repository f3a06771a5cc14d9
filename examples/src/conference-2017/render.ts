/**
 * The six-month report in Vietnamese, rendered by `@danvan/office` from the library's document
 * (`SixMonthReport.document`) and tables (`SixMonthReport.tables`): plain text for the terminal,
 * Markdown, CSV tables (UTF-8 with a byte-order mark, no cell a spreadsheet would run), a Word
 * document in the format of Decree 30/2020/NĐ-CP, an Excel workbook, and a district's report form
 * filled with its stored report and read back.
 */
import {
  DirectiveRepository,
  Figures,
  Ids,
  type Period,
  Report,
  ReportRepository,
  SixMonthReport,
  type StoreError
} from "@danvan/core"
import { CsvTables, ReportForm, Text, WordDocument, Workbook } from "@danvan/office"
import { Effect, Option, Schema } from "effect"
import { annualPeriodId, conclusionId } from "./taskFollowUp.ts"

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

/** The district whose report form the example writes and reads back (Huyện Kim Sơn). */
export const sampleDistrictCode = "376"

/** A report form's spec and the content to fill it with. */
export interface FormSample {
  readonly spec: ReportForm.FormSpec
  readonly content: Report.ReportContent
}

/** The stored report of the sample district for the period, with what its form needs. */
export const sampleReport = (
  r: SixMonthReport.SixMonthReport
): Effect.Effect<FormSample, StoreError.StoreFailure, ReportRepository> =>
  Effect.gen(function* () {
    const line = r.units.find((u) => u.code === sampleDistrictCode)
    if (line === undefined) return yield* Effect.die(new Error(`no unit ${sampleDistrictCode} in the report`))
    const reports = yield* ReportRepository
    const found = yield* reports.find(
      Ids.UnitId.make(line.unitId),
      r.periodId as Period.PeriodId,
      r.programme
    )
    const report = Option.getOrUndefined(found)
    if (report === undefined) return yield* Effect.die(new Error(`no report of ${line.name}`))
    const spec: ReportForm.FormSpec = {
      unit: { id: line.unitId, name: line.name, code: line.code },
      programme: r.programme,
      periodId: r.periodId as Period.PeriodId,
      fields: r.fields
    }
    return { spec, content: report.content }
  })

/**
 * The sample district's 2017 annual report, whose form has a sheet of the conclusion's five tasks
 * (`ReportForm.formTasks`): each with the status and note the district reported, a task it left
 * out of its report (Kim Sơn's task 3) empty.
 */
export const annualSample = (
  r: SixMonthReport.SixMonthReport
): Effect.Effect<
  FormSample,
  StoreError.StoreFailure | StoreError.NotFound,
  ReportRepository | DirectiveRepository
> =>
  Effect.gen(function* () {
    const line = r.units.find((u) => u.code === sampleDistrictCode)
    if (line === undefined) return yield* Effect.die(new Error(`no unit ${sampleDistrictCode} in the report`))
    const found = yield* (yield* ReportRepository).find(
      Ids.UnitId.make(line.unitId),
      annualPeriodId as Period.PeriodId,
      r.programme
    )
    const report = Option.getOrUndefined(found)
    if (report === undefined) return yield* Effect.die(new Error(`no annual report of ${line.name}`))
    const conclusion = yield* (yield* DirectiveRepository).get(Ids.DirectiveId.make(conclusionId))
    const spec: ReportForm.FormSpec = {
      unit: { id: line.unitId, name: line.name, code: line.code },
      programme: r.programme,
      periodId: annualPeriodId as Period.PeriodId,
      fields: r.fields,
      tasks: ReportForm.formTasks([conclusion])
    }
    return { spec, content: report.content }
  })

/**
 * A district's report form filled with its stored report, read back: the content read must be the
 * content written (the form round trip), or the example fails.
 */
export const formRoundTrip = (sample: FormSample) =>
  Effect.gen(function* () {
    const bytes = yield* ReportForm.template(sample.spec, sample.content)
    const back = yield* ReportForm.read(bytes, sample.spec)
    const encode = Schema.encodeSync(Report.ReportContent)
    if (JSON.stringify(encode(back)) !== JSON.stringify(encode(sample.content))) {
      return yield* Effect.die(
        new Error("the report form did not read back as the report it was filled with")
      )
    }
    const tasks = sample.spec.tasks ?? []
    return {
      fileName: `bieu-mau-bao-cao-${sample.spec.unit.code ?? sample.spec.unit.id}${tasks.length === 0 ? "" : `-${sample.spec.periodId}`}.xlsx`,
      bytes,
      summary: `report form of ${sample.spec.unit.name}${tasks.length === 0 ? "" : ` for ${sample.spec.periodId}`} filled and read back: ${Figures.flatten(back.figures).models ?? 0} models${tasks.length === 0 ? "" : `, ${back.taskProgress.length} of ${tasks.length} tasks followed up`}, the same content`
    }
  })
