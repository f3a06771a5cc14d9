/**
 * The hierarchy as of a date, in SQL: recursive common table expressions over the dated links of
 * `unit_parent`, with the same semantics as `Hierarchy` in core (a unit valid on the day, the first
 * of its links that covers the day, a parent valid on the day). Decision record 0003 measures this
 * against a closure table and a materialised path.
 *
 * @internal
 */
import type { CalendarDate, Ids } from "@danvan/core"
import type * as SqlClient from "effect/sql/SqlClient"
import type * as Statement from "effect/sql/Statement"
import { type Dialect, emptyKey } from "./Dialect.ts"

type Sql = SqlClient.SqlClient

/** `alias` (a unit or a link row) is valid on `date`: `valid_from <= date < valid_until`. */
export const validOn = (sql: Sql, alias: string, date: CalendarDate.CalendarDate): Statement.Fragment => {
  const a = sql.literal(alias)
  return sql`${a}.valid_from <= ${date} AND (${a}.valid_until IS NULL OR ${a}.valid_until > ${date})`
}

/**
 * `link` (an alias of `unit_parent`) is the link its unit reads on `date`: it covers the day and no
 * earlier link of the same unit does (as `Unit.parentOn`, which takes the first covering link).
 */
export const firstCoveringLink = (
  sql: Sql,
  link: string,
  date: CalendarDate.CalendarDate
): Statement.Fragment => sql`${validOn(sql, link, date)} AND ${noEarlierCoveringLink(sql, link, date)}`

/** No link of `link`'s unit with a lower ordinal covers `date` (the second half of {@link firstCoveringLink}). */
export const noEarlierCoveringLink = (
  sql: Sql,
  link: string,
  date: CalendarDate.CalendarDate
): Statement.Fragment => {
  const l = sql.literal(link)
  return sql`NOT EXISTS (
    SELECT 1 FROM unit_parent earlier
    WHERE earlier.unit_id = ${l}.unit_id AND earlier.ordinal < ${l}.ordinal AND ${validOn(sql, "earlier", date)}
  )`
}

/**
 * A CTE `jurisdiction(id)`: the root (when valid on the date) and every unit below it, descending
 * through children valid on the date along the links they read that day. `UNION` (not `UNION ALL`)
 * drops repeats, so a cycle in malformed data still ends.
 */
export const jurisdictionCte = (
  sql: Sql,
  rootId: Ids.UnitId,
  asOf: CalendarDate.CalendarDate
): Statement.Fragment =>
  sql`jurisdiction(id) AS (
    SELECT r.id FROM units r WHERE r.id = ${rootId} AND ${validOn(sql, "r", asOf)}
    UNION
    SELECT l.unit_id FROM jurisdiction j
    JOIN unit_parent l ON l.parent_id = j.id
    JOIN units c ON c.id = l.unit_id
    WHERE ${firstCoveringLink(sql, "l", asOf)} AND ${validOn(sql, "c", asOf)}
  )`

/**
 * A CTE `jurisdiction(id, …carried)` for reading a jurisdiction's units (`UnitRepository.jurisdiction`):
 * the units of {@link jurisdictionCte}, each with `carried`, values of its own `units` row named by
 * `columns` (each engine carries what its page reads fastest: docs/decisions/0058, 0063). It
 * differs from {@link jurisdictionCte} where that one does work the answer does not need:
 *
 * - `UNION ALL` with the root left out of the recursive step, not `UNION`: a unit descends along
 *   its first covering link only, so it has one parent that day and the walk reaches it at most
 *   once, unless the root lies on a cycle of malformed links, and then only by coming back to the
 *   root. `UNION` kept every id (a temporary index on SQLite, a hash table on PostgreSQL) to drop
 *   repeats that cannot otherwise occur.
 * - a link of ordinal 0 is first without looking for an earlier one (ordinals are ≥ 0, a check of
 *   `unit_parent`): SQLite ran the correlated `NOT EXISTS` for every child, PostgreSQL an anti-join
 *   probe of `unit_parent` for every child.
 *
 * The carried values are read in the statement that walks, so they are the row the walk found valid.
 */
