import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as CsvImport from "../src/csv/CsvImport.ts"
import * as CsvList from "../src/csv/CsvList.ts"
import * as Output from "../src/Output.ts"

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "danvan-bench-csv-test-"))
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }))

describe("the statistics-office CSV list and its import (benchmark row)", () => {
  it("writes a list of about the size asked, the same for the same seed, that both imports read alike", async () => {
    const file = path.join(directory, "list.csv")
    const list = CsvList.write(file, 2_000_000, 3, 2)
    expect(list.bytes).toBeGreaterThan(1_700_000)
    expect(list.bytes).toBeLessThan(2_300_000)
    expect(list.rows).toBe(2 * 11 * 144)
    const again = path.join(directory, "again.csv")
    CsvList.write(again, 2_000_000, 3, 2)
    expect(fs.readFileSync(again).equals(fs.readFileSync(file))).toBe(true)
    const results = []
    for (const variant of CsvImport.variants) results.push(await CsvImport.measure(variant, file))
    const [read, chunks, text] = results as [
      CsvImport.VariantResult,
      CsvImport.VariantResult,
      CsvImport.VariantResult
    ]
    expect(read.records).toBe(list.rows + 1)
    expect(chunks.records).toBe(list.provinces + list.districts + list.communes)
    expect(chunks.rejected).toBe(list.badCodes)
    expect(list.badCodes).toBe(3)
    expect(text.digest).toBe(chunks.digest)
    const section = Output.csvSection({ list, results }).join("\n")
    expect(section).toContain("## Statistics-office CSV import")
    expect(section.match(/\| ✓ \|/gu)).toHaveLength(2)
  }, 120_000)
})
