/**
 * Numbers of state and Party documents ("số, ký hiệu văn bản").
 *
 * - State documents (Decree 30/2020/NĐ-CP, Appendix III): `number/TYPE-ISSUER` (`123/QĐ-UBND`);
 *   normative documents carry the year (`60/2013/NĐ-CP`, `06/2024/QĐ-UBND`); laws and resolutions
 *   of the National Assembly carry the legislature (`10/2022/QH15`); an official letter (công văn)
 *   has no type code (`2618/BHXH-KHTC`). Numbers restart every 1 January and below 10 are written
 *   with a leading zero.
 * - Party documents (Guidance 36-HD/VPTW of 03/4/2018): `number-TYPE/ISSUER` (`771-KH/BDVTƯ`,
 *   `20-KH/TU`); numbering restarts per document type and per Party committee term.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { NfcString } from "../kernel/Text.ts"

const Positive = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))

/**
 * A state document number. `typeCode` is absent for an official letter and for a law
 * (`10/2022/QH15`); `year` is present for normative documents; `issuer` is everything after the
 * type code (`CP`, `UBND`, `BHXH-KHTC`, `QH15`).
 *
 * @since 0.1.0
 */
export const StateNumber = Schema.TaggedStruct("State", {
  number: Positive,
  year: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1945, maximum: 9999 })))),
  typeCode: Schema.optionalKey(NfcString.pipe(Schema.check(Schema.isMinLength(1)))),
  issuer: NfcString.pipe(Schema.check(Schema.isMinLength(1)))
})
/** @since 0.1.0 */
export type StateNumber = typeof StateNumber.Type

/** A Party document number: `771-KH/BDVTƯ` is number 771, type `KH`, issuer `BDVTƯ`. @since 0.1.0 */
export const PartyNumber = Schema.TaggedStruct("Party", {
  number: Positive,
  typeCode: NfcString.pipe(Schema.check(Schema.isMinLength(1))),
  issuer: NfcString.pipe(Schema.check(Schema.isMinLength(1)))
})
/** @since 0.1.0 */
export type PartyNumber = typeof PartyNumber.Type

/** @since 0.1.0 */
export const DocumentNumber = Schema.Union([StateNumber, PartyNumber])
/** @since 0.1.0 */
export type DocumentNumber = typeof DocumentNumber.Type
