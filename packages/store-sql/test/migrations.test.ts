/**
 * Migrations: recorded in the database, a no-op the second time, safe from two connections and
 * two processes at once, and refusing (with a typed error, changing nothing) a database written by
 * a newer version of the adapter.
 */
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import {
  Actor,
  AuditEntry,
  AuditLog,
  CalendarDate,
  CommitteeRepository,
  Coordination,
  Directive,
  DirectiveRepository,
  Ids,
  ModelField,
  ModelRepository,
  Page,
  PublicHolidays,
  ReferenceData,
  Regime,
  Report,
  ReportRepository,
  TaskFollowUp,
  UnitRepository,
  ValidationRule
} from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"
import { Migrations, StoreSql } from "../src/index.ts"
import * as Dialect from "../src/internal/Dialect.ts"
import initialSchema from "../src/migrations/0001_initial_schema.ts"
import regimePublicHolidaysAuditRole from "../src/migrations/0002_regime_public_holidays_audit_role.ts"
import { all as allMigrations } from "../src/migrations/index.ts"
import { StorePg } from "../src/pg.ts"
import { SqliteClient, StoreSqlite } from "../src/sqlite.ts"
import {
  adminClient,
  describeEngine,
  describePg,
  engines,
  freshClient,
  freshSchema,
  pgAvailable,
  pgUrl,
  rowCounts,
  storeTables,
  tempDir,
  uniqueSchema
} from "./support/engines.ts"
import * as F from "./support/fixtures.ts"
import { runTogether } from "./support/processes.ts"

const migrationRows = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(
    sql<{
      migration_id: unknown
      name: unknown
    }>`SELECT migration_id, name FROM danvan_store_migrations ORDER BY migration_id`,
    (rows) => rows.map((r) => [Number(r.migration_id), String(r.name)] as const)
  )
)

/** Every migration this version ships, in order. */
const shipped = [
  { id: 1, name: "initial_schema" },
  { id: 2, name: "regime_public_holidays_audit_role" },
  { id: 3, name: "directive_issuer" },
  { id: 4, name: "report_task_progress" },
  { id: 5, name: "directive_change_stamp" },
  { id: 6, name: "report_period_index_by_unit" }
]
const shippedRows = shipped.map((m) => [m.id, m.name] as const)

/** A migration id newer than any this version knows. */
const future = Migrations.latest + 1

/** Every row of every store table, each table's rows in a stable order. */
const tableRows = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const out: Record<string, ReadonlyArray<Record<string, unknown>>> = {}
  for (const table of storeTables) {
    const rows = yield* sql<Record<string, unknown>>`SELECT * FROM ${sql(table)}`
    out[table] = rows
      .map((row) => ({ ...row }))
      .sort((a, b) => (JSON.stringify(a, plain) < JSON.stringify(b, plain) ? -1 : 1))
  }
  return out
})

/** JSON for rows whose BIGINT columns come back as `bigint`. */
const plain = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value)

/** A row without one column. */
const without = (row: Record<string, unknown>, column: string | undefined) => {
  if (column === undefined) return row
  const { [column]: _, ...rest } = row
  return rest
}

