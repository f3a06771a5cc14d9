/**
 * Use cases of steering committees (Ban chỉ đạo): set one up with its composition, appoint a
 * member, end a term, hand a post over, dissolve it, and read its composition on a date.
 *
 * A unit manages its own committees (the decision that sets a committee up is the unit's own), so
 * every change is for the actor's own unit; reading is open to the actor's jurisdiction. Every
 * change goes through `CommitteeRules`, which keeps the invariant (exactly one head and at most
 * one standing deputy on every active day, terms within the committee's life, one post per person
 * at a time: facts.md, law 7), and leaves an audit entry in the same transaction.
 *
 * @since 0.1.0
 */
import { Effect, Schema, Struct } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as CommitteeRules from "../committee/CommitteeRules.ts"
import { Membership, Post, SteeringCommittee } from "../committee/SteeringCommittee.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { CommitteeRepository } from "../store/CommitteeRepository.ts"
import { requireOwn, requireRead, today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * A committee as its founding decision describes it, with its first composition; the id may be
 * left to `Ids.random("committee")`.
 *
 * @since 0.1.0
 */
export const ComposeCommitteeInput = SteeringCommittee.mapFields((fields) => ({
  ...Struct.omit(fields, ["version", "id"]),
  id: Schema.optionalKey(Ids.CommitteeId)
}))
/** @since 0.1.0 */
export type ComposeCommitteeInput = typeof ComposeCommitteeInput.Encoded

/**
 * Sets up a committee of the actor's own unit with its whole composition; every violation of the
 * invariant is reported at once (`CommitteeRules.InvalidCommittee`).
 *
 * @since 0.1.0
 */
export const composeCommittee = (actor: Actor, input: ComposeCommitteeInput) =>
  Effect.gen(function* () {
    const i = yield* decode(ComposeCommitteeInput, "composeCommittee")(input)
    yield* requireOwn(actor, i.unitId, "set up a committee of")
    const { memberships, ...rest } = i
    const committee = yield* Effect.fromResult(
      CommitteeRules.compose(
        new SteeringCommittee({
          ...rest,
          id: i.id ?? Ids.CommitteeId.make(Ids.random("committee")),
          memberships: [],
          version: 0
        }),
        memberships
      )
    )
    return yield* inTransaction(
      Effect.gen(function* () {
        const stored = yield* (yield* CommitteeRepository).insert(committee)
        const { at } = yield* today
        yield* record(actor, at, [
          {
            action: "committee.composed",
            subjectKind: "committee",
            subjectId: stored.id,
            summary: `set up ${stored.name} from ${stored.activeFrom} with ${stored.memberships.length} members`
          }
        ])
        return stored
      })
    )
  })

/** Loads a committee of the actor's own unit, applies a rule, stores it and records the change. */
const change = <E>(
  actor: Actor,
  committeeId: Ids.CommitteeId,
  verb: string,
  apply: (c: SteeringCommittee) => Effect.Effect<SteeringCommittee, E>,
  describe: (c: SteeringCommittee) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const committees = yield* CommitteeRepository
      const committee = yield* committees.get(committeeId)
      yield* requireOwn(actor, committee.unitId, verb)
      const changed = yield* apply(committee)
      const stored = yield* committees.update(changed)
      const { at } = yield* today
      const { action, summary } = describe(stored)
      yield* record(actor, at, [{ action, subjectKind: "committee", subjectId: stored.id, summary }])
      return stored
    })
  )

/** @since 0.1.0 */
export const AppointMemberInput = Schema.Struct({ committeeId: Ids.CommitteeId, membership: Membership })
/** @since 0.1.0 */
export type AppointMemberInput = typeof AppointMemberInput.Encoded

/**
 * Appoints a person to a post for a term (`CommitteeRules.appoint`).
 *
 * @since 0.1.0
 */
