/**
 * `DirectiveRepository` over `directives` and `directive_replaces`. The document number is kept in
 * columns, with two derived keys: `numbering_key` (`Directive.numberingKey`, unique: one
 * directive per number in its numbering scope, issuing unit and year or Party term) and
 * `number_key` (`Directive.numberMatchKey`, for `findByNumber`). The issuer is `issuer_kind`
 * (`Central` or `Unit`), `issuer_unit_id` and `issuer_body` (migration 3). A directive's tasks are JSON: no port query
 * looks into them.
 *
 * @internal
 */
import {
  type CalendarDate,
  Contract,
  Directive,
  type DirectiveQuery,
  type DirectiveRepository,
  type DocumentNumber,
  type Ids,
  Page,
  type Programme,
  type StoreError
} from "@danvan/core"
import { Effect, Schema, SchemaGetter } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import { type Db, pageOf, read, write } from "../internal/Db.ts"
import * as DecodedRows from "../internal/DecodedRows.ts"
import { ancestryCte } from "../internal/HierarchySql.ts"
import * as Rows from "../internal/Rows.ts"
import { type Children, diagnose, foundOrNotFound, insertRows, versionedWrites } from "./shared.ts"

/**
 * A `directives` row with its `directive_replaces` rows (`replaces`, in order): the document number
 * and the issuer, tagged unions in the domain, are flat columns.
 */
const DirectiveColumns = Schema.Struct({
  id: Schema.String,
  number_kind: Schema.String,
  number_value: Rows.Integer,
  number_year: Rows.nullable(Rows.Integer),
  number_type_code: Rows.nullable(Schema.String),
  number_issuer: Schema.String,
  title: Schema.String,
  issuer_name: Rows.nullable(Schema.String),
  issuer_kind: Schema.String,
  issuer_unit_id: Rows.nullable(Schema.String),
  issuer_body: Schema.String,
  programme: Schema.String,
  issued_on: Schema.String,
  effective_from: Schema.String,
  effective_until: Rows.nullable(Schema.String),
  replaces: Schema.Array(Rows.one("replaced_id")),
  tasks: Rows.Json,
  version: Rows.Integer
})

type Columns = typeof DirectiveColumns.Type
type Encoded = typeof Directive.Directive.Encoded

/** Only the keys whose value is present (an absent optional key, or a `NULL` column). */
const present = <O extends Record<string, unknown>>(o: O): O => {
  const out: Record<string, unknown> = {}
  for (const key in o) if (o[key] !== undefined) out[key] = o[key]
  return out as O
}

/** A directive's row decoded into a `Directive` (and a directive encoded into its row). */
export const DirectiveRow = DirectiveColumns.pipe(
  Schema.decodeTo(Directive.Directive, {
    decode: SchemaGetter.transform(
      (r: Columns) =>
        present({
          id: r.id,
          number: present({
            _tag: r.number_kind,
            number: r.number_value,
            year: r.number_year,
            typeCode: r.number_type_code,
            issuer: r.number_issuer
          }),
          title: r.title,
          issuerName: r.issuer_name,
          issuedBy: present({ _tag: r.issuer_kind, unitId: r.issuer_unit_id, body: r.issuer_body }),
          programme: r.programme,
          issuedOn: r.issued_on,
          effectiveFrom: r.effective_from,
          effectiveUntil: r.effective_until,
          replaces: r.replaces,
          tasks: r.tasks,
          version: r.version
        }) as unknown as Encoded
    ),
    encode: SchemaGetter.transform(
      (e: Encoded): Columns =>
        present({
          id: e.id,
          number_kind: e.number._tag,
          number_value: e.number.number,
          number_year: e.number._tag === "State" ? e.number.year : undefined,
          number_type_code: e.number.typeCode,
          number_issuer: e.number.issuer,
          title: e.title,
          issuer_name: e.issuerName,
          issuer_kind: e.issuedBy._tag,
          issuer_unit_id: e.issuedBy._tag === "Unit" ? e.issuedBy.unitId : undefined,
          issuer_body: e.issuedBy.body,
          programme: e.programme,
          issued_on: e.issuedOn,
          effective_from: e.effectiveFrom,
          effective_until: e.effectiveUntil,
          replaces: e.replaces,
          tasks: e.tasks,
          version: e.version
        }) as Columns
    )
  })
)

