/**
 * The file operations the store needs, on `node:fs` directly and wrapped in Effect: Effect's
 * `FileSystem` has no way to sync a directory, and a rename is only durable once its directory
 * is synced.
 *
 * Every failure becomes a `StoreUnavailable` naming the operation and the path.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { StoreError, Text } from "@danvan/core"
import { Effect, Option } from "effect"
import { tmpSuffix } from "./Format.ts"

/** The error code of a failed `node:fs` call, if any. @since 0.1.0 */
export const codeOf = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined

const describeError = (error: unknown): string => Text.describeThrown(error)

/** A `StoreUnavailable` for a failed file operation. @since 0.1.0 */
export const unavailable = (what: string, error: unknown) =>
  new StoreError.StoreUnavailable({
    reason: StoreError.reasonOfSystemError(error),
    detail: `${what}: ${describeError(error)}`,
    cause: describeError(error)
  })

/** Runs a `node:fs` promise, mapping a rejection to `StoreUnavailable`. @since 0.1.0 */
export const attempt = <A>(
  what: string,
  run: () => Promise<A>
): Effect.Effect<A, StoreError.StoreUnavailable> =>
  Effect.tryPromise({ try: run, catch: (error) => unavailable(what, error) })

/** The bytes of a file, or none when it does not exist. @since 0.1.0 */
export const readIfExists = (
  file: string
): Effect.Effect<Option.Option<Buffer>, StoreError.StoreUnavailable> =>
  Effect.tryPromise({
    try: () =>
      fs.readFile(file).then(
        (bytes) => Option.some(bytes),
        (error: unknown) => {
          if (codeOf(error) === "ENOENT") return Option.none<Buffer>()
          throw error
        }
      ),
    catch: (error) => unavailable(`cannot read ${file}`, error)
  })

/** Whether a path exists. @since 0.1.0 */
export const exists = (file: string): Effect.Effect<boolean, StoreError.StoreUnavailable> =>
  Effect.tryPromise({
    try: () =>
      fs.stat(file).then(
        () => true,
        (error: unknown) => {
          if (codeOf(error) === "ENOENT") return false
          throw error
        }
      ),
    catch: (error) => unavailable(`cannot inspect ${file}`, error)
  })

/** Removes a file; a file already gone is fine. @since 0.1.0 */
export const removeIfExists = (file: string): Effect.Effect<void, StoreError.StoreUnavailable> =>
  Effect.tryPromise({
    try: () =>
      fs.unlink(file).catch((error: unknown) => {
        if (codeOf(error) !== "ENOENT") throw error
      }),
    catch: (error) => unavailable(`cannot remove ${file}`, error)
  })

/**
 * Syncs a directory, so that the renames and creations in it survive a power cut. Platforms
 * that cannot open a directory for syncing (Windows) skip it: there, renames are journaled by
 * the file system itself.
 *
 * @since 0.1.0
 */
export const syncDirectory = (directory: string): Effect.Effect<void, StoreError.StoreUnavailable> =>
  process.platform === "win32"
    ? Effect.void
    : attempt(`cannot sync the directory ${directory}`, async () => {
        const handle = await fs.open(directory, "r")
        try {
          await handle.sync()
        } finally {
          await handle.close()
        }
      })

/** Writes all of `data` through a handle (a short write is continued). @since 0.1.0 */
export const writeAll = async (handle: fs.FileHandle, data: Uint8Array): Promise<void> => {
  let offset = 0
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset, null)
    if (bytesWritten <= 0) throw new Error("the file system accepted no bytes")
    offset += bytesWritten
  }
}

/**
 * Replaces a file atomically and durably: writes the chunks to `<file>.tmp`, syncs it, renames
 * it over `file` and syncs the directory. At every instant `file` is either the old content or
 * the new, whole. `chunks` (text, written as UTF-8, or bytes) is consumed lazily so a large snapshot is never one string.
 *
 * @since 0.1.0
 */
export const replaceFile = (
  file: string,
  chunks: Iterable<string | Uint8Array>
): Effect.Effect<void, StoreError.StoreUnavailable> => {
  const tmp = `${file}${tmpSuffix}`
  return Effect.andThen(
    attempt(`cannot write ${tmp}`, async () => {
      try {
        const handle = await fs.open(tmp, "w")
        try {
          for (const chunk of chunks)
            await writeAll(handle, typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk)
          await handle.sync()
        } finally {
          await handle.close()
        }
        await fs.rename(tmp, file)
      } catch (error) {
        await fs.unlink(tmp).catch(() => undefined)
        throw error
      }
    }),
    syncDirectory(path.dirname(file))
  )
}
