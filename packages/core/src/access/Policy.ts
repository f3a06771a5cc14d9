/**
 * Who may do what: roles and the permissions each holds, as data an app configures.
 *
 * Every use case asks two questions before it changes or shows anything:
 * 1. does the actor's **role** hold the permission the use case needs (this module)?
 * 2. is the record's unit one the actor may act on for that permission (`Jurisdiction`: its own
 *    unit, a unit directly under it, its jurisdiction, a unit above every unit affected)?
 *
 * The second is fixed by how the work is organised level by level (Decision 23-QĐ/TW of
 * 30/7/2021; reports go to the level directly above, Decree 09/2019/NĐ-CP, Art. 4). The first is
 * the province's choice, so it is data: {@link defaults} follows how a provincial Ban Dân vận
 * works, and an app replaces it with {@link layer} (or the Promise facade's `policy` option).
 *
 * | permission | what it allows | for which units (`Jurisdiction`) |
 * | --- | --- | --- |
 * | `units.maintain` | import units and succession links | a unit above every unit affected (or that unit itself) |
 * | `referenceData.maintain` | model fields, reporting regimes, validation rules | the actor's unit is at a level of `referenceDataLevels`, or central |
 * | `directives.register` | register a directive on behalf of the actor's unit | replaces only directives its unit registered |
 * | `committees.manage` | set up and change steering committees | own unit |
 * | `models.register` | register, start and replicate (adopt) models | own unit |
 * | `models.assess` | evaluate and commend models | a unit below, never the unit that carries its history |
 * | `models.discontinue` | stop a model | own unit or below |
 * | `reports.draft` | create and edit reports | own unit |
 * | `reports.submit` | submit reports | own unit |
 * | `reports.review` | return, approve and reopen reports | the unit the report was submitted to |
 * | `records.read` | read reports, models, committees, consolidations | own unit or below, or the units whose history it carries |
 * | `audit.read` | read the audit trail | own unit or below |
 *
 * @since 0.1.0
 */
import { Context, Layer, Schema } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"
import { UnitId } from "../kernel/Ids.ts"
import { UnitLevel } from "../unit/Unit.ts"
import { Actor, Role } from "./Actor.ts"

/**
 * What a role may do (see the module's table).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Permission = Schema.Literals([
  "units.maintain",
  "referenceData.maintain",
  "directives.register",
  "committees.manage",
  "models.register",
  "models.assess",
  "models.discontinue",
  "reports.draft",
  "reports.submit",
  "reports.review",
  "records.read",
  "audit.read"
])
/**
 * @category models
 * @since 0.1.0
 */
export type Permission = typeof Permission.Type

/** Each permission in words, for error messages. */
const permissionText: Readonly<Record<Permission, string>> = {
  "units.maintain": "maintain the list of units and their successions",
  "referenceData.maintain": "change reference data (model fields, reporting regimes, validation rules)",
  "directives.register": "register directives",
  "committees.manage": "set up and change steering committees",
  "models.register": "register and carry out models",
  "models.assess": "evaluate and commend models",
  "models.discontinue": "discontinue models",
  "reports.draft": "draft reports",
  "reports.submit": "submit reports",
  "reports.review": "return, approve and reopen reports",
  "records.read": "read records",
  "audit.read": "read the audit trail"
}

const roleTable = Schema.Record(Schema.String, Schema.Array(Permission)).pipe(
  Schema.check(
    Schema.makeFilter((roles: Readonly<Record<string, ReadonlyArray<Permission>>>) => {
      const bad = Object.keys(roles).filter((name): boolean => !Schema.is(Role)(name))
      return bad.length === 0
        ? undefined
        : `role names are lower camel case ASCII (officer, leader…), got ${bad.map((b) => JSON.stringify(b.slice(0, 80))).join(", ")}`
    })
  )
)

