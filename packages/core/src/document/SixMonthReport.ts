/**
 * The six-month report (báo cáo sơ kết 6 tháng) of a unit on công tác dân vận: the consolidated
 * DVK figures of its jurisdiction, how each unit expected to report did so (on time, late, not at
 * all), the committees' composition and the directives that apply to it on the report date (in
 * force and issued by the centre, the unit or an ancestor), the tasks set for the next period, and
 * the models registered in the current phase.
 *
 * Three steps, so an app produces the same report from its own store and renders it as it needs:
 * - {@link read} gathers the records through the use cases (so the reader's jurisdiction is
 *   checked as for any read) and {@link assemble} turns them into a {@link SixMonthReport}, pure;
 * - {@link document} lays the report out as a `Document` (numbered sections, tables, charts) in
 *   Vietnamese, {@link tables} as the tables a workbook or CSV files hold, {@link charts} as the
 *   charts;
 * - `@danvan/office` renders those as Word, Excel, CSV, Markdown or text.
 *
 * Every enumeration shown goes through `Labels`; the figures are those of
 * `Consolidate.consolidateReport` (approved reports only, completeness judged by the regime's
 * deadlines: Decree 09/2019/NĐ-CP, Art. 12 for state reports).
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { ActorInput } from "../access/Actor.ts"
import * as Calendar from "../calendar/Calendar.ts"
import * as Deadline from "../calendar/Deadline.ts"
import * as Period from "../calendar/Period.ts"
import type { ReportingRegime } from "../calendar/Regime.ts"
import * as CommitteeRules from "../committee/CommitteeRules.ts"
import type { SteeringCommittee } from "../committee/SteeringCommittee.ts"
import type { Directive, Task } from "../directive/Directive.ts"
import * as DirectiveRules from "../directive/DirectiveRules.ts"
import * as DocumentNumber from "../directive/DocumentNumber.ts"
import type * as CalendarDate from "../kernel/CalendarDate.ts"
import type { CommitteeId, RegimeId, UnitId } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import * as Timestamp from "../kernel/Timestamp.ts"
import * as DvkModel from "../model/DvkModel.ts"
import type { ModelField } from "../model/ModelField.ts"
import * as Figures from "../report/Figures.ts"
import type { Report } from "../report/Report.ts"
import { firstSubmission } from "../report/ReportWorkflow.ts"
import type { Completeness, Consolidation } from "../report/Rollup.ts"
import type * as TaskFollowUp from "../report/TaskFollowUp.ts"
import type { RuleViolation } from "../report/Validation.ts"
import { CommitteeRepository } from "../store/CommitteeRepository.ts"
import { DirectiveRepository } from "../store/DirectiveRepository.ts"
import { ModelRepository } from "../store/ModelRepository.ts"
import * as Page from "../store/Page.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import * as Labels from "../text/Labels.ts"
import * as Unit from "../unit/Unit.ts"
import * as Committees from "../usecase/Committees.ts"
import * as Consolidate from "../usecase/Consolidate.ts"
import * as Directives from "../usecase/Directives.ts"
import type { Block, Chart, Column, Document, Table } from "./Document.ts"
import { formatCount, formatDate, share } from "./Document.ts"

// ---------------------------------------------------------------------------------------------
// the report
// ---------------------------------------------------------------------------------------------

/**
 * How a unit expected to report did so: on time, late, or not at all.
 *
 * @category models
 * @since 0.1.0
 */
export type Submission = Labels.Submission

/**
 * One unit expected to report.
 *
 * @category models
 * @since 0.1.0
 */
export interface UnitLine {
  readonly unitId: string
  readonly code: string
  readonly name: string
  readonly level: Unit.UnitLevel
  /** The unit directly below the reporting unit that this one is in (itself, when it is one). */
  readonly underId: string
  readonly submission: Submission
  /** The last day it may submit under the regime (`Deadline.deadline`). */
  readonly deadline: string
  /** The day its report was first submitted (in Vietnam), if it was. */
  readonly submittedOn?: string
  /** Its figures by indicator path (`Figures.flatten`), when its report counts in the totals. */
  readonly figures?: Readonly<Record<string, number>>
}

/**
 * A committee's composition on the report date.
 *
 * @category models
 * @since 0.1.0
 */
export interface CommitteeLine {
  readonly name: string
  readonly members: ReadonlyArray<{
    readonly post: string
    readonly name: string
    readonly titles: ReadonlyArray<string>
  }>
}

/**
 * A directive in force on the report date.
 *
 * @category models
 * @since 0.1.0
 */
export interface DirectiveLine {
  readonly number: string
  readonly issuedOn: string
  readonly effectiveFrom: string
  readonly issuer: string
  readonly title: string
  /** What replaced it later, and from when (following the replacement links). */
  readonly replacedBy: ReadonlyArray<{ readonly number: string; readonly effectiveFrom: string }>
}

/**
 * A model registered in the phase by the figures' date.
 *
 * @category models
 * @since 0.1.0
 */
export interface ModelLine {
  readonly name: string
  readonly unit: string
  readonly field: string
  readonly registeredOn: string
  readonly status: DvkModel.ModelStatus
  readonly rating?: DvkModel.Rating
}

