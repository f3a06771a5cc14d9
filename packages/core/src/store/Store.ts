/**
 * The whole storage port: the eight services an adapter provides, and {@link make}, which
 * assembles them into one context, after Effect's `KeyValueStore.make`: an adapter writes the
 * repositories and a transaction, and the port's shape is fixed in one place.
 *
 * @example
 * ```ts
 * import { Store, UnitRepository } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * // Any adapter's layer provides `Store.Store`; `Store.services` reads every service at once.
 * const program = Effect.gen(function* () {
 *   const { units, unitOfWork } = yield* Store.services
 *   return yield* unitOfWork.transaction(units.list({}))
 * })
 *
 * // A service on its own is read by its tag, as everywhere in Effect.
 * const count = Effect.map(
 *   Effect.flatMap(UnitRepository, (units) => units.list({})),
 *   (page) => page.items.length
 * )
 *
 * export const run = Effect.all([program, count]).pipe(Effect.provide(StoreMemory.layer()))
 * ```
 *
 * @since 0.1.0
 */
import { Context, Effect, type Layer } from "effect"
import { AuditLog } from "./AuditLog.ts"
import { CommitteeRepository } from "./CommitteeRepository.ts"
import { DirectiveRepository } from "./DirectiveRepository.ts"
import { ModelRepository } from "./ModelRepository.ts"
import { ReferenceData } from "./ReferenceData.ts"
import { ReportRepository } from "./ReportRepository.ts"
import type { StoreFailure } from "./StoreError.ts"
import { UnitOfWork } from "./UnitOfWork.ts"
import { UnitRepository } from "./UnitRepository.ts"

/**
 * Every service of the storage port.
 *
 * @category services
 * @since 0.1.0
 */
export type Store =
  | UnitRepository
  | DirectiveRepository
  | CommitteeRepository
  | ModelRepository
  | ReportRepository
  | ReferenceData
  | AuditLog
  | UnitOfWork

/**
 * The layer an adapter provides: the whole port, failing to build only with a store failure.
 *
 * @category layers
 * @since 0.1.0
 */
export type StoreLayer<R = never> = Layer.Layer<Store, StoreFailure, R>

/**
 * The implementations of the port's services, by name: what {@link make} assembles and
 * {@link services} reads back.
 *
 * @category models
 * @since 0.1.0
 */
export interface Services {
  readonly units: UnitRepository["Service"]
  readonly directives: DirectiveRepository["Service"]
  readonly committees: CommitteeRepository["Service"]
  readonly models: ModelRepository["Service"]
  readonly reports: ReportRepository["Service"]
  readonly referenceData: ReferenceData["Service"]
  readonly audit: AuditLog["Service"]
  readonly unitOfWork: UnitOfWork["Service"]
}

/**
 * What an adapter writes: its repositories, and the transaction that makes their writes atomic
 * (`UnitOfWork.transaction`; the repositories must share what it commits: a client, an engine).
 *
 * @category models
 * @since 0.1.0
 */
export type MakeOptions = Omit<Services, "unitOfWork"> & {
  readonly transaction: UnitOfWork["Service"]["transaction"]
}

/**
 * Assembles an adapter's services into the context of the whole port, each under its tag. Every
 * adapter builds its store with this, so a service added to the port is added here once and the
 * compiler names each adapter that does not provide it.
 *
 * @example
 * ```ts
 * import { Store } from "@danvan/core"
 * import { Effect, Layer } from "effect"
 *
 * // An adapter's layer: build its repositories over one shared resource, then assemble them.
 * export const layer = (services: Store.MakeOptions): Store.StoreLayer =>
 *   Layer.effectContext(Effect.sync(() => Store.make(services)))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (options: MakeOptions): Context.Context<Store> =>
  Context.make(UnitRepository, options.units).pipe(
    Context.add(DirectiveRepository, options.directives),
    Context.add(CommitteeRepository, options.committees),
    Context.add(ModelRepository, options.models),
    Context.add(ReportRepository, options.reports),
    Context.add(ReferenceData, options.referenceData),
    Context.add(AuditLog, options.audit),
    Context.add(UnitOfWork, { transaction: options.transaction })
  )

/**
 * Every service of the store in context, by name: for code that uses several of them (a test
 * suite, a migration script), rather than one `yield*` per tag.
 *
 * @category services
 * @since 0.1.0
 */
export const services: Effect.Effect<Services, never, Store> = Effect.all({
  units: UnitRepository,
  directives: DirectiveRepository,
  committees: CommitteeRepository,
  models: ModelRepository,
  reports: ReportRepository,
  referenceData: ReferenceData,
  audit: AuditLog,
  unitOfWork: UnitOfWork
})
