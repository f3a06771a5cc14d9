/**
 * `UnitRepository` over the `units`, `unit_parent` and `successions` tables. Hierarchy queries run
 * in the database as recursive CTEs (`HierarchySql`), never one query per unit.
 *
 * @internal
 */
import {
  type CalendarDate,
  Contract,
  type Ids,
  Page,
  StoreError,
  Succession,
  Unit,
  type UnitQuery,
  type UnitRepository
} from "@danvan/core"
import { Effect, Option, Schema } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import { chunks, type Db, distinct, pageOf, read, write } from "../internal/Db.ts"
import * as DecodedRows from "../internal/DecodedRows.ts"
import { ancestryCte, firstCoveringLink, jurisdictionWalk, validOn } from "../internal/HierarchySql.ts"
import * as Rows from "../internal/Rows.ts"
import { diagnose, existingIds, foundOrNotFound, insertRows, updateWithChildren } from "./shared.ts"

/** A `unit_parent` row (joined to its unit's row), decoded into a `ParentLink`'s encoded form. */
const LinkRow = Rows.columns(
  {
    parentId: Schema.String,
    from: Schema.String,
    until: Rows.nullable(Schema.String)
  },
  { from: "valid_from", until: "valid_until" }
)

/**
 * A `units` row with its `unit_parent` rows (`links`, in order), decoded into a `Unit` (and a unit
 * encoded into them for writing).
 */
export const UnitRow = Rows.columns(
  {
    id: Schema.String,
    type: Schema.String,
    name: Schema.String,
    code: Rows.nullable(Schema.String),
    validFrom: Schema.String,
    validUntil: Rows.nullable(Schema.String),
    parents: Schema.Array(LinkRow),
    version: Rows.Integer
  },
  { parents: "links" }
).pipe(Schema.decodeTo(Unit.Unit))

/** A `successions` row, decoded into a `Succession`. */
export const SuccessionRow = Rows.columns({
  id: Schema.String,
  kind: Schema.String,
  effectiveDate: Schema.String,
  predecessorId: Schema.String,
  successorId: Schema.String,
  carriesHistory: Rows.Bool,
  version: Rows.Integer
}).pipe(Schema.decodeTo(Succession.Succession))

type RawUnit = Omit<typeof UnitRow.Encoded, "links">
type RawSuccession = typeof SuccessionRow.Encoded

const encodeUnit = Rows.encoder(UnitRow, "unit", Unit.Unit)
const decodeUnit = Rows.decoder(UnitRow, "units", (r) => Rows.keyText(r.id))
const encodeSuccession = Rows.encoder(SuccessionRow, "succession", Succession.Succession)
const decodeSuccession = Rows.decoder(SuccessionRow, "successions", (r) => Rows.keyText(r.id))

/**
 * Unit rows each repository remembers decoded (`DecodedRows`, docs/decisions/0040): the largest
 * province's jurisdiction at the full scale of the country (about 25,000 units) fits, so reading it
 * again decodes only the units that changed.
 */
export const unitCapacity = 32_768

const unitColumns = Rows.select(UnitRow, "u", ["links"])
/** A unit's columns but its id, which PostgreSQL's jurisdiction walk carries (`pgJurisdiction`). */
const carriedUnitColumns = Rows.columnNames(UnitRow, ["links", "id"])
const carriedFrom = (unit: string) => carriedUnitColumns.map((column) => `${unit}.${column}`).join(", ")
const successionColumns = Rows.select(SuccessionRow, "s")

/** A unit's row in `units`: its encoded columns, with the level its type implies (for queries). */
const unitRow = ({ links: _, ...columns }: typeof UnitRow.Encoded, unit: Unit.Unit) => ({
  ...columns,
  level: Unit.levelOf[unit.type]
})

/** A unit's rows in `unit_parent`, in order. */
const linkRows = (encoded: typeof UnitRow.Encoded) =>
  encoded.links.map((link, ordinal) => ({ unit_id: encoded.id, ordinal, ...link }))

