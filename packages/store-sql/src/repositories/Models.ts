/**
 * `ModelRepository` over `models` (the status derived from the events by `DvkModel.statusOf` is a
 * column, so listing by status is an index scan), `coordinations` and `coordination_parties`. A
 * model's registration content and events are JSON: queries look at their derived columns only.
 *
 * @internal
 */
import {
  Contract,
  Coordination,
  DvkModel,
  type Ids,
  type ModelQuery,
  type ModelRepository,
  Page,
  type StoreError
} from "@danvan/core"
import { Effect, Schema } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import { type Db, pageOf, read, write } from "../internal/Db.ts"
import { jurisdictionCte } from "../internal/HierarchySql.ts"
import * as Rows from "../internal/Rows.ts"
import {
  type Children,
  conflictOrNotFound,
  diagnose,
  foundOrNotFound,
  insertRows,
  updateVersioned,
  versionedWrites
} from "./shared.ts"

/** A `models` row, decoded into a `DvkModel` (and a model encoded into one for writing). */
export const ModelRow = Rows.columns({
  id: Schema.String,
  unitId: Schema.String,
  phaseId: Schema.String,
  fieldId: Schema.String,
  registeredOn: Schema.String,
  replicaOf: Rows.nullable(Schema.String),
  content: Rows.Json,
  events: Rows.Json,
  version: Rows.Integer
}).pipe(Schema.decodeTo(DvkModel.DvkModel))

/** A `coordinations` row with its `coordination_parties` rows (`parties`, in order). */
export const CoordinationRow = Rows.columns({
  id: Schema.String,
  title: Schema.String,
  programme: Schema.String,
  parties: Schema.Array(Rows.one("unit_id")),
  signedOn: Schema.String,
  validFrom: Schema.String,
  validUntil: Rows.nullable(Schema.String),
  version: Rows.Integer
}).pipe(Schema.decodeTo(Coordination.CoordinationProgramme))

type RawModel = typeof ModelRow.Encoded
type RawCoordination = typeof CoordinationRow.Encoded

const modelColumns = Rows.select(ModelRow, "m")
const coordinationColumns = Rows.select(CoordinationRow, "c", ["parties"])

const encodeModel = Rows.encoder(ModelRow, "model", DvkModel.DvkModel)
const decodeModelRow = Rows.decoder(ModelRow, "models", (r) => Rows.keyText(r.id))
const encodeCoordination = Rows.encoder(CoordinationRow, "coordination")
const decodeCoordination = Rows.decoder(CoordinationRow, "coordinations", (r) => Rows.keyText(r.id))

/** A model's columns besides its key and version, with the status its events imply (for queries). */
const modelRow = (m: DvkModel.DvkModel, { id: _, version: __, ...columns }: RawModel) => ({
  ...columns,
  status: DvkModel.statusOf(m)
})

/** A programme's columns in `coordinations`, besides its key and version. */
const coordinationRow = ({ id: _, version: __, parties: ___, ...columns }: RawCoordination) => columns

const parties = (e: RawCoordination): Children => ({
  table: "coordination_parties",
  parentColumn: "coordination_id",
  rows: e.parties.map((party, ordinal) => ({ coordination_id: e.id, ordinal, ...party })),
  columns: 3
})

/**
 * The positions of `models`, sources before their replicas, so each insert statement finds the
 * source it names. Every model of the batch is kept, duplicates included (the database refuses
 * those).
 */
const sourcesFirst = (models: ReadonlyArray<DvkModel.DvkModel>): ReadonlyArray<number> => {
  const firstIndex = new Map<string, number>()
  models.forEach((m, i) => {
    if (!firstIndex.has(m.id)) firstIndex.set(m.id, i)
  })
  const placed = new Set<number>()
  const out: Array<number> = []
  const place = (i: number, depth: number): void => {
    if (placed.has(i)) return
    placed.add(i)
    const m = models[i] as DvkModel.DvkModel
    const source = m.replicaOf === undefined ? undefined : firstIndex.get(m.replicaOf)
    if (source !== undefined && depth < models.length) place(source, depth + 1)
    out.push(i)
  }
  for (let i = 0; i < models.length; i++) place(i, 0)
  return out
}

