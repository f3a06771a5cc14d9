/**
 * Vietnamese text at the boundary: every string the domain stores is Unicode NFC, trimmed.
 *
 * Vietnamese letters with two diacritics (ệ, ở, ữ) have several Unicode spellings: precomposed
 * (NFC, what keyboards on Windows produce) and decomposed (NFD, what macOS file names and some
 * Unikey settings produce). Two spellings of "Ninh Bình" must be one name, so text is normalised
 * once when it enters (decoding) and the type side only accepts NFC.
 *
 * @since 0.1.0
 */
import { Schema, SchemaTransformation } from "effect"

const isNfcTrimmed = (s: string) => s === s.normalize("NFC").trim()

/** A trimmed NFC string (the type side; construction rejects other spellings). @since 0.1.0 */
export const NfcString = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      isNfcTrimmed(s) ? undefined : "text must be trimmed and in Unicode NFC (decode it to normalise)"
    )
  )
)

/**
 * Text normalised to NFC and trimmed on decoding; encodes as stored.
 *
 * @since 0.1.0
 */
export const Text = Schema.String.pipe(
  Schema.decodeTo(
    NfcString,
    SchemaTransformation.transform({
      decode: (s: string) => s.normalize("NFC").trim(),
      encode: (s: string) => s
    })
  )
)

/** Non-empty {@link Text}, at most `max` characters (names, titles). @since 0.1.0 */
export const NonEmptyText = (max = 2000) =>
  Text.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(max)))

/** A name: non-empty text of at most 500 characters. @since 0.1.0 */
export const Name = NonEmptyText(500)

/** Normalises a string the way {@link Text} decodes it. @since 0.1.0 */
export const normalize = (s: string): string => s.normalize("NFC").trim()
