import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { Actor } from "../src/access/Actor.ts"
import * as Deadline from "../src/calendar/Deadline.ts"
import * as Period from "../src/calendar/Period.ts"
import * as Regime from "../src/calendar/Regime.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { FieldId, PersonId, RegimeId, ReportId, UnitId } from "../src/kernel/Ids.ts"
import * as Timestamp from "../src/kernel/Timestamp.ts"
import type { DvkFigures } from "../src/report/Figures.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import { Report, ReportContent, ReportRevision } from "../src/report/Report.ts"
import * as ReportWorkflow from "../src/report/ReportWorkflow.ts"
import { decodeProblem } from "./support/Decoding.ts"

const regime = Regime.defaults.party
const district = new Actor({
  personId: PersonId.make("p-district"),
  name: "Cán bộ huyện",
  unitId: UnitId.make("vn-373")
})
const province = new Actor({
  personId: PersonId.make("p-province"),
  name: "Cán bộ tỉnh",
  unitId: UnitId.make("vn-37")
})
const fields = ["economy", "culture-society", "security-defence", "political-system"].map((f) =>
  FieldId.make(f)
)
const period = Period.halfYear(2017, 1)
const periodId = Period.id(period)

const dvk = (byField: ReadonlyArray<number>, over: Partial<DvkFigures> = {}): DvkFigures => {
  const models = byField.reduce((a, b) => a + b, 0)
  return {
    ...FiguresRules.emptyDvk(fields),
    models,
    byField: Object.fromEntries(fields.map((f, i) => [f, byField[i] ?? 0])) as DvkFigures["byField"],
    byStatus: { ...FiguresRules.emptyDvk(fields).byStatus, inProgress: models },
    ...over
  }
}

const content = (figures: DvkFigures, text = "") =>
  new ReportContent({ figures, achievements: text, shortcomings: "", nextTasks: "" })

const at = (iso: string) => Timestamp.fromDate(new Date(iso))
const stamp = (by: Actor, iso: string) => ({ at: at(iso), by })
const timeliness = { regime, level: "district" as const }

const draft = (figures: DvkFigures = dvk([1, 2, 3, 4])) =>
  Result.getOrThrow(
    ReportWorkflow.create(
      {
        id: ReportId.make("r-373-2017S1"),
        unitId: district.unitId,
        programme: "DVK",
        periodId,
        regimeId: regime.id,
        content: content(figures)
      },
      stamp(district, "2017-06-20T02:00:00.000Z")
    )
  )

const failureTag = (r: Result.Result<unknown, { readonly _tag: string }>) =>
  Result.isFailure(r) ? r.failure._tag : "success"