/** Builds a layer and fails with its error (the layer is released at once). */
const buildError = <A, E>(layer: Layer.Layer<A, E>) => Effect.flip(Effect.scoped(Layer.build(layer)))

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect("migrate applies the schema once, records it, and is a no-op the second time", () =>
      Effect.gen(function* () {
        expect(yield* Migrations.current).toBeUndefined()
        expect(yield* StoreSql.migrate).toEqual(shipped)
        expect(yield* StoreSql.migrate).toEqual([])
        expect(yield* Migrations.current).toEqual(shipped.at(-1))
        expect(yield* migrationRows).toEqual(shippedRows)
        expect(Migrations.latest).toBe(shipped.length)
        // Every table is there and empty.
        expect(Object.values(yield* rowCounts).every((n) => n === 0)).toBe(true)
      }).pipe(Effect.provide(freshClient(engine)))
    )

    it.effect(
      "a database at schema 1 with rows in every table, migrated to 2, keeps every row; old rows decode without the new fields",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          // Schema 1 exactly as version 1 of the adapter left it.
          yield* Migrator.make({})({
            loader: Migrator.fromRecord({ "1_initial_schema": initialSchema }),
            table: Migrations.table
          })
          expect(yield* Migrations.current).toEqual(shipped[0])
          // Rows written at schema 1: by the repositories where a table did not change, by hand in
          // the tables migration 2 changes (whose repositories now write the new columns).
          const store = yield* StoreSql.makeStore
          yield* Effect.provideContext(
            Effect.gen(function* () {
              yield* (yield* UnitRepository).insert(F.units)
              yield* (yield* UnitRepository).insertSuccessions(F.merger)
              yield* (yield* CommitteeRepository).insert(F.committee("bcd-p", "p"))
              yield* (yield* ReferenceData).putField(
                new ModelField.ModelField({
                  id: Ids.FieldId.make("economy"),
                  name: "Kinh tế",
                  order: 1,
                  version: 0
                })
              )
              yield* (yield* ReferenceData).putValidationRule(
                new ValidationRule.ValidationRule({
                  id: Ids.ValidationRuleId.make("effective-within-models"),
                  name: "Mô hình hiệu quả không vượt số mô hình",
                  programme: "DVK",
                  left: { terms: [{ indicator: "effective", coefficient: 1 }], constant: 0 },
                  operator: "<=",
                  right: { terms: [{ indicator: "models", coefficient: 1 }], constant: 0 },
                  importance: "high",
                  scope: "own",
                  version: 0
                })
              )
              yield* (yield* ModelRepository).insert([F.model("m-1", "c3")])
              yield* (yield* ModelRepository).insertCoordination(
                new Coordination.CoordinationProgramme({
                  id: Ids.CoordinationId.make("ctr-1"),
                  title: "Chương trình phối hợp giữa Ban Dân vận và Công an tỉnh",
                  programme: "DVK",
                  parties: [F.unitId("p"), F.unitId("c3")],
                  signedOn: F.d("2017-01-10"),
                  validFrom: F.d("2017-01-10"),
                  version: 0
                })
              )
              yield* (yield* ReportRepository).insert(F.report("r-1", "c3", 4))
              const draft = yield* (yield* ReportRepository).insert(
                F.report("r-2", "dA", 9, { status: "draft" })
              )
              yield* (yield* ReportRepository).update(
                new Report.Report({ ...draft, status: "submitted", revision: 1 }),
                new Report.ReportRevision({
                  reportId: draft.id,
                  revision: 1,
                  content: draft.content,
                  submittedAt: F.at("2017-07-03T01:00:00.000Z"),
                  submittedBy: F.officer("dA"),
                  onTime: true
                })
              )
            }),
            store
          )
          // Directives as schema 1 stored them (today's repository writes migration 3's columns).
          yield* legacyDirective("nd-59", "State", "CP", "NĐ", 59)
          yield* legacyDirective("nd-60", "State", "CP", "NĐ", 60)
          yield* sql`INSERT INTO directive_replaces ${sql.insert({ directive_id: "nd-60", ordinal: 0, replaced_id: "nd-59" })}`
          yield* sql`INSERT INTO regimes ${sql.insert({
            id: "party-halves",
            name: "Báo cáo của Đảng",
            calendar: "calendarMonths",
            deadline_province: 10,
            deadline_district: 7,
            deadline_commune: 5,
            deadline_grassroots: 3,
            holidays: JSON.stringify(["2017-09-04"]),
            version: 2
          })}`
          for (const id of ["a-1", "a-2"]) {
            yield* sql`INSERT INTO audit_entries ${sql.insert({
              id,
              at: "2017-06-20T03:00:00.000Z",
              actor_person_id: "officer-p",
              actor_name: "Nguyễn Văn An",
              actor_unit_id: "p",
              action: "report.approve",
              subject_kind: "report",
              subject_id: "r-1",
              summary: "Phê duyệt báo cáo"
            })}`
          }
          const before = yield* tableRows
          const counts = yield* rowCounts
          for (const table of storeTables) expect(counts[table], table).toBeGreaterThan(0)

          expect(
            yield* Migrator.make({})({
              loader: Migrator.fromRecord({
                "1_initial_schema": initialSchema,
                "2_regime_public_holidays_audit_role": regimePublicHolidaysAuditRole
              }),
              table: Migrations.table
            })
          ).toEqual([[2, "regime_public_holidays_audit_role"]])
          const after = yield* tableRows
          // Every row is still there, every old column unchanged; the new columns are NULL.
          for (const table of storeTables) {
            const added =
              table === "regimes" ? "public_holidays" : table === "audit_entries" ? "actor_role" : undefined
            expect(
              after[table]?.map((row) => without(row, added)),
              table
            ).toEqual(before[table])
            if (added !== undefined)
              expect(after[table]?.map((row) => row[added])).toEqual(before[table]?.map(() => null))
          }

          // Through a store at the newest schema: the old rows decode, a regime without public
          // holidays and entries without a role (made before roles were kept); new writes keep both.
          expect((yield* StoreSql.migrate).map((m) => m.id)).toEqual(shipped.slice(2).map((m) => m.id))
          const migrated = yield* Layer.build(StoreSql.layerFromClient({ migrate: false }))
          yield* Effect.provideContext(
            Effect.gen(function* () {
              const reference = yield* ReferenceData
              const audit = yield* AuditLog
              const regime = yield* reference.regime(Ids.RegimeId.make("party-halves"))
              expect(regime.publicHolidays).toBeUndefined()
              expect([regime.holidays, regime.version]).toEqual([["2017-09-04"], 2])
              const entries = yield* Page.collect((page) => audit.list({}, page))
              expect(entries.map((e) => [e.id, { ...e.actor }])).toEqual([
                ["a-1", { ...F.officer("p") }],
                ["a-2", { ...F.officer("p") }]
              ])
              expect(
                (yield* (yield* ReportRepository).get(Ids.ReportId.make("r-1"))).content.figures
              ).toEqual(F.report("r-1", "c3", 4).content.figures)
              const observing = yield* reference.putRegime(
                new Regime.ReportingRegime({
                  ...regime,
                  publicHolidays: { schedules: PublicHolidays.announced }
                })
              )
              expect((yield* reference.regime(regime.id)).publicHolidays).toEqual(observing.publicHolidays)
              const withRole = new AuditEntry.AuditEntry({
                ...F.auditEntry("a-3"),
                actor: new Actor.Actor({ ...F.officer("p"), role: "leader" })
              })
              yield* audit.append([withRole])
              const listed = yield* Page.collect((page) => audit.list({}, page))
              expect(listed.find((e) => e.id === "a-3")?.actor.role).toBe("leader")
            }),
            migrated
          )
        }).pipe(Effect.scoped, Effect.provide(freshClient(engine)))
    )

    it.effect("with migrate: false a pending schema is StoreUnavailable and nothing is created", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const layer = StoreSql.layerFromClient({ migrate: false }).pipe(
          Layer.provide(Layer.succeed(SqlClient.SqlClient, sql))
        )
        const error = yield* buildError(layer)
        expect(error._tag).toBe("StoreUnavailable")
        expect(error.message).toContain("run StoreSql.migrate")
        expect(yield* Migrations.current).toBeUndefined()
        yield* StoreSql.migrate
        const units = yield* Effect.scoped(Effect.flatMap(Layer.build(layer), (ctx) => Effect.succeed(ctx)))
        expect(units).toBeDefined()
      }).pipe(Effect.provide(freshClient(engine)))
    )
  })
}

