/**
 * The DVK phase report for 2021–2025 of the new Ninh Bình province, consolidated into the units of
 * the two-tier structure.
 *
 * The models were registered during the phase by the communes and districts of Hà Nam, Nam Định
 * and Ninh Bình, which no longer exist when the phase ends. Each new commune reports the models
 * whose registering unit's history it carries (`Succession.historyCarriers`), tallied with
 * `ModelTally.tally`; the new province reports the rest itself (those of the abolished districts
 * and of the communes carried at province level); the consolidation (`Consolidate.consolidateReport`)
 * adds them up. Each model is counted under exactly one unit, so the consolidated total equals the
 * number of models registered.
 *
 * The models are **illustrative**: a few per old commune and district, spread over the phase and
 * the four default fields by a fixed rule, so every run builds the same ones. Some were evaluated
 * before the reform by the district above them, some after it by a level above the unit that now
 * carries their history: the new province for the models carried into a new commune, the central
 * commission for those carried into the province itself (a unit does not assess the work it
 * carries: `Jurisdiction.canAssess`).
 *
 * The reform concerns three provinces at once, so its units and successions, and the reference
 * data they share, are kept by an administrator of the central level: the policy names the
 * Central Mass Mobilisation Commission as a central unit (`Policy.centralUnits`).
 */
import {
  type Actor,
  CalendarDate,
  Configuration,
  Consolidate,
  type Danvan,
  type DvkModel,
  Ids,
  ModelField,
  ModelRepository,
  Models,
  ModelTally,
  Page,
  type Period,
  Policy,
  Regime,
  Reports,
  type Store,
  Succession,
  Unit,
  UnitRepository,
  Units
} from "@danvan/core"
import { Effect } from "effect"
import { at, morningOf } from "../shared/clock.ts"
import { counter, type Progress, step } from "../shared/progress.ts"
import {
  dayOfPhase,
  newProvinceId,
  oldProvinces,
  type Reform,
  type ReformSourceError,
  reformDate
} from "./units.ts"

/** The phase reported on. */
export const phaseId = "2021-2025"
/** The day the phase ends: the hierarchy of the report is as of this day. */
export const phaseEnd = CalendarDate.make(2025, 12, 31)
/** The reporting regime (Party reporting: the phase closes on 31/12/2025). */
export const regime = Regime.defaults.party

const fieldIds = ModelField.defaults.map((f) => f.id)

/** The Central Mass Mobilisation Commission (Ban Dân vận Trung ương): a central unit, not a stored one. */
export const centralUnitId = Ids.UnitId.make("rf-ban-dan-van-trung-uong")

/** The policy of the example: the default roles, with the central commission above every province. */
export const reformPolicy: Policy.Policy = { ...Policy.defaults, centralUnits: [centralUnitId] }

/** The officer acting for a unit. */
export const officerOf = (unitId: Ids.UnitId): Actor.ActorInput => ({
  personId: `rf-person-${unitId}`,
  name: "Cán bộ phụ trách dân vận",
  unitId,
  role: "officer"
})

/** The head of a unit's commission, who assesses the models of the units below it. */
const leaderOf = (unitId: Ids.UnitId): Actor.ActorInput => ({
  personId: `rf-person-lead-${unitId}`,
  name: "Trưởng ban",
  unitId,
  role: "leader"
})

/** The officer of the new province's commission for mass mobilisation and propaganda. */
export const newProvinceOfficer: Actor.ActorInput = {
  personId: "rf-person-ban-tuyen-giao-dan-van",
  name: "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy",
  unitId: newProvinceId,
  role: "officer"
}

/** The head of that commission, who reviews the new communes' reports and assesses their models. */
const newProvinceLeader = leaderOf(newProvinceId)

/** The central commission's administrator and leader. */
const centralAdmin: Actor.ActorInput = {
  personId: "rf-person-quan-tri-trung-uong",
  name: "Quản trị hệ thống, Ban Dân vận Trung ương",
  unitId: centralUnitId,
  role: "administrator"
}
const centralLeader = leaderOf(centralUnitId)

