/**
 * The audit trail of the use cases: every change and every approval appends an entry saying who,
 * acting for which unit and in which role, did what to which record, and when (accountability of
 * those who carry out grassroots democracy: Law 10/2022/QH15, Art. 9; the approving level answers
 * for what it approves). Entries are written in the same transaction as the change, so there is
 * never a change without its entry or an entry without its change.
 *
 * @since 0.1.0
 */
import { Effect, Schema, Stream } from "effect"
import type * as Actor from "../access/Actor.ts"
import { AuditEntry, SubjectKind } from "../audit/AuditEntry.ts"
import * as Ids from "../kernel/Ids.ts"
import { normalize } from "../kernel/Text.ts"
import { Timestamp } from "../kernel/Timestamp.ts"
import { AuditLog } from "../store/AuditLog.ts"
import * as Page from "../store/Page.ts"
import { begin, requireRead } from "./Access.ts"
import { cursorIsInput, decode } from "./Errors.ts"

/**
 * One change to record. `action` is dotted lower camel case (`report.approved`).
 *
 * @category models
 * @since 0.1.0
 */
export interface Change {
  readonly action: string
  readonly subjectKind: SubjectKind
  readonly subjectId: string
  readonly summary: string
}

/**
 * The entries for `changes` made by `actor` at `at`, each with a fresh id (`Ids.random("audit")`).
 *
 * @category use cases
 * @since 0.1.0
 */
export const entries = (
  actor: Actor.Actor,
  at: Timestamp,
  changes: ReadonlyArray<Change>
): ReadonlyArray<AuditEntry> =>
  changes.map(
    (c) =>
      new AuditEntry({
        id: Ids.AuditId.make(Ids.random("audit")),
        at,
        actor,
        action: c.action,
        subjectKind: c.subjectKind,
        subjectId: c.subjectId,
        summary: normalize(c.summary)
      })
  )

/**
 * Appends the entries for `changes` to the audit log. Call it inside the transaction of the
 * change.
 *
 * @category combinators
 * @since 0.1.0
 */
export const record = (actor: Actor.Actor, at: Timestamp, changes: ReadonlyArray<Change>) =>
  Effect.flatMap(AuditLog, (log) => log.append(entries(actor, at, changes)))

/**
 * Which entries to list; every filter given must hold. `actorUnitId` (by default the actor's own
 * unit) selects the entries of actors acting for that unit, which must be within the actor's
 * jurisdiction; `from` is inclusive, `to` exclusive, and `from` may not come after `to`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AuditQueryInput = Schema.Struct({
  subjectKind: Schema.optionalKey(SubjectKind),
  subjectId: Schema.optionalKey(Ids.IdString),
  actorUnitId: Schema.optionalKey(Ids.UnitId),
  from: Schema.optionalKey(Timestamp),
  to: Schema.optionalKey(Timestamp)
}).pipe(
  Schema.check(
    Schema.makeFilter((q: { readonly from?: string; readonly to?: string }) =>
      q.from !== undefined && q.to !== undefined && q.from > q.to
        ? `"from" (${q.from}) comes after "to" (${q.to})`
        : undefined
    )
  )
)
/**
 * @category models
 * @since 0.1.0
 */
export type AuditQueryInput = typeof AuditQueryInput.Encoded

const scoped = (useCase: string, actor: unknown, query: unknown) =>
  Effect.gen(function* () {
    const call = yield* begin(useCase, actor, "audit.read")
    const q = yield* decode(AuditQueryInput, useCase)(query)
    const unitId = q.actorUnitId ?? call.actor.unitId
    yield* requireRead(call, unitId, "read the audit trail of")
    return { ...q, actorUnitId: unitId }
  })

/**
 * One page of the audit trail: the entries of actors acting for `query.actorUnitId` (by default
 * the actor's own unit), which must be within the actor's jurisdiction today; ordered by time then
 * id. Needs `audit.read`. The query and the page request are decoded (`AuditQueryInput`,
 * `Page.PageRequest`): a bad value is an `InvalidInput`.
 *
 * @category use cases
 * @since 0.1.0
 */
export const auditTrail = (actor: Actor.ActorInput, query: AuditQueryInput = {}, page?: Page.PageRequest) =>
  Effect.gen(function* () {
    const q = yield* scoped("auditTrail", actor, query)
    const request = yield* decode(Page.PageRequest, "auditTrail")(page === undefined ? {} : page)
    const log = yield* AuditLog
    return yield* cursorIsInput("auditTrail")(log.list(q, request))
  })

/**
 * The whole audit trail matching the query, fetched page by page (see {@link auditTrail}).
 *
 * @category use cases
 * @since 0.1.0
 */
export const auditTrailStream = (actor: Actor.ActorInput, query: AuditQueryInput = {}) =>
  Stream.unwrap(
    Effect.map(scoped("auditTrailStream", actor, query), (q) =>
      Page.stream((page) => Effect.flatMap(AuditLog, (log) => log.list(q, page)))
    )
  )
