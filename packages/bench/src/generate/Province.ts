/**
 * One province's generated data: its territorial units (imported from the real list with core's
 * `UnitImport`), grassroots units attached to its communes, DVK models over the two phases with
 * their lifecycles, half-year DVK and QCDC reports of every unit with their workflow and
 * revisions, and the province's directives.
 *
 * Every record is built from a stream seeded by the run's seed and the province's code, so the same
 * seed gives the same province whatever else the scale selects. Records are class instances built
 * with `disableChecks` (the schemas' structure is still parsed); the bench's tests decode a whole
 * generated province with the domain schemas and check it against the domain's rules.
 *
 * Sizes, per the national targets of about 100,000 units, 250,000 models and 800,000 reports:
 * ~8.97 grassroots units per commune (90,000 over 10,035 communes); per unit and phase a mean of
 * 20 models for a province, 6 for a district, 1.6 for a commune and 1.15 for a grassroots unit;
 * two programmes × four half-years of reports per unit.
 *
 * @since 0.1.0
 */
import type { Programme } from "@danvan/core"
import {
  type Actor,
  CalendarDate,
  Deadline,
  type Directive,
  DvkModel,
  Figures,
  Ids,
  ModelTally,
  Period,
  Report,
  Succession,
  Timestamp,
  Unit,
  UnitImport
} from "@danvan/core"
import * as Actors from "./Actors.ts"
import { centralUnitId } from "./Actors.ts"
import {
  date,
  day,
  lastDay,
  mergeDay,
  openPeriod,
  periods,
  phases,
  regimeOf,
  rollupPeriod,
  unitsFrom,
  unitsUntil,
  windowOf
} from "./Calendar.ts"
import { provinceDirectives } from "./Directives.ts"
import * as Names from "./Names.ts"
import type { Plan, SourceProvince } from "./Plan.ts"
import * as Random from "./Random.ts"

/** A report and the revisions it was submitted as, oldest first. @since 0.1.0 */
export interface ReportEntry {
  readonly report: Report.Report
  readonly revisions: ReadonlyArray<Report.ReportRevision>
}

/** What the generator knows the scenarios must find, to check every store's answers. @since 0.1.0 */
export interface Expected {
  /** Sums of the approved reports of the rollup period, by programme and indicator path. */
  readonly rollup: Readonly<Record<Programme.Programme, Readonly<Record<string, number>>>>
  /** How many reports those sums are of. */
  readonly counted: Readonly<Record<Programme.Programme, number>>
  /** Units in the province's jurisdiction as of the scenarios' date. */
  readonly jurisdiction: number
  /** The district with the most units below it then, and how many (itself included). */
  readonly district: { readonly id: Ids.UnitId; readonly size: number }
}

/** @since 0.1.0 */
export interface ProvinceChunk {
  readonly ordinal: number
  readonly province: Unit.Unit
  /** Parents before children. */
  readonly units: ReadonlyArray<Unit.Unit>
  readonly successions: ReadonlyArray<Succession.Succession>
  /** Replicas after their sources. */
  readonly models: ReadonlyArray<DvkModel.DvkModel>
  readonly reports: ReadonlyArray<ReportEntry>
  readonly directives: ReadonlyArray<Directive.Directive>
  /** Draft reports of the open period: what the submission scenario submits. */
  readonly drafts: ReadonlyArray<{ readonly reportId: Ids.ReportId; readonly unitId: Ids.UnitId }>
  readonly expected: Expected
}

/**
 * How an implementation's application takes each record as the generator makes it (for danvan,
 * decoded once at the boundary with `Checked`): applied to each record as soon as it is complete,
 * so the generator's own object dies young, as a record read from a file and decoded row by row
 * would, instead of a second copy of the whole province living until its import is over (decision
 * record 0062).
 *
 * @since 0.1.0
 */
export interface Receive {
  readonly unit: (unit: Unit.Unit) => Unit.Unit
  readonly succession: (succession: Succession.Succession) => Succession.Succession
  readonly model: (model: DvkModel.DvkModel) => DvkModel.DvkModel
  readonly report: (entry: ReportEntry) => ReportEntry
  readonly directive: (directive: Directive.Directive) => Directive.Directive
}

