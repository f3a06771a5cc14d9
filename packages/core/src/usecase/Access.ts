/**
 * Jurisdiction checks for the use cases: they load from the store just the part of the hierarchy a
 * rule of `Jurisdiction` needs (a unit and its ancestors as of a date) and fail with
 * `Jurisdiction.OutsideJurisdiction` when the actor may not act.
 *
 * Permissions are judged on the day the action is taken, in Vietnam: whoever is the parent of a
 * unit that day reviews its reports. Records of a unit that no longer exists (a district
 * abolished in 2025) are readable within the jurisdiction of the unit that carries its history
 * (`Succession.historyCarrier`).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { UnitId } from "../kernel/Ids.ts"
import * as Timestamp from "../kernel/Timestamp.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import * as Succession from "../unit/Succession.ts"

/**
 * The current instant (from Effect's `Clock`) and the day it falls on in Vietnam.
 *
 * @since 0.1.0
 */
export const today: Effect.Effect<{ readonly at: Timestamp.Timestamp; readonly on: CalendarDate }> =
  Effect.map(Timestamp.now, (at) => ({ at, on: Timestamp.dateInVietnam(at) }))

/**
 * A hierarchy holding `unitId` and its ancestors as of `asOf` (just the unit when it is not valid
 * then). Fails with `NotFound` when the unit does not exist at all.
 *
 * @since 0.1.0
 */
export const chain = (unitId: UnitId, asOf: CalendarDate) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const unit = yield* units.get(unitId)
    const ancestors = yield* units
      .ancestors(unitId, asOf)
      .pipe(Effect.catchTag("NotFound", () => Effect.succeed([] as ReadonlyArray<never>)))
    return Hierarchy.make([unit, ...ancestors])
  })

/**
 * The unit that carries the history of `unitId` as of `asOf`, reading only the succession links
 * reachable from it.
 *
 * @since 0.1.0
 */
export const carrierOf = (unitId: UnitId, asOf: CalendarDate) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const links: Array<Succession.Succession> = []
    const visited = new Set<UnitId>()
    let frontier: Array<UnitId> = [unitId]
    while (frontier.length > 0) {
      const nextFrontier: Array<UnitId> = []
      for (const id of frontier) {
        if (visited.has(id)) continue
        visited.add(id)
        const out = yield* units.successions({ predecessorId: id })
        for (const s of out) {
          links.push(s)
          if (s.carriesHistory && s.effectiveDate <= asOf) nextFrontier.push(s.successorId)
        }
      }
      frontier = nextFrontier
    }
    return Succession.historyCarrier(links, unitId, asOf)
  })

/**
 * Fails unless the actor acts for `unitId` itself.
 *
 * @since 0.1.0
 */
export const requireOwn = (actor: Actor, unitId: UnitId, action: string) =>
  Effect.fromResult(Jurisdiction.canActFor(actor, unitId, action))

/**
 * Fails unless `unitId`, or the unit carrying its history, is within the actor's jurisdiction as
 * of `asOf`.
 *
 * @since 0.1.0
 */
export const requireRead = (actor: Actor, unitId: UnitId, asOf: CalendarDate, action: string) =>
  Effect.gen(function* () {
    const direct = Jurisdiction.canRead(actor, unitId, yield* chain(unitId, asOf), asOf, action)
    if (direct._tag === "Success") return
    const carrier = yield* carrierOf(unitId, asOf)
    if (carrier !== unitId) {
      const carried = Jurisdiction.canRead(actor, carrier, yield* chain(carrier, asOf), asOf, action)
      if (carried._tag === "Success") return
    }
    return yield* Effect.fromResult(direct)
  })

/**
 * Fails unless `unitId` is below the actor's unit (not the unit itself) as of `asOf`, directly or
 * through the unit that carries its history.
 *
 * @since 0.1.0
 */
export const requireAssess = (actor: Actor, unitId: UnitId, asOf: CalendarDate, action: string) =>
  Effect.gen(function* () {
    const direct = Jurisdiction.canAssess(actor, unitId, yield* chain(unitId, asOf), asOf, action)
    if (direct._tag === "Success" || unitId === actor.unitId) return yield* Effect.fromResult(direct)
    // A unit that no longer exists is assessed by the level above the unit carrying its history,
    // or by that unit itself (a merged district's models are assessed by the new province).
    const carrier = yield* carrierOf(unitId, asOf)
    if (carrier === unitId) return yield* Effect.fromResult(direct)
    if (carrier === actor.unitId) return
    const carried = Jurisdiction.canRead(actor, carrier, yield* chain(carrier, asOf), asOf, action)
    return yield* Effect.fromResult(carried._tag === "Success" ? carried : direct)
  })

/**
 * Fails unless the record's unit sits directly under the actor's unit as of `asOf`.
 *
 * @since 0.1.0
 */
export const requireReview = (actor: Actor, record: Jurisdiction.Owned, asOf: CalendarDate, action: string) =>
  Effect.flatMap(chain(record.unitId, asOf), (h) =>
    Effect.fromResult(Jurisdiction.canReview(actor, record, h, asOf, action))
  )
