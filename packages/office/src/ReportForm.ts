/**
 * Report forms (biểu mẫu báo cáo) in Excel: the workbook a unit fills in for one period, and the
 * import of the filled workbook back into a `Report.ReportContent`.
 *
 * The form is generated from the programme's indicator set (`Figures`: DVK or QCDC), the province's
 * model fields and its own extra indicators. Every indicator has a row: its number, its Vietnamese
 * name (`Labels`), its code (the indicator path of `Figures.flatten`, by which the import finds the
 * row), and the cell to fill: yellow, unlocked, and validated by the spreadsheet as a whole number
 * from 0 up. Totals are formulas the reader sees computed (the models are the sum of the models by
 * field; the models by status are summed beside a check that they match), and the sheet is
 * protected (without a password) so the labels and formulas stay as written. The three text
 * sections of a report (achievements, shortcomings, next tasks) have a cell each. A hidden sheet
 * names the unit, programme and period, so a form filled for another unit or period is refused.
 *
 * {@link read} reads every indicator cell and reports every problem at once, each a typed error
 * naming the sheet and cell (`'Báo cáo'!D9`): an empty cell, text in a number cell, a number that
 * is not a count, a total that does not match its parts, and each violation of the consistency
 * rules of `FiguresRules.check` (with the cells it involves). What it returns passes those rules.
 *
 * @since 0.1.0
 */
import {
  DanvanError,
  Directive,
  DocumentNumber,
  Figures,
  FiguresRules,
  type FiguresRules as FiguresRulesNs,
  type Ids,
  Labels,
  Period,
  type Programme,
  Report,
  TaskFollowUp,
  Text,
  Violation
} from "@danvan/core"
import { Effect, Result, Schema } from "effect"
import type ExcelJS from "exceljs"
import {
  attempt,
  columnLetter,
  countFormat,
  font,
  newWorkbook,
  type OfficeError,
  styleHeader,
  thin,
  toBytes
} from "./Excel.ts"

// ---------------------------------------------------------------------------------------------
// what a form is for
// ---------------------------------------------------------------------------------------------

/**
 * What a form is generated for, and what an import checks the filled form against.
 *
 * @category models
 * @since 0.1.0
 */
export interface FormSpec {
  /** The reporting unit: id, full name (`Huyện Kim Sơn`) and statistics code. */
  readonly unit: { readonly id: string; readonly name: string; readonly code?: string }
  readonly programme: Programme.Programme
  readonly periodId: Period.PeriodId
  /** The model fields (DVK), in order: `ModelField` records or `{ id, name }`. */
  readonly fields: ReadonlyArray<{ readonly id: string; readonly name: string }>
  /** The province's own indicators (`extra.<code>`), in order. */
  readonly extra?: ReadonlyArray<{ readonly code: string; readonly name: string }>
  /** The regime's name, shown on the form. */
  readonly regimeName?: string
  /**
   * The tasks the unit reports on in the period ({@link formTasks} of the directives applicable to
   * it, `Directives.directivesApplicable`, keeping those assigned to it,
   * `TaskAssignment.isAssignee`), in order: each gets a row on the sheet {@link tasksSheetName}
   * with a drop-down status and a note. Without tasks the form has no such sheet and reads back no
   * follow-up.
   */
  readonly tasks?: ReadonlyArray<FormTask>
}

/**
 * A task on the form: its directive (id and number as written, `01/2017/KL-BDVTU`) and the task
 * (id and text).
 *
 * @category models
 * @since 0.1.0
 */
export interface FormTask {
  readonly directiveId: Ids.DirectiveId
  readonly directiveNumber: string
  readonly taskId: Ids.TaskId
  readonly description: string
}

/**
 * The form's tasks of directives, in their order, each directive's number written as on its
 * documents (`DocumentNumber.format`, read in the directive's context); `include` keeps only some
 * tasks (those assigned to the unit, say).
 *
 * @category constructors
 * @since 0.1.0
 */
export const formTasks = (
  directives: ReadonlyArray<Pick<Directive.Directive, "id" | "number" | "tasks" | "issuedBy">>,
  include: (directive: Directive.Directive["id"], task: Directive.Task) => boolean = () => true
): ReadonlyArray<FormTask> =>
  directives.flatMap((d) => {
    const number = DocumentNumber.format(d.number, Directive.registryFor(d))
    return d.tasks
      .filter((task) => include(d.id, task))
      .map((task) => ({
        directiveId: d.id,
        directiveNumber: number,
        taskId: task.id,
        description: task.description
      }))
  })

/**
 * The name of the sheet of task follow-up (tiến độ thực hiện nhiệm vụ).
 *
 * @category constants
 * @since 0.1.0
 */
export const tasksSheetName = "Nhiệm vụ"

/**
 * The name of the sheet to fill.
 *
 * @category constants
 * @since 0.1.0
 */
export const sheetName = "Báo cáo"
const metaSheet = "danvan"
const formMarker = "danvan-report-form"
const formVersion = 1

const valueColumn = 4
const codeColumn = 3
const checkColumn = 5
const firstRow = 7
const headerRowNumber = 6

