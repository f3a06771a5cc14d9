/**
 * Running `danvan`: the command with the process's arguments, on Node's services, ending with
 * the exit code of `ExitCode` (effect's runtime maps interruption, Ctrl-C, to 130).
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect } from "effect"
import { CliError, Command } from "effect/cli"
import { danvan } from "./Commands.ts"
import * as ExitCode from "./ExitCode.ts"

/**
 * The version `danvan --version` prints: the installed package's (`src/` and `dist/` are both one
 * folder below its `package.json`).
 *
 * @category constants
 * @since 0.1.0
 */
export const version: string = (
  createRequire(import.meta.url)("../package.json") as { readonly version: string }
).version

/**
 * The command run with `args` (without `node` and the script): usage errors, already printed with
 * the help by effect's command-line module, end with exit 2; `--help` and `--version` with 0.
 *
 * @category running
 * @since 0.1.0
 */
export const runWith = (args: ReadonlyArray<string>) =>
  Command.runWith(danvan, { version })(args).pipe(
    Effect.catch((error) =>
      CliError.isCliError(error)
        ? error._tag === "ShowHelp" && error.errors.length === 0
          ? Effect.void
          : Effect.fail(new ExitCode.CliFailure({ code: ExitCode.usage, message: error.message }))
        : Effect.fail(error)
    )
  )

/**
 * Runs `danvan` with the process's arguments and exits with its code.
 *
 * @category running
 * @since 0.1.0
 */
export const main = (): void =>
  // Every failure is printed by the command in plain words (`Commands`), so the runtime only
  // turns it into the exit code.
  NodeRuntime.runMain(runWith(process.argv.slice(2)).pipe(Effect.provide(NodeServices.layer)), {
    disableErrorReporting: true
  })
