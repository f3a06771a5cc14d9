/**
 * The conference's five tasks followed up in the 2017 annual reports (theo dõi thực hiện nhiệm
 * vụ): the conclusion (145-TB/TU) gives Party committees, HĐND, UBND and the DVK steering committees
 * "at all levels" five tasks for the last six months of 2017; each district-level unit says in its
 * annual report how far it got with each, and the province counts, per task, the districts at each
 * status and those that have not reported on it.
 *
 * Everything here is **illustrative**: the article ends with the tasks, so the statuses, the notes
 * and the dates are chosen to show the follow-up (Kim Sơn leaves task 3 out of its report; Yên Mô
 * drafts its report and never submits it, as with its six-month report). The annual figures repeat
 * each district's six-month figures, as nothing else is known.
 */
import {
  type Danvan,
  type Ids,
  ReportRepository,
  Reports,
  type Store,
  type TaskFollowUp,
  TaskFollowUps,
  Unit,
  UnitRepository
} from "@danvan/core"
import { Effect, Option } from "effect"
import { at, morningOf } from "../shared/clock.ts"
import { districtReports } from "./reports.ts"
import { dvkFigures, officerOf, provinceLeader, regime } from "./seed.ts"
import * as NinhBinh from "./units.ts"

/** The period of the annual report. */
export const annualPeriodId = "2017"
/** The conference's conclusions (`directives.ts`). */
export const conclusionId = "nb-dir-145-tb-tu-2017"

type Status = TaskFollowUp.TaskStatus
/** A district's statuses on tasks 1 to 5 (`undefined`: left out of its report), with notes. */
interface AnnualReport {
  readonly code: NinhBinh.DistrictCode
  readonly statuses: readonly [
    Status | undefined,
    Status | undefined,
    Status | undefined,
    Status | undefined,
    Status | undefined
  ]
  readonly notes?: Readonly<Partial<Record<1 | 2 | 3 | 4 | 5, string>>>
  /** The day it is submitted; never submitted when absent. */
  readonly submittedOn?: string
}

const annualReports: ReadonlyArray<AnnualReport> = [
  { code: "369", statuses: ["done", "done", "done", "inProgress", "done"], submittedOn: "2018-01-05" },
  {
    code: "370",
    statuses: ["done", "inProgress", "done", "done", "done"],
    notes: { 2: "Đang rà soát thủ tục hành chính cấp xã." },
    submittedOn: "2018-01-04"
  },
  {
    code: "372",
    statuses: ["inProgress", "inProgress", "done", "inProgress", "inProgress"],
    submittedOn: "2018-01-09"
  },
  { code: "373", statuses: ["done", "done", "inProgress", "done", "done"], submittedOn: "2018-01-05" },
  {
    code: "374",
    statuses: ["done", "inProgress", "done", "done", "inProgress"],
    notes: { 4: "Tổ chức 12 buổi đối thoại trực tiếp với nhân dân." },
    submittedOn: "2018-01-03"
  },
  { code: "375", statuses: ["done", "done", "done", "inProgress", "done"], submittedOn: "2018-01-05" },
  {
    code: "376",
    statuses: ["inProgress", "notStarted", undefined, "inProgress", "done"],
    notes: { 2: "Chưa triển khai do thiếu cán bộ chuyên trách." },
    submittedOn: "2018-01-08"
  },
  { code: "377", statuses: ["inProgress", "inProgress", "inProgress", "inProgress", "inProgress"] }
]

const taskId = (n: number) => `nb-kl-2017-t${n}`

const content = (r: AnnualReport) => {
  const six = districtReports.find((d) => d.code === r.code)
  if (six === undefined) throw new Error(`no six-month figures for district ${r.code}`)
  return {
    figures: dvkFigures(six.figures),
    achievements: "Triển khai các nhiệm vụ theo Kết luận Hội nghị sơ kết 6 tháng đầu năm 2017.",
    shortcomings: "",
    nextTasks: "Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành trong năm 2018.",
    taskProgress: r.statuses.flatMap((status, i) => {
      if (status === undefined) return []
      const note = r.notes?.[(i + 1) as 1 | 2 | 3 | 4 | 5]
      return [
        { directiveId: conclusionId, taskId: taskId(i + 1), status, ...(note === undefined ? {} : { note }) }
      ]
    })
  }
}

