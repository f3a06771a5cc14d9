/**
 * The directives in force are read as ids and change stamps, and whole only where the stamp is not
 * the one remembered (migration 5, docs/decisions/0054). The stamp is the database's: whatever
 * changes a directive's row or its `directive_replaces` rows behind the store's back (a hand edit
 * that keeps `version`, one that writes the stamp itself, a directive deleted and inserted again)
 * is read as changed, and a damaged row is `StoreCorrupt`.
 */
import { CalendarDate, type Directive, DirectiveRepository, Ids, type Store, UnitOfWork } from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Context, Effect, Layer } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import fc from "fast-check"
import { StoreSql } from "../src/index.ts"
import { StorePg } from "../src/pg.ts"
import {
  describeEngine,
  describePg,
  engines,
  freshSchema,
  freshStoreWithSql,
  pgUrl
} from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const asOf = CalendarDate.unsafeFromString("2020-01-01")
const ids = ["d1", "d2", "d3", "d4", "d5", "d6"] as const

/** The directives in force as a store that never read any reads them (a memo of its own). */
const freshlyRead = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const fresh = StoreSql.layerFromClient({ migrate: false }).pipe(
    Layer.provide(Layer.succeed(SqlClient.SqlClient, sql)),
    Layer.fresh
  )
  return yield* Effect.provide(
    Effect.flatMap(DirectiveRepository, (d) => d.inForce(asOf)),
    fresh
  )
})

/** An edit made behind the store's back, in raw SQL. */
type Edit =
  | { readonly _tag: "retitle"; readonly id: string; readonly title: string; readonly keepStamp: boolean }
  | { readonly _tag: "replace"; readonly id: string; readonly replaced: string }
  | { readonly _tag: "unreplace"; readonly id: string }
  | { readonly _tag: "retarget"; readonly id: string; readonly replaced: string }
  | { readonly _tag: "reinsert"; readonly id: string; readonly title: string }

const id = fc.constantFrom(...ids)
const title = fc.constantFrom("Tiêu đề A", "Tiêu đề B", "Quy định thực hiện dân chủ ở cơ sở")
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ _tag: fc.constant("retitle" as const), id, title, keepStamp: fc.boolean() }),
  fc.record({ _tag: fc.constant("replace" as const), id, replaced: id }),
  fc.record({ _tag: fc.constant("unreplace" as const), id }),
  fc.record({ _tag: fc.constant("retarget" as const), id, replaced: id }),
  fc.record({ _tag: fc.constant("reinsert" as const), id, title })
)

const apply = (e: Edit) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    switch (e._tag) {
      case "retitle":
        // Writing the stamp it has is what SQLite's trigger must still see as a change.
        yield* e.keepStamp
          ? sql`UPDATE directives SET title = ${e.title}, change_stamp = change_stamp WHERE id = ${e.id}`
          : sql`UPDATE directives SET title = ${e.title} WHERE id = ${e.id}`
        return
      case "replace":
        if (e.id === e.replaced) return
        yield* sql`INSERT INTO directive_replaces (directive_id, ordinal, replaced_id)
          SELECT ${e.id}, (SELECT COALESCE(MAX(ordinal), -1) + 1 FROM directive_replaces WHERE directive_id = ${e.id}), ${e.replaced}
          WHERE NOT EXISTS (SELECT 1 FROM directive_replaces WHERE directive_id = ${e.id} AND replaced_id = ${e.replaced})`
        return
      case "unreplace":
        yield* sql`DELETE FROM directive_replaces WHERE directive_id = ${e.id} AND ordinal = (
          SELECT MIN(ordinal) FROM directive_replaces WHERE directive_id = ${e.id})`
        return
      case "retarget":
        yield* sql`UPDATE directive_replaces SET replaced_id = ${e.replaced}
          WHERE directive_id = ${e.id} AND ${e.id} <> ${e.replaced}
          AND ordinal = (SELECT MIN(ordinal) FROM directive_replaces WHERE directive_id = ${e.id})
          AND NOT EXISTS (SELECT 1 FROM directive_replaces WHERE directive_id = ${e.id} AND replaced_id = ${e.replaced})`
        return
      case "reinsert": {
        // Deleted and inserted again with the same key and version: only the stamp tells.
        const [row] = yield* sql<Record<string, unknown>>`SELECT * FROM directives WHERE id = ${e.id}`
        const { change_stamp: _, ...columns } = row!
        yield* sql`DELETE FROM directive_replaces WHERE directive_id = ${e.id} OR replaced_id = ${e.id}`
        yield* sql`DELETE FROM directives WHERE id = ${e.id}`
        yield* sql`INSERT INTO directives ${sql.insert({ ...columns, title: e.title })}`
        return
      }
    }
  })

