/**
 * Who acts: a person acting for one unit. Jurisdiction rules (facts.md, law 8; see `Jurisdiction`
 * for the texts cited and their status) let an actor submit only its own unit's reports, approve
 * or return only those of units directly under it, and read only its jurisdiction.
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
