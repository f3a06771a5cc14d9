/**
 * Small, valid records for the adapter's own tests: a province with a district and communes, a
 * merger, directives, a committee, a model and reports.
 */
import {
  Actor,
  AuditEntry,
  CalendarDate,
  Directive,
  DvkModel,
  Ids,
  type Period,
  Report,
  SteeringCommittee,
  Succession,
  Timestamp,
  Unit
} from "@danvan/core"

export const d = CalendarDate.unsafeFromString
export const unitId = (s: string) => Ids.UnitId.make(s)

export const unit = (
  id: string,
  type: Unit.UnitType,
  name: string,
  parents: ReadonlyArray<{ readonly parentId: string; readonly from: string; readonly until?: string }> = [],
  validity: { readonly from?: string; readonly until?: string; readonly code?: string } = {}
): Unit.Unit =>
  new Unit.Unit({
    id: unitId(id),
    type,
    name,
    ...(validity.code === undefined ? {} : { code: Unit.StatisticsCode.make(validity.code) }),
    validFrom: d(validity.from ?? "2000-01-01"),
    ...(validity.until === undefined ? {} : { validUntil: d(validity.until) }),
    parents: parents.map(
      (p) =>
        new Unit.ParentLink({
          parentId: unitId(p.parentId),
          from: d(p.from),
          ...(p.until === undefined ? {} : { until: d(p.until) })
        })
    ),
    version: 0
  })

/**
 * Ninh Bình before and after 2025: province `p`, district `dA` (until 2025-07-01) with communes
 * `c1`, `c2`, `c3`; `c1` and `c2` merge into `c12` on 2025-07-01, which sits directly under the
 * province; `c3` moves under the province the same day.
 */
export const province = unit("p", "province", "Ninh Bình", [], { code: "37" })
export const district = unit("dA", "ruralDistrict", "Hoa Lư", [{ parentId: "p", from: "2000-01-01" }], {
  until: "2025-07-01",
  code: "372"
})
export const c1 = unit("c1", "commune", "Ninh Hải", [{ parentId: "dA", from: "2000-01-01" }], {
  until: "2025-07-01",
  code: "14356"
})
export const c2 = unit("c2", "commune", "Ninh Xuân", [{ parentId: "dA", from: "2000-01-01" }], {
  until: "2025-07-01",
  code: "14359"
})
export const c3 = unit(
  "c3",
  "ward",
  "Ninh Giang",
  [
    { parentId: "dA", from: "2000-01-01", until: "2025-07-01" },
    { parentId: "p", from: "2025-07-01" }
  ],
  { code: "14362" }
)
export const c12 = unit("c12", "commune", "Hoa Lư", [{ parentId: "p", from: "2025-07-01" }], {
  from: "2025-07-01",
  code: "14400"
})
export const units: ReadonlyArray<Unit.Unit> = [province, district, c1, c2, c3, c12]

const succession = (id: string, predecessor: string, successor: string, carriesHistory: boolean) =>
  new Succession.Succession({
    id: Ids.SuccessionId.make(id),
    kind: "merge",
    effectiveDate: d("2025-07-01"),
    predecessorId: unitId(predecessor),
    successorId: unitId(successor),
    carriesHistory,
    version: 0
  })

export const merger: ReadonlyArray<Succession.Succession> = [
  succession("s-c1", "c1", "c12", true),
  succession("s-c2", "c2", "c12", true)
]

export const officer = (unit: string) =>
  new Actor.Actor({
    personId: Ids.PersonId.make(`officer-${unit}`),
    name: "Nguyễn Văn An",
    unitId: unitId(unit)
  })

export const at = (s: string) => Timestamp.Timestamp.make(s)

export const dvkFigures = (models: number, extra: Record<string, number> = {}) =>
  ({
    _tag: "DVK",
    models,
    byField: { economy: models },
    byStatus: {
      registered: 0,
      inProgress: models,
      evaluated: 0,
      commended: 0,
      replicated: 0,
      discontinued: 0
    },
    newModels: 0,
    effective: models,
    commended: 0,
    replicated: 0,
    exemplaryCases: 1,
    extra
  }) as const

export const report = (
  id: string,
  unit: string,
  models: number,
  options: {
    readonly status?: Report.ReportStatus
    readonly periodId?: string
    readonly achievements?: string
    readonly extra?: Record<string, number>
  } = {}
): Report.Report =>
  new Report.Report({
    id: Ids.ReportId.make(id),
    unitId: unitId(unit),
    programme: "DVK",
    periodId: (options.periodId ?? "2017S1") as Period.PeriodId,
    regimeId: Ids.RegimeId.make("party-halves"),
    status: options.status ?? "approved",
    content: new Report.ReportContent({
      figures: dvkFigures(models, options.extra),
      achievements: options.achievements ?? "Làm tốt công tác dân vận",
      shortcomings: "",
      nextTasks: ""
    }),
    revision: options.status === "draft" ? 0 : 1,
    events: [{ _tag: "Created", at: at("2017-06-01T02:00:00.000Z"), by: officer(unit) }],
    version: 0
  })

export const directive = (
  id: string,
  number: number,
  options: {
    readonly replaces?: ReadonlyArray<string>
    readonly effectiveFrom?: string
    readonly title?: string
    readonly issuer?: string
  } = {}
): Directive.Directive =>
  new Directive.Directive({
    id: Ids.DirectiveId.make(id),
    number: { _tag: "State", number, year: 2013, typeCode: "NĐ", issuer: options.issuer ?? "CP" },
    issuedBy: { _tag: "Central", body: "government" },
    title: options.title ?? "Quy định thực hiện dân chủ ở cơ sở",
    programme: "QCDC",
    issuedOn: d("2013-06-19"),
    effectiveFrom: d(options.effectiveFrom ?? "2013-08-15"),
    replaces: (options.replaces ?? []).map((r) => Ids.DirectiveId.make(r)),
    tasks: [],
    version: 0
  })

export const committee = (id: string, unit: string, name = "Ban Chỉ đạo Quy chế dân chủ") =>
  new SteeringCommittee.SteeringCommittee({
    id: Ids.CommitteeId.make(id),
    unitId: unitId(unit),
    name,
    programmes: ["QCDC"],
    activeFrom: d("2016-01-01"),
    memberships: [
      new SteeringCommittee.Membership({
        personId: Ids.PersonId.make("person-1"),
        personName: "Trần Thị Bình",
        post: "head",
        titles: ["TVTU", "Phó Chủ tịch HĐND tỉnh"],
        from: d("2016-01-01")
      })
    ],
    version: 0
  })

export const model = (id: string, unit: string, name = "Dân vận khéo trong xây dựng nông thôn mới") =>
  new DvkModel.DvkModel({
    id: Ids.ModelId.make(id),
    unitId: unitId(unit),
    phaseId: "2016-2020" as Period.PeriodId,
    fieldId: Ids.FieldId.make("economy"),
    registeredOn: d("2017-03-01"),
    content: new DvkModel.RegistrationContent({ name }),
    events: [{ _tag: "Registered", on: d("2017-03-01"), by: officer(unit) }],
    version: 0
  })

export const auditEntry = (id: string, summary = "Phê duyệt báo cáo") =>
  new AuditEntry.AuditEntry({
    id: Ids.AuditId.make(id),
    at: at("2017-06-20T03:00:00.000Z"),
    actor: officer("p"),
    action: "report.approve",
    subjectKind: "report",
    subjectId: "r-1",
    summary
  })
