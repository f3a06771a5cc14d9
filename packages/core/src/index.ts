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
export * as AuditEntry from "./audit/AuditEntry.ts"
// calendar
export * as Period from "./calendar/Period.ts"
export * as Regime from "./calendar/Regime.ts"
// committees
export * as SteeringCommittee from "./committee/SteeringCommittee.ts"
// directives
export * as Directive from "./directive/Directive.ts"
export * as DocumentNumber from "./directive/DocumentNumber.ts"
// kernel
export * as CalendarDate from "./kernel/CalendarDate.ts"
export * as Ids from "./kernel/Ids.ts"
export * as Programme from "./kernel/Programme.ts"
export * as Text from "./kernel/Text.ts"
export * as Timestamp from "./kernel/Timestamp.ts"

// models
export * as Coordination from "./model/Coordination.ts"
export * as DvkModel from "./model/DvkModel.ts"
export * as ModelField from "./model/ModelField.ts"

// reports
export * as Figures from "./report/Figures.ts"
export * as Report from "./report/Report.ts"
export * as ValidationRule from "./report/ValidationRule.ts"
// units
export * as Succession from "./unit/Succession.ts"
export * as Unit from "./unit/Unit.ts"

// use cases

// storage port
export { AuditLog, type AuditQuery } from "./store/AuditLog.ts"
export { CommitteeRepository } from "./store/CommitteeRepository.ts"
export { type DirectiveQuery, DirectiveRepository } from "./store/DirectiveRepository.ts"
export { type ModelQuery, ModelRepository } from "./store/ModelRepository.ts"
export * as Page from "./store/Page.ts"
export { ReferenceData } from "./store/ReferenceData.ts"
export {
  type Consolidation,
  type ConsolidationQuery,
  type Contribution,
  type ReportQuery,
  ReportRepository
} from "./store/ReportRepository.ts"
export * as Store from "./store/Store.ts"
export * as StoreError from "./store/StoreError.ts"
export { UnitOfWork } from "./store/UnitOfWork.ts"
export { type SuccessionQuery, type UnitQuery, UnitRepository } from "./store/UnitRepository.ts"
