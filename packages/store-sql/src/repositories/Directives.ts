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
  Directive,
  type DirectiveQuery,
  type DirectiveRepository,
  type DocumentNumber,
  type Ids,
  Page,
  type Programme,
  type StoreError
} from "@danvan/core"
import { Effect } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import { type Db, decode, encode, nest, optional, orNull, pageOf, parseJson, read } from "../internal/Db.ts"
import * as Dialect from "../internal/Dialect.ts"
import { ancestryCte } from "../internal/HierarchySql.ts"
import { type Children, foundOrNotFound, versionedWrites } from "./shared.ts"

interface DirectiveRow {
  readonly id: string
  readonly number_kind: unknown
  readonly number_value: unknown
  readonly number_year: unknown
  readonly number_type_code: unknown
  readonly number_issuer: unknown
  readonly title: unknown
  readonly issuer_name: unknown
  readonly issuer_kind: unknown
  readonly issuer_unit_id: unknown
  readonly issuer_body: unknown
  readonly programme: unknown
  readonly issued_on: unknown
  readonly effective_from: unknown
  readonly effective_until: unknown
  readonly tasks: unknown
  readonly version: unknown
}

const columns =
  "d.id, d.number_kind, d.number_value, d.number_year, d.number_type_code, d.number_issuer, d.title, d.issuer_name, d.issuer_kind, d.issuer_unit_id, d.issuer_body, d.programme, d.issued_on, d.effective_from, d.effective_until, d.tasks, d.version"

const encodeDirective = encode(Directive.Directive, "directive")
const decodeDirective = decode(Directive.Directive, "directives")

const row = (d: Directive.Directive, e: typeof Directive.Directive.Encoded) => ({
  number_kind: e.number._tag,
  number_value: e.number.number,
  number_year: e.number._tag === "State" ? orNull(e.number.year) : null,
  number_type_code: orNull(e.number.typeCode),
  number_issuer: e.number.issuer,
  number_key: Directive.numberMatchKey(d),
  numbering_key: Directive.numberingKey(d),
  title: e.title,
  issuer_name: orNull(e.issuerName),
  issuer_kind: e.issuedBy._tag,
  issuer_unit_id: e.issuedBy._tag === "Unit" ? e.issuedBy.unitId : null,
  issuer_body: e.issuedBy.body,
  programme: e.programme,
  issued_on: e.issuedOn,
  effective_from: e.effectiveFrom,
  effective_until: orNull(e.effectiveUntil),
  tasks: JSON.stringify(e.tasks)
})

const replaces = (e: typeof Directive.Directive.Encoded): Children => ({
  table: "directive_replaces",
  parentColumn: "directive_id",
  rows: e.replaces.map((replaced, ordinal) => ({ directive_id: e.id, ordinal, replaced_id: replaced })),
  columns: 3
})

/** Builds the repository. */
export const make = (db: Db): DirectiveRepository["Service"] => {
  const { sql } = db

  /**
   * Directives with the ids they replace, in one statement: `base` selects directive rows
   * (aliased `d`, in `order`); each row's replaced ids are joined to it.
   */
  const selectDirectives = (
    base: Statement.Fragment,
    order: string
  ): Effect.Effect<ReadonlyArray<Directive.Directive>, StoreError.StoreCorrupt | SqlError> =>
    Effect.flatMap(
      sql<DirectiveRow & { readonly replaced_id: unknown }>`
        SELECT d.*, r.replaced_id AS replaced_id FROM (${base}) d
        LEFT JOIN directive_replaces r ON r.directive_id = d.id
        ORDER BY ${sql.literal(order)}, r.ordinal`,
      (rows) =>
        Effect.forEach(
          nest(
            rows,
            (r) => r.id,
            (r) => (r.replaced_id === null ? undefined : r.replaced_id)
          ),
          ({ row: r, children }) =>
            decodeDirective(r.id, {
              id: r.id,
              number: {
                _tag: r.number_kind,
                number: Dialect.toNumber(r.number_value),
                ...optional("year", r.number_year === null ? null : Dialect.toNumber(r.number_year)),
                ...optional("typeCode", r.number_type_code),
                issuer: r.number_issuer
              },
              title: r.title,
              ...optional("issuerName", r.issuer_name),
              issuedBy: {
                _tag: r.issuer_kind,
                ...optional("unitId", r.issuer_unit_id),
                body: r.issuer_body
              },
              programme: r.programme,
              issuedOn: r.issued_on,
              effectiveFrom: r.effective_from,
              ...optional("effectiveUntil", r.effective_until),
              replaces: children,
              tasks: parseJson(r.tasks),
              version: Dialect.toNumber(r.version)
            })
        )
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

  const findByNumber = (number: DocumentNumber.DocumentNumber) =>
    read(
      selectDirectives(
        sql`SELECT ${sql.literal(columns)} FROM directives d WHERE ${sql.in("d.number_key", Directive.numberQueryKeys(number))}`,
        "d.issued_on, d.id"
      )
    )

  const inForce = (on: CalendarDate.CalendarDate, programme?: Programme.DirectiveProgramme) =>
    read(
      selectDirectives(
        sql`SELECT ${sql.literal(columns)} FROM directives d
          WHERE d.effective_from <= ${on} AND (d.effective_until IS NULL OR d.effective_until > ${on})
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

  return { get, insert, update, findByNumber, inForce, applicableTo, replacementsOf, list }
}
