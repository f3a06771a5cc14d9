/**
 * How every use case starts and whom it lets through.
 *
 * {@link begin} decodes the actor like any other input, reads the clock (a clock that gives no
 * valid instant is an `InvalidInput`, never an exception), takes the policy in context
 * (`Policy.CurrentPolicy`) and checks that the actor's role holds the permission the use case
 * needs. The checks that follow load from the store just the part of the hierarchy a rule of
 * `Jurisdiction` looks at (the units involved, the links that carry their history, the ancestors
 * of the units that carry it) and fail with `Jurisdiction.OutsideJurisdiction`, or with
 * `StoreError.NotFound` where even saying "it exists" would tell an actor more than it may read
 * (decision record 0011).
 *
 * Permissions are judged on the day the action is taken, in Vietnam.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Exit, Schema } from "effect"
import * as Actor from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import * as Policy from "../access/Policy.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { UnitId } from "../kernel/Ids.ts"
import * as Timestamp from "../kernel/Timestamp.ts"
import * as StoreError from "../store/StoreError.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import type { Succession } from "../unit/Succession.ts"
import type { Unit } from "../unit/Unit.ts"
import { decode, InvalidInput } from "./Errors.ts"

/**
 * One call of a use case: its name, the decoded actor, the instant and day it runs, and the
 * policy it checks.
 *
 * @category models
 * @since 0.1.0
 */
export interface Call {
  readonly useCase: string
  readonly actor: Actor.Acting
  readonly at: Timestamp.Timestamp
  readonly on: CalendarDate
  readonly policy: Policy.Policy
}

const decodeInstant = Schema.decodeUnknownExit(Timestamp.Timestamp)

/**
 * The current instant (from Effect's `Clock`) and its day in Vietnam. A clock that gives no valid
 * instant (not a number, outside the years 0001 to 9999) fails with `InvalidInput` for `useCase`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const clock = (
  useCase: string
): Effect.Effect<{ readonly at: Timestamp.Timestamp; readonly on: CalendarDate }, InvalidInput> =>
  Effect.flatMap(Clock.currentTimeMillis, (millis) => {
    const iso =
      Number.isFinite(millis) && Math.abs(millis) <= 8.64e15 ? new Date(millis).toISOString() : undefined
    const at = iso === undefined ? undefined : decodeInstant(iso)
    return at !== undefined && Exit.isSuccess(at)
      ? Effect.succeed({ at: at.value, on: Timestamp.dateInVietnam(at.value) })
      : Effect.fail(
          new InvalidInput({
            useCase,
            detail: `the clock gives ${String(millis)} ms${iso === undefined ? "" : ` (${iso})`}, not an instant between the years 0001 and 9999`
          })
        )
  })

/**
 * Starts a use case: decodes `actor` (`Actor.ActorInput`), reads the clock, takes the policy in
 * context and, when `permission` is given, checks the actor's role holds it.
 *
 * @category constructors
 * @since 0.1.0
 */
export const begin = (
  useCase: string,
  actor: unknown,
  permission?: Policy.Permission
): Effect.Effect<Call, InvalidInput | Policy.NotPermitted> =>
  Effect.gen(function* () {
    const decoded = yield* decode(Actor.ActorInput, `${useCase} (the actor)`)(actor)
    const { at, on } = yield* clock(useCase)
    const policy = yield* Policy.CurrentPolicy
    const call: Call = { useCase, actor: Actor.acting(decoded), at, on, policy }
    if (permission !== undefined) yield* requirePermission(call, permission)
    return call
  })

/**
 * {@link begin} with `permission`, then decodes the use case's `input` with `schema`
 * (`InvalidInput` for `useCase`): the actor, the clock, the permission, then the input, the order
 * every use case checks in.
 *
 * @category constructors
 * @since 0.1.0
 */
export const beginWith = <A, I>(
  useCase: string,
  actor: unknown,
  permission: Policy.Permission,
  schema: Schema.Codec<A, I, never, unknown>,
  input: unknown
): Effect.Effect<{ readonly call: Call; readonly i: A }, InvalidInput | Policy.NotPermitted> =>
  Effect.gen(function* () {
    const call = yield* begin(useCase, actor, permission)
    const i = yield* decode(schema, useCase)(input)
    return { call, i }
  })

/**
 * Fails with `Policy.NotPermitted` unless the actor's role holds `permission`.
 *
 * @category guards
 * @since 0.1.0
 */
export const requirePermission = (call: Call, permission: Policy.Permission) =>
  Policy.grants(call.policy, call.actor.role, permission)
    ? Effect.void
    : Effect.fail(new Policy.NotPermitted({ actor: call.actor, role: call.actor.role, permission }))

/**
 * The succession links reachable from `ids` along links that carry history and took effect by
 * `on`: enough for `Succession.historyCarrier` on any of them.
 */
const carryingLinks = (ids: ReadonlyArray<UnitId>, on: CalendarDate) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const links = new Map<string, Succession>()
    const visited = new Set<UnitId>()
    let frontier = [...ids]
    while (frontier.length > 0) {
      const next: Array<UnitId> = []
      for (const id of frontier) {
        if (visited.has(id)) continue
        visited.add(id)
        for (const s of yield* units.successions({ predecessorId: id })) {
          links.set(s.id, s)
          if (s.carriesHistory && s.effectiveDate <= on) next.push(s.successorId)
        }
      }
      frontier = next
    }
    return [...links.values()]
  })

