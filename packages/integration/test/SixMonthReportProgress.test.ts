/**
 * The six-month report states the reporting unit's own task follow-up (issue 17): read from the
 * store (`SixMonthReport.read`), a district's report of the period lists each task it reported on,
 * with the directive's number, the task, its status and note; the section and the sheet follow.
 */
import { CalendarDate, Danvan, Ids, type Period, SixMonthReport } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { describe, expect, it } from "vitest"
import { dvkContent, ids, leader, officer, seedWorld } from "./support/world.ts"

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
      id: "t-hoa-lu",
      description: "Huyện Hoa Lư sơ kết mô hình dân vận khéo về du lịch cộng đồng.",
      assignees: [{ _tag: "Unit" as const, unitId: ids.hoaLu }]
    }
  ]
}

describe("SixMonthReport.read with the unit's own task follow-up", () => {
  it("lists the tasks its report follows up, with the directive's number, status and note", async () => {
    const clock = { now: new Date("2025-06-20T02:00:00.000Z") }
    const danvan = await Danvan.open(StoreMemory.layer(), { now: () => clock.now })
    try {
      await danvan.run(seedWorld)
      await danvan.as(officer(ids.province)).registerDirective(notice)
      const read = () =>
        danvan.run(
          SixMonthReport.read(leader(ids.hoaLu), {
            rootId: Ids.UnitId.make(ids.hoaLu),
            periodId: "2025S1" as Period.PeriodId,
            regimeId: Ids.RegimeId.make(regimeId),
            reportDate: CalendarDate.make(2025, 6, 25),
            levels: ["commune"]
          })
        )
      // No report of its own yet: no follow-up, no section.
      const before = await read()
      expect(before.taskProgress).toBeUndefined()
      expect(
        SixMonthReport.document(before).blocks.some((b) => "text" in b && b.text.includes("Kết quả"))
      ).toBe(false)
      await danvan.as(officer(ids.hoaLu)).createReport({
        id: "r-hoa-lu-2025S1",
        unitId: ids.hoaLu,
        programme: "DVK",
        periodId: "2025S1",
        regimeId,
        content: {
          ...dvkContent(1),
          taskProgress: [
            { directiveId: notice.id, taskId: "t-hoa-lu", status: "done" },
            { directiveId: notice.id, taskId: "t-ubnd", status: "inProgress", note: "Đã đối thoại ở 3 xã" }
          ]
        }
      })
      const after = await read()
      expect(after.taskProgress).toEqual([
        { number: "12-TB/TU", description: notice.tasks[1]!.description, status: "done" },
        {
          number: "12-TB/TU",
          description: notice.tasks[0]!.description,
          status: "inProgress",
          note: "Đã đối thoại ở 3 xã"
        }
      ])
      const section = SixMonthReport.document(after).blocks
      const at = section.findIndex((b) => b._tag === "heading" && b.text === "IV. Kết quả thực hiện nhiệm vụ")
      expect(at).toBeGreaterThan(0)
      expect(section[at + 1]).toMatchObject({
        _tag: "list",
        items: [
          "Huyện Hoa Lư sơ kết mô hình dân vận khéo về du lịch cộng đồng (12-TB/TU): đã hoàn thành",
          "UBND các cấp tăng cường tiếp công dân, đối thoại trực tiếp với nhân dân (12-TB/TU): đang thực hiện. Đã đối thoại ở 3 xã"
        ]
      })
      expect(SixMonthReport.tables(after).map((t) => t.id)).toContain("ket-qua-thuc-hien-nhiem-vu")
    } finally {
      await danvan.close()
    }
  })
})