/** Seeds one annual report (idempotent: a report already there is taken on from where it stands). */
const seedAnnual = (r: AnnualReport) =>
  Effect.gen(function* () {
    const unitId = NinhBinh.districtIds[r.code]
    const officer = officerOf(unitId)
    let stored = Option.getOrUndefined(
      yield* (yield* ReportRepository).find(unitId, annualPeriodId as never, "DVK")
    )
    if (stored === undefined) {
      stored = yield* Reports.createReport(officer, {
        id: `nb-report-2017-dvk-${r.code}`,
        unitId,
        programme: "DVK",
        periodId: annualPeriodId,
        regimeId: regime.id,
        content: content(r)
      }).pipe(at(morningOf("2017-12-27")))
    }
    if (r.submittedOn !== undefined && stored.status === "draft") {
      yield* Reports.submitReport(officer, { reportId: stored.id, version: stored.version }).pipe(
        at(morningOf(r.submittedOn))
      )
    }
  })

/** The districts' 2017 annual reports, each with its follow-up of the conclusion's tasks. */
export const seedAnnualReports: Effect.Effect<
  void,
  Danvan.ErrorOf<"createReport" | "submitReport">,
  Store.Store
> = Effect.forEach(annualReports, seedAnnual, { discard: true })

/** One task's line of the follow-up, with the units' names. */
export interface FollowUpLine {
  readonly number: number
  readonly description: string
  readonly counts: TaskFollowUp.TaskRow["counts"]
  readonly byStatus: Readonly<Record<Status, ReadonlyArray<string>>>
  readonly notReported: ReadonlyArray<string>
}

/**
 * The province's follow-up of the conclusion's tasks among its district-level units, from their
 * submitted 2017 annual reports (`TaskFollowUps.taskFollowUp`), as of 31/12/2017.
 */
export const followUp2017: Effect.Effect<
  ReadonlyArray<FollowUpLine>,
  Danvan.ErrorOf<"taskFollowUp">,
  Store.Store
> = Effect.gen(function* () {
  const result = yield* TaskFollowUps.taskFollowUp(provinceLeader, {
    rootId: NinhBinh.provinceId,
    directiveId: conclusionId,
    periodId: annualPeriodId,
    programme: "DVK",
    regimeId: regime.id,
    levels: ["district"]
  })
  const ids = [
    ...new Set(
      result.tasks.flatMap((t) => [
        ...t.assigned,
        ...t.byStatus.done,
        ...t.byStatus.inProgress,
        ...t.byStatus.notStarted
      ])
    )
  ]
  const units = yield* (yield* UnitRepository).getMany(ids as ReadonlyArray<Ids.UnitId>)
  const names = new Map<string, string>(units.map((u) => [u.id, Unit.fullName(u)]))
  const named = (list: ReadonlyArray<string>) => list.map((id) => names.get(id) ?? id)
  return result.tasks.map((t, i) => ({
    number: i + 1,
    description: t.description,
    counts: t.counts,
    byStatus: {
      notStarted: named(t.byStatus.notStarted),
      inProgress: named(t.byStatus.inProgress),
      done: named(t.byStatus.done)
    },
    notReported: named(t.notReported)
  }))
})

const shorten = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`)

/** The follow-up as plain text: a table of counts per task, then who is where. */
export const followUpText = (lines: ReadonlyArray<FollowUpLine>): string => {
  const header = ["Nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa triển khai", "Chưa báo cáo"]
  const rows = lines.map((l) => [
    `${l.number}. ${shorten(l.description, 48)}`,
    String(l.counts.done),
    String(l.counts.inProgress),
    String(l.counts.notStarted),
    String(l.notReported.length)
  ])
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)))
  const format = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join(" | ")
  const detail = lines.flatMap((l) => {
    const part = (label: string, list: ReadonlyArray<string>) =>
      list.length === 0 ? [] : [`${label}: ${list.join(", ")}`]
    return [
      `  Nhiệm vụ ${l.number}: ${[
        ...part("đang thực hiện", l.byStatus.inProgress),
        ...part("chưa triển khai", l.byStatus.notStarted),
        ...part("chưa báo cáo", l.notReported)
      ].join("; ")}`
    ]
  })
  return [
    "THEO DÕI THỰC HIỆN NHIỆM VỤ THEO KẾT LUẬN SỐ 145-TB/TU",
    "(báo cáo năm 2017 của các huyện, thành phố; số đơn vị theo tình trạng)",
    "",
    format(header),
    widths.map((w) => "-".repeat(w)).join("-+-"),
    ...rows.map(format),
    "",
    ...detail,
    ""
  ].join("\n")
}
