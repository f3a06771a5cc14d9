/**
 * Fixtures: small builders for valid domain records, and a fixed data set that crosses the
 * reform of 01/07/2025 (districts abolished, communes merged, history carried by succession).
 * Names and codes are illustrative, in the shape of the real ones (statistics codes of 2, 3 and
 * 5 digits; Decision 124/2004/QĐ-TTg), not a copy of the official lists.
 *
 * Every builder returns a fresh record at version 0 (not stored yet).
 *
 * @since 0.1.0
 */
import {
  Actor,
  AuditEntry,
  CalendarDate,
  Coordination,
  Directive,
  type DocumentNumber,
  DvkModel,
  type Figures,
  Ids,
  ModelField,
  Period,
  type Programme,
  Regime,
  Report,
  SteeringCommittee,
  Succession,
  Timestamp,
  Unit,
  ValidationRule
} from "@danvan/core"

/** A calendar date from a literal. @category fixtures @since 0.1.0 */
export const date = (s: string): CalendarDate.CalendarDate => CalendarDate.unsafeFromString(s)

/** An instant from a literal (`2024-06-14T09:00:00.000Z`). @category fixtures @since 0.1.0 */
export const at = (s: string): Timestamp.Timestamp => Timestamp.fromDate(new Date(s))

/** A period identifier from a literal (`2024S1`). @category fixtures @since 0.1.0 */
export const period = (s: string): Period.PeriodId => Period.id(Period.fromId(s as Period.PeriodId))

/** @category fixtures @since 0.1.0 */
export const unitId = (s: string): Ids.UnitId => Ids.UnitId.make(s)

/** A person acting for a unit. @category fixtures @since 0.1.0 */
export const actor = (unit: string, name = "Nguyễn Văn An", person = "person-1"): Actor.Actor =>
  new Actor.Actor({ personId: Ids.PersonId.make(person), name, unitId: unitId(unit) })

/** @category models @since 0.1.0 */
export interface UnitOptions {
  readonly code?: string
  readonly validFrom?: string
  readonly validUntil?: string
  /** Parent links: `[parentId, from, until?]`. */
  readonly parents?: ReadonlyArray<readonly [string, string, string?]>
}

/** A unit. @category fixtures @since 0.1.0 */
export const unit = (id: string, type: Unit.UnitType, name: string, options: UnitOptions = {}): Unit.Unit =>
  new Unit.Unit({
    id: unitId(id),
    type,
    name,
    ...(options.code === undefined ? {} : { code: Unit.StatisticsCode.make(options.code) }),
    validFrom: date(options.validFrom ?? "1992-01-01"),
    ...(options.validUntil === undefined ? {} : { validUntil: date(options.validUntil) }),
    parents: (options.parents ?? []).map(
      ([parentId, from, until]) =>
        new Unit.ParentLink({
          parentId: unitId(parentId),
          from: date(from),
          ...(until === undefined ? {} : { until: date(until) })
        })
    ),
    version: 0
  })

/** A succession link. @category fixtures @since 0.1.0 */
export const succession = (
  id: string,
  predecessor: string,
  successor: string,
  effective: string,
  options: { readonly kind?: Succession.SuccessionKind; readonly carriesHistory?: boolean } = {}
): Succession.Succession =>
  new Succession.Succession({
    id: Ids.SuccessionId.make(id),
    kind: options.kind ?? "merge",
    effectiveDate: date(effective),
    predecessorId: unitId(predecessor),
    successorId: unitId(successor),
    carriesHistory: options.carriesHistory ?? true,
    version: 0
  })

/** Every count of a DVK figures record at 0, so a test sets only what it needs. @category fixtures @since 0.1.0 */
export const dvkFigures = (
  over: Partial<Omit<Figures.DvkFigures, "_tag" | "byStatus">> & {
    readonly byStatus?: Partial<Figures.DvkFigures["byStatus"]>
  } = {}
): Figures.DvkFigures => ({
  _tag: "DVK",
  models: over.models ?? 0,
  byField: over.byField ?? {},
  byStatus: {
    registered: 0,
    inProgress: 0,
    evaluated: 0,
    commended: 0,
    replicated: 0,
    discontinued: 0,
    ...over.byStatus
  },
  newModels: over.newModels ?? 0,
  effective: over.effective ?? 0,
  commended: over.commended ?? 0,
  replicated: over.replicated ?? 0,
  exemplaryCases: over.exemplaryCases ?? 0,
  extra: over.extra ?? {}
})

