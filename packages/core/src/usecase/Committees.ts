/**
 * Use cases of steering committees (Ban chỉ đạo): set one up with its composition, appoint a
 * member, end a term, hand a post over, dissolve it, and read its composition on a date.
 *
 * A unit manages its own committees (the decision that sets a committee up is the unit's own), so
 * every change is for the actor's own unit (`committees.manage`) and takes the committee's
 * `version` the caller read (`VersionConflict` otherwise); reading is open to the actor's
 * jurisdiction (`records.read`), and a committee outside it is `NotFound`. Every change goes
 * through `CommitteeRules`, which keeps the invariant (exactly one head and at most one standing
 * deputy on every active day, terms within the committee's life, one post per person at a time:
 * the steering committees row of docs/rules.md), and leaves an audit entry in the same
 * transaction.
 *
 * @since 0.1.0
 */
import { Effect, Schema, Struct } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as CommitteeRules from "../committee/CommitteeRules.ts"
import { Membership, Post, SteeringCommittee } from "../committee/SteeringCommittee.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { CommitteeRepository } from "../store/CommitteeRepository.ts"
import {
  begin,
  beginWith,
  type Call,
  requireOwn,
  requireRead,
  requireVersion,
  requireVisible
} from "./Access.ts"
import { record } from "./Audit.ts"
import { decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * A committee as its founding decision describes it, with its first composition; the id may be
 * left to `Ids.random("committee")`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ComposeCommitteeInput = SteeringCommittee.mapFields((fields) => ({
  ...Struct.omit(fields, ["version", "id"]),
  id: Schema.optionalKey(Ids.CommitteeId)
}))
/**
 * @category models
 * @since 0.1.0
 */
export type ComposeCommitteeInput = typeof ComposeCommitteeInput.Encoded

/**
 * Sets up a committee of the actor's own unit with its whole composition (`committees.manage`);
 * every violation of the invariant is reported at once (`CommitteeRules.InvalidCommittee`).
 *
 * @example Setting up a committee and appointing a second head
 * ```ts
 * import { type Actor, Committees, Units } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const admin: Actor.ActorInput = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 * const officer: Actor.ActorInput = { personId: "can-bo-37", name: "Cán bộ Ban Dân vận Tỉnh ủy", unitId: "vn-37", role: "officer" }
 * const term = (personId: string, personName: string, post: "head" | "standingDeputy" | "member", from: string) => ({
 *   personId, personName, post, titles: [], from
 * })
 *
 * const program = Effect.gen(function* () {
 *   yield* Units.importUnits(admin, {
 *     units: [{ id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 }],
 *     successions: []
 *   })
 *   const committee = yield* Committees.composeCommittee(officer, {
 *     unitId: "vn-37",
 *     name: "Ban Chỉ đạo phong trào thi đua Dân vận khéo tỉnh",
 *     programmes: ["DVK"],
 *     activeFrom: "2016-09-01",
 *     memberships: [term("p-1", "Nguyễn Văn An", "head", "2016-09-01"), term("p-2", "Trần Thị Bình", "standingDeputy", "2016-09-01")]
 *   })
 *   const refused = yield* Effect.flip(
 *     Committees.appointMember(officer, {
 *       committeeId: committee.id,
 *       version: committee.version,
 *       membership: term("p-3", "Lê Văn Cường", "head", "2017-01-01")
 *     })
 *   )
 *   if (refused._tag === "InvalidCommittee") {
 *     console.log(refused.change, refused.violations.map((v) => v._tag)) // appoint ["TwoHeads"]
 *   }
 * })
 *
 * await Effect.runPromise(Effect.provide(program, StoreMemory.layer()))
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const composeCommittee = (actor: Actor.ActorInput, input: ComposeCommitteeInput) =>
  Effect.gen(function* () {
    const call = yield* begin("composeCommittee", actor, "committees.manage")
    const i = yield* decode(ComposeCommitteeInput, "composeCommittee")(input)
    yield* requireOwn(call, i.unitId, "set up a committee of")
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
        yield* record(call.actor, call.at, [
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

/** The version a caller read, which a change is based on. */
const Version = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/**
 * Loads a committee (`NotFound` unless the actor may read it) of the actor's own unit, checks the
 * caller's version, applies a rule, stores it and records the change.
 */
const change = <E>(
  call: Call,
  target: { readonly committeeId: Ids.CommitteeId; readonly version: number },
  verb: string,
  apply: (c: SteeringCommittee) => Effect.Effect<SteeringCommittee, E>,
  describe: (c: SteeringCommittee) => { readonly action: string; readonly summary: string }
) =>
  inTransaction(
    Effect.gen(function* () {
      const committees = yield* CommitteeRepository
      const committee = yield* committees.get(target.committeeId)
      yield* requireVisible(call, committee, "committee", committee.id)
      yield* requireOwn(call, committee.unitId, verb)
      yield* requireVersion("committee", committee, target.version)
      const changed = yield* apply(committee)
      const stored = yield* committees.update(changed)
      const { action, summary } = describe(stored)
      yield* record(call.actor, call.at, [
        { action, subjectKind: "committee", subjectId: stored.id, summary }
      ])
      return stored
    })
  )

/**
 * @category schemas
 * @since 0.1.0
 */
export const AppointMemberInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  /** The version of the committee as read. */
  version: Version,
  membership: Membership
})
/**
 * @category models
 * @since 0.1.0
 */
export type AppointMemberInput = typeof AppointMemberInput.Encoded

/**
 * Appoints a person to a post for a term (`CommitteeRules.appoint`); a term that breaks the
 * committee's rules is a `CommitteeRules.InvalidCommittee` listing every violation it brings.
 *
 * @category use cases
 * @since 0.1.0
 */
