/**
 * fast-check arbitraries for valid danvan records: Vietnamese text (in NFC, with NFD variants for
 * round trips), dates, periods, figures, unit hierarchies across the reform of 01/07/2025 with
 * their successions, reports, models, directives and the rest. Every value decodes with its domain
 * schema; the conformance suite, the examples and the benchmarks share them.
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
  PublicHolidays,
  Regime,
  Report,
  SteeringCommittee,
  Succession,
  TaskFollowUp,
  Timestamp,
  Unit,
  ValidationRule
} from "@danvan/core"
import * as fc from "fast-check"

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const syllables = [
  "Ninh",
  "Bình",
  "Nho",
  "Quan",
  "Gia",
  "Viễn",
  "Hưng",
  "Lâm",
  "Sơn",
  "Xuân",
  "Trường",
  "Đức",
  "Phúc",
  "Thịnh",
  "Yên",
  "Khánh",
  "Hòa",
  "Mỹ",
  "Thủy",
  "Đông",
  "Tây",
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "dân",
  "vận",
  "khéo",
  "mô",
  "hình",
  "phát",
  "triển",
  "kinh",
  "tế",
  "ổn",
  "định",
  "đời",
  "sống",
  "người",
  "ở",
  "cơ",
  "sở",
  "Hữu",
  "Nghệ",
  "Ưng",
  "Ữ"
] as const

/** A Vietnamese syllable (NFC), with tones and the letters Đ, Ơ, Ư. @category arbitraries @since 0.1.0 */
export const syllable: fc.Arbitrary<string> = fc.constantFrom(...syllables)

/** NFC Vietnamese text of `minWords` to `maxWords` syllables. @category arbitraries @since 0.1.0 */
export const vietnameseText = (minWords = 1, maxWords = 8): fc.Arbitrary<string> =>
  fc.array(syllable, { minLength: minWords, maxLength: maxWords }).map((words) => words.join(" "))

/** A name: 1 to 6 syllables (valid for `Text.Name`). @category arbitraries @since 0.1.0 */
export const name: fc.Arbitrary<string> = vietnameseText(1, 6)

/** The same text in NFC and in NFD (decomposed), for decoding round trips. @category arbitraries @since 0.1.0 */
export const nfcAndNfd: fc.Arbitrary<{ readonly nfc: string; readonly nfd: string }> = vietnameseText(
  1,
  10
).map((nfc) => ({ nfc, nfd: nfc.normalize("NFD") }))

// ---------------------------------------------------------------------------------------------
// Kernel
// ---------------------------------------------------------------------------------------------

/** A calendar date between two dates, inclusive. @category arbitraries @since 0.1.0 */
export const calendarDate = (
  min: string = "1990-01-01",
  max: string = "2035-12-31"
): fc.Arbitrary<CalendarDate.CalendarDate> =>
  fc
    .integer({
      min: CalendarDate.toDayNumber(CalendarDate.unsafeFromString(min)),
      max: CalendarDate.toDayNumber(CalendarDate.unsafeFromString(max))
    })
    .map(CalendarDate.fromDayNumber)

/** An instant between two dates, to the millisecond. @category arbitraries @since 0.1.0 */
export const timestamp = (
  min: string = "2015-01-01",
  max: string = "2030-12-31"
): fc.Arbitrary<Timestamp.Timestamp> =>
  fc
    .integer({ min: Date.parse(`${min}T00:00:00.000Z`), max: Date.parse(`${max}T23:59:59.999Z`) })
    .map(Timestamp.fromMillis)

/** An identifier `<prefix>-<suffix>` (printable ASCII, no spaces). @category arbitraries @since 0.1.0 */
export const id = (prefix: string): fc.Arbitrary<string> =>
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,11}$/).map((s) => `${prefix}-${s}`)

/** @category arbitraries @since 0.1.0 */
export const programme: fc.Arbitrary<Programme.Programme> = fc.constantFrom("QCDC", "DVK")

