import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import type { Document } from "../src/document/Document.ts"
import * as Doc from "../src/document/Document.ts"
import * as SixMonthReport from "../src/document/SixMonthReport.ts"
import * as Labels from "../src/text/Labels.ts"

const fields = [
  { id: "economy", name: "Phát triển kinh tế" },
  { id: "culture-society", name: "Văn hóa - xã hội" }
]

/** A report over generated units; `other` is what the totals hold beyond the units' reports. */
const reportArb = fc
  .record({
    units: fc.array(
      fc.record({
        economy: fc.nat(3000),
        culture: fc.nat(3000),
        submission: fc.constantFrom<Labels.Submission>("onTime", "late", "missing")
      }),
      { maxLength: 12 }
    ),
    other: fc.nat(50)
  })
  .map(({ units, other }): SixMonthReport.SixMonthReport => {
    const lines = units.map((u, i): SixMonthReport.UnitLine => {
      const id = `u${i}`
      const figures = {
        models: u.economy + u.culture,
        "byField.economy": u.economy,
        "byField.culture-society": u.culture
      }
      return {
        unitId: id,
        code: String(100 + i),
        name: `Huyện ${i}`,
        level: "district",
        underId: id,
        submission: u.submission,
        deadline: "2017-07-07",
        ...(u.submission === "missing" ? {} : { submittedOn: "2017-07-05", figures })
      }
    })
    const sum = (path: string) => lines.reduce((a, l) => a + (l.figures?.[path] ?? 0), 0)
    return {
      unitId: "p",
      unitName: "Tỉnh Ninh Bình",
      unitCode: "37",
      area: "tỉnh",
      programme: "DVK",
      periodId: "2017S1",
      periodLabel: "6 tháng đầu năm 2017",
      nextPeriodLabel: "6 tháng cuối năm 2017",
      asOf: "2017-06-30",
      reportDate: "2017-07-14",
      fields,
      totals: {
        models: sum("models") + other,
        "byField.economy": sum("byField.economy") + other,
        "byField.culture-society": sum("byField.culture-society")
      },
      units: lines,
      groups: lines.map((l) => ({ unitId: l.unitId, name: l.name })),
      expected: lines.length,
      committees: [],
      directives: [],
      tasks: [],
      models: [],
      violations: []
    }
  })

const table = (r: SixMonthReport.SixMonthReport, id: string) =>
  SixMonthReport.tables(r).find((t) => t.id === id)!

/** Every count column of a table sums, over its rows, to its total row. */
const totalsAddUp = (t: Doc.Table) =>
  t.columns.forEach((c, i) => {
    if (c.kind !== "count" || t.total === undefined) return
    const sum = t.rows.reduce((a, r) => a + (typeof r[i] === "number" ? (r[i] as number) : 0), 0)
    expect(sum, `${t.id}: ${c.header}`).toBe(t.total[i])
  })

describe("SixMonthReport", () => {
  it("every table's total row is the sum of its rows, and equals the consolidated totals (property)", () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        for (const t of SixMonthReport.tables(r)) totalsAddUp(t)
        const units = table(r, "mo-hinh-theo-don-vi")
        expect(units.total?.[4]).toBe(r.totals.models)
        const other = r.totals.models! - r.units.reduce((a, u) => a + (u.figures?.models ?? 0), 0)
        expect(units.rows.some((row) => row[1] === "Báo cáo khác trong địa bàn")).toBe(other !== 0)
      })
    )
  })

  it("names sheets within Excel's limits and tables with file-safe ids", () => {
    const [r] = fc.sample(reportArb, { numRuns: 1, seed: 1 })
    for (const t of SixMonthReport.tables(r!)) {
      expect(t.id).toMatch(/^[a-z0-9-]+$/u)
      expect(t.sheetName.length).toBeLessThanOrEqual(31)
      expect(t.sheetName).not.toMatch(/[[\]:*?/\\]/u)
    }
  })

  it("lays the report out in numbered sections with the charts beside their tables", () => {
    const [r] = fc.sample(reportArb, { numRuns: 1, seed: 2 })
    const doc: Document = SixMonthReport.document(r!)
    expect(doc.title).toBe("BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2017")
    expect(
      doc.blocks.filter((b) => b._tag === "heading").map((b) => (b as { text: string }).text.split(".")[0])
    ).toEqual(["I", "II", "III", "IV"])
    expect(doc.blocks.filter((b) => b._tag === "chart")).toHaveLength(3)
  })

  it("formats numbers and dates the Vietnamese way", () => {
    expect(Doc.formatCount(1952)).toBe("1.952")
    expect(Doc.formatCount(12345678)).toBe("12.345.678")
    expect(Doc.formatShare(722 / 1952)).toBe("37,0%")
    expect(Doc.formatDate("2017-07-04")).toBe("04/07/2017")
    expect(Doc.share(1, 0)).toBeNull()
  })
})

describe("Labels", () => {
  it("has a non-empty NFC label for every value of every enumeration", () => {
    const tables = [
      Labels.unitLevel,
      Labels.unitType,
      Labels.programme,
      Labels.directiveProgramme,
      Labels.reportStatus,
      Labels.reportAction,
      Labels.reportEvent,
      Labels.submission,
      Labels.modelStatus,
      Labels.modelStatusHeading,
      Labels.rating,
      Labels.commendationLevel,
      Labels.commendationForm,
      Labels.modelEvent,
      Labels.post,
      Labels.body,
      Labels.auditSubject,
      Labels.dvkIndicator,
      Labels.qcdcIndicator
    ]
    for (const t of tables) {
      for (const label of Object.values(t)) {
        expect(label.length).toBeGreaterThan(0)
        expect(label).toBe(label.normalize("NFC").trim())
      }
    }
  })

  it("labels indicator paths, distinguishing statuses from counts", () => {
    expect(Labels.indicator("models")).toBe("Tổng số mô hình")
    expect(Labels.indicator("byField.economy", fields)).toBe("Phát triển kinh tế")
    expect(Labels.indicator("byStatus.commended")).toBe("Tình trạng: được khen thưởng")
    expect(Labels.indicator("commended")).toBe("Mô hình được khen thưởng")
    expect(Labels.indicator("extra.hoGiaDinh", [], { hoGiaDinh: "Số hộ" })).toBe("Số hộ")
    expect(Labels.indicator("citizenReceptions")).toBe("Số cuộc tiếp công dân")
  })
})
