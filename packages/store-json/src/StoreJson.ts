/**
 * The JSON-file store: the whole storage port of `@danvan/core` kept in a directory of plain,
 * line-oriented JSON, for small units and offline work (a commune officer's laptop, a USB stick,
 * a folder sent by email, a git repository of reports).
 *
 * The queries and rules are the in-memory engine's (`@danvan/store-memory`): this adapter loads
 * the directory into it on open and makes every commit durable before it becomes visible,
 * appending it to `journal.jsonl` and syncing (the commits that wait for one sync together are
 * written and synced as one group), and now and then rewriting `snapshot.jsonl` (see
 * `Format` for the files, `Writer` for crash safety, `Lock` for the single writer).
 *
 * ```ts
 * import { UnitRepository } from "@danvan/core"
 * import { StoreJson } from "@danvan/store-json"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const units = yield* UnitRepository
 *   return yield* units.list({})
 * }).pipe(Effect.provide(StoreJson.layer({ directory: "./data/ninh-binh" })))
 * ```
 *
 * @since 0.1.0
 */
import * as fs from "node:fs/promises"
import { type Store, StoreConfig, StoreError } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { type Config, Context, Effect, Layer, type Scope } from "effect"
import * as Checked from "./Checked.ts"
import { attempt } from "./Files.ts"
import * as Format from "./Format.ts"
import * as Load from "./Load.ts"
import * as Lock from "./Lock.ts"
import type { Status } from "./Writer.ts"
import * as Writer from "./Writer.ts"

/** @category models @since 0.1.0 */
export interface Options {
  /** The store's directory; created (with a new, empty store) when opened for writing. */
  readonly directory: string
  /**
   * Open without the writer lock, to read the committed state while another process may be
   * writing: the store loads what was committed when it opened and does not follow later
   * commits; every write fails with `StoreUnavailable`.
   */
  readonly readOnly?: boolean
  /**
   * Rewrite the snapshot and start a fresh journal once the journal holds this many
   * transactions (default {@link defaultCompactAfter}). Lower keeps opening fast and the
   * snapshot current for readers and diffs; higher makes fewer full rewrites.
   */
  readonly compactAfter?: number
}

/** @category constants @since 0.1.0 */
export const defaultCompactAfter = 1000

export type { Status } from "./Writer.ts"

/** The on-disk format's name and the version this code writes. @category constants @since 0.1.0 */
export const format = { name: Format.formatName, version: Format.formatVersion } as const

/**
 * Upkeep of an open JSON-file store: compact now (before committing the directory to git, for
 * example), and the journal's state.
 *
 * @category services
 * @since 0.1.0
 */
export class Maintenance extends Context.Service<
  Maintenance,
  {
    /** Rewrites the snapshot and starts a fresh journal; fails when the store is read-only. */
    readonly compact: Effect.Effect<void, StoreError.StoreFailure>
    /** The journal's state; `undefined` for a read-only store. */
    readonly status: Effect.Effect<Status | undefined>
  }
>()("@danvan/store-json/Maintenance") {}

/**
 * Every service the JSON-file store provides: the storage port, {@link Maintenance}, and the
 * engine's `StoreMemory.Snapshots` (the committed state as JSON-safe data).
 *
 * @category services
 * @since 0.1.0
 */
export type Services = Store.Store | Maintenance | StoreMemory.Snapshots

const readOnlyError = (directory: string) =>
  new StoreError.StoreUnavailable({
    reason: "ReadOnly",
    detail: `the store at ${directory} is open read-only`
  })

const enginePosition = /^([A-Za-z]+)\[(\d+)\]/

/** Points an engine's error about `report[3] "r-1"` at the file and line the record came from. */
const locate =
  (loaded: Load.Loaded) =>
  (error: StoreError.StoreCorrupt): StoreError.StoreCorrupt => {
    const match = enginePosition.exec(error.location)
    const where =
      match === null
        ? undefined
        : loaded.locate(match[1] as StoreError.Entity, Number.parseInt(match[2]!, 10))
    return where === undefined
      ? error
      : new StoreError.StoreCorrupt({ location: where, reason: error.reason })
  }

/**
 * Opens a store directory for the life of the scope: the services of {@link Services}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (
  options: Options
): Effect.Effect<Context.Context<Services>, StoreError.StoreFailure, Scope.Scope> =>
  Effect.gen(function* () {
    const { directory, readOnly, compactAfter } = yield* Effect.fromResult(
      Checked.options(options, defaultCompactAfter)
    )
    if (!readOnly) {
      yield* attempt(`cannot create the store directory ${directory}`, () =>
        fs.mkdir(directory, { recursive: true })
      )
      yield* Lock.acquire(directory)
    }
    const loaded = yield* Load.load(directory, { retries: readOnly ? 3 : 0 })
    if (readOnly && loaded.layout === "empty") {
      return yield* Effect.fail(
        new StoreError.StoreUnavailable({
          reason: "MissingDatabase",
          detail: `there is no store at ${directory}`
        })
      )
    }
    let writer: Writer.Writer | undefined
    const context = yield* StoreMemory.make({
      initial: loaded.snapshot,
      // Group commit: commits that wait for one sync together are written with one (0045).
      onAppend: (changes, settle) =>
        writer === undefined
          ? Effect.fail(
              readOnly
                ? readOnlyError(directory)
                : new StoreError.StoreUnavailable({ reason: "Closed", detail: "the store is still opening" })
            )
          : writer.append(changes, settle)
    }).pipe(Effect.mapError(locate(loaded)))
    if (!readOnly) {
      const { listings } = Context.get(context, StoreMemory.Snapshots)
      writer = yield* Writer.open(directory, loaded, listings, { compactAfter })
    }
    const w = writer
    return Context.add(context, Maintenance, {
      compact: w === undefined ? Effect.fail(readOnlyError(directory)) : w.compact,
      status: w === undefined ? Effect.succeed(undefined) : w.status
    })
  })

/**
 * The whole storage port over a directory, scoped: the writer lock and the journal are released
 * when the layer's scope closes. Fails to build with `StoreUnavailable` (the directory cannot be
 * used, or another process has it open for writing: the message names it) or `StoreCorrupt` (a
 * file is damaged, or written by a newer version: the message names the file, line and record;
 * the files are left untouched).
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<Services, StoreError.StoreFailure> =>
  Layer.effectContext(make(options))

/**
 * The store in the directory the configuration names: `DANVAN_STORE=json:<directory>` (see
 * `StoreConfig` in `@danvan/core`). Another location fails with a `ConfigError` naming the adapter
 * that serves it.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  options: Omit<Options, "directory"> & {
    readonly location?: Config.Config<StoreConfig.Location> | undefined
  } = {}
): Layer.Layer<Services, StoreError.StoreFailure | Config.ConfigError> =>
  StoreConfig.layerFor(
    { accepts: "Json", adapter: "@danvan/store-json", opens: "json:<directory>", location: options.location },
    (location) => {
      const { location: _, ...rest } = options
      return layer({ ...rest, directory: location.directory })
    }
  )