/** A reporting period of any kind, between 2015 and 2030. @category arbitraries @since 0.1.0 */
export const period: fc.Arbitrary<Period.Period> = fc.oneof(
  fc
    .record({ year: fc.integer({ min: 2015, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) })
    .map((p) => Period.month(p.year, p.month)),
  fc
    .record({
      year: fc.integer({ min: 2015, max: 2030 }),
      q: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const)
    })
    .map((p) => Period.quarter(p.year, p.q)),
  fc
    .record({ year: fc.integer({ min: 2015, max: 2030 }), h: fc.constantFrom(1 as const, 2 as const) })
    .map((p) => Period.halfYear(p.year, p.h)),
  fc.integer({ min: 2015, max: 2030 }).map(Period.nineMonths),
  fc.integer({ min: 2015, max: 2030 }).map(Period.year),
  fc.constantFrom(Period.phase(2016, 2020), Period.phase(2021, 2025), Period.phase(2026, 2030))
)

/** @category arbitraries @since 0.1.0 */
export const periodId: fc.Arbitrary<Period.PeriodId> = period.map(Period.id)

/** A role: one of the default policy's four, or an app's own. @category arbitraries @since 0.1.0 */
export const role: fc.Arbitrary<Actor.Role> = fc.oneof(
  fc.constantFrom("viewer", "officer", "leader", "administrator"),
  fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,63}$/)
)

/**
 * An actor of `unitId` as stamped on records: with a role, or without one as on records made
 * before roles existed. @category arbitraries @since 0.1.0
 */
export const actor = (unitId: Ids.UnitId): fc.Arbitrary<Actor.Actor> =>
  fc.record({ person: id("person"), name, role: fc.option(role, { nil: undefined }) }).map(
    (a) =>
      new Actor.Actor({
        personId: Ids.PersonId.make(a.person),
        name: a.name,
        unitId,
        ...(a.role === undefined ? {} : { role: a.role })
      })
  )

// ---------------------------------------------------------------------------------------------
// Figures and reports
// ---------------------------------------------------------------------------------------------

/** A count up to `max` (default: any safe integer, small ones more often). @category arbitraries @since 0.1.0 */
export const count = (max: number = Number.MAX_SAFE_INTEGER): fc.Arbitrary<number> =>
  max <= 1000
    ? fc.integer({ min: 0, max })
    : fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max }))

/** Indicator codes of a province's own: identifiers with dots, dashes, quotes and underscores. */
const indicatorCodes = ["hoGiaDinh", "so-ho", "x.y", "tong", "q'1", "a_b"]

/** Extra indicators of a province's own (`Figures.Extra`). @category arbitraries @since 0.1.0 */
export const extra = (maxCount?: number): fc.Arbitrary<Readonly<Record<string, number>>> =>
  fc.dictionary(fc.constantFrom(...indicatorCodes), count(maxCount), { maxKeys: 4 })

const fieldIds = ["economy", "culture-society", "security-defence", "political-system"]

/** DVK figures; `maxCount` bounds every count (keep it small when figures are summed). @category arbitraries @since 0.1.0 */
export const dvkFigures = (maxCount?: number): fc.Arbitrary<Figures.DvkFigures> =>
  fc
    .record({
      models: count(maxCount),
      byField: fc.dictionary(fc.constantFrom(...fieldIds), count(maxCount), { maxKeys: 4 }),
      registered: count(maxCount),
      inProgress: count(maxCount),
      evaluated: count(maxCount),
      commended: count(maxCount),
      replicated: count(maxCount),
      discontinued: count(maxCount),
      newModels: count(maxCount),
      effective: count(maxCount),
      commendedCount: count(maxCount),
      replicatedCount: count(maxCount),
      exemplaryCases: count(maxCount),
      extra: extra(maxCount)
    })
    .map(
      (r): Figures.DvkFigures => ({
        _tag: "DVK",
        models: r.models,
        byField: r.byField as Figures.DvkFigures["byField"],
        byStatus: {
          registered: r.registered,
          inProgress: r.inProgress,
          evaluated: r.evaluated,
          commended: r.commended,
          replicated: r.replicated,
          discontinued: r.discontinued
        },
        newModels: r.newModels,
        effective: r.effective,
        commended: r.commendedCount,
        replicated: r.replicatedCount,
        exemplaryCases: r.exemplaryCases,
        extra: r.extra
      })
    )

/** QCDC figures. @category arbitraries @since 0.1.0 */
export const qcdcFigures = (maxCount?: number): fc.Arbitrary<Figures.QcdcFigures> =>
  fc
    .record({
      citizenReceptions: count(maxCount),
      directDialogues: count(maxCount),
      complaintsReceived: count(maxCount),
      complaintsResolved: count(maxCount),
      denunciationsReceived: count(maxCount),
      denunciationsResolved: count(maxCount),
      supervisionSessions: count(maxCount),
      questioningSessions: count(maxCount),
      extra: extra(maxCount)
    })
    .map((r): Figures.QcdcFigures => ({ _tag: "QCDC", ...r }))