type RawDirective = typeof DirectiveRow.Encoded

/**
 * The columns every read selects: the row's, and its change stamp (migration 5), so that a row read
 * by any query is remembered by `DecodedRows` as the same raw row `inForce` reads.
 */
const columns = `${Rows.select(DirectiveRow, "d", ["replaces"])}, d.change_stamp`

const encodeDirective = Rows.encoder(DirectiveRow, "directive", Directive.Directive)
const decodeDirective = Rows.decoder(DirectiveRow, "directives", (r) => Rows.keyText(r.id))

/**
 * Directive rows each repository remembers decoded (`DecodedRows`, docs/decisions/0040): every
 * directive a province's app lists or finds in force, many times over.
 */
export const directiveCapacity = 4_096

/** A directive's columns in `directives` besides its key and version, with its two number keys. */
const row = (d: Directive.Directive, { id: _, version: __, replaces: ___, ...columns }: RawDirective) => ({
  ...columns,
  number_key: Directive.numberMatchKey(d),
  numbering_key: Directive.numberingKey(d)
})

/**
 * Every column `row` may give, in one order: a multi-row `INSERT` takes its columns from the first
 * row, and `row` leaves out the columns whose value is absent (stored as `NULL`).
 */
const rowColumns = [
  ...Object.keys(DirectiveColumns.fields).filter((k) => k !== "id" && k !== "version" && k !== "replaces"),
  "number_key",
  "numbering_key"
]

/** A directive's full `directives` row at version 1, every column present (absent ones `NULL`). */
const fullRow = (d: Directive.Directive, e: RawDirective): Record<string, unknown> => {
  const partial = row(d, e) as Record<string, unknown>
  const out: Record<string, unknown> = { id: e.id }
  for (const column of rowColumns) out[column] = partial[column] ?? null
  out.version = 1
  return out
}

const replaces = (e: RawDirective): Children => ({
  table: "directive_replaces",
  parentColumn: "directive_id",
  rows: e.replaces.map((replaced, ordinal) => ({ directive_id: e.id, ordinal, ...replaced })),
  columns: 3
})

/** A directive as read whole, with the change stamp its row had then (migration 5). */
interface StampedDirective {
  readonly stamp: unknown
  readonly directive: Directive.Directive
}

/**
 * Past this many directives not remembered, the whole rows are read with the filter itself rather
 * than by their ids: a first read, or one after many changes, costs what it did before the stamps.
 */
const missingLimit = 256

