/**
 * Vietnamese text at the boundary: one policy for every string the domain stores, so that every
 * storage adapter accepts and returns exactly the same texts.
 *
 * - **Unicode NFC, trimmed.** Vietnamese letters with two diacritics (ệ, ở, ữ) have several
 *   Unicode spellings: precomposed (NFC, what keyboards on Windows produce) and decomposed (NFD,
 *   what macOS file names and some Unikey settings produce). Two spellings of "Ninh Bình" must be
 *   one name, so text is normalised once when it enters (decoding) and the type side only accepts
 *   NFC.
 * - **Unicode text only.** A lone surrogate (half of a UTF-16 pair) is not a character: SQLite and
 *   PostgreSQL would store U+FFFD in its place while memory and JSON kept it, so it is refused
 *   everywhere. NUL (which PostgreSQL cannot store) and the other control characters (terminal
 *   escapes among them) are refused too; multi-line texts keep tab, line feed and carriage return.
 * - **Bounded.** Every text has a length limit ({@link limits}), checked on the raw input before
 *   any normalising, so a 100 MB "name" is refused at the cost of reading its length. Limits are
 *   counted in UTF-16 code units, as JavaScript counts `length`.
 * - **Names are sensible** ({@link nameProblem}): one line, something visible, no U+FFFD (the mark a
 *   program leaves where it could not read the original text), no invisible formatting characters.
 *   Vietnamese names (units) further use only Vietnamese letters, so look-alikes from other
 *   scripts and blocks (Latin `Ð` U+00D0 for `Đ` U+0110, Cyrillic `а`, Greek `ο`) are refused
 *   ({@link vietnameseNameProblem}).
 *
 * The domain's records use the default limits; an app that keeps longer texts in its own schemas
 * builds them with {@link text} and {@link name} and a limit of its choosing (decision record 0014).
 *
 * @since 0.1.0
 */
import { Cause, Schema, SchemaTransformation } from "effect"

/**
 * The default length limits, in UTF-16 code units.
 *
 * @category constants
 * @since 0.1.0
 */
export const limits = {
  /** A name: of a unit, a person, a committee, a field, a regime, a rule. */
  name: 500,
  /** A title or a short statement: a directive's or a programme's title, a reason. */
  title: 2_000,
  /** A description: what a directive asks, what a model does. */
  description: 4_000,
  /** Free text: a section of a report (achievements, shortcomings, next tasks), a note. */
  text: 200_000
} as const

/**
 * How much longer than its limit raw input may be before it is normalised: a text within the limit
 * never needs more, since canonical decomposition (NFD) at most quadruples a text's length in
 * UTF-16 code units, and a little room is left for surrounding spaces the decoding trims.
 */
const rawFactor = 4
const rawSlack = 64

const isNfcTrimmed = (s: string) => s === s.normalize("NFC").trim()

/** `U+00D0` for a code point. */
const codePoint = (c: string): string =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const controlInLine = /\p{Cc}/u
/** Control characters other than tab, line feed and carriage return: matching them is the point. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the policy names the control characters it refuses
const controlInText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u
const replacement = /\uFFFD/u
const invisible = /[\p{Cf}\p{Zl}\p{Zp}\p{Co}\u115F\u1160\u3164\uFFA0]/u
const visible = /[\p{L}\p{N}]/u

const controlNames: Readonly<Record<number, string>> = {
  0: "NUL",
  9: "a tab",
  10: "a line break",
  13: "a line break",
  27: "ESC, which starts terminal escape sequences"
}

const describeControl = (c: string) => {
  const n = c.codePointAt(0) ?? 0
  const known = controlNames[n]
  return `the control character ${codePoint(c)}${known === undefined ? "" : ` (${known})`}`
}

/** The 1-based position of a match, for messages. */
const position = (match: RegExpExecArray) => match.index + 1

const unicodeProblem = (s: string, control: RegExp): string | undefined => {
  const surrogate = loneSurrogate.exec(s)
  if (surrogate !== null) {
    return `it holds a lone surrogate (${codePoint(surrogate[0])}) at character ${position(surrogate)}: half of a UTF-16 pair is not Unicode text`
  }
  const ctrl = control.exec(s)
  if (ctrl !== null) return `it holds ${describeControl(ctrl[0])} at character ${position(ctrl)}`
  return undefined
}

/**
 * Why a string cannot be stored as multi-line text (a lone surrogate, a control character other
 * than tab and line breaks), or `undefined` when it can.
 *
 * @category rules
 * @since 0.1.0
 */
export const textProblem = (s: string): string | undefined => unicodeProblem(s, controlInText)