/** Figures of a programme. @category arbitraries @since 0.1.0 */
export const figures = (p: Programme.Programme, maxCount?: number): fc.Arbitrary<Figures.Figures> =>
  p === "DVK" ? dvkFigures(maxCount) : qcdcFigures(maxCount)

/** @category arbitraries @since 0.1.0 */
export const reportStatus: fc.Arbitrary<Report.ReportStatus> = fc.constantFrom(
  "draft",
  "submitted",
  "returned",
  "approved",
  "reopened"
)

/**
 * A report's task follow-up: a few lines, each task once, with or without a note (what the store
 * must keep; whether the tasks apply to the unit is the use cases' rule, not the store's).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const taskProgress: fc.Arbitrary<ReadonlyArray<TaskFollowUp.TaskProgress>> = fc
  .uniqueArray(
    fc.record(
      {
        directiveId: id("dir").map(Ids.DirectiveId.make),
        taskId: id("task").map(Ids.TaskId.make),
        status: fc.constantFrom<TaskFollowUp.TaskStatus>("notStarted", "inProgress", "done"),
        note: vietnameseText(1, 10)
      },
      { requiredKeys: ["directiveId", "taskId", "status"] }
    ),
    { maxLength: 4, selector: (p) => TaskFollowUp.taskKey(p) }
  )
  .map((lines) => lines.map((p) => new TaskFollowUp.TaskProgress(p)))

/** Report content of a programme, task follow-up included. @category arbitraries @since 0.1.0 */
export const reportContent = (
  p: Programme.Programme,
  maxCount?: number
): fc.Arbitrary<Report.ReportContent> =>
  fc
    .record({
      figures: figures(p, maxCount),
      achievements: vietnameseText(0, 12),
      shortcomings: vietnameseText(0, 6),
      nextTasks: vietnameseText(0, 6),
      taskProgress: taskProgress
    })
    .map((c) => new Report.ReportContent(c))

/** @category models @since 0.1.0 */
export interface ReportSlot {
  readonly unitId: Ids.UnitId
  readonly periodId: Period.PeriodId
  readonly programme: Programme.Programme
}

/**
 * A report for a slot (unit, period, programme): its status and revision agree (a draft that was
 * never submitted has revision 0; any other status has at least revision 1).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const report = (
  slot: ReportSlot,
  options: { readonly id?: string; readonly maxCount?: number } = {}
) =>
  fc
    .record({
      id: options.id === undefined ? id("report") : fc.constant(options.id),
      status: reportStatus,
      revision: fc.integer({ min: 1, max: 5 }),
      content: reportContent(slot.programme, options.maxCount),
      created: timestamp("2015-01-01", "2030-12-31"),
      by: actor(slot.unitId)
    })
    .map(
      (r) =>
        new Report.Report({
          id: Ids.ReportId.make(r.id),
          unitId: slot.unitId,
          programme: slot.programme,
          periodId: slot.periodId,
          regimeId: Ids.RegimeId.make("party-calendar-months"),
          status: r.status,
          content: r.content,
          revision: r.status === "draft" ? 0 : r.revision,
          events: [{ _tag: "Created", at: r.created, by: r.by }],
          version: 0
        })
    )

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/** The first day of the two-tier structure (Law 72/2025/QH15). @category arbitraries @since 0.1.0 */
export const reformDate: CalendarDate.CalendarDate = CalendarDate.unsafeFromString("2025-07-01")

/** @category models @since 0.1.0 */
export interface HierarchyData {
  /** Parents before children. */
  readonly units: ReadonlyArray<Unit.Unit>
  readonly successions: ReadonlyArray<Succession.Succession>
}

const communeShape = fc.record({
  merged: fc.boolean(),
  mergeTarget: fc.nat(),
  split: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  type: fc.constantFrom("commune" as const, "ward" as const, "townlet" as const),
  since: fc.constantFrom("1992-01-01", "2008-08-01", "2019-01-01"),
  grassroots: fc.integer({ min: 0, max: 2 }),
  name
})

