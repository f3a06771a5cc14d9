/**
 * `AuditLog` over the engine: append-only entries, listed by time then id.
 *
 * @since 0.1.0
 */
import type { AuditEntry, AuditLog } from "@danvan/core"
import { Result } from "effect"
import type { Engine } from "./Engine.ts"
import * as Paging from "./Paging.ts"
import * as Writes from "./Writes.ts"

const sortKey = (e: AuditEntry.AuditEntry): Paging.SortKey => [e.at, e.id]

/** @since 0.1.0 */
export const make = (engine: Engine): AuditLog["Service"] => ({
  append: (entries) =>
    engine.write((o) => Result.map(Writes.insertAll(o, "audit", entries), () => undefined)),

  list: (query, page) =>
    engine.readResult((view) => {
      const keys =
        query.subjectId !== undefined
          ? view.lookup("auditSubject", query.subjectId)
          : query.actorUnitId !== undefined
            ? view.lookup("auditActorUnit", query.actorUnitId)
            : view.keys("audit")
      const items: Array<AuditEntry.AuditEntry> = []
      for (const key of keys) {
        const e = view.get("audit", key)!.record
        if (query.subjectKind !== undefined && e.subjectKind !== query.subjectKind) continue
        if (query.subjectId !== undefined && e.subjectId !== query.subjectId) continue
        if (query.actorUnitId !== undefined && e.actor.unitId !== query.actorUnitId) continue
        if (query.from !== undefined && e.at < query.from) continue
        if (query.to !== undefined && e.at >= query.to) continue
        items.push(e)
      }
      items.sort((a, b) => Paging.compareKeys(sortKey(a), sortKey(b)))
      return Paging.fromSorted(items, sortKey, page)
    })
})
