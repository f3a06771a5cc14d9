/**
 * The Promise facade: danvan for apps that are not written with Effect.
 *
 * Many provincial apps are plain TypeScript or JavaScript (an Express or NestJS back end, a script
 * run by a clerk). `open` takes the layer of a storage adapter and returns a {@link Client} whose
 * methods are the use cases, with the same names and the same input, returning Promises: the
 * changes, which take the acting actor first (or none, on a {@link Session} from `as(actor)`), and
 * the reads, paged where they can return many records. A method that fails rejects with the same
 * typed error the use case fails with: an instance of its `Schema.TaggedError` class, so
 * `err._tag === "OutsideJurisdiction"` and `err instanceof Jurisdiction.OutsideJurisdiction` both
 * work, and `err.message` says what is wrong in plain words. `close()` releases the store (its
 * connections, its file lock).
 *
 * The app authenticates its users; the client authorises each call against the policy (by default
 * `Policy.defaults`; give `policy` to `open` for another). Every change to a stored record takes
 * the `version` the caller read, so two people saving the same record cannot overwrite each other:
 * the second gets `VersionConflict`.
 *
 * ```ts
 * import { Danvan } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 *
 * const danvan = await Danvan.open(StoreMemory.layer())
 * try {
 *   const inForce = await danvan.directivesInForce({ on: "2017-06-30" })
 *   console.log(inForce.length)
 * } finally {
 *   await danvan.close()
 * }
 * ```
 *
 * @since 0.1.0
 */
import { Clock, Effect, Layer, ManagedRuntime, Schema } from "effect"
import type { ActorInput } from "../access/Actor.ts"
import * as Policy from "../access/Policy.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as ActingUnit from "../store/ActingUnit.ts"
import type { Store } from "../store/Store.ts"
import type { StoreFailure } from "../store/StoreError.ts"
import { decode, InvalidInput } from "../usecase/Errors.ts"
import * as AppClock from "./Clock.ts"
import * as UseCases from "./UseCases.ts"

/**
 * The client was closed; no operation runs after `close()`.
 *
 * @category errors
 * @since 0.1.0
 */
export class ClientClosed extends DanvanError.TaggedError<ClientClosed>()("ClientClosed", {
  operation: Schema.String
}) {
  override get message(): string {
    return `the danvan client is closed, so ${this.operation} cannot run: open a new one`
  }
}

/**
 * @category models
 * @since 0.1.0
 */
export interface OpenOptions {
  /**
   * The current instant, for the stamps of submissions and audit entries and the timeliness of
   * reports. By default the system clock; give one to back-fill an earlier period's records or to
   * test against a fixed date.
   */
  readonly now?: () => Date
  /**
   * Who may do what: roles and their permissions, separation of duties, central units. By default
   * `Policy.defaults`. `open` decodes it: a malformed policy rejects with `InvalidInput`.
   */
  readonly policy?: Policy.Policy
}

/**
 * The Effect functions behind the client's acting methods (each takes the acting `Actor` first),
 * by the method's name: the use cases themselves, so the client cannot drift from them.
 *
 * @category use cases
 * @since 0.1.0
 */
export const actingUseCases = UseCases.acting

/**
 * The Effect functions behind the client's methods open to anyone (public documents,
 * configuration), by the method's name.
 *
 * @category use cases
 * @since 0.1.0
 */
export const openUseCases = UseCases.open

/**
 * @category models
 * @since 0.1.0
 */
export type Acting = typeof actingUseCases

/**
 * @category models
 * @since 0.1.0
 */
export type Open = typeof openUseCases

/**
 * An Effect function made a Promise function: the same parameters, the success value promised.
 *
 * @category models
 * @since 0.1.0
 */
export type Promised<F> = F extends (...args: infer P) => Effect.Effect<infer A, infer _E, infer _R>
  ? (...args: P) => Promise<A>
  : never

/**
 * A use case with its actor bound: the parameters after the actor, the success value promised.
 *
 * @category models
 * @since 0.1.0
 */
export type Bound<F> = F extends (
  actor: ActorInput,
  ...args: infer P
) => Effect.Effect<infer A, infer _E, infer _R>
  ? (...args: P) => Promise<A>
  : never