const provinceShape = fc.record({
  name,
  districts: fc.array(fc.record({ name, communes: fc.array(communeShape, { maxLength: 4 }) }), {
    maxLength: 3
  }),
  newCommunes: fc.array(
    fc.record({ name, type: fc.constantFrom("commune" as const, "ward" as const, "specialZone" as const) }),
    {
      minLength: 1,
      maxLength: 3
    }
  )
})

/**
 * A valid hierarchy across the reform of 01/07/2025 (it passes `Hierarchy.validate` and
 * `SuccessionRules.validate`): provinces (valid throughout); districts under them until the
 * reform; communes under the districts, of which some end on the reform date and the others move
 * directly under the province; new communes under the province from the reform; and grassroots
 * agencies attached to communes. A commune that ends is merged into a new commune (one `merge`
 * succession carrying its history) or split between two (two `split` successions, the first
 * carrying its history). Districts are merged into their province, which carries their history.
 * Ids are `p0`, `p0-d1`, `p0-d1-c2`, `p0-n0`, `p0-d1-c2-g0`, so they are unique.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const hierarchy = (options: { readonly maxProvinces?: number } = {}): fc.Arbitrary<HierarchyData> =>
  fc.array(provinceShape, { minLength: 1, maxLength: options.maxProvinces ?? 2 }).map((provinces) => {
    const units: Array<Unit.Unit> = []
    const successions: Array<Succession.Succession> = []
    const d = CalendarDate.unsafeFromString
    const link = (parentId: string, from: string, until?: string) =>
      new Unit.ParentLink({
        parentId: Ids.UnitId.make(parentId),
        from: d(from),
        ...(until === undefined ? {} : { until: d(until) })
      })
    const mk = (
      uid: string,
      type: Unit.UnitType,
      unitName: string,
      validFrom: string,
      validUntil: string | undefined,
      parents: ReadonlyArray<Unit.ParentLink>
    ) =>
      new Unit.Unit({
        id: Ids.UnitId.make(uid),
        type,
        name: unitName,
        validFrom: d(validFrom),
        ...(validUntil === undefined ? {} : { validUntil: d(validUntil) }),
        parents,
        version: 0
      })
    const reform = reformDate as string
    const successionOf = (
      sid: string,
      from: string,
      to: string,
      kind: Succession.SuccessionKind,
      carries: boolean
    ) =>
      new Succession.Succession({
        id: Ids.SuccessionId.make(sid),
        kind,
        effectiveDate: reformDate,
        predecessorId: Ids.UnitId.make(from),
        successorId: Ids.UnitId.make(to),
        carriesHistory: carries,
        version: 0
      })
    provinces.forEach((p, pi) => {
      const pid = `p${pi}`
      units.push(mk(pid, "province", p.name, "1992-01-01", undefined, []))
      const newIds = p.newCommunes.map((_, ni) => `${pid}-n${ni}`)
      p.districts.forEach((dist, di) => {
        const did = `${pid}-d${di}`
        units.push(
          mk(did, "ruralDistrict", dist.name, "1992-01-01", reform, [link(pid, "1992-01-01", reform)])
        )
        successions.push(successionOf(`s-${did}`, did, pid, "merge", true))
        dist.communes.forEach((c, ci) => {
          const cid = `${did}-c${ci}`
          const parents = c.merged
            ? [link(did, c.since, reform)]
            : [link(did, c.since, reform), link(pid, reform)]
          units.push(mk(cid, c.type, c.name, c.since, c.merged ? reform : undefined, parents))
          for (let g = 0; g < c.grassroots; g++) {
            units.push(
              mk(
                `${cid}-g${g}`,
                "agency",
                `Cơ quan ${c.name} ${g + 1}`,
                c.since,
                c.merged ? reform : undefined,
                [link(cid, c.since, c.merged ? reform : undefined)]
              )
            )
          }
          if (c.merged) {
            const target = newIds[c.mergeTarget % newIds.length]!
            const other = newIds[(c.mergeTarget + 1) % newIds.length]!
            if (c.split && other !== target) {
              successions.push(successionOf(`s-${cid}`, cid, target, "split", true))
              successions.push(successionOf(`s-${cid}-b`, cid, other, "split", false))
            } else successions.push(successionOf(`s-${cid}`, cid, target, "merge", true))
          }
        })
      })
      p.newCommunes.forEach((n, ni) => {
        units.push(mk(newIds[ni]!, n.type, n.name, reform, undefined, [link(pid, reform)]))
      })
    })
    // New communes come after the communes merged into them only in `successions`; `units` is
    // parents first, which is all an insert needs.
    return { units, successions }
  })

// ---------------------------------------------------------------------------------------------
// Models, coordination, committees
// ---------------------------------------------------------------------------------------------

/** A DVK model of a unit, registered in phase 2021–2025, with a valid sequence of events. @category arbitraries @since 0.1.0 */
export const dvkModel = (
  unitId: Ids.UnitId,
  options: { readonly id?: string } = {}
): fc.Arbitrary<DvkModel.DvkModel> =>
  fc
    .record({
      id: options.id === undefined ? id("model") : fc.constant(options.id),
      field: fc.constantFrom(...fieldIds),
      registeredOn: calendarDate("2021-01-01", "2021-12-31"),
      name: vietnameseText(1, 10),
      rationale: fc.option(vietnameseText(0, 20), { nil: undefined }),
      steps: fc.integer({ min: 0, max: 3 }),
      rating: fc.constantFrom("excellent" as const, "good" as const, "fair" as const, "ineffective" as const),
      by: actor(unitId)
    })
    .map((m) => {
      const on = (days: number) => CalendarDate.addDays(m.registeredOn, days)
      const events: Array<DvkModel.ModelEvent> = [{ _tag: "Registered", on: m.registeredOn, by: m.by }]
      if (m.steps >= 1) events.push({ _tag: "Started", on: on(30), by: m.by })
      if (m.steps >= 2) events.push({ _tag: "Evaluated", on: on(300), by: m.by, rating: m.rating })
      if (m.steps >= 3 && m.rating !== "ineffective") {
        events.push({
          _tag: "Commended",
          on: on(400),
          by: m.by,
          level: "province",
          form: "certificateOfMerit"
        })
      }
      const [first, ...rest] = events
      return new DvkModel.DvkModel({
        id: Ids.ModelId.make(m.id),
        unitId,
        phaseId: Period.id(Period.phase(2021, 2025)),
        fieldId: Ids.FieldId.make(m.field),
        registeredOn: m.registeredOn,
        content: new DvkModel.RegistrationContent({
          name: m.name,
          ...(m.rationale === undefined ? {} : { rationale: m.rationale })
        }),
        events: [first!, ...rest],
        version: 0
      })
    })

