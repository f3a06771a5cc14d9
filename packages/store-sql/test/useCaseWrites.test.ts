/**
 * A use case's writes run without savepoints inside its transaction (`WritesEndTransaction`,
 * docs/decisions/0035). What must still hold, on each engine: a write that fails at the database
 * half-way through a submission (the report updated, its audit entry refused) leaves nothing and
 * reports the database's refusal; a regime put through a second store is what the next submission
 * uses; a stale submission is refused; code that catches a failed write inside its own
 * transaction still sees a usable transaction and nothing half-written.
 */
import { join } from "node:path"
import {
  type Actor,
  AuditLog,
  Configuration,
  Ids,
  ReferenceData,
  Regime,
  Report,
  ReportRepository,
  Reports,
  type Store,
  StoreError,
  UnitOfWork,
  Units
} from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, type Scope } from "effect"
import { StoreSql } from "../src/index.ts"
import { StorePg } from "../src/pg.ts"
import { SqliteClient } from "../src/sqlite.ts"
import { freshSchema, pgAvailable, pgUrl, SqlClient, tempDir } from "./support/engines.ts"

const admin: Actor.ActorInput = {
  personId: "admin-37",
  name: "Quản trị hệ thống tỉnh",
  unitId: "vn-37",
  role: "administrator"
}
const officer: Actor.ActorInput = {
  personId: "can-bo-374",
  name: "Cán bộ huyện Hoa Lư",
  unitId: "vn-374",
  role: "officer"
}

type WithSql = Layer.Layer<Store.Store | SqlClient.SqlClient, unknown>
type Run = <B, E2>(effect: Effect.Effect<B, E2, Store.Store | SqlClient.SqlClient>) => Effect.Effect<B, E2>

const overClient = (client: Layer.Layer<SqlClient.SqlClient, unknown>): WithSql =>
  StoreSql.layerFromClient().pipe(Layer.provideMerge(client))

/** Two stores over one database, both open at once, as two processes would have them. */
const twoStores = <A, E>(layer: WithSql, body: (first: Run, second: Run) => Effect.Effect<A, E>) =>
  Effect.scoped(
    Effect.gen(function* () {
      const a = yield* Layer.build(layer)
      const b = yield* Layer.build(Layer.fresh(layer))
      return yield* body(
        (effect) => Effect.provideContext(effect, a),
        (effect) => Effect.provideContext(effect, b)
      )
    })
  )

const setUp = Effect.gen(function* () {
  yield* Units.importUnits(admin, {
    units: [
      {
        id: "vn-37",
        type: "province",
        name: "Ninh Bình",
        code: "37",
        validFrom: "2016-01-01",
        parents: [],
        version: 0
      },
      {
        id: "vn-374",
        type: "ruralDistrict",
        name: "Hoa Lư",
        code: "374",
        validFrom: "2016-01-01",
        validUntil: "2025-07-01",
        parents: [{ parentId: "vn-37", from: "2016-01-01", until: "2025-07-01" }],
        version: 0
      }
    ],
    successions: []
  })
  const regime = yield* Configuration.putRegime(admin, Regime.defaults.party)
  const draft = (periodId: string) =>
    Reports.createReport(officer, { unitId: "vn-374", programme: "QCDC", periodId, regimeId: regime.id })
  return { regime, draft }
})

/** Refuses `report.submitted` audit entries at the database, as a constraint added by hand would. */
const refuseSubmittedAudit = (dialect: "sqlite" | "pg") =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    dialect === "pg"
      ? sql`ALTER TABLE audit_entries ADD CONSTRAINT no_submission CHECK (action <> 'report.submitted')`
      : sql`CREATE TRIGGER no_submission BEFORE INSERT ON audit_entries WHEN NEW.action = 'report.submitted' BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: no_submission'); END`
  )

