/**
 * The 2025 reform example: the 2021–2025 phase report of the new Ninh Bình province counts every
 * model registered by the old units exactly once, through the succession links.
 */
import { StoreMemory } from "@danvan/store-memory"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { type PhaseReport, phaseReport } from "../src/reform-2025/phaseReport.ts"
import { toText } from "../src/reform-2025/render.ts"
import { load } from "../src/reform-2025/units.ts"
import { hasSharedDomain, unitsThreeTier, unitsTwoTier } from "../src/shared/paths.ts"
import { silent } from "../src/shared/progress.ts"

const shared = hasSharedDomain()
if (!shared) console.warn("skipping the reform-2025 example: ../shared/domain/units is not there")

describe.skipIf(!shared)("reform-2025 example", () => {
  let report: PhaseReport
  beforeAll(async () => {
    report = await Effect.runPromise(
      Effect.provide(phaseReport(load(unitsThreeTier, unitsTwoTier), silent), StoreMemory.layer())
    )
  }, 60_000)

  it("builds the new province of 129 communes and wards from the three old ones", () => {
    expect(report.newCommunes).toEqual({ total: 129, communes: 97, wards: 32 })
    // 9 district-level units of Ninh Bình (with Ninh Bình city, Hoa Lư district and Hoa Lư city),
    // 6 of Hà Nam, 9 of Nam Định; 125 + 98 + 175 communes.
    expect(report.oldUnits).toEqual({ provinces: 3, districts: 24, communes: 398 })
    expect(report.carriedAtProvince).toBe(398 - 129)
  })

  it("counts every model of the old units once in the consolidated phase report", () => {
    const byOldProvince = Object.values(report.byOldProvince)
    expect(byOldProvince.every((n) => n > 0)).toBe(true)
    expect(byOldProvince.reduce((a, b) => a + b, 0)).toBe(report.registered)
    expect(report.totals.models).toBe(report.registered)
    expect(report.byNewUnit.reduce((a, u) => a + u.models, 0)).toBe(report.registered)
    expect(report.countedTimes.size).toBe(report.registered)
    expect([...report.countedTimes.values()].every((n) => n === 1)).toBe(true)
    const byField = ["economy", "culture-society", "security-defence", "political-system"].map(
      (f) => report.totals[`byField.${f}`] ?? 0
    )
    expect(byField.reduce((a, b) => a + b, 0)).toBe(report.registered)
    // The 129 new communes and the province itself reported.
    expect(report.contributions).toBe(130)
    expect(report.totals.commended).toBeLessThanOrEqual(report.totals.effective ?? 0)
  })

  it("lets a level above the carrying unit evaluate the models of units that no longer exist", () => {
    expect(report.evaluatedAfterReform).toBeGreaterThan(0)
    expect(report.totals.commended).toBeGreaterThan(0)
  })

  it("prints the report in Vietnamese", () => {
    const text = toText(report)
    expect(text).toContain('BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA "DÂN VẬN KHÉO" GIAI ĐOẠN 2021-2025')
    expect(text).toContain("không mô hình nào bị tính hai lần")
    expect(text).toContain("129 đơn vị hành chính cấp xã (97 xã, 32 phường)")
  })
})
