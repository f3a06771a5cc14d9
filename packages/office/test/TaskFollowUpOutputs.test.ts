/**
 * Task follow-up in the six-month report's outputs, opened by readers other than their writers:
 * mammoth for the Word section "Kết quả thực hiện nhiệm vụ", SheetJS and exceljs for the
 * workbook's follow-up sheet.
 */
import { Ids, SixMonthReport } from "@danvan/core"
import * as XLSX from "@e965/xlsx"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import mammoth from "mammoth"
import { WordDocument, Workbook } from "../src/index.ts"
import { letterhead, report } from "./fixture.ts"

const withProgress: SixMonthReport.SixMonthReport = {
  ...report,
  taskProgress: [
    { number: "145-TB/TU", description: "Nâng cao chất lượng thực hiện QCDC ở cơ sở.", status: "done" },
    {
      number: "145-TB/TU",
      description: "Chấn chỉnh lề lối làm việc của cán bộ.",
      status: "inProgress",
      note: "Đã kiểm tra 12 xã & <3> phường"
    },
    { number: "20-KH/TU", description: "Ký kết chương trình phối hợp.", status: "notStarted" }
  ]
}

const paragraphs = async (bytes: Uint8Array) =>
  (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "")

const unit = (id: string) => Ids.UnitId.make(id)
const followUp: SixMonthReport.TaskFollowUpSection = {
  directiveNumber: "145-TB/TU",
  unitNames: { "nb-369": "Thành phố Ninh Bình", "nb-376": "Huyện Kim Sơn", "nb-377": "Huyện Yên Mô" },
  tasks: [
    {
      directiveId: Ids.DirectiveId.make("nb-dir-145-tb-tu-2017"),
      taskId: Ids.TaskId.make("t1"),
      description: "Nâng cao chất lượng thực hiện QCDC ở cơ sở.",
      assigned: [unit("nb-369"), unit("nb-376"), unit("nb-377")],
      byStatus: { done: [unit("nb-369")], inProgress: [unit("nb-376")], notStarted: [] },
      counts: { done: 1, inProgress: 1, notStarted: 0 },
      notReported: [unit("nb-377")]
    },
    {
      directiveId: Ids.DirectiveId.make("nb-dir-145-tb-tu-2017"),
      taskId: Ids.TaskId.make("t2"),
      description: "Chấn chỉnh lề lối làm việc của cán bộ.",
      assigned: [unit("nb-369"), unit("nb-376"), unit("nb-377")],
      byStatus: { done: [], inProgress: [unit("nb-369")], notStarted: [unit("nb-376")] },
      counts: { done: 0, inProgress: 1, notStarted: 1 },
      notReported: [unit("nb-377")]
    }
  ]
}

describe("task follow-up in the six-month report", () => {
  it("has a section 'Kết quả thực hiện nhiệm vụ' listing each task with its status and note, before the next period's tasks", async () => {
    const lines = await paragraphs(
      await Effect.runPromise(WordDocument.sixMonthReport(withProgress, letterhead))
    )
    const heading = lines.indexOf("IV. Kết quả thực hiện nhiệm vụ")
    expect(heading).toBeGreaterThan(0)
    expect(lines.slice(heading + 1, heading + 4)).toEqual([
      "1. Nâng cao chất lượng thực hiện QCDC ở cơ sở (145-TB/TU): đã hoàn thành",
      "2. Chấn chỉnh lề lối làm việc của cán bộ (145-TB/TU): đang thực hiện. Đã kiểm tra 12 xã & <3> phường",
      "3. Ký kết chương trình phối hợp (20-KH/TU): chưa triển khai"
    ])
    expect(lines.indexOf("V. Nhiệm vụ 6 tháng cuối năm 2017")).toBeGreaterThan(heading + 3)
  })

  it("has no such section when the report carries no progress", async () => {
    const lines = await paragraphs(await Effect.runPromise(WordDocument.sixMonthReport(report, letterhead)))
    expect(lines.some((l) => l.includes("Kết quả thực hiện nhiệm vụ"))).toBe(false)
    expect(lines).toContain("IV. Nhiệm vụ 6 tháng cuối năm 2017")
  })

  it("adds the unit's own progress and the follow-up table as sheets of the workbook", async () => {
    const bytes = await Effect.runPromise(Workbook.sixMonthReport(withProgress, { taskFollowUp: followUp }))
    const book = XLSX.read(bytes)
    const plain = await Effect.runPromise(Workbook.sixMonthReport(report))
    expect(book.SheetNames).toEqual([...XLSX.read(plain).SheetNames, "Kết quả nhiệm vụ", "Theo dõi nhiệm vụ"])
    const own = XLSX.utils.sheet_to_json<Array<unknown>>(book.Sheets["Kết quả nhiệm vụ"]!, { header: 1 })
    expect(own.slice(2)).toEqual([
      ["Văn bản", "Nhiệm vụ", "Tình trạng", "Ghi chú"],
      ["145-TB/TU", "Nâng cao chất lượng thực hiện QCDC ở cơ sở.", "Đã hoàn thành", ""],
      [
        "145-TB/TU",
        "Chấn chỉnh lề lối làm việc của cán bộ.",
        "Đang thực hiện",
        "Đã kiểm tra 12 xã & <3> phường"
      ],
      ["20-KH/TU", "Ký kết chương trình phối hợp.", "Chưa triển khai", ""]
    ])
    // exceljs, independently: the counts are numbers, the units named
    const excel = new ExcelJS.Workbook()
    await excel.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = excel.getWorksheet("Theo dõi nhiệm vụ")!
    expect(sheet.getCell("A1").value).toBe("Theo dõi thực hiện nhiệm vụ theo văn bản số 145-TB/TU")
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      "STT",
      "Nhiệm vụ",
      "Đã hoàn thành",
      "Đang thực hiện",
      "Chưa triển khai",
      "Chưa báo cáo",
      "Đơn vị chưa triển khai",
      "Đơn vị chưa báo cáo"
    ])
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      "1",
      "Nâng cao chất lượng thực hiện QCDC ở cơ sở.",
      1,
      1,
      0,
      1,
      "",
      "Huyện Yên Mô"
    ])
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      "2",
      "Chấn chỉnh lề lối làm việc của cán bộ.",
      0,
      1,
      1,
      1,
      "Huyện Kim Sơn",
      "Huyện Yên Mô"
    ])
  })

  it("shows a unit's id when its name is not given, and keeps the workbook as it was without a follow-up", async () => {
    const table = SixMonthReport.taskFollowUpTable({ ...followUp, unitNames: {} })
    expect(table.rows[0]?.[7]).toBe("nb-377")
    expect(table.id).toBe("theo-doi-nhiem-vu-145-tb-tu")
    const book = XLSX.read(await Effect.runPromise(Workbook.sixMonthReport(report, {})))
    expect(book.SheetNames).toEqual(SixMonthReport.tables(report).map((t) => t.sheetName))
  })
})
