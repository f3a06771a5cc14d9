/**
 * `AuditLog` over `audit_entries`: append-only (the adapter issues no `UPDATE` or `DELETE` on it),
 * listed by time then id with a keyset cursor.
 *
 * @internal
 */
import { AuditEntry, type AuditLog, type AuditQuery, Contract, Page } from "@danvan/core"
import { Effect } from "effect"
import * as Cursor from "../internal/Cursor.ts"
import { type Db, decode, encode, optional, orNull, pageOf, read, write } from "../internal/Db.ts"
import { diagnose, insertRows } from "./shared.ts"

interface EntryRow {
  readonly id: string
  readonly at: unknown
  readonly actor_person_id: unknown
  readonly actor_name: unknown
  readonly actor_unit_id: unknown
  readonly actor_role: unknown
  readonly action: unknown
  readonly subject_kind: unknown
  readonly subject_id: unknown
  readonly summary: unknown
}

const encodeEntry = encode(AuditEntry.AuditEntry, "audit")
const decodeEntry = decode(AuditEntry.AuditEntry, "audit_entries")

/** Builds the service. */
export const make = (db: Db): AuditLog["Service"] => {
  const { sql } = db

  const append = (entries: ReadonlyArray<AuditEntry.AuditEntry>) =>
    Effect.flatMap(Effect.forEach(entries, encodeEntry), (encoded) => {
      const rows = encoded.map((e) => {
        return {
          id: e.id,
          at: e.at,
          actor_person_id: e.actor.personId,
          actor_name: e.actor.name,
          actor_unit_id: e.actor.unitId,
          actor_role: orNull(e.actor.role),
          action: e.action,
          subject_kind: e.subjectKind,
          subject_id: e.subjectId,
          summary: e.summary
        }
      })
      return write(
        db,
        "audit",
        insertRows(db, "audit_entries", rows, 10),
        diagnose(db, [Contract.write("audit", entries, true)])
      )
    })

  const list = (query: AuditQuery, page?: Page.PageRequest) =>
    read(
      Effect.gen(function* () {
        const limit = Page.limitOf(page)
        const after = page?.after === undefined ? undefined : yield* Cursor.decode(page.after, 2)
        const where = [
          ...(query.subjectKind === undefined ? [] : [sql`subject_kind = ${query.subjectKind}`]),
          ...(query.subjectId === undefined ? [] : [sql`subject_id = ${query.subjectId}`]),
          ...(query.actorUnitId === undefined ? [] : [sql`actor_unit_id = ${query.actorUnitId}`]),
          ...(query.from === undefined ? [] : [sql`at >= ${query.from}`]),
          ...(query.to === undefined ? [] : [sql`at < ${query.to}`]),
          ...(after === undefined ? [] : [sql`(at, id) > (${after[0]}, ${after[1]})`])
        ]
        const rows =
          yield* sql<EntryRow>`SELECT id, at, actor_person_id, actor_name, actor_unit_id, actor_role, action, subject_kind, subject_id, summary FROM audit_entries WHERE ${sql.and(where)} ORDER BY at, id LIMIT ${limit + 1}`
        const entries = yield* Effect.forEach(rows, (r) =>
          decodeEntry(r.id, {
            id: r.id,
            at: r.at,
            // No role on rows written before migration 2: entries made before roles were kept.
            actor: {
              personId: r.actor_person_id,
              name: r.actor_name,
              unitId: r.actor_unit_id,
              ...optional("role", r.actor_role)
            },
            action: r.action,
            subjectKind: r.subject_kind,
            subjectId: r.subject_id,
            summary: r.summary
          })
        )
        return pageOf(entries, limit, (e) => [e.at, e.id])
      })
    )

  return { append, list }
}
