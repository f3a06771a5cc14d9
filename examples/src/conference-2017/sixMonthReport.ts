/**
 * The province's six-month report, assembled from the store with the use cases: the consolidated
 * DVK figures (`Consolidate.consolidateReport`, which also says who reported late or not at all),
 * each district's own report, the committees' composition on the report date, the directives in
 * force that day (and what later replaced them) and the tasks they set for the last six months.
 */
import {
  Committees,
  Consolidate,
  type Danvan,
  type Directive,
  DirectiveRepository,
  DirectiveRules,
  Directives,
  DocumentNumber,
  DvkModel,
  Figures,
  ModelField,
  ModelRepository,
  Page,
  Period,
  ReportRepository,
  ReportWorkflow,
  type Store,
  Timestamp,
  Unit,
  UnitRepository
} from "@danvan/core"
import { Effect } from "effect"
import { at, morningOf } from "../shared/clock.ts"
import { committeeIds } from "./committees.ts"
import { conclusionDate } from "./directives.ts"
import { periodId, provinceOfficer, regime } from "./seed.ts"
import * as NinhBinh from "./units.ts"

/** How a district reported: on time, late, or not at all. */
export type Submission = "onTime" | "late" | "missing"

/** One district-level unit's line of the report. */
export interface DistrictLine {
  readonly unitId: string
  readonly code: string
  readonly name: string
  readonly submission: Submission
  /** The day its report was first submitted (in Vietnam), if it was. */
  readonly submittedOn?: string
  /** Its approved figures: models and models by field (ids of `fields`), if they count. */
  readonly models?: number
  readonly byField?: Readonly<Record<string, number>>
}

/** A committee's composition on the report date. */
export interface CommitteeLine {
  readonly name: string
  readonly members: ReadonlyArray<{
    readonly post: string
    readonly name: string
    readonly titles: ReadonlyArray<string>
  }>
}

/** A directive in force on the report date. */
export interface DirectiveLine {
  readonly number: string
  readonly issuedOn: string
  readonly effectiveFrom: string
  readonly issuer: string
  readonly title: string
  /** What replaced it later, and from when (from the store's replacement links). */
  readonly replacedBy: ReadonlyArray<{ readonly number: string; readonly effectiveFrom: string }>
}

/** Everything the six-month report says. */
export interface SixMonthReport {
  readonly provinceName: string
  readonly provinceCode: string
  readonly periodId: string
  readonly periodLabel: string
  /** The last day of the period's window: the hierarchy and the figures are as of this day. */
  readonly asOf: string
  readonly reportDate: string
  readonly fields: ReadonlyArray<{ readonly id: string; readonly name: string }>
  /** Consolidated totals by indicator path (`models`, `byField.economy`, `effective`, …). */
  readonly totals: Readonly<Record<string, number>>
  readonly districts: ReadonlyArray<DistrictLine>
  readonly expected: number
  readonly committees: ReadonlyArray<CommitteeLine>
  readonly directives: ReadonlyArray<DirectiveLine>
  readonly tasks: ReadonlyArray<{ readonly number: string; readonly description: string }>
  readonly sampleModels: ReadonlyArray<{
    readonly name: string
    readonly unit: string
    readonly field: string
    readonly status: DvkModel.ModelStatus
    readonly rating?: DvkModel.Rating
  }>
  /** Validation rules the consolidated figures break (none, when the reports are consistent). */
  readonly violations: ReadonlyArray<string>
}

/** Vietnamese names of committee posts. */
export const postNames: Readonly<Record<string, string>> = {
  head: "Trưởng ban",
  standingDeputy: "Phó Trưởng ban Thường trực",
  deputy: "Phó Trưởng ban",
  member: "Ủy viên",
  secretary: "Thư ký"
}

const number = (d: Directive.Directive) => DocumentNumber.format(d.number)

/** What reading the report can fail with. */
export type ReportError = Danvan.ErrorOf<"consolidateReport" | "committeeOnDate" | "directivesInForce">