/**
 * A line of the reporting unit's own task follow-up (its report's `taskProgress`): the directive's
 * number, the task, its status and note.
 *
 * @category models
 * @since 0.1.0
 */
export interface TaskProgressLine {
  readonly number: string
  readonly description: string
  readonly status: TaskFollowUp.TaskStatus
  readonly note?: string
}

/**
 * The follow-up of a directive's tasks among the units below (what
 * `TaskFollowUps.taskFollowUp` returns, with the directive's number and the units' names): one
 * sheet of the workbook, per task the units done, in progress, not started and not reported.
 *
 * @category models
 * @since 0.1.0
 */
export interface TaskFollowUpSection {
  readonly directiveNumber: string
  readonly tasks: ReadonlyArray<TaskFollowUp.TaskRow>
  /** Units' names by id (ids are shown for the others). */
  readonly unitNames?: Readonly<Record<string, string>>
}

/**
 * Everything the six-month report says.
 *
 * @category models
 * @since 0.1.0
 */
export interface SixMonthReport {
  readonly unitId: string
  /** The reporting unit's full name (`Tỉnh Ninh Bình`) and statistics code. */
  readonly unitName: string
  readonly unitCode: string
  /** What the reporting unit's area is called in a sentence: `tỉnh`, `thành phố`, `huyện`, … */
  readonly area: string
  readonly programme: Programme
  readonly periodId: string
  readonly periodLabel: string
  /** The next period's label, for the tasks set for it ("6 tháng cuối năm 2017"). */
  readonly nextPeriodLabel: string
  /** The phase the models are registered in ("Giai đoạn 2016-2020"), if any. */
  readonly phaseLabel?: string
  /** The last day of the period's window: the hierarchy and the figures are as of this day. */
  readonly asOf: string
  readonly reportDate: string
  readonly fields: ReadonlyArray<{ readonly id: string; readonly name: string }>
  /** Consolidated totals by indicator path (`models`, `byField.economy`, `effective`, …). */
  readonly totals: Readonly<Record<string, number>>
  /** The units expected to report, by statistics code then name. */
  readonly units: ReadonlyArray<UnitLine>
  /** The units directly below the reporting unit that the expected ones are in (`underId`). */
  readonly groups: ReadonlyArray<{ readonly unitId: string; readonly name: string }>
  readonly expected: number
  readonly committees: ReadonlyArray<CommitteeLine>
  readonly directives: ReadonlyArray<DirectiveLine>
  readonly tasks: ReadonlyArray<{ readonly number: string; readonly description: string }>
  readonly models: ReadonlyArray<ModelLine>
  /** Validation rules the consolidated figures break (none, when the reports are consistent). */
  readonly violations: ReadonlyArray<string>
  /**
   * The reporting unit's own follow-up of its tasks (its report of the period, `taskProgress`):
   * the section "Kết quả thực hiện nhiệm vụ" and a sheet, when there is any.
   */
  readonly taskProgress?: ReadonlyArray<TaskProgressLine>
  /** Follow-ups of directives' tasks among the units below: a sheet each. */
  readonly taskFollowUps?: ReadonlyArray<TaskFollowUpSection>
}

// ---------------------------------------------------------------------------------------------
// assembly (pure)
// ---------------------------------------------------------------------------------------------

/**
 * The records a report is assembled from: what {@link read} gathers.
 *
 * @category models
 * @since 0.1.0
 */
export interface Records {
  readonly unit: Unit.Unit
  readonly programme: Programme
  readonly periodId: Period.PeriodId
  readonly regime: ReportingRegime
  readonly reportDate: CalendarDate.CalendarDate
  readonly fields: ReadonlyArray<ModelField>
  /** What `Consolidate.consolidateReport` returned. */
  readonly consolidation: {
    readonly asOf: CalendarDate.CalendarDate
    readonly consolidation: Consolidation
    readonly completeness: Completeness
    readonly violations: { readonly consolidated: ReadonlyArray<RuleViolation> }
  }
  /** The reporting unit's jurisdiction as of `asOf` (itself and every unit below it). */
  readonly jurisdiction: ReadonlyArray<Unit.Unit>
  /** The units expected to report (a subset of the jurisdiction). */
  readonly expected: ReadonlyArray<Unit.Unit>
  /** Their reports of the period and programme. */
  readonly reports: ReadonlyArray<Report>
  readonly committees: ReadonlyArray<SteeringCommittee>
  readonly directives: ReadonlyArray<{
    readonly directive: Directive
    readonly replacedBy: ReadonlyArray<Directive>
  }>
  readonly tasks: ReadonlyArray<{ readonly directive: Directive; readonly task: Task }>
  /**
   * The reporting unit's own report of the period and programme, if any, with the directives its
   * follow-up names (a line of a directive not given shows the directive's id).
   */
  readonly own?: { readonly report: Report; readonly directives: ReadonlyArray<Directive> }
  readonly phase?: Period.Phase
  readonly models: ReadonlyArray<DvkModel.DvkModel>
  /** The units the models belong to. */
  readonly modelUnits: ReadonlyArray<Unit.Unit>
}

const byCodeThenName = (a: UnitLine, b: UnitLine) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0

const numberOf = (d: Directive) => DocumentNumber.format(d.number)

/**
 * The unit directly below `rootId` that `unit` is in, following parent links as of `asOf` within
 * the jurisdiction; the unit itself when its parent is the root.
 */
