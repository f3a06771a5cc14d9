/**
 * The fields (lĩnh vực) DVK models are registered in. Provinces differ (some add culture–society or
 * new-style rural areas), so fields are reference data; the default set is the four of the 2017
 * Ninh Bình conference: economic development, culture and society, security and defence, and
 * building the political system.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { FieldId } from "../kernel/Ids.ts"
import { Name } from "../kernel/Text.ts"

/**
 * @category models
 * @since 0.1.0
 */
export class ModelField extends Schema.Class<ModelField>("ModelField")({
  id: FieldId,
  name: Name,
  order: Schema.Int,
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {}

/**
 * The default fields, from the 2017 Ninh Bình conference.
 *
 * @category constants
 * @since 0.1.0
 */
export const defaults: ReadonlyArray<ModelField> = [
  new ModelField({ id: FieldId.make("economy"), name: "Phát triển kinh tế", order: 1, version: 0 }),
  new ModelField({ id: FieldId.make("culture-society"), name: "Văn hóa - xã hội", order: 2, version: 0 }),
  new ModelField({
    id: FieldId.make("security-defence"),
    name: "Quốc phòng - an ninh",
    order: 3,
    version: 0
  }),
  new ModelField({
    id: FieldId.make("political-system"),
    name: "Xây dựng hệ thống chính trị",
    order: 4,
    version: 0
  })
]