/**
 * Why a string is not a sensible name, or `undefined` when it is one. A name is one line of
 * Unicode text with at least one letter or digit, and without U+FFFD (the replacement character a
 * program leaves where it could not read the original text) or invisible characters (zero-width
 * spaces and joiners, direction marks and overrides, the byte order mark, soft hyphens, private-use
 * characters).
 *
 * @category rules
 * @since 0.1.0
 */
export const nameProblem = (s: string): string | undefined => {
  const unicode = unicodeProblem(s, controlInLine)
  if (unicode !== undefined) return unicode
  const bad = replacement.exec(s)
  if (bad !== null) {
    return `it holds U+FFFD at character ${position(bad)}, the replacement character a program leaves where it could not read the original text: read the source in its right encoding`
  }
  const hidden = invisible.exec(s)
  if (!visible.test(s)) {
    return hidden === null
      ? "it has no letter or digit"
      : `it has nothing visible, only invisible characters such as ${codePoint(hidden[0])}`
  }
  if (hidden !== null) {
    return `it holds the invisible character ${codePoint(hidden[0])} at character ${position(hidden)}`
  }
  return undefined
}

// Vietnamese letters --------------------------------------------------------------------------

const vowels = "aăâeêioôơuưy"
const tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
const vietnameseLetters: ReadonlySet<string> = new Set(
  [
    ..."abcdefghijklmnopqrstuvwxyzđ",
    ...[...vowels].flatMap((v) => tones.map((t) => `${v}${t}`.normalize("NFC")))
  ].flatMap((c) => [c, c.toUpperCase()])
)

/**
 * Letters that look like Vietnamese letters but are other letters: Latin letters of other
 * languages, and Cyrillic and Greek letters drawn alike. Typed by mistake (the Icelandic `Ð` of a
 * keyboard layout for `Đ`) or on purpose, they make two names that read the same compare unequal.
 */
const lookAlikes: ReadonlyMap<string, string> = new Map([
  // Latin letters of other languages
  ["\u00D0", "\u0110"], // Ð eth for Đ
  ["\u00F0", "\u0111"], // ð for đ
  ["\u0189", "\u0110"], // Ɖ African D for Đ
  ["\u0256", "\u0111"], // ɖ for đ
  ["\u0131", "i"], // ı dotless i
  ["\u0251", "a"], // ɑ Latin alpha
  ["\u0261", "g"], // ɡ script g
  ["\u01CE", "\u0103"], // ǎ (caron) for ă (breve)
  ["\u01CD", "\u0102"], // Ǎ for Ă
  // Cyrillic
  ["\u0430", "a"],
  ["\u0410", "A"],
  ["\u0412", "B"],
  ["\u0441", "c"],
  ["\u0421", "C"],
  ["\u0501", "d"],
  ["\u0435", "e"],
  ["\u0415", "E"],
  ["\u04BB", "h"],
  ["\u041D", "H"],
  ["\u0456", "i"],
  ["\u0406", "I"],
  ["\u0458", "j"],
  ["\u0408", "J"],
  ["\u041A", "K"],
  ["\u041C", "M"],
  ["\u043E", "o"],
  ["\u041E", "O"],
  ["\u0440", "p"],
  ["\u0420", "P"],
  ["\u0455", "s"],
  ["\u0405", "S"],
  ["\u0422", "T"],
  ["\u0443", "y"],
  ["\u04AE", "Y"],
  ["\u0445", "x"],
  ["\u0425", "X"],
  // Greek
  ["\u03B1", "a"],
  ["\u0391", "A"],
  ["\u0392", "B"],
  ["\u0395", "E"],
  ["\u0396", "Z"],
  ["\u0397", "H"],
  ["\u03B9", "i"],
  ["\u0399", "I"],
  ["\u039A", "K"],
  ["\u039C", "M"],
  ["\u039D", "N"],
  ["\u03BD", "v"],
  ["\u03BF", "o"],
  ["\u039F", "O"],
  ["\u03A1", "P"],
  ["\u03A4", "T"],
  ["\u03C5", "u"],
  ["\u03A5", "Y"],
  ["\u03A7", "X"]
])

const otherScripts: ReadonlyArray<readonly [string, RegExp]> = [
  ["Cyrillic", /\p{Script=Cyrillic}/u],
  ["Greek", /\p{Script=Greek}/u],
  ["Armenian", /\p{Script=Armenian}/u],
  ["Cherokee", /\p{Script=Cherokee}/u],
  ["Han", /\p{Script=Han}/u],
  ["Latin", /\p{Script=Latin}/u]
]

/**
 * Punctuation unit names use: `Ia H'Drai`, `Đắk R'Lấp`, `Phường 1-2`, `Thị trấn N.T Phong Hải`,
 * quotes around a former name, and `&` in the names of enterprises, which are grassroots units too
 * (a name may hold symbols: Law on Enterprises 59/2020/QH14, Art. 37).
 */
