/**
 * `@danvan/core`: the typed domain of công tác dân vận, its rules, use cases and storage port.
 *
 * Every module is exported as a namespace (`Unit.Unit`, `Period.parse`, …), after the style of
 * Effect's own packages.
 *
 * @since 0.1.0
 */

// access and audit
export * as Actor from "./access/Actor.ts"
export * as Jurisdiction from "./access/Jurisdiction.ts"
export * as Policy from "./access/Policy.ts"
export * as AuditEntry from "./audit/AuditEntry.ts"
// calendar
export * as Calendar from "./calendar/Calendar.ts"
export * as Deadline from "./calendar/Deadline.ts"
export * as Lunar from "./calendar/Lunar.ts"
export * as Period from "./calendar/Period.ts"
export * as PublicHolidays from "./calendar/PublicHolidays.ts"
export * as Regime from "./calendar/Regime.ts"
// committees
export * as CommitteeRules from "./committee/CommitteeRules.ts"
export * as SteeringCommittee from "./committee/SteeringCommittee.ts"
// directives
export * as Directive from "./directive/Directive.ts"
export * as DirectiveRules from "./directive/DirectiveRules.ts"
export * as DocumentNumber from "./directive/DocumentNumber.ts"
export * as Issuers from "./directive/Issuers.ts"
export * as TaskAssignment from "./directive/TaskAssignment.ts"
// documents
export * as Document from "./document/Document.ts"
export * as SixMonthReport from "./document/SixMonthReport.ts"
// promise facade
export * as Danvan from "./facade/Danvan.ts"
// kernel
export * as CalendarDate from "./kernel/CalendarDate.ts"
export * as Checked from "./kernel/Checked.ts"
export * as DanvanError from "./kernel/DanvanError.ts"
export * as Ids from "./kernel/Ids.ts"
export * as Programme from "./kernel/Programme.ts"
export * as Text from "./kernel/Text.ts"
export * as Timestamp from "./kernel/Timestamp.ts"
export * as Violation from "./kernel/Violation.ts"
// models
export * as Coordination from "./model/Coordination.ts"
export * as CoordinationRules from "./model/CoordinationRules.ts"
export * as DvkModel from "./model/DvkModel.ts"
export * as ModelField from "./model/ModelField.ts"
export * as ModelLifecycle from "./model/ModelLifecycle.ts"
// reports
export * as Figures from "./report/Figures.ts"
export * as FiguresRules from "./report/FiguresRules.ts"
export * as ModelTally from "./report/ModelTally.ts"
export * as Report from "./report/Report.ts"
export * as ReportWorkflow from "./report/ReportWorkflow.ts"
export * as Rollup from "./report/Rollup.ts"
export * as TaskFollowUp from "./report/TaskFollowUp.ts"
export * as Validation from "./report/Validation.ts"
export * as ValidationRule from "./report/ValidationRule.ts"
export * as ActingUnit from "./store/ActingUnit.ts"
// storage port
export { AuditLog, type AuditQuery } from "./store/AuditLog.ts"
export { CommitteeRepository } from "./store/CommitteeRepository.ts"
export * as Contract from "./store/Contract.ts"
export { type DirectiveQuery, DirectiveRepository } from "./store/DirectiveRepository.ts"
export { type ModelQuery, ModelRepository } from "./store/ModelRepository.ts"
export * as Page from "./store/Page.ts"
export { ReferenceData } from "./store/ReferenceData.ts"
export {
  type ConsolidationQuery,
  type ConsolidationsQuery,
  type ReportingQuery,
  type ReportQuery,
  ReportRepository
} from "./store/ReportRepository.ts"
export * as Store from "./store/Store.ts"
export * as StoreConfig from "./store/StoreConfig.ts"
export * as StoreError from "./store/StoreError.ts"
export { UnitOfWork, WritesEndTransaction } from "./store/UnitOfWork.ts"
export { type SuccessionQuery, type UnitQuery, UnitRepository } from "./store/UnitRepository.ts"
// text
export * as Collation from "./text/Collation.ts"
export * as Csv from "./text/Csv.ts"
export * as Labels from "./text/Labels.ts"
export * as SearchKey from "./text/SearchKey.ts"
// units
export * as Hierarchy from "./unit/Hierarchy.ts"
export * as Succession from "./unit/Succession.ts"
export * as SuccessionRules from "./unit/SuccessionRules.ts"
export * as Unit from "./unit/Unit.ts"
export * as UnitImport from "./unit/UnitImport.ts"
// use cases
export * as Access from "./usecase/Access.ts"
export * as Audit from "./usecase/Audit.ts"
export * as Committees from "./usecase/Committees.ts"
export * as Configuration from "./usecase/Configuration.ts"
export * as Consolidate from "./usecase/Consolidate.ts"
export * as Directives from "./usecase/Directives.ts"
export * as UseCaseErrors from "./usecase/Errors.ts"
export * as Models from "./usecase/Models.ts"
export * as Reports from "./usecase/Reports.ts"
export * as TaskFollowUps from "./usecase/TaskFollowUps.ts"
export * as Units from "./usecase/Units.ts"
