/**
 * `CommitteeRepository` over `committees` and `committee_memberships` (one row per term in a post,
 * so "who sat on which committee when" is a plain query).
 *
 * @internal
 */
import { type CommitteeRepository, type Ids, SteeringCommittee, type StoreError } from "@danvan/core"
import { Effect } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import { type Db, decode, encode, nest, optional, orNull, parseJson, read } from "../internal/Db.ts"
import * as Dialect from "../internal/Dialect.ts"
import { type Children, foundOrNotFound, versionedWrites } from "./shared.ts"

interface CommitteeRow {
  readonly id: string
  readonly unit_id: unknown
  readonly name: unknown
  readonly programmes: unknown
  readonly established_by: unknown
  readonly active_from: unknown
  readonly active_until: unknown
  readonly version: unknown
}

/** The columns of the membership joined to a committee row (all null for one without members). */
interface MembershipColumns {
  readonly m_person_id: unknown
  readonly m_person_name: unknown
  readonly m_post: unknown
  readonly m_titles: unknown
  readonly m_from: unknown
  readonly m_until: unknown
}

const columns =
  "c.id, c.unit_id, c.name, c.programmes, c.established_by, c.active_from, c.active_until, c.version"

const encodeCommittee = encode(SteeringCommittee.SteeringCommittee, "committee")
const decodeCommittee = decode(SteeringCommittee.SteeringCommittee, "committees")

const row = (e: typeof SteeringCommittee.SteeringCommittee.Encoded) => ({
  unit_id: e.unitId,
  name: e.name,
  programmes: JSON.stringify(e.programmes),
  established_by: orNull(e.establishedBy),
  active_from: e.activeFrom,
  active_until: orNull(e.activeUntil)
})

const memberships = (e: typeof SteeringCommittee.SteeringCommittee.Encoded): Children => ({
  table: "committee_memberships",
  parentColumn: "committee_id",
  rows: e.memberships.map((m, ordinal) => ({
    committee_id: e.id,
    ordinal,
    person_id: m.personId,
    person_name: m.personName,
    post: m.post,
    titles: JSON.stringify(m.titles),
    valid_from: m.from,
    valid_until: orNull(m.until)
  })),
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
      sql<CommitteeRow & MembershipColumns>`
        SELECT c.*, m.person_id AS m_person_id, m.person_name AS m_person_name, m.post AS m_post,
          m.titles AS m_titles, m.valid_from AS m_from, m.valid_until AS m_until
        FROM (${base}) c LEFT JOIN committee_memberships m ON m.committee_id = c.id
        ORDER BY c.id, m.ordinal`,
      (rows) =>
        Effect.forEach(
          nest(
            rows,
            (r) => r.id,
            (m) =>
              m.m_person_id === null
                ? undefined
                : {
                    personId: m.m_person_id,
                    personName: m.m_person_name,
                    post: m.m_post,
                    titles: parseJson(m.m_titles),
                    from: m.m_from,
                    ...optional("until", m.m_until)
                  }
          ),
          ({ row: r, children }) =>
            decodeCommittee(r.id, {
              id: r.id,
              unitId: r.unit_id,
              name: r.name,
              programmes: parseJson(r.programmes),
              ...optional("establishedBy", r.established_by),
              activeFrom: r.active_from,
              ...optional("activeUntil", r.active_until),
              memberships: children,
              version: Dialect.toNumber(r.version)
            })
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