/** A coordination programme between two or more of `unitIds` (give at least two). @category arbitraries @since 0.1.0 */
export const coordination = (
  unitIds: ReadonlyArray<Ids.UnitId>
): fc.Arbitrary<Coordination.CoordinationProgramme> =>
  fc
    .record({
      id: id("coordination"),
      title: vietnameseText(2, 12),
      programme,
      parties: fc.uniqueArray(fc.constantFrom(...unitIds), {
        minLength: 2,
        maxLength: Math.max(2, unitIds.length)
      }),
      signedOn: calendarDate("2016-01-01", "2025-12-31")
    })
    .map(
      (c) =>
        new Coordination.CoordinationProgramme({
          id: Ids.CoordinationId.make(c.id),
          title: c.title,
          programme: c.programme,
          parties: c.parties,
          signedOn: c.signedOn,
          validFrom: c.signedOn,
          version: 0
        })
    )

/** A steering committee of a unit with a head and members. @category arbitraries @since 0.1.0 */
export const committee = (unitId: Ids.UnitId): fc.Arbitrary<SteeringCommittee.SteeringCommittee> =>
  fc
    .record({
      id: id("committee"),
      name: vietnameseText(2, 10),
      programmes: fc.constantFrom(["QCDC"] as const, ["DVK"] as const, ["QCDC", "DVK"] as const),
      activeFrom: calendarDate("2016-01-01", "2025-12-31"),
      members: fc.array(
        fc.record({
          person: id("person"),
          name,
          post: fc.constantFrom("deputy" as const, "member" as const, "secretary" as const)
        }),
        {
          maxLength: 5
        }
      )
    })
    .map((c) => {
      const [first, ...rest] = c.programmes
      return new SteeringCommittee.SteeringCommittee({
        id: Ids.CommitteeId.make(c.id),
        unitId,
        name: c.name,
        programmes: [first, ...rest],
        activeFrom: c.activeFrom,
        memberships: [
          new SteeringCommittee.Membership({
            personId: Ids.PersonId.make(`${c.id}-head`),
            personName: "Trần Thị Bình",
            post: "head",
            titles: ["TVTU"],
            from: c.activeFrom
          }),
          ...c.members.map(
            (m) =>
              new SteeringCommittee.Membership({
                personId: Ids.PersonId.make(m.person),
                personName: m.name,
                post: m.post,
                titles: [],
                from: c.activeFrom
              })
          )
        ],
        version: 0
      })
    })

