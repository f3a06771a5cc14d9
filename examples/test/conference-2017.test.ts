/**
 * The flagship example, run in-process against every store (memory, a SQLite file, PostgreSQL in
 * a fresh schema, a JSON directory) and once as the command the README runs. The figures must be
 * the same everywhere, and a second run against the same file store must add nothing.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { LibreOffice } from "@danvan/office"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { type RunResult, run } from "../src/conference-2017/run.ts"
import { hasSharedDomain } from "../src/shared/paths.ts"
import { silent } from "../src/shared/progress.ts"
import { layerOf, type StoreChoice } from "../src/shared/store.ts"
import { dropSchema, freshSchemaName, pgAvailable, pgUrl } from "./postgres.ts"

/** The text of a PDF by poppler's pdftotext (installed with LibreOffice by .ci/office-deps). */
const pdfText = (pdf: Uint8Array): string => {
  const file = join(scratch, `page-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, pdf)
  const r = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout
}

const shared = hasSharedDomain()
if (!shared) console.warn("skipping the conference-2017 example: ../shared/domain/units is not there")

const scratch = mkdtempSync(join(tmpdir(), "danvan-conference-2017-"))
const pgSchema = freshSchemaName("danvan_example_nb2017")
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true })
  if (shared) await dropSchema(pgSchema)
})

const runOn = (choice: StoreChoice) => run({ layer: layerOf(choice), progress: silent })

/** What must read the same whatever the store. */
const figuresOf = (r: RunResult) => ({
  totals: r.report.totals,
  units: r.report.units,
  committees: r.report.committees,
  directives: r.report.directives,
  tasks: r.report.tasks,
  models: r.report.models,
  followUp: r.followUp,
  text: r.text
})

describe.skipIf(!shared)("conference-2017 (the README's first command)", () => {
  let memory: RunResult

  it("consolidates 1,952 models by field and by district, with late and missing submissions", async () => {
    memory = await runOn({ kind: "memory" })
    const { report } = memory
    expect(report.totals.models).toBe(1952)
    const byField = report.fields.map((f) => report.totals[`byField.${f.id}`] ?? 0)
    expect(byField).toEqual([722, 543, 305, 382])
    expect(byField.reduce((a, b) => a + b, 0)).toBe(1952)

    // Eight district-level units in 2017: Ninh Bình city and Hoa Lư district, split back.
    expect(report.units.map((d) => `${d.code} ${d.name}`)).toEqual([
      "369 Thành phố Ninh Bình",
      "370 Thành phố Tam Điệp",
      "372 Huyện Nho Quan",
      "373 Huyện Gia Viễn",
      "374 Huyện Hoa Lư",
      "375 Huyện Yên Khánh",
      "376 Huyện Kim Sơn",
      "377 Huyện Yên Mô"
    ])
    const counted = report.units.filter((d) => d.figures !== undefined)
    expect(counted.reduce((a, d) => a + (d.figures?.models ?? 0), 0)).toBe(1952)
    for (const d of counted) {
      const byField = report.fields.map((f) => d.figures?.[`byField.${f.id}`] ?? 0)
      expect(byField.reduce((a, b) => a + b, 0)).toBe(d.figures?.models)
    }
    expect(report.expected).toBe(8)
    expect(report.units.filter((d) => d.submission === "late").map((d) => d.code)).toEqual(["372", "376"])
    expect(report.units.filter((d) => d.submission === "missing").map((d) => d.code)).toEqual(["377"])
    expect(report.violations).toEqual([])
  })

  it("prints the report in Vietnamese, with committees, directives in force and tasks", () => {
    const { report, text } = memory
    expect(text).toContain("BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2017")
    expect(text).toContain('triển khai thực hiện 1.952 mô hình "Dân vận khéo"')
    expect(text).toContain("Chưa gửi: Huyện Yên Mô")
    expect(report.committees.map((c) => c.members[0])).toEqual([
      { post: "Trưởng ban", name: "Nguyễn Tiến Thành", titles: ["Phó Bí thư Thường trực Tỉnh ủy"] },
      { post: "Trưởng ban", name: "Mai Văn Tuất", titles: ["TVTU", "Trưởng ban Dân vận Tỉnh ủy"] }
    ])
    // On 14/07/2017 Decree 60/2013 is in force (149/2018 replaces it only from 01/01/2019).
    expect(report.directives.map((d) => d.number)).toEqual([
      "60/2013/NĐ-CP",
      "20-KH/TU",
      "771-KH/BDVTƯ",
      "145-TB/TU"
    ])
    expect(report.directives[0]?.replacedBy).toEqual([
      { number: "149/2018/NĐ-CP", effectiveFrom: "2019-01-01" },
      { number: "145/2020/NĐ-CP", effectiveFrom: "2021-02-01" }
    ])
    // The five tasks of the conclusion (145-TB/TU), and the plan's task due by 31/12/2017 (771-KH/BDVTƯ).
    expect(report.tasks.map((t) => t.number)).toEqual([
      "771-KH/BDVTƯ",
      "145-TB/TU",
      "145-TB/TU",
      "145-TB/TU",
      "145-TB/TU",
      "145-TB/TU"
    ])
    expect(report.tasks.some((t) => t.description.startsWith("HĐND các cấp"))).toBe(true)
    expect(report.models.length).toBeGreaterThan(10)
    expect(report.models.map((m) => m.status)).toContain("discontinued")
  })

  it("follows the conclusion's five tasks into the districts' 2017 annual reports", () => {
    const { followUp, text } = memory
    expect(followUp.map((t) => t.number)).toEqual([1, 2, 3, 4, 5])
    expect(
      followUp.map((t) => [t.counts.done, t.counts.inProgress, t.counts.notStarted, t.notReported.length])
    ).toEqual([
      [5, 2, 0, 1],
      [3, 3, 1, 1],
      [5, 1, 0, 2],
      [3, 4, 0, 1],
      [5, 2, 0, 1]
    ])
    // Yên Mô never submits its annual report; Kim Sơn leaves task 3 (HĐND) out of its own.
    for (const t of followUp) expect(t.notReported).toContain("Huyện Yên Mô")
    expect(followUp[2]?.notReported).toEqual(["Huyện Kim Sơn", "Huyện Yên Mô"])
    expect(followUp[1]?.byStatus.notStarted).toEqual(["Huyện Kim Sơn"])
    // Eight district-level units are assigned each task: reported plus not reported.
    for (const t of followUp)
      expect(t.counts.done + t.counts.inProgress + t.counts.notStarted + t.notReported.length).toBe(8)
    expect(text).toContain("THEO DÕI THỰC HIỆN NHIỆM VỤ THEO KẾT LUẬN SỐ 145-TB/TU")
    expect(text).toContain(
      "Nhiệm vụ 3: đang thực hiện: Huyện Gia Viễn; chưa báo cáo: Huyện Kim Sơn, Huyện Yên Mô"
    )
  })

  const fileStores: ReadonlyArray<readonly [string, () => StoreChoice]> = [
    ["a SQLite file", () => ({ kind: "sqlite", filename: join(scratch, "nb.db") })],
    ["PostgreSQL (a fresh schema)", () => ({ kind: "postgres", url: pgUrl, schema: pgSchema })],
    ["a JSON directory", () => ({ kind: "json", directory: join(scratch, "nb-json") })]
  ]

  for (const [name, choice] of fileStores) {
    it.skipIf(name.startsWith("PostgreSQL") && !pgAvailable)(
      `gives the same figures on ${name}, and a second run adds nothing`,
      async () => {
        const first = await runOn(choice())
        expect(figuresOf(first)).toEqual(figuresOf(memory))
        expect(first.census).toEqual(memory.census)
        const second = await runOn(choice())
        expect(second.census).toEqual(first.census)
        expect(figuresOf(second)).toEqual(figuresOf(first))
      },
      60_000
    )
  }

  it("runs as a command, with progress on standard error and the files written", () => {
    const out = join(scratch, "cli-output")
    const examples = fileURLToPath(new URL("..", import.meta.url))
    const result = spawnSync(
      process.execPath,
      ["--conditions=@danvan/source", "src/conference-2017/main.ts", "--store", "memory", "--output", out],
      { cwd: examples, encoding: "utf8" }
    )
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toBe(memory.text)
    expect(result.stderr).toContain("✓ units of Ninh Bình, 2017")
    expect(result.stderr).toContain("✓ consolidating the six-month report")
    const markdown = readFileSync(join(out, "bao-cao-6-thang-dau-nam-2017.md"), "utf8")
    expect(markdown).toContain("| 376 | Huyện Kim Sơn | 139 | 97 | 53 | 67 | 356 | Muộn | 10/07/2017 |")
    const csv = readFileSync(join(out, "mo-hinh-theo-don-vi.csv"), "utf8")
    expect(csv.startsWith("\uFEFFMã,Đơn vị,Phát triển kinh tế")).toBe(true)
    expect(csv).toContain(",Tổng cộng,722,543,305,382,1952,,\r\n")
    expect(existsSync(join(out, "ban-chi-dao.csv"))).toBe(true)
    expect(result.stderr).toContain(
      "report form of Huyện Kim Sơn filled and read back: 356 models, the same content"
    )
    // Kim Sơn's annual form: the conclusion's five tasks, four of them followed up in its report.
    expect(result.stderr).toContain(
      "report form of Huyện Kim Sơn for 2017 filled and read back: 356 models, 4 of 5 tasks followed up, the same content"
    )
    for (const f of [
      "bao-cao-6-thang-dau-nam-2017.docx",
      "bao-cao-6-thang-dau-nam-2017.xlsx",
      "bieu-mau-bao-cao-376.xlsx",
      "bieu-mau-bao-cao-376-2017.xlsx"
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true)
    }
  }, 60_000)

  // The written Word document and workbook, opened by LibreOffice (not by the libraries that wrote
  // them): the figures of Ninh Bình's first half of 2017 as a person sees them.
  it.skipIf(!LibreOffice.available())(
    "writes a .xlsx and a .docx that LibreOffice opens with the right numbers",
    async () => {
      const out = join(scratch, "cli-output")
      const sheets = await Effect.runPromise(
        LibreOffice.sheetsAsShown(readFileSync(join(out, "bao-cao-6-thang-dau-nam-2017.xlsx")))
      )
      expect([...sheets.keys()]).toContain("Tổng hợp")
      const byUnit = sheets.get("Theo đơn vị") ?? ""
      expect(byUnit).toContain("376,Huyện Kim Sơn,139,97,53,67,356,Muộn,10/07/2017\n")
      expect(byUnit).toContain("377,Huyện Yên Mô,,,,,,Chưa gửi,\n")
      expect(byUnit).toContain(",Tổng cộng,722,543,305,382,1.952,,\n")
      expect(sheets.get("Theo lĩnh vực")).toContain('Phát triển kinh tế,722,"37,0%"')
      expect(sheets.get("Tổng hợp")).toMatch(/,Tổng cộng,1\.952,722,543,305,382,/u)
      const pdf = await Effect.runPromise(
        LibreOffice.toPdf(readFileSync(join(out, "bao-cao-6-thang-dau-nam-2017.docx")))
      )
      const text = pdfText(pdf)
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
      expect(text).toContain("Ninh Bình, ngày 14 tháng 7 năm 2017")
      expect(text).toContain("1.952 mô hình")
      expect(text).toMatch(/Huyện Kim Sơn\s+139\s+97\s+53\s+67\s+356/u)
      expect(text).toContain("Nguyễn Tiến Thành")
    },
    180_000
  )

  it("refuses an unknown store with a message that says what is accepted", () => {
    const examples = fileURLToPath(new URL("..", import.meta.url))
    const result = spawnSync(
      process.execPath,
      [
        "--conditions=@danvan/source",
        "src/conference-2017/main.ts",
        "--store",
        "mongodb:x",
        "--output",
        scratch
      ],
      { cwd: examples, encoding: "utf8" }
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("use memory, sqlite:<file>, postgres:<url> or json:<directory>")
  }, 60_000)
})