const same = <A>(a: A): A => a

/** The generator's records as they are (the baselines). @since 0.1.0 */
export const asGenerated: Receive = {
  unit: same,
  succession: same,
  model: same,
  report: same,
  directive: same
}

/**
 * A chunk generated {@link asGenerated} as `receive` takes it: every record passed through it, in
 * the generator's order (what {@link generate} with `receive` gives, for tests that share one chunk
 * between implementations).
 *
 * @since 0.1.0
 */
export const received = (chunk: ProvinceChunk, receive: Receive): ProvinceChunk => {
  const units = chunk.units.map(receive.unit)
  return {
    ...chunk,
    province: units[0]!,
    units,
    successions: chunk.successions.map(receive.succession),
    models: chunk.models.map(receive.model),
    reports: chunk.reports.map(receive.report),
    directives: chunk.directives.map(receive.directive)
  }
}

/** How many records a chunk holds, by kind. @since 0.1.0 */
export const recordCounts = (c: ProvinceChunk) => ({
  units: c.units.length + c.successions.length,
  models: c.models.length,
  reports: c.reports.reduce((n, e) => n + 1 + e.revisions.length, 0),
  directives: c.directives.length
})

const modelsPerPhase: Readonly<Record<Unit.UnitLevel, number>> = {
  province: 20,
  district: 6,
  commune: 1.6,
  grassroots: 1.15
}

/** Grassroots units per commune: 90,000 over the 10,035 communes of the three-tier list. */
const grassrootsPerCommune = 90_000 / 10_035

const unchecked = { disableChecks: true } as const

interface UnitInfo {
  readonly unit: Unit.Unit
  readonly parentId: Ids.UnitId | undefined
  /** The last day the unit exists. */
  readonly cap: number
}

interface ModelDraft {
  readonly id: Ids.ModelId
  readonly unitId: Ids.UnitId
  readonly phaseId: Period.PeriodId
  readonly fieldId: Ids.FieldId
  readonly registeredOn: CalendarDate.CalendarDate
  readonly content: DvkModel.RegistrationContent
  readonly replicaOf?: Ids.ModelId
  readonly events: Array<DvkModel.ModelEvent>
  readonly cap: number
  readonly phase: 1 | 2
}

/** A draft read as a model, for the domain's status and rating functions. */
const asModel = (m: ModelDraft): Pick<DvkModel.DvkModel, "events"> => ({
  events: m.events as unknown as DvkModel.DvkModel["events"]
})

const lastEventDay = (m: ModelDraft) => day(m.events[m.events.length - 1]!.on)

const commendationLevel = (level: Unit.UnitLevel): DvkModel.CommendationLevel =>
  level === "province"
    ? "central"
    : level === "district"
      ? "province"
      : level === "commune"
        ? "district"
        : "commune"

/** The steps after registration: start, evaluation, commendations, perhaps a stop. */
const lifecycle = (
  rng: Random.Random,
  m: ModelDraft,
  owner: Actor.Actor,
  reviewer: Actor.Actor,
  level: Unit.UnitLevel,
  phaseLast: number
) => {
  let d = day(m.registeredOn)
  const push = (e: DvkModel.ModelEvent) => m.events.push(e)
  if (rng.chance(0.88)) {
    const started = d + rng.int(15, 120)
    if (started <= Math.min(phaseLast, m.cap)) {
      d = started
      push({ _tag: "Started", on: date(d), by: owner })
      if (rng.chance(m.phase === 1 ? 0.85 : 0.55)) {
        const evaluated = d + rng.int(240, 900)
        if (evaluated <= m.cap) {
          d = evaluated
          const rating = rng.weighted({ excellent: 18, good: 40, fair: 27, ineffective: 15 })
          push({ _tag: "Evaluated", on: date(d), by: reviewer, rating })
          if (DvkModel.isEffective(rating)) {
            for (let k = 0; k < 2 && rng.chance(k === 0 ? 0.3 : 0.1); k++) {
              const commended = d + rng.int(20, 240)
              if (commended > m.cap) break
              d = commended
              push({
                _tag: "Commended",
                on: date(d),
                by: reviewer,
                level: commendationLevel(level),
                form: rng.weighted({ certificateOfMerit: 3, letterOfCommendation: 6, emulationFlag: 1 })
              })
            }
          }
        }
      }
    }
  }
  if (rng.chance(0.05)) {
    const stopped = d + rng.int(30, 500)
    if (stopped <= m.cap)
      push({
        _tag: "Discontinued",
        on: date(stopped),
        by: reviewer,
        reason: rng.pick(Names.discontinueReasons)
      })
  }
}

