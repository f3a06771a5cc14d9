/**
 * Report forms: the template read by other readers (its XML for the validations and protection,
 * LibreOffice re-saving a filled form), the round trip as a property, and filled forms with
 * mistakes refused with the cells named.
 */
import { Figures, FiguresRules, type Period, Report, Violation } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import ExcelJS from "exceljs"
import * as fc from "fast-check"
import { strFromU8, unzipSync } from "fflate"
import { LibreOffice, ReportForm } from "../src/index.ts"
import { hasLibreOffice } from "./libreoffice.ts"

const spec: ReportForm.FormSpec = {
  unit: { id: "nb-376", name: "Huyện Kim Sơn", code: "376" },
  programme: "DVK",
  periodId: "2017S1" as Period.PeriodId,
  fields: [
    { id: "economy", name: "Phát triển kinh tế" },
    { id: "culture-society", name: "Văn hóa - xã hội" },
    { id: "security-defence", name: "Quốc phòng - an ninh" },
    { id: "political-system", name: "Xây dựng hệ thống chính trị" }
  ],
  extra: [{ code: "hoGiaDinh", name: "Số hộ gia đình tham gia" }]
}

const encode = Schema.encodeSync(Report.ReportContent)
const same = (a: Report.ReportContent, b: Report.ReportContent) => expect(encode(a)).toEqual(encode(b))

/** Consistent DVK content over the spec's fields: breakdowns summing to the total, bounds kept. */
const contentArb = fc
  .record({
    byField: fc.array(fc.nat(5000), { minLength: 4, maxLength: 4 }),
    statusCuts: fc.array(fc.nat(1000), { minLength: 5, maxLength: 5 }),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
    exemplary: fc.nat(100_000),
    extra: fc.nat(1_000_000),
    texts: fc.array(
      fc.stringMatching(/^[A-Za-zÀ-ỹđĐ0-9 ,.;:()"'\n-]{0,200}$/u).map((s) => s.normalize("NFC").trim()),
      { minLength: 3, maxLength: 3 }
    )
  })
  .map(({ byField, statusCuts, fractions, exemplary, extra, texts }) => {
    const models = byField.reduce((a, b) => a + b, 0)
    const statuses = FiguresRules.statuses
    const cuts = statusCuts.map((c) => Math.min(c, models)).sort((a, b) => a - b)
    const parts = [...cuts, models].map((c, i) => c - (i === 0 ? 0 : cuts[i - 1]!))
    const effective = Math.floor(models * fractions[0]!)
    const figures: Figures.DvkFigures = {
      _tag: "DVK",
      models,
      byField: Object.fromEntries(spec.fields.map((f, i) => [f.id, byField[i]!])) as never,
      byStatus: Object.fromEntries(statuses.map((s, i) => [s, parts[i] ?? 0])) as never,
      newModels: Math.floor(models * fractions[1]!),
      effective,
      commended: Math.floor(effective * fractions[2]!),
      replicated: Math.floor(models * fractions[3]!),
      exemplaryCases: exemplary,
      extra: { hoGiaDinh: extra }
    }
    return new Report.ReportContent({
      figures,
      achievements: texts[0]!,
      shortcomings: texts[1]!,
      nextTasks: texts[2]!
    })
  })

const template = (content?: Report.ReportContent) => Effect.runPromise(ReportForm.template(spec, content))

/** Opens a form as a person would in a spreadsheet, changes cells (no protection in the way), saves. */
const edit = async (bytes: Uint8Array, change: (sheet: ExcelJS.Worksheet) => void) => {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = book.getWorksheet(ReportForm.sheetName)!
  sheet.unprotect()
  change(sheet)
  // A spreadsheet recomputes the formulas on saving: drop the stored results, as a reader would
  // find them stale.
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value
      if (v !== null && typeof v === "object" && "formula" in v)
        cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue
    })
  )
  return new Uint8Array(await book.xlsx.writeBuffer())
}

