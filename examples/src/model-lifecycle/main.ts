/**
 * Model lifecycle: register, evaluate, commend, replicate, and the steps the rules refuse.
 *
 *     pnpm --filter @danvan/examples run model-lifecycle
 */
import { StoreMemory } from "@danvan/store-memory"
import { Effect } from "effect"
import { story } from "./lifecycle.ts"

Effect.runPromise(Effect.provide(story, StoreMemory.layer())).then(
  (lines) => process.stdout.write(`${lines.join("\n")}\n`),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
