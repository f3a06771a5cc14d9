/**
 * Task follow-up on the report form: the sheet of tasks read by other readers (exceljs for the
 * cells, the XML for the drop-down and protection, LibreOffice re-saving a filled form), the round
 * trip as a property, and hostile statuses and rows refused with the cells named.
 */
import {
  DocumentNumber,
  FiguresRules,
  Ids,
  Labels,
  type Period,
  Report,
  TaskFollowUp,
  Violation
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Result, Schema } from "effect"
import ExcelJS from "exceljs"
import * as fc from "fast-check"
import { strFromU8, unzipSync } from "fflate"
import { LibreOffice, ReportForm } from "../src/index.ts"
import { hasLibreOffice } from "./libreoffice.ts"

const directiveId = Ids.DirectiveId.make("nb-kl-01-2017")
const otherDirective = Ids.DirectiveId.make("nb-kh-02-2017")
const taskId = (n: number) => Ids.TaskId.make(`t${n}`)

const tasks: ReadonlyArray<ReportForm.FormTask> = [
  ...[1, 2, 3].map((n) => ({
    directiveId,
    directiveNumber: "01-KL/BDVTU",
    taskId: taskId(n),
    description: `Nhiệm vụ ${n}: HĐND, UBND các cấp tăng cường công tác dân vận chính quyền`
  })),
  {
    directiveId: otherDirective,
    directiveNumber: "02-KH/BDVTU",
    taskId: taskId(1),
    description: "Xây dựng mô hình Dân vận khéo"
  }
]

const spec: ReportForm.FormSpec = {
  unit: { id: "nb-376", name: "Huyện Kim Sơn", code: "376" },
  programme: "QCDC",
  periodId: "2017" as Period.PeriodId,
  fields: [],
  tasks
}

const content = (taskProgress: ReadonlyArray<TaskFollowUp.TaskProgress>) =>
  new Report.ReportContent({
    figures: FiguresRules.emptyQcdc(),
    achievements: "",
    shortcomings: "",
    nextTasks: "",
    taskProgress
  })

const progress = (task: ReportForm.FormTask, status: TaskFollowUp.TaskStatus, note?: string) =>
  new TaskFollowUp.TaskProgress({
    directiveId: task.directiveId,
    taskId: task.taskId,
    status,
    ...(note === undefined ? {} : { note })
  })

const encode = Schema.encodeSync(Report.ReportContent)
const template = (c?: Report.ReportContent, s: ReportForm.FormSpec = spec) =>
  Effect.runPromise(ReportForm.template(s, c))