const childOfRoot = (
  byId: ReadonlyMap<string, Unit.Unit>,
  rootId: string,
  unit: Unit.Unit,
  asOf: CalendarDate.CalendarDate
): Unit.Unit => {
  let current = unit
  for (let steps = 0; steps < byId.size; steps++) {
    const parentId = Unit.parentOn(current, asOf)
    const parent = parentId === undefined ? undefined : byId.get(parentId)
    if (parentId === rootId || parent === undefined) return current
    current = parent
  }
  return current
}

/**
 * The report from its records: units by statistics code, each with its submission judged by
 * `completeness` and its figures when its report counts in the consolidation; committees as
 * composed on the report date; models registered by the figures' date, oldest first.
 *
 * @category constructors
 * @since 0.1.0
 */
export const assemble = (records: Records): SixMonthReport => {
  const { consolidation, completeness } = records.consolidation
  const asOf = records.consolidation.asOf
  const period = Period.fromId(records.periodId)
  const counted = new Set<string>(consolidation.contributions.map((c) => c.reportId))
  const late = new Set<string>(completeness.late)
  const missing = new Set<string>(completeness.missing)
  const byId = new Map<string, Unit.Unit>(records.jurisdiction.map((u) => [u.id, u]))
  const reportOf = new Map<string, Report>(records.reports.map((r) => [r.unitId, r]))
  const groups = new Map<string, string>()
  const units = records.expected
    .map((u): UnitLine => {
      const report = reportOf.get(u.id)
      const first = report === undefined ? undefined : firstSubmission(report)
      const under = childOfRoot(byId, records.unit.id, u, asOf)
      groups.set(under.id, Unit.fullName(under))
      return {
        unitId: u.id,
        code: u.code ?? "",
        name: Unit.fullName(u),
        level: u.level,
        underId: under.id,
        submission: missing.has(u.id) ? "missing" : late.has(u.id) ? "late" : "onTime",
        deadline: Deadline.deadline(records.regime, period, u.level),
        ...(first === undefined ? {} : { submittedOn: Timestamp.dateInVietnam(first.at) }),
        ...(report !== undefined && counted.has(report.id)
          ? { figures: Figures.flatten(report.content.figures) }
          : {})
      }
    })
    .sort(byCodeThenName)
  const fieldNames = new Map<string, string>(records.fields.map((f) => [f.id, f.name]))
  const unitNames = new Map<string, string>(records.modelUnits.map((u) => [u.id, Unit.fullName(u)]))
  const models = records.models
    .filter((m) => m.registeredOn <= asOf)
    .sort((a, b) =>
      a.registeredOn < b.registeredOn ? -1 : a.registeredOn > b.registeredOn ? 1 : a.id < b.id ? -1 : 1
    )
    .map((m): ModelLine => {
      const rating = DvkModel.ratingOf(m)
      return {
        name: m.content.name,
        unit: unitNames.get(m.unitId) ?? m.unitId,
        field: fieldNames.get(m.fieldId) ?? m.fieldId,
        registeredOn: m.registeredOn,
        status: DvkModel.statusOf(m),
        ...(rating === undefined ? {} : { rating })
      }
    })
  const groupOrder = [...new Set(units.map((u) => u.underId))]
  return {
    unitId: records.unit.id,
    unitName: Unit.fullName(records.unit),
    unitCode: records.unit.code ?? "",
    area: Unit.typeLabel[records.unit.type].toLowerCase() || "đơn vị",
    programme: records.programme,
    periodId: records.periodId,
    periodLabel: Period.label(period),
    nextPeriodLabel: Period.label(Calendar.next(period)),
    ...(records.phase === undefined ? {} : { phaseLabel: Period.label(records.phase) }),
    asOf,
    reportDate: records.reportDate,
    fields: records.fields.map((f) => ({ id: f.id, name: f.name })),
    totals: consolidation.totals,
    units,
    groups: groupOrder.map((id) => ({ unitId: id, name: groups.get(id) ?? id })),
    expected: completeness.expected,
    committees: records.committees.map((c) => ({
      name: c.name,
      members: CommitteeRules.compositionOn(c, records.reportDate).map((m) => ({
        post: Labels.post[m.post],
        name: m.personName,
        titles: m.titles
      }))
    })),
    directives: records.directives.map(({ directive, replacedBy }) => ({
      number: numberOf(directive),
      issuedOn: directive.issuedOn,
      effectiveFrom: directive.effectiveFrom,
      issuer: directive.issuerName ?? "",
      title: directive.title,
      replacedBy: replacedBy.map((r) => ({ number: numberOf(r), effectiveFrom: r.effectiveFrom }))
    })),
    tasks: records.tasks.map(({ directive, task }) => ({
      number: numberOf(directive),
      description: task.description
    })),
    models,
    violations: records.consolidation.violations.consolidated.map((v) => v.message),
    ...(records.own === undefined || records.own.report.content.taskProgress.length === 0
      ? {}
      : { taskProgress: progressLines(records.own.report, records.own.directives) })
  }
}

