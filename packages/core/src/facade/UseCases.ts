/**
 * The operations the Promise facade offers, by name: every use case of `usecase/` under its own
 * name (the changes and the reads), the reference-data configuration of `Configuration`, and the
 * whole audit trail as one array. Each entry is the Effect function itself, so the facade cannot
 * drift from the use cases: a new use case is one more line here.
 *
 * @since 0.1.0
 */
import { Stream } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Audit from "../usecase/Audit.ts"
import * as Committees from "../usecase/Committees.ts"
import * as Configuration from "../usecase/Configuration.ts"
import * as Consolidate from "../usecase/Consolidate.ts"
import * as Directives from "../usecase/Directives.ts"
import * as Models from "../usecase/Models.ts"
import * as Reports from "../usecase/Reports.ts"
import * as TaskFollowUps from "../usecase/TaskFollowUps.ts"
import * as Units from "../usecase/Units.ts"

/**
 * Every entry of the audit trail matching the query, fetched page by page
 * (`Audit.auditTrailStream`) and collected.
 *
 * @category use cases
 * @since 0.1.0
 */
export const auditTrailAll = (actor: Actor.ActorInput, query: Audit.AuditQueryInput = {}) =>
  Stream.runCollect(Audit.auditTrailStream(actor, query))

/**
 * The operations that act for someone: each takes the acting {@link Actor} first, as the use
 * cases do.
 *
 * @category use cases
 * @since 0.1.0
 */
export const acting = {
  // units
  importUnits: Units.importUnits,
  // directives
  registerDirective: Directives.registerDirective,
  // committees
  composeCommittee: Committees.composeCommittee,
  appointMember: Committees.appointMember,
  endMembership: Committees.endMembership,
  handOverPost: Committees.handOverPost,
  dissolveCommittee: Committees.dissolveCommittee,
  committeeOnDate: Committees.committeeOnDate,
  committeesOfUnit: Committees.committeesOfUnit,
  // models
  registerModel: Models.registerModel,
  startModel: Models.startModel,
  evaluateModel: Models.evaluateModel,
  commendModel: Models.commendModel,
  discontinueModel: Models.discontinueModel,
  replicateModel: Models.replicateModel,
  model: Models.model,
  models: Models.models,
  // reports
  createReport: Reports.createReport,
  editReport: Reports.editReport,
  submitReport: Reports.submitReport,
  returnReport: Reports.returnReport,
  approveReport: Reports.approveReport,
  reopenReport: Reports.reopenReport,
  report: Reports.report,
  reports: Reports.reports,
  findReport: Reports.findReport,
  reportHistory: Reports.reportHistory,
  reportRevision: Reports.reportRevision,
  consolidateReport: Consolidate.consolidateReport,
  taskFollowUp: TaskFollowUps.taskFollowUp,
  tasksToReport: TaskFollowUps.tasksToReport,
  // audit
  auditTrail: Audit.auditTrail,
  auditTrailAll,
  // reference data
  putField: Configuration.putField,
  putRegime: Configuration.putRegime,
  putValidationRule: Configuration.putValidationRule
} as const

/**
 * The operations open to anyone: public data (the unit list and its successions, directives) and
 * the configuration every app reads.
 *
 * @category use cases
 * @since 0.1.0
 */
export const open = {
  unit: Units.unit,
  unitsInJurisdiction: Units.unitsInJurisdiction,
  searchUnits: Units.searchUnits,
  successions: Units.successions,
  directive: Directives.directive,
  directives: Directives.directives,
  directivesInForce: Directives.directivesInForce,
  directivesApplicable: Directives.directivesApplicable,
  fields: Configuration.fields,
  regimes: Configuration.regimes,
  validationRules: Configuration.validationRules
} as const