const scenario = (dialect: "sqlite" | "pg", layer: () => Effect.Effect<WithSql, unknown, Scope.Scope>) =>
  Effect.gen(function* () {
    yield* twoStores(yield* layer(), (first, second) =>
      Effect.gen(function* () {
        const { regime, draft } = yield* first(setUp)
        const a = yield* first(draft("2017S1"))
        const b = yield* first(draft("2018S1"))

        // 1. The audit entry is refused after the report's row was updated: nothing is left.
        yield* first(refuseSubmittedAudit(dialect))
        const refused = yield* Effect.flip(
          first(Reports.submitReport(officer, { reportId: a.id, version: a.version }))
        )
        expect(refused).toBeInstanceOf(StoreError.ConstraintViolation)
        expect(refused).toMatchObject({ entity: "audit", constraint: "database constraint" })
        expect(String((refused as StoreError.ConstraintViolation).detail)).toContain("no_submission")
        const untouched = yield* first(Effect.flatMap(ReportRepository, (r) => r.get(a.id)))
        expect(untouched).toMatchObject({ status: "draft", revision: 0, version: a.version })
        expect(yield* first(Effect.flatMap(ReportRepository, (r) => r.revisions(a.id)))).toEqual([])
        const audit = yield* first(
          Effect.flatMap(AuditLog, (log) => log.list({ subjectId: a.id }, { limit: 100 }))
        )
        expect(audit.items.map((e) => e.action)).toEqual(["report.created"])
        yield* first(
          Effect.flatMap(SqlClient.SqlClient, (sql) =>
            dialect === "pg"
              ? sql`ALTER TABLE audit_entries DROP CONSTRAINT no_submission`
              : sql`DROP TRIGGER no_submission`
          )
        )

        // 1b. A write the database refuses is named by the storage contract, as outside a use case
        // (on PostgreSQL the diagnosis needs the transaction usable: the use case runs again with
        // savepoints after the refusal).
        const twin = yield* Effect.flip(first(draft("2017S1")))
        expect(twin).toBeInstanceOf(StoreError.ConstraintViolation)
        expect(twin).toMatchObject({ entity: "report" })
        expect((twin as StoreError.ConstraintViolation).constraint).not.toBe("database constraint")

        // 2. A regime changed through the second store is the one the first store reads next.
        const renamed = yield* second(
          Configuration.putRegime(admin, {
            ...Regime.defaults.party,
            name: "Quy chế đã sửa",
            version: regime.version
          })
        )
        expect(renamed.version).toBe(regime.version + 1)
        expect(yield* first(Effect.flatMap(ReferenceData, (r) => r.regime(regime.id)))).toEqual(renamed)
        const { report: submitted } = yield* first(
          Reports.submitReport(officer, { reportId: a.id, version: a.version })
        )
        expect(submitted).toMatchObject({ status: "submitted", revision: 1, version: a.version + 1 })

        // 3. A stale submission is refused with the version the store has, and changes nothing.
        const stale = yield* Effect.flip(
          second(Reports.submitReport(officer, { reportId: a.id, version: a.version }))
        )
        expect(stale).toMatchObject({ _tag: "VersionConflict", expected: a.version, actual: a.version + 1 })
        expect(yield* second(Effect.flatMap(ReportRepository, (r) => r.revisions(a.id)))).toHaveLength(1)

        // 4. Code that catches a failed write inside its own transaction goes on with a usable
        // transaction and nothing half-written: the failed update left report b as it was.
        const caught = yield* first(
          Effect.flatMap(UnitOfWork, (uow) =>
            uow.transaction(
              Effect.gen(function* () {
                const reports = yield* ReportRepository
                const stored = yield* reports.get(b.id)
                // A second report of the same unit, period and programme: the database refuses it.
                const failure = yield* Effect.flip(
                  reports.insert(new Report.Report({ ...stored, id: Ids.ReportId.make("twin"), version: 0 }))
                )
                const edited = yield* reports.update(
                  new Report.Report({
                    ...stored,
                    content: new Report.ReportContent({ ...stored.content, achievements: "Sau lỗi" })
                  })
                )
                return { failure, edited }
              })
            )
          )
        )
        expect(caught.failure).toBeInstanceOf(StoreError.ConstraintViolation)
        const after = yield* first(Effect.flatMap(ReportRepository, (r) => r.get(b.id)))
        expect(after).toEqual(caught.edited)
        expect(after.content.achievements).toBe("Sau lỗi")
        expect(
          yield* Effect.flip(first(Effect.flatMap(ReportRepository, (r) => r.get(Ids.ReportId.make("twin")))))
        ).toMatchObject({
          _tag: "NotFound"
        })
      })
    )
  })

describe("a use case's writes inside its transaction", () => {
  it.live(
    "SQLite file",
    () =>
      scenario("sqlite", () =>
        Effect.map(tempDir, (dir) => overClient(SqliteClient.layer({ filename: join(dir, "store.db") })))
      ).pipe(Effect.scoped),
    60_000
  )

  it.live.skipIf(!pgAvailable)(
    "PostgreSQL schema",
    () =>
      scenario("pg", () =>
        Effect.map(freshSchema, ({ schema }) =>
          overClient(PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 })))
        )
      ).pipe(Effect.scoped),
    60_000
  )
})