const seed = Effect.flatMap(DirectiveRepository, (d) =>
  d.insertMany(ids.map((id, i) => F.directive(id, i + 1, i === 1 ? { replaces: ["d1"] } : {})))
)

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect(
      "after any edits behind the store's back, the directives in force are what a store reading them first reads",
      () =>
        Effect.gen(function* () {
          yield* seed
          const directives = yield* DirectiveRepository
          const context = yield* Effect.context<Store.Store | SqlClient.SqlClient>()
          const run = <A, E>(effect: Effect.Effect<A, E, Store.Store | SqlClient.SqlClient>) =>
            Effect.runPromise(Effect.provideContext(effect, context))
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) =>
                run(
                  Effect.gen(function* () {
                    yield* directives.inForce(asOf)
                    for (const e of edits) yield* apply(e)
                    expect(yield* directives.inForce(asOf)).toEqual(yield* freshlyRead)
                  })
                )
              ),
              { numRuns: engine === "pg" ? 25 : 50 }
            )
          )
        }).pipe(Effect.provide(freshStoreWithSql(engine))),
      120_000
    )

    it.effect(
      "a directive read again unchanged is the record remembered; a damaged one is StoreCorrupt",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* seed
          const directives = yield* DirectiveRepository
          const first = yield* directives.inForce(asOf)
          const again = yield* directives.inForce(asOf)
          again.forEach((d, i) => {
            expect(d).toBe(first[i])
          })
          yield* sql`UPDATE directives SET programme = ${"Nothing"}, change_stamp = change_stamp WHERE id = ${"d3"}`
          expect(yield* Effect.flip(directives.inForce(asOf))).toMatchObject({
            _tag: "StoreCorrupt",
            location: "table directives, key d3"
          })
          yield* sql`UPDATE directives SET programme = ${"QCDC"} WHERE id = ${"d3"}`
          const repaired = yield* directives.inForce(asOf)
          expect(repaired).toEqual(first)
          repaired.forEach((d, i) => {
            if (d.id !== "d3") expect(d).toBe(first[i])
          })
        }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect(
      "a directive read inside a transaction that rolls back is not taken for the one written after it",
      () =>
        Effect.gen(function* () {
          const uow = yield* UnitOfWork
          const directives = yield* DirectiveRepository
          // The rolled-back transaction stamps and reads its directive; the next writes the same
          // id with other content (a counter rolled back with the first would give the same stamp).
          const failed = yield* Effect.flip(
            uow.transaction(
              Effect.andThen(
                Effect.andThen(
                  directives.insert(F.directive("d1", 1, { title: "Bị huỷ" })),
                  directives.inForce(asOf)
                ),
                Effect.fail("stop" as const)
              )
            )
          )
          expect(failed).toBe("stop")
          yield* uow.transaction(directives.insert(F.directive("d1", 1, { title: "Được ghi" })))
          const read = yield* directives.inForce(asOf)
          expect(read.map((d) => d.title)).toEqual(["Được ghi"])
          expect(read).toEqual(yield* freshlyRead)
        }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect(
      "every directive inserted, in one batch or alone, has a stamp of its own; many are read in one go",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const directives = yield* DirectiveRepository
          const many = Array.from({ length: 400 }, (_, i) =>
            F.directive(`m${String(i).padStart(3, "0")}`, i + 1)
          )
          yield* directives.insertMany(many)
          yield* directives.insert(F.directive("single", 1000))
          const stamps = yield* sql<{ change_stamp: unknown }>`SELECT change_stamp FROM directives`
          expect(new Set(stamps.map((s) => String(s.change_stamp))).size).toBe(401)
          const read: ReadonlyArray<Directive.Directive> = yield* directives.inForce(asOf)
          expect(read.map((d) => d.id)).toEqual([...many.map((d) => d.id), "single"])
          yield* sql`UPDATE directives SET title = ${"Sửa tay"} WHERE id = ${"m123"}`
          const after = yield* directives.inForce(asOf)
          expect(after.find((d) => d.id === Ids.DirectiveId.make("m123"))?.title).toBe("Sửa tay")
          expect(after).toEqual(yield* freshlyRead)
        }).pipe(Effect.provide(freshStoreWithSql(engine))),
      60_000
    )
  })
}

describePg("PostgreSQL, a session in another schema", () => {
  it.live(
    "a hand edit naming the store's schema from a session whose search_path is elsewhere is stamped in that schema",
    () =>
      Effect.gen(function* () {
        const { admin, schema } = yield* freshSchema
        const store = yield* Layer.build(StorePg.layer({ url: pgUrl, schema }))
        const directives = Context.get(store, DirectiveRepository)
        yield* directives.insertMany(
          ids.map((id, i) => F.directive(id, i + 1, i === 1 ? { replaces: ["d1"] } : {}))
        )
        const first = yield* directives.inForce(asOf)
        expect(first.find((d) => d.id === "d2")?.replaces).toEqual(["d1"])
        // The admin session's search_path is the default one: the triggers take their statement
        // naming the schema.
        yield* admin`DELETE FROM ${admin(schema)}.directive_replaces WHERE directive_id = ${"d2"}`
        yield* admin`UPDATE ${admin(schema)}.directives SET title = ${"Sửa tay"} WHERE id = ${"d4"}`
        const after = yield* directives.inForce(asOf)
        expect(after.map((d) => d.id)).toEqual(["d1", ...ids.slice(1)])
        expect(after.find((d) => d.id === "d2")?.replaces).toEqual([])
        expect(after.find((d) => d.id === "d4")?.title).toBe("Sửa tay")
      }).pipe(Effect.scoped),
    60_000
  )
})