const namePunctuation = /[\s0-9'’\-–.,()/"“”&]/u

/**
 * Why a string is not a sensible Vietnamese name (of a unit, in the statistics office's spelling),
 * or `undefined` when it is one: a {@link nameProblem}, or a letter that is not one of the
 * Vietnamese alphabet's (with its marks) nor a Latin letter used in minority place names (f, j,
 * w, z), such as a look-alike from another script, or a character that is neither a letter, a
 * digit, a space nor the punctuation of unit names (`' ’ - – . , ( ) / &` and quotes).
 *
 * @category rules
 * @since 0.1.0
 */
export const vietnameseNameProblem = (s: string): string | undefined => {
  const general = nameProblem(s)
  if (general !== undefined) return general
  const nfc = s.normalize("NFC")
  let at = 0
  for (const c of nfc) {
    at += c.length
    if (vietnameseLetters.has(c) || namePunctuation.test(c)) continue
    const looksLike = lookAlikes.get(c)
    if (looksLike !== undefined) {
      return `its letter ${c} (${codePoint(c)}) at character ${at} looks like the Vietnamese ${looksLike} (${codePoint(looksLike)}) but is another letter: retype it`
    }
    if (/\p{M}/u.test(c)) {
      return `it holds the combining mark ${codePoint(c)} at character ${at}, which makes no Vietnamese letter`
    }
    const script = otherScripts.find(([, pattern]) => pattern.test(c))?.[0]
    return /\p{L}/u.test(c)
      ? `its letter ${c} (${codePoint(c)}) at character ${at} is ${script === undefined ? "not a Vietnamese letter" : `a ${script} letter, not a Vietnamese one`}`
      : `it holds ${JSON.stringify(c)} (${codePoint(c)}) at character ${at}, which unit names do not use`
  }
  return undefined
}

// schemas -------------------------------------------------------------------------------------

/**
 * A trimmed NFC string (the type side; construction rejects other spellings).
 *
 * @category schemas
 * @since 0.1.0
 */
export const NfcString = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      isNfcTrimmed(s) ? undefined : "text must be trimmed and in Unicode NFC (decode it to normalise)"
    )
  )
)

/**
 * How long a text may be.
 *
 * @category models
 * @since 0.1.0
 */
export interface Bounds {
  /** The most UTF-16 code units; the kind's default limit when absent. */
  readonly maxLength?: number
  /** The fewest (1 for a text that must not be empty); 0 when absent. */
  readonly minLength?: number
}

const count = (n: number) => n.toLocaleString("en-US")

const lengthFilter = (min: number, max: number) =>
  Schema.makeFilter((s: string) =>
    s.length > max
      ? `the text is ${count(s.length)} characters long; the limit is ${count(max)}`
      : s.length < min
        ? min === 1
          ? "the text is empty"
          : `the text is ${count(s.length)} characters long; at least ${count(min)} are needed`
        : undefined
  )

/** Refuses raw input far beyond the limit before any work on it. */
const rawFilter = (max: number) =>
  Schema.makeFilter(
    (s: string) =>
      s.length <= max * rawFactor + rawSlack
        ? undefined
        : `the text is ${count(s.length)} characters long; the limit is ${count(max)}`,
    undefined,
    true
  )

/**
 * Text of `min` to `max` code units that passes `problem`: refused on its raw length first, then
 * normalised to NFC and trimmed, then checked.
 */
const policy = (min: number, max: number, problem: (s: string) => string | undefined) =>
  Schema.String.pipe(
    Schema.check(rawFilter(max)),
    Schema.decodeTo(
      NfcString.pipe(
        Schema.check(
          lengthFilter(min, max),
          Schema.makeFilter((s: string) => problem(s))
        )
      ),
      SchemaTransformation.transform({
        decode: (s: string) => s.normalize("NFC").trim(),
        encode: (s: string) => s
      })
    )
  )

/**
 * Multi-line text (may be empty unless `minLength` says otherwise), normalised to NFC and trimmed
 * on decoding, at most `maxLength` code units (default {@link limits}`.text`), refused when it is
 * not Unicode text or holds control characters other than tab and line breaks.
 *
 * @category schemas
 * @since 0.1.0
 */
export const text = (bounds: Bounds = {}) =>
  policy(bounds.minLength ?? 0, bounds.maxLength ?? limits.text, textProblem)

