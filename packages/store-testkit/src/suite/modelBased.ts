/**
 * The model-based test: random command sequences (creates, updates at the right and at stale
 * versions, deletions where allowed, queries, transactions that commit or fail half way) run
 * against a fresh store and the reference model, compared after every command. On failure
 * fast-check reports the seed and path to replay (pass them as `modelBased.seed` and `.path`), the
 * shrunk sequence, and how the adapter's answer differed from the model's.
 *
 * @since 0.1.0
 */
import { describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fc from "fast-check"
import { commands } from "../model/Commands.ts"
import { run } from "../model/Run.ts"
import type { Suite } from "./helpers.ts"

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("model-based", () => {
    const { numRuns, maxCommands, seed, path } = suite.settings
    it(
      `${numRuns} random sequences of up to ${maxCommands} commands agree with the reference model after every command`,
      async () => {
        await fc.assert(
          fc.asyncProperty(commands(maxCommands), (sequence) =>
            Effect.runPromise(Effect.provide(run(sequence), suite.makeLayer()))
          ),
          {
            numRuns,
            ...(seed === undefined ? {} : { seed }),
            ...(path === undefined ? {} : { path }),
            endOnFailure: false,
            // The report shows what differed (the command's label, the adapter's result and the
            // model's), not only the shrunk sequence.
            includeErrorInReport: true
          }
        )
      },
      suite.settings.timeout * 20
    )
  })
}