/** Every count of a QCDC figures record at 0, so a test sets only what it needs. @category fixtures @since 0.1.0 */
export const qcdcFigures = (over: Partial<Omit<Figures.QcdcFigures, "_tag">> = {}): Figures.QcdcFigures => ({
  _tag: "QCDC",
  citizenReceptions: over.citizenReceptions ?? 0,
  directDialogues: over.directDialogues ?? 0,
  complaintsReceived: over.complaintsReceived ?? 0,
  complaintsResolved: over.complaintsResolved ?? 0,
  denunciationsReceived: over.denunciationsReceived ?? 0,
  denunciationsResolved: over.denunciationsResolved ?? 0,
  supervisionSessions: over.supervisionSessions ?? 0,
  questioningSessions: over.questioningSessions ?? 0,
  extra: over.extra ?? {}
})

/** Report content with the given figures and short texts. @category fixtures @since 0.1.0 */
export const content = (figures: Figures.Figures, text = "Kết quả thực hiện"): Report.ReportContent =>
  new Report.ReportContent({ figures, achievements: text, shortcomings: "", nextTasks: "" })

/** @category models @since 0.1.0 */
export interface ReportOptions {
  readonly status?: Report.ReportStatus
  readonly revision?: number
  readonly figures?: Figures.Figures
  readonly regime?: string
}

/** A report; its figures default to zeros of the programme. @category fixtures @since 0.1.0 */
export const report = (
  id: string,
  unit: string,
  periodId: string,
  programme: Programme.Programme,
  options: ReportOptions = {}
): Report.Report =>
  new Report.Report({
    id: Ids.ReportId.make(id),
    unitId: unitId(unit),
    programme,
    periodId: period(periodId),
    regimeId: Ids.RegimeId.make(options.regime ?? "party-calendar-months"),
    status: options.status ?? "draft",
    content: content(options.figures ?? (programme === "DVK" ? dvkFigures() : qcdcFigures())),
    revision: options.revision ?? 0,
    events: [{ _tag: "Created", at: at("2024-06-10T02:00:00.000Z"), by: actor(unit) }],
    version: 0
  })

/** A submitted revision of a report, with the report's content. @category fixtures @since 0.1.0 */
export const revision = (
  of: Report.Report,
  n: number,
  submittedAt = "2024-06-14T09:00:00.000Z"
): Report.ReportRevision =>
  new Report.ReportRevision({
    reportId: of.id,
    revision: n,
    content: of.content,
    submittedAt: at(submittedAt),
    submittedBy: actor(of.unitId),
    onTime: true
  })

/** A DVK model registered on `registeredOn`, optionally with later events. @category fixtures @since 0.1.0 */
export const model = (
  id: string,
  unit: string,
  options: {
    readonly phase?: string
    readonly field?: string
    readonly registeredOn?: string
    readonly name?: string
    readonly replicaOf?: string
    readonly events?: ReadonlyArray<DvkModel.ModelEvent>
  } = {}
): DvkModel.DvkModel => {
  const registeredOn = date(options.registeredOn ?? "2021-03-15")
  return new DvkModel.DvkModel({
    id: Ids.ModelId.make(id),
    unitId: unitId(unit),
    phaseId: period(options.phase ?? "2021-2025"),
    fieldId: Ids.FieldId.make(options.field ?? "economy"),
    registeredOn,
    content: new DvkModel.RegistrationContent({
      name: options.name ?? "Mô hình “Dân vận khéo” phát triển kinh tế"
    }),
    ...(options.replicaOf === undefined ? {} : { replicaOf: Ids.ModelId.make(options.replicaOf) }),
    events: [{ _tag: "Registered", on: registeredOn, by: actor(unit) }, ...(options.events ?? [])],
    version: 0
  })
}

