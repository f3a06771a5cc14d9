/**
 * Search keys for Vietnamese text: what a user types without tones finds what was written with
 * them, so "dan van kheo" finds "Dân vận khéo" and "ninh binh" finds "Ninh Bình".
 *
 * Vietnamese marks every syllable with one of six tones and several vowels with a diacritic (ă, â,
 * ê, ô, ơ, ư), and has the separate letter đ. Many users type without them (no Telex or VNI input
 * method at hand), and the same text arrives in NFC or NFD. A search key forgets all of that: it
 * decomposes the text (NFKD), drops every combining mark, lowercases, writes đ/Đ as d, and
 * collapses runs of white space. The letter Ð (U+00D0, Icelandic eth), which legacy TCVN3 and VNI
 * conversions produce for Đ, is treated as Đ.
 *
 * @since 0.1.0
 */

const marks = /\p{M}/gu
const spaces = /\s+/gu
const dStroke = /[đð]/gu

/**
 * The search key of a text: no tones, no diacritics, lowercase, đ written d, single spaces, no
 * leading or trailing space. Equal for the NFC and NFD spellings of a text and for its upper- and
 * lowercase forms.
 *
 * @category conversions
 * @since 0.1.0
 */
export const searchKey = (s: string): string =>
  s
    .normalize("NFKD")
    .toLowerCase()
    // Lowercasing can produce new combining marks (İ → i + U+0307), so decompose once more.
    .normalize("NFKD")
    .replace(marks, "")
    .replace(dStroke, "d")
    .replace(spaces, " ")
    .trim()

/**
 * Whether `text` contains `query`, ignoring tones, diacritics, case, the đ/d difference and extra
 * spaces. An empty query matches every text.
 *
 * @category predicates
 * @since 0.1.0
 */
export const matches = (query: string, text: string): boolean => searchKey(text).includes(searchKey(query))

/**
 * A matcher for one query against many texts, computing the query's key once.
 *
 * @category constructors
 * @since 0.1.0
 */
export const matcher = (query: string): ((text: string) => boolean) => {
  const key = searchKey(query)
  return (text) => searchKey(text).includes(key)
}
