/**
 * The flagship example as a function: seed the store with Ninh Bình of 2017, read the province's
 * six-month report back, render it, and write the files. `main.ts` calls it from the command line;
 * the tests call it in-process against every store.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import type { SixMonthReport } from "@danvan/core"
import {
  AuditLog,
  CommitteeRepository,
  DirectiveRepository,
  ModelRepository,
  Page,
  ReportRepository,
  type Store,
  type StoreError,
  UnitRepository
} from "@danvan/core"
import { Effect, Layer } from "effect"
import { unitsThreeTier } from "../shared/paths.ts"
import { type Progress, stderr, step } from "../shared/progress.ts"
import {
  annualSample,
  formRoundTrip,
  sampleReport,
  toCsv,
  toDocx,
  toMarkdown,
  toText,
  toXlsx
} from "./render.ts"
import { seed } from "./seed.ts"
import { sixMonthReport } from "./sixMonthReport.ts"
import { type FollowUpLine, followUp2017, followUpText, seedAnnualReports } from "./taskFollowUp.ts"
import * as NinhBinh from "./units.ts"

/** How to run the example. */
export interface RunOptions {
  /** The store (see `shared/store.ts`). */
  readonly layer: Layer.Layer<Store.Store, StoreError.StoreFailure>
  /** Where to write the Markdown, CSV, Word and Excel files; nothing is written when absent. */
  readonly outputDir?: string
  readonly progress?: Progress
  /** The three-tier unit file; by default the shared snapshot. */
  readonly unitsFile?: string
}

/** What a run produced. */
export interface RunResult {
  readonly report: SixMonthReport.SixMonthReport
  /** The follow-up of the conclusion's five tasks in the 2017 annual reports. */
  readonly followUp: ReadonlyArray<FollowUpLine>
  /** The six-month report, then the task follow-up, as plain text. */
  readonly text: string
  readonly markdown: string
  readonly csv: Readonly<Record<string, string>>
  /** The files written. */
  readonly files: ReadonlyArray<string>
  /** How many records of each kind the store holds after the run. */
  readonly census: Census
}

/** Counts of the records in a store, to show that a second run adds nothing. */
export interface Census {
  readonly units: number
  readonly directives: number
  readonly committees: number
  readonly models: number
  readonly reports: number
  readonly revisions: number
  readonly auditEntries: number
}

/** Counts what the store holds, page by page. */
export const census: Effect.Effect<Census, StoreError.StoreFailure | StoreError.NotFound, Store.Store> =
  Effect.gen(function* () {
    const units = yield* Page.collect((page) => Effect.flatMap(UnitRepository, (r) => r.list({}, page)))
    const directives = yield* Page.collect((page) =>
      Effect.flatMap(DirectiveRepository, (r) => r.list({}, page))
    )
    const committees = yield* Effect.flatMap(CommitteeRepository, (r) => r.byUnit(NinhBinh.provinceId))
    const models = yield* Page.collect((page) => Effect.flatMap(ModelRepository, (r) => r.list({}, page)))
    const reports = yield* Page.collect((page) => Effect.flatMap(ReportRepository, (r) => r.list({}, page)))
    let revisions = 0
    for (const report of reports) {
      revisions += (yield* Effect.flatMap(ReportRepository, (r) => r.revisions(report.id))).length
    }
    const audit = yield* Page.collect((page) => Effect.flatMap(AuditLog, (r) => r.list({}, page)))
    return {
      units: units.length,
      directives: directives.length,
      committees: committees.length,
      models: models.length,
      reports: reports.length,
      revisions,
      auditEntries: audit.length
    }
  })

/** Runs the example; rejects with the typed error of the step that failed. */
export const run = async (options: RunOptions): Promise<RunResult> => {
  const progress = options.progress ?? stderr
  const program = Effect.gen(function* () {
    yield* seed(options.unitsFile ?? unitsThreeTier, progress)
    yield* step(
      progress,
      "district annual reports for 2017, following up the conclusion's five tasks"
    )(seedAnnualReports)
    const report = yield* step(progress, "consolidating the six-month report")(sixMonthReport)
    const sample = yield* sampleReport(report)
    const annual = yield* annualSample(report)
    const followUp = yield* step(
      progress,
      "following up the conclusion's tasks in the 2017 annual reports"
    )(followUp2017)
    return { report, sample, annual, followUp, census: yield* census }
  })
  // Opening a store can take a while (a SQL store connects and migrates), so it is a step too.
  const opened = Layer.effectContext(step(progress, "opening the store")(Layer.build(options.layer)))
  const {
    report,
    sample,
    annual,
    followUp,
    census: counted
  } = await Effect.runPromise(Effect.provide(program, opened))
  const text = `${toText(report)}\n${followUpText(followUp)}`
  const markdown = toMarkdown(report)
  const csv = toCsv(report)
  const files: Array<string> = []
  if (options.outputDir !== undefined) {
    mkdirSync(options.outputDir, { recursive: true })
    const write = (name: string, content: string | Uint8Array) => {
      const file = join(options.outputDir as string, name)
      writeFileSync(file, content)
      files.push(file)
    }
    write("bao-cao-6-thang-dau-nam-2017.md", markdown)
    for (const [name, content] of Object.entries(csv)) write(name, content)
    const office = await Effect.runPromise(
      step(
        progress,
        "writing the Word document, the workbook and a district's report form"
      )(
        Effect.all({
          docx: toDocx(report),
          xlsx: toXlsx(report),
          form: formRoundTrip(sample),
          annualForm: formRoundTrip(annual)
        })
      )
    )
    write("bao-cao-6-thang-dau-nam-2017.docx", office.docx)
    write("bao-cao-6-thang-dau-nam-2017.xlsx", office.xlsx)
    write(office.form.fileName, office.form.bytes)
    progress.line(`  ${office.form.summary}`)
    write(office.annualForm.fileName, office.annualForm.bytes)
    progress.line(`  ${office.annualForm.summary}`)
  }
  return { report, followUp, text, markdown, csv, files, census: counted }
}