describe("ReportWorkflow transitions", () => {
  it("creates a draft at revision 0 with a Created event", () => {
    const r = draft()
    expect(r.status).toBe("draft")
    expect(r.revision).toBe(0)
    expect(r.events.map((e) => e._tag)).toEqual(["Created"])
    expect(r.events[0].by).toEqual(district)
  })

  it("refuses figures of the other programme", () => {
    const created = ReportWorkflow.create(
      {
        id: ReportId.make("r"),
        unitId: district.unitId,
        programme: "DVK",
        periodId,
        regimeId: RegimeId.make("x"),
        content: new ReportContent({
          figures: FiguresRules.emptyQcdc(),
          achievements: "",
          shortcomings: "",
          nextTasks: ""
        })
      },
      stamp(district, "2017-06-20T02:00:00.000Z")
    )
    expect(failureTag(created)).toBe("FiguresProgrammeMismatch")
    const edited = ReportWorkflow.edit(
      draft(),
      new ReportContent({
        figures: FiguresRules.emptyQcdc(),
        achievements: "",
        shortcomings: "",
        nextTasks: ""
      }),
      stamp(district, "2017-06-21T02:00:00.000Z")
    )
    expect(failureTag(edited)).toBe("FiguresProgrammeMismatch")
    if (Result.isFailure(edited)) expect(edited.failure.message).toContain("QCDC figures")
  })

  it("submits a revision frozen with its content, on time by the day in Vietnam", () => {
    const due = Deadline.deadline(regime, period, "district")
    // 16:59 UTC is 23:59 in Vietnam on the deadline: on time.
    const lastMinute = `${due}T16:59:00.000Z`
    const s = Result.getOrThrow(ReportWorkflow.submit(draft(), stamp(district, lastMinute), timeliness))
    expect(s.report.status).toBe("submitted")
    expect(s.report.revision).toBe(1)
    expect(s.revision).toEqual(
      new ReportRevision({
        reportId: s.report.id,
        revision: 1,
        content: draft().content,
        submittedAt: at(lastMinute),
        submittedBy: district,
        onTime: true
      })
    )
    // 17:00 UTC is already the next day in Vietnam: late.
    const late = Result.getOrThrow(
      ReportWorkflow.submit(draft(), stamp(district, `${due}T17:00:00.000Z`), timeliness)
    )
    expect(late.revision.onTime).toBe(false)
    expect(late.report.events.at(-1)).toMatchObject({ _tag: "Submitted", revision: 1, onTime: false })
  })

  it("reports every inconsistency of the figures before submission", () => {
    const bad = dvk([1, 2, 3, 4], { models: 12, effective: 5, commended: 6 })
    const r = ReportWorkflow.submit(draft(bad), stamp(district, "2017-06-20T03:00:00.000Z"), timeliness)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      const e = r.failure
      expect(e._tag).toBe("InconsistentFigures")
      if (e._tag === "InconsistentFigures") {
        const tags = e.violations.map((v) => v._tag).sort()
        // byField sums to 10 and byStatus to 10, not 12; commended 6 > effective 5.
        expect(tags).toEqual(["BreakdownMismatch", "BreakdownMismatch", "ExceedsBound"])
        expect(e.message).toContain("r-373-2017S1")
      }
    }
  })

  it("needs a reason to return or reopen, and approves only what was submitted", () => {
    const submitted = Result.getOrThrow(
      ReportWorkflow.submit(draft(), stamp(district, "2017-06-20T03:00:00.000Z"), timeliness)
    ).report
    expect(
      failureTag(ReportWorkflow.returnReport(submitted, "   ", stamp(province, "2017-06-21T03:00:00.000Z")))
    ).toBe("ReasonRequired")
    expect(
      failureTag(
        ReportWorkflow.returnReport(submitted, "x".repeat(2001), stamp(province, "2017-06-21T03:00:00.000Z"))
      )
    ).toBe("ReasonRequired")
    const returned = Result.getOrThrow(
      ReportWorkflow.returnReport(
        submitted,
        " Thiếu số liệu lĩnh vực kinh tế ",
        stamp(province, "2017-06-21T03:00:00.000Z")
      )
    )
    expect(returned.status).toBe("returned")
    expect(returned.events.at(-1)).toMatchObject({
      _tag: "Returned",
      reason: "Thiếu số liệu lĩnh vực kinh tế"
    })
    expect(failureTag(ReportWorkflow.approve(returned, stamp(province, "2017-06-22T03:00:00.000Z")))).toBe(
      "InvalidReportTransition"
    )
    expect(failureTag(ReportWorkflow.approve(draft(), stamp(province, "2017-06-22T03:00:00.000Z")))).toBe(
      "InvalidReportTransition"
    )
    const approved = Result.getOrThrow(
      ReportWorkflow.approve(submitted, stamp(province, "2017-06-22T03:00:00.000Z"))
    )
    expect(approved.status).toBe("approved")
    const locked = ReportWorkflow.edit(
      approved,
      content(dvk([9, 9, 9, 9])),
      stamp(district, "2017-06-23T03:00:00.000Z")
    )
    expect(failureTag(locked)).toBe("ReportLocked")
    if (Result.isFailure(locked)) expect(locked.failure.message).toContain("reopen")
    expect(failureTag(ReportWorkflow.reopen(approved, "", stamp(province, "2017-06-23T03:00:00.000Z")))).toBe(
      "ReasonRequired"
    )
    expect(
      failureTag(ReportWorkflow.reopen(submitted, "sửa", stamp(province, "2017-06-23T03:00:00.000Z")))
    ).toBe("InvalidReportTransition")
    const reopened = Result.getOrThrow(
      ReportWorkflow.reopen(approved, "Sửa số liệu", stamp(province, "2017-06-23T03:00:00.000Z"))
    )
    expect(reopened.status).toBe("reopened")
    expect(reopened.content).toEqual(approved.content)
    const edited = Result.getOrThrow(
      ReportWorkflow.edit(reopened, content(dvk([2, 2, 3, 4])), stamp(district, "2017-06-24T03:00:00.000Z"))
    )
    const again = Result.getOrThrow(
      ReportWorkflow.submit(edited, stamp(district, "2017-06-25T03:00:00.000Z"), timeliness)
    )
    expect(again.revision.revision).toBe(2)
    expect(again.revision.content.figures).toMatchObject({ models: 11 })
  })

  it("gives transitions errors with plain messages that name the report and the status", () => {
    const submitted = Result.getOrThrow(
      ReportWorkflow.submit(draft(), stamp(district, "2017-06-20T03:00:00.000Z"), timeliness)
    ).report
    const r = ReportWorkflow.edit(
      submitted,
      content(dvk([1, 1, 1, 1])),
      stamp(district, "2017-06-20T04:00:00.000Z")
    )
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure.message).toBe(
        'cannot edit report "r-373-2017S1": it is submitted, and a submitted report waits for its parent unit to approve or return it'
      )
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The state machine against a reference model
// ---------------------------------------------------------------------------------------------

type Status = "draft" | "submitted" | "returned" | "approved" | "reopened"
type Command =
  | { readonly _tag: "edit"; readonly figures: DvkFigures }
  | { readonly _tag: "submit" }
  | { readonly _tag: "return"; readonly reason: string }
  | { readonly _tag: "approve" }
  | { readonly _tag: "reopen"; readonly reason: string }

/** The table of the issue, written out independently of the implementation. */
const table: Record<Status, ReadonlyArray<Command["_tag"]>> = {
  draft: ["edit", "submit"],
  submitted: ["return", "approve"],
  returned: ["edit", "submit"],
  approved: ["reopen"],
  reopened: ["edit", "submit"]
}

const after: Record<Command["_tag"], (s: Status) => Status> = {
  edit: (s) => s,
  submit: () => "submitted",
  return: () => "returned",
  approve: () => "approved",
  reopen: () => "reopened"
}

/** Splits `total` into `parts` non-negative counts. */
const split = (total: number, parts: number): fc.Arbitrary<Array<number>> =>
  fc.array(fc.integer({ min: 0, max: total }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((a, b) => a - b), total]
    return sorted.slice(1).map((c, i) => c - (sorted[i] as number))
  })

/** DVK figures, consistent about three times in four. */
const figuresArb: fc.Arbitrary<DvkFigures> = fc
  .integer({ min: 0, max: 40 })
  .chain((models) =>
    fc.record({
      models: fc.constant(models),
      byField: split(models, 4),
      byStatus: split(models, 6),
      effective: fc.integer({ min: 0, max: models }),
      newModels: fc.integer({ min: 0, max: models }),
      replicated: fc.integer({ min: 0, max: models }),
      commendedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      broken: fc.integer({ min: 0, max: 3 })
    })
  )
  .map((g) => {
    const effective = g.effective
    const f: DvkFigures = {
      ...FiguresRules.emptyDvk(fields),
      models: g.models,
      byField: Object.fromEntries(fields.map((id, i) => [id, g.byField[i] ?? 0])) as DvkFigures["byField"],
      byStatus: Object.fromEntries(
        FiguresRules.statuses.map((s, i) => [s, g.byStatus[i] ?? 0])
      ) as DvkFigures["byStatus"],
      newModels: g.newModels,
      effective,
      commended: Math.floor(effective * g.commendedShare),
      replicated: g.replicated
    }
    return g.broken === 0 ? { ...f, models: f.models + 1 } : f
  })

const reasonArb = fc.oneof(
  fc.constantFrom("", "  ", "\t"),
  fc.constantFrom("Thiếu số liệu", "Sai tổng", "Bổ sung")
)

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  figuresArb.map((figures) => ({ _tag: "edit" as const, figures })),
  fc.constant({ _tag: "submit" as const }),
  reasonArb.map((reason) => ({ _tag: "return" as const, reason })),
  fc.constant({ _tag: "approve" as const }),
  reasonArb.map((reason) => ({ _tag: "reopen" as const, reason }))
)

