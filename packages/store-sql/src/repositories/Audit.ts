/**
 * `AuditLog` over `audit_entries`: append-only (the adapter issues no `UPDATE` or `DELETE` on it),
 * listed by time then id with a keyset cursor.
 *
 * @internal
 */
import { AuditEntry, type AuditLog, type AuditQuery, Contract, Page } from "@danvan/core"
import { Effect, Schema, SchemaGetter } from "effect"
import * as Cursor from "../internal/Cursor.ts"
import { type Db, pageOf, read, write } from "../internal/Db.ts"
import * as Rows from "../internal/Rows.ts"
import { diagnose, insertRows } from "./shared.ts"

const EntryColumns = Schema.Struct({
  id: Schema.String,
  at: Schema.String,
  actor_person_id: Schema.String,
  actor_name: Schema.String,
  actor_unit_id: Schema.String,
  // No role on rows written before migration 2: entries made before roles were kept.
  actor_role: Rows.nullable(Schema.String),
  action: Schema.String,
  subject_kind: Schema.String,
  subject_id: Schema.String,
  summary: Schema.String
})

type Columns = typeof EntryColumns.Type
type Encoded = typeof AuditEntry.AuditEntry.Encoded

/** An `audit_entries` row (the actor is flat columns) decoded into an `AuditEntry`, and back. */
export const EntryRow = EntryColumns.pipe(
  Schema.decodeTo(AuditEntry.AuditEntry, {
    decode: SchemaGetter.transform(
      ({
        actor_person_id,
        actor_name,
        actor_unit_id,
        actor_role,
        subject_kind,
        subject_id,
        ...rest
      }: Columns) =>
        ({
          ...rest,
          actor: {
            personId: actor_person_id,
            name: actor_name,
            unitId: actor_unit_id,
            ...(actor_role === undefined ? {} : { role: actor_role })
          },
          subjectKind: subject_kind,
          subjectId: subject_id
        }) as unknown as Encoded
    ),
    encode: SchemaGetter.transform(
      ({ actor, subjectKind, subjectId, ...rest }: Encoded): Columns => ({
        ...rest,
        actor_person_id: actor.personId,
        actor_name: actor.name,
        actor_unit_id: actor.unitId,
        ...(actor.role === undefined ? {} : { actor_role: actor.role }),
        subject_kind: subjectKind,
        subject_id: subjectId
      })
    )
  })
)

const columns = Rows.select(EntryRow, "a")
const encodeEntry = Rows.encoder(EntryRow, "audit")
const decodeEntry = Rows.decoder(EntryRow, "audit_entries", (r) => Rows.keyText(r.id))

/** Builds the service. */
export const make = (db: Db): AuditLog["Service"] => {
  const { sql } = db

  const append = (entries: ReadonlyArray<AuditEntry.AuditEntry>) =>
    Effect.flatMap(Effect.forEach(entries, encodeEntry), (encoded) => {
      return write(
        db,
        "audit",
        insertRows(db, "audit_entries", encoded, 10),
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
        const rows = yield* sql<
          typeof EntryRow.Encoded
        >`SELECT ${sql.literal(columns)} FROM audit_entries a WHERE ${sql.and(where)} ORDER BY at, id LIMIT ${limit + 1}`
        const entries = yield* Effect.forEach(rows, decodeEntry)
        return pageOf(entries, limit, (e) => [e.at, e.id])
      })
    )

  return { append, list }
}