/** Builds the repository. */
export const make = (db: Db): UnitRepository["Service"] => {
  const { sql } = db
  // Reads decode a unit's row (with its links) only when it is not the row last read for that unit.
  const decodeRead = DecodedRows.memoDecoder(decodeUnit, (r) => Rows.keyText(r.id), unitCapacity)

  /** Each unit's links (`l`), joined as the planner chooses. */
  const linksJoined = sql`LEFT JOIN unit_parent l ON l.unit_id = u.id`

  /**
   * Units with their parent links, in one statement: `base` selects unit rows (aliased `u`, in
   * `order`), optionally after CTEs in `prefix`; each unit's links are joined to it (`links`).
   */
  const selectUnits = (
    prefix: Statement.Fragment,
    base: Statement.Fragment,
    order: string,
    key?: (row: Record<string, unknown>) => unknown,
    links: Statement.Fragment = linksJoined
  ): Effect.Effect<ReadonlyArray<Unit.Unit>, StoreError.StoreCorrupt | SqlError> =>
    Effect.flatMap(
      sql<RawUnit>`${prefix}
        SELECT u.*, l.parent_id AS l_parent_id, l.valid_from AS l_valid_from, l.valid_until AS l_valid_until
        FROM (${base}) u ${links}
        ORDER BY ${sql.literal(order)}, l.ordinal`,
      (rows) =>
        Rows.decodeGrouped(rows, { prefix: "l_", present: "parent_id", field: "links", key }, decodeRead)
    )

  const none = sql``

  /**
   * A jurisdiction's page of units as `u` and the join of their links, on PostgreSQL
   * (docs/decisions/0063): the walk (`jurisdictionWalk`) carries each unit's columns from the row
   * it checks for validity, and the page is read from the walk itself. Reading the page's rows
   * again cost a second look-up of each unit by key or, under the custom plans PostgreSQL makes for
   * a prepared statement's first executions, a hash of every unit of the store (0051). The links
   * are looked up unit by unit (`LATERAL` with `OFFSET 0`, which the planner does not pull up into
   * a join), as the generic plan and the plans for a store at 100% of the country do anyway: the
   * custom plans for a small store hashed all of `unit_parent` for them, and the district's
   * statement took four times as long (0063).
   */
  const pgJurisdiction = (
    rootId: Ids.UnitId,
    asOf: CalendarDate.CalendarDate,
    after: Statement.Fragment,
    limit: number
  ) =>
    [
      sql`WITH RECURSIVE ${jurisdictionWalk(sql, rootId, asOf, carriedUnitColumns, carriedFrom)}`,
      sql`SELECT ${sql.literal(unitColumns)} FROM (
        SELECT * FROM jurisdiction j ${after} ORDER BY j.id LIMIT ${limit}
      ) u`,
      sql`LEFT JOIN LATERAL (SELECT * FROM unit_parent l WHERE l.unit_id = u.id OFFSET 0) l ON true`
    ] as const

  /**
   * A jurisdiction's page of units as `u` and the join of their links, on SQLite
   * (docs/decisions/0058): the walk (`jurisdictionWalk`) carries each unit's `rowid` from its
   * look-up in `units`, and the page reads the unit's row by it: one B-tree search where the key
   * took two (`units` has a text key, so its rows are found through `sqlite_autoindex_units_1`
   * first). Read in the statement that found it, so it is the same row. Carrying the unit's
   * columns instead, as on PostgreSQL, was slower on SQLite, whose walk's queue and sort then move
   * seven values per unit (0058).
   *
   * `CROSS JOIN` is SQLite's way to keep the order written: with the `LIMIT` a bound parameter and
   * `ANALYZE` statistics, it scanned every unit of the store and probed the page (0051).
   */
  const sqliteJurisdiction = (
    rootId: Ids.UnitId,
    asOf: CalendarDate.CalendarDate,
    after: Statement.Fragment,
    limit: number
  ) =>
    [
      sql`WITH RECURSIVE ${jurisdictionWalk(sql, rootId, asOf, ["rid"], (unit) => `${unit}.rowid`)}`,
      sql`SELECT ${sql.literal(unitColumns)} FROM (
        SELECT j.id, j.rid FROM jurisdiction j ${after} ORDER BY j.id LIMIT ${limit}
      ) p CROSS JOIN units u ON u.rowid = p.rid`,
      linksJoined
    ] as const

  const get = (id: Ids.UnitId) =>
    read(
      Effect.flatMap(
        selectUnits(none, sql`SELECT ${sql.literal(unitColumns)} FROM units u WHERE u.id = ${id}`, "u.id"),
        foundOrNotFound("unit", id)
      )
    )

  const getMany = (ids: ReadonlyArray<Ids.UnitId>) =>
    read(
      Effect.gen(function* () {
        const byId = new Map<string, Unit.Unit>()
        for (const chunk of chunks(distinct(ids), 1)) {
          const units = yield* selectUnits(
            none,
            sql`SELECT ${sql.literal(unitColumns)} FROM units u WHERE ${sql.in("u.id", chunk)}`,
            "u.id"
          )
          for (const unit of units) byId.set(unit.id, unit)
        }
        return ids.flatMap((id) => {
          const unit = byId.get(id)
          return unit === undefined ? [] : [unit]
        })
      })
    )

  const findByCode = (code: Unit.StatisticsCode, asOf: CalendarDate.CalendarDate) =>
    read(
      Effect.gen(function* () {
        const units = yield* selectUnits(
          none,
          sql`SELECT ${sql.literal(unitColumns)} FROM units u WHERE u.code = ${code} AND ${validOn(sql, "u", asOf)} ORDER BY u.id LIMIT 1`,
          "u.id"
        )
        return Option.fromNullishOr(units[0])
      })
    )

  const insert = (units: ReadonlyArray<Unit.Unit>) =>
    Effect.flatMap(encodeUnit.all(units), (encoded) =>
      write(
        db,
        "unit",
        Effect.gen(function* () {
          yield* insertRows(
            db,
            "units",
            encoded.map((u, i) => unitRow({ ...u, version: 1 }, units[i] as Unit.Unit)),
            8
          )
          yield* insertRows(db, "unit_parent", encoded.flatMap(linkRows), 5)
          return yield* Rows.written(units, encoded, 1, encodeUnit, decodeUnit)
        }),
        diagnose(db, [Contract.write("unit", units, true)])
      )
    )

  const update = (unit: Unit.Unit) =>
    Effect.flatMap(encodeUnit(unit), (encoded) =>
      write(
        db,
        "unit",
        Effect.gen(function* () {
          const { id: _, version: __, ...columns } = unitRow(encoded, unit)
          const version = yield* updateWithChildren(db, "units", "unit", unit.id, unit.version, columns, {
            table: "unit_parent",
            parentColumn: "unit_id",
            rows: linkRows(encoded),
            columns: 5
          })
          return yield* decodeUnit({ ...encoded, version })
        }),
        diagnose(db, [Contract.write("unit", [unit], false)])
      )
    )

  const list = (query: UnitQuery, page?: Page.PageRequest) =>
    read(
      Effect.gen(function* () {
        const limit = Page.limitOf(page)
        const after = page?.after === undefined ? undefined : yield* Cursor.decodeId(page.after)
        const where = [
          ...(query.asOf === undefined ? [] : [validOn(sql, "u", query.asOf)]),
          ...(query.levels === undefined ? [] : [sql.in("u.level", query.levels)]),
          ...(query.types === undefined ? [] : [sql.in("u.type", query.types)]),
          ...(query.parentId === undefined
            ? []
            : [
                query.asOf === undefined
                  ? sql`EXISTS (SELECT 1 FROM unit_parent l WHERE l.unit_id = u.id AND l.parent_id = ${query.parentId})`
                  : sql`EXISTS (SELECT 1 FROM unit_parent l JOIN units pu ON pu.id = l.parent_id WHERE l.unit_id = u.id AND l.parent_id = ${query.parentId} AND ${firstCoveringLink(sql, "l", query.asOf)} AND ${validOn(sql, "pu", query.asOf)})`
              ]),
          ...(after === undefined ? [] : [sql`u.id > ${after}`])
        ]
        const units = yield* selectUnits(
          none,
          sql`SELECT ${sql.literal(unitColumns)} FROM units u WHERE ${sql.and(where)} ORDER BY u.id LIMIT ${limit + 1}`,
          "u.id"
        )
        return pageOf(units, limit, (u) => [u.id])
      })
    )

  const ancestors = (id: Ids.UnitId, asOf: CalendarDate.CalendarDate) =>
    read(
      Effect.gen(function* () {
        const units = yield* selectUnits(
          sql`WITH RECURSIVE ${ancestryCte(sql, id, asOf)}`,
          sql`SELECT ${sql.literal(unitColumns)}, a.depth FROM ancestry a JOIN units u ON u.id = a.id WHERE a.depth > 0`,
          "u.depth",
          // One unit appears at several depths when malformed links form a cycle.
          (row) => row.depth
        )
        if (units.length === 0) {
          const exists = yield* existingIds(db, "units", [id])
          if (!exists.has(id)) return yield* Effect.fail(new StoreError.NotFound({ entity: "unit", id }))
          return []
        }
        // Stop at the first repeated unit, as `Hierarchy.ancestors` does on malformed data.
        const seen = new Set<string>([id])
        const chain: Array<Unit.Unit> = []
        for (const unit of units) {
          if (seen.has(unit.id)) break
          seen.add(unit.id)
          chain.push(unit)
        }
        return chain
      })
    )

  const jurisdiction = (rootId: Ids.UnitId, asOf: CalendarDate.CalendarDate, page?: Page.PageRequest) =>
    read(
      Effect.gen(function* () {
        const limit = Page.limitOf(page)
        const after = page?.after === undefined ? undefined : yield* Cursor.decodeId(page.after)
        const from = after === undefined ? none : sql`WHERE j.id > ${after}`
        const [walk, pageUnits, links] = (db.dialect === "sqlite" ? sqliteJurisdiction : pgJurisdiction)(
          rootId,
          asOf,
          from,
          limit + 1
        )
        const units = yield* selectUnits(walk, pageUnits, "u.id", undefined, links)
        if (units.length === 0) {
          const root =
            yield* sql`SELECT u.id FROM units u WHERE u.id = ${rootId} AND ${validOn(sql, "u", asOf)}`
          if (root.length === 0)
            return yield* Effect.fail(new StoreError.NotFound({ entity: "unit", id: rootId }))
        }
        return pageOf(units, limit, (u) => [u.id])
      })
    )

  const insertSuccessions = (successions: ReadonlyArray<Succession.Succession>) =>
    Effect.flatMap(encodeSuccession.all(successions), (encoded) =>
      write(
        db,
        "succession",
        Effect.gen(function* () {
          yield* insertRows(
            db,
            "successions",
            encoded.map((s) => ({ ...s, version: 1 })),
            7
          )
          return yield* Rows.written(successions, encoded, 1, encodeSuccession, decodeSuccession)
        }),
        diagnose(db, [Contract.write("succession", successions, true)])
      )
    )

  const successions = (query: Parameters<UnitRepository["Service"]["successions"]>[0]) =>
    read(
      Effect.gen(function* () {
        const where = [
          ...(query.predecessorId === undefined ? [] : [sql`predecessor_id = ${query.predecessorId}`]),
          ...(query.successorId === undefined ? [] : [sql`successor_id = ${query.successorId}`])
        ]
        const rows =
          yield* sql<RawSuccession>`SELECT ${sql.literal(successionColumns)} FROM successions s WHERE ${sql.and(where)} ORDER BY effective_date, id`
        return yield* decodeSuccession.all(rows)
      })
    )

  return {
    get,
    getMany,
    findByCode,
    insert,
    update,
    list,
    ancestors,
    jurisdiction,
    insertSuccessions,
    successions
  }
}
