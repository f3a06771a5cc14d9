/**
 * `CommitteeRepository` over `committees` and `committee_memberships` (one row per term in a post,
 * so "who sat on which committee when" is a plain query).
 *
 * @internal
 */
import { type CommitteeRepository, type Ids, SteeringCommittee, type StoreError } from "@danvan/core"
import { Effect, Schema } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import { type Db, read } from "../internal/Db.ts"
import * as Rows from "../internal/Rows.ts"
import { type Children, foundOrNotFound, versionedWrites } from "./shared.ts"

/** A `committee_memberships` row (joined to its committee's row), decoded into a membership's encoded form. */
const MembershipRow = Rows.columns(
  {
    personId: Schema.String,
    personName: Schema.String,
    post: Schema.String,
    titles: Rows.Json,
    from: Schema.String,
    until: Rows.nullable(Schema.String)
  },
  { from: "valid_from", until: "valid_until" }
)

/** A `committees` row with its membership rows (`memberships`, in order), decoded into a committee. */
export const CommitteeRow = Rows.columns({
  id: Schema.String,
  unitId: Schema.String,
  name: Schema.String,
  programmes: Rows.Json,
  establishedBy: Rows.nullable(Schema.String),
  activeFrom: Schema.String,
  activeUntil: Rows.nullable(Schema.String),
  memberships: Schema.Array(MembershipRow),
  version: Rows.Integer
}).pipe(Schema.decodeTo(SteeringCommittee.SteeringCommittee))

type RawCommittee = typeof CommitteeRow.Encoded

const columns = Rows.select(CommitteeRow, "c", ["memberships"])

const encodeCommittee = Rows.encoder(CommitteeRow, "committee")
const decodeCommittee = Rows.decoder(CommitteeRow, "committees", (r) => Rows.keyText(r.id))

/** A committee's columns in `committees`, besides its key and version. */
const row = ({ id: _, version: __, memberships: ___, ...columns }: RawCommittee) => columns

const memberships = (e: RawCommittee): Children => ({
  table: "committee_memberships",
  parentColumn: "committee_id",
  rows: e.memberships.map((m, ordinal) => ({ committee_id: e.id, ordinal, ...m })),
  columns: 8
})

/** Builds the repository. */
export const make = (db: Db): CommitteeRepository["Service"] => {
  const { sql } = db

  /**
   * Committees with their memberships, in one statement: `base` selects committee rows (aliased
   * `c`, ordered by id); each row's memberships are joined to it.
   */
  const selectCommittees = (
    base: Statement.Fragment
  ): Effect.Effect<ReadonlyArray<SteeringCommittee.SteeringCommittee>, StoreError.StoreCorrupt | SqlError> =>
    Effect.flatMap(
      sql<Omit<RawCommittee, "memberships">>`
        SELECT c.*, m.person_id AS m_person_id, m.person_name AS m_person_name, m.post AS m_post,
          m.titles AS m_titles, m.valid_from AS m_valid_from, m.valid_until AS m_valid_until
        FROM (${base}) c LEFT JOIN committee_memberships m ON m.committee_id = c.id
        ORDER BY c.id, m.ordinal`,
      (rows) =>
        Rows.decodeGrouped(
          rows,
          { prefix: "m_", present: "person_id", field: "memberships" },
          decodeCommittee
        )
    )

  const get = (id: Ids.CommitteeId) =>
    read(
      Effect.flatMap(
        selectCommittees(sql`SELECT ${sql.literal(columns)} FROM committees c WHERE c.id = ${id}`),
        foundOrNotFound("committee", id)
      )
    )

  const { insert, update } = versionedWrites(db, {
    table: "committees",
    entity: "committee",
    encode: encodeCommittee,
    decode: decodeCommittee,
    columns: (_, encoded) => row(encoded),
    children: (_, encoded) => memberships(encoded)
  })

  const byUnit = (unitId: Ids.UnitId) =>
    read(selectCommittees(sql`SELECT ${sql.literal(columns)} FROM committees c WHERE c.unit_id = ${unitId}`))

  return { get, insert, update, byUnit }
}