type Line =
  | { readonly _tag: "input"; readonly number: string; readonly label: string; readonly path: string }
  | {
      readonly _tag: "sum"
      readonly number: string
      readonly label: string
      readonly path?: string
      /** The paths whose rows it sums. */
      readonly parts: ReadonlyArray<string>
      /** The path it must equal, with a check beside it. */
      readonly equals?: string
    }
  | {
      readonly _tag: "text"
      readonly label: string
      readonly path: "achievements" | "shortcomings" | "nextTasks"
    }

const textSections = [
  { path: "achievements", label: "Kết quả đạt được" },
  { path: "shortcomings", label: "Tồn tại, hạn chế" },
  { path: "nextTasks", label: "Nhiệm vụ kỳ tới" }
] as const

/** The form's lines, in order: the indicators of the programme, then the text sections. */
const linesOf = (spec: FormSpec): ReadonlyArray<Line> => {
  const extra = spec.extra ?? []
  const input = (number: string, path: string, label = Labels.indicator(path, spec.fields)): Line => ({
    _tag: "input",
    number,
    label,
    path
  })
  const extras = (start: number) => extra.map((e, i) => input(String(start + i), `extra.${e.code}`, e.name))
  const texts = textSections.map((t): Line => ({ _tag: "text", label: t.label, path: t.path }))
  if (spec.programme === "QCDC") {
    const scalars = Object.keys(Labels.qcdcIndicator)
    return [...scalars.map((p, i) => input(String(i + 1), p)), ...extras(scalars.length + 1), ...texts]
  }
  const byField = spec.fields.map((f) => `byField.${f.id}`)
  const byStatus = FiguresRules.statuses.map((s) => `byStatus.${s}`)
  const others = ["newModels", "effective", "commended", "replicated", "exemplaryCases"]
  return [
    {
      _tag: "sum",
      number: "1",
      label: "Tổng số mô hình đang triển khai thực hiện",
      path: "models",
      parts: byField
    },
    ...byField.map((p, i) => input(`1.${i + 1}`, p, `Lĩnh vực ${Labels.indicator(p, spec.fields)}`)),
    {
      _tag: "sum",
      number: "2",
      label: "Chia theo tình trạng (cộng bằng tổng số mô hình)",
      parts: byStatus,
      equals: "models"
    },
    ...byStatus.map((p, i) =>
      input(`2.${i + 1}`, p, Labels.modelStatusHeading[p.slice(9) as keyof typeof Labels.modelStatusHeading])
    ),
    ...others.map((p, i) => input(String(i + 3), p)),
    ...extras(others.length + 3),
    ...texts
  ]
}

// ---------------------------------------------------------------------------------------------
// problems
// ---------------------------------------------------------------------------------------------

/**
 * A cell reference as a formula writes it: `'Báo cáo'!D9`.
 *
 * @category formatting
 * @since 0.1.0
 */
