/**
 * PostgreSQL row-level security keyed on the acting unit (`rowLevelSecurity`, decision record
 * 0012): another application connected as the app role, querying the tables directly, sees and
 * changes only the rows of the units its session acts for; a session that says for nobody sees no
 * unit's rows; the use cases and the whole port work unchanged with the option on.
 */
import {
  ActingUnit,
  Actor,
  Danvan,
  Ids,
  Jurisdiction,
  ModelField,
  Regime,
  ReportRepository,
  UnitRepository
} from "@danvan/core"
import { Arbitraries, conformance } from "@danvan/store-testkit"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Result } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import type * as SqlClient from "effect/sql/SqlClient"
import * as fc from "fast-check"
import { StorePg } from "../src/pg.ts"
import { adminClient, describePg, pgUrl, uniqueSchema } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

/** A login role for the app, created now and dropped (with its grants) when the scope closes. */
const appRole = Effect.gen(function* () {
  const admin = yield* adminClient
  const role = `danvan_app_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`
  yield* Effect.acquireRelease(admin.unsafe(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS`), () =>
    Effect.ignore(Effect.andThen(admin.unsafe(`DROP OWNED BY ${role}`), admin.unsafe(`DROP ROLE ${role}`)))
  )
  const url = new URL(pgUrl)
  url.username = role
  url.password = ""
  return { role, url: url.toString() }
})

/**
 * A schema owned by the test server's superuser with the store migrated and the policies
 * installed and granted to a new app role; dropped with the scope.
 */
const securedSchema = Effect.gen(function* () {
  const admin = yield* adminClient
  const schema = uniqueSchema()
  yield* Effect.acquireRelease(admin`CREATE SCHEMA ${admin(schema)}`, () =>
    Effect.ignore(admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`)
  )
  const { role, url } = yield* appRole
  yield* Effect.scoped(
    Layer.build(StorePg.layer({ url: pgUrl, schema, rowLevelSecurity: { grantTo: [role] } }))
  )
  return { admin, schema, role, url }
})

/** A raw client connected as the app role (another application sharing the database). */
const appClient = (url: string, schema: string) =>
  Effect.map(
    Layer.build(
      Layer.orDie(PgClient.layer(StorePg.poolConfig({ url, schema, maxConnections: 1 }))).pipe(
        Layer.provide(Reactivity.layer)
      )
    ),
    (context) => context.mapUnsafe.get(PgClient.PgClient.key) as SqlClient.SqlClient
  )

const today = "2026-12-02"

/** Runs `query` in a transaction acting for `unit` on `today`, as the adapter does. */
const actingAs =
  (sql: SqlClient.SqlClient, unit: string) =>
  <A, E, R>(query: Effect.Effect<A, E, R>) =>
    sql.withTransaction(
      Effect.andThen(
        sql`SELECT set_config('danvan.acting_unit', ${unit}, true), set_config('danvan.acting_day', ${today}, true)`,
        query
      )
    )

const q = F.unit("q", "province", "Hà Nam", [], { code: "35" })
const q1 = F.unit("q1", "commune", "Kim Bảng", [{ parentId: "q", from: "2000-01-01" }])