const problemsOf = async (bytes: Uint8Array) => {
  const exit = await Effect.runPromiseExit(ReportForm.read(bytes, spec))
  if (Exit.isSuccess(exit)) throw new Error("the form was accepted")
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")?.error as ReportForm.FormRejected
  expect(error._tag).toBe("FormRejected")
  // One error; each problem in it is plain data that prints its message, not an error of its own.
  for (const p of error.problems) {
    expect(Violation.isViolation(p)).toBe(true)
    expect(p).not.toBeInstanceOf(Error)
    expect(String(p)).toBe(`${p._tag}: ${p.message}`)
  }
  expect(error.message).toContain(error.problems[0]?.message)
  return error.problems
}

describe("ReportForm.template", () => {
  it("validates every cell to fill as a whole number from 0, unlocked, on a protected sheet", async () => {
    const bytes = await template()
    const files = unzipSync(bytes)
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!)
    const validations = [...sheet.matchAll(/<dataValidation ([^>]*)>/gu)].map((m) => m[1]!)
    // 4 fields, 6 statuses, 5 other indicators, 1 extra.
    expect(validations).toHaveLength(16)
    for (const v of validations) {
      expect(v).toContain('type="whole"')
      expect(v).toContain('operator="greaterThanOrEqual"')
    }
    expect(sheet).toMatch(/<formula1>0<\/formula1>/u)
    expect(sheet).toMatch(/<sheetProtection [^>]*sheet="1"/u)
    expect(sheet).toContain("<f>SUM(D8:D11)</f>")
    const styles = strFromU8(files["xl/styles.xml"]!)
    expect(styles).toMatch(/<protection locked="0"\/>/u)
    const workbook = strFromU8(files["xl/workbook.xml"]!)
    expect(workbook).toMatch(/<sheet [^>]*name="danvan" state="veryHidden"/u)
  })

  it("refuses content the form has no row for", async () => {
    const content = new Report.ReportContent({
      figures: {
        ...FiguresRules.emptyDvk([]),
        models: 1,
        byField: { other: 1 } as never,
        byStatus: { ...FiguresRules.emptyDvk([]).byStatus, registered: 1 }
      },
      achievements: "",
      shortcomings: "",
      nextTasks: ""
    })
    const exit = await Effect.runPromiseExit(ReportForm.template(spec, content))
    expect(Exit.isFailure(exit)).toBe(true)
  })
})

