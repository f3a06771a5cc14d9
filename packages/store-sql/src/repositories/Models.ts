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
import { Effect } from "effect"
import type { SqlError } from "effect/sql/SqlError"
import type * as Statement from "effect/sql/Statement"
import * as Cursor from "../internal/Cursor.ts"
import {
  type Db,
  decode,
  encode,
  nest,
  optional,
  orNull,
  pageOf,
  parseJson,
  read,
  write
} from "../internal/Db.ts"
import * as Dialect from "../internal/Dialect.ts"
import { jurisdictionCte } from "../internal/HierarchySql.ts"
import {
  type Children,
  conflictOrNotFound,
  diagnose,
  foundOrNotFound,
  insertRows,
  updateVersioned,
  versionedWrites
} from "./shared.ts"

interface ModelRow {
  readonly id: string
  readonly unit_id: unknown
  readonly phase_id: unknown
  readonly field_id: unknown
  readonly registered_on: unknown
  readonly replica_of: unknown
  readonly content: unknown
  readonly events: unknown
  readonly version: unknown
}

interface CoordinationRow {
  readonly id: string
  readonly title: unknown
  readonly programme: unknown
  readonly signed_on: unknown
  readonly valid_from: unknown
  readonly valid_until: unknown
  readonly version: unknown
}

const modelColumns =
  "m.id, m.unit_id, m.phase_id, m.field_id, m.registered_on, m.replica_of, m.content, m.events, m.version"
const coordinationColumns = "c.id, c.title, c.programme, c.signed_on, c.valid_from, c.valid_until, c.version"

const encodeModel = encode(DvkModel.DvkModel, "model")
const decodeModel = decode(DvkModel.DvkModel, "models")
const encodeCoordination = encode(Coordination.CoordinationProgramme, "coordination")
const decodeCoordination = decode(Coordination.CoordinationProgramme, "coordinations")

const modelRow = (m: DvkModel.DvkModel, e: typeof DvkModel.DvkModel.Encoded) => ({
  unit_id: e.unitId,
  phase_id: e.phaseId,
  field_id: e.fieldId,
  registered_on: e.registeredOn,
  replica_of: orNull(e.replicaOf),
  status: DvkModel.statusOf(m),
  content: JSON.stringify(e.content),
  events: JSON.stringify(e.events)
})

const decodeModelRow = (r: ModelRow) =>
  decodeModel(r.id, {
    id: r.id,
    unitId: r.unit_id,
    phaseId: r.phase_id,
    fieldId: r.field_id,
    registeredOn: r.registered_on,
    content: parseJson(r.content),
    ...optional("replicaOf", r.replica_of),
    events: parseJson(r.events),
    version: Dialect.toNumber(r.version)
  })

const coordinationRow = (e: typeof Coordination.CoordinationProgramme.Encoded) => ({
  title: e.title,
  programme: e.programme,
  signed_on: e.signedOn,
  valid_from: e.validFrom,
  valid_until: orNull(e.validUntil)
})

const parties = (e: typeof Coordination.CoordinationProgramme.Encoded): Children => ({
  table: "coordination_parties",
  parentColumn: "coordination_id",
  rows: e.parties.map((unitId, ordinal) => ({ coordination_id: e.id, ordinal, unit_id: unitId })),
  columns: 3
})

/**
 * Sources before their replicas, so each insert statement finds the source it names. Every model
 * of the batch is kept, duplicates included (the database refuses those).
 */
const sourcesFirst = (models: ReadonlyArray<DvkModel.DvkModel>): ReadonlyArray<DvkModel.DvkModel> => {
  const firstIndex = new Map<string, number>()
  models.forEach((m, i) => {
    if (!firstIndex.has(m.id)) firstIndex.set(m.id, i)
  })
  const placed = new Set<number>()
  const out: Array<DvkModel.DvkModel> = []
  const place = (i: number, depth: number): void => {
    if (placed.has(i)) return
    placed.add(i)
    const m = models[i] as DvkModel.DvkModel
    const source = m.replicaOf === undefined ? undefined : firstIndex.get(m.replicaOf)
    if (source !== undefined && depth < models.length) place(source, depth + 1)
    out.push(m)
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
          sql<ModelRow>`SELECT ${sql.literal(modelColumns)} FROM models m WHERE m.id = ${id}`,
          foundOrNotFound("model", id)
        ),
        decodeModelRow
      )
    )

  const insert = (models: ReadonlyArray<DvkModel.DvkModel>) =>
    Effect.flatMap(
      Effect.forEach(sourcesFirst(models), (m) => Effect.map(encodeModel(m), (e) => [m, e] as const)),
      (ordered) =>
        write(
          db,
          "model",
          Effect.gen(function* () {
            const rows = ordered.map(([m, e]) => ({ id: m.id, ...modelRow(m, e), version: 1 }))
            yield* insertRows(db, "models", rows, 10)
            const byId = new Map(ordered.map(([m, e]) => [m.id as string, e]))
            return yield* Effect.forEach(models, (m) => decodeModel(m.id, { ...byId.get(m.id), version: 1 }))
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
          return yield* decodeModel(model.id, { ...encoded, version })
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
        const rows = yield* sql<ModelRow>`
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
      sql<CoordinationRow & { readonly party_id: unknown }>`
        SELECT c.*, p.unit_id AS party_id FROM (${base}) c
        LEFT JOIN coordination_parties p ON p.coordination_id = c.id
        ORDER BY c.id, p.ordinal`,
      (rows) =>
        Effect.forEach(
          nest(
            rows,
            (r) => r.id,
            (r) => (r.party_id === null ? undefined : r.party_id)
          ),
          ({ row: r, children }) =>
            decodeCoordination(r.id, {
              id: r.id,
              title: r.title,
              programme: r.programme,
              parties: children,
              signedOn: r.signed_on,
              validFrom: r.valid_from,
              ...optional("validUntil", r.valid_until),
              version: Dialect.toNumber(r.version)
            })
        )
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
