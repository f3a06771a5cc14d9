/**
 * `ReferenceData` over `model_fields`, `regimes` and `validation_rules`. `put` inserts at version
 * 1 a record given at version 0 that does not exist yet, and otherwise updates it at the stored
 * version; anything else is a `VersionConflict` (the store's version is 0 for a missing record).
 *
 * @internal
 */
import {
  type Ids,
  ModelField,
  type Programme,
  type ReferenceData,
  Regime,
  StoreError,
  ValidationRule
} from "@danvan/core"
import { Effect, Schema, SchemaGetter } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import { type Db, read } from "../internal/Db.ts"
import * as DecodedRows from "../internal/DecodedRows.ts"
import * as Dialect from "../internal/Dialect.ts"
import * as Rows from "../internal/Rows.ts"
import { type IdTable, storedVersion } from "./shared.ts"

/** A `model_fields` row, decoded into a `ModelField`. */
export const FieldRow = Rows.columns(
  {
    id: Schema.String,
    name: Schema.String,
    order: Rows.Integer,
    version: Rows.Integer
  },
  { order: "sort_order" }
).pipe(Schema.decodeTo(ModelField.ModelField))

const RegimeColumns = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  calendar: Schema.String,
  deadline_province: Rows.Integer,
  deadline_district: Rows.Integer,
  deadline_commune: Rows.Integer,
  deadline_grassroots: Rows.Integer,
  holidays: Rows.Json,
  // NULL on rows written before migration 2 and on regimes that observe no public holidays.
  public_holidays: Rows.nullable(Rows.Json),
  version: Rows.Integer
})

type RegimeColumns = typeof RegimeColumns.Type
type RegimeEncoded = typeof Regime.ReportingRegime.Encoded

/** A `regimes` row (the deadlines are one column per level) decoded into a `ReportingRegime`. */
export const RegimeRow = RegimeColumns.pipe(
  Schema.decodeTo(Regime.ReportingRegime, {
    decode: SchemaGetter.transform(
      ({
        deadline_province,
        deadline_district,
        deadline_commune,
        deadline_grassroots,
        public_holidays,
        ...rest
      }: RegimeColumns) =>
        ({
          ...rest,
          deadlines: {
            province: deadline_province,
            district: deadline_district,
            commune: deadline_commune,
            grassroots: deadline_grassroots
          },
          ...(public_holidays === undefined ? {} : { publicHolidays: public_holidays })
        }) as unknown as RegimeEncoded
    ),
    encode: SchemaGetter.transform(
      ({ deadlines, publicHolidays, ...rest }: RegimeEncoded): RegimeColumns => ({
        ...rest,
        deadline_province: deadlines.province,
        deadline_district: deadlines.district,
        deadline_commune: deadlines.commune,
        deadline_grassroots: deadlines.grassroots,
        ...(publicHolidays === undefined ? {} : { public_holidays: publicHolidays })
      })
    )
  })
)

/** A `validation_rules` row, decoded into a `ValidationRule`. */
export const RuleRow = Rows.columns(
  {
    id: Schema.String,
    name: Schema.String,
    description: Rows.nullable(Schema.String),
    programme: Schema.String,
    left: Rows.Json,
    operator: Schema.String,
    right: Rows.Json,
    importance: Schema.String,
    scope: Schema.String,
    version: Rows.Integer
  },
  { left: "left_side", right: "right_side" }
).pipe(Schema.decodeTo(ValidationRule.ValidationRule))

const fieldColumns = Rows.select(FieldRow, "f")
const regimeColumns = Rows.select(RegimeRow, "g")
const ruleColumns = Rows.select(RuleRow, "v")

const decodeField = Rows.decoder(FieldRow, "model_fields", (r) => Rows.keyText(r.id))
const decodeRegime = Rows.decoder(RegimeRow, "regimes", (r) => Rows.keyText(r.id))
const decodeRule = Rows.decoder(RuleRow, "validation_rules", (r) => Rows.keyText(r.id))
const encodeField = Rows.encoder(FieldRow, "modelField")
const encodeRegime = Rows.encoder(RegimeRow, "regime")
const encodeRule = Rows.encoder(RuleRow, "validationRule")

/** A record's columns besides its key and version. */
const columnsOf = <R extends { readonly id: string; readonly version: unknown }>({
  id: _,
  version: __,
  ...columns
}: R) => columns