/** A model to register, and what happened to it. */
export interface PlannedModel {
  readonly id: string
  readonly unitId: Ids.UnitId
  readonly fieldId: string
  readonly registeredOn: CalendarDate.CalendarDate
  readonly startedOn?: CalendarDate.CalendarDate
  /** Evaluated before the reform, by the unit above, with this rating. */
  readonly evaluatedBefore?: {
    readonly on: CalendarDate.CalendarDate
    readonly rating: "good" | "ineffective"
  }
  /** Evaluated (and maybe commended) after the reform, by the new province. */
  readonly evaluatedAfter?: {
    readonly on: CalendarDate.CalendarDate
    readonly commendedOn?: CalendarDate.CalendarDate
  }
}

const numberOf = (unit: Unit.Unit) => Number(unit.code ?? "0")

/**
 * The models of the old units, by a fixed rule: one to three per commune and two per district, in
 * the four fields in turn, registered over the part of the phase the unit existed in.
 */
export const plannedModels = (before: ReadonlyArray<Unit.Unit>): ReadonlyArray<PlannedModel> =>
  before
    .filter((u) => u.level === "commune" || u.level === "district")
    .flatMap((unit) => {
      const n = numberOf(unit)
      // Statistics codes go up in steps of 3, so the rule looks at the code divided by 3.
      const count = unit.level === "commune" ? 1 + (Math.floor(n / 3) % 3) : 2
      const end = unit.validUntil ?? reformDate
      const span = CalendarDate.daysBetween(dayOfPhase(0), end) - 200
      return Array.from({ length: count }, (_, i): PlannedModel => {
        const k = n + i
        const registeredOn = dayOfPhase((n * 7 + i * 131) % span)
        const started = CalendarDate.addDays(registeredOn, 15)
        const evaluated = CalendarDate.addDays(registeredOn, 180)
        return {
          // Hoa Lư district and Hoa Lư city share code 374: the unit id tells them apart.
          id: `rf-model-${unit.id}-${i + 1}`,
          unitId: unit.id,
          fieldId: fieldIds[k % fieldIds.length] as string,
          registeredOn,
          ...(k % 4 === 0 ? {} : { startedOn: started }),
          ...(k % 3 === 0
            ? { evaluatedBefore: { on: evaluated, rating: k % 5 === 0 ? "ineffective" : "good" } }
            : {}),
          ...(k % 3 === 1
            ? {
                evaluatedAfter: {
                  on: CalendarDate.make(2025, 10, 15),
                  ...(k % 6 === 1 ? { commendedOn: CalendarDate.make(2025, 11, 20) } : {})
                }
              }
            : {})
        }
      })
    })

/** The unit above a unit on a day, for evaluations before the reform. */
const reviewerOf = (unitId: Ids.UnitId, on: CalendarDate.CalendarDate) =>
  Effect.map(
    Effect.flatMap(UnitRepository, (units) => units.ancestors(unitId, on)),
    (ancestors) => leaderOf((ancestors[0]?.id ?? unitId) as Ids.UnitId)
  )

/** The model as a step names it: its id and the version just read. */
const current = (modelId: string) =>
  Effect.map(
    Effect.flatMap(ModelRepository, (r) => r.get(Ids.ModelId.make(modelId))),
    (m) => ({ modelId, version: m.version })
  )

const seedModel = (m: PlannedModel, carrierAfter: (unitId: Ids.UnitId) => Ids.UnitId) =>
  Effect.gen(function* () {
    const officer = officerOf(m.unitId)
    yield* Models.registerModel(officer, {
      id: m.id,
      unitId: m.unitId,
      phaseId,
      fieldId: m.fieldId,
      registeredOn: m.registeredOn,
      content: {
        name: `Mô hình "Dân vận khéo" số ${m.id.slice(m.id.lastIndexOf("-") + 1)} của đơn vị ${m.unitId}`
      }
    }).pipe(at(morningOf(m.registeredOn)))
    if (m.startedOn !== undefined) {
      yield* Models.startModel(officer, { ...(yield* current(m.id)), on: m.startedOn }).pipe(
        at(morningOf(m.startedOn))
      )
    }
    if (m.evaluatedBefore !== undefined) {
      const { on, rating } = m.evaluatedBefore
      yield* Models.evaluateModel(yield* reviewerOf(m.unitId, on), {
        ...(yield* current(m.id)),
        on,
        rating
      }).pipe(at(morningOf(on)))
    }
    if (m.evaluatedAfter !== undefined) {
      const { on, commendedOn } = m.evaluatedAfter
      // The old unit is gone: a level above the unit now carrying its history assesses its model,
      // never that unit itself (the new province carries the abolished districts' history).
      const assessor = carrierAfter(m.unitId) === newProvinceId ? centralLeader : newProvinceLeader
      yield* Models.evaluateModel(assessor, { ...(yield* current(m.id)), on, rating: "excellent" }).pipe(
        at(morningOf(on))
      )
      if (commendedOn !== undefined) {
        yield* Models.commendModel(assessor, {
          ...(yield* current(m.id)),
          on: commendedOn,
          level: "province",
          form: "certificateOfMerit"
        }).pipe(at(morningOf(commendedOn)))
      }
    }
  })