describePg("PostgreSQL row-level security", () => {
  it.live(
    "a direct SELECT as the app role sees only the rows of the units its session acts for, and nothing unset",
    () =>
      Effect.gen(function* () {
        const { schema, url } = yield* securedSchema
        // Rows written through the store acting for the province of each.
        yield* Effect.scoped(
          Effect.flatMap(
            Layer.build(StorePg.layer({ url: pgUrl, schema, rowLevelSecurity: true })),
            (context) =>
              Effect.provideContext(
                Effect.gen(function* () {
                  yield* (yield* UnitRepository).insert([...F.units, q, q1])
                  yield* (yield* UnitRepository).insertSuccessions(F.merger)
                  const reports = yield* ReportRepository
                  for (const [id, unit] of [
                    ["r-p", "p"],
                    ["r-dA", "dA"],
                    ["r-c1", "c1"],
                    ["r-c3", "c3"],
                    ["r-c12", "c12"],
                    ["r-q", "q"],
                    ["r-q1", "q1"]
                  ] as const) {
                    yield* reports.insert(F.report(id, unit, 3))
                  }
                }),
                context
              ).pipe(ActingUnit.actingFor({ unitId: "p" }))
          )
        )
        const app = yield* appClient(url, schema)
        const reportIds = Effect.map(app<{ id: string }>`SELECT * FROM reports ORDER BY id`, (rows) =>
          rows.map((r) => r.id)
        )
        expect(yield* actingAs(app, "c3")(reportIds)).toEqual(["r-c3"])
        // The merged commune carries c1's history; the province reads all below it, the district
        // that ended on 01/07/2025 included.
        expect(yield* actingAs(app, "c12")(reportIds)).toEqual(["r-c1", "r-c12"])
        expect(yield* actingAs(app, "p")(reportIds)).toEqual(["r-c1", "r-c12", "r-c3", "r-dA", "r-p"])
        expect(yield* actingAs(app, "q")(reportIds)).toEqual(["r-q", "r-q1"])
        expect(yield* actingAs(app, "q1")(reportIds)).toEqual(["r-q1"])
        // Unset (never said, or said in an earlier transaction of the same connection): nothing.
        expect(yield* reportIds).toEqual([])
        expect(yield* app`SELECT * FROM report_figures`).toEqual([])
        // Child rows follow their report.
        const figureReports = Effect.map(
          Effect.suspend(() => app<{ report_id: string }>`SELECT DISTINCT report_id FROM report_figures`),
          (rows) => rows.map((r) => r.report_id).sort()
        )
        expect(yield* actingAs(app, "q")(figureReports)).toEqual(["r-q", "r-q1"])
        // Public tables stay readable, as the use cases let every actor read them.
        expect((yield* app`SELECT id FROM units`).length).toBe(F.units.length + 2)
      }).pipe(Effect.scoped),
    60_000
  )

  it.live("an UPDATE from a neighbour changes 0 rows; an INSERT or a write outside the scope fails", () =>
    Effect.gen(function* () {
      const { admin, schema, url } = yield* securedSchema
      yield* Effect.scoped(
        Effect.flatMap(
          Layer.build(StorePg.layer({ url: pgUrl, schema, rowLevelSecurity: true })),
          (context) =>
            Effect.provideContext(
              Effect.gen(function* () {
                yield* (yield* UnitRepository).insert([...F.units, q, q1])
                yield* (yield* ReportRepository).insert(F.report("r-c3", "c3", 3, { status: "submitted" }))
              }),
              context
            ).pipe(ActingUnit.actingFor({ unitId: "p" }))
        )
      )
      const app = yield* appClient(url, schema)
      const approve = app<{
        id: string
      }>`UPDATE reports SET status = 'approved' WHERE id = 'r-c3' RETURNING id`
      expect(yield* actingAs(app, "c12")(approve)).toEqual([])
      expect(yield* actingAs(app, "q")(approve)).toEqual([])
      expect(yield* approve).toEqual([])
      expect(yield* actingAs(app, "c12")(app`DELETE FROM reports WHERE id = 'r-c3' RETURNING id`)).toEqual([])
      const status = yield* admin<{
        status: string
      }>`SELECT status FROM ${admin(schema)}.reports WHERE id = 'r-c3'`
      expect(status).toEqual([{ status: "submitted" }])
      // An INSERT for a unit outside the scope fails the policy's check.
      const insertFor = (unit: string) =>
        app`INSERT INTO reports (id, unit_id, programme, period_id, regime_id, status, revision, content, events, version)
            VALUES (${`r-${unit}-x`}, ${unit}, 'DVK', '2026S1', 'party', 'draft', 0, '{}', '[]', 1)`
      const outside = yield* Effect.flip(actingAs(app, "c3")(insertFor("q1")))
      expect(outside.reason._tag).toBe("AuthorizationError")
      expect(String(outside.reason.cause)).toMatch(/row-level security/)
      const unset = yield* Effect.flip(insertFor("c3"))
      expect(String(unset.reason.cause)).toMatch(/row-level security/)
      // Within the scope it is allowed; and the audit trail cannot be changed by anyone.
      yield* actingAs(app, "c3")(insertFor("c3"))
      yield* actingAs(
        app,
        "c3"
      )(app`INSERT INTO audit_entries (id, at, actor_person_id, actor_name, actor_unit_id, actor_role, action, subject_kind, subject_id, summary)
            VALUES ('a-1', '2026-12-02T01:00:00.000Z', 'x', 'Nguyễn Văn An', 'c3', 'officer', 'report.create', 'report', 'r-c3-x', 'Tạo')`)
      expect(
        yield* actingAs(app, "p")(app`UPDATE audit_entries SET summary = 'sửa' WHERE id = 'a-1' RETURNING id`)
      ).toEqual([])
      expect(yield* actingAs(app, "p")(app`DELETE FROM audit_entries RETURNING id`)).toEqual([])
      expect((yield* actingAs(app, "c3")(app`SELECT id FROM audit_entries`)).length).toBe(1)
      expect(yield* actingAs(app, "c12")(app`SELECT id FROM audit_entries`)).toEqual([])
    }).pipe(Effect.scoped)
  )

  it("the use cases through Danvan.open on the app role: each call acts for its actor's unit", async () => {
    await Effect.runPromise(
      Effect.gen(function* () {
        const { schema, url } = yield* securedSchema
        const danvan = yield* Effect.acquireRelease(
          Effect.promise(() =>
            Danvan.open(StorePg.layer({ url, schema, migrate: false, rowLevelSecurity: true }), {
              now: () => new Date("2026-03-02T03:00:00.000Z")
            })
          ),
          (d) => Effect.promise(() => d.close())
        )
        yield* Effect.promise(async () => {
          const admin = { personId: "admin-p", name: "Quản trị tỉnh", unitId: "p", role: "administrator" }
          const officer = { personId: "officer-c3", name: "Cán bộ xã", unitId: "c3", role: "officer" }
          const neighbour = {
            personId: "officer-c12",
            name: "Cán bộ xã Hoa Lư",
            unitId: "c12",
            role: "officer"
          }
          const leader = { personId: "leader-p", name: "Trưởng Ban Dân vận", unitId: "p", role: "leader" }
          await danvan.importUnits(admin, {
            units: [
              F.province,
              F.unit("c3", "commune", "Trường Yên", [{ parentId: "p", from: "2025-07-01" }], {
                from: "2025-07-01"
              }),
              F.unit("c12", "commune", "Hoa Lư", [{ parentId: "p", from: "2025-07-01" }], {
                from: "2025-07-01"
              })
            ],
            successions: []
          })
          for (const field of ModelField.defaults) await danvan.putField(admin, field)
          await danvan.putRegime(admin, Regime.defaults.party)
          const created = await danvan.createReport(officer, {
            id: "r-1",
            unitId: "c3",
            programme: "DVK",
            periodId: "2025S2",
            regimeId: Regime.defaults.party.id
          })
          const submitted = await danvan.submitReport(officer, {
            reportId: "r-1",
            version: created.version
          })
          const approved = await danvan.approveReport(leader, {
            reportId: "r-1",
            version: submitted.report.version
          })
          expect(approved.status).toBe("approved")
          expect((await danvan.report(officer, { reportId: "r-1" })).status).toBe("approved")
          const hidden = await danvan.report(neighbour, { reportId: "r-1" }).then(
            () => undefined,
            (error: unknown) => error
          )
          expect(hidden).toMatchObject({ _tag: "NotFound" })
          // Each entry keeps the role its actor acted in (migration 2).
          const roles = async (actor: typeof officer, actorUnitId: string) =>
            (
              await danvan.auditTrail(actor, { subjectKind: "report", subjectId: "r-1", actorUnitId })
            ).items.map((e) => [e.actor.unitId, e.actor.role])
          expect(await roles(officer, "c3")).toEqual([
            ["c3", "officer"],
            ["c3", "officer"]
          ])
          // The province reads the commune's trail through the policies; its own entry has its role.
          expect(await roles(leader, "c3")).toEqual([
            ["c3", "officer"],
            ["c3", "officer"]
          ])
          expect(await roles(leader, "p")).toEqual([["p", "leader"]])
        })
      }).pipe(Effect.scoped)
    )
  }, 60_000)

  it.live(
    "danvan_readable_units agrees with Jurisdiction.canRead on random hierarchies across the 2025 reform",
    () =>
      Effect.gen(function* () {
        const samples = fc.sample(Arbitraries.hierarchy({ maxProvinces: 2 }), { numRuns: 8, seed: 13 })
        expect(samples.some((h) => h.successions.some((x) => x.carriesHistory))).toBe(true)
        let wider = 0
        for (const h of samples) {
          yield* Effect.scoped(
            Effect.gen(function* () {
              const { admin, schema } = yield* securedSchema
              yield* Effect.scoped(
                Effect.flatMap(Layer.build(StorePg.layer({ url: pgUrl, schema })), (context) =>
                  Effect.provideContext(
                    Effect.gen(function* () {
                      yield* (yield* UnitRepository).insert(h.units)
                      yield* (yield* UnitRepository).insertSuccessions(h.successions)
                    }),
                    context
                  )
                )
              )
              for (const day of ["2000-01-01", "2025-06-30", "2025-07-01", "2030-01-01"]) {
                const scene = Jurisdiction.scene({ on: F.d(day), units: h.units, successions: h.successions })
                for (const acting of h.units) {
                  const actor = new Actor.Actor({
                    personId: Ids.PersonId.make("x"),
                    name: "Nguyễn Văn An",
                    unitId: acting.id
                  })
                  const expected = h.units
                    .filter((u) => Result.isSuccess(Jurisdiction.canRead(actor, u.id, scene)))
                    .map((u) => u.id)
                    .sort()
                  const rows = yield* admin<{
                    id: string
                  }>`SELECT id FROM ${admin(schema)}.danvan_readable_units(${acting.id}, ${day}) AS id`
                  expect(rows.map((r) => r.id).sort(), `${acting.id} on ${day}`).toEqual(expected)
                  if (expected.length > 1) wider++
                }
              }
            })
          )
        }
        // Not only each unit itself: units above others, and carriers of merged units, were compared.
        expect(wider).toBeGreaterThan(20)
      }),
    120_000
  )

  describe("the conformance suite, on the app role acting for a central unit", () => {
    conformance(
      "pg with row-level security",
      () =>
        Layer.unwrap(
          Effect.map(Effect.orDie(securedSchema), ({ admin, schema, url }) =>
            Layer.merge(
              StorePg.layer({ url, schema, migrate: false, rowLevelSecurity: true, maxConnections: 4 }),
              Layer.effectDiscard(
                Effect.orDie(
                  admin`INSERT INTO ${admin(schema)}.danvan_central_units (unit_id) VALUES ('central')`
                )
              )
            ).pipe(Layer.provideMerge(Layer.succeed(ActingUnit.ActingUnit, Ids.UnitId.make("central"))))
          )
        ),
      { modelBased: { numRuns: 10 }, propertyRuns: 10, timeout: 60_000 }
    )
  })
})