const progressLines = (
  report: Report,
  directives: ReadonlyArray<Directive>
): ReadonlyArray<TaskProgressLine> => {
  const byId = new Map<string, Directive>(directives.map((d) => [d.id, d]))
  return report.content.taskProgress.map((p) => {
    const directive = byId.get(p.directiveId)
    const task = directive?.tasks.find((t) => t.id === p.taskId)
    return {
      number: directive === undefined ? p.directiveId : numberOf(directive),
      description: task?.description ?? p.taskId,
      status: p.status,
      ...(p.note === undefined ? {} : { note: p.note })
    }
  })
}

// ---------------------------------------------------------------------------------------------
// reading from the store
// ---------------------------------------------------------------------------------------------

/**
 * What to read.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReadInput {
  /** The reporting unit (a province, say). */
  readonly rootId: UnitId
  readonly periodId: Period.PeriodId
  /** The regime whose deadlines judge completeness and whose calendar gives the figures' date. */
  readonly regimeId: RegimeId
  /** The date of the report: committees and directives are as of this day. */
  readonly reportDate: CalendarDate.CalendarDate
  /** The programme of the figures; `DVK` by default. */
  readonly programme?: Programme
  /** The levels expected to report; by default the level of the units directly below the root. */
  readonly levels?: ReadonlyArray<Unit.UnitLevel>
  /** The committees to show, in order; by default the root's committees active on the report date. */
  readonly committeeIds?: ReadonlyArray<CommitteeId>
  /** The phases models are registered in (`Calendar.dvkPhases` by default). */
  readonly phases?: ReadonlyArray<Period.Phase>
}

/**
 * Every directive that replaced `directive`, following the replacement links forward (what replaced
 * it, then what replaced that), in the order met.
 */
const replacementChain = (directive: Directive) =>
  Effect.gen(function* () {
    const repository = yield* DirectiveRepository
    const out: Array<Directive> = []
    const seen = new Set<string>([directive.id])
    let current: ReadonlyArray<Directive> = [directive]
    while (current.length > 0) {
      const next = (yield* Effect.forEach(current, (c) => repository.replacementsOf(c.id))).flat()
      current = next.filter((d) => !seen.has(d.id))
      for (const d of current) {
        seen.add(d.id)
        out.push(d)
      }
    }
    return out
  })

/**
 * Whether a task is due within a period: by the period itself, or by a date in its window under
 * the calendar.
 */
const dueWithin = (task: Task, period: Period.Period, regime: ReportingRegime) => {
  if (task.due === undefined) return false
  if (task.due._tag === "ByPeriod") return task.due.periodId === Period.id(period)
  const window = Calendar.window(regime.calendar, period)
  return task.due.date >= window.first && task.due.date <= window.last
}

/**
 * Reads the records of a unit's six-month report through the use cases, as `actor` (who must be
 * able to read the unit's jurisdiction), and assembles them ({@link assemble}). The tasks are those
 * addressed to the unit on the report date and due within the next period.
 *
 * @category use cases
 * @since 0.1.0
 */
export const read = (actor: ActorInput, input: ReadInput) =>
  Effect.gen(function* () {
    const unitRepository = yield* UnitRepository
    const reference = yield* ReferenceData
    const programme = input.programme ?? "DVK"
    const unit = yield* unitRepository.get(input.rootId)
    const regime = yield* reference.regime(input.regimeId)
    const period = Period.fromId(input.periodId)
    const last = Calendar.window(regime.calendar, period).last
    const jurisdictionAtLast = yield* Page.collect((page) =>
      unitRepository.jurisdiction(input.rootId, last, page)
    )
    const levels = input.levels ?? [
      ...new Set(
        jurisdictionAtLast.filter((u) => Unit.parentOn(u, last) === input.rootId).map((u) => u.level)
      )
    ]
    const consolidation = yield* Consolidate.consolidateReport(actor, {
      rootId: input.rootId,
      periodId: input.periodId,
      programme,
      regimeId: input.regimeId,
      levels
    })
    const asOf = consolidation.asOf
    const jurisdiction =
      asOf === last
        ? jurisdictionAtLast
        : yield* Page.collect((page) => unitRepository.jurisdiction(input.rootId, asOf, page))
    const levelSet = new Set(levels)
    const expected = jurisdiction.filter((u) => u.id !== input.rootId && levelSet.has(u.level))
    const reportRepository = yield* ReportRepository
    const reports = yield* Page.collect((page) =>
      reportRepository.list({ periodId: input.periodId, programme, unitIds: expected.map((u) => u.id) }, page)
    )
    const committeeIds =
      input.committeeIds ??
      (yield* (yield* CommitteeRepository).byUnit(input.rootId))
        .filter((c) => CommitteeRules.isActiveOn(c, input.reportDate))
        .map((c) => c.id)
    const committees: Array<SteeringCommittee> = []
    for (const committeeId of committeeIds) {
      const { committee } = yield* Committees.committeeOnDate(actor, {
        committeeId,
        date: input.reportDate
      })
      committees.push(committee)
    }
    // The directives that apply to the reporting unit: the centre's, its own and its ancestors',
    // never another province's that a shared store also holds.
    const inForce = yield* Directives.directivesApplicable({ unitId: input.rootId, on: input.reportDate })
    const directives = yield* Effect.forEach(inForce, (directive) =>
      Effect.map(replacementChain(directive), (replacedBy) => ({ directive, replacedBy }))
    )
    const ancestors = yield* unitRepository.ancestors(input.rootId, input.reportDate)
    const next = Calendar.next(period)
    const tasks = DirectiveRules.tasksFor(
      inForce,
      { id: unit.id, level: unit.level },
      ancestors.map((a) => a.id),
      input.reportDate
    ).filter(({ task }) => dueWithin(task, next, regime))
    // The unit's own report of the period, whose follow-up the report states.
    const ownReport = Option.getOrUndefined(
      yield* reportRepository.find(input.rootId, input.periodId, programme)
    )
    const known = new Set<string>(inForce.map((d) => d.id))
    const others: Array<Directive> = []
    for (const id of new Set(ownReport?.content.taskProgress.map((p) => p.directiveId) ?? [])) {
      if (!known.has(id)) others.push(yield* (yield* DirectiveRepository).get(id))
    }
    const phase = Option.getOrUndefined(Calendar.phaseContaining(asOf, input.phases))
    const modelRepository = yield* ModelRepository
    const models =
      phase === undefined
        ? []
        : yield* Page.collect((page) =>
            modelRepository.list({ within: { rootId: input.rootId, asOf }, phaseId: Period.id(phase) }, page)
          )
    const modelUnits = yield* unitRepository.getMany([...new Set(models.map((m) => m.unitId))])
    return assemble({
      unit,
      programme,
      periodId: input.periodId,
      regime,
      reportDate: input.reportDate,
      fields: yield* reference.fields,
      consolidation,
      jurisdiction,
      expected,
      reports,
      committees,
      directives,
      tasks,
      ...(ownReport === undefined ? {} : { own: { report: ownReport, directives: [...inForce, ...others] } }),
      ...(phase === undefined ? {} : { phase }),
      models,
      modelUnits
    })
  })