/** A database at migration 1 (before directives carried their issuing unit). */
const atMigration1 = Migrator.make({})({
  loader: Migrator.fromRecord({ "1_initial_schema": initialSchema }),
  table: Migrations.table
})

/** A directive row as migration 1 stored it, with the keys of that version. */
const legacyDirective = (
  id: string,
  kind: "State" | "Party",
  issuer: string,
  typeCode: string,
  number: number
) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => {
    const row = {
      id,
      number_kind: kind,
      number_value: number,
      number_year: kind === "State" ? 2024 : null,
      number_type_code: typeCode,
      number_issuer: issuer,
      number_key: `legacy-match-${id}`,
      numbering_key: JSON.stringify([kind, number, typeCode, issuer]),
      title: `Văn bản ${id}`,
      issuer_name: null,
      programme: "DVK",
      issued_on: "2024-01-05",
      effective_from: "2024-01-05",
      effective_until: null,
      tasks: "[]",
      version: 1
    }
    return sql`INSERT INTO directives ${sql.insert(row)}`
  })

const legacyUnit = (id: string, type: string, level: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql`INSERT INTO units ${sql.insert({ id, type, level, name: id, code: null, valid_from: "1992-01-01", valid_until: null, version: 1 })}`
  )

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect(
      "migration 3 gives stored directives their issuer: the centre for a central code, the only province otherwise",
      () =>
        Effect.gen(function* () {
          yield* atMigration1
          yield* legacyUnit("vn-37", "province", "province")
          yield* legacyUnit("vn-37-369", "ruralDistrict", "district")
          yield* legacyDirective("nd-59", "State", "CP", "NĐ", 59)
          yield* legacyDirective("kh-771", "Party", "BDVTƯ", "KH", 771)
          yield* legacyDirective("qd-01", "State", "UBND", "QĐ", 1)
          expect((yield* StoreSql.migrate).map((m) => m.id)).toEqual([2, 3, 4, 5, 6])
          const sql = yield* SqlClient.SqlClient
          const store = StoreSql.layerFromClient({ migrate: false }).pipe(
            Layer.provide(Layer.succeed(SqlClient.SqlClient, sql))
          )
          yield* Effect.gen(function* () {
            const directives = yield* DirectiveRepository
            expect((yield* directives.get(Ids.DirectiveId.make("nd-59"))).issuedBy).toEqual({
              _tag: "Central",
              body: "government"
            })
            expect((yield* directives.get(Ids.DirectiveId.make("kh-771"))).issuedBy).toEqual({
              _tag: "Central",
              body: "massMobilisationCommission"
            })
            const local = yield* directives.get(Ids.DirectiveId.make("qd-01"))
            expect(local.issuedBy).toEqual({ _tag: "Unit", unitId: "vn-37", body: "peoplesCommittee" })
            // The keys are recomputed: a true duplicate is refused, another province's number is not.
            const again = yield* Effect.flip(
              directives.insert(
                new Directive.Directive({ ...local, id: Ids.DirectiveId.make("qd-01-bis"), version: 0 })
              )
            )
            expect(again._tag).toBe("ConstraintViolation")
            yield* directives.insert(
              new Directive.Directive({
                ...local,
                id: Ids.DirectiveId.make("qd-01-ha-nam"),
                issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make("vn-35"), body: "peoplesCommittee" },
                version: 0
              })
            )
            expect((yield* directives.findByNumber(local.number)).map((d) => d.id)).toEqual([
              "qd-01",
              "qd-01-ha-nam"
            ])
          }).pipe(Effect.provide(store))
        }).pipe(Effect.provide(freshClient(engine)))
    )

    it.effect(
      "migration 3 refuses local directives it cannot attribute (no single province), naming one, and changes nothing",
      () =>
        Effect.gen(function* () {
          yield* atMigration1
          yield* legacyUnit("vn-37", "province", "province")
          yield* legacyUnit("vn-35", "province", "province")
          yield* legacyDirective("nd-59", "State", "CP", "NĐ", 59)
          yield* legacyDirective("kh-20", "Party", "TU", "KH", 20)
          const error = yield* Effect.flip(StoreSql.migrate)
          expect(error._tag).toBe("StoreUnavailable")
          expect(error.message).toContain('Migration "3_directive_issuer" failed')
          expect(String((error as { readonly cause?: unknown }).cause)).toContain(
            'directive "kh-20" (20-KH/TU)'
          )
          expect(yield* Migrations.current).toEqual({ id: 1, name: "initial_schema" })
          const sql = yield* SqlClient.SqlClient
          const rows = yield* sql<{ numbering_key: string }>`SELECT numbering_key FROM directives ORDER BY id`
          expect(rows.map((r) => r.numbering_key)).toEqual([
            JSON.stringify(["Party", 20, "KH", "TU"]),
            JSON.stringify(["State", 59, "NĐ", "CP"])
          ])
        }).pipe(Effect.provide(freshClient(engine)))
    )
  })
}

