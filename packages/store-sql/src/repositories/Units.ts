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
import { Effect, Option } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import {
  chunks,
  type Db,
  decode,
  distinct,
  encode,
  nest,
  optional,
  orNull,
  pageOf,
  read,
  write
} from "../internal/Db.ts"
import * as Dialect from "../internal/Dialect.ts"
import { ancestryCte, firstCoveringLink, jurisdictionCte, validOn } from "../internal/HierarchySql.ts"
import { diagnose, existingIds, foundOrNotFound, insertRows, updateWithChildren } from "./shared.ts"

interface UnitRow {
  readonly id: string
  readonly type: unknown
  readonly name: unknown
  readonly code: unknown
  readonly valid_from: unknown
  readonly valid_until: unknown
  readonly version: unknown
}

/** The columns of the parent link joined to a unit row (all null for a unit without links). */
interface LinkColumns {
  readonly link_parent_id: unknown
  readonly link_from: unknown
  readonly link_until: unknown
}

interface SuccessionRow {
  readonly id: string
  readonly kind: unknown
  readonly effective_date: unknown
  readonly predecessor_id: unknown
  readonly successor_id: unknown
  readonly carries_history: unknown
  readonly version: unknown
}

const encodeUnit = encode(Unit.Unit, "unit")
const decodeUnit = decode(Unit.Unit, "units")
const encodeSuccession = encode(Succession.Succession, "succession")
const decodeSuccession = decode(Succession.Succession, "successions")

const unitColumns = "u.id, u.type, u.name, u.code, u.valid_from, u.valid_until, u.version"

const unitRow = (u: typeof Unit.Unit.Encoded, version: number) => ({
  id: u.id,
  type: u.type,
  level: Unit.levelOf[u.type],
  name: u.name,
  code: orNull(u.code),
  valid_from: u.validFrom,
  valid_until: orNull(u.validUntil),
  version
})

const linkRows = (u: typeof Unit.Unit.Encoded) =>
  u.parents.map((link, ordinal) => ({
    unit_id: u.id,
    ordinal,
    parent_id: link.parentId,
    valid_from: link.from,
    valid_until: orNull(link.until)
  }))

const successionRow = (s: typeof Succession.Succession.Encoded) => ({
  id: s.id,
  kind: s.kind,
  effective_date: s.effectiveDate,
  predecessor_id: s.predecessorId,
  successor_id: s.successorId,
  carries_history: s.carriesHistory,
  version: 1
})

const decodeSuccessionRow = (row: SuccessionRow) =>
  decodeSuccession(row.id, {
    id: row.id,
    kind: row.kind,
    effectiveDate: row.effective_date,
    predecessorId: row.predecessor_id,
    successorId: row.successor_id,
    carriesHistory: Dialect.toBoolean(row.carries_history),
    version: Dialect.toNumber(row.version)
  })

/** Builds the repository. */
export const make = (db: Db): UnitRepository["Service"] => {
  const { sql } = db

  /**
   * Units with their parent links, in one statement: `base` selects unit rows (aliased `u`, in
   * `order`), optionally after CTEs in `prefix`; each unit's links are joined to it.
   */
  const selectUnits = (
    prefix: Statement.Fragment,
    base: Statement.Fragment,
    order: string,
    key: (row: UnitRow & LinkColumns) => unknown = (row) => row.id
  ): Effect.Effect<ReadonlyArray<Unit.Unit>, StoreError.StoreCorrupt | SqlError> =>
    Effect.flatMap(
      sql<UnitRow & LinkColumns>`${prefix}
        SELECT u.*, l.parent_id AS link_parent_id, l.valid_from AS link_from, l.valid_until AS link_until
        FROM (${base}) u LEFT JOIN unit_parent l ON l.unit_id = u.id
        ORDER BY ${sql.literal(order)}, l.ordinal`,
      (rows) =>
        Effect.forEach(
          nest(rows, key, (r) =>
            r.link_parent_id === null
              ? undefined
              : { parentId: r.link_parent_id, from: r.link_from, ...optional("until", r.link_until) }
          ),
          ({ row, children }) =>
            decodeUnit(row.id, {
              id: row.id,
              type: row.type,
              name: row.name,
              ...optional("code", row.code),
              validFrom: row.valid_from,
              ...optional("validUntil", row.valid_until),
              parents: children,
              version: Dialect.toNumber(row.version)
            })
        )
    )

  const none = sql``

  const atVersion = (encoded: typeof Unit.Unit.Encoded, version: number) =>
    decodeUnit(encoded.id, { ...encoded, version })

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
    Effect.flatMap(Effect.forEach(units, encodeUnit), (encoded) =>
      write(
        db,
        "unit",
        Effect.gen(function* () {
          yield* insertRows(
            db,
            "units",
            encoded.map((u) => unitRow(u, 1)),
            8
          )
          yield* insertRows(db, "unit_parent", encoded.flatMap(linkRows), 5)
          return yield* Effect.forEach(encoded, (u) => atVersion(u, 1))
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
          const { id: _, version: __, ...columns } = unitRow(encoded, unit.version)
          const version = yield* updateWithChildren(db, "units", "unit", unit.id, unit.version, columns, {
            table: "unit_parent",
            parentColumn: "unit_id",
            rows: linkRows(encoded),
            columns: 5
          })
          return yield* atVersion(encoded, version)
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
          (row) => (row as { readonly depth?: unknown }).depth
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
        const units = yield* selectUnits(
          sql`WITH RECURSIVE ${jurisdictionCte(sql, rootId, asOf)}`,
          sql`SELECT ${sql.literal(unitColumns)} FROM jurisdiction j JOIN units u ON u.id = j.id
            ${after === undefined ? none : sql`WHERE u.id > ${after}`}
            ORDER BY u.id LIMIT ${limit + 1}`,
          "u.id"
        )
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
    Effect.flatMap(Effect.forEach(successions, encodeSuccession), (encoded) =>
      write(
        db,
        "succession",
        Effect.gen(function* () {
          yield* insertRows(db, "successions", encoded.map(successionRow), 7)
          return yield* Effect.forEach(encoded, (s) => decodeSuccession(s.id, { ...s, version: 1 }))
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
          yield* sql<SuccessionRow>`SELECT id, kind, effective_date, predecessor_id, successor_id, carries_history, version FROM successions WHERE ${sql.and(where)} ORDER BY effective_date, id`
        return yield* Effect.forEach(rows, decodeSuccessionRow)
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