export const reference = (sheet: string, cell: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/u.test(sheet) ? `${sheet}!${cell}` : `'${sheet.replaceAll("'", "''")}'!${cell}`

const at = { sheet: Schema.String, cell: Schema.String, indicator: Schema.String }

/**
 * A cell to fill was left empty (write 0 for none).
 *
 * @category violations
 * @since 0.1.0
 */
export class MissingValue extends Violation.TaggedClass<MissingValue>()(
  "MissingValue",
  at,
  (v) => `${reference(v.sheet, v.cell)} (${v.indicator}) is empty: write a whole number, 0 if there is none`
) {}

/**
 * A number cell holds text (or an error value).
 *
 * @category violations
 * @since 0.1.0
 */
export class NotANumber extends Violation.TaggedClass<NotANumber>()(
  "NotANumber",
  {
    ...at,
    text: Schema.String
  },
  (v) =>
    `${reference(v.sheet, v.cell)} (${v.indicator}) holds the text ${JSON.stringify(v.text)}, not a number`
) {}

/**
 * A number that is not a count: negative, with a fraction, or too large.
 *
 * @category violations
 * @since 0.1.0
 */
export class NotACount extends Violation.TaggedClass<NotACount>()(
  "NotACount",
  {
    ...at,
    value: Schema.Number
  },
  (v) =>
    `${reference(v.sheet, v.cell)} (${v.indicator}) is ${v.value}, which is not a count (a whole number from 0 up)`
) {}

/**
 * A total cell shows a value other than the sum of its parts (its formula was overwritten).
 *
 * @category violations
 * @since 0.1.0
 */
export class WrongTotal extends Violation.TaggedClass<WrongTotal>()(
  "WrongTotal",
  {
    ...at,
    shown: Schema.Number,
    sum: Schema.Number,
    parts: Schema.String
  },
  (v) =>
    `${reference(v.sheet, v.cell)} (${v.indicator}) shows ${v.shown}, but its parts ${v.parts} sum to ${v.sum}`
) {}

/**
 * The figures break a consistency rule of `FiguresRules.check`; `cells` are those involved.
 *
 * @category violations
 * @since 0.1.0
 */
export class InconsistentFigures extends Violation.TaggedClass<InconsistentFigures>()(
  "InconsistentFigures",
  {
    sheet: Schema.String,
    cells: Schema.Array(Schema.String),
    rule: Schema.String
  },
  (v) => `${v.cells.map((c) => reference(v.sheet, c)).join(", ")}: ${v.rule}`
) {}

/**
 * A text section cannot be read as text (a number where words belong, say).
 *
 * @category violations
 * @since 0.1.0
 */
export class InvalidText extends Violation.TaggedClass<InvalidText>()(
  "InvalidText",
  {
    ...at,
    reason: Schema.String
  },
  (v) => `${reference(v.sheet, v.cell)} (${v.indicator}): ${v.reason}`
) {}

/**
 * The workbook is not a danvan report form, or not this unit's, programme's or period's.
 *
 * @category violations
 * @since 0.1.0
 */
export class NotThisForm extends Violation.TaggedClass<NotThisForm>()(
  "NotThisForm",
  {
    sheet: Schema.String,
    cell: Schema.String,
    detail: Schema.String
  },
  (v) => `${reference(v.sheet, v.cell)}: ${v.detail}`
) {}

/**
 * A task's status cell holds words that are not one of the drop-down's labels
 * (`Labels.taskStatus`), or is empty beside a note.
 *
 * @category violations
 * @since 0.1.0
 */
export class UnknownTaskStatus extends Violation.TaggedClass<UnknownTaskStatus>()(
  "UnknownTaskStatus",
  { ...at, text: Schema.String },
  (v) =>
    `${reference(v.sheet, v.cell)} (${v.indicator}) ${v.text === "" ? "has a note but no status" : `holds ${JSON.stringify(v.text)}, which is not a status`}: choose one of ${statusChoices}`
) {}

/**
 * A row of the task sheet names a task the form was not made with (a row copied from another
 * form, or a code edited), or a task a second time.
 *
 * @category violations
 * @since 0.1.0
 */
export class UnknownTask extends Violation.TaggedClass<UnknownTask>()(
  "UnknownTask",
  {
    sheet: Schema.String,
    cell: Schema.String,
    directiveId: Schema.String,
    taskId: Schema.String,
    again: Schema.Boolean
  },
  (v) =>
    v.again
      ? `${reference(v.sheet, v.cell)}: task ${JSON.stringify(v.taskId)} of directive ${JSON.stringify(v.directiveId)} has a second row; report each task once`
      : `${reference(v.sheet, v.cell)}: task ${JSON.stringify(v.taskId)} of directive ${JSON.stringify(v.directiveId)} is not one of the tasks this form was made for`
) {}

/**
 * Every problem a filled form can have.
 *
 * @category violations
 * @since 0.1.0
 */
export const FormProblem = Schema.Union([
  MissingValue,
  NotANumber,
  NotACount,
  WrongTotal,
  InconsistentFigures,
  InvalidText,
  NotThisForm,
  UnknownTaskStatus,
  UnknownTask
])
/**
 * @category violations
 * @since 0.1.0
 */
export type FormProblem = typeof FormProblem.Type

/**
 * A filled form was refused; `problems` lists every problem found, in the order of the form.
 *
 * @category errors
 * @since 0.1.0
 */
export class FormRejected extends DanvanError.TaggedError<FormRejected>()("FormRejected", {
  problems: Schema.Array(FormProblem)
}) {
  override get message(): string {
    return `the report form has ${this.problems.length} problem(s):\n${this.problems.map((p) => `- ${p.message}`).join("\n")}`
  }
}

/**
 * Content that a form cannot hold (an indicator the form has no row for, a character XML cannot carry).
 *
 * @category errors
 * @since 0.1.0
 */
export class UnwritableContent extends DanvanError.TaggedError<UnwritableContent>()("UnwritableContent", {
  detail: Schema.String
}) {
  override get message(): string {
    return `the report content cannot be written into the form: ${this.detail}`
  }
}

// ---------------------------------------------------------------------------------------------
// the template
// ---------------------------------------------------------------------------------------------

const statusChoices = Object.values(Labels.taskStatus)
  .map((l) => JSON.stringify(l))
  .join(", ")

const inputFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } }

/** XML 1.0 cannot carry these (a workbook's text is XML). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is looked for
const unwritable = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u

/** Where each line sits: its row, by code. */
const layout = (lines: ReadonlyArray<Line>) => new Map(lines.map((l, i) => [l.path ?? `#${i}`, firstRow + i]))