/** What the phase report says. */
export interface PhaseReport {
  /** Models registered for the phase, as stored. */
  readonly registered: number
  /** The consolidated figures of the new province (flat indicator paths). */
  readonly totals: Readonly<Record<string, number>>
  /** Reports that went into the consolidation: the new communes' and the province's own. */
  readonly contributions: number
  /** Registered models by the old province of the unit that registered them. */
  readonly byOldProvince: Readonly<Record<string, number>>
  /** Models carried into each new unit, by its full name (the new province's own under its name). */
  readonly byNewUnit: ReadonlyArray<{
    readonly name: string
    readonly level: Unit.UnitLevel
    readonly models: number
  }>
  /** How many times each model was counted (1 for every model when nothing is counted twice). */
  readonly countedTimes: ReadonlyMap<string, number>
  readonly newCommunes: { readonly total: number; readonly communes: number; readonly wards: number }
  readonly oldUnits: { readonly provinces: number; readonly districts: number; readonly communes: number }
  readonly carriedAtProvince: number
  /** Models evaluated after the reform by the new province, through succession. */
  readonly evaluatedAfterReform: number
}

/** What building the phase report can fail with. */
export type PhaseReportError =
  | Danvan.ErrorOf<
      | "putField"
      | "putRegime"
      | "importUnits"
      | "registerModel"
      | "startModel"
      | "evaluateModel"
      | "commendModel"
      | "createReport"
      | "submitReport"
      | "approveReport"
      | "consolidateReport"
    >
  | ReformSourceError

