import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Directive from "../src/directive/Directive.ts"
import * as DocumentNumber from "../src/directive/DocumentNumber.ts"
import * as TaskAssignment from "../src/directive/TaskAssignment.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { DirectiveId, TaskId, UnitId } from "../src/kernel/Ids.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import { ReportContent } from "../src/report/Report.ts"
import * as TaskFollowUp from "../src/report/TaskFollowUp.ts"
import { ParentLink, Unit, type UnitType } from "../src/unit/Unit.ts"

const day = CalendarDate.unsafeFromString
const decodeContent = Schema.decodeUnknownResult(ReportContent)
const plainContent = { figures: FiguresRules.emptyQcdc(), achievements: "", shortcomings: "", nextTasks: "" }

describe("ReportContent.taskProgress", () => {
  it("a content without the key (stored before task follow-up) decodes and is constructed with none", () => {
    const decoded = decodeContent(plainContent)
    expect(Result.isSuccess(decoded) && decoded.success.taskProgress).toEqual([])
    expect(new ReportContent(plainContent).taskProgress).toEqual([])
  })

  it("stores notes as NFC, trimmed, and round-trips", () => {
    const decoded = Result.getOrThrow(
      decodeContent({
        ...plainContent,
        taskProgress: [
          { directiveId: "d", taskId: "t1", status: "done", note: "  Đã tổ chức đối thoại\u0301 " }
        ]
      })
    )
    const note = decoded.taskProgress[0]?.note ?? ""
    expect(note).toBe(note.normalize("NFC"))
    expect(note.startsWith("Đã")).toBe(true)
    expect(note.endsWith(" ")).toBe(false)
    const again = Result.getOrThrow(decodeContent(Schema.encodeSync(ReportContent)(decoded)))
    expect(again).toEqual(decoded)
  })

  it("refuses an unknown status, a note over the limit, control characters and too many lines", () => {
    const bad = (taskProgress: unknown) => Result.isFailure(decodeContent({ ...plainContent, taskProgress }))
    expect(bad([{ directiveId: "d", taskId: "t", status: "finished" }])).toBe(true)
    expect(bad([{ directiveId: "d", taskId: "t", status: "done", note: "x".repeat(4_001) }])).toBe(true)
    expect(bad([{ directiveId: "d", taskId: "t", status: "done", note: "a\u0000b" }])).toBe(true)
    expect(bad([{ directiveId: "", taskId: "t", status: "done" }])).toBe(true)
    expect(
      bad(
        Array.from({ length: TaskFollowUp.maxEntries + 1 }, (_, i) => ({
          directiveId: "d",
          taskId: `t${i}`,
          status: "done"
        }))
      )
    ).toBe(true)
    expect(bad([{ directiveId: "d", taskId: "t", status: "inProgress", note: "x".repeat(4_000) }])).toBe(
      false
    )
  })
})

const unit = (id: string, type: UnitType, links: Array<string>) =>
  new Unit({
    id: UnitId.make(id),
    type,
    name: `Đơn vị ${id}`,
    validFrom: day("2000-01-01"),
    parents: links.map((p) => new ParentLink({ parentId: UnitId.make(p), from: day("2000-01-01") })),
    version: 1
  })
const units = [unit("P", "province", []), unit("D", "ruralDistrict", ["P"]), unit("C", "commune", ["D"])]
const scene = TaskAssignment.scene({ units })
const conclusion = new Directive.Directive({
  id: DirectiveId.make("kl"),
  number: Result.getOrThrow(DocumentNumber.parse("145-TB/TU")),
  issuedBy: { _tag: "Unit", unitId: UnitId.make("P"), body: "partyCommittee" },
  title: "Kết luận hội nghị",
  programme: "OTHER",
  issuedOn: day("2017-07-14"),
  effectiveFrom: day("2017-07-14"),
  replaces: [],
  tasks: [
    {
      id: TaskId.make("t-ubnd"),
      description: "UBND các cấp tăng cường tiếp công dân.",
      assignees: [{ _tag: "Bodies", body: "peoplesCommittee", levels: [], within: UnitId.make("P") }]
    },
    {
      id: TaskId.make("t-district"),
      description: "BCĐ cấp huyện cụ thể hóa nhiệm vụ.",
      assignees: [
        { _tag: "Bodies", body: "steeringCommittee", levels: ["district"], within: UnitId.make("P") }
      ]
    }
  ],
  version: 1
})
const line = (taskId: string, status: TaskFollowUp.TaskStatus = "done", directiveId = "kl") =>
  new TaskFollowUp.TaskProgress({
    directiveId: DirectiveId.make(directiveId),
    taskId: TaskId.make(taskId),
    status
  })

