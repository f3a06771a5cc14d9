/**
 * Vietnamese alphabetical order, for sorting names of units, people and models.
 *
 * The Vietnamese alphabet (Quốc ngữ) has 29 letters in the order
 * a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, so "Đà Nẵng" sorts after every name in
 * D and "Ân Thi" after every name in A and Ă; digraphs (ch, gi, ng, nh, th, tr…) sort letter by
 * letter, as in the dictionaries of the Institute of Linguistics (Hoàng Phê). The foreign letters
 * f, j, w, z take their Latin places (after ê, i, v and y). Comparison works in levels:
 *
 * 1. primary: the letters without tones, case-insensitively; a run of ASCII digits compares by
 *    its numeric value, so "Phường 2" comes before "Phường 10"; spaces and punctuation come before
 *    digits, which come before letters;
 * 2. secondary: the tone of each word, in the order ngang (none), huyền, hỏi, ngã, sắc, nặng
 *    (ba, bà, bả, bã, bá, bạ); where the tone mark sits in the syllable (hoà or hòa) does not matter;
 * 3. tertiary: lowercase before uppercase;
 * 4. last, the NFC code units, so that only two spellings of the same text compare equal.
 *
 * Every level is computed from the canonical decomposition, so NFC and NFD spellings of a text sort
 * the same, and {@link compare} is a total order on texts up to canonical equivalence: usable in
 * `Array.prototype.sort`.
 *
 * @since 0.1.0
 */
import type { Order } from "effect"

const alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
/**
 * Primary weights: any other character weighs its code point (at most 0x10FFFF), a run of digits
 * starts with `digitRun`, above them all, and letters weigh more still.
 */
const digitRun = 0x110000
const letterWeight = new Map<string, number>([...alphabet].map((letter, i) => [letter, digitRun + 1 + i]))
/** Letters outside the alphabet sort after it, by code point. */
const otherLetterBase = digitRun + 1 + 64

const isMark = /^\p{M}$/u
const isLetter = /^\p{L}$/u

/** Vowel diacritics that make a separate letter: breve, circumflex, horn. */
const modifiers: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "\u0306": { a: "ă" },
  "\u0302": { a: "â", e: "ê", o: "ô" },
  "\u031b": { o: "ơ", u: "ư" }
}

/** Tone marks in the order of the tones: huyền, hỏi, ngã, sắc, nặng (ngang has none: 0). */
const tones: Readonly<Record<string, number>> = {
  "\u0300": 1,
  "\u0309": 2,
  "\u0303": 3,
  "\u0301": 4,
  "\u0323": 5
}

interface Key {
  readonly primary: ReadonlyArray<number>
  readonly secondary: ReadonlyArray<number>
  readonly tertiary: ReadonlyArray<number>
  readonly nfc: string
}

const weightOf = (letter: string): number => {
  const w = letterWeight.get(letter)
  if (w !== undefined) return w
  const cp = letter.codePointAt(0) ?? 0
  return isLetter.test(letter) ? otherLetterBase + cp : cp
}

/**
 * The collation key of a text: the levels above, each a sequence of numbers compared
 * lexicographically.
 */
const keyOf = (s: string): Key => {
  const primary: Array<number> = []
  const secondary: Array<number> = []
  const tertiary: Array<number> = []
  // The letter the next diacritic applies to (its index in `primary`), and the word's tone.
  let lastLetter = -1
  let lastBase = ""
  let inWord = false
  let tone = 0
  const endWord = () => {
    if (inWord) secondary.push(tone)
    inWord = false
    tone = 0
  }
  const chars = [...s.normalize("NFD")]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string
    if (isMark.test(ch)) {
      const toneOf = tones[ch]
      if (toneOf !== undefined) {
        if (inWord && tone === 0) tone = toneOf
        continue
      }
      const made = modifiers[ch]?.[lastBase]
      if (made !== undefined && lastLetter >= 0) {
        primary[lastLetter] = weightOf(made)
        lastBase = made
      }
      continue
    }
    if (ch >= "0" && ch <= "9") {
      endWord()
      let j = i
      while (j < chars.length && (chars[j] as string) >= "0" && (chars[j] as string) <= "9") j++
      const digits = chars
        .slice(i, j)
        .join("")
        .replace(/^0+(?=\d)/u, "")
      primary.push(digitRun, digits.length, ...[...digits].map(Number))
      tertiary.push(0)
      lastLetter = -1
      lastBase = ""
      i = j - 1
      continue
    }
    const lower = ch.toLowerCase()
    const base = lower === "ð" ? "đ" : lower
    tertiary.push(ch === lower ? 0 : 1)
    if (isLetter.test(ch)) {
      inWord = true
      lastLetter = primary.length
      lastBase = base
    } else {
      endWord()
      lastLetter = -1
      lastBase = ""
    }
    // A lowercase form of several code points (İ → i + U+0307) contributes each of them.
    for (const part of base) primary.push(weightOf(part))
  }
  endWord()
  return { primary, secondary, tertiary, nfc: s.normalize("NFC") }
}

const compareArrays = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): -1 | 0 | 1 => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as number
    const y = b[i] as number
    if (x !== y) return x < y ? -1 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

const compareKeys = (a: Key, b: Key): -1 | 0 | 1 =>
  compareArrays(a.primary, b.primary) ||
  compareArrays(a.secondary, b.secondary) ||
  compareArrays(a.tertiary, b.tertiary) ||
  (a.nfc === b.nfc ? 0 : a.nfc < b.nfc ? -1 : 1)

/**
 * Compares two texts in Vietnamese alphabetical order: negative when `a` comes first, 0 only when
 * they are the same text (in NFC or NFD), positive otherwise. Usable in `Array.prototype.sort`.
 *
 * @category orders
 * @since 0.1.0
 */
export const compare = (a: string, b: string): -1 | 0 | 1 => (a === b ? 0 : compareKeys(keyOf(a), keyOf(b)))

/**
 * {@link compare} as an Effect `Order`, for `Array.sort(order)` and friends.
 *
 * @category orders
 * @since 0.1.0
 */
export const order: Order.Order<string> = compare

/**
 * Sorts items by a text in Vietnamese order, computing each collation key once (faster than
 * `items.sort((a, b) => compare(by(a), by(b)))` on long lists). Returns a new array; the sort is
 * stable.
 *
 * @category combinators
 * @since 0.1.0
 */
export const sortBy = <A>(items: Iterable<A>, by: (item: A) => string): Array<A> =>
  [...items]
    .map((item) => ({ item, key: keyOf(by(item)) }))
    .sort((x, y) => compareKeys(x.key, y.key))
    .map((x) => x.item)
