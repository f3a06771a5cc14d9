/**
 * Issue 13: two officers save the same draft at the same moment. Through the use cases, on every
 * adapter, exactly one save wins and the other is a `VersionConflict`; the stored draft is the
 * winner's, so no save is silently lost. On SQLite (a file), PostgreSQL and the JSON store the
 * officers are two processes, released together; on the in-memory store, two fibers. Every use
 * case that changes a stored record refuses a version that is no longer the stored one.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  AuditLog,
  Committees,
  Configuration,
  Danvan,
  Ids,
  ModelField,
  Models,
  Regime,
  ReportRepository,
  Reports,
  type Store,
  Validation,
  ValidationRule
} from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StorePg } from "@danvan/store-sql/pg"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { PgClient } from "@effect/sql-pg"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, type Layer, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import { TestClock } from "effect/testing"
import { runTogether } from "./support/processes.ts"
import {
  admin,
  committeeAt,
  dvkContent,
  ids,
  leader,
  modelAt,
  officer,
  reportAt,
  seedWorld
} from "./support/world.ts"

const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const rounds = 3
const reportId = "r-truong-yen-2025S2"

/** The world and the draft both officers edit, written through the facade's `run`. */
const seedDraft = Effect.gen(function* () {
  yield* seedWorld
  yield* Reports.createReport(officer(ids.truongYen), {
    id: reportId,
    unitId: ids.truongYen,
    programme: "DVK",
    periodId: "2025S2",
    regimeId: "party-calendar-months",
    content: dvkContent(1, "bản đầu")
  })
})

const withClient = async <A>(
  layer: Layer.Layer<Store.Store, unknown>,
  f: (d: Danvan.Client) => Promise<A>
) => {
  const danvan = await Danvan.open(layer, { now: () => new Date("2026-01-05T01:00:00.000Z") })
  try {
    return await f(danvan)
  } finally {
    await danvan.close()
  }
}

/** Runs the rounds of two editor processes over a store; returns what each round saw. */
const race = async (engine: string, location: string, layer: () => Layer.Layer<Store.Store, unknown>) => {
  await withClient(layer(), (d) => d.run(seedDraft))
  for (let round = 1; round <= rounds; round++) {
    const read = await withClient(layer(), (d) => d.report(officer(ids.truongYen), { reportId }))
    const outcomes = await runTogether("./editor.ts", [
      [engine, location, reportId, String(read.version), `A${round}`],
      [engine, location, reportId, String(read.version), `B${round}`]
    ])
    const winners = outcomes.filter((o) => o.done.won === true)
    const losers = outcomes.filter((o) => o.done.won === false)
    expect(winners, JSON.stringify(outcomes)).toHaveLength(1)
    expect(losers, JSON.stringify(outcomes)).toHaveLength(1)
    expect(losers[0]?.done).toMatchObject({
      error: "VersionConflict",
      expected: read.version,
      actual: read.version + 1
    })
    const stored = await withClient(layer(), (d) => d.report(officer(ids.truongYen), { reportId }))
    const winner = outcomes.indexOf(winners[0] as (typeof outcomes)[number]) === 0 ? `A${round}` : `B${round}`
    expect(stored.version).toBe(read.version + 1)
    expect(stored.content.achievements).toBe(`bản của cán bộ ${winner}`)
  }
}