// ---------------------------------------------------------------------------------------------
// tables and charts
// ---------------------------------------------------------------------------------------------

const count = (header: string, short?: string): Column => ({
  header,
  ...(short === undefined ? {} : { short }),
  kind: "count"
})
const text = (header: string, short?: string): Column => ({
  header,
  ...(short === undefined ? {} : { short }),
  kind: "text"
})
const date = (header: string, short?: string): Column => ({
  header,
  ...(short === undefined ? {} : { short }),
  kind: "date"
})

const total = (r: SixMonthReport, path: string) => r.totals[path] ?? 0

/** A label continuing a sentence: its first letter in lower case. */
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** The indicator paths of the report's figures, in the order a table shows them. */
const indicatorPaths = (r: SixMonthReport): ReadonlyArray<string> => {
  const seen = new Set<string>(Object.keys(r.totals))
  for (const u of r.units) for (const k of Object.keys(u.figures ?? {})) seen.add(k)
  const fixed =
    r.programme === "DVK"
      ? [
          "models",
          ...r.fields.map((f) => `byField.${f.id}`),
          ...Object.keys(Labels.modelStatus).map((s) => `byStatus.${s}`),
          ...Object.keys(Labels.dvkIndicator).filter((k) => k !== "models")
        ]
      : Object.keys(Labels.qcdcIndicator)
  const rest = [...seen].filter((k) => !fixed.includes(k)).sort()
  return [...fixed, ...rest]
}

/**
 * The consolidation: every indicator by unit expected to report, and the totals. When the totals
 * hold more than the units' rows (reports of the reporting unit itself, or of levels not listed),
 * a row says how much.
 */
/**
 * Rows by unit expected to report, each indicator path a column, plus a row for what the totals
 * hold beyond those units (reports of the reporting unit itself, or of levels not listed) when
 * there is any: so the columns always sum to the consolidated totals.
 */
const byUnitRows = (r: SixMonthReport, paths: ReadonlyArray<string>) => {
  const rows: Array<{ readonly line?: UnitLine; readonly values: ReadonlyArray<number | null> }> =
    r.units.map((u) => ({
      line: u,
      values: paths.map((p) => (u.figures === undefined ? null : (u.figures[p] ?? 0)))
    }))
  const rest = paths.map((p) => total(r, p) - r.units.reduce((a, u) => a + (u.figures?.[p] ?? 0), 0))
  if (rest.some((x) => x !== 0)) rows.push({ values: rest })
  return rows
}

/** The label of the row {@link byUnitRows} adds for reports of other units. */
const otherReports = "Báo cáo khác trong địa bàn"

const consolidationTable = (r: SixMonthReport): Table => {
  const paths = indicatorPaths(r)
  return {
    id: "tong-hop-chi-tieu",
    title: `Tổng hợp số liệu ${lower(r.periodLabel)} theo đơn vị`,
    sheetName: "Tổng hợp",
    columns: [text("Mã"), text("Đơn vị"), ...paths.map((p) => count(Labels.indicator(p, r.fields)))],
    rows: byUnitRows(r, paths).map(({ line, values }) => [
      line?.code ?? "",
      line?.name ?? otherReports,
      ...values
    ]),
    total: ["", "Tổng cộng", ...paths.map((p) => total(r, p))],
    note: `Số liệu các báo cáo đã duyệt, đến hết ngày ${formatDate(r.asOf)}.`
  }
}

