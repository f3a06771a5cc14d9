/**
 * Builds the province of the 2017 article in a store, through the use cases, each step at the
 * instant it happened (see `shared/clock.ts`), so audit entries and report timeliness read as they
 * would have in 2017.
 *
 * Seeding is idempotent: every record has a fixed id, and each step first looks at what the store
 * already holds (check before insert). A record already there is left alone; a model or report
 * already part-way through its lifecycle is taken on from where it stands. Running the example
 * twice against the same file or database therefore adds nothing the second time, and a run
 * interrupted half-way finishes the job the next time.
 */
import {
  type Actor,
  CommitteeRepository,
  Committees,
  Configuration,
  type Danvan,
  DanvanError,
  DirectiveRepository,
  Directives as DirectiveUseCases,
  Ids,
  ModelField,
  ModelRepository,
  Models,
  ReferenceData,
  Regime,
  type Report,
  ReportRepository,
  Reports,
  type Store,
  StoreError,
  UnitRepository,
  Units
} from "@danvan/core"
import { Effect, Option, Schema } from "effect"
import { at, morningOf } from "../shared/clock.ts"
import { counter, type Progress, step } from "../shared/progress.ts"
import { committees } from "./committees.ts"
import { directives } from "./directives.ts"
import { type SampleModel, type Step, sampleModels } from "./models.ts"
import { type DistrictFigures, type DistrictReport, districtReports, type ReportStep } from "./reports.ts"
import * as NinhBinh from "./units.ts"

/** The period of the article: the first six months of 2017. */
export const periodId = "2017S1"
/** The reporting regime the districts follow (Party reporting, calendar halves). */
export const regime = Regime.defaults.party

/**
 * The officer of the Provincial Mass Mobilisation Commission who keeps the province's records
 * (directives, committees) and reads the province's reports.
 */
export const provinceOfficer: Actor.ActorInput = {
  personId: "nb-person-bdv-tinh",
  name: "Chuyên viên Ban Dân vận Tỉnh ủy",
  unitId: NinhBinh.provinceId,
  role: "officer"
}

/** The head of the commission, who reviews the districts' reports and commends models. */
export const provinceLeader: Actor.ActorInput = {
  personId: "nb-person-truong-ban-tinh",
  name: "Trưởng Ban Dân vận Tỉnh ủy",
  unitId: NinhBinh.provinceId,
  role: "leader"
}

/** The province's administrator, who keeps the unit list and the reference data. */
export const provinceAdmin: Actor.ActorInput = {
  personId: "nb-person-quan-tri",
  name: "Quản trị hệ thống",
  unitId: NinhBinh.provinceId,
  role: "administrator"
}

/** The officer who acts for a unit (a district's commission, a commune's officer, an agency's). */
export const officerOf = (unitId: Ids.UnitId): Actor.ActorInput => ({
  personId: `nb-person-${unitId}`,
  name: "Cán bộ phụ trách công tác dân vận",
  unitId,
  role: "officer"
})

/** The head of a unit's commission, who assesses the models of the units below it. */
const leaderOf = (unitId: Ids.UnitId): Actor.ActorInput => ({
  personId: `nb-person-lead-${unitId}`,
  name: "Trưởng ban",
  unitId,
  role: "leader"
})

/** What the store holds does not match what the example would write (another app's records?). */
export class SeedConflict extends DanvanError.TaggedError<SeedConflict>()("SeedConflict", {
  record: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `the store already holds ${this.record}, but not as this example writes it: ${this.detail}`
  }
}

/** The record a read finds, or `undefined` when there is none (`NotFound`). */
const orMissing = <A, E, R>(
  effect: Effect.Effect<A, E | StoreError.NotFound, R>
): Effect.Effect<A | undefined, Exclude<E, StoreError.NotFound>, R> =>
  effect.pipe(
    Effect.catchIf(
      (e): e is StoreError.NotFound => e instanceof StoreError.NotFound,
      () => Effect.succeed(undefined)
    )
    // catchIf's inferred type keeps a placeholder for its optional third argument: restate it.
  ) as Effect.Effect<A | undefined, Exclude<E, StoreError.NotFound>, R>

// ---------------------------------------------------------------------------------------------
// reference data, units, directives, committees
// ---------------------------------------------------------------------------------------------

const seedReference = Effect.gen(function* () {
  const reference = yield* ReferenceData
  const known = new Set((yield* reference.fields).map((f) => f.id))
  for (const field of ModelField.defaults) {
    if (!known.has(field.id)) yield* Configuration.putField(provinceAdmin, field)
  }
  if ((yield* orMissing(reference.regime(regime.id))) === undefined) {
    yield* Configuration.putRegime(provinceAdmin, regime)
  }
}).pipe(at(morningOf("2016-01-04")))

const seedUnits = (unitsFile: string, progress: Progress) =>
  Effect.gen(function* () {
    const existing = yield* orMissing((yield* UnitRepository).get(NinhBinh.provinceId))
    if (existing !== undefined) {
      progress.line("  units already stored")
      return
    }
    const province = yield* NinhBinh.load(unitsFile)
    yield* Units.importUnits(provinceAdmin, province).pipe(at(morningOf("2016-01-04")))
    progress.line(`  imported ${province.units.length} units and ${province.successions.length} successions`)
  })