/** Builds the service. */
export const make = (db: Db): ReferenceData["Service"] => {
  const { sql } = db
  // A regime is read by every creation, edit and submission and changes only when it is put: its
  // row is decoded once while it stays the same (`DecodedRows`; docs/decisions/0035).
  const decodeOneRegime = DecodedRows.memo(decodeRegime, (r) => Rows.keyText(r.id), 64)

  /**
   * Inserts (version 0) or updates (stored version) one row; returns the new version or fails with
   * `VersionConflict`.
   */
  const put = (
    table: IdTable,
    entity: StoreError.Entity,
    id: string,
    version: number,
    columns: Record<string, unknown>
  ): Effect.Effect<number, StoreError.VersionConflict | SqlError> =>
    db.sql.withTransaction(
      Effect.gen(function* () {
        const written =
          version === 0
            ? yield* sql<{
                version: unknown
              }>`INSERT INTO ${sql(table)} ${sql.insert({ id, ...columns, version: 1 })} ON CONFLICT (id) DO NOTHING RETURNING version`
            : yield* sql<{
                version: unknown
              }>`UPDATE ${sql(table)} SET ${sql.update(columns)}, version = version + 1 WHERE id = ${id} AND version = ${version} RETURNING version`
        const row = written[0]
        if (row !== undefined) return Dialect.toNumber(row.version)
        const actual = yield* storedVersion(db, table, id)
        return yield* Effect.fail(new StoreError.VersionConflict({ entity, id, expected: version, actual }))
      })
    )

  const fields = read(
    Effect.flatMap(
      sql<
        typeof FieldRow.Encoded
      >`SELECT ${sql.literal(fieldColumns)} FROM model_fields f ORDER BY f.sort_order, f.id`,
      (rows) => Effect.forEach(rows, decodeField)
    )
  )

  // The port has no `ConstraintViolation` for reference data: a record built around its schema's
  // constructor is a defect here, as in the memory adapter.
  const putField = (field: ModelField.ModelField) =>
    Effect.flatMap(Effect.orDie(encodeField(field)), (e) =>
      read(
        Effect.flatMap(put("model_fields", "modelField", field.id, field.version, columnsOf(e)), (v) =>
          decodeField({ ...e, version: v })
        )
      )
    )

  const regime = (id: Ids.RegimeId) =>
    read(
      Effect.gen(function* () {
        const rows = yield* sql<
          typeof RegimeRow.Encoded
        >`SELECT ${sql.literal(regimeColumns)} FROM regimes g WHERE g.id = ${id}`
        const found = rows[0]
        if (found === undefined) return yield* Effect.fail(new StoreError.NotFound({ entity: "regime", id }))
        return yield* decodeOneRegime(found)
      })
    )

  const regimes = read(
    Effect.flatMap(
      sql<typeof RegimeRow.Encoded>`SELECT ${sql.literal(regimeColumns)} FROM regimes g ORDER BY g.id`,
      (rows) => Effect.forEach(rows, decodeRegime)
    )
  )

  const putRegime = (value: Regime.ReportingRegime) =>
    Effect.flatMap(Effect.orDie(encodeRegime(value)), (e) =>
      read(
        Effect.flatMap(put("regimes", "regime", value.id, value.version, columnsOf(e)), (v) =>
          decodeRegime({ ...e, version: v })
        )
      )
    )

  const validationRules = (programme?: Programme.Programme) =>
    read(
      Effect.flatMap(
        sql<typeof RuleRow.Encoded>`SELECT ${sql.literal(ruleColumns)} FROM validation_rules v
          ${programme === undefined ? sql`` : sql`WHERE programme = ${programme}`} ORDER BY id`,
        (rows) => Effect.forEach(rows, decodeRule)
      )
    )

  const putValidationRule = (rule: ValidationRule.ValidationRule) =>
    Effect.flatMap(Effect.orDie(encodeRule(rule)), (e) =>
      read(
        Effect.flatMap(put("validation_rules", "validationRule", rule.id, rule.version, columnsOf(e)), (v) =>
          decodeRule({ ...e, version: v })
        )
      )
    )

  return { fields, putField, regime, regimes, putRegime, validationRules, putValidationRule }
}
