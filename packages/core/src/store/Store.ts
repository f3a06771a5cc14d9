/**
 * The whole storage port: what an adapter's layer provides.
 *
 * @since 0.1.0
 */
import type { Layer } from "effect"
import type { AuditLog } from "./AuditLog.ts"
import type { CommitteeRepository } from "./CommitteeRepository.ts"
import type { DirectiveRepository } from "./DirectiveRepository.ts"
import type { ModelRepository } from "./ModelRepository.ts"
import type { ReferenceData } from "./ReferenceData.ts"
import type { ReportRepository } from "./ReportRepository.ts"
import type { StoreFailure } from "./StoreError.ts"
import type { UnitOfWork } from "./UnitOfWork.ts"
import type { UnitRepository } from "./UnitRepository.ts"

/** Every service of the storage port. @since 0.1.0 */
export type Store =
  | UnitRepository
  | DirectiveRepository
  | CommitteeRepository
  | ModelRepository
  | ReportRepository
  | ReferenceData
  | AuditLog
  | UnitOfWork

/** The layer an adapter provides: the whole port, failing to build only with a store failure. @since 0.1.0 */
export type StoreLayer<R = never> = Layer.Layer<Store, StoreFailure, R>
