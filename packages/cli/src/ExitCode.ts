/**
 * The exit codes of the `danvan` command, after the BSD `sysexits` convention a shell script or a
 * scheduler reads (decision record 0028), and the one failure the commands end with.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | done |
 * | 1 | problems found (`danvan check`) |
 * | 2 | usage or invalid input: a flag, a file, a refused import, an action the actor may not take |
 * | 70 | internal error, or the store cannot be used (unreachable, damaged, locked by another process) |
 * | 130 | interrupted (Ctrl-C) |
 *
 * @since 0.1.0
 */
import { Data } from "effect"
import * as Runtime from "effect/Runtime"

/** The command did what it was asked. @category constants @since 0.1.0 */
export const ok = 0
/** `danvan check` found problems. @category constants @since 0.1.0 */
export const problems = 1
/** Bad usage or invalid input. @category constants @since 0.1.0 */
export const usage = 2
/** An internal error, or a store that cannot be used. @category constants @since 0.1.0 */
export const internal = 70
/** Interrupted. @category constants @since 0.1.0 */
export const interrupted = 130

/**
 * How a command ends when it does not succeed: its message (already written to stderr, in plain
 * words) and its exit code. The runtime reads the code (`Runtime.errorExitCode`) and does not print
 * the error again (`Runtime.errorReported`).
 *
 * @category errors
 * @since 0.1.0
 */
export class CliFailure extends Data.TaggedError("CliFailure")<{
  readonly code: number
  readonly message: string
}> {
  override get [Runtime.errorExitCode](): number {
    return this.code
  }
  override get [Runtime.errorReported](): boolean {
    return true
  }
}

/** The library's errors that say the store cannot be used, rather than that the input is wrong. */
const storeTags: ReadonlySet<string> = new Set(["StoreUnavailable", "StoreCorrupt", "OfficeError"])

/**
 * The exit code for a typed error of the library: a store that cannot be used is
 * {@link internal}; every other typed error (invalid input, not permitted, not found, a refused
 * import, a conflict) is the caller's to fix: {@link usage}.
 *
 * @category mapping
 * @since 0.1.0
 */
export const ofError = (error: { readonly _tag: string }): number =>
  error._tag === "CliFailure" ? (error as CliFailure).code : storeTags.has(error._tag) ? internal : usage