const writeForm = (workbook: ExcelJS.Workbook, spec: FormSpec, content: Report.ReportContent | undefined) => {
  const lines = linesOf(spec)
  const rows = layout(lines)
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", ySplit: headerRowNumber }],
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
  })
  const flat = content === undefined ? undefined : Figures.flatten(content.figures)
  const title = (row: number, text: string, bold: boolean) => {
    sheet.mergeCells(`A${row}:E${row}`)
    const c = sheet.getCell(`A${row}`)
    c.value = text
    c.font = { ...font, bold, size: bold ? 13 : 12 }
    c.alignment = { wrapText: true, vertical: "middle" }
  }
  title(1, `BIỂU BÁO CÁO SỐ LIỆU — ${Labels.programme[spec.programme].toUpperCase()}`, true)
  title(
    2,
    `Đơn vị báo cáo: ${spec.unit.name}${spec.unit.code === undefined ? "" : ` (mã ${spec.unit.code})`}`,
    false
  )
  title(
    3,
    `Kỳ báo cáo: ${Period.label(Period.fromId(spec.periodId))} (${spec.periodId})${spec.regimeName === undefined ? "" : ` — ${spec.regimeName}`}`,
    false
  )
  title(4, "Nhập số nguyên không âm vào các ô màu vàng (0 nếu không có); các dòng tổng tự tính.", false)
  sheet.getCell("A4").font = { ...font, italic: true }
  const header = sheet.getRow(headerRowNumber)
  ;["STT", "Chỉ tiêu", "Mã chỉ tiêu", "Số liệu", "Kiểm tra"].forEach((h, i) => {
    header.getCell(i + 1).value = h
    styleHeader(header.getCell(i + 1))
  })
  const problems: Array<string> = []
  for (const [i, line] of lines.entries()) {
    const rowNumber = firstRow + i
    const row = sheet.getRow(rowNumber)
    const value = row.getCell(valueColumn)
    row.getCell(1).value = line._tag === "text" ? "" : line.number
    row.getCell(2).value = line.label
    row.getCell(codeColumn).value = line.path ?? ""
    for (let c = 1; c <= 5; c++) {
      row.getCell(c).font = { ...font, bold: line._tag === "sum" || (line._tag === "text" && c === 2) }
      row.getCell(c).border = thin
      row.getCell(c).alignment = { vertical: "top", wrapText: c === 2 || c === valueColumn }
    }
    row.getCell(codeColumn).font = { ...font, size: 9, color: { argb: "FF808080" } }
    switch (line._tag) {
      case "input": {
        value.value = flat === undefined ? 0 : (flat[line.path] ?? 0)
        value.numFmt = countFormat
        value.fill = inputFill
        value.protection = { locked: false }
        value.dataValidation = {
          type: "whole",
          operator: "greaterThanOrEqual",
          formulae: [0],
          allowBlank: false,
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: "Số liệu không hợp lệ",
          error: "Nhập số nguyên không âm (0, 1, 2, …).",
          showInputMessage: true,
          promptTitle: line.label.slice(0, 32),
          prompt: "Số nguyên không âm."
        }
        break
      }
      case "sum": {
        const cells = line.parts.map((p) => `${columnLetter(valueColumn)}${rows.get(p)}`)
        const range = cells.length === 0 ? "0" : `SUM(${cells[0]}:${cells[cells.length - 1]})`
        const sum = line.parts.reduce((a, p) => a + (flat?.[p] ?? 0), 0)
        value.value = { formula: range, result: sum }
        value.numFmt = countFormat
        if (line.equals !== undefined) {
          const other = `${columnLetter(valueColumn)}${rows.get(line.equals)}`
          const self = `${columnLetter(valueColumn)}${rowNumber}`
          const matches = sum === (flat?.[line.equals] ?? 0)
          row.getCell(checkColumn).value = {
            formula: `IF(${self}=${other},"Khớp","Chưa khớp")`,
            result: matches ? "Khớp" : "Chưa khớp"
          }
        }
        break
      }
      case "text": {
        const text = content === undefined ? "" : content[line.path]
        if (unwritable.test(text)) problems.push(`the ${line.path} text holds a control character`)
        if (text.length > 32767)
          problems.push(`the ${line.path} text is longer than a cell holds (32,767 characters)`)
        value.value = text
        value.fill = inputFill
        value.protection = { locked: false }
        sheet.mergeCells(rowNumber, valueColumn, rowNumber, checkColumn)
        row.height = 90
        break
      }
    }
  }
  if (flat !== undefined) {
    const known = new Set(lines.flatMap((l) => (l.path === undefined ? [] : [l.path])))
    for (const [path, n] of Object.entries(flat)) {
      if (!known.has(path) && n !== 0) problems.push(`the form has no row for the indicator ${path}`)
    }
  }
  sheet.getColumn(1).width = 6
  sheet.getColumn(2).width = 48
  sheet.getColumn(3).width = 20
  sheet.getColumn(4).width = 16
  sheet.getColumn(5).width = 12
  const tasks =
    spec.tasks !== undefined && spec.tasks.length > 0
      ? writeTasks(workbook, spec, content, problems)
      : undefined
  const meta = workbook.addWorksheet(metaSheet, { state: "veryHidden" })
  const entries: ReadonlyArray<readonly [string, string | number]> = [
    ["form", formMarker],
    ["version", formVersion],
    ["unitId", spec.unit.id],
    ["programme", spec.programme],
    ["periodId", spec.periodId]
  ]
  entries.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k
    meta.getCell(i + 1, 2).value = v
  })
  return { sheets: tasks === undefined ? [sheet] : [sheet, tasks], problems }
}

