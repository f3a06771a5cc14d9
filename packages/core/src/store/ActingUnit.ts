/**
 * The unit a call acts for, as the storage adapter sees it: for stores that enforce access in the
 * database as well (PostgreSQL row-level security, decision record 0012), where every statement
 * must say for whom it runs.
 *
 * The use cases check the policy and `Jurisdiction` themselves; this reference only carries the
 * acting unit down to an adapter that asks for it. Unset (the default), such an adapter's
 * database refuses every unit-owned row, so a call that forgets to say for whom it acts sees
 * nothing rather than everything. `Danvan.open`'s client sets it from each call's actor; an app
 * calling the use cases as Effects wraps each call with {@link actingFor}.
 *
 * @since 0.1.0
 */
import { Context, Effect, Option, Schema } from "effect"
import { UnitId } from "../kernel/Ids.ts"

/**
 * The acting unit, `undefined` when no call said.
 *
 * @category services
 * @since 0.1.0
 */
export const ActingUnit: Context.Reference<UnitId | undefined> = Context.Reference<UnitId | undefined>(
  "@danvan/core/ActingUnit",
  { defaultValue: () => undefined }
)

const unitOf = Schema.decodeUnknownOption(Schema.Struct({ unitId: UnitId }))

/**
 * Runs `effect` acting for the unit of `actor` (a use case's actor: an `Actor.ActorInput` or an
 * `Actor`). An actor without a valid `unitId` leaves the acting unit unset: the use case refuses
 * that actor with `InvalidInput` before it reads anything.
 *
 * @example
 * ```ts
 * import { ActingUnit, Reports } from "@danvan/core"
 *
 * const officer = { personId: "can-bo-01", name: "Nguyễn Văn An", unitId: "c-ninh-hai", role: "officer" }
 * const history = Reports.reportHistory(officer, { reportId: "r-1" }).pipe(ActingUnit.actingFor(officer))
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const actingFor =
  (actor: unknown) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
    const decoded = unitOfSafely(actor)
    return decoded._tag === "Some" ? Effect.provideService(effect, ActingUnit, decoded.value.unitId) : effect
  }

/**
 * {@link unitOf} that answers `None` for an actor whose reading throws (a getter or a proxy trap
 * that throws): the use case then reads the same actor and refuses it with a typed `InvalidInput`,
 * so a hostile actor never escapes as an exception from here.
 */
const unitOfSafely = (actor: unknown): ReturnType<typeof unitOf> => {
  try {
    return unitOf(actor)
  } catch {
    return Option.none()
  }
}
