import * as v8 from "node:v8"
import * as vm from "node:vm"
import { Worker } from "node:worker_threads"
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Random from "../src/generate/Random.ts"
import * as Memory from "../src/measure/Memory.ts"
import * as Pauses from "../src/measure/Pauses.ts"
import * as Stats from "../src/measure/Stats.ts"

describe("Stats", () => {
  const samples = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 })

  it("percentiles are samples, ordered, between min and max", () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const s = Stats.summary(xs)
        expect(xs).toContain(s.p95)
        expect(s.min).toBeLessThanOrEqual(s.median)
        expect(s.median).toBeLessThanOrEqual(s.max)
        expect(Stats.percentile(xs, 50)).toBeLessThanOrEqual(s.p95)
        expect(s.p95).toBeLessThanOrEqual(s.max)
      })
    )
  })

  it("at least 95% of the samples are at or below p95", () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const p95 = Stats.percentile(xs, 95)
        expect(xs.filter((x) => x <= p95).length / xs.length).toBeGreaterThanOrEqual(0.95)
      })
    )
  })

  it("takes the mean of the two middle samples for an even count", () => {
    expect(Stats.median([4, 1, 3, 2])).toBe(2.5)
    expect(Stats.median([5, 1, 3])).toBe(3)
    expect(Stats.percentile([10, 20, 30, 40], 95)).toBe(40)
  })
})

describe("Stats.warmedSamples", () => {
  const sampling: Stats.Sampling = { warmMs: 20, budgetMs: 60, minRuns: 3, maxRuns: 50 }

  /** A clock that moves only when a call takes `ms`: the sampling's arithmetic, free of the machine's load. */
  const fakeClock = () => {
    let t = 0
    return {
      clock: () => t,
      call:
        <A>(ms: number, value: () => A) =>
        async () => {
          t += ms
          return value()
        }
    }
  }

  it("warms up for warmMs, then times a quick call maxRuns times, checking every value against the first", async () => {
    const { clock, call } = fakeClock()
    const step = 1 / 64 // a binary fraction: sums of it are exact
    let calls = 0
    const seen: Array<readonly [number, number]> = []
    const r = await Stats.warmedSamples(
      call(step, () => calls++),
      (value, first) => seen.push([value, first]),
      sampling,
      clock
    )
    expect(r.first).toEqual({ value: 0, ms: step })
    expect(r.warmCalls).toBe(sampling.warmMs / step)
    expect(r.samples.length).toBe(sampling.maxRuns)
    expect(calls).toBe(1 + r.warmCalls + r.samples.length)
    expect(seen.length).toBe(calls - 1)
    expect(seen.every(([value, first], i) => value === i + 1 && first === 0)).toBe(true)
  })

  /** `warmedSamples` over a call that takes `ms` on a clock of its own. */
  const paced = (ms: number, timing: Stats.Sampling = sampling) => {
    const { clock, call } = fakeClock()
    return Stats.warmedSamples(
      call(ms, () => ms),
      () => {},
      timing,
      clock
    )
  }

  it("times a slow call as often as the budget allows at the warm-up's pace, never under minRuns", async () => {
    const r = await paced(15)
    expect(r.warmCalls).toBe(2)
    expect(r.samples).toEqual([15, 15, 15, 15])
    const s = await paced(100)
    expect(s.warmCalls).toBe(1)
    expect(s.samples.length).toBe(sampling.minRuns)
  })

  it("with no warm-up, paces by the first call alone", async () => {
    const r = await paced(40, Stats.rollupSampling)
    expect(r.warmCalls).toBe(0)
    expect(r.samples.length).toBe(Math.ceil(Stats.rollupSampling.budgetMs / 40))
    expect((await paced(1, Stats.rollupSampling)).samples.length).toBe(Stats.rollupSampling.maxRuns)
  })

  it("stops at the first value `each` refuses", async () => {
    let calls = 0
    const run = Stats.warmedSamples(
      async () => calls++,
      (value) => {
        if (value === 3) throw new Error("differs")
      },
      sampling
    )
    await expect(run).rejects.toThrow("differs")
    expect(calls).toBe(4)
  })
})