/** Reads the six-month report of 2017S1 from the store, as the province's officer on the report date. */
export const sixMonthReport: Effect.Effect<SixMonthReport, ReportError, Store.Store> = Effect.gen(
  function* () {
    const units = yield* UnitRepository
    const province = yield* units.get(NinhBinh.provinceId)
    const result = yield* Consolidate.consolidateReport(provinceOfficer, {
      rootId: NinhBinh.provinceId,
      periodId,
      programme: "DVK",
      regimeId: regime.id,
      levels: ["district"]
    })
    const asOf = result.asOf
    const districts = (yield* units.list({ asOf, parentId: NinhBinh.provinceId, levels: ["district"] })).items
    const reportRepository = yield* ReportRepository
    const reports = yield* Page.collect((page) =>
      reportRepository.list(
        { periodId: periodId as Period.PeriodId, programme: "DVK", unitIds: districts.map((d) => d.id) },
        page
      )
    )
    const counted = new Set(result.consolidation.contributions.map((c) => c.reportId))
    const late = new Set(result.completeness.late)
    const missing = new Set(result.completeness.missing)
    const districtLines = districts
      .map((d): DistrictLine => {
        const report = reports.find((r) => r.unitId === d.id)
        const first = report === undefined ? undefined : ReportWorkflow.firstSubmission(report)
        const flat =
          report !== undefined && counted.has(report.id) ? Figures.flatten(report.content.figures) : undefined
        return {
          unitId: d.id,
          code: d.code ?? "",
          name: Unit.fullName(d),
          submission: missing.has(d.id) ? "missing" : late.has(d.id) ? "late" : "onTime",
          ...(first === undefined ? {} : { submittedOn: Timestamp.dateInVietnam(first.at) }),
          ...(flat === undefined
            ? {}
            : {
                models: flat.models ?? 0,
                byField: Object.fromEntries(
                  ModelField.defaults.map((f) => [f.id, flat[`byField.${f.id}`] ?? 0])
                )
              })
        }
      })
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))

    const committeeLines: Array<CommitteeLine> = []
    for (const id of [committeeIds.qcdc, committeeIds.dvk]) {
      const { committee, composition } = yield* Committees.committeeOnDate(provinceOfficer, {
        committeeId: id,
        date: conclusionDate
      })
      committeeLines.push({
        name: committee.name,
        members: composition.map((m) => ({
          post: postNames[m.post] ?? m.post,
          name: m.personName,
          titles: m.titles
        }))
      })
    }

    const inForce = yield* Directives.directivesInForce({ on: conclusionDate })
    const directiveRepository = yield* DirectiveRepository
    const directiveLines: Array<DirectiveLine> = []
    for (const d of inForce) {
      const replacedBy: Array<{ number: string; effectiveFrom: string }> = []
      let current = [d]
      while (current.length > 0) {
        const next = (yield* Effect.forEach(current, (c) => directiveRepository.replacementsOf(c.id))).flat()
        for (const r of next) replacedBy.push({ number: number(r), effectiveFrom: r.effectiveFrom })
        current = next
      }
      directiveLines.push({
        number: number(d),
        issuedOn: d.issuedOn,
        effectiveFrom: d.effectiveFrom,
        issuer: d.issuerName ?? "",
        title: d.title,
        replacedBy
      })
    }
    const tasks = DirectiveRules.tasksFor(
      inForce,
      { id: province.id, level: province.level },
      [],
      conclusionDate
    )
      .filter(
        ({ task }) =>
          task.due?._tag === "ByPeriod" && task.due.periodId === Period.id(Period.halfYear(2017, 2))
      )
      .map(({ directive, task }) => ({ number: number(directive), description: task.description }))

    const fieldNames = new Map(ModelField.defaults.map((f) => [f.id as string, f.name]))
    const modelRepository = yield* ModelRepository
    const models = yield* Page.collect((page) =>
      modelRepository.list(
        { within: { rootId: NinhBinh.provinceId, asOf }, phaseId: "2016-2020" as Period.PeriodId },
        page
      )
    )
    const modelUnits = yield* units.getMany([...new Set(models.map((m) => m.unitId))])
    const unitName = new Map(modelUnits.map((u) => [u.id as string, Unit.fullName(u)]))
    const sample = models
      .filter((m) => m.registeredOn <= asOf)
      .sort((a, b) =>
        a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.id < b.id ? -1 : 1
      )
      .map((m) => {
        const rating = DvkModel.ratingOf(m)
        return {
          name: m.content.name,
          unit: unitName.get(m.unitId) ?? m.unitId,
          field: fieldNames.get(m.fieldId) ?? m.fieldId,
          status: DvkModel.statusOf(m),
          ...(rating === undefined ? {} : { rating })
        }
      })

    return {
      provinceName: Unit.fullName(province),
      provinceCode: province.code ?? "",
      periodId,
      periodLabel: Period.label(Period.fromId(periodId as Period.PeriodId)),
      asOf,
      reportDate: conclusionDate,
      fields: ModelField.defaults.map((f) => ({ id: f.id, name: f.name })),
      totals: result.consolidation.totals,
      districts: districtLines,
      expected: result.completeness.expected,
      committees: committeeLines,
      directives: directiveLines,
      tasks,
      sampleModels: sample,
      violations: result.violations.consolidated.map((v) => v.message)
    } satisfies SixMonthReport
  }
).pipe(at(morningOf(conclusionDate)))