/** Names and SHA-256 of every file in a directory, to show it did not change. */
const fingerprint = (dir: string) =>
  Effect.sync(() =>
    readdirSync(dir)
      .sort()
      .map(
        (name) =>
          `${name}:${createHash("sha256")
            .update(readFileSync(join(dir, name)))
            .digest("hex")}`
      )
  )

describe("a database written by a newer version", () => {
  it.live("SQLite: opening fails with StoreCorrupt and the file's bytes are unchanged", () =>
    Effect.gen(function* () {
      const dir = yield* tempDir
      const filename = join(dir, "store.db")
      // A store written by this version, then marked as migrated by a newer one.
      yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(
            StoreSql.layerFromClient().pipe(Layer.provideMerge(Layer.orDie(SqliteClient.layer({ filename }))))
          )
          yield* Effect.provideContext(
            Effect.gen(function* () {
              yield* (yield* UnitRepository).insert(F.units)
              const sql = yield* SqlClient.SqlClient
              yield* sql`INSERT INTO danvan_store_migrations (migration_id, name) VALUES (${future}, ${"from_the_future"})`
            }),
            context
          )
        })
      )
      const before = yield* fingerprint(dir)
      expect(before).toHaveLength(1)
      for (const migrate of [true, false]) {
        const error = yield* buildError(StoreSqlite.layer({ filename, migrate }))
        expect(error._tag).toBe("StoreCorrupt")
        expect(error.message).toContain(`migration ${future}`)
        expect(error.message).toContain("newer")
        expect(yield* fingerprint(dir)).toEqual(before)
      }
    }).pipe(Effect.scoped)
  )

  it.live.skipIf(!pgAvailable)(
    "PostgreSQL: opening fails with StoreCorrupt and no table, row or migration record changes",
    () =>
      Effect.gen(function* () {
        const { admin, schema } = yield* freshSchema
        yield* Effect.scoped(
          Effect.flatMap(Layer.build(StorePg.layer({ url: pgUrl, schema })), (context) =>
            Effect.provideContext(
              Effect.flatMap(UnitRepository, (units) => units.insert(F.units)),
              context
            )
          )
        )
        yield* admin`INSERT INTO ${admin(schema)}.danvan_store_migrations (migration_id, name) VALUES (${future}, ${"from_the_future"})`
        const snapshot = Effect.all({
          tables: admin`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY table_name`,
          migrations: admin`SELECT migration_id, name, created_at FROM ${admin(schema)}.danvan_store_migrations ORDER BY migration_id`,
          units: admin`SELECT * FROM ${admin(schema)}.units ORDER BY id`,
          links: admin`SELECT * FROM ${admin(schema)}.unit_parent ORDER BY unit_id, ordinal`
        })
        const before = yield* snapshot
        expect(before.units).toHaveLength(F.units.length)
        for (const migrate of [true, false]) {
          const error = yield* buildError(StorePg.layer({ url: pgUrl, schema, migrate }))
          expect(error._tag).toBe("StoreCorrupt")
          expect(error.message).toContain(`migration ${future}`)
          expect(yield* snapshot).toEqual(before)
        }
      }).pipe(Effect.scoped)
  )
})