/** Opens a form, changes the task sheet (no protection in the way), saves. */
const editTasks = async (bytes: Uint8Array, change: (sheet: ExcelJS.Worksheet) => void) => {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = book.getWorksheet(ReportForm.tasksSheetName)!
  sheet.unprotect()
  change(sheet)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

const problemsOf = async (bytes: Uint8Array, s: ReportForm.FormSpec = spec) => {
  const exit = await Effect.runPromiseExit(ReportForm.read(bytes, s))
  if (Exit.isSuccess(exit)) throw new Error("the form was accepted")
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")?.error as ReportForm.FormRejected
  expect(error._tag).toBe("FormRejected")
  for (const p of error.problems) {
    expect(Violation.isViolation(p)).toBe(true)
    expect(p).not.toBeInstanceOf(Error)
  }
  return error.problems
}

describe("ReportForm tasks", () => {
  it("writes a row per task with the report's status as a Vietnamese label in a validated drop-down", async () => {
    const bytes = await template(
      content([progress(tasks[1]!, "inProgress", "Đã họp triển khai ở 27 xã"), progress(tasks[3]!, "done")])
    )
    // exceljs, reading the cells as a spreadsheet shows them
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = book.getWorksheet(ReportForm.tasksSheetName)!
    const rows = [5, 6, 7, 8].map((r) => [2, 3, 4, 5].map((c) => sheet.getCell(r, c).value))
    expect(rows).toEqual([
      ["01-KL/BDVTU", tasks[0]!.description, null, ""],
      ["01-KL/BDVTU", tasks[1]!.description, "Đang thực hiện", "Đã họp triển khai ở 27 xã"],
      ["01-KL/BDVTU", tasks[2]!.description, null, ""],
      ["02-KH/BDVTU", tasks[3]!.description, "Đã hoàn thành", ""]
    ])
    // the XML: one list validation per task, the labels as its choices, the sheet protected
    const files = unzipSync(bytes)
    const workbook = strFromU8(files["xl/workbook.xml"]!)
    expect(workbook).toMatch(/<sheet [^>]*name="Nhiệm vụ"/u)
    const xml = strFromU8(files["xl/worksheets/sheet2.xml"]!)
    const validations = [...xml.matchAll(/<dataValidation ([^>]*)>([\s\S]*?)<\/dataValidation>/gu)]
    // exceljs writes the four identical validations as one over the range
    expect(validations.map(([, attributes]) => /sqref="([^"]*)"/u.exec(attributes!)?.[1])).toEqual(["D5:D8"])
    for (const [, attributes, body] of validations) {
      expect(attributes).toContain('type="list"')
      expect(attributes).toContain('showErrorMessage="1"')
      expect(body).toContain("<formula1>&quot;Chưa triển khai,Đang thực hiện,Đã hoàn thành&quot;</formula1>")
    }
    expect(xml).toMatch(/<sheetProtection [^>]*sheet="1"/u)
  })

  it("reads back the statuses and notes it was written with, in the form's order", async () => {
    const statusArb = fc.constantFrom<TaskFollowUp.TaskStatus>("notStarted", "inProgress", "done")
    const noteArb = fc.option(
      fc
        .stringMatching(/^[A-Za-zÀ-ỹđĐ0-9 ,.;:()"'=+\n-]{1,120}$/u)
        .map((s) => s.normalize("NFC").trim())
        .filter((s) => s !== ""),
      { nil: undefined }
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.tuple(statusArb, noteArb), { nil: undefined }), {
          minLength: tasks.length,
          maxLength: tasks.length
        }),
        async (lines) => {
          const written = content(
            lines.flatMap((l, i) => (l === undefined ? [] : [progress(tasks[i]!, l[0], l[1])]))
          )
          const back = await Effect.runPromise(ReportForm.read(await template(written), spec))
          expect(encode(back)).toEqual(encode(written))
        }
      ),
      { numRuns: 20 }
    )
  }, 120_000)

  it("reads statuses chosen in a spreadsheet, whatever their case and spacing, and notes as NFC", async () => {
    const filled = await editTasks(await template(), (sheet) => {
      sheet.getCell("D5").value = "  đã hoàn thành "
      sheet.getCell("D6").value = "CHƯA TRIỂN KHAI"
      sheet.getCell("E6").value = "Chờ kinh phí".normalize("NFD")
      sheet.getCell("D8").value = { richText: [{ text: "Đang " }, { text: "thực hiện" }] }
    })
    const back = await Effect.runPromise(ReportForm.read(filled, spec))
    expect(back.taskProgress.map((p) => [p.directiveId, p.taskId, p.status, p.note])).toEqual([
      [directiveId, "t1", "done", undefined],
      [directiveId, "t2", "notStarted", "Chờ kinh phí".normalize("NFC")],
      [otherDirective, "t1", "inProgress", undefined]
    ])
  })

  it("refuses unknown labels, a note without a status and rows of tasks not in the form, naming each cell", async () => {
    const filled = await editTasks(await template(), (sheet) => {
      sheet.getCell("D5").value = "Hoàn thành 100%"
      sheet.getCell("D6").value = 3
      sheet.getCell("E7").value = "Đang chờ hướng dẫn"
      sheet.getCell("D8").value = '=HYPERLINK("http://x")'
      // a row pasted from another form, and a task twice
      sheet.getCell("F9").value = "hn-kl-01-2017"
      sheet.getCell("G9").value = "t1"
      sheet.getCell("D9").value = "Đã hoàn thành"
      sheet.getCell("F10").value = directiveId
      sheet.getCell("G10").value = "t2"
    })
    const problems = await problemsOf(filled)
    expect(problems.map((p) => p._tag)).toEqual([
      "UnknownTaskStatus",
      "UnknownTaskStatus",
      "UnknownTaskStatus",
      "UnknownTaskStatus",
      "UnknownTask",
      "UnknownTask"
    ])
    const choices = `choose one of "Chưa triển khai", "Đang thực hiện", "Đã hoàn thành"`
    expect(problems.map((p) => p.message)).toEqual([
      `'Nhiệm vụ'!D5 (Nhiệm vụ t1 (01-KL/BDVTU)) holds "Hoàn thành 100%", which is not a status: ${choices}`,
      `'Nhiệm vụ'!D6 (Nhiệm vụ t2 (01-KL/BDVTU)) holds "3", which is not a status: ${choices}`,
      `'Nhiệm vụ'!D7 (Nhiệm vụ t3 (01-KL/BDVTU)) has a note but no status: ${choices}`,
      `'Nhiệm vụ'!D8 (Nhiệm vụ t1 (02-KH/BDVTU)) holds "=HYPERLINK(\\"http://x\\")", which is not a status: ${choices}`,
      `'Nhiệm vụ'!G9: task "t1" of directive "hn-kl-01-2017" is not one of the tasks this form was made for`,
      `'Nhiệm vụ'!G10: task "t2" of directive "nb-kl-01-2017" has a second row; report each task once`
    ])
  })

  it("reads any text typed in a status cell as a status or an UnknownTaskStatus naming the cell, never a throw (property)", async () => {
    const empty = await template()
    const labels = Object.entries(Labels.taskStatus)
    const typed = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(...Object.values(Labels.taskStatus)).map((l) => ` ${l.toUpperCase()}  `),
      fc.constantFrom("=1+1", "Đã hoàn thành\u0000", "Đã  hoàn thành", "Da hoan thanh", "\u200BĐã hoàn thành")
    )
    await fc.assert(
      fc.asyncProperty(typed, async (text) => {
        const filled = await editTasks(empty, (sheet) => {
          sheet.getCell("D5").value = text
        })
        const exit = await Effect.runPromiseExit(ReportForm.read(filled, spec))
        // What the saved cell holds (XML drops what it cannot carry), as a spreadsheet shows it.
        const book = new ExcelJS.Workbook()
        await book.xlsx.load(filled as unknown as ArrayBuffer)
        const held = book.getWorksheet(ReportForm.tasksSheetName)!.getCell("D5").value
        const trimmed = String(held ?? "")
          .normalize("NFC")
          .trim()
          .toLocaleLowerCase("vi")
        const match = labels.find(([, l]) => l.toLocaleLowerCase("vi") === trimmed)?.[0]
        if (Exit.isSuccess(exit)) {
          const expected = match === undefined ? [] : [[directiveId, "t1", match]]
          expect(exit.value.taskProgress.map((p) => [p.directiveId, p.taskId, p.status])).toEqual(expected)
          if (match === undefined) expect(trimmed).toBe("")
        } else {
          const problems = await problemsOf(filled)
          expect(match).toBeUndefined()
          expect(problems.map((p) => [p._tag, "cell" in p ? p.cell : ""])).toEqual([
            ["UnknownTaskStatus", "D5"]
          ])
        }
      }),
      { numRuns: 40, examples: [["Đã hoàn thành\u0000"], ["  đang THỰC HIỆN "], ["Da hoan thanh"], ["   "]] }
    )
  }, 120_000)

  it("reports the task sheet's problems together with the figures'", async () => {
    const filled = await editTasks(await template(), (sheet) => {
      sheet.getCell("D5").value = "xong"
    })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(filled as unknown as ArrayBuffer)
    const figures = book.getWorksheet(ReportForm.sheetName)!
    figures.unprotect()
    figures.getCell("D7").value = -1
    const both = new Uint8Array(await book.xlsx.writeBuffer())
    expect((await problemsOf(both)).map((p) => [p._tag, "cell" in p ? p.cell : ""])).toEqual([
      ["NotACount", "D7"],
      ["UnknownTaskStatus", "D5"]
    ])
  })

  it("refuses a form whose task sheet or a task's row is gone", async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await template()) as unknown as ArrayBuffer)
    book.removeWorksheet(book.getWorksheet(ReportForm.tasksSheetName)!.id)
    const noSheet = new Uint8Array(await book.xlsx.writeBuffer())
    expect((await problemsOf(noSheet)).map((p) => p.message)).toEqual([
      `'Nhiệm vụ'!A1: the sheet "Nhiệm vụ" is missing`
    ])
    const noRow = await editTasks(await template(), (sheet) => {
      sheet.spliceRows(6, 1)
    })
    expect((await problemsOf(noRow)).map((p) => p.message)).toEqual([
      `'Nhiệm vụ'!G5: the row of task t2 of directive 01-KL/BDVTU is missing`
    ])
  })

  it("refuses to write progress on a task the form has no row for, or a note XML cannot carry", async () => {
    const stray = new TaskFollowUp.TaskProgress({
      directiveId: otherDirective,
      taskId: taskId(9),
      status: "done"
    })
    const exit = await Effect.runPromiseExit(ReportForm.template(spec, content([stray])))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail")?.error : undefined
    expect(error?._tag).toBe("UnwritableContent")
    expect(error?.message).toContain("the form has no row for task t9 of directive nb-kh-02-2017")
    const control = await Effect.runPromiseExit(
      ReportForm.template({ ...spec, tasks: [{ ...tasks[0]!, description: "bad\u0001text" }] })
    )
    expect(Exit.isFailure(control)).toBe(true)
  })

  it("has no task sheet without tasks, and reads back no follow-up", async () => {
    const bare = { ...spec, tasks: [] }
    const bytes = await template(undefined, bare)
    expect(strFromU8(unzipSync(bytes)["xl/workbook.xml"]!)).not.toContain("Nhiệm vụ")
    const back = await Effect.runPromise(ReportForm.read(bytes, bare))
    expect(back.taskProgress).toEqual([])
    // and a form with tasks read without them ignores the sheet
    const withTasks = await template(content([progress(tasks[0]!, "done")]))
    expect((await Effect.runPromise(ReportForm.read(withTasks, bare))).taskProgress).toEqual([])
  })

  it("lists the tasks of directives with their numbers as written, keeping those asked for", async () => {
    const task = (id: string, description: string) => ({
      id: Ids.TaskId.make(id),
      description,
      assignees: []
    })
    const directives = [
      {
        id: Ids.DirectiveId.make("nb-dir-145-tb-tu-2017"),
        number: Result.getOrThrow(DocumentNumber.parse("145-TB/TU")),
        issuedBy: {
          _tag: "Unit" as const,
          unitId: Ids.UnitId.make("nb-37"),
          body: "partyCommittee" as const
        },
        tasks: [
          task("kl-t1", "Nâng cao chất lượng thực hiện QCDC"),
          task("kl-t2", "Chấn chỉnh lề lối làm việc")
        ]
      },
      {
        id: Ids.DirectiveId.make("nb-dir-771-kh-bdvtu-2017"),
        number: Result.getOrThrow(DocumentNumber.parse("771-KH/BDVTƯ")),
        issuedBy: { _tag: "Central" as const, body: "massMobilisationCommission" as const },
        tasks: [task("771-t1", "Đẩy mạnh phong trào thi đua Dân vận khéo")]
      }
    ]
    const listed = ReportForm.formTasks(directives, (_, t) => t.id !== "kl-t1")
    expect(listed).toEqual([
      {
        directiveId: "nb-dir-145-tb-tu-2017",
        directiveNumber: "145-TB/TU",
        taskId: "kl-t2",
        description: "Chấn chỉnh lề lối làm việc"
      },
      {
        directiveId: "nb-dir-771-kh-bdvtu-2017",
        directiveNumber: "771-KH/BDVTƯ",
        taskId: "771-t1",
        description: "Đẩy mạnh phong trào thi đua Dân vận khéo"
      }
    ])
    expect(ReportForm.formTasks(directives)).toHaveLength(3)
    const written = content([progress(listed[1]!, "done", "Đã tổng kết")])
    const withListed = { ...spec, tasks: listed }
    const back = await Effect.runPromise(ReportForm.read(await template(written, withListed), withListed))
    expect(encode(back)).toEqual(encode(written))
  })

  it("labels every status", () => {
    expect(Object.keys(Labels.taskStatus).sort()).toEqual([...TaskFollowUp.TaskStatus.literals].sort())
  })

  it.skipIf(!hasLibreOffice)(
    "reads a form with tasks, opened and saved in LibreOffice, as the same follow-up",
    async () => {
      const written = content([
        progress(tasks[0]!, "done", "Đã ban hành kế hoạch"),
        progress(tasks[2]!, "notStarted")
      ])
      const resaved = await Effect.runPromise(
        LibreOffice.convert(await template(written), "form.xlsx", "xlsx:Calc MS Excel 2007 XML")
      )
      const back = await Effect.runPromise(ReportForm.read(resaved.get("form.xlsx")!, spec))
      expect(encode(back).taskProgress).toEqual(encode(written).taskProgress)
    },
    120_000
  )
})