// ---------------------------------------------------------------------------------------------
// Directives
// ---------------------------------------------------------------------------------------------

/** A state or Party document number with a type code and issuer from the common ones. @category arbitraries @since 0.1.0 */
export const documentNumber: fc.Arbitrary<DocumentNumber.DocumentNumber> = fc.oneof(
  fc
    .record({
      number: fc.integer({ min: 1, max: 9999 }),
      year: fc.option(fc.integer({ min: 2000, max: 2030 }), { nil: undefined }),
      typeCode: fc.option(fc.constantFrom("QĐ", "NQ", "CT", "KH", "HD", "NĐ", "TB"), { nil: undefined }),
      issuer: fc.constantFrom("UBND", "CP", "HĐND", "TTg", "QH15", "BHXH-KHTC")
    })
    .map(
      (n): DocumentNumber.DocumentNumber => ({
        _tag: "State",
        number: n.number,
        ...(n.year === undefined ? {} : { year: n.year }),
        ...(n.typeCode === undefined ? {} : { typeCode: n.typeCode }),
        issuer: n.issuer
      })
    ),
  fc
    .record({
      number: fc.integer({ min: 1, max: 9999 }),
      typeCode: fc.constantFrom("KH", "NQ", "CT", "KL", "HD", "CV"),
      issuer: fc.constantFrom("TU", "TW", "BDVTƯ", "HU", "ĐU")
    })
    .map((n): DocumentNumber.DocumentNumber => ({ _tag: "Party", ...n }))
)

/**
 * Who issued a directive: the centre, or one of two provinces (few, so that two provinces' equal
 * numbers meet often).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const issuedBy: fc.Arbitrary<Directive.IssuedBy> = fc.oneof(
  fc
    .constantFrom("partyCommittee" as const, "government" as const)
    .map((body): Directive.IssuedBy => ({ _tag: "Central", body })),
  fc
    .record({
      unitId: fc.constantFrom("vn-37", "vn-36").map((u) => Ids.UnitId.make(u)),
      body: fc.constantFrom("partyCommittee" as const, "peoplesCommittee" as const)
    })
    .map((u): Directive.IssuedBy => ({ _tag: "Unit", ...u }))
)

/** A directive that replaces none (give `replaces` to the record afterwards). @category arbitraries @since 0.1.0 */
export const directive: fc.Arbitrary<Directive.Directive> = fc
  .record({
    id: id("directive"),
    number: documentNumber,
    issuedBy: issuedBy,
    title: vietnameseText(2, 16),
    programme: fc.constantFrom("QCDC" as const, "DVK" as const, "OTHER" as const),
    issuedOn: calendarDate("2005-01-01", "2030-12-31"),
    delay: fc.integer({ min: 0, max: 60 }),
    duration: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined })
  })
  .map((d) => {
    const effectiveFrom = CalendarDate.addDays(d.issuedOn, d.delay)
    return new Directive.Directive({
      id: Ids.DirectiveId.make(d.id),
      number: d.number,
      issuedBy: d.issuedBy,
      title: d.title,
      programme: d.programme,
      issuedOn: d.issuedOn,
      effectiveFrom,
      ...(d.duration === undefined
        ? {}
        : { effectiveUntil: CalendarDate.addDays(effectiveFrom, d.duration) }),
      replaces: [],
      tasks: [],
      version: 0
    })
  })

// ---------------------------------------------------------------------------------------------
// Reference data and audit
// ---------------------------------------------------------------------------------------------

/** @category arbitraries @since 0.1.0 */
export const modelField: fc.Arbitrary<ModelField.ModelField> = fc
  .record({ id: id("field"), name, order: fc.integer({ min: -100, max: 100 }) })
  .map(
    (f) => new ModelField.ModelField({ id: Ids.FieldId.make(f.id), name: f.name, order: f.order, version: 0 })
  )