/** A coordination programme between units. @category fixtures @since 0.1.0 */
export const coordination = (
  id: string,
  parties: ReadonlyArray<string>,
  options: {
    readonly programme?: Programme.Programme
    readonly validFrom?: string
    readonly title?: string
  } = {}
): Coordination.CoordinationProgramme =>
  new Coordination.CoordinationProgramme({
    id: Ids.CoordinationId.make(id),
    title: options.title ?? "Chương trình phối hợp thực hiện phong trào thi đua “Dân vận khéo”",
    programme: options.programme ?? "DVK",
    parties: parties.map(unitId),
    signedOn: date(options.validFrom ?? "2021-05-01"),
    validFrom: date(options.validFrom ?? "2021-05-01"),
    version: 0
  })

/** A steering committee with a head. @category fixtures @since 0.1.0 */
export const committee = (
  id: string,
  unit: string,
  options: { readonly activeFrom?: string; readonly programmes?: ReadonlyArray<Programme.Programme> } = {}
): SteeringCommittee.SteeringCommittee => {
  const [first, ...rest] = options.programmes ?? ["QCDC"]
  return new SteeringCommittee.SteeringCommittee({
    id: Ids.CommitteeId.make(id),
    unitId: unitId(unit),
    name: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
    programmes: [first ?? "QCDC", ...rest],
    activeFrom: date(options.activeFrom ?? "2021-06-01"),
    memberships: [
      new SteeringCommittee.Membership({
        personId: Ids.PersonId.make(`${id}-head`),
        personName: "Trần Thị Bình",
        post: "head",
        titles: ["TVTU", "Phó Chủ tịch HĐND tỉnh"],
        from: date(options.activeFrom ?? "2021-06-01")
      })
    ],
    version: 0
  })
}

/** A state document number (`60/2013/NĐ-CP` is `stateNumber(60, "CP", { year: 2013, type: "NĐ" })`). @category fixtures @since 0.1.0 */
export const stateNumber = (
  number: number,
  issuer: string,
  options: { readonly year?: number; readonly type?: string } = {}
): DocumentNumber.DocumentNumber => ({
  _tag: "State",
  number,
  ...(options.year === undefined ? {} : { year: options.year }),
  ...(options.type === undefined ? {} : { typeCode: options.type }),
  issuer
})

/** A Party document number (`771-KH/BDVTƯ`). @category fixtures @since 0.1.0 */
export const partyNumber = (number: number, type: string, issuer: string): DocumentNumber.DocumentNumber => ({
  _tag: "Party",
  number,
  typeCode: type,
  issuer
})

/** A directive. @category fixtures @since 0.1.0 */
export const directive = (
  id: string,
  number: DocumentNumber.DocumentNumber,
  options: {
    readonly title?: string
    readonly programme?: Directive.Directive["programme"]
    readonly issuedOn?: string
    readonly effectiveFrom?: string
    readonly effectiveUntil?: string
    readonly replaces?: ReadonlyArray<string>
    /** Who issued it; by default the centre for a central issuer code, else province `vn-37`. */
    readonly issuedBy?: Directive.IssuedBy
  } = {}
): Directive.Directive =>
  new Directive.Directive({
    id: Ids.DirectiveId.make(id),
    number,
    issuedBy: options.issuedBy ?? Directive.legacyIssuer(number, Ids.UnitId.make("vn-37"))!,
    title: options.title ?? "Văn bản chỉ đạo",
    programme: options.programme ?? "QCDC",
    issuedOn: date(options.issuedOn ?? "2020-01-01"),
    effectiveFrom: date(options.effectiveFrom ?? options.issuedOn ?? "2020-01-01"),
    ...(options.effectiveUntil === undefined ? {} : { effectiveUntil: date(options.effectiveUntil) }),
    replaces: (options.replaces ?? []).map((r) => Ids.DirectiveId.make(r)),
    tasks: [],
    version: 0
  })