describe("Random", () => {
  it("the same seed and key give the same stream", () => {
    fc.assert(
      fc.property(fc.nat(), fc.string(), (seed, key) => {
        const a = Random.forKey(seed, key)
        const b = Random.forKey(seed, key)
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next())
      })
    )
  })

  it("int stays within its bounds and next within [0, 1)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, width) => {
        const r = Random.forKey(seed, "bounds")
        for (let i = 0; i < 50; i++) {
          const x = r.int(min, min + width)
          expect(x).toBeGreaterThanOrEqual(min)
          expect(x).toBeLessThanOrEqual(min + width)
          expect(Number.isInteger(x)).toBe(true)
          const f = r.next()
          expect(f >= 0 && f < 1).toBe(true)
        }
      })
    )
  })

  it("different keys give different streams", () => {
    const a = Random.forKey(1, "province", "37")
    const b = Random.forKey(1, "province", "38")
    expect([a.next(), a.next()]).not.toEqual([b.next(), b.next()])
  })

  it("count has about the asked mean", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(0.5, 1.15, 6, 8.97, 40), (seed, mean) => {
        const r = Random.forKey(seed, "count")
        let total = 0
        const n = 4000
        for (let i = 0; i < n; i++) total += r.count(mean)
        expect(Math.abs(total / n - mean)).toBeLessThan(0.1 * mean + 0.1)
      })
    )
  })

  it("weighted only picks keys with weight", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const r = Random.forKey(seed, "weights")
        for (let i = 0; i < 100; i++) expect(["a", "c"]).toContain(r.weighted({ a: 1, b: 0, c: 3 }))
      })
    )
  })
})

describe("Pauses", () => {
  const pause = fc.record({
    start: fc.double({ min: 0, max: 1000, noNaN: true }),
    ms: fc.double({ min: 0, max: 100, noNaN: true }),
    kind: fc.constant("minor" as const)
  })

  it("the time within a window is the sum of each pause's overlap with it, never more than either", () => {
    fc.assert(
      fc.property(
        fc.array(pause, { maxLength: 20 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (pauses, start, length) => {
          const ms = Pauses.within(pauses, start, start + length)
          expect(ms).toBeGreaterThanOrEqual(0)
          expect(ms).toBeLessThanOrEqual(pauses.reduce((n, p) => n + p.ms, 0) + 1e-9)
          // Pauses that do not overlap each other cannot fill more than the window.
          const apart = pauses.map((p, i) => ({ ...p, start: i * 200, ms: Math.min(p.ms, 100) }))
          expect(Pauses.within(apart, start, start + length)).toBeLessThanOrEqual(length + 1e-9)
        }
      )
    )
  })

  it("a pause inside a window counts whole, one outside not at all, one across an edge in part", () => {
    const pauses: ReadonlyArray<Pauses.Pause> = [
      { start: 10, ms: 5, kind: "minor" },
      { start: 30, ms: 10, kind: "major" },
      { start: 48, ms: 4, kind: "minor" }
    ]
    expect(Pauses.within(pauses, 0, 20)).toBe(5)
    expect(Pauses.within(pauses, 20, 29)).toBe(0)
    expect(Pauses.within(pauses, 35, 50)).toBe(5 + 2)
  })

  it("records the collections made while it runs", async () => {
    // A collection on demand, with or without --expose-gc in this worker.
    v8.setFlagsFromString("--expose-gc")
    const gc = vm.runInNewContext("gc") as () => void
    const recorder = Pauses.record()
    gc()
    const pauses = await recorder.stop()
    expect(pauses.length).toBeGreaterThan(0)
    expect(pauses.some((p) => p.kind === "major")).toBe(true)
    expect(pauses.every((p, i) => i === 0 || pauses[i - 1]!.start <= p.start)).toBe(true)
  })
})

describe("Memory.settle", () => {
  it("waits while another thread of the process works, and not long when none does", async () => {
    // A thread busy for 600 ms of wall time: settling cannot end before it does.
    const worker = new Worker("const end = Date.now() + 600; while (Date.now() < end) {}", { eval: true })
    await new Promise((resolve) => worker.once("online", resolve))
    const busy = await Memory.settle()
    await worker.terminate()
    expect(busy.waitedMs).toBeGreaterThanOrEqual(400)
    expect(busy.backgroundCpuMs).toBeGreaterThan(0)
    const idle = await Memory.settle()
    expect(idle.waitedMs).toBeLessThan(busy.waitedMs)
  })
})
