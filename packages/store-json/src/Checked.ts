/**
 * The options of `StoreJson.make`, checked whatever a caller passed (a number for the directory, a
 * getter that throws, a proxy): a store that cannot be opened as asked is a `StoreUnavailable`
 * saying why, never a thrown exception.
 *
 * @since 0.1.0
 */
import * as path from "node:path"
import { StoreError, Text } from "@danvan/core"
import { Result } from "effect"

/** The options, read and normalised. @since 0.1.0 */
export interface CheckedOptions {
  readonly directory: string
  readonly readOnly: boolean
  readonly compactAfter: number
}

const invalid = (reason: string) =>
  Result.fail(
    new StoreError.StoreUnavailable({
      reason: "InvalidOptions",
      detail: `cannot open a JSON store: ${reason}`
    })
  )

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`

const read = (
  options: unknown,
  defaultCompactAfter: number
): Result.Result<CheckedOptions, StoreError.StoreUnavailable> => {
  if (typeof options !== "object" || options === null) {
    return invalid(`the options must be an object with a directory, got ${describe(options)}`)
  }
  const { directory, readOnly, compactAfter } = options as Record<string, unknown>
  if (typeof directory !== "string" || directory.trim() === "" || directory.includes("\u0000")) {
    return invalid(
      `"directory" must be a path, got ${typeof directory === "string" ? JSON.stringify(directory.slice(0, 80)) : describe(directory)}`
    )
  }
  if (readOnly !== undefined && typeof readOnly !== "boolean") {
    return invalid(`"readOnly" must be true or false, got ${describe(readOnly)}`)
  }
  if (compactAfter !== undefined && !(typeof compactAfter === "number" && compactAfter >= 1)) {
    return invalid(
      `"compactAfter" must be a number of transactions from 1 up, got ${typeof compactAfter === "number" ? compactAfter : describe(compactAfter)}`
    )
  }
  return Result.succeed({
    directory: path.resolve(directory),
    readOnly: readOnly ?? false,
    compactAfter: Math.max(
      1,
      Math.floor(Math.min(compactAfter ?? defaultCompactAfter, Number.MAX_SAFE_INTEGER))
    )
  })
}

/**
 * Reads and checks the options.
 *
 * @since 0.1.0
 */
export const options = (
  input: unknown,
  defaultCompactAfter: number
): Result.Result<CheckedOptions, StoreError.StoreUnavailable> => {
  try {
    return read(input, defaultCompactAfter)
  } catch (error) {
    return invalid(`the options cannot be read: ${Text.describeThrown(error)}`)
  }
}
