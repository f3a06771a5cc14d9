/**
 * The 2025 reform: the DVK phase report for 2021–2025 of the new Ninh Bình province, whose
 * communes and districts of 2021 no longer exist, consolidated through the succession links.
 *
 *     pnpm --filter @danvan/examples run reform-2025 [--store sqlite:<file>|postgres:<url>|json:<dir>]
 *
 * Use a fresh store: the example seeds it from scratch.
 */
import { parseArgs } from "node:util"
import { Effect } from "effect"
import { cliArgs } from "../shared/cli.ts"
import { unitsThreeTier, unitsTwoTier } from "../shared/paths.ts"
import { stderr } from "../shared/progress.ts"
import { describeStore, layerOf, parseStore } from "../shared/store.ts"
import { phaseReport } from "./phaseReport.ts"
import { toText } from "./render.ts"
import { load } from "./units.ts"

const { values } = parseArgs({
  args: cliArgs(),
  options: { store: { type: "string", default: "memory" }, "pg-schema": { type: "string" } }
})
const choice = parseStore(values.store, values["pg-schema"])
process.stderr.write(`store: ${describeStore(choice)}\n`)
Effect.runPromise(
  Effect.provide(phaseReport(load(unitsThreeTier, unitsTwoTier), stderr), layerOf(choice))
).then(
  (report) => process.stdout.write(toText(report)),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