describe("ReportForm.read", () => {
  it("reads a form filled with a report's content back as the same content (property)", async () => {
    await fc.assert(
      fc.asyncProperty(contentArb, async (content) => {
        same(await Effect.runPromise(ReportForm.read(await template(content), spec)), content)
      }),
      { numRuns: 25 }
    )
  }, 120_000)

  it.skipIf(!hasLibreOffice)(
    "reads a form filled, then opened and saved in LibreOffice, as the same content",
    async () => {
      const content = fc.sample(contentArb, { numRuns: 1, seed: 18 })[0]!
      const resaved = await Effect.runPromise(
        LibreOffice.convert(await template(content), "form.xlsx", "xlsx:Calc MS Excel 2007 XML")
      )
      same(await Effect.runPromise(ReportForm.read(resaved.get("form.xlsx")!, spec)), content)
    },
    120_000
  )

  it("refuses a negative number, a text in a number cell and a wrong total, naming each cell", async () => {
    const filled = await template()
    const bad = await edit(filled, (sheet) => {
      sheet.getCell("D8").value = 120 // economy
      sheet.getCell("D9").value = -5 // culture and society
      sheet.getCell("D10").value = "mười" // security and defence
      sheet.getCell("D7").value = 999 // the total, overwritten
    })
    const problems = await problemsOf(bad)
    expect(problems.map((p) => p.message)).toEqual([
      "'Báo cáo'!D9 (Lĩnh vực Văn hóa - xã hội) is -5, which is not a count (a whole number from 0 up)",
      `'Báo cáo'!D10 (Lĩnh vực Quốc phòng - an ninh) holds the text "mười", not a number`
    ])
    const totalOnly = await edit(filled, (sheet) => {
      sheet.getCell("D8").value = 120
      sheet.getCell("D7").value = 999
    })
    const wrong = await problemsOf(totalOnly)
    expect(wrong.map((p) => [p._tag, p.message])).toEqual([
      [
        "WrongTotal",
        "'Báo cáo'!D7 (Tổng số mô hình đang triển khai thực hiện) shows 999, but its parts D8:D11 sum to 120"
      ]
    ])
  })

  it("applies the consistency rules, naming the cells they involve", async () => {
    const content = new Report.ReportContent({
      figures: {
        ...FiguresRules.emptyDvk(spec.fields.map((f) => f.id) as never),
        models: 10,
        byField: { economy: 10, "culture-society": 0, "security-defence": 0, "political-system": 0 } as never,
        byStatus: { ...FiguresRules.emptyDvk([]).byStatus, inProgress: 10 },
        extra: { hoGiaDinh: 0 }
      },
      achievements: "",
      shortcomings: "",
      nextTasks: ""
    })
    const bad = await edit(await template(content), (sheet) => {
      sheet.getCell("D14").value = 4 // in progress: 4, so the statuses sum to 4, not 10
      sheet.getCell("D20").value = 3 // effective
      sheet.getCell("D21").value = 5 // commended > effective
    })
    const problems = await problemsOf(bad)
    expect(problems.map((p) => p._tag)).toEqual(["InconsistentFigures", "InconsistentFigures"])
    expect(problems[0]?.message).toMatch(
      /^'Báo cáo'!D13, 'Báo cáo'!D14, .*'Báo cáo'!D18, 'Báo cáo'!D7: the byStatus breakdown sums to 4/u
    )
    expect(problems[1]?.message).toBe("'Báo cáo'!D21, 'Báo cáo'!D20: commended (5) exceeds effective (3)")
  })

  it("refuses a form of another unit, and a file that is not a workbook", async () => {
    const other = await Effect.runPromise(
      ReportForm.template({ ...spec, unit: { id: "nb-377", name: "Huyện Yên Mô" } })
    )
    const problems = await problemsOf(other)
    expect(problems.map((p) => p.message)).toEqual([
      `danvan!B3: the form is for the unit "nb-377", not "nb-376"`
    ])
    const exit = await Effect.runPromiseExit(
      ReportForm.read(new TextEncoder().encode("not a workbook"), spec)
    )
    expect(Exit.isFailure(exit)).toBe(true)
  })

  it("never throws on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const exit = await Effect.runPromiseExit(ReportForm.read(bytes, spec))
        expect(Exit.isFailure(exit)).toBe(true)
      }),
      { numRuns: 50 }
    )
  })

  it("bytes whose reading throws what cannot be shown are an OfficeError, not a defect", async () => {
    const unshowable = () => {
      throw { toString: "" }
    }
    const hostile = [
      new Proxy(new Uint8Array(8), { get: unshowable, getPrototypeOf: unshowable }),
      Object.defineProperty(new Uint8Array(8), "byteLength", { get: unshowable })
    ]
    for (const bytes of hostile) {
      const exit = await Effect.runPromiseExit(ReportForm.read(bytes, spec))
      const failure = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
      expect(failure?._tag).toBe("Fail")
      expect(failure?._tag === "Fail" && failure.error).toMatchObject({
        _tag: "OfficeError",
        operation: "reading the report form"
      })
    }
  })

  it("keeps the figures' sum of models as models (flatten agrees)", async () => {
    const content = fc.sample(contentArb, { numRuns: 1, seed: 7 })[0]!
    const back = await Effect.runPromise(ReportForm.read(await template(content), spec))
    expect(Figures.flatten(back.figures).models).toBe(Figures.flatten(content.figures).models)
  })
})
