import { describe, expect, it } from "@effect/vitest"
import * as Output from "../src/Output.ts"
import type { Answer, TargetResult, Timing } from "../src/Run.ts"

const summary = { count: 3, median: 10, p95: 12, min: 9, max: 12 }
const timing = (answer: Answer): Timing => ({ ms: summary, answer })
const kind = { records: 100, ms: 10 }

const result = (implementation: "danvan" | "baseline", country: Answer, ms = 10): TargetResult => ({
  adapter: "sqlite",
  implementation,
  memoryMethod: "test",
  provinces: 1,
  generationMs: 1,
  rssBeforeImport: 2 ** 20,
  import: {
    kinds: {
      static: kind,
      units: kind,
      models: kind,
      reports: kind,
      directives: kind,
      finish: { records: 0, ms: 1 }
    },
    total: { records: 500, ms: implementation === "danvan" ? 100 : 50 },
    peakRss: 3 * 2 ** 20,
    rssAfter: 2 * 2 ** 20,
    heapRetained: 2 ** 20
  },
  rollup: {
    country: { ms: { ...summary, median: ms }, answer: country },
    province: timing({ size: 2, digest: "p", totals: "pt" }),
    useCase: { ...timing({ size: 2, digest: "u" }), completeness: "expected 1" },
    peakRss: 4 * 2 ** 20
  },
  expected: {
    country: { size: 5, digest: "", totals: "ct" },
    province: { size: 2, digest: "", totals: "pt" },
    jurisdictionProvince: 7,
    jurisdictionDistrict: 3,
    directives: { size: 1, digest: "d" }
  },
  maxRss: 2 * 2 ** 20,
  load: [1, 1]
})

const report = (d: TargetResult, b: TargetResult): Output.RunReport => ({
  startedAt: "2026-01-01T00:00:00.000Z",
  options: {
    scale: 0.01,
    seed: 1,
    adapters: ["sqlite"],
    implementations: ["baseline", "danvan"],
    scenarios: ["import", "rollup"],
    submissions: 0,
    load: 0,
    csvMegabytes: 50
  },
  machine: { node: "v24", cpus: "cpu", cores: 2, memory: 2 ** 30, platform: "linux" },
  wallSeconds: 1,
  results: [b, d],
  failures: []
})

describe("Output", () => {
  const right: Answer = { size: 5, digest: "c", totals: "ct" }

  it("marks answers that agree with each other and with the generator", () => {
    const rows = Output.rows(result("danvan", right), result("baseline", right))
    const country = rows.find((r) => r.scenario.includes("whole country"))!
    expect(country.check).toBe("✓ same")
  })

  it("flags a baseline that differs from danvan, and an answer that differs from the generator", () => {
    const rows = Output.rows(
      result("danvan", right),
      result("baseline", { size: 4, digest: "x", totals: "xt" })
    )
    const check = rows.find((r) => r.scenario.includes("whole country"))!.check
    expect(check).toMatch(/^✗/)
    expect(check).toContain("danvan and baseline differ (5 vs 4)")
    expect(check).toContain("baseline ≠ generated (4 vs 5)")
    expect(check).not.toContain("danvan ≠ generated")
    expect(
      Output.summary(
        report(result("danvan", right), result("baseline", { size: 4, digest: "x", totals: "xt" }))
      )
    ).toContain("Answers that differ")
  })

  it("states each target against its threshold", () => {
    const met = Output.targets(report(result("danvan", right, 15), result("baseline", right, 10)))
    expect(met.join("\n")).toMatch(/bulk import ≥ 0.5 × baseline throughput, sqlite \| 0.50 ×.*\| met \|/)
    expect(met.join("\n")).toMatch(/national rollup ≤ 2 × baseline time, sqlite \| 1.50 ×.*\| met \|/)
    const missed = Output.targets(report(result("danvan", right, 25), result("baseline", right, 10)))
    expect(missed.join("\n")).toMatch(/national rollup ≤ 2 × baseline time, sqlite \| 2.50 ×.*\*\*missed\*\*/)
  })

  it("shows what the submissions' p95 is made of only when the run recorded it", () => {
    const submit = { samples: [1, 2, 3], ms: summary, peakRss: 2 ** 20 }
    const recorded = {
      ...submit,
      cpuMs: { ...summary, p95: 2 },
      gc: { pauses: 2, ms: 30, longestMs: 20, slowest: 1, slowestWithPause: 1 },
      settled: { waitedMs: 1200, backgroundCpuMs: 850 }
    }
    const rows = Output.rows(
      { ...result("danvan", right), submit: recorded },
      { ...result("baseline", right), submit }
    )
    expect(rows.find((r) => r.scenario.includes("CPU time p95"))!.danvan).toBe(2)
    const gc = rows.find((r) => r.scenario.includes("GC pauses"))!
    expect(gc.danvan).toBe(30)
    expect(gc.check).toBe("danvan: 2, longest 20.00 ms, in 1 of the 1 slowest")
    const settled = rows.find((r) => r.scenario.includes("background work"))!
    expect(settled.danvan).toBe(1200)
    expect(settled.baseline).toBeUndefined()
    expect(settled.check).toBe("danvan: 850 ms of other threads' CPU")
    // An older result (no CPU time, no pauses): the rows are left out.
    const older = Output.rows(
      { ...result("danvan", right), submit },
      { ...result("baseline", right), submit }
    )
    expect(
      older.some(
        (r) =>
          r.scenario.includes("CPU time p95") ||
          r.scenario.includes("GC pauses") ||
          r.scenario.includes("background work")
      )
    ).toBe(false)
  })

  it("takes the process's peak as the largest of the scenarios' peaks", () => {
    expect(Output.peakOf(result("danvan", right))).toBe(4 * 2 ** 20)
  })
})