/** Builds the repository. */
export const make = (db: Db): DirectiveRepository["Service"] => {
  const { sql } = db
  // Reads decode a directive's row only when it is not the row last read for that directive.
  const decodeRead = DecodedRows.memoDecoder(decodeDirective, (r) => Rows.keyText(r.id), directiveCapacity)
  // The directives last read whole with their change stamps (`selectStamped`), oldest first.
  const byStamp = new Map<string, StampedDirective>()
  const remember = (id: string, entry: StampedDirective) => {
    byStamp.delete(id)
    byStamp.set(id, entry)
    if (byStamp.size > directiveCapacity) byStamp.delete(byStamp.keys().next().value as string)
  }

  /**
   * Directives with the ids they replace, in one statement: `base` selects directive rows
   * (aliased `d`, in `order`); each row's replaced ids are joined to it.
   */
  const selectDirectives = (
    base: Statement.Fragment,
    order: string
  ): Effect.Effect<ReadonlyArray<Directive.Directive>, StoreError.StoreCorrupt | SqlError> =>
    Effect.flatMap(
      sql<Omit<RawDirective, "replaces">>`
        SELECT d.*, r.replaced_id AS r_replaced_id FROM (${base}) d
        LEFT JOIN directive_replaces r ON r.directive_id = d.id
        ORDER BY ${sql.literal(order)}, r.ordinal`,
      (rows) =>
        Rows.decodeGrouped(rows, { prefix: "r_", present: "replaced_id", field: "replaces" }, decodeRead)
    )

  const get = (id: Ids.DirectiveId) =>
    read(
      Effect.flatMap(
        selectDirectives(sql`SELECT ${sql.literal(columns)} FROM directives d WHERE d.id = ${id}`, "d.id"),
        foundOrNotFound("directive", id)
      )
    )

  const { insert, update } = versionedWrites(db, {
    table: "directives",
    entity: "directive",
    encode: encodeDirective,
    decode: decodeDirective,
    columns: row,
    children: (_, encoded) => replaces(encoded)
  })

  const insertMany = (directives: ReadonlyArray<Directive.Directive>) =>
    Effect.gen(function* () {
      const encoded = yield* encodeDirective.all(directives)
      if (directives.length === 0) return []
      return yield* write(
        db,
        "directive",
        Effect.gen(function* () {
          // Multi-row statements under the engines' bound-parameter limits: every directive row,
          // then every `replaces` row, so a directive may replace one later in the batch (one
          // write, as `Contract.check` reads it). The keys, the foreign keys and the unique
          // numbering key refuse a bad batch; `diagnose` names the contract's rule.
          const rows = directives.map((d, i) => fullRow(d, encoded[i]!))
          yield* insertRows(db, "directives", rows, rowColumns.length + 2)
          yield* insertRows(
            db,
            "directive_replaces",
            encoded.flatMap((e) => replaces(e).rows),
            3
          )
          return yield* Rows.written(directives, encoded, 1, encodeDirective, decodeDirective)
        }),
        diagnose(db, [Contract.write("directive", directives, true)])
      )
    })

  const findByNumber = (number: DocumentNumber.DocumentNumber) =>
    read(
      selectDirectives(
        sql`SELECT ${sql.literal(columns)} FROM directives d WHERE ${sql.in("d.number_key", Directive.numberQueryKeys(number))}`,
        "d.issued_on, d.id"
      )
    )

  /**
   * The directives a filter selects, read as ids and change stamps first (migration 5: the
   * database gives a directive a new stamp on every change of its row or of its `replaces` rows,
   * whoever writes them), then whole only where the stamp is not the one remembered
   * (docs/decisions/0054). The two statements need not share a snapshot: the whole rows come with
   * their stamps, and when one is not the stamp the first statement saw (a write in between), the
   * directives are read again whole in one statement, as before the stamps.
   */
  const selectStamped = (
    filter: Statement.Fragment,
    order: string
  ): Effect.Effect<ReadonlyArray<Directive.Directive>, StoreError.StoreCorrupt | SqlError> =>
    Effect.gen(function* () {
      const stamps = yield* sql<{ readonly id: string; readonly change_stamp: unknown }>`
        SELECT d.id, d.change_stamp FROM directives d WHERE ${filter} ORDER BY ${sql.literal(order)}`
      const out: Array<Directive.Directive | undefined> = new Array(stamps.length)
      const missing: Array<string> = []
      for (let i = 0; i < stamps.length; i++) {
        const { id, change_stamp } = stamps[i]!
        const hit = byStamp.get(id)
        if (hit !== undefined && hit.stamp === change_stamp) out[i] = hit.directive
        else missing.push(id)
      }
      if (missing.length === 0) return out as Array<Directive.Directive>
      const fresh = yield* stampedRead(
        missing.length > missingLimit ? filter : sql`${sql.in("d.id", missing)}`,
        order
      )
      let complete = true
      for (let i = 0; i < stamps.length && complete; i++) {
        if (out[i] !== undefined) continue
        const { id, change_stamp } = stamps[i]!
        const found = fresh.get(id)
        if (found === undefined || found.stamp !== change_stamp) complete = false
        else out[i] = found.directive
      }
      if (complete) return out as Array<Directive.Directive>
      return [...(yield* stampedRead(filter, order)).values()].map((entry) => entry.directive)
    })

  /** Reads the directives `filter` selects whole, with their stamps, and remembers them. */
  const stampedRead = (filter: Statement.Fragment, order: string) =>
    Effect.flatMap(
      sql<Omit<RawDirective, "replaces"> & { readonly change_stamp: unknown }>`
        SELECT d.*, r.replaced_id AS r_replaced_id FROM (
          SELECT ${sql.literal(columns)} FROM directives d WHERE ${filter}) d
        LEFT JOIN directive_replaces r ON r.directive_id = d.id
        ORDER BY ${sql.literal(order)}, r.ordinal`,
      (rows) =>
        Effect.map(
          Rows.decodeGrouped(rows, { prefix: "r_", present: "replaced_id", field: "replaces" }, decodeRead),
          (directives) => {
            const read = new Map<string, StampedDirective>()
            let row = 0
            for (const directive of directives) {
              while (rows[row]!.id !== directive.id) row++
              const entry = { stamp: rows[row]!.change_stamp, directive }
              read.set(directive.id, entry)
              remember(directive.id, entry)
            }
            return read
          }
        )
    )

  const inForce = (on: CalendarDate.CalendarDate, programme?: Programme.DirectiveProgramme) =>
    read(
      selectStamped(
        sql`d.effective_from <= ${on} AND (d.effective_until IS NULL OR d.effective_until > ${on})
          ${programme === undefined ? sql`` : sql`AND d.programme = ${programme}`}
          AND NOT EXISTS (
            SELECT 1 FROM directive_replaces r JOIN directives n ON n.id = r.directive_id
            WHERE r.replaced_id = d.id AND n.effective_from <= ${on}
          )`,
        "d.effective_from, d.id"
      )
    )

  // The unit's ancestry as of the date is the recursive CTE the unit queries use, so "applicable"
  // follows the same dated parent links as `UnitRepository.ancestors`.
  const applicableTo = (
    unitId: Ids.UnitId,
    on: CalendarDate.CalendarDate,
    programme?: Programme.DirectiveProgramme
  ) =>
    read(
      selectDirectives(
        sql`WITH RECURSIVE ${ancestryCte(sql, unitId, on)}
          SELECT ${sql.literal(columns)} FROM directives d
          WHERE d.effective_from <= ${on} AND (d.effective_until IS NULL OR d.effective_until > ${on})
          ${programme === undefined ? sql`` : sql`AND d.programme = ${programme}`}
          AND (d.issuer_kind = 'Central' OR d.issuer_unit_id = ${unitId}
            OR d.issuer_unit_id IN (SELECT a.id FROM ancestry a))
          AND NOT EXISTS (
            SELECT 1 FROM directive_replaces r JOIN directives n ON n.id = r.directive_id
            WHERE r.replaced_id = d.id AND n.effective_from <= ${on}
          )`,
        "d.effective_from, d.id"
      )
    )

  const replacementsOf = (id: Ids.DirectiveId) =>
    read(
      selectDirectives(
        sql`SELECT ${sql.literal(columns)} FROM directives d
          WHERE EXISTS (SELECT 1 FROM directive_replaces r WHERE r.directive_id = d.id AND r.replaced_id = ${id})`,
        "d.id"
      )
    )

  const list = (query: DirectiveQuery, page?: Page.PageRequest) =>
    read(
      Effect.gen(function* () {
        const limit = Page.limitOf(page)
        const after = page?.after === undefined ? undefined : yield* Cursor.decodeId(page.after)
        const where = [
          ...(query.programme === undefined ? [] : [sql`d.programme = ${query.programme}`]),
          ...(after === undefined ? [] : [sql`d.id > ${after}`])
        ]
        const directives = yield* selectDirectives(
          sql`SELECT ${sql.literal(columns)} FROM directives d WHERE ${sql.and(where)} ORDER BY d.id LIMIT ${limit + 1}`,
          "d.id"
        )
        return pageOf(directives, limit, (d) => [d.id])
      })
    )

  return { get, insert, insertMany, update, findByNumber, inForce, applicableTo, replacementsOf, list }
}