/**
 * A name: one line with something visible in it ({@link nameProblem}), normalised to NFC and
 * trimmed on decoding, of 1 to `maxLength` code units (default {@link limits}`.name`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const name = (bounds: Bounds = {}) =>
  policy(Math.max(1, bounds.minLength ?? 1), bounds.maxLength ?? limits.name, nameProblem)

/**
 * Text normalised to NFC and trimmed on decoding, of at most {@link limits}`.text` code units:
 * {@link text} with the default limit.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Text = text()

/**
 * Non-empty {@link text} of at most `max` code units (titles, reasons, descriptions).
 *
 * @category schemas
 * @since 0.1.0
 */
export const NonEmptyText = (max: number = limits.title) => text({ minLength: 1, maxLength: max })

/**
 * A name with the default limit of {@link limits}`.name` (500): {@link name}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Name = name()

/**
 * A Vietnamese name ({@link vietnameseNameProblem}): a {@link name} that uses only the Vietnamese
 * alphabet with its marks, the Latin letters of minority place names, digits, spaces and the
 * punctuation of unit names; normalised to NFC and trimmed on decoding, of 1 to `maxLength` code
 * units (default {@link limits}`.name`). The name of a unit, however it is entered: a look-alike
 * letter (Latin `Ð` for `Đ`, Cyrillic `а` for `a`) would make a second "Đông Hải" that no search
 * for the first finds.
 *
 * @category schemas
 * @since 0.1.0
 */
export const vietnameseName = (bounds: Bounds = {}) =>
  policy(Math.max(1, bounds.minLength ?? 1), bounds.maxLength ?? limits.name, vietnameseNameProblem)

/**
 * A Vietnamese name with the default limit of {@link limits}`.name` (500): {@link vietnameseName}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const VietnameseName = vietnameseName()

/**
 * Normalises a string the way {@link Text} decodes it.
 *
 * @category conversions
 * @since 0.1.0
 */
export const normalize = (s: string): string => s.normalize("NFC").trim()

/** Whether `value` is an array; `false` for a revoked proxy, on which `Array.isArray` throws. */
const isList = (value: object): boolean => {
  try {
    return Array.isArray(value)
  } catch {
    return false
  }
}

/**
 * An untrusted value in words, for an error message: a number, boolean or short string as it is,
 * anything else by its kind. It never throws, where `String(value)` does on an object whose
 * `toString` is not a function or throws, and on a proxy (a revoked one included); and it never
 * echoes a long input.
 *
 * @category formatting
 * @since 0.1.0
 */
export const describeUntrusted = (value: unknown): string => {
  switch (typeof value) {
    case "number":
    case "boolean":
      return String(value)
    case "bigint": {
      const digits = String(value)
      return digits.length <= 40 ? digits : `a whole number of ${digits.length} characters`
    }
    case "string":
      return value.length <= 40 ? JSON.stringify(value) : `a text of ${value.length} characters`
    case "undefined":
      return "undefined"
    case "object":
      return value === null ? "null" : isList(value) ? "a list" : "an object"
    default:
      return `a ${typeof value}`
  }
}

/**
 * What a caller's code threw (a getter of the options, an id scheme, a reader, a driver), in words,
 * for an error message: an `Error`'s message or the text thrown, as it is; anything else as
 * {@link describeUntrusted} shows it. It never throws, where `error instanceof Error ?
 * error.message : String(error)` does on a thrown object whose `toString` is not a function, on a
 * proxy whose `getPrototypeOf` trap throws and on an `Error` whose `message` getter throws; and it
 * always gives a string, where `error.message` need not be one (an error's string fields are
 * checked when it is made, so a message that is not text would throw there instead). An `Error`
 * whose `cause` is an Effect `Cause` is shown by what it wraps: a schema's `Result` and sync
 * adapters rethrow what reading the input threw that way ("Result adapter can only return schema
 * issues").
 *
 * @category formatting
 * @since 0.1.0
 */
export const describeThrown = (thrown: unknown): string => {
  try {
    const inner = thrown instanceof Error && Cause.isCause(thrown.cause) ? Cause.squash(thrown.cause) : thrown
    const message: unknown = inner instanceof Error ? inner.message : inner
    if (typeof message === "string") return message
    return message === inner
      ? describeUntrusted(inner)
      : `an error whose message is ${describeUntrusted(message)}`
  } catch {
    return `a value of type ${typeof thrown} that cannot be shown`
  }
}

/**
 * `value[key]` when `value` is an object whose `key` is a string; `undefined` otherwise, and when
 * reading it throws (a proxy, a throwing getter): how untrusted input's fields are read for a
 * message or a reason.
 *
 * @category formatting
 * @since 0.1.0
 */
export const untrustedStringField = (value: unknown, key: string): string | undefined => {
  try {
    if (typeof value !== "object" || value === null || !(key in value)) return undefined
    const field: unknown = (value as Record<string, unknown>)[key]
    return typeof field === "string" ? field : undefined
  } catch {
    return undefined
  }
}
