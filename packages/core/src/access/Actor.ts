/**
 * Who acts: a person acting for one unit, in one role.
 *
 * An app authenticates the person and decides which unit they act for and in which role (the
 * library does not sign anyone in); every use case takes that actor first and checks it against
 * the {@link Policy} (what each role may do) and `Jurisdiction` (for which units). Mass
 * mobilisation work is organised level by level, and each level acts within its own unit's
 * jurisdiction (Regulation on mass mobilisation work of the political system, Decision 23-QĐ/TW
 * of 30/7/2021; see the jurisdiction row of docs/rules.md).
 *
 * The same {@link Actor} is the stamp stored on records (who submitted a report, who rated a
 * model, who made an audit entry). Records written before roles existed carry no role, so the
 * stored stamp's `role` is optional; what a use case takes, {@link ActorInput}, requires it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PersonId, UnitId } from "../kernel/Ids.ts"
import { Name } from "../kernel/Text.ts"

const rolePattern = /^[a-z][a-zA-Z0-9]{0,63}$/

/**
 * The name of a role (vai trò): lower camel case ASCII, at most 64 characters. The default policy
 * names four (`viewer`, `officer`, `leader`, `administrator`: see `Policy.defaults`); an app may
 * define its own in its policy.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Role = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      rolePattern.test(s)
        ? undefined
        : `a role is 1 to 64 ASCII letters and digits in lower camel case (officer, leader…), got ${JSON.stringify(s.slice(0, 80))}`
    )
  )
)
/**
 * @category models
 * @since 0.1.0
 */
export type Role = typeof Role.Type

/**
 * A person acting for a unit, as stamped on the records they make. `role` is absent on records
 * made before roles existed.
 *
 * @category models
 * @since 0.1.0
 */
export class Actor extends Schema.Class<Actor>("Actor")({
  personId: PersonId,
  name: Name,
  unitId: UnitId,
  role: Schema.optionalKey(Role)
}) {}

/**
 * What every use case takes as its actor: the person, the unit they act for and the role they act
 * in, all required. Use cases decode it like any other input, so a malformed actor (a missing
 * field or role, an empty or overlong name, `null`) is an `InvalidInput`, never an exception.
 *
 * @example
 * ```ts
 * import type { Actor } from "@danvan/core"
 *
 * const officer: Actor.ActorInput = {
 *   personId: "can-bo-37-01",
 *   name: "Nguyễn Văn An",
 *   unitId: "vn-37",
 *   role: "officer"
 * }
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const ActorInput = Schema.Struct({
  personId: PersonId,
  name: Name,
  unitId: UnitId,
  role: Role
})

/**
 * The type of a use case's actor parameter: a plain object as {@link ActorInput} encodes it, or
 * an {@link Actor} record. The role of an `Actor` is optional in its type (stored stamps may lack
 * it), so for one the use case checks at run time that it is set.
 *
 * @category models
 * @since 0.1.0
 */
export type ActorInput = typeof ActorInput.Encoded | Actor

/**
 * An actor as a use case holds it once decoded: a stored stamp whose role is known.
 *
 * @category models
 * @since 0.1.0
 */
export type Acting = Actor & { readonly role: Role }

/**
 * The stamp of a decoded actor, for the records it makes.
 *
 * @category constructors
 * @since 0.1.0
 */
export const acting = (input: typeof ActorInput.Type): Acting => new Actor(input) as Acting
