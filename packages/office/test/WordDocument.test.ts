/**
 * The six-month report as a Word document, opened by readers other than its writer (docx): the
 * package's XML for the page set-up of Decree 30/2020/NĐ-CP, mammoth for the paragraphs, and
 * LibreOffice converting it to PDF, read back by pdftotext.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { strFromU8, unzipSync } from "fflate"
import mammoth from "mammoth"
import { LibreOffice, WordDocument } from "../src/index.ts"
import { letterhead, report } from "./fixture.ts"
import { hasLibreOffice, hasPoppler, pdfText } from "./libreoffice.ts"

const bytes = await Effect.runPromise(WordDocument.sixMonthReport(report, letterhead))
const files = unzipSync(bytes)
const xml = strFromU8(files["word/document.xml"]!)

describe("WordDocument.sixMonthReport", () => {
  it("is A4 with the decree's margins, Times New Roman, no page number on the first page", () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u)
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/u)
    expect(xml).toContain("<w:titlePg/>")
    expect(xml).toContain('w:ascii="Times New Roman"')
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/u)
  })

  it("has the header block, title, sections, tables, recipients and signature in order", async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) })
    const paragraphs = value
      .split("\n")
      .map((p) => p.trim())
      .filter((p) => p !== "")
    const order = [
      "TỈNH ỦY NINH BÌNH",
      "BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ",
      "Số: 35/BC-BCĐ",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Ninh Bình, ngày 14 tháng 7 năm 2017",
      "BÁO CÁO",
      'Sơ kết 6 tháng đầu năm 2017 công tác thực hiện Quy chế dân chủ ở cơ sở và phong trào thi đua "Dân vận khéo"',
      'I. Phong trào thi đua "Dân vận khéo"',
      "1. Số mô hình theo lĩnh vực",
      "Tổng số",
      "1.952",
      "IV. Nhiệm vụ 6 tháng cuối năm 2017",
      "Nơi nhận:",
      "- Ban Dân vận Trung ương (b/c);",
      "- Lưu: VT, BDV.",
      "TM. BAN CHỈ ĐẠO",
      "TRƯỞNG BAN",
      "Nguyễn Tiến Thành"
    ]
    let at = -1
    for (const p of order) {
      const next = paragraphs.indexOf(p, at + 1)
      expect(next, `"${p}" after paragraph ${at}`).toBeGreaterThan(at)
      at = next
    }
  })

  it("embeds the charts as native charts with their figures", () => {
    const charts = Object.keys(files).filter((f) => /^word\/charts\/chart\d+\.xml$/u.test(f))
    expect(charts).toHaveLength(3)
    const first = charts.map((f) => strFromU8(files[f]!)).find((c) => c.includes("Số mô hình theo lĩnh vực"))!
    expect(first).toContain("<c:v>1200</c:v>")
    expect(first).toContain("Phát triển kinh tế")
  })

  it("leaves out the charts that have nothing to draw (no model fields stored yet)", async () => {
    const doc = await Effect.runPromise(WordDocument.sixMonthReport({ ...report, fields: [] }, letterhead))
    const parts = unzipSync(doc)
    const charts = Object.keys(parts).filter((f) => /^word\/charts\/chart\d+\.xml$/u.test(f))
    // Models by field and by field and unit have no category or no series; the reporting chart stays.
    expect(charts).toHaveLength(1)
    expect(strFromU8(parts[charts[0]!]!)).toContain("Tình hình gửi báo cáo theo đơn vị")
  })

  it("writes a day below 10 and a month below 3 with a leading zero", async () => {
    const doc = await Effect.runPromise(
      WordDocument.sixMonthReport(report, { ...letterhead, date: "2021-02-05" })
    )
    expect(strFromU8(unzipSync(doc)["word/document.xml"]!)).toContain("Ninh Bình, ngày 05 tháng 02 năm 2021")
  })

  it.skipIf(!hasLibreOffice || !hasPoppler)(
    "converts to an A4 PDF whose text keeps the Vietnamese letters",
    async () => {
      const pdf = await Effect.runPromise(LibreOffice.toPdf(bytes))
      const text = pdfText(pdf)
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
      expect(text).toContain("Độc lập - Tự do - Hạnh phúc")
      expect(text).toContain("Ninh Bình, ngày 14 tháng 7 năm 2017")
      expect(text).toMatch(/Huyện Kim Sơn\s+200\s+452\s+652/u)
      expect(text).toContain("Nơi nhận:")
      expect(Buffer.from(pdf).toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/u)
    },
    120_000
  )
})
