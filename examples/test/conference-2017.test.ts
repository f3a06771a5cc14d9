/**
 * The flagship example, run in-process against every store (memory, a SQLite file, PostgreSQL in
 * a fresh schema, a JSON directory) and once as the command the README runs. The figures must be
 * the same everywhere, and a second run against the same file store must add nothing.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { type RunResult, run } from "../src/conference-2017/run.ts"
import { hasSharedDomain } from "../src/shared/paths.ts"
import { silent } from "../src/shared/progress.ts"
import { layerOf, type StoreChoice } from "../src/shared/store.ts"
import { dropSchema, freshSchemaName, pgAvailable, pgUrl } from "./postgres.ts"

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
  districts: r.report.districts,
  committees: r.report.committees,
  directives: r.report.directives,
  tasks: r.report.tasks,
  sampleModels: r.report.sampleModels,
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
    expect(report.districts.map((d) => `${d.code} ${d.name}`)).toEqual([
      "369 Thành phố Ninh Bình",
      "370 Thành phố Tam Điệp",
      "372 Huyện Nho Quan",
      "373 Huyện Gia Viễn",
      "374 Huyện Hoa Lư",
      "375 Huyện Yên Khánh",
      "376 Huyện Kim Sơn",
      "377 Huyện Yên Mô"
    ])
    const counted = report.districts.filter((d) => d.models !== undefined)
    expect(counted.reduce((a, d) => a + (d.models ?? 0), 0)).toBe(1952)
    for (const d of counted) {
      expect(Object.values(d.byField ?? {}).reduce((a, b) => a + b, 0)).toBe(d.models)
    }
    expect(report.expected).toBe(8)
    expect(report.districts.filter((d) => d.submission === "late").map((d) => d.code)).toEqual(["372", "376"])
    expect(report.districts.filter((d) => d.submission === "missing").map((d) => d.code)).toEqual(["377"])
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
    expect(report.tasks).toHaveLength(5)
    expect(report.tasks.some((t) => t.description.startsWith("HĐND các cấp"))).toBe(true)
    expect(report.sampleModels.length).toBeGreaterThan(10)
    expect(report.sampleModels.map((m) => m.status)).toContain("discontinued")
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
  }, 60_000)

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
  })
})
