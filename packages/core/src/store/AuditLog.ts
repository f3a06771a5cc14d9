/**
 * Storage port for the audit trail: append-only.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { AuditEntry, SubjectKind } from "../audit/AuditEntry.ts"
import type { UnitId } from "../kernel/Ids.ts"
import type { Timestamp } from "../kernel/Timestamp.ts"
import type { Page, PageRequest } from "./Page.ts"
import type { ConstraintViolation, StoreFailure } from "./StoreError.ts"

/** Filters; every filter given must hold. `from` inclusive, `to` exclusive. @category models @since 0.1.0 */
export interface AuditQuery {
  readonly subjectKind?: SubjectKind
  readonly subjectId?: string
  /** Entries by actors acting for this unit. */
  readonly actorUnitId?: UnitId
  readonly from?: Timestamp
  readonly to?: Timestamp
}

/** @category services @since 0.1.0 */
export class AuditLog extends Context.Service<
  AuditLog,
  {
    /** Appends all or none; fails on a duplicate id. */
    readonly append: (
      entries: ReadonlyArray<AuditEntry>
    ) => Effect.Effect<void, ConstraintViolation | StoreFailure>
    /** Entries matching the query, ordered by time then id. */
    readonly list: (query: AuditQuery, page?: PageRequest) => Effect.Effect<Page<AuditEntry>, StoreFailure>
  }
>()("@danvan/core/AuditLog") {}