/**
 * A policy:
 * - `roles`: each role's permissions (a role absent from it may do nothing);
 * - `separationOfDuties`: whether the person who submitted a report is refused its approval
 *   (`true` by default: no one approves their own submission, whichever unit they act for);
 * - `referenceDataLevels`: the unit levels whose administrators change reference data, which is
 *   shared by every unit of the store (`["province"]` by default);
 * - `centralUnits`: units of the central level (Ban Dân vận Trung ương, say) that stand above
 *   every province: they need not be stored units. They review provinces' reports, maintain any
 *   unit and reference data, and read and assess everything below them. None by default.
 *
 * Decode a policy kept as JSON with this schema: unknown permissions and malformed role names are
 * errors, never dropped.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Policy = Schema.Struct({
  roles: roleTable,
  separationOfDuties: Schema.Boolean,
  referenceDataLevels: Schema.Array(UnitLevel),
  centralUnits: Schema.Array(UnitId)
})
/**
 * @category models
 * @since 0.1.0
 */
export type Policy = typeof Policy.Type

/**
 * The default roles, after how a provincial Ban Dân vận works:
 * - `viewer`: reads the records of its jurisdiction;
 * - `officer` (cán bộ chuyên trách): drafts and submits its unit's reports, registers and carries
 *   out its models, keeps its committees and registers its directives; reads its jurisdiction and
 *   its audit trail;
 * - `leader` (lãnh đạo): reviews the reports of the units under it, assesses and discontinues their
 *   models; reads its jurisdiction and its audit trail;
 * - `administrator` (quản trị): maintains units and successions below it and, at province level,
 *   reference data; reads its jurisdiction and its audit trail.
 *
 * A person with several duties acts in the role each action needs; separation of duties goes by
 * the person, so changing role does not get round it.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaults: Policy = {
  roles: {
    viewer: ["records.read"],
    officer: [
      "records.read",
      "audit.read",
      "reports.draft",
      "reports.submit",
      "models.register",
      "models.discontinue",
      "committees.manage",
      "directives.register"
    ],
    leader: ["records.read", "audit.read", "reports.review", "models.assess", "models.discontinue"],
    administrator: ["records.read", "audit.read", "units.maintain", "referenceData.maintain"]
  },
  separationOfDuties: true,
  referenceDataLevels: ["province"],
  centralUnits: []
}

/**
 * The policy the use cases check: {@link defaults} unless an app provides its own.
 *
 * @category services
 * @since 0.1.0
 */
export const CurrentPolicy: Context.Reference<Policy> = Context.Reference<Policy>("@danvan/core/Policy", {
  defaultValue: () => defaults
})

/**
 * A layer that makes `policy` the one every use case checks.
 *
 * @example
 * ```ts
 * import { Ids, Policy } from "@danvan/core"
 *
 * // The central commission's unit may act across provinces.
 * const policy = Policy.layer({ ...Policy.defaults, centralUnits: [Ids.UnitId.make("vn-bdvtw")] })
 * ```
 *
 * @category layers
 * @since 0.1.0
 */
export const layer = (policy: Policy): Layer.Layer<never> => Layer.succeed(CurrentPolicy, policy)

/**
 * Whether `role` holds `permission` under `policy`.
 *
 * @category predicates
 * @since 0.1.0
 */
export const grants = (policy: Policy, role: string, permission: Permission): boolean =>
  Object.hasOwn(policy.roles, role) && (policy.roles[role]?.includes(permission) ?? false)

/**
 * The actor's role does not hold the permission the use case needs (or the policy does not define
 * the role at all). Nothing was read or written.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotPermitted extends DanvanError.TaggedError<NotPermitted>()("NotPermitted", {
  actor: Actor,
  role: Schema.String,
  permission: Permission
}) {
  override get message(): string {
    return `${this.actor.name} (acting for unit ${JSON.stringify(this.actor.unitId)} as ${JSON.stringify(this.role)}) may not ${permissionText[this.permission]}: ${
      this.role === ""
        ? "no role was given"
        : `the policy does not give that permission to role ${JSON.stringify(this.role)}`
    }`
  }
}

/**
 * Separation of duties: the person who submitted a report may not approve it, whichever unit
 * or role they act for (`Policy.separationOfDuties`).
 *
 * @category errors
 * @since 0.1.0
 */
export class SeparationOfDuties extends DanvanError.TaggedError<SeparationOfDuties>()("SeparationOfDuties", {
  actor: Actor,
  reportId: Schema.String,
  revision: Schema.Int
}) {
  override get message(): string {
    return `${this.actor.name} submitted revision ${this.revision} of report ${JSON.stringify(this.reportId)}, so may not approve it: another person of the unit above approves`
  }
}