const encodeRevision = Schema.encodeSync(ReportRevision)

describe("ReportWorkflow state machine (property)", () => {
  it("accepts exactly what the table allows, never edits an approved report, keeps every revision", () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), (commands) => {
        let report: Report = draft()
        let model: Status = "draft"
        let approvedContent: ReportContent | undefined
        const revisions: Array<{ readonly revision: ReportRevision; readonly snapshot: unknown }> = []
        let accepted = 0
        commands.forEach((command, i) => {
          const s = stamp(
            command._tag === "return" || command._tag === "approve" || command._tag === "reopen"
              ? province
              : district,
            new Date(Date.UTC(2017, 5, 20, 0, i)).toISOString()
          )
          const before = report
          let result: Result.Result<Report, { readonly _tag: string }>
          let revision: ReportRevision | undefined
          switch (command._tag) {
            case "edit":
              result = ReportWorkflow.edit(report, content(command.figures), s)
              break
            case "submit": {
              const r = ReportWorkflow.submit(report, s, timeliness)
              result = Result.map(r, (x) => x.report)
              revision = Result.isSuccess(r) ? r.success.revision : undefined
              break
            }
            case "return":
              result = ReportWorkflow.returnReport(report, command.reason, s)
              break
            case "approve":
              result = ReportWorkflow.approve(report, s)
              break
            case "reopen":
              result = ReportWorkflow.reopen(report, command.reason, s)
              break
          }
          const allowed = table[model].includes(command._tag)
          const needsReason = command._tag === "return" || command._tag === "reopen"
          const reasonMissing = needsReason && command.reason.trim() === ""
          const inconsistent =
            command._tag === "submit" && FiguresRules.check(report.content.figures).length > 0
          if (!allowed) {
            expect(failureTag(result)).toBe(
              model === "approved" && command._tag !== "reopen" ? "ReportLocked" : "InvalidReportTransition"
            )
          } else if (reasonMissing) {
            expect(failureTag(result)).toBe("ReasonRequired")
          } else if (inconsistent) {
            expect(failureTag(result)).toBe("InconsistentFigures")
          } else {
            expect(failureTag(result)).toBe("success")
          }
          if (Result.isFailure(result)) {
            // A rejected command changes nothing and its error says so in words.
            expect((result.failure as unknown as Error).message.length).toBeGreaterThan(10)
            expect(report).toBe(before)
            return
          }
          accepted++
          report = result.success
          model = after[command._tag](model)
          expect(report.status).toBe(model)
          if (command._tag === "approve") approvedContent = report.content
          if (command._tag === "reopen") approvedContent = undefined
          if (revision !== undefined) {
            expect(revision.revision).toBe(revisions.length + 1)
            expect(revision.content).toEqual(before.content)
            revisions.push({ revision, snapshot: encodeRevision(revision) })
          }
          if (model === "approved") {
            expect(approvedContent).toBeDefined()
            expect(report.content).toEqual(approvedContent)
            // What was approved is the last submitted revision.
            expect(report.content).toEqual(revisions.at(-1)?.revision.content)
          }
        })
        // The log: one event per accepted command, and nothing but a reopening after an approval.
        expect(report.events.length).toBe(1 + accepted)
        const tags = report.events.map((e) => e._tag)
        tags.forEach((tag, k) => {
          if (tag === "Approved" && k + 1 < tags.length) expect(tags[k + 1]).toBe("Reopened")
        })
        expect(report.revision).toBe(revisions.length)
        for (const { revision, snapshot } of revisions) expect(encodeRevision(revision)).toEqual(snapshot)
      }),
      { numRuns: 300 }
    )
  })

  it("decoding arbitrary input as a Report gives a value or a typed error", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(decodeProblem(Report, input)).toBeUndefined()
      })
    )
  })
})

describe("ReportWorkflow.firstSubmission", () => {
  it("keeps the timeliness of the first submission", () => {
    const due = Deadline.deadline(regime, period, "district")
    const first = Result.getOrThrow(
      ReportWorkflow.submit(draft(), stamp(district, `${due}T02:00:00.000Z`), timeliness)
    )
    const returned = Result.getOrThrow(
      ReportWorkflow.returnReport(first.report, "Sai", stamp(province, `${due}T03:00:00.000Z`))
    )
    const later = CalendarDate.addDays(due, 10)
    const second = Result.getOrThrow(
      ReportWorkflow.submit(returned, stamp(district, `${later}T02:00:00.000Z`), timeliness)
    )
    expect(second.revision.onTime).toBe(false)
    expect(ReportWorkflow.firstSubmission(second.report)).toEqual({
      at: at(`${due}T02:00:00.000Z`),
      onTime: true
    })
    expect(ReportWorkflow.firstSubmission(draft())).toBeUndefined()
  })
})