/** Builds the repository. */
export const make = (db: Db): ModelRepository["Service"] => {
  const { sql } = db

  const get = (id: Ids.ModelId) =>
    read(
      Effect.flatMap(
        Effect.flatMap(
          sql<RawModel>`SELECT ${sql.literal(modelColumns)} FROM models m WHERE m.id = ${id}`,
          foundOrNotFound("model", id)
        ),
        decodeModelRow
      )
    )

  const insert = (models: ReadonlyArray<DvkModel.DvkModel>) =>
    Effect.flatMap(encodeModel.all(models), (encoded) =>
      write(
        db,
        "model",
        Effect.gen(function* () {
          const order = sourcesFirst(models)
          const rows = order.map((i) => {
            const m = models[i] as DvkModel.DvkModel
            return { id: m.id, ...modelRow(m, encoded[i] as RawModel), version: 1 }
          })
          yield* insertRows(db, "models", rows, 10)
          return yield* Rows.written(models, encoded, 1, encodeModel, decodeModelRow)
        }),
        diagnose(db, [Contract.write("model", models, true)])
      )
    )

  const update = (model: DvkModel.DvkModel) =>
    Effect.flatMap(encodeModel(model), (encoded) =>
      write(
        db,
        "model",
        Effect.gen(function* () {
          const version = yield* updateVersioned(
            db,
            "models",
            "model",
            model.id,
            model.version,
            modelRow(model, encoded)
          )
          return yield* decodeModelRow({ ...encoded, version })
        }),
        diagnose(db, [Contract.write("model", [model], false)])
      )
    )

  const list = (query: ModelQuery, page?: Page.PageRequest) =>
    read(
      Effect.gen(function* () {
        const limit = Page.limitOf(page)
        const after = page?.after === undefined ? undefined : yield* Cursor.decodeId(page.after)
        const where = [
          ...(query.unitId === undefined ? [] : [sql`m.unit_id = ${query.unitId}`]),
          ...(query.within === undefined ? [] : [sql`m.unit_id IN (SELECT id FROM jurisdiction)`]),
          ...(query.phaseId === undefined ? [] : [sql`m.phase_id = ${query.phaseId}`]),
          ...(query.fieldId === undefined ? [] : [sql`m.field_id = ${query.fieldId}`]),
          ...(query.statuses === undefined ? [] : [sql.in("m.status", query.statuses)]),
          ...(query.replicaOf === undefined ? [] : [sql`m.replica_of = ${query.replicaOf}`]),
          ...(after === undefined ? [] : [sql`m.id > ${after}`])
        ]
        const rows = yield* sql<RawModel>`
          ${query.within === undefined ? sql`` : sql`WITH RECURSIVE ${jurisdictionCte(sql, query.within.rootId, query.within.asOf)}`}
          SELECT ${sql.literal(modelColumns)} FROM models m WHERE ${sql.and(where)} ORDER BY m.id LIMIT ${limit + 1}`
        return pageOf(yield* Effect.forEach(rows, decodeModelRow), limit, (m) => [m.id])
      })
    )

  // Coordination programmes

  /**
   * Coordination programmes with their parties, in one statement: `base` selects programme rows
   * (aliased `c`, ordered by id); each row's parties are joined to it.
   */
  const selectCoordinations = (
    base: Statement.Fragment
  ): Effect.Effect<ReadonlyArray<Coordination.CoordinationProgramme>, StoreError.StoreCorrupt | SqlError> =>
    Effect.flatMap(
      sql<Omit<RawCoordination, "parties">>`
        SELECT c.*, p.unit_id AS p_unit_id FROM (${base}) c
        LEFT JOIN coordination_parties p ON p.coordination_id = c.id
        ORDER BY c.id, p.ordinal`,
      (rows) =>
        Rows.decodeGrouped(rows, { prefix: "p_", present: "unit_id", field: "parties" }, decodeCoordination)
    )

  const getCoordination = (id: Ids.CoordinationId) =>
    read(
      Effect.flatMap(
        selectCoordinations(
          sql`SELECT ${sql.literal(coordinationColumns)} FROM coordinations c WHERE c.id = ${id}`
        ),
        foundOrNotFound("coordination", id)
      )
    )

  const { insert: insertCoordination, update: updateCoordination } = versionedWrites(db, {
    table: "coordinations",
    entity: "coordination",
    encode: encodeCoordination,
    decode: decodeCoordination,
    columns: (_, encoded) => coordinationRow(encoded),
    children: (_, encoded) => parties(encoded)
  })

  const removeCoordination = (id: Ids.CoordinationId, version: number) =>
    read(
      db.sql.withTransaction(
        Effect.gen(function* () {
          yield* sql`DELETE FROM coordination_parties WHERE coordination_id = ${id} AND EXISTS (SELECT 1 FROM coordinations c WHERE c.id = ${id} AND c.version = ${version})`
          const deleted =
            yield* sql`DELETE FROM coordinations WHERE id = ${id} AND version = ${version} RETURNING id`
          if (deleted.length === 0)
            return yield* conflictOrNotFound(db, "coordinations", "coordination", id, version)
        })
      )
    )

  const coordinationsOf = (unitId: Ids.UnitId) =>
    read(
      selectCoordinations(
        sql`SELECT ${sql.literal(coordinationColumns)} FROM coordinations c
          WHERE EXISTS (SELECT 1 FROM coordination_parties p WHERE p.coordination_id = c.id AND p.unit_id = ${unitId})`
      )
    )

  return {
    get,
    insert,
    update,
    list,
    getCoordination,
    insertCoordination,
    updateCoordination,
    removeCoordination,
    coordinationsOf
  }
}