const at = (d: number, hour: number): Timestamp.Timestamp =>
  Timestamp.fromMillis(d * 86_400_000 + (hour - 7) * 3_600_000 + 1000 * 60 * 7)

const qcdcScale: Readonly<Record<Unit.UnitLevel, number>> = {
  province: 20,
  district: 5,
  commune: 1,
  grassroots: 0.3
}

const qcdcFigures = (rng: Random.Random, unit: Unit.Unit): Figures.QcdcFigures => {
  const s = qcdcScale[unit.level]
  const complaints = rng.count(6 * s)
  const denunciations = rng.count(1.5 * s)
  const workplace = unit.type === "enterprise" || unit.type === "agency" || unit.type === "publicServiceUnit"
  return {
    _tag: "QCDC",
    citizenReceptions: rng.count(12 * s),
    directDialogues: rng.count(2 * s + (workplace ? 1 : 0)),
    complaintsReceived: complaints,
    complaintsResolved: Math.round(complaints * (0.6 + 0.4 * rng.next())),
    denunciationsReceived: denunciations,
    denunciationsResolved: Math.round(denunciations * (0.5 + 0.5 * rng.next())),
    supervisionSessions: unit.level === "grassroots" ? 0 : rng.count(2 * s),
    questioningSessions: unit.level === "grassroots" ? 0 : rng.count(s),
    extra: workplace ? { hoiNghiNguoiLaoDong: rng.int(1, 2) } : {}
  }
}

/**
 * Generates one province, each record taken by `receive` as soon as it is complete (the records
 * the generator reads afterwards, to make others or to know the expected answers, are the received
 * ones: the same content).
 *
 * @since 0.1.0
 */
