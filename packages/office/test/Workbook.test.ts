/**
 * The six-month report's workbook, opened by readers other than its writer (exceljs): SheetJS for
 * the values and formulas, the workbook's XML for the frozen panes, LibreOffice for the cells as a
 * person sees them (Vietnamese number formats).
 */
import { SixMonthReport } from "@danvan/core"
import * as XLSX from "@e965/xlsx"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { strFromU8, unzipSync } from "fflate"
import { LibreOffice, Workbook } from "../src/index.ts"
import { report } from "./fixture.ts"
import { hasLibreOffice } from "./libreoffice.ts"

const bytes = await Effect.runPromise(Workbook.sixMonthReport(report))

describe("Workbook.sixMonthReport", () => {
  it("has one sheet per table, with the figures as numbers and totals as SUM formulas", () => {
    const book = XLSX.read(bytes, { cellFormula: true, cellNF: true })
    expect(book.SheetNames).toEqual(SixMonthReport.tables(report).map((t) => t.sheetName))
    const units = book.Sheets["Theo đơn vị"]!
    expect(units.A3?.v).toBe("Mã")
    expect(units.B4?.v).toBe("Thành phố Ninh Bình")
    expect(units.C4).toMatchObject({ t: "n", v: 1000 })
    expect(units.E5).toMatchObject({ t: "n", v: 652 })
    expect(units.G5?.t).toBe("n") // 10/07/2017 as a date serial
    expect(XLSX.SSF.format("dd/mm/yyyy", units.G5?.v as number)).toBe("10/07/2017")
    expect(units.C7).toMatchObject({ t: "n", v: 1200, f: "SUM(C4:C6)" })
    expect(units.E7).toMatchObject({ t: "n", v: 1952, f: "SUM(E4:E6)" })
    const fields = book.Sheets["Theo lĩnh vực"]!
    expect(fields.C4?.v).toBeCloseTo(1200 / 1952, 9)
  })

  it("freezes the header row (and the code and name columns of wide tables)", () => {
    const files = unzipSync(bytes)
    const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/u.test(f))
    expect(sheets.length).toBe(7)
    for (const f of sheets) expect(strFromU8(files[f]!)).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/u)
    expect(strFromU8(files["xl/worksheets/sheet1.xml"]!)).toMatch(/<pane xSplit="2" ySplit="3"/u)
  })

  it.skipIf(!hasLibreOffice)(
    "shows counts with a thousands dot and shares with a decimal comma in LibreOffice",
    async () => {
      const out = await Effect.runPromise(LibreOffice.sheetsAsShown(bytes))
      const sheet = (name: string) => out.get(name)!
      expect(sheet("Theo đơn vị")).toContain(",Tổng cộng,1.200,752,1.952,,\n")
      expect(sheet("Theo đơn vị")).toContain("376,Huyện Kim Sơn,200,452,652,Muộn,10/07/2017\n")
      expect(sheet("Theo lĩnh vực")).toContain('Phát triển kinh tế,1.200,"61,5%"')
      expect(sheet("Tình hình báo cáo")).toContain("377,Huyện Yên Mô,Cấp huyện,07/07/2017,,Chưa gửi,0,0,1")
      expect(sheet("Tổng hợp")).toContain("Tình trạng: đang triển khai")
    },
    120_000
  )
})