const fieldTable = (r: SixMonthReport): Table => {
  const all = total(r, "models")
  return {
    id: "mo-hinh-theo-linh-vuc",
    title: "Số mô hình theo lĩnh vực",
    sheetName: "Theo lĩnh vực",
    columns: [text("Lĩnh vực"), count("Số mô hình"), { header: "Tỷ lệ", kind: "share" }],
    rows: r.fields.map((f) => {
      const n = total(r, `byField.${f.id}`)
      return [f.name, n, share(n, all)]
    }),
    total: ["Tổng số", all, all === 0 ? null : 1]
  }
}

const unitTable = (r: SixMonthReport): Table => {
  const paths = [...r.fields.map((f) => `byField.${f.id}`), "models"]
  return {
    id: "mo-hinh-theo-don-vi",
    title: "Số mô hình theo đơn vị",
    sheetName: "Theo đơn vị",
    columns: [
      text("Mã"),
      text("Đơn vị"),
      ...r.fields.map((f) => count(f.name, Labels.fieldShort(f))),
      count("Tổng số mô hình", "Tổng"),
      text("Tình hình báo cáo", "Báo cáo"),
      date("Ngày gửi")
    ],
    rows: byUnitRows(r, paths).map(({ line, values }) => [
      line?.code ?? "",
      line?.name ?? otherReports,
      ...values,
      line === undefined ? "" : Labels.submission[line.submission],
      line?.submittedOn ?? null
    ]),
    total: ["", "Tổng cộng", ...paths.map((p) => total(r, p)), "", null]
  }
}

const completenessTable = (r: SixMonthReport): Table => ({
  id: "tinh-hinh-bao-cao",
  title: "Tình hình gửi báo cáo",
  sheetName: "Tình hình báo cáo",
  columns: [
    text("Mã"),
    text("Đơn vị"),
    text("Cấp"),
    date("Hạn gửi"),
    date("Ngày gửi"),
    text("Tình hình báo cáo"),
    count("Đúng hạn"),
    count("Muộn"),
    count("Chưa gửi")
  ],
  rows: r.units.map((u) => [
    u.code,
    u.name,
    Labels.unitLevel[u.level],
    u.deadline,
    u.submittedOn ?? null,
    Labels.submission[u.submission],
    u.submission === "onTime" ? 1 : 0,
    u.submission === "late" ? 1 : 0,
    u.submission === "missing" ? 1 : 0
  ]),
  total: [
    "",
    `Tổng số: ${formatCount(r.expected)} đơn vị phải báo cáo`,
    "",
    null,
    null,
    "",
    ...(["onTime", "late", "missing"] as const).map((s) => r.units.filter((u) => u.submission === s).length)
  ]
})

const committeeTable = (r: SixMonthReport): Table => ({
  id: "ban-chi-dao",
  title: "Thành phần Ban Chỉ đạo",
  sheetName: "Ban Chỉ đạo",
  columns: [text("Ban Chỉ đạo"), text("Chức vụ trong Ban"), text("Họ và tên"), text("Chức danh")],
  rows: r.committees.flatMap((c) => c.members.map((m) => [c.name, m.post, m.name, m.titles.join(", ")]))
})

const directiveTable = (r: SixMonthReport): Table => ({
  id: "van-ban-va-nhiem-vu",
  title: "Văn bản còn hiệu lực và nhiệm vụ",
  sheetName: "Văn bản và nhiệm vụ",
  columns: [text("Loại"), text("Số hiệu"), date("Ngày ban hành"), text("Nội dung")],
  rows: [
    ...r.directives.map((d) => ["Văn bản còn hiệu lực", d.number, d.issuedOn, d.title]),
    ...r.tasks.map((x) => [`Nhiệm vụ ${r.nextPeriodLabel}`, x.number, null, x.description])
  ]
})

const modelTable = (r: SixMonthReport): Table => ({
  id: "danh-sach-mo-hinh",
  title: `Mô hình đăng ký${r.phaseLabel === undefined ? "" : ` ${lower(r.phaseLabel)}`}`,
  sheetName: "Danh sách mô hình",
  columns: [
    text("Tên mô hình"),
    text("Đơn vị"),
    text("Lĩnh vực"),
    date("Ngày đăng ký"),
    text("Tình trạng"),
    text("Xếp loại")
  ],
  rows: r.models.map((m) => [
    m.name,
    m.unit,
    m.field,
    m.registeredOn,
    Labels.modelStatusHeading[m.status],
    m.rating === undefined ? "" : Labels.rating[m.rating]
  ])
})

const progressTable = (r: SixMonthReport, lines: ReadonlyArray<TaskProgressLine>): Table => ({
  id: "ket-qua-thuc-hien-nhiem-vu",
  title: `Kết quả thực hiện nhiệm vụ — ${r.unitName}`,
  sheetName: "Kết quả nhiệm vụ",
  columns: [text("Văn bản"), text("Nhiệm vụ"), text("Tình trạng"), text("Ghi chú")],
  rows: lines.map((l) => [l.number, l.description, Labels.taskStatus[l.status], l.note ?? ""])
})

/**
 * A follow-up of a directive's tasks as a table: per task, the units done, in progress, not started
 * and not reported (counts), and who has not started or not reported.
 *
 * @category rendering
 * @since 0.1.0
 */
