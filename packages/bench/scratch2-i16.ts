import { Report, Unit, DvkModel } from "@danvan/core"
import { Schema } from "effect"
import * as Plan from "./src/generate/Plan.ts"
import { generate } from "./src/generate/Province.ts"
const plan = Plan.make({ scale: 0.01, seed: 1 })
const c = generate(plan, 0)
const reports = c.reports.map((e) => e.report)
const revs = c.reports.flatMap((e) => e.revisions)
const bench = (name: string, xs: ReadonlyArray<unknown>, f: (x: any) => unknown) => {
  for (let r = 0; r < 3; r++) { const t = performance.now(); for (const x of xs) f(x); const dt = performance.now() - t; if (r === 2) console.log(name, xs.length, (dt * 1000 / xs.length).toFixed(2), "µs/rec") }
}
for (const [n, s, xs] of [["report", Report.Report, reports], ["revision", Report.ReportRevision, revs], ["model", DvkModel.DvkModel, c.models]] as const) {
  const enc = Schema.encodeUnknownResult(s as any)
  const dec = Schema.decodeUnknownResult(s as any)
  const encoded = xs.map((x) => (enc(x) as any).success)
  bench(n + " enc", xs, (x) => enc(x))
  bench(n + " enc nochecks", xs, (x) => enc(x, { disableChecks: true }))
  bench(n + " dec", encoded, (x) => dec(x))
  bench(n + " dec nochecks", encoded, (x) => dec(x, { disableChecks: true }))
  bench(n + " JSON clone", encoded, (x) => JSON.parse(JSON.stringify(x)))
}
console.log(JSON.stringify((Schema.encodeUnknownSync(Report.Report as any)(reports[3]))).slice(0, 1500))
