import { Report, Unit, DvkModel } from "@danvan/core"
import { Schema, Result } from "effect"
import * as Plan from "./src/generate/Plan.ts"
import { generate } from "./src/generate/Province.ts"
const plan = Plan.make({ scale: 0.01, seed: 1 })
const c = generate(plan, 0)
const reports = c.reports.map((e) => e.report)
const revs = c.reports.flatMap((e) => e.revisions)
const bench = (name: string, xs: ReadonlyArray<unknown>, f: (x: any) => unknown) => {
  for (let r = 0; r < 3; r++) { const t = performance.now(); for (const x of xs) f(x); const dt = performance.now() - t; if (r === 2) console.log(name, xs.length, (dt * 1000 / xs.length).toFixed(2), "µs/rec") }
}
for (const [n, s, xs] of [["report", Report.Report, reports], ["revision", Report.ReportRevision, revs], ["model", DvkModel.DvkModel, c.models], ["unit", Unit.Unit, c.units]] as const) {
  const enc = Schema.encodeUnknownResult(s as any)
  const encNo = (x: unknown) => Schema.encodeUnknownResult(s as any)(x, { disableChecks: true })
  const dec = Schema.decodeUnknownResult(s as any)
  const t = Schema.toType(s as any)
  const isT = Schema.is(t)
  const decT = Schema.decodeUnknownResult(t)
  bench(n + " enc+dec", xs, (x) => dec((enc(x) as any).success))
  bench(n + " encNoChecks+dec", xs, (x) => dec((encNo(x) as any).success))
  bench(n + " is(type)", xs, (x) => isT(x))
  bench(n + " decode(type)", xs, (x) => decT(x))
  bench(n + " structuredClone", xs, (x) => structuredClone(x))
}