describe("migrating from two places at once", () => {
  it.live.skipIf(!pgAvailable)(
    "two PostgreSQL connection pools migrate one empty schema: one applies, the other waits and finds it done",
    () =>
      Effect.gen(function* () {
        const { schema } = yield* freshSchema
        const pool = Layer.orDie(
          PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 }))
        )
        const results = yield* Effect.all(
          [Effect.provide(StoreSql.migrate, pool), Effect.provide(StoreSql.migrate, pool)],
          { concurrency: "unbounded" }
        )
        expect(results.map((r) => r.length).sort()).toEqual([0, shipped.length])
        expect(yield* Effect.provide(migrationRows, pool)).toEqual(shippedRows)
      }).pipe(Effect.scoped)
  )

  it.live.skipIf(!pgAvailable)(
    "two processes migrate one PostgreSQL schema at once",
    () =>
      Effect.gen(function* () {
        const { admin, schema } = yield* freshSchema
        const results = yield* runTogether([
          ["pg", schema, "migrate", "A"],
          ["pg", schema, "migrate", "B"]
        ])
        expect(results.map((r) => r.done.applied).sort()).toEqual([[], shipped.map((m) => m.id)])
        const rows = yield* admin`SELECT migration_id FROM ${admin(schema)}.danvan_store_migrations`
        expect(rows).toHaveLength(shipped.length)
      }).pipe(Effect.scoped),
    60_000
  )

  it.live(
    "two processes migrate one SQLite file at once",
    () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        const filename = join(dir, "store.db")
        const results = yield* runTogether([
          ["sqlite", filename, "migrate", "A"],
          ["sqlite", filename, "migrate", "B"]
        ])
        expect(results.map((r) => r.done.applied).sort()).toEqual([[], shipped.map((m) => m.id)])
        const rows = yield* Effect.provide(migrationRows, Layer.orDie(SqliteClient.layer({ filename })))
        expect(rows).toEqual(shippedRows)
      }).pipe(Effect.scoped),
    60_000
  )
})