export const appointMember = (actor: Actor, input: AppointMemberInput) =>
  Effect.gen(function* () {
    const i = yield* decode(AppointMemberInput, "appointMember")(input)
    const m = i.membership
    return yield* change(
      actor,
      i.committeeId,
      "appoint members of a committee of",
      (c) => Effect.fromResult(CommitteeRules.appoint(c, m)),
      (c) => ({
        action: "committee.memberAppointed",
        summary: `appointed ${m.personName} as ${m.post} of ${c.name} from ${m.from}`
      })
    )
  })

/** @since 0.1.0 */
export const EndMembershipInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  personId: Ids.PersonId,
  post: Post,
  /** The first day the person no longer holds the post. */
  until: CalendarDate.CalendarDate
})
/** @since 0.1.0 */
export type EndMembershipInput = typeof EndMembershipInput.Encoded

/**
 * Ends a person's term in a post (`CommitteeRules.endTerm`); a head is replaced with
 * {@link handOverPost}.
 *
 * @since 0.1.0
 */
export const endMembership = (actor: Actor, input: EndMembershipInput) =>
  Effect.gen(function* () {
    const i = yield* decode(EndMembershipInput, "endMembership")(input)
    return yield* change(
      actor,
      i.committeeId,
      "end terms in a committee of",
      (c) => Effect.fromResult(CommitteeRules.endTerm(c, i.personId, i.post, i.until)),
      (c) => ({
        action: "committee.termEnded",
        summary: `ended the ${i.post} term of person ${i.personId} in ${c.name} on ${i.until}`
      })
    )
  })

/** @since 0.1.0 */
export const HandOverPostInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  outgoing: Ids.PersonId,
  successor: Membership
})
/** @since 0.1.0 */
export type HandOverPostInput = typeof HandOverPostInput.Encoded

/**
 * Hands a post over to a successor in one step (`CommitteeRules.handOver`), so the committee is
 * never without its head.
 *
 * @since 0.1.0
 */
export const handOverPost = (actor: Actor, input: HandOverPostInput) =>
  Effect.gen(function* () {
    const i = yield* decode(HandOverPostInput, "handOverPost")(input)
    const s = i.successor
    return yield* change(
      actor,
      i.committeeId,
      "hand over posts in a committee of",
      (c) => Effect.fromResult(CommitteeRules.handOver(c, i.outgoing, s)),
      (c) => ({
        action: "committee.postHandedOver",
        summary: `${s.personName} took over as ${s.post} of ${c.name} from ${s.from}, succeeding person ${i.outgoing}`
      })
    )
  })

/** @since 0.1.0 */
export const DissolveCommitteeInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  on: CalendarDate.CalendarDate
})
/** @since 0.1.0 */
export type DissolveCommitteeInput = typeof DissolveCommitteeInput.Encoded

/**
 * Dissolves a committee on a date (`CommitteeRules.dissolve`).
 *
 * @since 0.1.0
 */
export const dissolveCommittee = (actor: Actor, input: DissolveCommitteeInput) =>
  Effect.gen(function* () {
    const i = yield* decode(DissolveCommitteeInput, "dissolveCommittee")(input)
    return yield* change(
      actor,
      i.committeeId,
      "dissolve a committee of",
      (c) => Effect.fromResult(CommitteeRules.dissolve(c, i.on)),
      (c) => ({ action: "committee.dissolved", summary: `dissolved ${c.name} on ${i.on}` })
    )
  })

/** @since 0.1.0 */
export const CommitteeOnDateInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  date: CalendarDate.CalendarDate
})
/** @since 0.1.0 */
export type CommitteeOnDateInput = typeof CommitteeOnDateInput.Encoded

/**
 * A committee and its composition on a date (head first; empty when it is not active that day),
 * for an actor whose jurisdiction holds the committee's unit.
 *
 * @since 0.1.0
 */
export const committeeOnDate = (actor: Actor, input: CommitteeOnDateInput) =>
  Effect.gen(function* () {
    const i = yield* decode(CommitteeOnDateInput, "committeeOnDate")(input)
    const committee = yield* (yield* CommitteeRepository).get(i.committeeId)
    const { on } = yield* today
    yield* requireRead(actor, committee.unitId, on, "read the committees of")
    return { committee, composition: CommitteeRules.compositionOn(committee, i.date) }
  })