export const taskFollowUpTable = (section: TaskFollowUpSection): Table => {
  const name = (id: string) => section.unitNames?.[id] ?? id
  const slug = section.directiveNumber
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .replace(/[đĐ]/gu, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-|-$/gu, "")
  return {
    id: `theo-doi-nhiem-vu${slug === "" ? "" : `-${slug}`}`,
    title: `Theo dõi thực hiện nhiệm vụ theo văn bản số ${section.directiveNumber}`,
    sheetName: "Theo dõi nhiệm vụ",
    columns: [
      text("STT"),
      text("Nhiệm vụ"),
      count(Labels.taskStatus.done),
      count(Labels.taskStatus.inProgress),
      count(Labels.taskStatus.notStarted),
      count("Chưa báo cáo"),
      text("Đơn vị chưa triển khai"),
      text("Đơn vị chưa báo cáo")
    ],
    rows: section.tasks.map((t, i) => [
      String(i + 1),
      t.description,
      t.counts.done,
      t.counts.inProgress,
      t.counts.notStarted,
      t.notReported.length,
      t.byStatus.notStarted.map(name).join(", "),
      t.notReported.map(name).join(", ")
    ]),
    note: "Số đơn vị theo tình trạng tự báo cáo trong báo cáo kỳ này; chưa báo cáo: đơn vị được giao mà báo cáo không nêu nhiệm vụ."
  }
}

/**
 * The report's tables, one per sheet of a workbook or CSV file: the consolidation (every indicator
 * by unit, with totals), models by field, models by field and unit, completeness and timeliness,
 * the committees, the directives and tasks, and the models of the phase. A later table (the
 * follow-up of tasks, say) is one more entry here: every output picks it up.
 *
 * @category rendering
 * @since 0.1.0
 */
export const tables = (r: SixMonthReport): ReadonlyArray<Table> => [
  consolidationTable(r),
  fieldTable(r),
  unitTable(r),
  completenessTable(r),
  committeeTable(r),
  directiveTable(r),
  modelTable(r),
  ...(r.taskProgress === undefined || r.taskProgress.length === 0 ? [] : [progressTable(r, r.taskProgress)]),
  ...(r.taskFollowUps ?? []).map(taskFollowUpTable)
]

/** On time green, late orange, not sent red: the colours a reader expects of them. */
const submissionColor: Readonly<Record<Submission, string>> = {
  onTime: "70AD47",
  late: "ED7D31",
  missing: "C00000"
}

/**
 * The report's charts: models by field, models by field and unit (stacked), and completeness by
 * unit (the units expected to report within each unit directly below the reporting one, stacked by
 * on time, late and not sent).
 *
 * @category rendering
 * @since 0.1.0
 */
export const charts = (r: SixMonthReport): ReadonlyArray<Chart> => {
  const groups = r.groups
  const within = (g: string) => r.units.filter((u) => u.underId === g)
  return [
    {
      id: "bieu-do-mo-hinh-theo-linh-vuc",
      title: "Số mô hình theo lĩnh vực",
      valueTitle: "Số mô hình",
      categories: r.fields.map((f) => f.name),
      series: [{ name: "Số mô hình", values: r.fields.map((f) => total(r, `byField.${f.id}`)) }],
      stacked: false
    },
    {
      id: "bieu-do-mo-hinh-theo-don-vi",
      title: "Số mô hình theo đơn vị và lĩnh vực",
      valueTitle: "Số mô hình",
      categories: groups.map((g) => g.name),
      series: r.fields.map((f) => ({
        name: f.name,
        values: groups.map((g) =>
          within(g.unitId).reduce((a, u) => a + (u.figures?.[`byField.${f.id}`] ?? 0), 0)
        )
      })),
      stacked: true
    },
    {
      id: "bieu-do-tinh-hinh-bao-cao",
      title: "Tình hình gửi báo cáo theo đơn vị",
      valueTitle: "Số đơn vị phải báo cáo",
      categories: groups.map((g) => g.name),
      series: (["onTime", "late", "missing"] as const).map((s) => ({
        name: Labels.submission[s],
        color: submissionColor[s],
        values: groups.map((g) => within(g.unitId).filter((u) => u.submission === s).length)
      })),
      stacked: true
    }
  ]
}

// ---------------------------------------------------------------------------------------------
// the document
// ---------------------------------------------------------------------------------------------

const namesOf = (r: SixMonthReport, s: Submission) =>
  r.units
    .filter((u) => u.submission === s)
    .map((u) => (u.submittedOn === undefined ? u.name : `${u.name}, gửi ngày ${formatDate(u.submittedOn)}`))

/**
 * The report as a document in Vietnamese: the DVK movement (figures, models by field and by unit,
 * how the units reported, models of the phase), the steering committees, the directives in force
 * and the tasks for the next period, in numbered sections.
 *
 * @category rendering
 * @since 0.1.0
 */
