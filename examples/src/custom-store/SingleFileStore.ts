/**
 * Bring your own store: a complete danvan storage adapter in one small file. It keeps the whole
 * store in a single JSON file, for a tool that should leave exactly one file behind (a form filled
 * in offline, a test fixture, an attachment sent by email).
 *
 * An adapter provides every service of the storage port (`Store.StoreLayer`) and proves it with the
 * conformance suite (`conformance` from `@danvan/store-testkit`; see
 * `examples/test/custom-store.test.ts`). The shortest way there is to delegate: the in-memory
 * engine of `@danvan/store-memory` answers every query and enforces every constraint, version and
 * transaction; this adapter only decides where the data lives. It loads the file as the engine's
 * `initial` snapshot and, in `onCommit` (which runs under the engine's write lock, before a commit
 * becomes visible), writes the snapshot with the commit's changes applied: first to a temporary
 * file, then renamed over the old one, so a crash leaves either the old file or the new one. When
 * the write fails the transaction fails with `StoreUnavailable` and the store is unchanged.
 *
 * What it does not do, and the JSON-file adapter (`@danvan/store-json`) does: lock the file against
 * a second writer, append a journal instead of rewriting everything on each commit, fsync.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { type Store, StoreError } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { Context, Effect, Layer } from "effect"

/** Where the store lives. */
export interface Options {
  /** The store's file; created on the first commit. */
  readonly file: string
}

const unavailable = (reason: string, cause: unknown) =>
  new StoreError.StoreUnavailable({
    reason: StoreError.reasonOfSystemError(cause),
    detail: reason,
    cause: cause instanceof Error ? cause.message : String(cause)
  })

/** Reads the file, or the empty snapshot when there is none yet. */
const load = (file: string): Effect.Effect<StoreMemory.Snapshot, StoreError.StoreFailure> =>
  existsSync(file)
    ? Effect.flatMap(
        Effect.try({
          try: () => JSON.parse(readFileSync(file, "utf8")) as unknown,
          catch: (e) => new StoreError.StoreCorrupt({ location: file, reason: `not JSON: ${String(e)}` })
        }),
        (json) => Effect.fromResult(StoreMemory.loadSnapshot(json))
      )
    : Effect.succeed(StoreMemory.emptySnapshot)

/** Writes the snapshot to a temporary file and renames it over the store's file. */
const save = (file: string, snapshot: StoreMemory.Snapshot) =>
  Effect.try({
    try: () => {
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`, "utf8")
      renameSync(temporary, file)
    },
    catch: (e) => unavailable(`cannot write ${file}`, e)
  })

/** The storage port over one JSON file. */
export const make = (
  options: Options
): Effect.Effect<Context.Context<Store.Store>, StoreError.StoreFailure> =>
  Effect.gen(function* () {
    let current = yield* load(options.file)
    const services = yield* StoreMemory.make({
      initial: current,
      onCommit: (changes) => {
        const next = StoreMemory.applyChanges(current, changes)
        return Effect.tap(save(options.file, next), () => Effect.sync(() => (current = next)))
      }
    })
    // The engine's extra service (snapshots) is not part of the port: hand on only the port.
    return Context.omit(StoreMemory.Snapshots)(services) as Context.Context<Store.Store>
  })

/** The storage port over one JSON file, as a layer. */
export const layer = (options: Options): Layer.Layer<Store.Store, StoreError.StoreFailure> =>
  Layer.effectContext(make(options))