/**
 * A `Jurisdiction.Scene` for the day of `call` holding the units `ids`, the links carrying their
 * history, the units that carry it and their ancestors (as of each one's standing date), and the
 * policy's central units. Units that do not exist are simply absent.
 *
 * @category constructors
 * @since 0.1.0
 */
export const sceneOf = (call: Pick<Call, "on" | "policy">, ids: ReadonlyArray<UnitId>) =>
  Effect.gen(function* () {
    const repo = yield* UnitRepository
    const successions = yield* carryingLinks(ids, call.on)
    const bare = Jurisdiction.scene({
      on: call.on,
      units: [],
      successions,
      central: call.policy.centralUnits
    })
    const carriers = [...new Set(ids.map((id) => Jurisdiction.carrierOf(bare, id)))]
    const units = new Map<UnitId, Unit>()
    for (const u of yield* repo.getMany([...new Set([...ids, ...carriers])])) units.set(u.id, u)
    for (const id of carriers) {
      const carrier = units.get(id)
      if (carrier === undefined) continue
      for (const a of yield* repo
        .ancestors(id, Jurisdiction.standingDate(carrier, call.on))
        .pipe(Effect.catchTag("NotFound", () => Effect.succeed([] as ReadonlyArray<Unit>)))) {
        units.set(a.id, a)
      }
    }
    return Jurisdiction.scene({
      on: call.on,
      units: units.values(),
      successions,
      central: call.policy.centralUnits
    })
  })

/**
 * Fails unless the actor acts for `unitId` itself.
 *
 * @category guards
 * @since 0.1.0
 */
export const requireOwn = (call: Call, unitId: UnitId, action: string) =>
  Effect.fromResult(Jurisdiction.canActFor(call.actor, unitId, action))

/**
 * Whether the actor may read the records of `unitId` (`Jurisdiction.canRead`).
 *
 * @category guards
 * @since 0.1.0
 */
export const mayRead = (call: Call, unitId: UnitId) =>
  unitId === call.actor.unitId
    ? Effect.succeed(true)
    : Effect.map(
        sceneOf(call, [unitId]),
        (s) => Jurisdiction.canRead(call.actor, unitId, s)._tag === "Success"
      )

/**
 * Fails with `OutsideJurisdiction` unless the actor may read the records of `unitId`; for reads
 * that name a unit (units are public, so naming one tells nothing).
 *
 * @category guards
 * @since 0.1.0
 */
export const requireRead = (call: Call, unitId: UnitId, action: string) =>
  unitId === call.actor.unitId
    ? Effect.void
    : Effect.flatMap(sceneOf(call, [unitId]), (s) =>
        Effect.fromResult(Jurisdiction.canRead(call.actor, unitId, s, action))
      )

/**
 * Fails with `StoreError.NotFound` for `entity` `id`, exactly as if it did not exist, unless the
 * actor may read the records of the record's unit: a record outside the actor's reach is one it
 * cannot tell from a missing one (decision record 0011).
 *
 * @category guards
 * @since 0.1.0
 */
export const requireVisible = (
  call: Call,
  record: Jurisdiction.Owned,
  entity: StoreError.Entity,
  id: string
) =>
  Effect.flatMap(mayRead(call, record.unitId), (visible) =>
    visible ? Effect.void : Effect.fail(new StoreError.NotFound({ entity, id }))
  )

/**
 * Fails unless the actor may assess the work of `unitId` (`Jurisdiction.canAssess`).
 *
 * @category guards
 * @since 0.1.0
 */
export const requireAssess = (call: Call, unitId: UnitId, action: string) =>
  Effect.flatMap(sceneOf(call, [unitId]), (s) =>
    Effect.fromResult(Jurisdiction.canAssess(call.actor, unitId, s, action))
  )

/**
 * Fails unless the actor's unit is the one a report of `unitId`, last submitted on `submittedOn`,
 * goes to (`Jurisdiction.canReview`).
 *
 * @category guards
 * @since 0.1.0
 */
export const requireReview = (
  call: Call,
  record: Jurisdiction.Owned & { readonly submittedOn?: CalendarDate | undefined },
  action: string
) =>
  Effect.gen(function* () {
    // Fetch the units of the reviewer's walk one by one, with the links carrying their history.
    const repo = yield* UnitRepository
    const byId = new Map<UnitId, Unit>()
    const successions: Array<Succession> = []
    let walked = 0
    for (let id: UnitId | undefined = record.unitId; id !== undefined; ) {
      for (const u of yield* repo.getMany([id])) byId.set(u.id, u)
      successions.push(...(yield* carryingLinks([id], call.on)))
      const chain = Jurisdiction.reviewChain(
        { on: call.on, successions, hierarchy: { byId } },
        record.unitId,
        record.submittedOn
      )
      id = chain.length > walked && !byId.has(chain[chain.length - 1] as UnitId) ? chain.at(-1) : undefined
      walked = chain.length
    }
    const s = yield* sceneOf(call, [record.unitId, ...byId.keys()])
    return yield* Effect.fromResult(Jurisdiction.canReview(call.actor, record, s, action))
  })

/**
 * Fails with `StoreError.VersionConflict` unless the record is at the version the caller read: a
 * write based on what someone else has changed since is refused, not applied over their change.
 *
 * @category guards
 * @since 0.1.0
 */
export const requireVersion = (
  entity: StoreError.Entity,
  record: { readonly id: string; readonly version: number },
  expected: number
) =>
  record.version === expected
    ? Effect.void
    : Effect.fail(new StoreError.VersionConflict({ entity, id: record.id, expected, actual: record.version }))
