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
import { Effect } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import { type Db, decode, encode, optional, orNull, parseJson, read } from "../internal/Db.ts"
import * as Dialect from "../internal/Dialect.ts"
import { type IdTable, storedVersion } from "./shared.ts"

interface FieldRow {
  readonly id: string
  readonly name: unknown
  readonly sort_order: unknown
  readonly version: unknown
}

interface RegimeRow {
  readonly id: string
  readonly name: unknown
  readonly calendar: unknown
  readonly deadline_province: unknown
  readonly deadline_district: unknown
  readonly deadline_commune: unknown
  readonly deadline_grassroots: unknown
  readonly holidays: unknown
  readonly public_holidays: unknown
  readonly version: unknown
}

interface RuleRow {
  readonly id: string
  readonly programme: unknown
  readonly name: unknown
  readonly description: unknown
  readonly left_side: unknown
  readonly operator: unknown
  readonly right_side: unknown
  readonly importance: unknown
  readonly scope: unknown
  readonly version: unknown
}

const decodeField = decode(ModelField.ModelField, "model_fields")
const decodeRegime = decode(Regime.ReportingRegime, "regimes")
const decodeRule = decode(ValidationRule.ValidationRule, "validation_rules")
const encodeField = encode(ModelField.ModelField, "modelField")
const encodeRegime = encode(Regime.ReportingRegime, "regime")
const encodeRule = encode(ValidationRule.ValidationRule, "validationRule")

const fieldRecord = (r: FieldRow) => ({
  id: r.id,
  name: r.name,
  order: Dialect.toNumber(r.sort_order),
  version: Dialect.toNumber(r.version)
})

const regimeRecord = (r: RegimeRow) => ({
  id: r.id,
  name: r.name,
  calendar: r.calendar,
  deadlines: {
    province: Dialect.toNumber(r.deadline_province),
    district: Dialect.toNumber(r.deadline_district),
    commune: Dialect.toNumber(r.deadline_commune),
    grassroots: Dialect.toNumber(r.deadline_grassroots)
  },
  holidays: parseJson(r.holidays),
  // NULL on rows written before migration 2 and on regimes that observe no public holidays.
  ...optional("publicHolidays", r.public_holidays === null ? null : parseJson(r.public_holidays)),
  version: Dialect.toNumber(r.version)
})

const ruleRecord = (r: RuleRow) => ({
  id: r.id,
  name: r.name,
  ...optional("description", r.description),
  programme: r.programme,
  left: parseJson(r.left_side),
  operator: r.operator,
  right: parseJson(r.right_side),
  importance: r.importance,
  scope: r.scope,
  version: Dialect.toNumber(r.version)
})

/** Builds the service. */
export const make = (db: Db): ReferenceData["Service"] => {
  const { sql } = db

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
      sql<FieldRow>`SELECT id, name, sort_order, version FROM model_fields ORDER BY sort_order, id`,
      (rows) => Effect.forEach(rows, (r) => decodeField(r.id, fieldRecord(r)))
    )
  )

  // The port has no `ConstraintViolation` for reference data: a record built around its schema's
  // constructor is a defect here, as in the memory adapter.
  const putField = (field: ModelField.ModelField) =>
    Effect.flatMap(Effect.orDie(encodeField(field)), (e) =>
      read(
        Effect.flatMap(
          put("model_fields", "modelField", e.id, e.version, { name: e.name, sort_order: e.order }),
          (v) => decodeField(e.id, { ...e, version: v })
        )
      )
    )

  const regimeColumns =
    "id, name, calendar, deadline_province, deadline_district, deadline_commune, deadline_grassroots, holidays, public_holidays, version"

  const regime = (id: Ids.RegimeId) =>
    read(
      Effect.gen(function* () {
        const rows = yield* sql<RegimeRow>`SELECT ${sql.literal(regimeColumns)} FROM regimes WHERE id = ${id}`
        const found = rows[0]
        if (found === undefined) return yield* Effect.fail(new StoreError.NotFound({ entity: "regime", id }))
        return yield* decodeRegime(found.id, regimeRecord(found))
      })
    )

  const regimes = read(
    Effect.flatMap(sql<RegimeRow>`SELECT ${sql.literal(regimeColumns)} FROM regimes ORDER BY id`, (rows) =>
      Effect.forEach(rows, (r) => decodeRegime(r.id, regimeRecord(r)))
    )
  )

  const putRegime = (value: Regime.ReportingRegime) =>
    Effect.flatMap(Effect.orDie(encodeRegime(value)), (e) =>
      read(
        Effect.flatMap(
          put("regimes", "regime", e.id, e.version, {
            name: e.name,
            calendar: e.calendar,
            deadline_province: e.deadlines.province,
            deadline_district: e.deadlines.district,
            deadline_commune: e.deadlines.commune,
            deadline_grassroots: e.deadlines.grassroots,
            holidays: JSON.stringify(e.holidays),
            public_holidays: e.publicHolidays === undefined ? null : JSON.stringify(e.publicHolidays)
          }),
          (v) => decodeRegime(e.id, { ...e, version: v })
        )
      )
    )

  const validationRules = (programme?: Programme.Programme) =>
    read(
      Effect.flatMap(
        sql<RuleRow>`SELECT id, programme, name, description, left_side, operator, right_side, importance, scope, version FROM validation_rules
          ${programme === undefined ? sql`` : sql`WHERE programme = ${programme}`} ORDER BY id`,
        (rows) => Effect.forEach(rows, (r) => decodeRule(r.id, ruleRecord(r)))
      )
    )

  const putValidationRule = (rule: ValidationRule.ValidationRule) =>
    Effect.flatMap(Effect.orDie(encodeRule(rule)), (e) =>
      read(
        Effect.flatMap(
          put("validation_rules", "validationRule", e.id, e.version, {
            programme: e.programme,
            name: e.name,
            description: orNull(e.description),
            left_side: JSON.stringify(e.left),
            operator: e.operator,
            right_side: JSON.stringify(e.right),
            importance: e.importance,
            scope: e.scope
          }),
          (v) => decodeRule(e.id, { ...e, version: v })
        )
      )
    )

  return { fields, putField, regime, regimes, putRegime, validationRules, putValidationRule }
}