export const document = (r: SixMonthReport): Document => {
  const t = r.totals
  const n = (path: string) => formatCount(t[path] ?? 0)
  const onTime = namesOf(r, "onTime")
  const late = namesOf(r, "late")
  const missing = namesOf(r, "missing")
  const [fieldChart, unitChart, completenessChart] = charts(r)
  const all = tables(r)
  const table = (id: string) => all.find((x) => x.id === id)!
  const levelName = r.units.length > 0 ? lower(Labels.unitLevel[r.units[0]!.level]) : "cơ sở"
  const blocks: Array<Block> = [
    {
      _tag: "paragraph",
      text: `Công tác thực hiện Quy chế dân chủ ở cơ sở và phong trào thi đua "Dân vận khéo" — ${r.unitName} (mã ${r.unitCode}). Ngày báo cáo ${formatDate(r.reportDate)}; số liệu đến hết ngày ${formatDate(r.asOf)}.`
    },
    { _tag: "heading", text: 'I. Phong trào thi đua "Dân vận khéo"' },
    {
      _tag: "paragraph",
      text: `Trong ${lower(r.periodLabel)}, các cơ quan, địa phương, đơn vị trên địa bàn ${r.area} đang tiếp tục triển khai thực hiện ${n("models")} mô hình "Dân vận khéo" (${n("newModels")} mô hình mới), trong đó ${n("effective")} mô hình được đánh giá hiệu quả, ${n("commended")} mô hình được khen thưởng, ${n("replicated")} mô hình được nhân rộng; phát hiện ${n("exemplaryCases")} điển hình.`
    },
    { _tag: "subheading", text: "1. Số mô hình theo lĩnh vực" },
    { _tag: "table", table: table("mo-hinh-theo-linh-vuc") },
    { _tag: "chart", chart: fieldChart! },
    { _tag: "subheading", text: `2. Số mô hình theo đơn vị ${levelName}` },
    {
      _tag: "table",
      table: { ...table("mo-hinh-theo-don-vi"), title: `Số mô hình theo đơn vị ${levelName}` }
    },
    { _tag: "chart", chart: unitChart! },
    {
      _tag: "paragraph",
      text: `3. Tình hình gửi báo cáo: ${formatCount(r.expected)} đơn vị phải báo cáo; ${onTime.length} đơn vị gửi đúng hạn; ${late.length} đơn vị gửi muộn; ${missing.length} đơn vị chưa gửi.`
    },
    ...(late.length + missing.length + r.violations.length === 0
      ? []
      : [
          {
            _tag: "list" as const,
            items: [
              ...late.map((x) => `Gửi muộn: ${x}`),
              ...missing.map((x) => `Chưa gửi: ${x}`),
              ...r.violations.map((v) => `Số liệu chưa hợp lệ: ${v}`)
            ]
          }
        ]),
    { _tag: "chart", chart: completenessChart! },
    {
      _tag: "subheading",
      text: `4. Một số mô hình tiêu biểu đăng ký${r.phaseLabel === undefined ? "" : ` ${lower(r.phaseLabel)}`}`
    },
    {
      _tag: "list",
      items: r.models.map(
        (m) =>
          `${m.name} — ${m.unit}; lĩnh vực ${m.field}; ${Labels.modelStatus[m.status]}${m.rating === undefined ? "" : `, xếp loại ${Labels.rating[m.rating]}`}`
      )
    },
    { _tag: "heading", text: "II. Ban Chỉ đạo (thành phần minh họa)" },
    ...r.committees.flatMap(
      (c): ReadonlyArray<Block> => [
        { _tag: "paragraph", text: c.name },
        {
          _tag: "table",
          table: {
            id: "ban-chi-dao",
            title: c.name,
            sheetName: "Ban Chỉ đạo",
            columns: [text("Chức vụ trong Ban"), text("Họ và tên"), text("Chức danh")],
            rows: c.members.map((m) => [m.post, m.name, m.titles.join(", ")])
          }
        }
      ]
    ),
    { _tag: "heading", text: `III. Văn bản chỉ đạo còn hiệu lực ngày ${formatDate(r.reportDate)}` },
    {
      _tag: "list",
      items: r.directives.map((d) => {
        const later =
          d.replacedBy.length === 0
            ? ""
            : ` (sau được thay thế bởi ${d.replacedBy.map((x) => `${x.number} từ ${formatDate(x.effectiveFrom)}`).join(", rồi ")})`
        return `${d.number} ngày ${formatDate(d.issuedOn)} của ${d.issuer}: ${d.title}${later}`
      })
    },
    ...(r.taskProgress === undefined || r.taskProgress.length === 0
      ? []
      : [
          { _tag: "heading" as const, text: "IV. Kết quả thực hiện nhiệm vụ" },
          {
            _tag: "list" as const,
            numbered: true,
            items: r.taskProgress.map(
              (l) =>
                `${l.description.replace(/[.;]\s*$/u, "")} (${l.number}): ${Labels.taskStatus[l.status].toLowerCase()}${l.note === undefined ? "" : `. ${l.note}`}`
            )
          }
        ]),
    {
      _tag: "heading",
      text: `${r.taskProgress === undefined || r.taskProgress.length === 0 ? "IV" : "V"}. Nhiệm vụ ${r.nextPeriodLabel}`
    },
    { _tag: "list", numbered: true, items: r.tasks.map((x) => `${x.description} (${x.number})`) }
  ]
  return {
    kind: "Báo cáo",
    title: `BÁO CÁO SƠ KẾT ${r.periodLabel.toUpperCase()}`,
    summary: `Sơ kết ${lower(r.periodLabel)} công tác thực hiện Quy chế dân chủ ở cơ sở và phong trào thi đua "Dân vận khéo"`,
    blocks
  }
}