describe("TaskFollowUp.check", () => {
  const check = (unitId: string, progress: ReadonlyArray<TaskFollowUp.TaskProgress>) =>
    TaskFollowUp.check({
      unitId: UnitId.make(unitId),
      progress,
      applicable: [conclusion],
      scene,
      dates: [day("2017-12-31")]
    }).map((v) => v._tag)

  it("accepts each assigned task once", () => {
    expect(check("D", [line("t-ubnd"), line("t-district", "inProgress")])).toEqual([])
    expect(check("C", [line("t-ubnd", "notStarted")])).toEqual([])
  })

  it("refuses a duplicate, a task of no applicable directive or no such task, a task not assigned", () => {
    expect(check("D", [line("t-ubnd"), line("t-ubnd", "inProgress")])).toEqual(["DuplicateTaskProgress"])
    expect(check("C", [line("t-ubnd", "done", "other")])).toEqual(["TaskNotApplicable"])
    expect(check("C", [line("t-nope")])).toEqual(["TaskNotApplicable"])
    expect(check("C", [line("t-district")])).toEqual(["TaskNotAssigned"])
    const [v] = TaskFollowUp.check({
      unitId: UnitId.make("C"),
      progress: [line("t-district")],
      applicable: [conclusion],
      scene,
      dates: [day("2017-12-31")]
    })
    expect(String(v)).toContain("is not assigned to unit C")
  })

  it("flags a line exactly when its task is unknown or not the unit's, whatever the lines (law)", () => {
    const lines = fc.array(
      fc.record({
        directiveId: fc.constantFrom("kl", "other"),
        taskId: fc.constantFrom("t-ubnd", "t-district", "t-nope"),
        status: fc.constantFrom<TaskFollowUp.TaskStatus>("notStarted", "inProgress", "done")
      }),
      { maxLength: 6 }
    )
    fc.assert(
      fc.property(lines, fc.constantFrom("P", "D", "C"), (specs, unitId) => {
        const progress = specs.map((p) => line(p.taskId, p.status, p.directiveId))
        const found = TaskFollowUp.check({
          unitId: UnitId.make(unitId),
          progress,
          applicable: [conclusion],
          scene,
          dates: [day("2017-12-31")]
        })
        const assigned: Record<string, ReadonlyArray<string>> = {
          "t-ubnd": ["P", "D", "C"],
          "t-district": ["D"]
        }
        const expected = new Map<string, string>()
        for (const p of specs) {
          const key = JSON.stringify([p.directiveId, p.taskId])
          if (expected.has(key)) continue
          const known = p.directiveId === "kl" && p.taskId in assigned
          expected.set(
            key,
            !known ? "TaskNotApplicable" : assigned[p.taskId]?.includes(unitId) ? "ok" : "TaskNotAssigned"
          )
        }
        const perLine = found
          .filter((v) => v._tag !== "DuplicateTaskProgress")
          .map((v) => [JSON.stringify([v.directiveId, v.taskId]), v._tag])
        expect(perLine).toEqual([...expected].filter(([, tag]) => tag !== "ok"))
      })
    )
  })

  it("reports each duplicated task once, whatever the order (law)", () => {
    const taskIds = ["t-ubnd", "t-district", "t-nope"]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...taskIds), { maxLength: 12 }), (ts) => {
        const dups = TaskFollowUp.duplicates(ts.map((t) => line(t)))
        const expected = taskIds.filter((t) => ts.filter((x) => x === t).length > 1)
        expect(dups.map((d) => d.taskId).sort()).toEqual([...expected].sort())
        expect(TaskFollowUp.duplicates([...ts].reverse().map((t) => line(t))).length).toBe(dups.length)
      })
    )
  })
})

describe("TaskFollowUp.followUp", () => {
  const assigned = new Map([
    ["t-ubnd", [UnitId.make("C"), UnitId.make("D"), UnitId.make("P")]],
    ["t-district", [UnitId.make("D")]]
  ])
  const report = (unitId: string, progress: ReadonlyArray<TaskFollowUp.TaskProgress>) => ({
    unitId: UnitId.make(unitId),
    content: { taskProgress: progress }
  })

  it("counts the units per status and lists the assigned units that have not reported", () => {
    const [ubnd, district] = TaskFollowUp.followUp({
      directive: conclusion,
      assigned,
      reports: [
        report("D", [line("t-ubnd", "done"), line("t-district", "inProgress")]),
        report("C", [line("t-ubnd", "inProgress"), line("t-ubnd", "done", "other")])
      ]
    })
    expect(ubnd?.counts).toEqual({ notStarted: 0, inProgress: 1, done: 1 })
    expect(ubnd?.byStatus.done).toEqual(["D"])
    expect(ubnd?.notReported).toEqual(["P"])
    expect(district?.counts).toEqual({ notStarted: 0, inProgress: 1, done: 0 })
    expect(district?.notReported).toEqual([])
  })

  it("every assigned unit is reported under one status or not reported, and order does not matter (law)", () => {
    const statuses = fc.constantFrom<TaskFollowUp.TaskStatus>("notStarted", "inProgress", "done")
    const reportArb = fc.record({
      unitId: fc.constantFrom("P", "D", "C"),
      progress: fc.array(fc.tuple(fc.constantFrom("t-ubnd", "t-district"), statuses), { maxLength: 3 })
    })
    fc.assert(
      fc.property(fc.uniqueArray(reportArb, { selector: (r) => r.unitId }), (specs) => {
        const reports = specs.map((s) =>
          report(
            s.unitId,
            s.progress.map(([t, st]) => line(t, st))
          )
        )
        const rows = TaskFollowUp.followUp({ directive: conclusion, assigned, reports })
        const reversed = TaskFollowUp.followUp({
          directive: conclusion,
          assigned,
          reports: [...reports].reverse()
        })
        expect(reversed).toEqual(rows)
        for (const row of rows) {
          const reporting = [...row.byStatus.notStarted, ...row.byStatus.inProgress, ...row.byStatus.done]
          expect(new Set(reporting).size).toBe(reporting.length)
          expect(row.counts.notStarted + row.counts.inProgress + row.counts.done).toBe(reporting.length)
          for (const u of row.assigned)
            expect(reporting.includes(u) !== row.notReported.includes(u)).toBe(true)
          const reporters = specs
            .filter((s) => s.progress.some(([t]) => t === row.taskId))
            .map((s) => s.unitId)
          expect([...reporting].sort()).toEqual([...reporters].sort())
        }
      })
    )
  })
})
