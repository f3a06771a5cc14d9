/**
 * Who acts: a person acting for one unit. Jurisdiction rules (Regulation on mass mobilisation work
 * of the political system, Decision 23-QĐ/TW of 30/7/2021; reporting up the hierarchy under
 * Decree 09/2019/NĐ-CP, Art. 4) let an actor submit only its own unit's reports, approve or return
 * only those of units directly under it, and read only its jurisdiction.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PersonId, UnitId } from "../kernel/Ids.ts"
import { Name } from "../kernel/Text.ts"

/** @since 0.1.0 */
export class Actor extends Schema.Class<Actor>("Actor")({
  personId: PersonId,
  name: Name,
  unitId: UnitId
}) {}
