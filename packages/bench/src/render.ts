/**
 * Prints the Markdown report of a results file again (`node --conditions=@danvan/source
 * src/render.ts bench-results/latest-scale-1.json`), or with `--summary` the compact table that
 * `docs/benchmarks.md` shows per scale.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as Output from "./Output.ts"

const [file, flag] = process.argv.slice(2)
if (file === undefined) {
  process.stderr.write("usage: render.ts RESULTS.json [--summary]\n")
  process.exit(2)
}
const report = JSON.parse(fs.readFileSync(file, "utf8")) as Output.RunReport
process.stdout.write(`${flag === "--summary" ? Output.summary(report) : Output.markdown(report)}\n`)