const taskHeaderRow = 4
const taskColumns = {
  number: 1,
  directive: 2,
  task: 3,
  status: 4,
  note: 5,
  directiveId: 6,
  taskId: 7
} as const

/** The task sheet: one row per task, its status a drop-down of `Labels.taskStatus`, then a note. */
const writeTasks = (
  workbook: ExcelJS.Workbook,
  spec: FormSpec,
  content: Report.ReportContent | undefined,
  problems: Array<string>
) => {
  const tasks = spec.tasks ?? []
  const sheet = workbook.addWorksheet(tasksSheetName, {
    views: [{ state: "frozen", ySplit: taskHeaderRow }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
  })
  const progress = new Map((content?.taskProgress ?? []).map((p) => [TaskFollowUp.taskKey(p), p]))
  const known = new Set(tasks.map((t) => TaskFollowUp.taskKey(t)))
  for (const p of content?.taskProgress ?? []) {
    if (!known.has(TaskFollowUp.taskKey(p)))
      problems.push(`the form has no row for task ${p.taskId} of directive ${p.directiveId}`)
  }
  sheet.mergeCells("A1:E1")
  sheet.getCell("A1").value = "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ"
  sheet.getCell("A1").font = { ...font, bold: true, size: 13 }
  sheet.mergeCells("A2:E2")
  sheet.getCell("A2").value =
    `Chọn tình trạng của từng nhiệm vụ trong ô màu vàng (${Object.values(Labels.taskStatus).join(", ")}); để trống nếu chưa báo cáo. Ghi chú: đã làm gì, vướng mắc gì.`
  sheet.getCell("A2").font = { ...font, italic: true }
  sheet.getCell("A2").alignment = { wrapText: true }
  sheet.getRow(2).height = 32
  const header = sheet.getRow(taskHeaderRow)
  ;["STT", "Văn bản", "Nhiệm vụ", "Tình trạng", "Ghi chú", "Mã văn bản", "Mã nhiệm vụ"].forEach((h, i) => {
    header.getCell(i + 1).value = h
    styleHeader(header.getCell(i + 1))
  })
  const list = `"${Object.values(Labels.taskStatus).join(",")}"`
  for (const [i, task] of tasks.entries()) {
    const row = sheet.getRow(taskHeaderRow + 1 + i)
    const entry = progress.get(TaskFollowUp.taskKey(task))
    const note = entry?.note ?? ""
    for (const text of [task.directiveNumber, task.description, note, task.directiveId, task.taskId]) {
      if (unwritable.test(text))
        problems.push(`the text ${JSON.stringify(text.slice(0, 40))} holds a control character`)
    }
    row.getCell(taskColumns.number).value = i + 1
    row.getCell(taskColumns.directive).value = task.directiveNumber
    row.getCell(taskColumns.task).value = task.description
    row.getCell(taskColumns.status).value = entry === undefined ? null : Labels.taskStatus[entry.status]
    row.getCell(taskColumns.note).value = note
    row.getCell(taskColumns.directiveId).value = task.directiveId
    row.getCell(taskColumns.taskId).value = task.taskId
    for (let c = 1; c <= 7; c++) {
      const cell = row.getCell(c)
      cell.font =
        c >= taskColumns.directiveId ? { ...font, size: 9, color: { argb: "FF808080" } } : { ...font }
      cell.border = thin
      cell.alignment = { vertical: "top", wrapText: c === taskColumns.task || c === taskColumns.note }
    }
    // Spreadsheets do not grow a row for wrapped text they did not lay out themselves.
    const lines = Math.max(
      1,
      Math.ceil(task.description.length / 60),
      Math.ceil(note.length / 40),
      Math.ceil(task.directiveNumber.length / 20)
    )
    row.height = Math.max(30, 16 * lines)
    for (const c of [taskColumns.status, taskColumns.note]) {
      row.getCell(c).fill = inputFill
      row.getCell(c).protection = { locked: false }
    }
    row.getCell(taskColumns.status).dataValidation = {
      type: "list",
      formulae: [list],
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Tình trạng không hợp lệ",
      error: `Chọn một trong: ${Object.values(Labels.taskStatus).join(", ")}.`,
      showInputMessage: true,
      promptTitle: "Tình trạng",
      prompt: "Chọn trong danh sách."
    }
  }
  sheet.getColumn(1).width = 6
  sheet.getColumn(2).width = 20
  sheet.getColumn(3).width = 60
  sheet.getColumn(4).width = 18
  sheet.getColumn(5).width = 40
  sheet.getColumn(6).width = 14
  sheet.getColumn(7).width = 12
  return sheet
}

/**
 * The form for a unit and period, empty (every count 0) or filled with a report's content (to send
 * back a returned report, say). Fails with {@link UnwritableContent} when the content has an
 * indicator the form has no row for or text a cell cannot hold.
 *
 * @category rendering
 * @since 0.1.0
 */
export const template = (
  spec: FormSpec,
  content?: Report.ReportContent
): Effect.Effect<Uint8Array, OfficeError | UnwritableContent> =>
  Effect.gen(function* () {
    const workbook = yield* newWorkbook(`Báo cáo ${spec.periodId} — ${spec.unit.name}`)
    const { sheets, problems } = writeForm(workbook, spec, content)
    if (problems.length > 0) return yield* new UnwritableContent({ detail: problems.join("; ") })
    for (const sheet of sheets) {
      yield* attempt("protecting the form", () =>
        sheet.protect("", {
          selectLockedCells: true,
          selectUnlockedCells: true,
          formatColumns: true,
          formatRows: true
        })
      )
    }
    return yield* toBytes(workbook)
  })

// ---------------------------------------------------------------------------------------------
// the import
// ---------------------------------------------------------------------------------------------

type Read =
  | { readonly _tag: "number"; readonly value: number }
  | { readonly _tag: "empty" }
  | { readonly _tag: "text"; readonly text: string }
  | { readonly _tag: "formula"; readonly result: number | undefined }

const plain = (v: ExcelJS.CellValue): string | undefined => {
  if (typeof v === "string") return v
  if (v !== null && typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("")
  return undefined
}

/** What a cell holds, as far as a count is concerned. */
const readCell = (cell: ExcelJS.Cell): Read => {
  const v = cell.value
  if (v === null || v === undefined) return { _tag: "empty" }
  if (typeof v === "number") return { _tag: "number", value: v }
  if (typeof v === "boolean") return { _tag: "text", text: String(v) }
  if (v instanceof Date) return { _tag: "text", text: v.toISOString().slice(0, 10) }
  const text = plain(v)
  if (text !== undefined) return text.trim() === "" ? { _tag: "empty" } : { _tag: "text", text }
  if (typeof v !== "object") return { _tag: "text", text: cell.text }
  if ("error" in v) return { _tag: "text", text: v.error }
  if ("formula" in v || "sharedFormula" in v) {
    const result = (v as { result?: unknown }).result
    if (typeof result === "number") return { _tag: "formula", result }
    if (result === undefined || result === null) return { _tag: "formula", result: undefined }
    return {
      _tag: "text",
      text: typeof result === "object" && "error" in result ? String(result.error) : String(result)
    }
  }
  return { _tag: "text", text: cell.text }
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0

/** The rows by indicator code, as the filled sheet has them (column C). */
const rowsByCode = (sheet: ExcelJS.Worksheet): Map<string, number> => {
  const out = new Map<string, number>()
  sheet.eachRow((row, rowNumber) => {
    const code = plain(row.getCell(codeColumn).value)
    if (code !== undefined && code !== "" && rowNumber > headerRowNumber) out.set(code.trim(), rowNumber)
  })
  return out
}

const cellsOf = (violation: FiguresRulesNs.FiguresViolation, paths: (p: string) => ReadonlyArray<string>) => {
  switch (violation._tag) {
    case "BreakdownMismatch":
      return [...paths(`${violation.breakdown}.`), ...paths(violation.total)]
    case "ExceedsBound":
      return [...paths(violation.indicator), ...paths(violation.bound)]
    case "InvalidCount":
      return paths(violation.indicator)
  }
}

/** The task sheet read back: the follow-up, or the problems with its cells. */
const readTasks = (
  spec: FormSpec,
  workbook: ExcelJS.Workbook
): { readonly progress: Array<TaskFollowUp.TaskProgress>; readonly problems: Array<FormProblem> } => {
  const tasks = spec.tasks ?? []
  const progress: Array<TaskFollowUp.TaskProgress> = []
  const problems: Array<FormProblem> = []
  if (tasks.length === 0) return { progress, problems }
  const sheet = workbook.getWorksheet(tasksSheetName)
  if (sheet === undefined) {
    problems.push(
      new NotThisForm({
        sheet: tasksSheetName,
        cell: "A1",
        detail: `the sheet "${tasksSheetName}" is missing`
      })
    )
    return { progress, problems }
  }
  const byKey = new Map(tasks.map((t) => [TaskFollowUp.taskKey(t), t]))
  const decode = new Map(
    Object.entries(Labels.taskStatus).map(([status, label]) => [
      label.normalize("NFC").toLocaleLowerCase("vi"),
      status as TaskFollowUp.TaskStatus
    ])
  )
  const seen = new Set<string>()
  const cellText = (cell: ExcelJS.Cell) => {
    const v = cell.value
    return v === null || v === undefined ? "" : plain(v)
  }
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= taskHeaderRow) return
    const directiveId = (
      cellText(row.getCell(taskColumns.directiveId)) ?? row.getCell(taskColumns.directiveId).text
    ).trim()
    const taskId = (cellText(row.getCell(taskColumns.taskId)) ?? row.getCell(taskColumns.taskId).text).trim()
    if (directiveId === "" && taskId === "") return
    const key = TaskFollowUp.taskKey({ directiveId, taskId })
    const task = byKey.get(key)
    if (task === undefined || seen.has(key)) {
      problems.push(
        new UnknownTask({
          sheet: tasksSheetName,
          cell: `${columnLetter(taskColumns.taskId)}${rowNumber}`,
          directiveId,
          taskId,
          again: task !== undefined
        })
      )
      return
    }
    seen.add(key)
    const label = `Nhiệm vụ ${task.taskId} (${task.directiveNumber})`
    const where = (column: number) => ({
      sheet: tasksSheetName,
      cell: `${columnLetter(column)}${rowNumber}`,
      indicator: label
    })
    const noteCell = row.getCell(taskColumns.note)
    const rawNote = cellText(noteCell)
    let note: string | undefined
    if (rawNote === undefined) {
      problems.push(
        new InvalidText({
          ...where(taskColumns.note),
          reason: `holds ${JSON.stringify(noteCell.text)}, where words belong`
        })
      )
    } else {
      note = Text.normalize(rawNote).trim()
      if (note.length > Text.limits.description) {
        problems.push(
          new InvalidText({
            ...where(taskColumns.note),
            reason: `the note has ${note.length} characters; at most ${Text.limits.description}`
          })
        )
        note = undefined
      }
    }
    const statusCell = row.getCell(taskColumns.status)
    const rawStatus = cellText(statusCell)
    const statusText = rawStatus === undefined ? statusCell.text : Text.normalize(rawStatus).trim()
    if (statusText === "") {
      if (note !== undefined && note !== "")
        problems.push(new UnknownTaskStatus({ ...where(taskColumns.status), text: "" }))
      return
    }
    const status = rawStatus === undefined ? undefined : decode.get(statusText.toLocaleLowerCase("vi"))
    if (status === undefined) {
      problems.push(new UnknownTaskStatus({ ...where(taskColumns.status), text: statusText }))
      return
    }
    if (note === undefined) return
    progress.push(
      new TaskFollowUp.TaskProgress({
        directiveId: task.directiveId,
        taskId: task.taskId,
        status,
        ...(note === "" ? {} : { note })
      })
    )
  })
  for (const [key, task] of byKey) {
    if (!seen.has(key))
      problems.push(
        new NotThisForm({
          sheet: tasksSheetName,
          cell: `${columnLetter(taskColumns.taskId)}${taskHeaderRow + 1}`,
          detail: `the row of task ${task.taskId} of directive ${task.directiveNumber} is missing`
        })
      )
  }
  // in the form's order
  const order = new Map(tasks.map((t, i) => [TaskFollowUp.taskKey(t), i]))
  progress.sort((a, b) => order.get(TaskFollowUp.taskKey(a))! - order.get(TaskFollowUp.taskKey(b))!)
  return { progress, problems }
}

