/**
 * Small builders of valid domain records for the JSON store's tests, the crash-test child and
 * the benchmark.
 */
import { Actor, AuditEntry, CalendarDate, Ids, type Period, Report, Timestamp, Unit } from "@danvan/core"

export const date = (s: string): CalendarDate.CalendarDate => CalendarDate.unsafeFromString(s)

export const at = (s: string): Timestamp.Timestamp => Timestamp.fromDate(new Date(s))

export const actor = (unit: string): Actor.Actor =>
  new Actor.Actor({
    personId: Ids.PersonId.make("person-1"),
    name: "Nguyễn Văn An",
    unitId: Ids.UnitId.make(unit)
  })

/** A province (no parent), or a commune under `parent`. */
export const unit = (id: string, name = "Ninh Bình", parent?: string): Unit.Unit =>
  new Unit.Unit({
    id: Ids.UnitId.make(id),
    type: parent === undefined ? "province" : "commune",
    name,
    validFrom: date("1992-01-01"),
    parents:
      parent === undefined
        ? []
        : [new Unit.ParentLink({ parentId: Ids.UnitId.make(parent), from: date("1992-01-01") })],
    version: 0
  })

export const qcdc = (citizenReceptions = 0) => ({
  _tag: "QCDC" as const,
  citizenReceptions,
  directDialogues: 0,
  complaintsReceived: 0,
  complaintsResolved: 0,
  denunciationsReceived: 0,
  denunciationsResolved: 0,
  supervisionSessions: 0,
  questioningSessions: 0,
  extra: {}
})

/** A draft QCDC report of a unit for a half-year. */
export const report = (id: string, unitId: string, periodId = "2024S1", receptions = 0): Report.Report =>
  new Report.Report({
    id: Ids.ReportId.make(id),
    unitId: Ids.UnitId.make(unitId),
    programme: "QCDC",
    periodId: periodId as Period.PeriodId,
    regimeId: Ids.RegimeId.make("party-calendar-months"),
    status: "draft",
    content: new Report.ReportContent({
      figures: qcdc(receptions),
      achievements: "Tổ chức tốt các buổi tiếp công dân và đối thoại trực tiếp với Nhân dân.",
      shortcomings: "",
      nextTasks: "Tiếp tục thực hiện Luật Thực hiện dân chủ ở cơ sở."
    }),
    revision: 0,
    events: [{ _tag: "Created", at: at("2024-06-10T02:00:00.000Z"), by: actor(unitId) }],
    version: 0
  })

export const audit = (id: string, subjectId = "r-1", unitId = "vn-37"): AuditEntry.AuditEntry =>
  new AuditEntry.AuditEntry({
    id: Ids.AuditId.make(id),
    at: at("2024-06-14T09:00:00.000Z"),
    actor: actor(unitId),
    action: "report.submit",
    subjectKind: "report",
    subjectId,
    summary: "Nộp báo cáo"
  })
