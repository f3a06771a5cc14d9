/**
 * The flagship example: the 2017 mid-year conference of Ninh Bình province.
 *
 *     pnpm example                                         # in memory
 *     pnpm example --store sqlite:.danvan-data/nb.db    # a SQLite file (run it twice: no duplicates)
 *     pnpm example --store json:.danvan-data/nb         # a JSON directory
 *     pnpm example --store postgres:postgres://postgres@127.0.0.1:5432/postgres --pg-schema nb2017
 *
 * It builds the province, its districts and communes, the steering committees, the directives and
 * their tasks, sample DVK models and the district reports of the first six months of 2017; then it
 * prints the province's six-month report in Vietnamese and writes it as Markdown, CSV, Word (.docx) and
 * Excel (.xlsx), with a district's report form filled and read back, under
 * `examples/output/conference-2017/` (or `--output <dir>`). Progress goes to standard error.
 */
import { join } from "node:path"
import { parseArgs } from "node:util"
import { cliArgs } from "../shared/cli.ts"
import { outputRoot } from "../shared/paths.ts"
import { describeStore, layerOf, parseStore } from "../shared/store.ts"
import { run } from "./run.ts"

const main = async () => {
  const { values } = parseArgs({
    args: cliArgs(),
    options: {
      store: { type: "string", default: "memory" },
      "pg-schema": { type: "string" },
      output: { type: "string", default: join(outputRoot, "conference-2017") },
      help: { type: "boolean", short: "h", default: false }
    }
  })
  if (values.help) {
    process.stdout.write(
      "usage: conference-2017 [--store memory|sqlite:<file>|postgres:<url>|json:<dir>] [--pg-schema <name>] [--output <dir>]\n"
    )
    return
  }
  const choice = parseStore(values.store, values["pg-schema"])
  process.stderr.write(`store: ${describeStore(choice)}\n`)
  const result = await run({ layer: layerOf(choice), outputDir: values.output })
  process.stdout.write(result.text)
  process.stderr.write(`\nwritten: ${result.files.join(", ")}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`\nerror: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