const check = (
  spec: FormSpec,
  workbook: ExcelJS.Workbook
): Result.Result<Report.ReportContent, FormRejected> => {
  const problems: Array<FormProblem> = []
  let taskProblems: Array<FormProblem> = []
  const reject = () => Result.fail(new FormRejected({ problems: [...problems, ...taskProblems] }))
  const sheet = workbook.getWorksheet(sheetName)
  const meta = workbook.getWorksheet(metaSheet)
  if (sheet === undefined || meta === undefined) {
    problems.push(
      new NotThisForm({
        sheet: sheetName,
        cell: "A1",
        detail: `the workbook has no sheet "${sheetName}" and hidden sheet "${metaSheet}": it is not a danvan report form`
      })
    )
    return reject()
  }
  const metaValue = (row: number) =>
    plain(meta.getCell(row, 2).value) ?? String(meta.getCell(row, 2).value ?? "")
  const expected: ReadonlyArray<readonly [number, string, string]> = [
    [1, "form", formMarker],
    [3, "unit", spec.unit.id],
    [4, "programme", spec.programme],
    [5, "period", spec.periodId]
  ]
  for (const [row, what, want] of expected) {
    const found = metaValue(row)
    if (found !== want) {
      problems.push(
        new NotThisForm({
          sheet: metaSheet,
          cell: `B${row}`,
          detail: `the form is for the ${what} ${JSON.stringify(found)}, not ${JSON.stringify(want)}`
        })
      )
    }
  }
  if (problems.length > 0) return reject()
  const tasks = readTasks(spec, workbook)
  taskProblems = tasks.problems

  const lines = linesOf(spec)
  const found = rowsByCode(sheet)
  const ref = (row: number) => `${columnLetter(valueColumn)}${row}`
  const flat: Record<string, number> = {}
  const cellOf = new Map<string, string>()
  const texts: Record<string, string> = {}
  /** Indicators whose cell has a problem: a total over them is not judged. */
  const unreadable = new Set<string>()
  // The cells to fill first, then the totals over them (a total's row comes before its parts').
  const ordered = [...lines.filter((l) => l._tag !== "sum"), ...lines.filter((l) => l._tag === "sum")]
  for (const line of ordered) {
    const code = line.path ?? (line._tag === "sum" ? `#${lines.indexOf(line)}` : undefined)
    const row = line.path === undefined ? firstRow + lines.indexOf(line) : found.get(line.path)
    if (code === undefined) continue
    if (row === undefined) {
      problems.push(
        new NotThisForm({
          sheet: sheetName,
          cell: `C${firstRow}`,
          detail: `the row of the indicator ${code} is missing`
        })
      )
      continue
    }
    cellOf.set(code, ref(row))
    const cell = sheet.getCell(row, valueColumn)
    const where = { sheet: sheetName, cell: ref(row), indicator: line.label }
    if (line._tag === "text") {
      const v = cell.value
      const text = v === null || v === undefined ? "" : plain(v)
      if (text === undefined) {
        problems.push(
          new InvalidText({ ...where, reason: `holds ${JSON.stringify(cell.text)}, where words belong` })
        )
      } else texts[code] = Text.normalize(text)
      continue
    }
    const read = readCell(cell)
    const before = problems.length
    switch (read._tag) {
      case "empty":
        if (line._tag === "input") problems.push(new MissingValue(where))
        break
      case "text":
        problems.push(new NotANumber({ ...where, text: read.text }))
        break
      case "number":
      case "formula": {
        const value = read._tag === "number" ? read.value : read.result
        if (line._tag === "sum") {
          if (line.parts.some((p) => unreadable.has(p))) break
          const sum = line.parts.reduce((a, p) => a + (flat[p] ?? 0), 0)
          const partRows = line.parts.map((p) => found.get(p)).filter((r) => r !== undefined)
          const parts =
            partRows.length === 0 ? "(none)" : `${ref(Math.min(...partRows))}:${ref(Math.max(...partRows))}`
          if (value !== undefined && value !== sum) {
            problems.push(new WrongTotal({ ...where, shown: value, sum, parts }))
          }
          if (line.path !== undefined) flat[line.path] = sum
        } else if (value === undefined || !isCount(value)) {
          problems.push(new NotACount({ ...where, value: value ?? Number.NaN }))
        } else flat[code] = value
        break
      }
    }
    if (problems.length > before) unreadable.add(code)
  }
  if (problems.length > 0) return reject()
  const figures = FiguresRules.unflatten(spec.programme, flat)
  if (Result.isFailure(figures)) {
    problems.push(
      new NotThisForm({ sheet: sheetName, cell: `C${firstRow}`, detail: figures.failure.message })
    )
    return reject()
  }
  const paths = (p: string) =>
    p.endsWith(".")
      ? [...cellOf.entries()].filter(([k]) => k.startsWith(p)).map(([, c]) => c)
      : cellOf.has(p)
        ? [cellOf.get(p)!]
        : []
  for (const violation of FiguresRules.check(figures.success)) {
    problems.push(
      new InconsistentFigures({ sheet: sheetName, cells: cellsOf(violation, paths), rule: violation.message })
    )
  }
  if (problems.length > 0 || taskProblems.length > 0) return reject()
  return Result.succeed(
    new Report.ReportContent({
      figures: figures.success,
      achievements: texts.achievements ?? "",
      shortcomings: texts.shortcomings ?? "",
      nextTasks: texts.nextTasks ?? "",
      taskProgress: tasks.progress
    })
  )
}

