/**
 * The import of a statistics-office CSV list, measured in a process of its own per variant (so
 * each peak is its own):
 * - `read`, the baseline: the file streamed and decoded from UTF-8, its lines counted: the least
 *   any import must do;
 * - `chunks`: `UnitImport.fromStatisticsCsvChunks` over a file stream, as an app imports a file of
 *   any size;
 * - `text`: the whole file read into one string, then `UnitImport.fromStatisticsCsv`.
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { CalendarDate, Unit, UnitImport } from "@danvan/core"
import { Effect, Result } from "effect"
import * as Memory from "../measure/Memory.ts"

/** @since 0.1.0 */
export const variants = ["read", "chunks", "text"] as const
/** @since 0.1.0 */
export type Variant = (typeof variants)[number]

/** What one variant measured. @since 0.1.0 */
export interface VariantResult {
  readonly variant: Variant
  readonly ms: number
  readonly peakRss: number
  readonly rssBefore: number
  /** Lines read (`read`), or units imported. */
  readonly records: number
  readonly rejected: number
  /** A digest of the imported units' ids and the rejected rows' codes (empty for `read`). */
  readonly digest: string
}

/** The list is three-tier, so valid until the reform of 01/07/2025. */
const options = {
  validFrom: CalendarDate.unsafeFromString("2025-01-01"),
  validUntil: Unit.twoTierSince
}

const chunkBytes = 1 << 20

const digestOf = (result: UnitImport.ImportResult) =>
  createHash("sha256")
    .update(result.imported.map((u) => u.id).join("\n"))
    .update("\n--\n")
    .update(result.rejected.map((r) => `${r.code}:${r.reason}`).join("\n"))
    .digest("hex")
    .slice(0, 12)

const readOnly = async (file: string) => {
  const decoder = new TextDecoder("utf-8", { fatal: true })
  let lines = 0
  for await (const chunk of fs.createReadStream(file, { highWaterMark: chunkBytes })) {
    const text = decoder.decode(chunk as Buffer, { stream: true })
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++
  }
  decoder.decode()
  return { records: lines, rejected: 0, digest: "" }
}

const imported = (result: Result.Result<UnitImport.ImportResult, unknown>) => {
  if (Result.isFailure(result)) throw new Error(`the import failed: ${String(result.failure)}`)
  return {
    records: result.success.imported.length,
    rejected: result.success.rejected.length,
    digest: digestOf(result.success)
  }
}

/**
 * Measures one variant on a list file.
 *
 * @since 0.1.0
 */
export const measure = async (variant: Variant, file: string): Promise<VariantResult> => {
  Memory.collect()
  const rssBefore = Memory.rss()
  Memory.resetPeak()
  const t0 = performance.now()
  const outcome =
    variant === "read"
      ? await readOnly(file)
      : variant === "chunks"
        ? imported(
            await Effect.runPromise(
              Effect.result(
                UnitImport.fromStatisticsCsvChunks(
                  fs.createReadStream(file, { highWaterMark: chunkBytes }),
                  options
                )
              )
            )
          )
        : imported(UnitImport.fromStatisticsCsv(fs.readFileSync(file, "utf8"), options))
  const ms = performance.now() - t0
  return { variant, ms, peakRss: Memory.peak(), rssBefore, ...outcome }
}