const seedDirectives = Effect.gen(function* () {
  const repository = yield* DirectiveRepository
  for (const input of directives(NinhBinh.provinceId)) {
    if ((yield* orMissing(repository.get(Ids.DirectiveId.make(input.id)))) !== undefined) continue
    yield* DirectiveUseCases.registerDirective(provinceOfficer, input).pipe(at(morningOf(input.issuedOn)))
  }
})

const seedCommittees = Effect.gen(function* () {
  const repository = yield* CommitteeRepository
  for (const input of committees(NinhBinh.provinceId)) {
    if ((yield* orMissing(repository.get(Ids.CommitteeId.make(input.id)))) !== undefined) continue
    yield* Committees.composeCommittee(provinceOfficer, input).pipe(at(morningOf(input.activeFrom)))
  }
})

// ---------------------------------------------------------------------------------------------
// models
// ---------------------------------------------------------------------------------------------

/** The district-level unit above a unit on a day, or the province for a unit attached to it. */
const reviewerOf = (unitId: Ids.UnitId, on: string) =>
  Effect.gen(function* () {
    const ancestors = yield* (yield* UnitRepository).ancestors(unitId, on as never)
    const district = ancestors.find((u) => u.level === "district")
    return district === undefined ? provinceLeader : leaderOf(district.id)
  })

const applyModelStep = (model: SampleModel, s: Step) =>
  Effect.gen(function* () {
    // Every step is taken on the model as just read, at its version.
    const { id: modelId, version } = yield* (yield* ModelRepository).get(Ids.ModelId.make(model.id))
    const unitId = Ids.UnitId.make(model.unitId)
    switch (s._tag) {
      case "Started":
        return yield* Models.startModel(officerOf(unitId), { modelId, version, on: s.on })
      case "Evaluated":
        return yield* Models.evaluateModel(yield* reviewerOf(unitId, s.on), {
          modelId,
          version,
          on: s.on,
          rating: s.rating
        })
      case "Commended":
        return yield* Models.commendModel(
          s.level === "province" ? provinceLeader : yield* reviewerOf(unitId, s.on),
          {
            modelId,
            version,
            on: s.on,
            level: s.level,
            form: s.form,
            decision: s.decision
          }
        )
      case "Discontinued":
        return yield* Models.discontinueModel(yield* reviewerOf(unitId, s.on), {
          modelId,
          version,
          on: s.on,
          reason: s.reason
        })
    }
  }).pipe(at(morningOf(s.on)))

const registration = (model: SampleModel) => ({
  id: model.id,
  unitId: model.unitId,
  phaseId: "2016-2020",
  fieldId: model.fieldId,
  registeredOn: model.registeredOn,
  content: { name: model.name, objectives: model.objectives, beneficiaries: model.beneficiaries }
})

const seedModel = (model: SampleModel) =>
  Effect.gen(function* () {
    const repository = yield* ModelRepository
    let stored = yield* orMissing(repository.get(Ids.ModelId.make(model.id)))
    if (stored === undefined) {
      const actor = officerOf(Ids.UnitId.make(model.unitId))
      const replicaOf = model.replicaOf
      const register =
        replicaOf === undefined
          ? Models.registerModel(actor, registration(model))
          : Effect.gen(function* () {
              const source = yield* repository.get(Ids.ModelId.make(replicaOf))
              const { replica } = yield* Models.replicateModel(actor, {
                sourceId: replicaOf,
                sourceVersion: source.version,
                replica: registration(model)
              })
              return replica
            })
      stored = yield* register.pipe(at(morningOf(model.registeredOn)))
    }
    // Events after `Registered`, minus the `Replicated` events a replica of this model adds.
    const done = stored.events.slice(1).filter((e) => e._tag !== "Replicated")
    for (const [i, event] of done.entries()) {
      if (model.steps[i]?._tag !== event._tag) {
        return yield* new SeedConflict({
          record: `model ${model.id}`,
          detail: `its step ${i + 1} is ${event._tag}, the example expects ${model.steps[i]?._tag ?? "none"}`
        })
      }
    }
    for (const s of model.steps.slice(done.length)) yield* applyModelStep(model, s)
  })

// ---------------------------------------------------------------------------------------------
// reports
// ---------------------------------------------------------------------------------------------

const fieldIds = ModelField.defaults.map((f) => f.id)

/** A district's figures as the DVK indicator set (`Figures.DvkFigures`). */
export const dvkFigures = (f: DistrictFigures) => {
  const evaluatedOnly = f.evaluated - f.commended - f.replicated - f.discontinued
  return {
    _tag: "DVK" as const,
    models: f.models,
    byField: Object.fromEntries(fieldIds.map((id, i) => [id, f.byField[i] ?? 0])),
    byStatus: {
      registered: 0,
      inProgress: f.models - f.evaluated,
      evaluated: evaluatedOnly,
      commended: f.commended,
      replicated: f.replicated,
      discontinued: f.discontinued
    },
    newModels: f.newModels,
    effective: f.effective,
    commended: f.commended,
    replicated: f.replicated,
    exemplaryCases: f.exemplaryCases,
    extra: {}
  }
}

