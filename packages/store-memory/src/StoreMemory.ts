/**
 * The in-memory store: the whole storage port of `@danvan/core` over plain maps, with real
 * transactions, safe under concurrent fibers, seedable from a snapshot and snapshottable.
 *
 * It is also the engine other adapters build on: the JSON-file adapter loads its file as the
 * `initial` snapshot and makes each commit durable in `onCommit`, which runs under the write lock
 * before the commit becomes visible; when it fails, the transaction fails and the store is left
 * as it was. This API (`make`, `layer`, `Snapshots`, `Snapshot`, `Change`) is stable.
 *
 * ```ts
 * import { UnitRepository } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const units = yield* UnitRepository
 *   return yield* units.list({})
 * }).pipe(Effect.provide(StoreMemory.layer()))
 * ```
 *
 * @since 0.1.0
 */
import { Store, StoreConfig, StoreError, Text } from "@danvan/core"
import { type Config, Context, Effect, Layer, Result } from "effect"
import * as Audit from "./Audit.ts"
import * as Committees from "./Committees.ts"
import * as Directives from "./Directives.ts"
import * as Engine from "./Engine.ts"
import * as Models from "./Models.ts"
import * as ReferenceDataService from "./ReferenceData.ts"
import * as Reports from "./Reports.ts"
import * as Snapshot from "./Snapshot.ts"
import * as Units from "./Units.ts"

/** @since 0.1.0 */
export type { OnAppend, OnCommit } from "./Engine.ts"
export type {
  /** @since 0.1.0 */
  Change,
  /** @since 0.1.0 */
  Listing,
  /** @since 0.1.0 */
  Seed,
  /** @since 0.1.0 */
  Snapshot
} from "./Snapshot.ts"

/**
 * Takes snapshots of a store made by {@link make}: the committed state (what a transaction in
 * progress has written is not in it), as JSON-safe data that {@link make} can load again.
 *
 * @category services
 * @since 0.1.0
 */
export class Snapshots extends Context.Service<
  Snapshots,
  {
    readonly snapshot: Effect.Effect<Snapshot.Snapshot>
    /**
     * The committed state without encoding it: each record is encoded when its listing is read,
     * for a consumer that writes the records out one at a time (see `Listing`).
     */
    readonly listings: Effect.Effect<ReadonlyArray<Snapshot.Listing>>
  }
>()("@danvan/store-memory/Snapshots") {}

/** @category models @since 0.1.0 */
export interface Options {
  /** The records to start with; decoded and checked, a bad one is a `StoreCorrupt` naming it. */
  readonly initial?: Snapshot.Snapshot
  /**
   * Runs under the write lock with the changes of each commit (never for a commit without
   * changes), before they become visible. When it fails, the transaction fails with its error and
   * the store is unchanged; once it has started, the commit completes even if the fiber is
   * interrupted, so what `onCommit` made durable is always what the store shows. It must not write
   * to the store itself (the lock is held); reads from it see the state before the commit.
   */
  readonly onCommit?: Engine.OnCommit
  /**
   * Group commit, instead of `onCommit`: runs under the write lock with the changes of each commit
   * and only queues them to be made durable, in commit order; the wait it returns runs after the
   * lock is released, so that the commits of transactions that ran meanwhile are made durable
   * together (one write, one sync). A commit becomes visible, in order, and is acknowledged once
   * its wait succeeds; the transactions that run meanwhile build on the queued commits, and fail
   * (`StoreUnavailable`, `Conflict`) if one of those fails. Decision record 0045.
   */
  readonly onAppend?: Engine.OnAppend
}

/** Every service the in-memory store provides. @category services @since 0.1.0 */
export type Services = Store.Store | Snapshots

/**
 * The committed state of the snapshot `read` gives, decoded and checked (`Snapshot.load`). What
 * reading it throws (a proxy's trap, a getter of a snapshot built in code) is a `StoreCorrupt` at
 * `snapshot`, not an exception: the snapshot may come from anywhere.
 */
