/**
 * What "a decoder never throws" means in the tests: decoding any input returns an `Exit` that is a
 * success, or a failure whose every reason is a typed `SchemaError` (no defect, no interruption).
 * An `Exit` holding a defect is still an `Exit`, so checking `Exit.isExit` alone proves nothing.
 */
import { Cause, Exit, Schema } from "effect"

/** Why an exit is not a value or a typed schema error, or `undefined` when it is one of them. */
export const untypedReason = (exit: Exit.Exit<unknown, unknown>): string | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  for (const reason of exit.cause.reasons) {
    if (Cause.isDieReason(reason)) return `a defect: ${String(reason.defect)}`
    if (Cause.isInterruptReason(reason)) return "an interruption"
    if (Cause.isFailReason(reason) && !Schema.isSchemaError(reason.error)) {
      return `an error that is not a SchemaError: ${String(reason.error)}`
    }
  }
  return exit.cause.reasons.length === 0 ? "a failure with an empty cause" : undefined
}

/**
 * Decodes `input` with `schema`, returning why the result is not a value or a typed error (a
 * thrown exception included), or `undefined` when it is one of them.
 */
export const decodeProblem = (schema: Schema.Top, input: unknown): string | undefined => {
  try {
    return untypedReason(Schema.decodeUnknownExit(schema as Schema.Codec<unknown, unknown>)(input))
  } catch (error) {
    return `it threw ${String(error)}`
  }
}
