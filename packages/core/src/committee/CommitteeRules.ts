/**
 * The rules of a steering committee's composition (thành phần Ban chỉ đạo) and the operations that
 * change it.
 *
 * The invariant ([rules: Steering committees](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#steering-committees-law-7); the decisions that
 * set committees up name one head, Trưởng ban, and
 * one standing deputy, Phó Trưởng ban Thường trực, who runs the committee day to day):
 *
 * - the committee's life is not empty (`activeUntil`, when set, is after `activeFrom`);
 * - on every day the committee is active it has exactly one head;
 * - on every day it has at most one standing deputy;
 * - every term lies within the committee's life;
 * - one person holds one post in the committee at a time;
 * - every term ends after it starts.
 *
 * A term without `until` runs until the committee ends (a member serves until relieved or until the
 * committee is dissolved), so only its start can lie outside the committee's life; a term with an
 * explicit `until` after `activeUntil` sticks out at the end.
 *
 * {@link validate} checks the whole invariant and returns every violation. The operations keep a
 * valid committee valid and make it possible to build one:
 *
 * - {@link compose} sets the whole composition at once and accepts it only if it is valid. A use
 *   case creates a committee this way (the decision setting it up names the head and the members
 *   together), and may use it for any bulk change.
 * - {@link appoint} adds one term. It rejects a term that is empty, sticks out of the committee's
 *   life, overlaps the person's other terms, or gives the committee two heads or two standing
 *   deputies on some day. It does not ask for a head, because adding a term never removes one: a
 *   committee without a head can be completed one appointment at a time (its head included), and a
 *   valid committee stays valid.
 * - {@link endTerm} ends a running term early. It rejects an end that would leave days of the
 *   committee's life without a head that had one: a head is replaced with {@link handOver}, which
 *   ends the outgoing term and starts the successor's in one step, as the decision relieving one
 *   head and appointing the next does.
 * - {@link dissolve} ends the committee and cuts the terms that ran past that day.
 *
 * Dates are calendar dates; intervals are half-open (`from` inclusive, `until` exclusive).
 *
 * @since 0.1.0
 */