/** An audit entry. @category fixtures @since 0.1.0 */
export const audit = (
  id: string,
  when: string,
  options: {
    readonly unit?: string
    readonly subjectKind?: AuditEntry.SubjectKind
    readonly subjectId?: string
    readonly action?: string
    readonly summary?: string
  } = {}
): AuditEntry.AuditEntry =>
  new AuditEntry.AuditEntry({
    id: Ids.AuditId.make(id),
    at: at(when),
    actor: actor(options.unit ?? "vn-37"),
    action: options.action ?? "report.submit",
    subjectKind: options.subjectKind ?? "report",
    subjectId: options.subjectId ?? "r-1",
    summary: options.summary ?? "Nộp báo cáo"
  })

/** A model field. @category fixtures @since 0.1.0 */
export const field = (id: string, name: string, order: number): ModelField.ModelField =>
  new ModelField.ModelField({ id: Ids.FieldId.make(id), name, order, version: 0 })

/** A reporting regime. @category fixtures @since 0.1.0 */
export const regime = (id: string, name = "Chế độ báo cáo của tỉnh"): Regime.ReportingRegime =>
  new Regime.ReportingRegime({
    id: Ids.RegimeId.make(id),
    name,
    calendar: "decree09Cutoff",
    deadlines: { grassroots: 1, commune: 2, district: 3, province: 4 },
    holidays: [date("2025-01-01"), date("2025-04-30")],
    version: 0
  })

/** A validation rule `left <= right` over two indicators. @category fixtures @since 0.1.0 */
export const validationRule = (
  id: string,
  programme: Programme.Programme,
  left = "effective",
  right = "models"
): ValidationRule.ValidationRule =>
  new ValidationRule.ValidationRule({
    id: Ids.ValidationRuleId.make(id),
    name: `${left} ≤ ${right}`,
    programme,
    left: { terms: [{ indicator: left, coefficient: 1 }], constant: 0 },
    operator: "<=",
    right: { terms: [{ indicator: right, coefficient: 1 }], constant: 0 },
    importance: "high",
    scope: "both",
    version: 0
  })

/**
 * A province across the reform of 01/07/2025:
 * - `vn-37` (province) has two districts until 01/07/2025: `vn-37-369` and `vn-37-370`;
 * - `vn-37-369` has communes `c-14434` and `c-14437`, merged on 01/07/2025 into `c-14435`
 *   (valid from that day, directly under the province), both carrying their history;
 * - `vn-37-370` has commune `c-14470`, which stays and moves under the province on 01/07/2025;
 *   the agency `g-ubmttq` is attached to it;
 * - the abolished districts are merged into the province, which carries their history;
 * - `vn-36` is another province, outside this jurisdiction, with district `vn-36-350` until
 *   01/07/2025: that district's commune `c-13300` is split on
 *   01/07/2025 between its new commune `c-13301` (which carries its history) and `c-14435`
 *   (which does not).
 *
 * @category fixtures
 * @since 0.1.0
 */