/**
 * A schedule of public holidays for one year between 2027 and 2035 (years no announced schedule
 * covers): some days off, and Saturdays or Sundays worked that are not also days off. @category arbitraries @since 0.1.0
 */
export const holidaySchedule: fc.Arbitrary<PublicHolidays.Schedule> = fc
  .integer({ min: 2027, max: 2035 })
  .chain((year) =>
    fc.record({
      year: fc.constant(year),
      daysOff: fc.uniqueArray(calendarDate(`${year}-01-01`, `${year}-12-31`), { maxLength: 12 }),
      weekend: fc.uniqueArray(calendarDate(`${year}-01-01`, `${year}-12-31`), { maxLength: 6 }),
      source: vietnameseText(1, 12)
    })
  )
  .map(
    (s) =>
      new PublicHolidays.Schedule({
        year: s.year,
        daysOff: [...s.daysOff].sort(),
        workingDays: s.weekend
          .filter((d) => CalendarDate.dayOfWeek(d) % 6 === 0 && !s.daysOff.includes(d))
          .sort(),
        source: s.source
      })
  )

/**
 * The public holidays a regime observes: some of the schedules announced for 2021 to 2026 and
 * some generated ones, one per year (possibly none). @category arbitraries @since 0.1.0
 */
export const publicHolidays: fc.Arbitrary<PublicHolidays.Observance> = fc
  .tuple(
    fc.subarray([...PublicHolidays.announced]),
    fc.uniqueArray(holidaySchedule, { selector: (s) => s.year, maxLength: 3 })
  )
  .map(([announced, generated]) => ({ schedules: [...announced, ...generated] }))

/** A regime, observing public holidays about half the time. @category arbitraries @since 0.1.0 */
export const regime: fc.Arbitrary<Regime.ReportingRegime> = fc
  .record({
    id: id("regime"),
    name,
    calendar: fc.constantFrom("calendarMonths" as const, "decree09Cutoff" as const),
    grassroots: fc.integer({ min: 0, max: 5 }),
    holidays: fc.uniqueArray(calendarDate("2024-01-01", "2026-12-31"), { maxLength: 6 }),
    publicHolidays: fc.option(publicHolidays, { nil: undefined, freq: 2 })
  })
  .map(
    (r) =>
      new Regime.ReportingRegime({
        id: Ids.RegimeId.make(r.id),
        name: r.name,
        calendar: r.calendar,
        deadlines: {
          grassroots: r.grassroots,
          commune: r.grassroots + 1,
          district: r.grassroots + 2,
          province: r.grassroots + 3
        },
        holidays: [...r.holidays].sort(),
        ...(r.publicHolidays === undefined ? {} : { publicHolidays: r.publicHolidays }),
        version: 0
      })
  )

/** @category arbitraries @since 0.1.0 */
export const validationRule: fc.Arbitrary<ValidationRule.ValidationRule> = fc
  .record({
    id: id("rule"),
    name,
    programme,
    coefficient: fc.integer({ min: -5, max: 5 }),
    operator: fc.constantFrom(
      "==" as const,
      "!=" as const,
      "<" as const,
      "<=" as const,
      ">" as const,
      ">=" as const
    ),
    importance: fc.constantFrom("high" as const, "medium" as const, "low" as const)
  })
  .map(
    (r) =>
      new ValidationRule.ValidationRule({
        id: Ids.ValidationRuleId.make(r.id),
        name: r.name,
        programme: r.programme,
        left: { terms: [{ indicator: "extra.hoGiaDinh", coefficient: r.coefficient }], constant: 0 },
        operator: r.operator,
        right: { terms: [], constant: 10 },
        importance: r.importance,
        scope: "own",
        version: 0
      })
  )

/** An audit entry by an actor of `unitId`. @category arbitraries @since 0.1.0 */
export const auditEntry = (unitId: Ids.UnitId): fc.Arbitrary<AuditEntry.AuditEntry> =>
  fc
    .record({
      id: id("audit"),
      at: timestamp(),
      actor: actor(unitId),
      action: fc.constantFrom("report.submit", "report.approve", "model.register", "unit.update"),
      subjectKind: fc.constantFrom(
        "unit" as const,
        "report" as const,
        "model" as const,
        "directive" as const
      ),
      subjectId: id("subject"),
      summary: vietnameseText(0, 10)
    })
    .map((e) => new AuditEntry.AuditEntry({ ...e, id: Ids.AuditId.make(e.id) }))
