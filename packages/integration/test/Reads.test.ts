/**
 * The reads of the Promise facade (issue 12), over every adapter: what the use cases can read,
 * paged, within what the policy lets the actor read; and (issue 14) page requests and audit
 * queries decoded, so a bad one is an `InvalidInput`, never a store failure or a silently empty
 * page.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Danvan, type Store } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import type { Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { admin, dvkContent, ids, leader, officer, seedWorld } from "./support/world.ts"

const rejection = async (
  promise: Promise<unknown>,
  label = ""
): Promise<{ readonly _tag?: string; readonly message?: string }> => {
  try {
    await promise
  } catch (error) {
    return error as { readonly _tag?: string }
  }
  throw new Error(`expected the promise to reject ${label}`)
}

const dir = mkdtempSync(join(tmpdir(), "danvan-reads-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const stores: ReadonlyArray<readonly [string, () => Layer.Layer<Store.Store, unknown>]> = [
  ["in memory", () => StoreMemory.layer()],
  ["SQLite", () => StoreSqlite.layer({ filename: ":memory:" })],
  ["JSON", () => StoreJson.layer({ directory: join(dir, "json") })]
]

for (const [storeName, layer] of stores) {
  describe(`reads through the Promise facade (${storeName})`, () => {
    const clock = { now: new Date("2025-03-03T01:00:00.000Z") }
    let danvan: Danvan.Client
    beforeAll(async () => {
      danvan = await Danvan.open(layer(), { now: () => clock.now })
      await danvan.run(seedWorld)
      const truongYen = danvan.as(officer(ids.truongYen))
      const draft = await truongYen.createReport({
        id: "r-ty-2025Q1",
        unitId: ids.truongYen,
        programme: "DVK",
        periodId: "2025Q1",
        regimeId: "party-calendar-months",
        content: dvkContent(4)
      })
      clock.now = new Date("2025-04-02T01:00:00.000Z")
      const { report } = await truongYen.submitReport({ reportId: draft.id, version: draft.version })
      await danvan.as(leader(ids.hoaLu)).approveReport({ reportId: draft.id, version: report.version })
      await danvan.as(officer(ids.giaHoa)).createReport({
        id: "r-gh-2025Q1",
        unitId: ids.giaHoa,
        programme: "DVK",
        periodId: "2025Q1",
        regimeId: "party-calendar-months"
      })
      await truongYen.registerModel({
        id: "m-ty",
        unitId: ids.truongYen,
        phaseId: "2021-2025",
        fieldId: "economy",
        registeredOn: "2025-04-02",
        content: { name: "Du lịch cộng đồng" }
      })
      await truongYen.composeCommittee({
        id: "bcd-ty",
        unitId: ids.truongYen,
        name: "Ban Chỉ đạo xã Trường Yên",
        programmes: ["DVK"],
        activeFrom: "2025-01-01",
        memberships: [{ personId: "h", personName: "Người H", post: "head", titles: [], from: "2025-01-01" }]
      })
      for (const n of [1, 2, 3]) {
        await danvan.as(officer(ids.province)).registerDirective({
          id: `kh-${n}`,
          number: { _tag: "Party", number: n, typeCode: "KH", issuer: "TU" },
          issuedBy: { _tag: "Unit", unitId: ids.province, body: "partyCommittee" },
          title: `Kế hoạch ${n}`,
          programme: n === 3 ? "QCDC" : "DVK",
          issuedOn: "2025-01-02",
          effectiveFrom: "2025-01-02",
          replaces: [],
          tasks: []
        })
      }
    })
    afterAll(async () => {
      await danvan.close()
    })

    it("units: one, a jurisdiction page by page, children, a search by name or code, successions", async () => {
      expect((await danvan.unit({ unitId: ids.truongYen })).name).toBe("Trường Yên")
      // Units are listed by id.
      const first = await danvan.unitsInJurisdiction({
        rootId: ids.hoaLu,
        asOf: "2025-01-01",
        page: { limit: 1 }
      })
      expect(first.items.map((u) => u.id)).toEqual([ids.truongYen])
      const second = await danvan.unitsInJurisdiction({
        rootId: ids.hoaLu,
        asOf: "2025-01-01",
        page: { limit: 1, ...(first.next === undefined ? {} : { after: first.next }) }
      })
      expect(second.items.map((u) => u.id)).toEqual([ids.hoaLu])
      expect(second.next).toBeUndefined()
      const children = await danvan.searchUnits({ parentId: ids.giaVien, asOf: "2025-01-01" })
      expect(children.items.map((u) => u.id)).toEqual([ids.giaHoa, ids.giaThuy])
      const byName = await danvan.searchUnits({ name: "gia hoa" })
      expect(byName.items.map((u) => u.id)).toEqual([ids.giaHoa])
      const byCode = await danvan.searchUnits({ code: "14533", asOf: "2026-01-01" })
      expect(byCode.items.map((u) => u.id)).toEqual([ids.truongYen])
      expect((await danvan.successions({ successorId: ids.newCommune })).map((s) => s.predecessorId)).toEqual(
        [ids.giaHoa, ids.giaThuy]
      )
      expect((await rejection(danvan.unit({ unitId: "vn-0" })))._tag).toBe("NotFound")
      expect((await rejection(danvan.searchUnits({ parentId: ids.giaVien })))._tag).toBe("InvalidInput")
    })

    it("reports: one, a list of the jurisdiction page by page, by unit, revisions; outside reach NotFound", async () => {
      const district = danvan.as(leader(ids.hoaLu))
      expect((await district.report({ reportId: "r-ty-2025Q1" })).status).toBe("approved")
      const listed = await danvan
        .as(leader(ids.province))
        .reports({ asOf: "2025-03-01", periodId: "2025Q1", page: { limit: 1 } })
      expect(listed.items.map((r) => r.id)).toEqual(["r-gh-2025Q1"])
      expect(listed.next).toBeDefined()
      const rest = await danvan
        .as(leader(ids.province))
        .reports({ asOf: "2025-03-01", periodId: "2025Q1", page: { limit: 5, after: listed.next as string } })
      expect(rest.items.map((r) => r.id)).toEqual(["r-ty-2025Q1"])
      expect(
        (await district.reports({ statuses: ["approved"], asOf: "2025-03-01" })).items.map((r) => r.id)
      ).toEqual(["r-ty-2025Q1"])
      expect(
        (await district.findReport({ unitId: ids.truongYen, periodId: "2025Q1", programme: "DVK" }))?.id
      ).toBe("r-ty-2025Q1")
      expect(
        (await district.reportRevision({ reportId: "r-ty-2025Q1", revision: 1 })).content.figures
      ).toMatchObject({
        models: 4
      })
      const { revisions } = await district.reportHistory({ reportId: "r-ty-2025Q1" })
      expect(revisions.map((r) => r.revision)).toEqual([1])
      // Another district sees neither the report nor its revisions, and may not list its communes.
      const neighbour = danvan.as(leader(ids.giaVien))
      expect((await rejection(neighbour.report({ reportId: "r-ty-2025Q1" })))._tag).toBe("NotFound")
      expect((await rejection(neighbour.reportRevision({ reportId: "r-ty-2025Q1", revision: 1 })))._tag).toBe(
        "NotFound"
      )
      expect((await rejection(neighbour.reports({ unitId: ids.truongYen })))._tag).toBe("OutsideJurisdiction")
      // Every default role reads its jurisdiction.
      expect((await danvan.as(admin(ids.hoaLu)).reports({})).items.map((r) => r.id)).toEqual(["r-ty-2025Q1"])
    })

    it("models with their status, committees of a unit on a date, directives, consolidation, audit trail", async () => {
      const district = danvan.as(leader(ids.hoaLu))
      expect((await district.model({ modelId: "m-ty" })).status).toBe("registered")
      const models = await district.models({ asOf: "2025-03-01", statuses: ["registered"] })
      expect(models.items.map((m) => [m.model.id, m.status])).toEqual([["m-ty", "registered"]])
      expect((await district.models({ statuses: ["commended"], asOf: "2025-03-01" })).items).toEqual([])
      const committees = await district.committeesOfUnit({ unitId: ids.truongYen, date: "2025-02-01" })
      expect(committees.map((c) => c.composition.map((m) => m.personName))).toEqual([["Người H"]])
      expect(
        (
          await rejection(
            danvan.as(leader(ids.giaVien)).committeeOnDate({ committeeId: "bcd-ty", date: "2025-02-01" })
          )
        )._tag
      ).toBe("NotFound")
      const page = await danvan.directives({ programme: "DVK", page: { limit: 1 } })
      expect(page.items.map((d) => d.id)).toEqual(["kh-1"])
      expect((await danvan.directive({ directiveId: "kh-3" })).programme).toBe("QCDC")
      expect((await danvan.directivesInForce({ on: "2025-02-01" })).map((d) => d.id)).toEqual([
        "kh-1",
        "kh-2",
        "kh-3"
      ])
      const consolidated = await district.consolidateReport({
        rootId: ids.hoaLu,
        periodId: "2025Q1",
        programme: "DVK",
        regimeId: "party-calendar-months"
      })
      expect(consolidated.consolidation.totals.models).toBe(4)
      // By time, then id: the report was created first; three changes were made a month later.
      const trail = await district.auditTrail({ actorUnitId: ids.truongYen }, { limit: 2 })
      expect(trail.items.map((e) => e.action)[0]).toBe("report.created")
      expect(trail.items).toHaveLength(2)
      expect(trail.next).toBeDefined()
      const all = await district.auditTrailAll({ actorUnitId: ids.truongYen })
      expect(all.map((e) => e.action).sort()).toEqual(
        ["committee.composed", "model.registered", "report.created", "report.submitted"].sort()
      )
    })

    it("a bad page request is an InvalidInput, never a store failure or an empty page", async () => {
      const reader = danvan.as(leader(ids.province))
      const bad: ReadonlyArray<unknown> = [
        { limit: 0 },
        { limit: -1 },
        { limit: 10_001 },
        { limit: 1.5 },
        { limit: "10" },
        { limit: Number.NaN },
        { after: "" },
        { after: "không phải con trỏ" },
        { after: "x".repeat(5000) },
        { after: 7 },
        // Well formed, but not a cursor the store issued.
        { after: "abc" },
        null,
        "page 2"
      ]
      for (const page of bad) {
        const label = JSON.stringify(page)
        expect((await rejection(reader.reports({ page } as never), `reports ${label}`))._tag).toBe(
          "InvalidInput"
        )
        expect((await rejection(reader.models({ page } as never), `models ${label}`))._tag).toBe(
          "InvalidInput"
        )
        expect((await rejection(reader.auditTrail({}, page as never), `audit ${label}`))._tag).toBe(
          "InvalidInput"
        )
        expect((await rejection(danvan.directives({ page } as never), `directives ${label}`))._tag).toBe(
          "InvalidInput"
        )
        expect(
          (
            await rejection(
              danvan.unitsInJurisdiction({ rootId: ids.province, asOf: "2025-01-01", page } as never)
            )
          )._tag,
          label
        ).toBe("InvalidInput")
      }
    })

    it("a bad audit query is an InvalidInput, never a store failure or an empty page", async () => {
      const reader = danvan.as(leader(ids.province))
      const bad: ReadonlyArray<unknown> = [
        { subjectKind: "nope" },
        { subjectId: "" },
        { subjectId: "có dấu cách" },
        { actorUnitId: 37 },
        { from: "yesterday" },
        { from: "2025-02-30T00:00:00.000Z" },
        { to: "2025-01-01" },
        { from: "2025-03-01T00:00:00.000Z", to: "2025-01-01T00:00:00.000Z" },
        null,
        []
      ]
      for (const query of bad) {
        const error = await rejection(reader.auditTrail(query as never))
        expect(error._tag, JSON.stringify(query)).toBe("InvalidInput")
        expect(error.message).toContain("auditTrail")
      }
      expect(
        (await reader.auditTrail({ subjectKind: "report", actorUnitId: ids.truongYen })).items.length
      ).toBe(2)
    })
  })
}
