/**
 * The consolidation use case (tổng hợp báo cáo): a unit's consolidated figures for a period, who
 * in its jurisdiction has not reported or reported late, and which validation rules the figures
 * break.
 *
 * The sums come from the store's `ReportRepository.consolidate` (whose semantics are
 * `Rollup.consolidate`: the hierarchy as of a date, history of merged units carried into their
 * successors, each report counted once). Completeness is judged over the units the jurisdiction
 * expects reports from, with the deadlines of the reporting regime (Decree 09/2019/NĐ-CP, Art. 12,
 * for state reports), from the store's `ReportRepository.reporting` (each unit's level and first
 * submission, decision record 0037) rather than from the units and reports themselves. The province's validation rules (`ReferenceData.validationRules`, after
 * DHIS2's validation rules) run on the unit's own figures and on the consolidated ones, and every
 * violation is returned, not only the first.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Period from "../calendar/Period.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import * as Figures from "../report/Figures.ts"
import { ReportStatus } from "../report/Report.ts"
import * as Rollup from "../report/Rollup.ts"
import * as Validation from "../report/Validation.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitLevel } from "../unit/Unit.ts"
import { beginWith, requireRead } from "./Access.ts"
import { hierarchyDate } from "./PeriodReads.ts"

/**
 * @category schemas
 * @since 0.1.0
 */
export const ConsolidateReportInput = Schema.Struct({
  rootId: Ids.UnitId,
  periodId: Period.PeriodId,
  programme: Programme,
  /** The regime whose deadlines judge completeness, and whose calendar gives the default `asOf`. */
  regimeId: Ids.RegimeId,
  /**
   * The date of the hierarchy; by default the last day of the period's window under the regime,
   * and never earlier (a later date rolls old periods up into today's units).
   */
  asOf: Schema.optionalKey(CalendarDate.CalendarDate),
  /** The statuses whose figures count; by default only `approved`. */
  statuses: Schema.optionalKey(Schema.Array(ReportStatus)),
  /** The levels expected to report; by default every unit below the root. */
  levels: Schema.optionalKey(Schema.Array(UnitLevel))
})
/**
 * @category models
 * @since 0.1.0
 */
export type ConsolidateReportInput = typeof ConsolidateReportInput.Encoded

/**
 * Consolidates at `rootId` (`records.read`), whose records the actor must be allowed to read today.
 * `asOf` may not come before the last day of the period's window: an older hierarchy would count,
 * under the actor's units, the reports a unit made after it moved to another jurisdiction (an
 * actor acts only within its unit's jurisdiction: the jurisdiction row of docs/rules.md). Returns:
 * - `consolidation`: totals by indicator path and the contributing reports;
 * - `own`: the root unit's own report of the period, if any;
 * - `completeness`: the expected reporters below the root that have not submitted or were late;
 * - `violations.own` and `violations.consolidated`: the validation rules the own and the
 *   consolidated figures break.
 *
 * @example Consolidating the approved reports of a province
 * ```ts
 * import { type Actor, Configuration, FiguresRules, Consolidate, Regime, Reports, Units } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const admin: Actor.ActorInput = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 * const leader: Actor.ActorInput = { personId: "lanh-dao-37", name: "Trưởng Ban Dân vận Tỉnh ủy", unitId: "vn-37", role: "leader" }
 * const officer = (unitId: string): Actor.ActorInput => ({ personId: `can-bo-${unitId}`, name: "Cán bộ huyện", unitId, role: "officer" })
 * const district = (id: string, name: string, code: string) => ({
 *   id, type: "ruralDistrict", name, code, validFrom: "2016-01-01", validUntil: "2025-07-01",
 *   parents: [{ parentId: "vn-37", from: "2016-01-01", until: "2025-07-01" }], version: 0
 * }) as const
 *
 * const program = Effect.gen(function* () {
 *   yield* Units.importUnits(admin, {
 *     units: [
 *       { id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 },
 *       district("vn-374", "Hoa Lư", "374"),
 *       district("vn-375", "Yên Khánh", "375")
 *     ],
 *     successions: []
 *   })
 *   yield* Configuration.putRegime(admin, Regime.defaults.party)
 *   // Hoa Lư reports and the province approves; Yên Khánh does not report.
 *   const draft = yield* Reports.createReport(officer("vn-374"), {
 *     unitId: "vn-374",
 *     programme: "QCDC",
 *     periodId: "2017S1",
 *     regimeId: Regime.defaults.party.id,
 *     content: {
 *       figures: { ...FiguresRules.emptyQcdc(), citizenReceptions: 12, directDialogues: 3 },
 *       achievements: "",
 *       shortcomings: "",
 *       nextTasks: ""
 *     }
 *   })
 *   const submitted = yield* Reports.submitReport(officer("vn-374"), { reportId: draft.id, version: draft.version })
 *   yield* Reports.approveReport(leader, { reportId: draft.id, version: submitted.report.version })
 *   const result = yield* Consolidate.consolidateReport(leader, {
 *     rootId: "vn-37",
 *     periodId: "2017S1",
 *     programme: "QCDC",
 *     regimeId: Regime.defaults.party.id
 *   })
 *   console.log(result.consolidation.totals.citizenReceptions) // 12
 *   console.log(result.completeness.missing) // ["vn-375"]
 * })
 *
 * await Effect.runPromise(Effect.provide(program, StoreMemory.layer()))
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const consolidateReport = (actor: Actor.ActorInput, input: ConsolidateReportInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "consolidateReport",
      actor,
      "records.read",
      ConsolidateReportInput,
      input
    )
    const reference = yield* ReferenceData
    const reports = yield* ReportRepository
    const { regime, asOf } = yield* hierarchyDate({
      useCase: "consolidateReport",
      action: "consolidate",
      regimeId: i.regimeId,
      periodId: i.periodId,
      asOf: i.asOf
    })
    yield* requireRead(call, i.rootId, "consolidate the reports of")
    const statuses = i.statuses ?? ["approved"]
    const consolidation = yield* reports.consolidate({
      rootId: i.rootId,
      asOf,
      periodId: i.periodId,
      programme: i.programme,
      statuses
    })
    const own = yield* reports.find(i.rootId, i.periodId, i.programme)
    const levels = i.levels === undefined ? undefined : new Set(i.levels)
    // The jurisdiction's units with their first submissions, not the units and reports themselves.
    const expected = (yield* reports.reporting({
      rootId: i.rootId,
      asOf,
      periodId: i.periodId,
      programme: i.programme
    })).filter((r) => r.unitId !== i.rootId && (levels === undefined || levels.has(r.level)))
    const completeness = Rollup.completenessOf({
      reporters: expected,
      regime,
      period: Period.fromId(i.periodId)
    })
    const rules = yield* reference.validationRules(i.programme)
    const violations = {
      own: Option.match(own, {
        onNone: () => [],
        onSome: (r) => Validation.evaluate(rules, Figures.flatten(r.content.figures), "own")
      }),
      consolidated: Validation.evaluate(rules, consolidation.totals, "consolidated")
    }
    return { asOf, consolidation, own, completeness, violations }
  })