export const generate = (plan: Plan, index: number, receive: Receive = asGenerated): ProvinceChunk => {
  const source: SourceProvince = plan.provinces[index]!
  const ordinal = plan.ordinals[index]!
  const seed = plan.seed
  const rng = Random.forKey(seed, "province", source.Code)
  const actorOf = Actors.actors(seed)
  const central = Actors.actorOf(seed, centralUnitId)
  const fieldIds = plan.fields.map((f) => f.id)

  // ---- territorial units, from the real list through core's importer
  const imported = UnitImport.fromDataset([source], { validFrom: unitsFrom, validUntil: unitsUntil })
  if (imported._tag === "Failure")
    throw new Error(`cannot import province ${source.Code}: ${imported.failure.message}`)
  if (imported.success.rejected.length > 0) {
    throw new Error(
      `province ${source.Code}: ${imported.success.rejected.length} records rejected, first: ${imported.success.rejected[0]!.reason}`
    )
  }
  const territorial = imported.success.added.map(receive.unit)
  const province = territorial[0]!
  const infos = new Map<string, UnitInfo>()
  const capOf = (u: Unit.Unit) =>
    Math.min(day(lastDay), u.validUntil === undefined ? day(lastDay) : day(u.validUntil) - 1)
  for (const u of territorial)
    infos.set(u.id, { unit: u, parentId: Unit.parentOn(u, unitsFrom), cap: capOf(u) })

  // ---- grassroots units attached to communes, a few merged into a neighbour on 01/01/2024
  const grassroots: Array<Unit.Unit> = []
  const successions: Array<Succession.Succession> = []
  for (const commune of territorial) {
    if (commune.level !== "commune") continue
    const n = rng.count(grassrootsPerCommune)
    const perType = new Map<string, number>()
    const enterprises: Array<number> = []
    for (let k = 0; k < n; k++) {
      const type = rng.weighted(Names.grassrootsMix)
      const seq = (perType.get(type) ?? 0) + 1
      perType.set(type, seq)
      const founded =
        type === "enterprise" && rng.chance(0.25)
          ? date(rng.int(day(CalendarDate.make(2016, 1, 1)), day(CalendarDate.make(2023, 12, 31))))
          : unitsFrom
      if (type === "enterprise" && founded === unitsFrom) enterprises.push(grassroots.length)
      grassroots.push(
        receive.unit(
          new Unit.Unit(
            {
              id: Ids.UnitId.make(`${commune.id}-g${k + 1}`),
              type,
              name: Names.grassrootsName(rng, type, Unit.fullName(commune), seq),
              validFrom: founded,
              validUntil: unitsUntil,
              parents: [
                new Unit.ParentLink({ parentId: commune.id, from: founded, until: unitsUntil }, unchecked)
              ],
              version: 0
            },
            unchecked
          )
        )
      )
    }
    // Merges: an enterprise in 200 merges into another of its commune (history carried).
    for (let k = 0; k + 1 < enterprises.length; k += 2) {
      if (!rng.chance(1 / 100)) continue
      const from = grassroots[enterprises[k]!]!
      const into = grassroots[enterprises[k + 1]!]!
      grassroots[enterprises[k]!] = receive.unit(
        new Unit.Unit(
          {
            ...from,
            validUntil: mergeDay,
            parents: [
              new Unit.ParentLink({ parentId: commune.id, from: from.validFrom, until: mergeDay }, unchecked)
            ]
          },
          unchecked
        )
      )
      successions.push(
        receive.succession(
          new Succession.Succession(
            {
              id: Ids.SuccessionId.make(`s-${from.id}`),
              kind: "merge",
              effectiveDate: mergeDay,
              predecessorId: from.id,
              successorId: into.id,
              carriesHistory: true,
              version: 0
            },
            unchecked
          )
        )
      )
    }
  }
  for (const u of grassroots)
    infos.set(u.id, { unit: u, parentId: Unit.parentOn(u, u.validFrom), cap: capOf(u) })
  const units = [...territorial, ...grassroots]

  // ---- DVK models over two phases; some phase-two models replicate effective phase-one models
  const drafts: Array<ModelDraft> = []
  const byUnit = new Map<string, Array<ModelDraft>>()
  const reviewerOf = (info: UnitInfo) => actorOf(info.parentId ?? info.unit.id)
  const addModel = (m: ModelDraft) => {
    drafts.push(m)
    const list = byUnit.get(m.unitId)
    if (list === undefined) byUnit.set(m.unitId, [m])
    else list.push(m)
  }
  const sources: Array<ModelDraft> = []
  for (const phase of [1, 2] as const) {
    const phaseId = phases[phase - 1]!
    const phaseFirst = day(CalendarDate.make(phase === 1 ? 2016 : 2021, 1, 1))
    const phaseLast = day(CalendarDate.make(phase === 1 ? 2020 : 2025, 12, 31))
    const registerUntil = day(phase === 1 ? CalendarDate.make(2018, 12, 31) : CalendarDate.make(2024, 6, 30))
    for (const u of units) {
      const info = infos.get(u.id)!
      const first = Math.max(phaseFirst, day(u.validFrom))
      const last = Math.min(registerUntil, info.cap)
      if (first > last) continue
      const owner = actorOf(u.id)
      const reviewer = reviewerOf(info)
      const n = rng.count(modelsPerPhase[u.level])
      for (let k = 0; k < n; k++) {
        const id = Ids.ModelId.make(`m-${u.id}-${phase}-${k + 1}`)
        const source = phase === 2 && sources.length > 0 && rng.chance(0.08) ? rng.pick(sources) : undefined
        if (
          source !== undefined &&
          source.unitId !== u.id &&
          DvkModel.statusOf(asModel(source)) !== "discontinued"
        ) {
          const sourceInfo = infos.get(source.unitId)!
          const on = Math.max(lastEventDay(source), phaseFirst, day(u.validFrom)) + rng.int(0, 540)
          if (on <= Math.min(last, sourceInfo.cap)) {
            const sourceName = source.content.name
            const m: ModelDraft = {
              id,
              unitId: u.id,
              phaseId,
              fieldId: source.fieldId,
              registeredOn: date(on),
              content: new DvkModel.RegistrationContent(
                {
                  ...Names.modelContent(rng, source.fieldId, Unit.fullName(u)),
                  name: `Nhân rộng ${sourceName}`.slice(0, 1000)
                },
                unchecked
              ),
              replicaOf: source.id,
              events: [{ _tag: "Registered", on: date(on), by: owner }],
              cap: info.cap,
              phase
            }
            lifecycle(rng, m, owner, reviewer, u.level, phaseLast)
            source.events.push({ _tag: "Replicated", on: date(on), by: owner, replicaId: id })
            addModel(m)
            continue
          }
        }
        const fieldId = rng.pick(fieldIds)
        const registered = rng.int(first, last)
        const m: ModelDraft = {
          id,
          unitId: u.id,
          phaseId,
          fieldId,
          registeredOn: date(registered),
          content: new DvkModel.RegistrationContent(
            Names.modelContent(rng, fieldId, Unit.fullName(u)),
            unchecked
          ),
          events: [{ _tag: "Registered", on: date(registered), by: owner }],
          cap: info.cap,
          phase
        }
        lifecycle(rng, m, owner, reviewer, u.level, phaseLast)
        addModel(m)
        if (phase === 1) {
          const status = DvkModel.statusOf(asModel(m))
          const rating = DvkModel.ratingOf(asModel(m))
          if (
            status !== "discontinued" &&
            status !== "registered" &&
            status !== "inProgress" &&
            rating !== undefined &&
            DvkModel.isEffective(rating)
          ) {
            sources.push(m)
          }
        }
      }
    }
  }
  const models = drafts.map((m) =>
    receive.model(
      new DvkModel.DvkModel(
        {
          id: m.id,
          unitId: m.unitId,
          phaseId: m.phaseId,
          fieldId: m.fieldId,
          registeredOn: m.registeredOn,
          content: m.content,
          ...(m.replicaOf === undefined ? {} : { replicaOf: m.replicaOf }),
          events: m.events as unknown as DvkModel.DvkModel["events"],
          version: 0
        },
        unchecked
      )
    )
  )
  const modelsOfUnit = new Map<string, Array<DvkModel.DvkModel>>()
  for (const m of models) {
    const list = modelsOfUnit.get(m.unitId)
    if (list === undefined) modelsOfUnit.set(m.unitId, [m])
    else list.push(m)
  }

  // ---- reports: every unit, both programmes, four half-years; the last one still open
  const reports: Array<ReportEntry> = []
  const draftIds: Array<{ readonly reportId: Ids.ReportId; readonly unitId: Ids.UnitId }> = []
  const rollup: Record<Programme.Programme, Record<string, number>> = { DVK: {}, QCDC: {} }
  const counted: Record<Programme.Programme, number> = { DVK: 0, QCDC: 0 }
  const deadlines = new Map<string, number>()
  const deadlineOf = (programme: Programme.Programme, periodId: Period.PeriodId, level: Unit.UnitLevel) => {
    const key = `${programme}/${periodId}/${level}`
    let d = deadlines.get(key)
    if (d === undefined) {
      d = day(Deadline.deadline(regimeOf[programme], windowPeriod(periodId), level))
      deadlines.set(key, d)
    }
    return d
  }
  for (const u of units) {
    const info = infos.get(u.id)!
    const owner = actorOf(u.id)
    const reviewer = info.parentId === undefined ? central : actorOf(info.parentId)
    for (const periodId of periods) {
      for (const programme of ["DVK", "QCDC"] as const) {
        const window = windowOf(programme, periodId)
        if (!Unit.isValidOn(u, window.last)) continue
        const figures =
          programme === "DVK"
            ? {
                ...ModelTally.tally(modelsOfUnit.get(u.id) ?? [], fieldIds, window.last, {
                  newWithin: window
                }),
                exemplaryCases: rng.count(0.4 * (modelsOfUnit.get(u.id)?.length ?? 0))
              }
            : qcdcFigures(rng, u)
        const content = new Report.ReportContent(
          { figures, ...Names.reportText(rng, programme, Unit.fullName(u)) },
          unchecked
        )
        const id = Ids.ReportId.make(`r-${u.id}-${periodId}-${programme}`)
        const isOpen = periodId === openPeriod
        const status = rng.weighted(
          isOpen
            ? { approved: 55, submitted: 15, returned: 5, draft: 25 }
            : { approved: 96, submitted: 2, returned: 1, draft: 1 }
        )
        const windowEnd = day(window.last)
        const created = windowEnd - rng.int(5, 25)
        const events: Array<Report.ReportEvent> = [{ _tag: "Created", at: at(created, 8), by: owner }]
        const revisions: Array<Report.ReportRevision> = []
        let revision = 0
        if (status !== "draft") {
          const deadline = deadlineOf(programme, periodId, u.level)
          let d = Math.max(created + 1, deadline + rng.int(-6, 3))
          const submit = (c: Report.ReportContent) => {
            revision++
            const submittedAt = at(d, 9)
            const onTime = d <= deadline
            events.push({ _tag: "Submitted", at: submittedAt, by: owner, revision, onTime })
            revisions.push(
              new Report.ReportRevision(
                { reportId: id, revision, content: c, submittedAt, submittedBy: owner, onTime },
                unchecked
              )
            )
          }
          const resubmitted = status === "approved" && rng.chance(0.08)
          if (resubmitted) {
            submit(
              new Report.ReportContent(
                { ...content, shortcomings: `${content.shortcomings} (bản gửi lần 1)` },
                unchecked
              )
            )
            d += rng.int(1, 4)
            events.push({
              _tag: "Returned",
              at: at(d, 14),
              by: reviewer,
              reason: rng.pick(Names.returnReasons)
            })
            d += rng.int(1, 3)
            events.push({ _tag: "Edited", at: at(d, 10), by: owner })
            submit(content)
          } else submit(content)
          if (status === "returned") {
            d += rng.int(1, 5)
            events.push({
              _tag: "Returned",
              at: at(d, 14),
              by: reviewer,
              reason: rng.pick(Names.returnReasons)
            })
          } else if (status === "approved") {
            d += rng.int(1, 10)
            events.push({ _tag: "Approved", at: at(d, 15), by: reviewer })
          }
        } else if (rng.chance(0.5)) {
          events.push({ _tag: "Edited", at: at(created + rng.int(1, 4), 16), by: owner })
        }
        const report = new Report.Report(
          {
            id,
            unitId: u.id,
            programme,
            periodId,
            regimeId: regimeOf[programme].id,
            status,
            content,
            revision,
            events: events as unknown as Report.Report["events"],
            version: 0
          },
          unchecked
        )
        reports.push(receive.report({ report, revisions }))
        if (status === "draft" && isOpen) draftIds.push({ reportId: id, unitId: u.id })
        if (periodId === rollupPeriod && status === "approved") {
          Figures.addFlat(rollup[programme], Figures.flatten(figures))
          counted[programme]++
        }
      }
    }
  }

  // ---- what the hierarchy queries must find
  const asOfDay = windowOf("DVK", rollupPeriod).last
  const below = new Map<string, number>()
  let jurisdiction = 0
  for (const u of units) {
    if (!Unit.isValidOn(u, asOfDay)) continue
    jurisdiction++
    let p = Unit.parentOn(u, asOfDay)
    let self: string | undefined = u.id
    while (self !== undefined) {
      const info = infos.get(self)!
      if (info.unit.level === "district") below.set(self, (below.get(self) ?? 0) + 1)
      self = p
      p = self === undefined ? undefined : Unit.parentOn(infos.get(self)!.unit, asOfDay)
    }
  }
  let district = { id: province.id, size: 0 }
  for (const [id, size] of below)
    if (size > district.size || (size === district.size && id < district.id))
      district = { id: Ids.UnitId.make(id), size }

  const districts = territorial.filter((u) => u.level === "district")
  return {
    ordinal,
    province,
    units,
    successions,
    models,
    reports,
    directives: provinceDirectives(
      Random.forKey(seed, "directives", source.Code),
      province,
      districts,
      ordinal
    ).map(receive.directive),
    drafts: draftIds,
    expected: { rollup, counted, jurisdiction, district }
  }
}

const windowPeriods = new Map<string, Period.Period>()
const windowPeriod = (periodId: Period.PeriodId): Period.Period => {
  let p = windowPeriods.get(periodId)
  if (p === undefined) {
    p = Period.fromId(periodId)
    windowPeriods.set(periodId, p)
  }
  return p
}
