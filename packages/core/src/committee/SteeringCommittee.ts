/**
 * Steering committees (Ban chỉ đạo) for QCDC and for the DVK movement, at every level, with dated
 * memberships.
 *
 * Posts follow the decisions that set committees up: head (Trưởng ban), standing deputy (Phó
 * Trưởng ban Thường trực), deputy (Phó Trưởng ban), member (Ủy viên, thành viên) and secretary
 * (thư ký / tổ giúp việc). A member's titles in a report combine a Party post and a state post
 * ("TVTU, Phó Chủ tịch HĐND tỉnh").
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { CommitteeId, DirectiveId, PersonId, UnitId } from "../kernel/Ids.ts"
import { Programme } from "../kernel/Programme.ts"
import { Name } from "../kernel/Text.ts"

/**
 * @category schemas
 * @since 0.1.0
 */
export const Post = Schema.Literals(["head", "standingDeputy", "deputy", "member", "secretary"])
/**
 * @category models
 * @since 0.1.0
 */
export type Post = typeof Post.Type

/**
 * A person's term in one post. `until` is exclusive.
 *
 * @category models
 * @since 0.1.0
 */
export class Membership extends Schema.Class<Membership>("Membership")({
  personId: PersonId,
  personName: Name,
  post: Post,
  titles: Schema.Array(Name),
  from: CalendarDate.CalendarDate,
  until: Schema.optionalKey(CalendarDate.CalendarDate)
}) {}

/**
 * A steering committee of a unit, serving one or both programmes, active from `activeFrom` until
 * `activeUntil` (exclusive).
 *
 * @category models
 * @since 0.1.0
 */
export class SteeringCommittee extends Schema.Class<SteeringCommittee>("SteeringCommittee")({
  id: CommitteeId,
  unitId: UnitId,
  name: Name,
  programmes: Schema.NonEmptyArray(Programme),
  establishedBy: Schema.optionalKey(DirectiveId),
  activeFrom: CalendarDate.CalendarDate,
  activeUntil: Schema.optionalKey(CalendarDate.CalendarDate),
  memberships: Schema.Array(Membership),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}