export const jurisdictionWalk = (
  sql: Sql,
  rootId: Ids.UnitId,
  asOf: CalendarDate.CalendarDate,
  columns: ReadonlyArray<string>,
  carried: (unit: string) => string
): Statement.Fragment =>
  sql`jurisdiction(${sql.literal(["id", ...columns].join(", "))}) AS (
    SELECT r.id, ${sql.literal(carried("r"))} FROM units r WHERE r.id = ${rootId} AND ${validOn(sql, "r", asOf)}
    UNION ALL
    SELECT l.unit_id, ${sql.literal(carried("c"))} FROM jurisdiction j
    JOIN unit_parent l ON l.parent_id = j.id
    JOIN units c ON c.id = l.unit_id
    WHERE l.unit_id <> ${rootId} AND ${validOn(sql, "l", asOf)}
      AND (l.ordinal = 0 OR ${noEarlierCoveringLink(sql, "l", asOf)}) AND ${validOn(sql, "c", asOf)}
  )`

/**
 * A CTE `ancestry(id, depth)`: the unit (depth 0, when valid on the date) and its chain of parents
 * valid on the date. Depth is capped so malformed data with a cycle still ends; callers stop at the
 * first repeated unit, as `Hierarchy.ancestors` does.
 */
export const ancestryCte = (sql: Sql, id: Ids.UnitId, asOf: CalendarDate.CalendarDate): Statement.Fragment =>
  sql`ancestry(id, depth) AS (
    SELECT u.id, 0 FROM units u WHERE u.id = ${id} AND ${validOn(sql, "u", asOf)}
    UNION ALL
    SELECT p.id, a.depth + 1 FROM ancestry a
    JOIN unit_parent l ON l.unit_id = a.id
    JOIN units p ON p.id = l.parent_id
    WHERE a.depth < 64 AND ${firstCoveringLink(sql, "l", asOf)} AND ${validOn(sql, "p", asOf)}
  )`

const carrying = (sql: Sql, asOf: CalendarDate.CalendarDate): Statement.Fragment =>
  sql`x.carries_history = ${true} AND x.effective_date <= ${asOf}`

/**
 * Two CTEs: `carrier(unit_id, carrier_id, since)`, for each unit of `startUnits` (a SQL query
 * returning one column `unit_id`) that has a history-carrying succession in effect by `asOf`, the
 * walk along such successions, each step taking the earliest link after the previous step's date
 * (ties by id), as `Succession.historyCarrier`; and `carried(unit_id, carrier_id)`, the last step
 * of each walk (the step with no next link): the unit that carries its history. A unit with no
 * such succession carries its own history and is left out. Each step moves to a strictly later
 * date, so the walk ends even on malformed data.
 */
export const carrierCtes = (
  sql: Sql,
  dialect: Dialect,
  startUnits: Statement.Fragment,
  asOf: CalendarDate.CalendarDate
): Statement.Fragment =>
  sql`carrier(unit_id, carrier_id, since) AS (
    SELECT s.unit_id, s.unit_id, ${sql.literal(emptyKey(dialect))} FROM (${startUnits}) s
    WHERE EXISTS (SELECT 1 FROM successions x WHERE x.predecessor_id = s.unit_id AND ${carrying(sql, asOf)})
    UNION ALL
    SELECT c.unit_id, n.successor_id, n.effective_date FROM carrier c
    JOIN successions n ON n.id = (
      SELECT x.id FROM successions x
      WHERE x.predecessor_id = c.carrier_id AND ${carrying(sql, asOf)} AND x.effective_date > c.since
      ORDER BY x.effective_date, x.id
      LIMIT 1
    )
  ),
  carried(unit_id, carrier_id) AS (
    SELECT c.unit_id, c.carrier_id FROM carrier c
    WHERE NOT EXISTS (
      SELECT 1 FROM successions x
      WHERE x.predecessor_id = c.carrier_id AND ${carrying(sql, asOf)} AND x.effective_date > c.since
    )
  )`
