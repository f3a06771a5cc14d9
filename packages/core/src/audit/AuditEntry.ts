/**
 * The audit trail: every change and every approval leaves an entry saying who, acting for which
 * unit and in which role (`actor.role`; absent on entries made before roles existed), did what to
 * which record, and when. Entries are append-only.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor } from "../access/Actor.ts"
import { AuditId, IdString } from "../kernel/Ids.ts"
import { Text } from "../kernel/Text.ts"
import { Timestamp } from "../kernel/Timestamp.ts"

/**
 * The kinds of record an entry can be about.
 *
 * @category schemas
 * @since 0.1.0
 */
export const SubjectKind = Schema.Literals([
  "unit",
  "succession",
  "directive",
  "committee",
  "model",
  "coordination",
  "report",
  "referenceData"
])
/**
 * @category models
 * @since 0.1.0
 */
export type SubjectKind = typeof SubjectKind.Type

/**
 * @category models
 * @since 0.1.0
 */
export class AuditEntry extends Schema.Class<AuditEntry>("AuditEntry")({
  id: AuditId,
  at: Timestamp,
  actor: Actor,
  action: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z][a-zA-Z.]*$/))),
  subjectKind: SubjectKind,
  subjectId: IdString,
  summary: Text
}) {}
