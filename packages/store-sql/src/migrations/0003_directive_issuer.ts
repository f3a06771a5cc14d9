/**
 * Migration 3: the issuing unit of every directive (decision record 0029).
 *
 * Adds `issuer_kind` (`Central` or `Unit`), `issuer_unit_id` and `issuer_body`, and recomputes
 * both derived keys of every row with the new definitions: `numbering_key`
 * (`Directive.numberingKey`, which now holds the issuing unit, so the existing unique constraint
 * `directives_numbering_key` is per issuing unit) and `number_key` (`Directive.numberMatchKey`,
 * read in the directive's context). The new key is finer than the old one, so no stored row can
 * collide with another.
 *
 * A row stored before this migration gets `Directive.legacyIssuer`: the centre when its issuer
 * code is a central one (`CP`, `QH15`, `BDVTƯ`, every code ending in `TW`); otherwise the store's
 * only province, because under the old rule a store could hold one province's own documents only
 * (two provinces' `01/2024/QĐ-UBND` were refused). Where local rows exist and the store holds no
 * province or several, the migration fails naming the first such row, and the database is left as
 * it was (every migration runs in one transaction): guessing would misattribute documents.
 *
 * Never edit a migration that has shipped: add a new one (forward-only, decision record 0003).
 *
 * @internal
 */
import { Directive, DocumentNumber, Ids } from "@danvan/core"
import { Effect, Schema } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as Dialect from "../internal/Dialect.ts"

interface LegacyRow {
  readonly id: string
  readonly number_kind: unknown
  readonly number_value: unknown
  readonly number_year: unknown
  readonly number_type_code: unknown
  readonly number_issuer: unknown
  readonly issued_on: unknown
}

const decodeNumber = Schema.decodeUnknownEffect(DocumentNumber.DocumentNumber)

const migration: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const dialect = yield* Dialect.of(sql)
  const K = Dialect.keyType(dialect)
  yield* sql.unsafe(
    `ALTER TABLE directives ADD COLUMN issuer_kind ${K} CONSTRAINT directives_issuer_kind_check CHECK (issuer_kind IN ('Central', 'Unit'))`
  )
  yield* sql.unsafe(`ALTER TABLE directives ADD COLUMN issuer_unit_id ${K}`)
  yield* sql.unsafe(`ALTER TABLE directives ADD COLUMN issuer_body ${K}`)
  const provinces = yield* sql<{
    readonly id: string
  }>`SELECT id FROM units WHERE level = 'province' ORDER BY id`
  const only = provinces.length === 1 ? Ids.UnitId.make(provinces[0]!.id) : undefined
  const rows = yield* sql<LegacyRow>`
    SELECT id, number_kind, number_value, number_year, number_type_code, number_issuer, issued_on
    FROM directives ORDER BY id`
  for (const row of rows) {
    const number = yield* decodeNumber({
      _tag: row.number_kind,
      number: Dialect.toNumber(row.number_value),
      ...(row.number_year === null ? {} : { year: Dialect.toNumber(row.number_year) }),
      ...(row.number_type_code === null ? {} : { typeCode: row.number_type_code }),
      issuer: row.number_issuer
    }).pipe(
      Effect.mapError(() => `directive ${JSON.stringify(row.id)} has a document number that does not read`)
    )
    const issuedBy = Directive.legacyIssuer(number, only)
    if (issuedBy === undefined) {
      return yield* Effect.fail(
        `directive ${JSON.stringify(row.id)} (${DocumentNumber.format(number)}) was stored before directives carried their issuing unit; its issuer ${JSON.stringify(number.issuer)} is not a central body and the store holds ${provinces.length} provinces, so which unit issued it cannot be told. Give it to its unit first (decision record 0029), or keep the previous version of @danvan/store-sql`
      )
    }
    const directive = { number, issuedOn: row.issued_on as Directive.Directive["issuedOn"], issuedBy }
    yield* sql`UPDATE directives SET
      issuer_kind = ${issuedBy._tag},
      issuer_unit_id = ${issuedBy._tag === "Unit" ? issuedBy.unitId : null},
      issuer_body = ${issuedBy.body},
      numbering_key = ${Directive.numberingKey(directive)},
      number_key = ${Directive.numberMatchKey(directive)}
      WHERE id = ${row.id}`
  }
  yield* sql.unsafe(`CREATE INDEX directives_issuer_idx ON directives (issuer_unit_id, effective_from, id)`)
})

export default migration