/**
 * The name of an operation of the facade.
 *
 * @category models
 * @since 0.1.0
 */
export type Operation = keyof Acting | keyof Open

/**
 * Everything a Promise of operation `K` can reject with: the use case's own typed errors, the
 * store's failures, and {@link ClientClosed}. Useful for an exhaustive `switch (err._tag)`.
 *
 * @example
 * ```ts
 * import { Danvan } from "@danvan/core"
 *
 * const explain = (error: Danvan.ErrorOf<"submitReport">): string => {
 *   switch (error._tag) {
 *     case "InconsistentFigures":
 *       return error.violations.map((v) => v.message).join("\n")
 *     case "VersionConflict":
 *       return "someone changed the report meanwhile: reload it and try again"
 *     default:
 *       return error.message
 *   }
 * }
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export type ErrorOf<K extends Operation> =
  | Effect.Error<ReturnType<(Acting & Open)[K]>>
  | StoreFailure
  | ClientClosed

/**
 * The operations that take the acting {@link Actor} first.
 *
 * @category models
 * @since 0.1.0
 */
export type ActingOperations = { readonly [K in keyof Acting]: Promised<Acting[K]> }

/**
 * The operations open to anyone.
 *
 * @category models
 * @since 0.1.0
 */
export type OpenOperations = { readonly [K in keyof Open]: Promised<Open[K]> }

/**
 * The operations of one actor: those of {@link ActingOperations} without the actor.
 *
 * @category models
 * @since 0.1.0
 */
export type SessionOperations = { readonly [K in keyof Acting]: Bound<Acting[K]> }

/**
 * A client for one actor (a person acting for a unit), from {@link Client.as}: every acting
 * operation without its first argument, and the open ones.
 *
 * @category models
 * @since 0.1.0
 */
export interface Session extends SessionOperations, OpenOperations {
  readonly actor: ActorInput
}

/**
 * An open store with the use cases as Promise methods.
 *
 * @category models
 * @since 0.1.0
 */
export interface Client extends ActingOperations, OpenOperations {
  /** The operations of one actor, who need not be repeated in each call. */
  readonly as: (actor: ActorInput) => Session
  /**
   * Runs any Effect over the store, for code that mixes the facade with Effect (a query the use
   * cases do not offer, read through the storage port). Rejects with the effect's own error.
   */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Store>) => Promise<A>
  /** Releases the store; later calls reject with {@link ClientClosed}. Closing twice is harmless. */
  readonly close: () => Promise<void>
  readonly [Symbol.asyncDispose]: () => Promise<void>
}

/**
 * The options as `open` reads them: each read once, `now` a function (what it returns is judged
 * when it is called, by the clock), `policy` decoded after.
 */
const Options = Schema.Struct({
  now: Schema.optionalKey(
    Schema.declare((u: unknown): u is () => Date => typeof u === "function", {
      expected: "a function giving the current Date"
    })
  ),
  policy: Schema.optionalKey(Schema.Unknown)
})

/** Whether `u` passes the guard; a value whose inspection throws (a revoked proxy) does not. */
const safely = (guard: (u: unknown) => boolean, u: unknown): boolean => {
  try {
    return guard(u)
  } catch {
    return false
  }
}

type AnyOperation = (...args: ReadonlyArray<never>) => Effect.Effect<unknown, unknown, Store>

const mapOperations = <T extends Record<string, AnyOperation>, R>(
  operations: T,
  f: (name: string, operation: AnyOperation) => R
): { [K in keyof T]: R } =>
  Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, f(name, op)])) as {
    [K in keyof T]: R
  }