const loadBase = (read: () => unknown): ReturnType<typeof Snapshot.load> => {
  try {
    return Snapshot.load(read())
  } catch (error) {
    return Result.fail(
      new StoreError.StoreCorrupt({
        location: "snapshot",
        reason: `it cannot be read: ${Text.describeThrown(error)}`
      })
    )
  }
}

/**
 * Builds a store: the services of the storage port, plus {@link Snapshots}.
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (options?: Options): Effect.Effect<Context.Context<Services>, StoreError.StoreCorrupt> =>
  Effect.gen(function* () {
    const base = yield* Effect.fromResult(loadBase(() => options?.initial ?? Snapshot.empty))
    const engine = yield* Engine.make(base, options?.onCommit, options?.onAppend)
    const store = Store.make({
      units: Units.make(engine),
      directives: Directives.make(engine),
      committees: Committees.make(engine),
      models: Models.make(engine),
      reports: Reports.make(engine),
      referenceData: ReferenceDataService.make(engine),
      audit: Audit.make(engine),
      transaction: engine.transaction
    })
    return Context.add(store, Snapshots, { snapshot: engine.snapshot, listings: engine.listings })
  })

/**
 * A layer providing a fresh store each time it is built: the storage port and {@link Snapshots}.
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (options?: Options): Layer.Layer<Services, StoreError.StoreFailure> =>
  Layer.effectContext(make(options))

/**
 * The in-memory store when the configuration names it: `DANVAN_STORE=memory` (see `StoreConfig`
 * in `@danvan/core`). Another location fails with a `ConfigError` naming the adapter that serves it,
 * so an app that only ever runs in memory (a demo, a test run) says so in its environment.
 *
 * @category layers
 * @since 0.1.0
 */
export const layerConfig = (
  options: Options & { readonly location?: Config.Config<StoreConfig.Location> | undefined } = {}
): Layer.Layer<Services, StoreError.StoreFailure | Config.ConfigError> =>
  StoreConfig.layerFor(
    { accepts: "Memory", adapter: "@danvan/store-memory", opens: "memory", location: options.location },
    () => {
      const { location: _, ...rest } = options
      return layer(rest)
    }
  )

/**
 * A layer seeded with domain records (see `Snapshot.fromRecords`), for tests and examples.
 *
 * @category layers
 * @since 0.1.0
 */
export const seeded = (
  seed: Snapshot.Seed,
  options?: Omit<Options, "initial">
): Layer.Layer<Services, StoreError.StoreFailure> =>
  Layer.effectContext(
    Effect.flatMap(Effect.fromResult(Snapshot.fromRecords(seed)), (initial) => make({ ...options, initial }))
  )

/** The snapshot of the store in context. @category services @since 0.1.0 */
export const snapshot: Effect.Effect<Snapshot.Snapshot, never, Snapshots> = Effect.flatMap(
  Snapshots,
  (s) => s.snapshot
)

/** @category constants @since 0.1.0 */
export const emptySnapshot: Snapshot.Snapshot = Snapshot.empty

/** A snapshot of domain records (see `Snapshot.fromRecords`). @category constructors @since 0.1.0 */
export const fromRecords: (seed: Snapshot.Seed) => Result.Result<Snapshot.Snapshot, StoreError.StoreCorrupt> =
  Snapshot.fromRecords

/** A snapshot with a commit's changes applied. @category combinators @since 0.1.0 */
export const applyChanges: (
  snapshot: Snapshot.Snapshot,
  changes: ReadonlyArray<Snapshot.Change>
) => Snapshot.Snapshot = Snapshot.applyChanges

/**
 * Reads a snapshot from any value (a parsed file, or one built in code): decoded and checked. A
 * value whose reading throws (a proxy, a getter) is a `StoreCorrupt` at `snapshot` too.
 *
 * @category parsing
 * @since 0.1.0
 */
export const loadSnapshot = (input: unknown): Result.Result<Snapshot.Snapshot, StoreError.StoreCorrupt> =>
  Result.map(
    loadBase(() => input),
    Snapshot.ofView
  )

/** @since 0.1.0 */
export type { Entity, Records } from "./Tables.ts"
