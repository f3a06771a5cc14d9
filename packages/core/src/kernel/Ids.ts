/**
 * Branded identifiers of every aggregate and reference record.
 *
 * Identifiers are chosen by the app (for example `vn-37` for Ninh Bình by its statistics code, or a
 * UUID); they are printable ASCII without spaces, at most 128 characters, so they are safe as file
 * names, URL segments and SQL keys. A brand per kind stops a `UnitId` being passed where a
 * `ReportId` is expected.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const idPattern = /^[\x21-\x7e]{1,128}$/

/**
 * The shape every identifier shares, before its brand.
 *
 * @category schemas
 * @since 0.1.0
 */
export const IdString = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      idPattern.test(s)
        ? undefined
        : `an identifier is 1 to 128 printable ASCII characters without spaces, got ${JSON.stringify(s)}`
    )
  )
)

/**
 * An administrative or grassroots unit (đơn vị).
 *
 * @category schemas
 * @since 0.1.0
 */
export const UnitId = IdString.pipe(Schema.brand("UnitId"))
/**
 * @category models
 * @since 0.1.0
 */
export type UnitId = typeof UnitId.Type

/**
 * A link of unit succession (merge, split, rename, transfer).
 *
 * @category schemas
 * @since 0.1.0
 */
export const SuccessionId = IdString.pipe(Schema.brand("SuccessionId"))
/**
 * @category models
 * @since 0.1.0
 */
export type SuccessionId = typeof SuccessionId.Type

/**
 * A directive (văn bản chỉ đạo).
 *
 * @category schemas
 * @since 0.1.0
 */
export const DirectiveId = IdString.pipe(Schema.brand("DirectiveId"))
/**
 * @category models
 * @since 0.1.0
 */
export type DirectiveId = typeof DirectiveId.Type

/**
 * A task assigned by a directive.
 *
 * @category schemas
 * @since 0.1.0
 */
export const TaskId = IdString.pipe(Schema.brand("TaskId"))
/**
 * @category models
 * @since 0.1.0
 */
export type TaskId = typeof TaskId.Type

/**
 * A steering committee (Ban chỉ đạo).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CommitteeId = IdString.pipe(Schema.brand("CommitteeId"))
/**
 * @category models
 * @since 0.1.0
 */
export type CommitteeId = typeof CommitteeId.Type

/**
 * A person (a committee member, an officer acting for a unit).
 *
 * @category schemas
 * @since 0.1.0
 */
export const PersonId = IdString.pipe(Schema.brand("PersonId"))
/**
 * @category models
 * @since 0.1.0
 */
export type PersonId = typeof PersonId.Type

/**
 * A "Dân vận khéo" model (mô hình).
 *
 * @category schemas
 * @since 0.1.0
 */
export const ModelId = IdString.pipe(Schema.brand("ModelId"))
/**
 * @category models
 * @since 0.1.0
 */
export type ModelId = typeof ModelId.Type

/**
 * A field a DVK model belongs to (lĩnh vực), configurable reference data.
 *
 * @category schemas
 * @since 0.1.0
 */
export const FieldId = IdString.pipe(Schema.brand("FieldId"))
/**
 * @category models
 * @since 0.1.0
 */
export type FieldId = typeof FieldId.Type

/**
 * A coordination programme signed between units (chương trình phối hợp).
 *
 * @category schemas
 * @since 0.1.0
 */
export const CoordinationId = IdString.pipe(Schema.brand("CoordinationId"))
/**
 * @category models
 * @since 0.1.0
 */
export type CoordinationId = typeof CoordinationId.Type

/**
 * A report of one unit for one period under one programme.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ReportId = IdString.pipe(Schema.brand("ReportId"))
/**
 * @category models
 * @since 0.1.0
 */
export type ReportId = typeof ReportId.Type

/**
 * A reporting regime (calendar plus deadlines).
 *
 * @category schemas
 * @since 0.1.0
 */
export const RegimeId = IdString.pipe(Schema.brand("RegimeId"))
/**
 * @category models
 * @since 0.1.0
 */
export type RegimeId = typeof RegimeId.Type

/**
 * A data validation rule.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ValidationRuleId = IdString.pipe(Schema.brand("ValidationRuleId"))
/**
 * @category models
 * @since 0.1.0
 */
export type ValidationRuleId = typeof ValidationRuleId.Type

/**
 * An audit entry.
 *
 * @category schemas
 * @since 0.1.0
 */
export const AuditId = IdString.pipe(Schema.brand("AuditId"))
/**
 * @category models
 * @since 0.1.0
 */
export type AuditId = typeof AuditId.Type

/**
 * A fresh random identifier with a readable prefix, for records whose id the app does not choose.
 *
 * @category constructors
 * @since 0.1.0
 */
export const random = (prefix: string): string => `${prefix}-${globalThis.crypto.randomUUID()}`
