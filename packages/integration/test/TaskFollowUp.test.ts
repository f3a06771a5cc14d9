/**
 * Task follow-up end to end (issue 17), through the Promise facade over every adapter: a
 * province's notice assigns tasks to "UBND các cấp", to commune Party committees and to one
 * district; units report their progress in their reports; a draft reporting on a task that is not
 * theirs is refused and nothing is written; the province and a district follow each task up, before
 * and after the 2025 reform.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Danvan, type Store } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StorePg } from "@danvan/store-sql/pg"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { PgClient } from "@effect/sql-pg"
import { Effect, type Layer, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { dvkContent, ids, leader, officer, seedWorld } from "./support/world.ts"

const dir = mkdtempSync(join(tmpdir(), "danvan-task-follow-up-"))
const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const pgSchema = `danvan_tasks_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  if (process.env.DANVAN_PG_AVAILABLE !== "0") {
    await Effect.runPromise(
      Effect.flatMap(SqlClient.SqlClient, (sql) => sql`DROP SCHEMA IF EXISTS ${sql(pgSchema)} CASCADE`).pipe(
        Effect.provide(PgClient.layer({ url: Redacted.make(pgUrl), maxConnections: 1 }))
      )
    )
  }
})

/** Each test opens its own store: `name` tells the JSON directories and PostgreSQL schemas apart. */
const stores: ReadonlyArray<readonly [string, (name: string) => Layer.Layer<Store.Store, unknown>]> = [
  ["in memory", () => StoreMemory.layer()],
  ["SQLite", () => StoreSqlite.layer({ filename: ":memory:" })],
  ["JSON", (name) => StoreJson.layer({ directory: join(dir, `json-${name}`) })],
  ...(process.env.DANVAN_PG_AVAILABLE === "0"
    ? []
    : [
        [
          "PostgreSQL",
          (name: string) => StorePg.layer({ url: pgUrl, schema: `${pgSchema}_${name}`, maxConnections: 2 })
        ] as const
      ])
]

const regimeId = "party-calendar-months"
const notice = {
  id: "tb-12-2024",
  number: { _tag: "Party" as const, number: 12, typeCode: "TB", issuer: "TU" },
  issuedBy: { _tag: "Unit" as const, unitId: ids.province, body: "partyCommittee" as const },
  title: "Thông báo kết luận về công tác dân vận năm 2025",
  programme: "OTHER" as const,
  issuedOn: "2024-12-02",
  effectiveFrom: "2024-12-02",
  effectiveUntil: "2026-01-01",
  replaces: [],
  tasks: [
    {
      id: "t-ubnd",
      description: "UBND các cấp tăng cường tiếp công dân, đối thoại trực tiếp với nhân dân.",
      assignees: [
        { _tag: "Bodies" as const, body: "peoplesCommittee" as const, levels: [], within: ids.province }
      ]
    },
    {
      id: "t-xa",
      description: "Đảng ủy các xã cụ thể hóa Quy chế dân chủ ở cơ sở.",
      assignees: [
        {
          _tag: "Bodies" as const,
          body: "partyCommittee" as const,
          levels: ["commune" as const],
          within: ids.province
        }
      ]
    },
    {
      id: "t-hoa-lu",
      description: "Huyện Hoa Lư sơ kết mô hình dân vận khéo về du lịch cộng đồng.",
      assignees: [{ _tag: "Unit" as const, unitId: ids.hoaLu }]
    }
  ]
}
/** A directive of another province, which applies to none of Ninh Bình's units. */
const otherNotice = {
  ...notice,
  id: "tb-12-2024-nam-dinh",
  issuedBy: { _tag: "Unit" as const, unitId: ids.otherProvince, body: "partyCommittee" as const },
  tasks: [notice.tasks[0]!]
}

const line = (
  taskId: string,
  status: "notStarted" | "inProgress" | "done",
  note?: string,
  directiveId = notice.id
) => ({
  directiveId,
  taskId,
  status,
  ...(note === undefined ? {} : { note })
})