export const reformProvince = (): {
  readonly units: ReadonlyArray<Unit.Unit>
  readonly successions: ReadonlyArray<Succession.Succession>
} => {
  const reform = "2025-07-01"
  /** A unit abolished on 01/07/2025, under `parent` since 1992 until then. */
  const untilReform = (id: string, type: Unit.UnitType, name: string, code: string, parent: string) =>
    unit(id, type, name, { code, validUntil: reform, parents: [[parent, "1992-01-01", reform]] })
  /** A unit created on 01/07/2025 under `parent`. */
  const fromReform = (id: string, type: Unit.UnitType, name: string, code: string, parent: string) =>
    unit(id, type, name, { code, validFrom: reform, parents: [[parent, reform]] })
  return {
    units: [
      unit("vn-37", "province", "Ninh Bình", { code: "37" }),
      unit("vn-36", "province", "Nam Định", { code: "36" }),
      untilReform("vn-37-369", "ruralDistrict", "Nho Quan", "369", "vn-37"),
      untilReform("vn-37-370", "ruralDistrict", "Gia Viễn", "370", "vn-37"),
      untilReform("c-14434", "commune", "Gia Lâm", "14434", "vn-37-369"),
      untilReform("c-14437", "commune", "Gia Sơn", "14437", "vn-37-369"),
      fromReform("c-14435", "commune", "Nho Quan", "14435", "vn-37"),
      unit("c-14470", "commune", "Gia Hưng", {
        code: "14470",
        parents: [
          ["vn-37-370", "1992-01-01", reform],
          ["vn-37", reform]
        ]
      }),
      unit("g-ubmttq", "agency", "Ủy ban MTTQ Việt Nam xã Gia Hưng", {
        parents: [["c-14470", "1992-01-01"]]
      }),
      untilReform("vn-36-350", "ruralDistrict", "Xuân Trường", "350", "vn-36"),
      untilReform("c-13300", "commune", "Xuân Trường", "13300", "vn-36-350"),
      fromReform("c-13301", "commune", "Xuân Ninh", "13301", "vn-36")
    ],
    successions: [
      succession("s-14434", "c-14434", "c-14435", reform),
      succession("s-14437", "c-14437", "c-14435", reform),
      succession("s-369", "vn-37-369", "vn-37", reform),
      succession("s-370", "vn-37-370", "vn-37", reform),
      succession("s-350", "vn-36-350", "vn-36", reform),
      succession("s-13300", "c-13300", "c-14435", reform, { kind: "split", carriesHistory: false }),
      succession("s-13300b", "c-13300", "c-13301", reform, { kind: "split" })
    ]
  }
}

/**
 * Directives that replace one another: workplace democracy Decree 60/2013/NĐ-CP →
 * 149/2018/NĐ-CP (in force 01/01/2019) → 145/2020/NĐ-CP (start date 01/02/2021, unconfirmed);
 * Ordinance 34/2007/PL-UBTVQH11 → Law 10/2022/QH15 (in force 01/07/2023); Decree 59/2023/NĐ-CP;
 * and the DVK plan 771-KH/BDVTƯ of 08/03/2017.
 *
 * @category fixtures
 * @since 0.1.0
 */
export const directiveChain = (): ReadonlyArray<Directive.Directive> => [
  directive("nd-60-2013", stateNumber(60, "CP", { year: 2013, type: "NĐ" }), {
    title: "Quy định chi tiết Bộ luật Lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc",
    issuedOn: "2013-06-19",
    effectiveFrom: "2013-08-15"
  }),
  directive("nd-149-2018", stateNumber(149, "CP", { year: 2018, type: "NĐ" }), {
    title:
      "Quy định chi tiết khoản 3 Điều 63 của Bộ luật Lao động về thực hiện quy chế dân chủ ở cơ sở tại nơi làm việc",
    issuedOn: "2018-11-07",
    effectiveFrom: "2019-01-01",
    replaces: ["nd-60-2013"]
  }),
  directive("nd-145-2020", stateNumber(145, "CP", { year: 2020, type: "NĐ" }), {
    title:
      "Quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động",
    issuedOn: "2020-12-14",
    effectiveFrom: "2021-02-01",
    replaces: ["nd-149-2018"]
  }),
  directive("pl-34-2007", stateNumber(34, "UBTVQH11", { year: 2007, type: "PL" }), {
    title: "Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn",
    issuedOn: "2007-04-20",
    effectiveFrom: "2007-07-01"
  }),
  directive("luat-10-2022", stateNumber(10, "QH15", { year: 2022 }), {
    title: "Luật Thực hiện dân chủ ở cơ sở",
    issuedOn: "2022-11-10",
    effectiveFrom: "2023-07-01",
    replaces: ["pl-34-2007"]
  }),
  directive("nd-59-2023", stateNumber(59, "CP", { year: 2023, type: "NĐ" }), {
    title: "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
    issuedOn: "2023-08-14",
    effectiveFrom: "2023-08-15"
  }),
  directive("kh-771", partyNumber(771, "KH", "BDVTƯ"), {
    title: "Kế hoạch triển khai phong trào thi đua “Dân vận khéo”",
    programme: "DVK",
    issuedOn: "2017-03-08"
  })
]
