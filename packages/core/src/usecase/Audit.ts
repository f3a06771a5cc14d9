/**
 * The audit trail of the use cases: every change and every approval appends an entry saying who,
 * acting for which unit, did what to which record, and when (accountability of those who carry
 * out grassroots democracy: Law 10/2022/QH15, Art. 9; the approving level answers for what it
 * approves). Entries are written in the same transaction as the change, so there is never a
 * change without its entry or an entry without its change.
 *
 * @since 0.1.0
 */
import { Effect, Stream } from "effect"
import type { Actor } from "../access/Actor.ts"
import { AuditEntry, type SubjectKind } from "../audit/AuditEntry.ts"
import * as Ids from "../kernel/Ids.ts"
import { normalize } from "../kernel/Text.ts"
import type { Timestamp } from "../kernel/Timestamp.ts"
import { AuditLog, type AuditQuery } from "../store/AuditLog.ts"
import * as Page from "../store/Page.ts"
import { requireRead, today } from "./Access.ts"

/** One change to record. `action` is dotted lower camel case (`report.approved`). @since 0.1.0 */
export interface Change {
  readonly action: string
  readonly subjectKind: SubjectKind
  readonly subjectId: string
  readonly summary: string
}

/**
 * The entries for `changes` made by `actor` at `at`, each with a fresh id (`Ids.random("audit")`).
 *
 * @since 0.1.0
 */
export const entries = (
  actor: Actor,
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
 * @since 0.1.0
 */
export const record = (actor: Actor, at: Timestamp, changes: ReadonlyArray<Change>) =>
  Effect.flatMap(AuditLog, (log) => log.append(entries(actor, at, changes)))

const scoped = (actor: Actor, query: AuditQuery) =>
  Effect.gen(function* () {
    const unitId = query.actorUnitId ?? actor.unitId
    const { on } = yield* today
    yield* requireRead(actor, unitId, on, "read the audit trail of")
    return { ...query, actorUnitId: unitId }
  })

/**
 * One page of the audit trail: the entries of actors acting for `query.actorUnitId` (by default
 * the actor's own unit), which must be within the actor's jurisdiction today; ordered by time then
 * id.
 *
 * @since 0.1.0
 */
export const auditTrail = (actor: Actor, query: AuditQuery = {}, page?: Page.PageRequest) =>
  Effect.gen(function* () {
    const q = yield* scoped(actor, query)
    const log = yield* AuditLog
    return yield* log.list(q, page)
  })

/**
 * The whole audit trail matching the query, fetched page by page (see {@link auditTrail}).
 *
 * @since 0.1.0
 */
export const auditTrailStream = (actor: Actor, query: AuditQuery = {}) =>
  Stream.unwrap(
    Effect.map(scoped(actor, query), (q) =>
      Page.stream((page) => Effect.flatMap(AuditLog, (log) => log.list(q, page)))
    )
  )