/**
 * Opens a store: builds the adapter's layer (a file store takes its lock, a SQL store connects and
 * migrates) and returns the {@link Client}. Rejects with the layer's error when the store cannot
 * be opened (`StoreError.StoreUnavailable`, `StoreError.StoreCorrupt`), having released whatever
 * was acquired, and with `InvalidInput` when what it is given is not a layer or options it can
 * read (a `now` that is not a function, a malformed policy).
 *
 * @example Opening a store, acting and closing it
 * ```ts
 * import { Danvan, UseCaseErrors } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 *
 * const admin = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 *
 * const danvan = await Danvan.open(StoreMemory.layer(), { now: () => new Date("2017-07-03T02:00:00Z") })
 * try {
 *   await danvan.importUnits(admin, {
 *     units: [{ id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 }],
 *     successions: []
 *   })
 *   const found = await danvan.searchUnits({ name: "ninh binh" })
 *   console.log(found.items.map((u) => u.id)) // ["vn-37"]
 *   // A refusal rejects with the use case's typed error.
 *   await danvan.searchUnits({ parentId: "vn-37" }).catch((error: unknown) => {
 *     if (error instanceof UseCaseErrors.InvalidInput) console.log(error.message) // invalid input to searchUnits: a search by parent needs asOf
 *   })
 * } finally {
 *   await danvan.close()
 * }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const open = async <E>(
  layer: Layer.Layer<Store, E, never>,
  options: OpenOptions = {}
): Promise<Client> => {
  if (!safely(Layer.isLayer, layer)) {
    throw new InvalidInput({
      useCase: "Danvan.open",
      detail: "the store is not a Layer: give the layer of a storage adapter, such as StoreMemory.layer()"
    })
  }
  const given = await Effect.runPromise(decode(Options, "Danvan.open (the options)")(options))
  const policy =
    given.policy === undefined
      ? undefined
      : await Effect.runPromise(decode(Policy.Policy, "Danvan.open (the policy)")(given.policy))
  const runtime = ManagedRuntime.make(layer)
  try {
    await runtime.context()
  } catch (error) {
    await runtime.dispose()
    throw error
  }
  const clock = given.now === undefined ? undefined : AppClock.fromNow(given.now)
  let closed = false
  const configure = <A, E2>(effect: Effect.Effect<A, E2, Store>): Effect.Effect<A, E2, Store> => {
    const timed = clock === undefined ? effect : Effect.provideService(effect, Clock.Clock, clock)
    return policy === undefined ? timed : Effect.provideService(timed, Policy.CurrentPolicy, policy)
  }
  const run = <A, E2>(operation: string, effect: Effect.Effect<A, E2, Store>): Promise<A> =>
    closed ? Promise.reject(new ClientClosed({ operation })) : runtime.runPromise(configure(effect))

  const acting = mapOperations(
    UseCases.acting as unknown as Record<keyof Acting, AnyOperation>,
    (name, op) =>
      (...args: ReadonlyArray<never>) =>
        run(name, op(...args).pipe(ActingUnit.actingFor(args[0])))
  ) as unknown as ActingOperations
  const openOperations = mapOperations(
    UseCases.open as unknown as Record<keyof Open, AnyOperation>,
    (name, op) =>
      (...args: ReadonlyArray<never>) =>
        run(name, op(...args))
  ) as unknown as OpenOperations

  const as = (actor: ActorInput): Session => {
    const bound = mapOperations(
      UseCases.acting as unknown as Record<keyof Acting, AnyOperation>,
      (name, op) =>
        (...args: ReadonlyArray<never>) =>
          run(
            name,
            op(...([actor, ...args] as unknown as ReadonlyArray<never>)).pipe(ActingUnit.actingFor(actor))
          )
    ) as unknown as SessionOperations
    return { ...bound, ...openOperations, actor }
  }
  const close = async () => {
    if (closed) return
    closed = true
    await runtime.dispose()
  }
  return {
    ...acting,
    ...openOperations,
    as,
    run: (effect) =>
      safely(Effect.isEffect, effect)
        ? run("run", effect)
        : Promise.reject(new InvalidInput({ useCase: "run", detail: "the value given is not an Effect" })),
    close,
    [Symbol.asyncDispose]: close
  }
}

/**
 * The clock the `now` option installs, for Effect code that wants the same behaviour:
 * `Effect.provideService(program, Clock.Clock, Danvan.clockFrom(() => new Date("2017-06-16")))`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const clockFrom: (now: () => Date) => Clock.Clock = AppClock.fromNow
