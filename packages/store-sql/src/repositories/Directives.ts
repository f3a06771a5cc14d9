/**
 * `DirectiveRepository` over `directives` and `directive_replaces`. The document number is kept in
 * columns, with two derived keys: `numbering_key` (`DocumentNumber.numberingKey`, unique: one
 * directive per number in its numbering scope, year or Party term) and `number_key` (what
 * `DocumentNumber.equals` compares, for `findByNumber`). A directive's tasks are JSON: no port query
 * looks into them.
 *
 * @internal
 */
import {
  type CalendarDate,
  Directive,
  type DirectiveQuery,
  type DirectiveRepository,
  DocumentNumber,
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
  readonly programme: unknown
  readonly issued_on: unknown
  readonly effective_from: unknown
  readonly effective_until: unknown
  readonly tasks: unknown
  readonly version: unknown
}

const columns =
  "d.id, d.number_kind, d.number_value, d.number_year, d.number_type_code, d.number_issuer, d.title, d.issuer_name, d.programme, d.issued_on, d.effective_from, d.effective_until, d.tasks, d.version"

const encodeDirective = encode(Directive.Directive, "directive")
const decodeDirective = decode(Directive.Directive, "directives")

/** The number-matching key, as core defines it for every store. */
export const numberKey = (n: DocumentNumber.DocumentNumber): string => DocumentNumber.matchKey(n)

const row = (d: Directive.Directive, e: typeof Directive.Directive.Encoded) => ({
  number_kind: e.number._tag,
  number_value: e.number.number,
  number_year: e.number._tag === "State" ? orNull(e.number.year) : null,
  number_type_code: orNull(e.number.typeCode),
  number_issuer: e.number.issuer,
  number_key: numberKey(d.number),
  numbering_key: DocumentNumber.numberingKey(d.number, d.issuedOn),
  title: e.title,
  issuer_name: orNull(e.issuerName),
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
        sql`SELECT ${sql.literal(columns)} FROM directives d WHERE d.number_key = ${numberKey(number)}`,
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

  return { get, insert, update, findByNumber, inForce, replacementsOf, list }
}