const nf = new Intl.NumberFormat("vi-VN")

const content = (report: DistrictReport, shortcomings: string) => ({
  figures: dvkFigures(report.figures),
  achievements:
    report.figures.models === 0
      ? ""
      : `Tiếp tục triển khai ${nf.format(report.figures.models)} mô hình "Dân vận khéo"; kiểm tra, đánh giá ${nf.format(report.figures.evaluated)} mô hình đăng ký giai đoạn 2016-2020.`,
  shortcomings,
  nextTasks: "Nhân rộng các mô hình hiệu quả; phát hiện nhân tố mới trong 6 tháng cuối năm 2017."
})

const tagOf = (s: ReportStep): Report.ReportEvent["_tag"] => s._tag

const applyReportStep = (report: DistrictReport, reportId: Ids.ReportId, s: ReportStep) => {
  const districtOfficer = officerOf(NinhBinh.districtIds[report.code])
  // Every step is taken on the report as just read, at its version.
  const run = (version: number): Effect.Effect<unknown, SeedError, Store.Store> => {
    const ref = { reportId, version }
    switch (s._tag) {
      case "Submitted":
        return Reports.submitReport(districtOfficer, ref)
      case "Returned":
        return Reports.returnReport(provinceLeader, { ...ref, reason: s.reason })
      case "Edited":
        return Reports.editReport(districtOfficer, { ...ref, content: content(report, s.shortcomings) })
      case "Approved":
        return Reports.approveReport(provinceLeader, ref)
    }
  }
  return Effect.flatMap(
    Effect.flatMap(ReportRepository, (r) => r.get(reportId)),
    (stored) => run(stored.version)
  ).pipe(at(morningOf(s.on)))
}

const seedReport = (report: DistrictReport) =>
  Effect.gen(function* () {
    const unitId = NinhBinh.districtIds[report.code]
    const repository = yield* ReportRepository
    let stored = Option.getOrUndefined(yield* repository.find(unitId, periodId as never, "DVK"))
    if (stored === undefined) {
      stored = yield* Reports.createReport(officerOf(unitId), {
        id: `nb-report-2017s1-dvk-${report.code}`,
        unitId,
        programme: "DVK",
        periodId,
        regimeId: regime.id,
        content: content(report, report.shortcomings)
      }).pipe(at(morningOf(report.createdOn)))
    }
    const done = stored.events.slice(1)
    for (const [i, event] of done.entries()) {
      const expected = report.steps[i]
      if (expected === undefined || tagOf(expected) !== event._tag) {
        return yield* new SeedConflict({
          record: `report ${stored.id}`,
          detail: `its step ${i + 1} is ${event._tag}, the example expects ${expected?._tag ?? "none"}`
        })
      }
    }
    for (const s of report.steps.slice(done.length)) yield* applyReportStep(report, stored.id, s)
  })

// ---------------------------------------------------------------------------------------------
// all of it
// ---------------------------------------------------------------------------------------------

/** What seeding can fail with: the use cases' own errors, the unit file's, a conflicting store. */
export type SeedError =
  | Danvan.ErrorOf<
      | "putField"
      | "putRegime"
      | "importUnits"
      | "registerDirective"
      | "composeCommittee"
      | "registerModel"
      | "replicateModel"
      | "startModel"
      | "evaluateModel"
      | "commendModel"
      | "discontinueModel"
      | "createReport"
      | "editReport"
      | "submitReport"
      | "returnReport"
      | "approveReport"
    >
  | NinhBinh.UnitSourceError
  | SeedConflict

/**
 * Seeds the store: reference data, units, directives, committees, sample models, district reports.
 * Each part reports its progress.
 */
export const seed = (unitsFile: string, progress: Progress): Effect.Effect<void, SeedError, Store.Store> =>
  Effect.gen(function* () {
    // The province's administrator imports its units first: reference data is kept by a province.
    yield* step(
      progress,
      "units of Ninh Bình, 2017 (three-tier snapshot, Hoa Lư city split back)"
    )(seedUnits(unitsFile, progress))
    yield* step(progress, "reference data (model fields, reporting regime)")(seedReference)
    yield* step(progress, "directives and their tasks")(seedDirectives)
    yield* step(progress, "steering committees")(seedCommittees)
    const modelTick = counter(progress, "models", sampleModels.length, 5)
    yield* step(
      progress,
      "sample DVK models and their lifecycle"
    )(Effect.forEach(sampleModels, (m) => Effect.andThen(seedModel(m), modelTick), { discard: true }))
    const reportTick = counter(progress, "reports", districtReports.length, 4)
    yield* step(
      progress,
      "district reports for 2017S1 and their workflow"
    )(Effect.forEach(districtReports, (r) => Effect.andThen(seedReport(r), reportTick), { discard: true }))
  })