const rejection = async (
  promise: Promise<unknown>
): Promise<{ _tag?: string; violations?: ReadonlyArray<{ _tag: string }>; message?: string }> => {
  try {
    await promise
  } catch (error) {
    return error as { _tag?: string }
  }
  throw new Error("expected the promise to reject")
}

for (const [storeName, layer] of stores) {
  describe(`task follow-up (${storeName})`, () => {
    it("reports carry task progress; the province and a district follow each task up, across the reform", async () => {
      const clock = { now: new Date("2025-06-20T02:00:00.000Z") }
      const danvan = await Danvan.open(layer("follow"), { now: () => clock.now })
      try {
        await danvan.run(seedWorld)
        await danvan.as(officer(ids.province)).registerDirective(notice)
        await danvan.as(officer(ids.otherProvince)).registerDirective(otherNotice)

        const report = async (
          unitId: string,
          periodId: string,
          taskProgress: ReadonlyArray<ReturnType<typeof line>>,
          submit = true
        ) => {
          const as = danvan.as(officer(unitId))
          const draft = await as.createReport({
            id: `r-${unitId}-${periodId}`,
            unitId,
            programme: "DVK",
            periodId,
            regimeId,
            content: { ...dvkContent(1), taskProgress }
          })
          return submit
            ? (await as.submitReport({ reportId: draft.id, version: draft.version })).report
            : draft
        }
        await report(ids.truongYen, "2025S1", [
          line("t-ubnd", "done", " Đã tổ chức 4 buổi đối thoại\u0301 "),
          line("t-xa", "inProgress")
        ])
        const giaHoa = await report(ids.giaHoa, "2025S1", [line("t-ubnd", "notStarted")])
        await report(ids.hoaLu, "2025S1", [line("t-hoa-lu", "done"), line("t-ubnd", "inProgress")])
        // A draft counts for nothing until it is submitted.
        await report(ids.giaThuy, "2025S1", [line("t-xa", "done")], false)

        // The note is stored as NFC text, trimmed.
        const stored = await danvan.as(leader(ids.hoaLu)).report({ reportId: `r-${ids.truongYen}-2025S1` })
        expect(stored.content.taskProgress[0]?.note).toBe(
          "Đã tổ chức 4 buổi đối thoại".normalize("NFC").replace("thoại", "thoạí".normalize("NFC"))
        )

        // Refusals: a task assigned to another unit, one reported twice, one of a directive that does
        // not apply, one the directive does not have; nothing is written.
        const giaHoaOfficer = danvan.as(officer(ids.giaHoa))
        const draftGiaHoa = await giaHoaOfficer.createReport({
          id: "r-gia-hoa-2025Q2",
          unitId: ids.giaHoa,
          programme: "QCDC",
          periodId: "2025Q2",
          regimeId
        })
        const refused = await rejection(
          giaHoaOfficer.editReport({
            reportId: draftGiaHoa.id,
            version: draftGiaHoa.version,
            content: {
              ...draftGiaHoa.content,
              taskProgress: [
                line("t-hoa-lu", "done"),
                line("t-ubnd", "done"),
                line("t-ubnd", "inProgress"),
                line("t-ubnd", "done", undefined, otherNotice.id),
                line("t-khong-co", "done")
              ]
            }
          })
        )
        expect(refused._tag).toBe("InvalidTaskProgress")
        expect(refused.violations?.map((v) => v._tag)).toEqual([
          "DuplicateTaskProgress",
          "TaskNotAssigned",
          "TaskNotApplicable",
          "TaskNotApplicable"
        ])
        expect(refused.message).toContain(
          "task t-hoa-lu of directive tb-12-2024 is not assigned to unit vn-14467"
        )
        const unchanged = await giaHoaOfficer.report({ reportId: draftGiaHoa.id })
        expect([unchanged.version, unchanged.content.taskProgress]).toEqual([draftGiaHoa.version, []])
        const refusedAtCreation = await rejection(
          giaHoaOfficer.createReport({
            id: "r-gia-hoa-2025Q1",
            unitId: ids.giaHoa,
            programme: "QCDC",
            periodId: "2025Q1",
            regimeId,
            content: { ...draftGiaHoa.content, taskProgress: [line("t-hoa-lu", "done")] }
          })
        )
        expect(refusedAtCreation._tag).toBe("InvalidTaskProgress")
        expect(
          await giaHoaOfficer.findReport({ unitId: ids.giaHoa, periodId: "2025Q1", programme: "QCDC" })
        ).toBeUndefined()

        // The province's follow-up of the first half of 2025 (as of 30/06/2025, districts still there).
        clock.now = new Date("2025-07-10T02:00:00.000Z")
        const byProvince = await danvan.as(leader(ids.province)).taskFollowUp({
          rootId: ids.province,
          directiveId: notice.id,
          periodId: "2025S1",
          programme: "DVK",
          regimeId
        })
        expect(byProvince.asOf).toBe("2025-06-30")
        const [ubnd, xa, hoaLu] = byProvince.tasks
        expect(ubnd?.assigned).toEqual([
          ids.giaHoa,
          ids.giaThuy,
          ids.truongYen,
          ids.province,
          ids.giaVien,
          ids.hoaLu
        ])
        expect(ubnd?.byStatus).toEqual({
          notStarted: [ids.giaHoa],
          inProgress: [ids.hoaLu],
          done: [ids.truongYen]
        })
        expect(ubnd?.counts).toEqual({ notStarted: 1, inProgress: 1, done: 1 })
        expect(ubnd?.notReported).toEqual([ids.giaThuy, ids.province, ids.giaVien])
        expect(xa?.assigned).toEqual([ids.giaHoa, ids.giaThuy, ids.truongYen])
        expect(xa?.counts).toEqual({ notStarted: 0, inProgress: 1, done: 0 })
        expect(xa?.notReported).toEqual([ids.giaHoa, ids.giaThuy])
        expect([hoaLu?.assigned, hoaLu?.byStatus.done, hoaLu?.notReported]).toEqual([
          [ids.hoaLu],
          [ids.hoaLu],
          []
        ])

        // Counting drafts too shows Gia Thủy's.
        const withDrafts = await danvan.as(leader(ids.province)).taskFollowUp({
          rootId: ids.province,
          directiveId: notice.id,
          periodId: "2025S1",
          programme: "DVK",
          regimeId,
          statuses: ["draft", "submitted", "approved"]
        })
        expect(withDrafts.tasks[1]?.byStatus.done).toEqual([ids.giaThuy])

        // A district sees its own jurisdiction only.
        const byHoaLu = await danvan.as(leader(ids.hoaLu)).taskFollowUp({
          rootId: ids.hoaLu,
          directiveId: notice.id,
          periodId: "2025S1",
          programme: "DVK",
          regimeId
        })
        expect(byHoaLu.tasks[0]?.assigned).toEqual([ids.truongYen, ids.hoaLu])
        expect(byHoaLu.tasks[0]?.notReported).toEqual([])
        expect(byHoaLu.tasks[1]?.assigned).toEqual([ids.truongYen])

        // Outside one's jurisdiction, and before the period ends: refused.
        const outside = await rejection(
          danvan.as(leader(ids.otherProvince)).taskFollowUp({
            rootId: ids.province,
            directiveId: notice.id,
            periodId: "2025S1",
            programme: "DVK",
            regimeId
          })
        )
        expect(outside._tag).toBe("OutsideJurisdiction")
        const early = await rejection(
          danvan.as(leader(ids.province)).taskFollowUp({
            rootId: ids.province,
            directiveId: notice.id,
            periodId: "2025S1",
            programme: "DVK",
            regimeId,
            asOf: "2025-06-01"
          })
        )
        expect(early._tag).toBe("InvalidInput")

        // After the reform: the districts are no assignees; the new commune is, and reports.
        clock.now = new Date("2025-12-20T02:00:00.000Z")
        // Gia Hòa's report of the first half is still readable, its progress kept.
        expect(
          (await danvan.as(leader(ids.province)).report({ reportId: giaHoa.id })).content.taskProgress
        ).toEqual([line("t-ubnd", "notStarted")])
        await report(ids.newCommune, "2025S2", [line("t-ubnd", "done"), line("t-xa", "done")])
        const refusedDistrict = await rejection(report(ids.truongYen, "2025S2", [line("t-hoa-lu", "done")]))
        expect(refusedDistrict._tag).toBe("InvalidTaskProgress")
        clock.now = new Date("2026-01-05T02:00:00.000Z")
        const after = await danvan.as(leader(ids.province)).taskFollowUp({
          rootId: ids.province,
          directiveId: notice.id,
          periodId: "2025S2",
          programme: "DVK",
          regimeId
        })
        expect(after.tasks[0]?.assigned).toEqual([ids.truongYen, ids.province, ids.newCommune])
        expect(after.tasks[0]?.byStatus.done).toEqual([ids.newCommune])
        expect(after.tasks[0]?.notReported).toEqual([ids.truongYen, ids.province])
        // Hoa Lư is gone and nothing carries its history: no one must act on its task.
        expect(after.tasks[2]?.assigned).toEqual([])
      } finally {
        await danvan.close()
      }
    })

    it("lists the tasks a unit must report on, exactly those the save accepts, across the reform", async () => {
      const clock = { now: new Date("2025-06-20T02:00:00.000Z") }
      const danvan = await Danvan.open(layer("list"), { now: () => clock.now })
      try {
        await danvan.run(seedWorld)
        await danvan.as(officer(ids.province)).registerDirective(notice)
        await danvan.as(officer(ids.otherProvince)).registerDirective(otherNotice)
        const tasksOf = async (unitId: string, periodId: string, programme: "DVK" | "QCDC" = "DVK") =>
          danvan.as(leader(unitId)).tasksToReport({ unitId, periodId, programme, regimeId })
        const listed = async (unitId: string, periodId: string) =>
          (await tasksOf(unitId, periodId)).tasks.map((t) => `${t.directive.id}/${t.task.id}`)

        // Before the reform a commune reports on the tasks of UBND and of the communes' Party
        // committees; its district on UBND's and on the one assigned to it by name.
        expect(await listed(ids.truongYen, "2025S1")).toEqual([`${notice.id}/t-ubnd`, `${notice.id}/t-xa`])
        expect(await listed(ids.hoaLu, "2025S1")).toEqual([`${notice.id}/t-ubnd`, `${notice.id}/t-hoa-lu`])
        const first = (await tasksOf(ids.truongYen, "2025S1")).tasks[0]
        expect(first?.directive).toEqual({ id: notice.id, number: notice.number, title: notice.title })
        expect(first?.task.description).toBe(notice.tasks[0]?.description)
        expect(first?.progress).toBeUndefined()

        // Every candidate line is accepted on save exactly when it is listed.
        const candidates = [
          ...notice.tasks.map((t) => line(t.id, "inProgress")),
          line("t-ubnd", "done", undefined, otherNotice.id)
        ]
        const agrees = async (unitId: string, periodId: string) => {
          const as = danvan.as(officer(unitId))
          let draft = await as.createReport({
            id: `q-${unitId}-${periodId}`,
            unitId,
            programme: "QCDC",
            periodId,
            regimeId
          })
          const keys = (await tasksOf(unitId, periodId, "QCDC")).tasks.map(
            (t) => `${t.directive.id}/${t.task.id}`
          )
          const outcomes: Array<[string, boolean]> = []
          for (const candidate of candidates) {
            try {
              draft = await as.editReport({
                reportId: draft.id,
                version: draft.version,
                content: { ...draft.content, taskProgress: [candidate] }
              })
              outcomes.push([`${candidate.directiveId}/${candidate.taskId}`, true])
            } catch (error) {
              expect((error as { _tag?: string })._tag).toBe("InvalidTaskProgress")
              outcomes.push([`${candidate.directiveId}/${candidate.taskId}`, false])
            }
          }
          expect(outcomes).toEqual(
            candidates.map((c) => [
              `${c.directiveId}/${c.taskId}`,
              keys.includes(`${c.directiveId}/${c.taskId}`)
            ])
          )
          // All the listed tasks at once are accepted too.
          const all = (await tasksOf(unitId, periodId, "QCDC")).tasks.map((t) =>
            line(t.task.id, "done", undefined, t.directive.id)
          )
          await as.editReport({
            reportId: draft.id,
            version: draft.version,
            content: { ...draft.content, taskProgress: all }
          })
          return keys
        }
        for (const unitId of [ids.truongYen, ids.hoaLu, ids.giaHoa]) {
          expect((await agrees(unitId, "2025S1")).length).toBe(2)
        }
        // Any set of lines is saved exactly when each of them is a listed task (law).
        const units = [ids.truongYen, ids.hoaLu, ids.giaHoa]
        const listedOf = new Map(
          await Promise.all(units.map(async (u) => [u, await listed(u, "2025S1")] as const))
        )
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...units),
            fc.subarray(candidates, { minLength: 1 }),
            async (unitId, lines) => {
              const as = danvan.as(officer(unitId))
              const draft = await as.findReport({ unitId, periodId: "2025S1", programme: "QCDC" })
              if (draft === undefined) throw new Error("the draft is missing")
              const accepted = await as
                .editReport({
                  reportId: draft.id,
                  version: draft.version,
                  content: { ...draft.content, taskProgress: lines }
                })
                .then(
                  () => true,
                  (error: { _tag?: string }) => {
                    expect(error._tag).toBe("InvalidTaskProgress")
                    return false
                  }
                )
              expect(accepted).toBe(
                lines.every((l) => listedOf.get(unitId)?.includes(`${l.directiveId}/${l.taskId}`))
              )
            }
          ),
          { numRuns: 30 }
        )

        // The report's current progress comes with each task it reports on.
        await danvan.as(officer(ids.truongYen)).createReport({
          id: "r-truong-yen-2025S1",
          unitId: ids.truongYen,
          programme: "DVK",
          periodId: "2025S1",
          regimeId,
          content: { ...dvkContent(1), taskProgress: [line("t-xa", "done", "Đã ban hành quy chế")] }
        })
        const withReport = await tasksOf(ids.truongYen, "2025S1")
        expect(withReport.reportId).toBe("r-truong-yen-2025S1")
        expect(withReport.tasks.map((t) => t.progress?.status)).toEqual([undefined, "done"])
        expect(withReport.tasks[1]?.progress?.note).toBe("Đã ban hành quy chế".normalize("NFC"))

        // Another district's officer may not read Trường Yên's tasks; a bad period is a typed error.
        const outside = await rejection(
          danvan.as(officer(ids.giaVien)).tasksToReport({
            unitId: ids.truongYen,
            periodId: "2025S1",
            programme: "DVK",
            regimeId
          })
        )
        expect(outside._tag).toBe("OutsideJurisdiction")
        const bad = await rejection(
          danvan.as(officer(ids.truongYen)).tasksToReport({
            unitId: ids.truongYen,
            periodId: "2025-S9",
            programme: "DVK",
            regimeId
          })
        )
        expect(bad._tag).toBe("InvalidInput")

        // After the reform Trường Yên is a commune of the province: the district's task is not
        // its; the new commune reports on the same tasks.
        clock.now = new Date("2025-12-20T02:00:00.000Z")
        expect(await listed(ids.truongYen, "2025S2")).toEqual([`${notice.id}/t-ubnd`, `${notice.id}/t-xa`])
        expect(await listed(ids.newCommune, "2025S2")).toEqual([`${notice.id}/t-ubnd`, `${notice.id}/t-xa`])
        for (const unitId of [ids.truongYen, ids.newCommune]) {
          expect((await agrees(unitId, "2025S2")).length).toBe(2)
        }
      } finally {
        await danvan.close()
      }
    })
  })
}