import { Array as Arr, Order, Result, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import { CommitteeId, PersonId } from "../kernel/Ids.ts"
import * as Interval from "../kernel/Interval.ts"
import * as Violation from "../kernel/Violation.ts"
import * as Collation from "../text/Collation.ts"
import { Membership, Post, SteeringCommittee } from "./SteeringCommittee.ts"

// ---------------------------------------------------------------------------------------------
// violations
// ---------------------------------------------------------------------------------------------

const OptionalDate = Schema.optionalKey(CalendarDate.CalendarDate)

const postLabel: Readonly<Record<Post, string>> = {
  head: "head",
  standingDeputy: "standing deputy",
  deputy: "deputy",
  member: "member",
  secretary: "secretary"
}

const span = (from: string, until: string | undefined) =>
  until === undefined ? `from ${from} on` : `from ${from} until ${until}`

/** The fields naming the committee, which every violation carries. */
const ofCommittee = { committeeId: CommitteeId, committeeName: Schema.String }

/** The fields naming a term's holder. */
const ofHolder = { ...ofCommittee, personId: PersonId, personName: Schema.String }

/**
 * The committee's life is empty: it ends on or before the day it starts.
 *
 * @category violations
 * @since 0.1.0
 */
export class InvalidLife extends Violation.TaggedClass<InvalidLife>()(
  "InvalidLife",
  {
    ...ofCommittee,
    activeFrom: CalendarDate.CalendarDate,
    activeUntil: CalendarDate.CalendarDate
  },
  (v) => `${v.committeeName} ends on ${v.activeUntil}, which is not after the day it starts (${v.activeFrom})`
) {}

/**
 * Days of the committee's life on which nobody is its head.
 *
 * @category violations
 * @since 0.1.0
 */
export class NoHead extends Violation.TaggedClass<NoHead>()(
  "NoHead",
  {
    ...ofCommittee,
    from: CalendarDate.CalendarDate,
    until: OptionalDate
  },
  (v) =>
    `${v.committeeName} has no head ${span(v.from, v.until)}; it needs exactly one head on every day it is active`
) {}

const twoHolders = {
  ...ofCommittee,
  firstPersonId: PersonId,
  firstName: Schema.String,
  secondPersonId: PersonId,
  secondName: Schema.String,
  from: CalendarDate.CalendarDate,
  until: OptionalDate
}

/**
 * Two people are head of the committee on the same days.
 *
 * @category violations
 * @since 0.1.0
 */
export class TwoHeads extends Violation.TaggedClass<TwoHeads>()(
  "TwoHeads",
  twoHolders,
  (v) =>
    `${v.committeeName} would have two heads, ${v.firstName} and ${v.secondName}, ${span(v.from, v.until)}`
) {}

/**
 * Two people are standing deputy of the committee on the same days.
 *
 * @category violations
 * @since 0.1.0
 */
export class TwoStandingDeputies extends Violation.TaggedClass<TwoStandingDeputies>()(
  "TwoStandingDeputies",
  twoHolders,
  (v) =>
    `${v.committeeName} would have two standing deputies, ${v.firstName} and ${v.secondName}, ${span(v.from, v.until)}`
) {}

/**
 * A term starts before the committee is set up or ends after it ends.
 *
 * @category violations
 * @since 0.1.0
 */
export class TermOutsideCommittee extends Violation.TaggedClass<TermOutsideCommittee>()(
  "TermOutsideCommittee",
  {
    ...ofHolder,
    post: Post,
    from: CalendarDate.CalendarDate,
    until: OptionalDate,
    activeFrom: CalendarDate.CalendarDate,
    activeUntil: OptionalDate
  },
  (v) =>
    `${v.personName}'s term as ${postLabel[v.post]} (${span(v.from, v.until)}) lies outside the life of ${v.committeeName} (${span(v.activeFrom, v.activeUntil)})`
) {}

/**
 * One person holds two posts (or the same post twice) in the committee on the same days.
 *
 * @category violations
 * @since 0.1.0
 */
export class TwoPostsAtOnce extends Violation.TaggedClass<TwoPostsAtOnce>()(
  "TwoPostsAtOnce",
  {
    ...ofHolder,
    firstPost: Post,
    secondPost: Post,
    from: CalendarDate.CalendarDate,
    until: OptionalDate
  },
  (v) => {
    const what =
      v.firstPost === v.secondPost
        ? `two overlapping terms as ${postLabel[v.firstPost]}`
        : `two posts, ${postLabel[v.firstPost]} and ${postLabel[v.secondPost]},`
    return `${v.personName} would hold ${what} in ${v.committeeName} ${span(v.from, v.until)}; a person holds one post at a time`
  }
) {}

/**
 * A term ends on or before the day it starts.
 *
 * @category violations
 * @since 0.1.0
 */
export class EmptyTerm extends Violation.TaggedClass<EmptyTerm>()(
  "EmptyTerm",
  {
    ...ofHolder,
    post: Post,
    from: CalendarDate.CalendarDate,
    until: CalendarDate.CalendarDate
  },
  (v) =>
    `${v.personName}'s term as ${postLabel[v.post]} in ${v.committeeName} would end on ${v.until}, which is not after it starts (${v.from})`
) {}

/**
 * There is no term to end or hand over: the person holds no term in that post that runs through
 * the day before the given date.
 *
 * @category violations
 * @since 0.1.0
 */
export class NoSuchTerm extends Violation.TaggedClass<NoSuchTerm>()(
  "NoSuchTerm",
  {
    ...ofCommittee,
    personId: PersonId,
    personName: Schema.optionalKey(Schema.String),
    post: Post,
    until: CalendarDate.CalendarDate
  },
  (v) => {
    const who = v.personName ?? `person ${v.personId}`
    return `${who} holds no term as ${postLabel[v.post]} in ${v.committeeName} that runs up to ${v.until}, so none can end on that day`
  }
) {}

/**
 * The committee cannot be dissolved on that day: it is before or on the day it was set up, or after
 * the day it already ends.
 *
 * @category violations
 * @since 0.1.0
 */
export class InvalidDissolution extends Violation.TaggedClass<InvalidDissolution>()(
  "InvalidDissolution",
  {
    ...ofCommittee,
    on: CalendarDate.CalendarDate,
    activeFrom: CalendarDate.CalendarDate,
    activeUntil: OptionalDate
  },
  (v) =>
    v.on <= v.activeFrom
      ? `${v.committeeName} cannot be dissolved on ${v.on}: it was set up on ${v.activeFrom}`
      : `${v.committeeName} cannot be dissolved on ${v.on}: it already ends on ${v.activeUntil}`
) {}

/**
 * Every way a committee can break its invariant, or a change to it can be refused.
 *
 * @category violations
 * @since 0.1.0
 */
export const CommitteeViolation = Schema.Union([
  InvalidLife,
  NoHead,
  TwoHeads,
  TwoStandingDeputies,
  TermOutsideCommittee,
  TwoPostsAtOnce,
  EmptyTerm,
  NoSuchTerm,
  InvalidDissolution
])
/**
 * @category violations
 * @since 0.1.0
 */
export type CommitteeViolation = typeof CommitteeViolation.Type

/**
 * The operations that change a committee, each of which {@link InvalidCommittee} may refuse.
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitteeChange = Schema.Literals(["compose", "appoint", "endTerm", "handOver", "dissolve"])
/**
 * @category models
 * @since 0.1.0
 */
export type CommitteeChange = typeof CommitteeChange.Type

const refused: Readonly<Record<CommitteeChange, (name: string) => string>> = {
  compose: (name) => `${name} is not a valid composition`,
  appoint: (name) => `the appointment to ${name} is refused`,
  endTerm: (name) => `the end of the term in ${name} is refused`,
  handOver: (name) => `the hand-over in ${name} is refused`,
  dissolve: (name) => `the dissolution of ${name} is refused`
}

/**
 * A change to a committee is refused: the composition given to {@link compose} breaks the
 * invariant, or an appointment, an end of term, a hand-over or a dissolution would break it.
 * `change` names the operation and `violations` lists every breach it found.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidCommittee extends DanvanError.TaggedError<InvalidCommittee>()("InvalidCommittee", {
  ...ofCommittee,
  change: CommitteeChange,
  violations: Schema.NonEmptyArray(CommitteeViolation)
}) {
  override get message(): string {
    return `${refused[this.change](this.committeeName)}: ${Violation.format(this.violations)}`
  }
}

/** The change refused with these violations, or the changed committee when there are none. */
const verdict = (
  committee: SteeringCommittee,
  change: CommitteeChange,
  violations: ReadonlyArray<CommitteeViolation>,
  changed: () => SteeringCommittee
): Result.Result<SteeringCommittee, InvalidCommittee> =>
  Arr.isReadonlyArrayNonEmpty(violations)
    ? Result.fail(
        new InvalidCommittee({
          committeeId: committee.id,
          committeeName: committee.name,
          change,
          violations
        })
      )
    : Result.succeed(changed())

// ---------------------------------------------------------------------------------------------
// intervals: [from, end), end undefined = open (see `Interval`)
// ---------------------------------------------------------------------------------------------

type End = Interval.End
type Span = Interval.Span
const { endsBefore, intersect, maxEnd } = Interval

const life = (c: SteeringCommittee): Span => ({ from: c.activeFrom, end: c.activeUntil })

/** The days a term runs: an open term ends with the committee. */
const termSpan = (c: SteeringCommittee, m: Membership): Span => ({
  from: m.from,
  end: m.until ?? c.activeUntil
})

const isEmptyTerm = (m: Membership) => m.until !== undefined && m.until <= m.from

/** The days of the committee's life not covered by a head's term, in order. */
const headGaps = (c: SteeringCommittee, memberships: ReadonlyArray<Membership>): ReadonlyArray<Span> => {
  const whole = life(c)
  if (!Interval.isNonEmpty(whole.from, whole.end)) return []
  const heads = memberships
    .filter((m) => m.post === "head" && !isEmptyTerm(m))
    .map((m) => intersect(termSpan(c, m), whole))
    .filter((s): s is Span => s !== undefined)
    .sort((a, b) => CalendarDate.compare(a.from, b.from))
  const gaps: Array<Span> = []
  let cursor: End = whole.from
  for (const h of heads) {
    if (cursor === undefined) break
    if (h.from > cursor) gaps.push({ from: cursor, end: h.from })
    cursor = h.end === undefined ? undefined : maxEnd(cursor, h.end)
  }
  if (cursor !== undefined && endsBefore(cursor, whole.end)) gaps.push({ from: cursor, end: whole.end })
  return gaps
}

/** The parts of `a` not covered by any of `bs`. */
const subtract = (a: Span, bs: ReadonlyArray<Span>): ReadonlyArray<Span> => {
  let pieces: ReadonlyArray<Span> = [a]
  for (const b of bs) {
    pieces = pieces.flatMap((p) => {
      if (intersect(p, b) === undefined) return [p]
      const out: Array<Span> = []
      if (p.from < b.from) out.push({ from: p.from, end: b.from })
      if (b.end !== undefined && endsBefore(b.end, p.end)) out.push({ from: b.end, end: p.end })
      return out
    })
  }
  return pieces
}

/** `{ key: value }`, or nothing when the value is absent (for optional keys). */
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

const noHead = (c: SteeringCommittee, gap: Span) =>
  new NoHead({ committeeId: c.id, committeeName: c.name, from: gap.from, ...optional("until", gap.end) })

// ---------------------------------------------------------------------------------------------
// queries
// ---------------------------------------------------------------------------------------------

/**
 * The order posts are listed in.
 *
 * @category constants
 * @since 0.1.0
 */
export const postRank: Readonly<Record<Post, number>> = {
  head: 0,
  standingDeputy: 1,
  deputy: 2,
  member: 3,
  secretary: 4
}

const byPostThenName: Order.Order<Membership> = Order.combineAll([
  Order.mapInput(Order.Number, (m: Membership) => postRank[m.post]),
  Order.mapInput(Collation.order, (m: Membership) => m.personName),
  Order.mapInput(Order.String, (m: Membership) => m.personId)
])

/**
 * Whether the committee is active on a date.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isActiveOn = (committee: SteeringCommittee, date: CalendarDate.CalendarDate): boolean =>
  Interval.contains(committee.activeFrom, committee.activeUntil, date)

/**
 * The committee's composition on a date: the terms running that day, head first, then the standing
 * deputy, deputies, members and secretaries, each post by name in Vietnamese alphabetical order
 * (`Collation.compare`, the same on every runtime, unlike `localeCompare`). Empty when the
 * committee is not active that day.
 *
 * @category queries
 * @since 0.1.0
 */
export const compositionOn = (
  committee: SteeringCommittee,
  date: CalendarDate.CalendarDate
): ReadonlyArray<Membership> => {
  if (!isActiveOn(committee, date)) return []
  return committee.memberships.filter((m) => Interval.contains(m.from, m.until, date)).sort(byPostThenName)
}

// ---------------------------------------------------------------------------------------------
// validation
// ---------------------------------------------------------------------------------------------

/** The violations one term has on its own. */
const termViolations = (c: SteeringCommittee, m: Membership): ReadonlyArray<CommitteeViolation> => {
  if (m.until !== undefined && m.until <= m.from) {
    return [
      new EmptyTerm({
        committeeId: c.id,
        committeeName: c.name,
        personId: m.personId,
        personName: m.personName,
        post: m.post,
        from: m.from,
        until: m.until
      })
    ]
  }
  const outside =
    m.from < c.activeFrom ||
    (m.until !== undefined && endsBefore(c.activeUntil, m.until)) ||
    (c.activeUntil !== undefined && m.from >= c.activeUntil)
  if (!outside) return []
  return [
    new TermOutsideCommittee({
      committeeId: c.id,
      committeeName: c.name,
      personId: m.personId,
      personName: m.personName,
      post: m.post,
      from: m.from,
      ...optional("until", m.until),
      activeFrom: c.activeFrom,
      ...optional("activeUntil", c.activeUntil)
    })
  ]
}

/** The violations two distinct terms have together (both non-empty). */
const pairViolations = (
  c: SteeringCommittee,
  a: Membership,
  b: Membership
): ReadonlyArray<CommitteeViolation> => {
  const overlap = intersect(termSpan(c, a), termSpan(c, b))
  if (overlap === undefined) return []
  const out: Array<CommitteeViolation> = []
  if (a.personId === b.personId) {
    out.push(
      new TwoPostsAtOnce({
        committeeId: c.id,
        committeeName: c.name,
        personId: a.personId,
        personName: a.personName,
        firstPost: a.post,
        secondPost: b.post,
        from: overlap.from,
        ...optional("until", overlap.end)
      })
    )
  }
  const holders = {
    committeeId: c.id,
    committeeName: c.name,
    firstPersonId: a.personId,
    firstName: a.personName,
    secondPersonId: b.personId,
    secondName: b.personName,
    from: overlap.from,
    ...optional("until", overlap.end)
  }
  if (a.post === "head" && b.post === "head") out.push(new TwoHeads(holders))
  if (a.post === "standingDeputy" && b.post === "standingDeputy") out.push(new TwoStandingDeputies(holders))
  return out
}

/** Violations a new term brings against the terms already there. */
const additionViolations = (
  c: SteeringCommittee,
  existing: ReadonlyArray<Membership>,
  added: Membership
): ReadonlyArray<CommitteeViolation> => {
  const own = termViolations(c, added)
  if (own.some((v) => v._tag === "EmptyTerm")) return own
  return [...own, ...existing.filter((m) => !isEmptyTerm(m)).flatMap((m) => pairViolations(c, m, added))]
}

/**
 * Every way the committee breaks the invariant (see the module comment), in a stable order: the
 * committee's life, the days without a head, then each term and each pair of overlapping terms.
 * Empty when the committee is valid.
 *
 * @category rules
 * @since 0.1.0
 */
export const validate = (committee: SteeringCommittee): ReadonlyArray<CommitteeViolation> => {
  const c = committee
  if (c.activeUntil !== undefined && c.activeUntil <= c.activeFrom) {
    return [
      new InvalidLife({
        committeeId: c.id,
        committeeName: c.name,
        activeFrom: c.activeFrom,
        activeUntil: c.activeUntil
      })
    ]
  }
  const out: Array<CommitteeViolation> = headGaps(c, c.memberships).map((g) => noHead(c, g))
  const ms = c.memberships
  for (const m of ms) out.push(...termViolations(c, m))
  for (let i = 0; i < ms.length; i++) {
    const a = ms[i]!
    if (isEmptyTerm(a)) continue
    for (let j = i + 1; j < ms.length; j++) {
      const b = ms[j]!
      if (!isEmptyTerm(b)) out.push(...pairViolations(c, a, b))
    }
  }
  return out
}

/**
 * Whether the committee satisfies the whole invariant.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isValid = (committee: SteeringCommittee): boolean => validate(committee).length === 0

// ---------------------------------------------------------------------------------------------
// operations
// ---------------------------------------------------------------------------------------------

const withMemberships = (c: SteeringCommittee, memberships: ReadonlyArray<Membership>): SteeringCommittee =>
  new SteeringCommittee({ ...c, memberships })

/** The first days the change leaves without a head that had one before, as a violation. */
const lostHeadDays = (
  c: SteeringCommittee,
  before: ReadonlyArray<Membership>,
  after: ReadonlyArray<Membership>
): ReadonlyArray<NoHead> => {
  const old = headGaps(c, before)
  for (const g of headGaps(c, after)) {
    const fresh = subtract(g, old)[0]
    if (fresh !== undefined) return [noHead(c, fresh)]
  }
  return []
}

/**
 * Sets the committee's whole composition and accepts it only if the result satisfies the whole
 * invariant; otherwise fails with {@link InvalidCommittee} listing every violation
 * ({@link validate}). The way to create a committee (its head and members named together by the
 * decision that sets it up) and to make a bulk change.
 *
 * @example Setting up a committee without a head
 * ```ts
 * import { CalendarDate, CommitteeRules, Ids, SteeringCommittee } from "@danvan/core"
 * import { Result } from "effect"
 *
 * const committee = new SteeringCommittee.SteeringCommittee({
 *   id: Ids.CommitteeId.make("bcd-qcdc-tinh"),
 *   unitId: Ids.UnitId.make("37"),
 *   name: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh",
 *   programmes: ["QCDC"],
 *   activeFrom: CalendarDate.make(2021, 1, 1),
 *   memberships: [],
 *   version: 0
 * })
 * const member = new SteeringCommittee.Membership({
 *   personId: Ids.PersonId.make("p-1"),
 *   personName: "Nguyễn Văn An",
 *   post: "member",
 *   titles: [],
 *   from: CalendarDate.make(2021, 1, 1)
 * })
 * const composed = CommitteeRules.compose(committee, [member])
 * if (Result.isFailure(composed)) {
 *   console.log(composed.failure.violations.map((v) => v._tag)) // ["NoHead"]
 * }
 * ```
 *
 * @category rules
 * @since 0.1.0
 */
export const compose = (
  committee: SteeringCommittee,
  memberships: ReadonlyArray<Membership>
): Result.Result<SteeringCommittee, InvalidCommittee> => {
  const next = withMemberships(committee, memberships)
  return verdict(committee, "compose", validate(next), () => next)
}

/**
 * Adds a term. Fails with {@link InvalidCommittee} listing every violation the new term brings:
 * it is empty (`EmptyTerm`), it lies outside the committee's life (`TermOutsideCommittee`), the
 * person already holds a post on some of its days (`TwoPostsAtOnce`), or it gives the committee
 * two heads or two standing deputies (`TwoHeads`, `TwoStandingDeputies`). It does not require the
 * committee to have a head already, so a committee can be completed one appointment at a time; on
 * a valid committee it never accepts a change that makes it invalid.
 *
 * @category rules
 * @since 0.1.0
 */
export const appoint = (
  committee: SteeringCommittee,
  membership: Membership
): Result.Result<SteeringCommittee, InvalidCommittee> =>
  verdict(committee, "appoint", additionViolations(committee, committee.memberships, membership), () =>
    withMemberships(committee, [...committee.memberships, membership])
  )

/** The index of the person's term in `post` that runs through the day before `until`. */
const runningTerm = (
  c: SteeringCommittee,
  personId: PersonId,
  post: Post,
  until: CalendarDate.CalendarDate
): number =>
  c.memberships.findIndex(
    (m) =>
      m.personId === personId &&
      m.post === post &&
      m.from < until &&
      !endsBefore(termSpan(c, m).end, until) &&
      !isEmptyTerm(m)
  )

const noSuchTerm = (c: SteeringCommittee, personId: PersonId, post: Post, until: CalendarDate.CalendarDate) =>
  new NoSuchTerm({
    committeeId: c.id,
    committeeName: c.name,
    personId,
    ...optional("personName", c.memberships.find((m) => m.personId === personId)?.personName),
    post,
    until
  })

/**
 * Ends a person's term in a post on `until` (exclusive: the last day served is the day before).
 * Fails with {@link InvalidCommittee}: `NoSuchTerm` when the person holds no term in that post
 * that runs through the day before `until`, `NoHead` when the end would leave days without a head
 * that had one (replace a head with {@link handOver}).
 *
 * @category rules
 * @since 0.1.0
 */
export const endTerm = (
  committee: SteeringCommittee,
  personId: PersonId,
  post: Post,
  until: CalendarDate.CalendarDate
): Result.Result<SteeringCommittee, InvalidCommittee> => {
  const c = committee
  const index = runningTerm(c, personId, post, until)
  if (index < 0) return verdict(c, "endTerm", [noSuchTerm(c, personId, post, until)], () => c)
  const after = c.memberships.map((m, i) => (i === index ? retime(m, until) : m))
  return verdict(c, "endTerm", lostHeadDays(c, c.memberships, after), () => withMemberships(c, after))
}

const retime = (m: Membership, until: CalendarDate.CalendarDate): Membership =>
  new Membership({ ...m, until })

/**
 * Hands a post over: ends `outgoing`'s term in `successor.post` on `successor.from` and appoints
 * the successor, in one step, so the committee is never without its head. Fails with
 * {@link InvalidCommittee}: like {@link endTerm} when the outgoing person holds no such term, like
 * {@link appoint} when the successor's term does not fit, and with `NoHead` when the successor's
 * term ends before the outgoing one would have.
 *
 * @category rules
 * @since 0.1.0
 */
export const handOver = (
  committee: SteeringCommittee,
  outgoing: PersonId,
  successor: Membership
): Result.Result<SteeringCommittee, InvalidCommittee> => {
  const c = committee
  const index = runningTerm(c, outgoing, successor.post, successor.from)
  if (index < 0)
    return verdict(c, "handOver", [noSuchTerm(c, outgoing, successor.post, successor.from)], () => c)
  const shortened = c.memberships.map((m, i) => (i === index ? retime(m, successor.from) : m))
  const added = additionViolations(c, shortened, successor)
  const after = [...shortened, successor]
  return verdict(c, "handOver", added.length > 0 ? added : lostHeadDays(c, c.memberships, after), () =>
    withMemberships(c, after)
  )
}

/**
 * Dissolves the committee on `on` (its last active day is the day before): sets `activeUntil` and
 * ends on that day every term that ran past it (open terms end with the committee anyway). Fails
 * with {@link InvalidCommittee}: `InvalidDissolution` on or before the day the committee was set
 * up, or after the day it already ends, and a `TermOutsideCommittee` for each term that starts on
 * or after `on` (a planned appointment that the dissolution would erase: end or remove it first).
 *
 * @category rules
 * @since 0.1.0
 */
export const dissolve = (
  committee: SteeringCommittee,
  on: CalendarDate.CalendarDate
): Result.Result<SteeringCommittee, InvalidCommittee> => {
  const c = committee
  if (on <= c.activeFrom || endsBefore(c.activeUntil, on)) {
    const invalid = new InvalidDissolution({
      committeeId: c.id,
      committeeName: c.name,
      on,
      activeFrom: c.activeFrom,
      ...optional("activeUntil", c.activeUntil)
    })
    return verdict(c, "dissolve", [invalid], () => c)
  }
  const shorter = new SteeringCommittee({ ...c, activeUntil: on })
  const late = c.memberships.filter((m) => m.from >= on && !isEmptyTerm(m))
  return verdict(
    c,
    "dissolve",
    late.flatMap((m) => termViolations(shorter, m)),
    () =>
      withMemberships(
        shorter,
        c.memberships.map((m) => (m.until !== undefined && m.until > on && m.from < on ? retime(m, on) : m))
      )
  )
}