/** Seeds the store with the reform and the phase's models, reports the phase and consolidates it. */
export const phaseReport = (
  load: Effect.Effect<Reform, ReformSourceError>,
  progress: Progress
): Effect.Effect<PhaseReport, PhaseReportError, Store.Store> =>
  Effect.gen(function* () {
    const reform = yield* step(progress, "reading the three-tier and two-tier unit snapshots")(load)
    yield* step(
      progress,
      "reference data"
    )(
      Effect.gen(function* () {
        for (const field of ModelField.defaults) yield* Configuration.putField(centralAdmin, field)
        yield* Configuration.putRegime(centralAdmin, regime)
      }).pipe(at(morningOf("2021-01-04")))
    )
    yield* step(
      progress,
      `units before and after 01/07/2025, ${reform.successions.length} successions`
    )(
      Units.importUnits(centralAdmin, {
        units: [...reform.before, ...reform.after],
        successions: reform.successions
      }).pipe(at(morningOf("2025-07-01")))
    )
    const planned = plannedModels(reform.before)
    const carrierAfter = Succession.historyCarriers(reform.successions, reformDate)
    const tick = counter(progress, "models", planned.length, 200)
    yield* step(
      progress,
      `${planned.length} models of the old units, 2021-2025, and their lifecycle`
    )(Effect.forEach(planned, (m) => Effect.andThen(seedModel(m, carrierAfter), tick), { discard: true }))

    // Group the phase's models by the new unit that carries their registering unit's history.
    const models = yield* Page.collect((page) =>
      Effect.flatMap(ModelRepository, (r) => r.list({ phaseId: phaseId as Period.PeriodId }, page))
    )
    const successions = yield* Effect.flatMap(UnitRepository, (r) => r.successions({}))
    const carrierOf = Succession.historyCarriers(successions, phaseEnd)
    const groups = new Map<Ids.UnitId, Array<DvkModel.DvkModel>>()
    for (const model of models) {
      const carrier = carrierOf(model.unitId)
      const group = groups.get(carrier)
      if (group === undefined) groups.set(carrier, [model])
      else group.push(model)
    }
    const countedTimes = new Map<string, number>()
    for (const group of groups.values())
      for (const m of group) countedTimes.set(m.id, (countedTimes.get(m.id) ?? 0) + 1)

    const reporters = reform.after.filter((u) => groups.has(u.id))
    const reportTick = counter(progress, "reports", reporters.length, 50)
    yield* step(
      progress,
      `phase reports of ${reporters.length} new units`
    )(
      Effect.forEach(
        reporters,
        (unit) =>
          Effect.gen(function* () {
            const officer = unit.id === newProvinceId ? newProvinceOfficer : officerOf(unit.id)
            const figures = ModelTally.tally(groups.get(unit.id) ?? [], fieldIds, phaseEnd)
            const report = yield* Reports.createReport(officer, {
              id: `rf-report-${unit.id}`,
              unitId: unit.id,
              programme: "DVK",
              periodId: phaseId,
              regimeId: regime.id,
              content: { figures, achievements: "", shortcomings: "", nextTasks: "" }
            }).pipe(at(morningOf("2026-01-02")))
            const { report: submitted } = yield* Reports.submitReport(officer, {
              reportId: report.id,
              version: report.version
            }).pipe(at(morningOf("2026-01-05")))
            if (unit.id !== newProvinceId) {
              yield* Reports.approveReport(newProvinceLeader, {
                reportId: report.id,
                version: submitted.version
              }).pipe(at(morningOf("2026-01-08")))
            }
            yield* reportTick
          }),
        { discard: true }
      )
    )
    const result = yield* step(
      progress,
      "consolidating the phase report"
    )(
      Consolidate.consolidateReport(newProvinceOfficer, {
        rootId: newProvinceId,
        periodId: phaseId,
        programme: "DVK",
        regimeId: regime.id,
        statuses: ["submitted", "approved"],
        levels: ["commune"]
      }).pipe(at(morningOf("2026-01-09")))
    )

    const provinceOf = new Map<string, string>()
    const beforeById = new Map(reform.before.map((u) => [u.id as string, u]))
    const oldProvinceCode = (unitId: string): string => {
      const known = provinceOf.get(unitId)
      if (known !== undefined) return known
      let unit = beforeById.get(unitId)
      while (unit !== undefined && unit.level !== "province") {
        const parent = unit.parents[0]?.parentId
        unit = parent === undefined ? undefined : beforeById.get(parent)
      }
      const code = unit?.code ?? "?"
      provinceOf.set(unitId, code)
      return code
    }
    const byOldProvince: Record<string, number> = {}
    for (const m of models) {
      const code = oldProvinceCode(m.unitId)
      byOldProvince[code] = (byOldProvince[code] ?? 0) + 1
    }
    const afterById = new Map(reform.after.map((u) => [u.id as string, u]))
    const byNewUnit = [...groups.entries()]
      .map(([id, group]) => {
        const unit = afterById.get(id)
        return {
          name: unit === undefined ? id : Unit.fullName(unit),
          level: unit?.level ?? ("province" as const),
          models: group.length
        }
      })
      .sort((a, b) => b.models - a.models || a.name.localeCompare(b.name, "vi"))
    const newCommunes = reform.after.filter((u) => u.level === "commune")
    return {
      registered: models.length,
      totals: result.consolidation.totals,
      contributions: result.consolidation.contributions.length,
      byOldProvince: Object.fromEntries(
        Object.keys(oldProvinces).map((code) => [code, byOldProvince[code] ?? 0])
      ),
      byNewUnit,
      countedTimes,
      newCommunes: {
        total: newCommunes.length,
        communes: newCommunes.filter((u) => u.type === "commune").length,
        wards: newCommunes.filter((u) => u.type === "ward").length
      },
      oldUnits: {
        provinces: reform.before.filter((u) => u.level === "province").length,
        districts: reform.before.filter((u) => u.level === "district").length,
        communes: reform.before.filter((u) => u.level === "commune").length
      },
      carriedAtProvince: reform.carriedAtProvince.length,
      evaluatedAfterReform: models.filter((m) =>
        m.events.some((e) => e._tag === "Evaluated" && e.on >= reformDate && e.by.unitId === newProvinceId)
      ).length
    } satisfies PhaseReport
  }).pipe(Effect.provideService(Policy.CurrentPolicy, reformPolicy))