describe("two officers save the same draft at once, through the use cases", () => {
  it.effect("in memory, two fibers: exactly one VersionConflict and the winner's content stored", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-01-05T08:00:00+07:00"))
      yield* seedDraft
      for (let round = 1; round <= 20; round++) {
        const { version } = yield* reportAt(reportId)
        const save = (name: string) =>
          Effect.result(
            Reports.editReport(officer(ids.truongYen), { reportId, version, content: dvkContent(1, name) })
          )
        const [a, b] = yield* Fiber.joinAll([
          yield* Effect.forkChild(save("A")),
          yield* Effect.forkChild(save("B"))
        ])
        const results = [a, b]
        const won = results.filter((r) => r?._tag === "Success")
        const lost = results.flatMap((r) => (r?._tag === "Failure" ? [r.failure] : []))
        expect(won).toHaveLength(1)
        expect(lost).toHaveLength(1)
        expect(lost[0]).toMatchObject({ _tag: "VersionConflict", expected: version, actual: version + 1 })
        const stored = yield* (yield* ReportRepository).get(Ids.ReportId.make(reportId))
        expect(stored.content.achievements).toBe(a?._tag === "Success" ? "A" : "B")
        expect(stored.version).toBe(version + 1)
      }
    }).pipe(Effect.provide(StoreMemory.layer()))
  )

  it.live(
    "SQLite file, two processes: exactly one VersionConflict per round and the winner's content stored",
    () =>
      Effect.promise(async () => {
        const dir = mkdtempSync(join(tmpdir(), "danvan-integration-"))
        try {
          const filename = join(dir, "store.db")
          await race("sqlite", filename, () => StoreSqlite.layer({ filename }))
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      }),
    120_000
  )

  it.live.skipIf(process.env.DANVAN_PG_AVAILABLE === "0")(
    "PostgreSQL, two processes: exactly one VersionConflict per round and the winner's content stored",
    () =>
      Effect.gen(function* () {
        const schema = `danvan_integration_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`
        const sql = yield* SqlClient.SqlClient
        yield* Effect.ensuring(
          Effect.promise(() =>
            race("pg", schema, () => StorePg.layer({ url: pgUrl, schema, maxConnections: 2 }))
          ),
          Effect.ignore(sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`)
        )
      }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(pgUrl), maxConnections: 1 }))),
    120_000
  )

  it.live(
    "JSON store, two processes: exactly one VersionConflict per round and the winner's content stored",
    () =>
      Effect.promise(async () => {
        const directory = mkdtempSync(join(tmpdir(), "danvan-integration-json-"))
        try {
          await race("json", directory, () => StoreJson.layer({ directory }))
        } finally {
          rmSync(directory, { recursive: true, force: true })
        }
      }),
    120_000
  )
})

describe("every use case that changes a stored record refuses a stale version", () => {
  it.effect("VersionConflict, and nothing written, for each of them", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2025-03-03T08:00:00+07:00"))
      yield* seedWorld
      const truongYen = officer(ids.truongYen)
      const draft = yield* Reports.createReport(truongYen, {
        id: "r-1",
        unitId: ids.truongYen,
        programme: "DVK",
        periodId: "2025Q1",
        regimeId: "party-calendar-months",
        content: dvkContent(2)
      })
      const model = yield* Models.registerModel(truongYen, {
        id: "m-1",
        unitId: ids.truongYen,
        phaseId: "2021-2025",
        fieldId: "economy",
        registeredOn: "2025-03-03",
        content: { name: "Mô hình thử" }
      })
      const committee = yield* Committees.composeCommittee(truongYen, {
        id: "c-1",
        unitId: ids.truongYen,
        name: "Ban Chỉ đạo xã Trường Yên",
        programmes: ["DVK"],
        activeFrom: "2025-01-01",
        memberships: [{ personId: "h", personName: "Người H", post: "head", titles: [], from: "2025-01-01" }]
      })
      // Each record is changed once, so the version every caller below names is one behind.
      const edited = yield* Reports.editReport(truongYen, {
        reportId: "r-1",
        version: draft.version,
        content: dvkContent(3)
      })
      yield* Models.startModel(truongYen, { modelId: "m-1", version: model.version, on: "2025-03-04" })
      yield* Committees.appointMember(truongYen, {
        committeeId: "c-1",
        version: committee.version,
        membership: { personId: "m", personName: "Người M", post: "member", titles: [], from: "2025-02-01" }
      })
      const field = ModelField.defaults[0] as ModelField.ModelField
      const fieldNow = yield* Configuration.putField(admin(ids.province), { ...field, version: 1 })
      const rule = yield* Configuration.putValidationRule(
        admin(ids.province),
        new ValidationRule.ValidationRule({
          id: Ids.ValidationRuleId.make("r-models"),
          name: "Có mô hình",
          programme: "DVK",
          left: Validation.indicator("models"),
          operator: ">=",
          right: { terms: [], constant: 0 },
          importance: "low",
          scope: "own",
          version: 0
        })
      )
      yield* Configuration.putValidationRule(admin(ids.province), { ...rule, version: rule.version })

      const staleReport = { reportId: "r-1", version: draft.version }
      const staleModel = { modelId: "m-1", version: model.version }
      const staleCommittee = { committeeId: "c-1", version: committee.version }
      const province = leader(ids.province)
      const attempts = {
        editReport: Reports.editReport(truongYen, { ...staleReport, content: dvkContent(4) }),
        submitReport: Reports.submitReport(truongYen, staleReport),
        startModel: Models.startModel(truongYen, { ...staleModel, on: "2025-03-05" }),
        evaluateModel: Models.evaluateModel(province, { ...staleModel, on: "2025-03-05", rating: "good" }),
        commendModel: Models.commendModel(province, {
          ...staleModel,
          on: "2025-03-05",
          level: "province",
          form: "certificateOfMerit"
        }),
        discontinueModel: Models.discontinueModel(truongYen, {
          ...staleModel,
          on: "2025-03-05",
          reason: "Dừng"
        }),
        appointMember: Committees.appointMember(truongYen, {
          ...staleCommittee,
          membership: { personId: "n", personName: "Người N", post: "member", titles: [], from: "2025-03-01" }
        }),
        endMembership: Committees.endMembership(truongYen, {
          ...staleCommittee,
          personId: "h",
          post: "head",
          until: "2025-06-01"
        }),
        handOverPost: Committees.handOverPost(truongYen, {
          ...staleCommittee,
          outgoing: "h",
          successor: { personId: "k", personName: "Người K", post: "head", titles: [], from: "2025-04-01" }
        }),
        dissolveCommittee: Committees.dissolveCommittee(truongYen, { ...staleCommittee, on: "2025-12-31" }),
        putField: Configuration.putField(admin(ids.province), {
          ...field,
          name: "Kinh tế (đổi)",
          version: 1
        }),
        putRegime: Configuration.putRegime(admin(ids.province), { ...Regime.defaults.party, version: 0 }),
        putValidationRule: Configuration.putValidationRule(admin(ids.province), {
          ...rule,
          version: rule.version
        })
      }
      const audit = yield* AuditLog
      const before = (yield* audit.list({})).items.length
      for (const [name, attempt] of Object.entries(attempts)) {
        const error = yield* Effect.flip(
          attempt as Effect.Effect<unknown, { readonly _tag: string }, Store.Store>
        )
        expect(error._tag, name).toBe("VersionConflict")
      }
      expect((yield* audit.list({})).items.length).toBe(before)
      expect((yield* reportAt("r-1")).version).toBe(edited.version)
      expect((yield* modelAt("m-1")).version).toBe(model.version + 1)
      expect((yield* committeeAt("c-1")).version).toBe(committee.version + 1)
      expect(fieldNow.version).toBe(2)

      // Submitted, then a review based on the draft's version is stale too.
      const submitted = yield* Reports.submitReport(truongYen, { reportId: "r-1", version: edited.version })
      const reviewer = leader(ids.hoaLu)
      const staleApproval = yield* Effect.flip(
        Reports.approveReport(reviewer, { reportId: "r-1", version: edited.version })
      )
      const staleReturn = yield* Effect.flip(
        Reports.returnReport(reviewer, { reportId: "r-1", version: edited.version, reason: "Thiếu" })
      )
      expect([staleApproval._tag, staleReturn._tag]).toEqual(["VersionConflict", "VersionConflict"])
      const approved = yield* Reports.approveReport(reviewer, {
        reportId: "r-1",
        version: submitted.report.version
      })
      expect(
        (yield* Effect.flip(
          Reports.reopenReport(reviewer, {
            reportId: "r-1",
            version: submitted.report.version,
            reason: "Sửa"
          })
        ))._tag
      ).toBe("VersionConflict")
      expect(approved.status).toBe("approved")
    }).pipe(Effect.provide(StoreMemory.layer()))
  )
})