/**
 * Reads a filled form back into a report's content, checking it against `spec`: fails with
 * {@link FormRejected} listing every problem with its cell, or {@link OfficeError} when the bytes
 * are not a workbook.
 *
 * @example A form filled with the figures of a report reads back as them, mistakes named by cell
 * ```ts
 * import { FiguresRules, ModelField, type Period, Report } from "@danvan/core"
 * import { ReportForm } from "@danvan/office"
 * import { Effect } from "effect"
 *
 * const spec: ReportForm.FormSpec = {
 *   unit: { id: "vn-374", name: "Huyện Hoa Lư", code: "374" },
 *   programme: "QCDC",
 *   periodId: "2017S1" as Period.PeriodId,
 *   fields: ModelField.defaults
 * }
 * const content = (complaintsResolved: number) =>
 *   new Report.ReportContent({
 *     figures: { ...FiguresRules.emptyQcdc(), complaintsReceived: 4, complaintsResolved },
 *     achievements: "",
 *     shortcomings: "",
 *     nextTasks: ""
 *   })
 *
 * const program = Effect.gen(function* () {
 *   const read = yield* ReportForm.read(yield* ReportForm.template(spec, content(3)), spec)
 *   console.log(read.figures._tag === "QCDC" && read.figures.complaintsResolved) // 3
 *   // More complaints resolved than received: refused, with the cells involved.
 *   const refused = yield* Effect.flip(ReportForm.read(yield* ReportForm.template(spec, content(5)), spec))
 *   if (refused._tag === "FormRejected") console.log(refused.problems.map((p) => p.message))
 *   // ["'Báo cáo'!D10, 'Báo cáo'!D9: complaintsResolved (5) exceeds complaintsReceived (4)"]
 * })
 *
 * await Effect.runPromise(program)
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const read = (
  bytes: Uint8Array,
  spec: FormSpec
): Effect.Effect<Report.ReportContent, FormRejected | OfficeError> =>
  Effect.gen(function* () {
    const workbook = yield* newWorkbook("")
    yield* attempt("reading the report form", () => workbook.xlsx.load(bytes as unknown as ArrayBuffer))
    return yield* Effect.fromResult(check(spec, workbook))
  })