describePg("PostgreSQL schema", () => {
  it.live("layerPg creates a missing schema and migrates into it; the tables land there, not in public", () =>
    Effect.gen(function* () {
      const admin = yield* adminClient
      const schema = uniqueSchema()
      yield* Effect.addFinalizer(() => Effect.ignore(admin`DROP SCHEMA IF EXISTS ${admin(schema)} CASCADE`))
      yield* Effect.scoped(Layer.build(StorePg.layer({ url: pgUrl, schema })))
      const tables = yield* admin<{
        table_name: string
      }>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema}`
      expect(tables.map((t) => t.table_name).sort()).toEqual(
        [...storeTables, "danvan_store_migrations"].sort()
      )
    }).pipe(Effect.scoped)
  )
})

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect(
      "migration 4 changes no row; a report stored without task follow-up reads with none, and follow-up round-trips",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const upTo3 = Object.fromEntries(
            Object.entries(allMigrations).filter(([key]) => Number(key.split("_")[0]) <= 3)
          )
          yield* Migrator.make({})({ loader: Migrator.fromRecord(upTo3), table: Migrations.table })
          expect(yield* Migrations.current).toEqual(shipped[2])
          const store = yield* StoreSql.makeStore
          yield* Effect.provideContext(
            Effect.gen(function* () {
              yield* (yield* UnitRepository).insert(F.units)
              yield* (yield* ReportRepository).insert(F.report("r-1", "c3", 4))
            }),
            store
          )
          // The content as an adapter at migration 3 wrote it: no taskProgress key.
          const [row] = yield* sql<{ content: string }>`SELECT content FROM reports WHERE id = ${"r-1"}`
          const { taskProgress: _, ...old } = JSON.parse(String(row?.content)) as Record<string, unknown>
          yield* sql`UPDATE reports SET content = ${JSON.stringify(old)} WHERE id = ${"r-1"}`
          const before = yield* tableRows
          expect((yield* StoreSql.migrate).map((m) => m.id)).toEqual([4, 5, 6])
          expect(yield* tableRows).toEqual(before)
          const migrated = StoreSql.layerFromClient({ migrate: false }).pipe(
            Layer.provide(Layer.succeed(SqlClient.SqlClient, sql))
          )
          yield* Effect.gen(function* () {
            const reports = yield* ReportRepository
            const stored = yield* reports.get(Ids.ReportId.make("r-1"))
            expect(stored.content.taskProgress).toEqual([])
            const progress = [
              new TaskFollowUp.TaskProgress({
                directiveId: Ids.DirectiveId.make("kl-145"),
                taskId: Ids.TaskId.make("t4"),
                status: "inProgress",
                note: "Đã tổ chức 3 buổi đối thoại"
              })
            ]
            yield* reports.update(
              new Report.Report({
                ...stored,
                content: new Report.ReportContent({ ...stored.content, taskProgress: progress })
              })
            )
            expect((yield* reports.get(stored.id)).content.taskProgress).toEqual(progress)
          }).pipe(Effect.provide(migrated))
        }).pipe(Effect.provide(freshClient(engine)))
    )
  })
}

/** The migrations up to `id`, as an adapter of that version ran them. */
const migratedTo = (id: number) =>
  Migrator.make({})({
    loader: Migrator.fromRecord(
      Object.fromEntries(Object.entries(allMigrations).filter(([key]) => Number(key.split("_")[0]) <= id))
    ),
    table: Migrations.table
  })

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect.each([1, 2, 3, 4])(
      "migration 5 gives every directive stored at migration %i a stamp of its own, and the stamps then follow every change",
      (version) =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* migratedTo(version)
          expect((yield* Migrations.current)?.id).toBe(version)
          if (version < 3) {
            yield* legacyUnit("vn-37", "province", "province")
            yield* legacyDirective("nd-59", "State", "CP", "NĐ", 59)
            yield* legacyDirective("nd-60", "State", "CP", "NĐ", 60)
            yield* legacyDirective("nd-61", "State", "CP", "NĐ", 61)
          } else {
            // The repository of migrations 3 and 4 wrote the same columns as today's.
            const store = yield* StoreSql.makeStore
            yield* Effect.provideContext(
              Effect.flatMap(DirectiveRepository, (d) =>
                d.insertMany([F.directive("nd-59", 59), F.directive("nd-60", 60), F.directive("nd-61", 61)])
              ),
              store
            )
          }
          yield* sql`INSERT INTO directive_replaces (directive_id, ordinal, replaced_id) VALUES (${"nd-61"}, 0, ${"nd-60"})`
          const before = yield* tableRows
          expect((yield* StoreSql.migrate).map((m) => m.id)).toEqual(
            shipped.filter((m) => m.id > version).map((m) => m.id)
          )
          const after = yield* tableRows
          if (version === 4) {
            // Nothing but the new column changes (migration 6 rebuilds an index only).
            expect({
              ...after,
              directives: after.directives?.map((r) => without(r, "change_stamp"))
            }).toEqual(before)
          }
          const stampsOf = Effect.map(
            sql<{ id: string; change_stamp: unknown }>`SELECT id, change_stamp FROM directives ORDER BY id`,
            (rows) => new Map(rows.map((r) => [r.id, Number(r.change_stamp)]))
          )
          const stamps = yield* stampsOf
          expect(new Set(stamps.values()).size).toBe(3)
          const migrated = StoreSql.layerFromClient({ migrate: false }).pipe(
            Layer.provide(Layer.succeed(SqlClient.SqlClient, sql))
          )
          yield* Effect.gen(function* () {
            const directives = yield* DirectiveRepository
            const asOf = CalendarDate.unsafeFromString("2025-01-01")
            expect((yield* directives.inForce(asOf)).map((d) => [d.id, d.replaces])).toEqual([
              ["nd-59", []],
              ["nd-61", ["nd-60"]]
            ])
            // A directive inserted now, a hand edit, a changed `replaces` row: each a stamp never given.
            yield* directives.insert(F.directive("nd-62", 62))
            yield* sql`UPDATE directives SET title = ${"Sửa tay"} WHERE id = ${"nd-59"}`
            yield* sql`DELETE FROM directive_replaces WHERE directive_id = ${"nd-61"}`
            const later = yield* stampsOf
            expect(later.get("nd-60")).toBe(stamps.get("nd-60"))
            const given = new Set(stamps.values())
            for (const id of ["nd-59", "nd-61", "nd-62"]) {
              expect(Number.isSafeInteger(later.get(id))).toBe(true)
              expect(given.has(later.get(id)!)).toBe(false)
            }
            const now = [...(yield* directives.inForce(asOf))].sort((a, b) => (a.id < b.id ? -1 : 1))
            expect(now.map((d) => [d.id, d.replaces])).toEqual([
              ["nd-59", []],
              ["nd-60", []],
              ["nd-61", []],
              ["nd-62", []]
            ])
            expect(now[0]?.title).toBe("Sửa tay")
          }).pipe(Effect.provide(migrated))
        }).pipe(Effect.provide(freshClient(engine)))
    )
  })
}

/** The columns of `reports_period_idx`, in key order. */
const periodIndexColumns = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  if ((yield* Dialect.of(sql)) === "sqlite") {
    const rows = yield* sql<{
      name: string
    }>`SELECT name FROM pragma_index_info('reports_period_idx') ORDER BY seqno`
    return rows.map((r) => r.name)
  }
  const rows = yield* sql<{
    name: string
  }>`SELECT a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE c.relname = 'reports_period_idx' AND c.relnamespace = current_schema()::regnamespace
      ORDER BY k.n`
  return rows.map((r) => r.name)
})

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect(
      "migration 6 keys reports_period_idx by unit before status, keeps every row, and runs again safely",
      () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          yield* migratedTo(5)
          expect(yield* periodIndexColumns).toEqual(["period_id", "programme", "status", "unit_id"])
          const store = yield* StoreSql.makeStore
          yield* Effect.provideContext(
            Effect.gen(function* () {
              yield* (yield* UnitRepository).insert(F.units)
              yield* (yield* ReportRepository).insert(F.report("r-1", "c3", 4))
            }),
            store
          )
          const before = yield* tableRows
          expect((yield* StoreSql.migrate).map((m) => m.id)).toEqual([6])
          expect(yield* tableRows).toEqual(before)
          expect(yield* periodIndexColumns).toEqual(["period_id", "programme", "unit_id", "status"])
          // Taken back by hand (the migration's record deleted), it runs again and ends the same.
          yield* sql`DELETE FROM danvan_store_migrations WHERE migration_id = 6`
          expect((yield* StoreSql.migrate).map((m) => m.id)).toEqual([6])
          expect(yield* periodIndexColumns).toEqual(["period_id", "programme", "unit_id", "status"])
          const migrated = StoreSql.layerFromClient({ migrate: false }).pipe(
            Layer.provide(Layer.succeed(SqlClient.SqlClient, sql))
          )
          yield* Effect.gen(function* () {
            const reports = yield* ReportRepository
            const stored = yield* reports.get(Ids.ReportId.make("r-1"))
            const listed = yield* reports.list({ periodId: stored.periodId, statuses: [stored.status] })
            expect(listed.items.map((r) => r.id)).toEqual([stored.id])
            expect(
              (yield* reports.list({ periodId: stored.periodId, statuses: ["draft", "submitted"] })).items
            ).toEqual([])
          }).pipe(Effect.provide(migrated))
        }).pipe(Effect.provide(freshClient(engine)))
    )
  })
}