export const appointMember = (actor: Actor.ActorInput, input: AppointMemberInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "appointMember",
      actor,
      "committees.manage",
      AppointMemberInput,
      input
    )
    const m = i.membership
    return yield* change(
      call,
      i,
      "appoint members of a committee of",
      (c) => Effect.fromResult(CommitteeRules.appoint(c, m)),
      (c) => ({
        action: "committee.memberAppointed",
        summary: `appointed ${m.personName} as ${m.post} of ${c.name} from ${m.from}`
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const EndMembershipInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  version: Version,
  personId: Ids.PersonId,
  post: Post,
  /** The first day the person no longer holds the post. */
  until: CalendarDate.CalendarDate
})
/**
 * @category models
 * @since 0.1.0
 */
export type EndMembershipInput = typeof EndMembershipInput.Encoded

/**
 * Ends a person's term in a post (`CommitteeRules.endTerm`); a head is replaced with
 * {@link handOverPost}. A refusal is a `CommitteeRules.InvalidCommittee` (`NoSuchTerm`, `NoHead`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const endMembership = (actor: Actor.ActorInput, input: EndMembershipInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "endMembership",
      actor,
      "committees.manage",
      EndMembershipInput,
      input
    )
    return yield* change(
      call,
      i,
      "end terms in a committee of",
      (c) => Effect.fromResult(CommitteeRules.endTerm(c, i.personId, i.post, i.until)),
      (c) => ({
        action: "committee.termEnded",
        summary: `ended the ${i.post} term of person ${i.personId} in ${c.name} on ${i.until}`
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const HandOverPostInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  version: Version,
  outgoing: Ids.PersonId,
  successor: Membership
})
/**
 * @category models
 * @since 0.1.0
 */
export type HandOverPostInput = typeof HandOverPostInput.Encoded

/**
 * Hands a post over to a successor in one step (`CommitteeRules.handOver`), so the committee is
 * never without its head; a refusal is a `CommitteeRules.InvalidCommittee` listing every violation.
 *
 * @category use cases
 * @since 0.1.0
 */
export const handOverPost = (actor: Actor.ActorInput, input: HandOverPostInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("handOverPost", actor, "committees.manage", HandOverPostInput, input)
    const s = i.successor
    return yield* change(
      call,
      i,
      "hand over posts in a committee of",
      (c) => Effect.fromResult(CommitteeRules.handOver(c, i.outgoing, s)),
      (c) => ({
        action: "committee.postHandedOver",
        summary: `${s.personName} took over as ${s.post} of ${c.name} from ${s.from}, succeeding person ${i.outgoing}`
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const DissolveCommitteeInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  version: Version,
  on: CalendarDate.CalendarDate
})
/**
 * @category models
 * @since 0.1.0
 */
export type DissolveCommitteeInput = typeof DissolveCommitteeInput.Encoded

/**
 * Dissolves a committee on a date (`CommitteeRules.dissolve`); a refusal is a
 * `CommitteeRules.InvalidCommittee` (`InvalidDissolution`, or a planned term the dissolution would erase).
 *
 * @category use cases
 * @since 0.1.0
 */
export const dissolveCommittee = (actor: Actor.ActorInput, input: DissolveCommitteeInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "dissolveCommittee",
      actor,
      "committees.manage",
      DissolveCommitteeInput,
      input
    )
    return yield* change(
      call,
      i,
      "dissolve a committee of",
      (c) => Effect.fromResult(CommitteeRules.dissolve(c, i.on)),
      (c) => ({ action: "committee.dissolved", summary: `dissolved ${c.name} on ${i.on}` })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const CommitteeOnDateInput = Schema.Struct({
  committeeId: Ids.CommitteeId,
  date: CalendarDate.CalendarDate
})
/**
 * @category models
 * @since 0.1.0
 */
export type CommitteeOnDateInput = typeof CommitteeOnDateInput.Encoded

/**
 * A committee and its composition on a date (head first; empty when it is not active that day),
 * for an actor who may read its unit's records (`records.read`); any other committee is
 * `NotFound`.
 *
 * @category use cases
 * @since 0.1.0
 */
export const committeeOnDate = (actor: Actor.ActorInput, input: CommitteeOnDateInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "committeeOnDate",
      actor,
      "records.read",
      CommitteeOnDateInput,
      input
    )
    const committee = yield* (yield* CommitteeRepository).get(i.committeeId)
    yield* requireVisible(call, committee, "committee", committee.id)
    return { committee, composition: CommitteeRules.compositionOn(committee, i.date) }
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const CommitteesOfUnitInput = Schema.Struct({
  unitId: Ids.UnitId,
  /** The day of the compositions; by default today in Vietnam. */
  date: Schema.optionalKey(CalendarDate.CalendarDate)
})
/**
 * @category models
 * @since 0.1.0
 */
export type CommitteesOfUnitInput = typeof CommitteesOfUnitInput.Encoded

/**
 * The committees of a unit, by id, each with its composition on a date (by default today), for an
 * actor who may read the unit's records (`records.read`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const committeesOfUnit = (actor: Actor.ActorInput, input: CommitteesOfUnitInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "committeesOfUnit",
      actor,
      "records.read",
      CommitteesOfUnitInput,
      input
    )
    yield* requireRead(call, i.unitId, "read the committees of")
    const date = i.date ?? call.on
    return (yield* (yield* CommitteeRepository).byUnit(i.unitId)).map((committee) => ({
      committee,
      composition: CommitteeRules.compositionOn(committee, date)
    }))
  })
