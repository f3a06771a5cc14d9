/**
 * Coordination programmes (chương trình phối hợp) signed between units on mass mobilisation work
 * and the DVK movement (for example between a Party mass-mobilisation commission and the
 * provincial police, or the People's Committee).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { CoordinationId, UnitId } from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import { NonEmptyText } from "../kernel/Text.ts"

/**
 * @category models
 * @since 0.1.0
 */
export class CoordinationProgramme extends Schema.Class<CoordinationProgramme>("CoordinationProgramme")({
  id: CoordinationId,
  title: NonEmptyText(2000),
  programme: Programme,
  parties: Schema.Array(UnitId).pipe(Schema.check(Schema.isMinLength(2))),
  signedOn: CalendarDate.CalendarDate,
  validFrom: CalendarDate.CalendarDate,
  validUntil: Schema.optionalKey(CalendarDate.CalendarDate),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}
