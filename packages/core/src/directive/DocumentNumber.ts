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
 * `parse` reads either form and names the bad part of anything else; `format` writes the canonical
 * form; `equals` and `issuerKey` treat issuer spelling variants (`BDVTW` / `BDVTƯ` / `BDVTU`) as
 * one; `matchKey` is what `findByNumber` matches on (the uniqueness scope, which needs the issuing
 * unit, is `Directive.numberingKey`). Type codes and issuers are
 * reference data (`Issuers`): every function takes an optional registry, the default one otherwise.
 *
 * @since 0.1.0
 */
import { Effect, Result, Schema, SchemaIssue, SchemaTransformation } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"
import { NfcString, nameProblem } from "../kernel/Text.ts"
import * as Issuers from "./Issuers.ts"

const Positive = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1)))

/**
 * How long a document number and its codes may be, in characters. Real ones are far shorter: the
 * longest type codes of Decree 30/2020/NĐ-CP have three letters (`QyĐ`, `CTr`), issuer codes rarely
 * pass 15 (`SNV-TCBC`, `BHXH-KHTC`), and a whole number with a year and spaces around its
 * separators stays under 40. The limits keep a pasted paragraph from being read as a number.
 *
 * @category constants
 * @since 0.1.0
 */
export const limits = {
  /** The whole input, spaces included. */
  input: 100,
  /** A document type code (`QĐ`, `KH`). */
  typeCode: 16,
  /** An issuer code, its `-`-separated parts included (`UBND`, `BHXH-KHTC`). */
  issuer: 40
} as const

/** A code is a short name: one line of visible text (`Text.nameProblem`), so it can be stored and printed. */
const Code = (max: number) =>
  NfcString.pipe(
    Schema.check(
      Schema.isMinLength(1),
      Schema.isMaxLength(max),
      Schema.makeFilter((s: string) => nameProblem(s))
    )
  )
const TypeCode = Code(limits.typeCode)
const IssuerCode = Code(limits.issuer)

/**
 * A state document number. `typeCode` is absent for an official letter and for a law
 * (`10/2022/QH15`); `year` is present for normative documents; `issuer` is everything after the
 * type code (`CP`, `UBND`, `BHXH-KHTC`, `QH15`).
 *
 * @category schemas
 * @since 0.1.0
 */
export const StateNumber = Schema.TaggedStruct("State", {
  number: Positive,
  year: Schema.optionalKey(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1945, maximum: 9999 })))),
  typeCode: Schema.optionalKey(TypeCode),
  issuer: IssuerCode
})
/**
 * @category models
 * @since 0.1.0
 */
export type StateNumber = typeof StateNumber.Type

/**
 * A Party document number: `771-KH/BDVTƯ` is number 771, type `KH`, issuer `BDVTƯ`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PartyNumber = Schema.TaggedStruct("Party", {
  number: Positive,
  typeCode: TypeCode,
  issuer: IssuerCode
})
/**
 * @category models
 * @since 0.1.0
 */
export type PartyNumber = typeof PartyNumber.Type

/**
 * @category schemas
 * @since 0.1.0
 */
export const DocumentNumber = Schema.Union([StateNumber, PartyNumber])
/**
 * @category models
 * @since 0.1.0
 */
export type DocumentNumber = typeof DocumentNumber.Type

/**
 * The comparison key of an issuer: spelling variants share it (`BDVTW`, `BDVTƯ`, `BDVTU` →
 * `BDVTW`; `TW`, `TƯ` → `TW`; `HĐND`, `HDND`, `hđnd` → `HDND`) while `TU` (a provincial committee)
 * stays apart from `TW` (the Central Committee). See `Issuers` for the reasoning; pass a registry
 * to use an app's own aliases.
 *
 * @category conversions
 * @since 0.1.0
 */
export const issuerKey = (issuer: string, registry: Issuers.Registry = Issuers.defaultRegistry): string =>
  Issuers.issuerKey(issuer, registry)

/**
 * Which part of a document number is wrong.
 *
 * @category schemas
 * @since 0.1.0
 */
export const NumberPart = Schema.Literals(["number", "year", "type", "issuer", "separator", "whole"])
/**
 * @category models
 * @since 0.1.0
 */
export type NumberPart = typeof NumberPart.Type

/**
 * A string that is not a document number. `input` is the NFC-normalised input; `position` is the
 * index (from 0, in UTF-16 code units) in it where the bad `part` starts or the bad character
 * stands; `reason` says what was expected.
 *
 * @category errors
 * @since 0.1.0
 */
export class DocumentNumberParseError extends DanvanError.TaggedError<DocumentNumberParseError>()(
  "DocumentNumberParseError",
  { input: Schema.String, position: Schema.Int, part: NumberPart, reason: Schema.String }
) {
  override get message(): string {
    return `${JSON.stringify(this.input)} is not a document number: ${this.reason} (the ${partName[this.part]}, at character ${this.position + 1})`
  }
}

const partName: Readonly<Record<NumberPart, string>> = {
  number: "number",
  year: "year",
  type: "document type code",
  issuer: "issuer code",
  separator: "separators",
  whole: "whole number"
}

const isWs = (c: string | undefined) => c !== undefined && /\s/u.test(c)
/** Hyphen-minus, and the dashes word processors substitute for it (‐ ‑ – −). */
const isHyphen = (c: string | undefined) => c === "-" || c === "‐" || c === "‑" || c === "–" || c === "−"
const codeChar = /[\p{L}\p{M}\p{N}]/u
const hasLetter = /\p{L}/u

interface Segment {
  readonly text: string
  /** Where the segment's text starts (after spaces), or where it would have been when empty. */
  readonly at: number
}

/** Splits `s[from, to)` at `sep`, trimming spaces around each piece and remembering positions. */
const split = (s: string, from: number, to: number, sep: (c: string | undefined) => boolean) => {
  const pieces: Array<Segment & { readonly sepAt: number }> = []
  let start = from
  let sepAt = from - 1
  for (let i = from; i <= to; i++) {
    if (i === to || sep(s[i])) {
      let a = start
      let b = i
      while (a < b && isWs(s[a])) a++
      while (b > a && isWs(s[b - 1])) b--
      pieces.push({ text: s.slice(a, b), at: a, sepAt })
      start = i + 1
      sepAt = i
    }
  }
  return pieces
}

/**
 * Reads a document number.
 *
 * Accepted forms (Decree 30/2020/NĐ-CP, Appendix III, for state documents; Guidance 36-HD/VPTW for
 * Party documents):
 * - state `number/TYPE-ISSUER` (`123/QĐ-UBND`), with the year of a normative document
 *   (`60/2013/NĐ-CP`, `06/2024/QĐ-UBND`), a law's `number/year/QHnn` (`10/2022/QH15`: no type
 *   code), an official letter's `number/ISSUER` (`2618/BHXH-KHTC`: the first part of the symbol is
 *   not a known state type code, so the whole symbol is the issuer);
 * - Party `number-TYPE/ISSUER` (`771-KH/BDVTƯ`, `20-KH/TU`, `114-KL/TW`, `15-CV/BDVTU`).
 *
 * Leniency, decided so that numbers copied from documents and typed by hand both read: the input
 * is NFC-normalised first; spaces around separators are ignored (`60 / 2013 / NĐ - CP`); letters
 * may be in any case (`20-kh/tu`); the dashes word processors put for a hyphen (‐ ‑ – −) count as
 * `-`; the Eth look-alike `Ð` counts as `Đ`. The result is canonical: type codes as the registry
 * spells them (`QyĐ`), issuers in upper case with the registry's spelling (`BDVTU` → `BDVTƯ`,
 * `ttg` → `TTg`). Spaces inside a code, a number 0, a year that is not four digits (or before
 * 1945), a Party type code the registry does not know, and stray characters are errors that name
 * the part and position. So is anything longer than {@link limits} allows (the whole input, an
 * issuer code), and anything that is not a string.
 *
 * @example
 * ```ts
 * import { DocumentNumber } from "@danvan/core"
 * import { Result } from "effect"
 *
 * const plan = Result.getOrThrow(DocumentNumber.parse("771-kh/bdvtu"))
 * console.log(DocumentNumber.format(plan)) // 771-KH/BDVTƯ
 * console.log(Result.getOrThrow(DocumentNumber.parse("60 / 2013 / NĐ - CP")))
 * // { _tag: "State", number: 60, year: 2013, typeCode: "NĐ", issuer: "CP" }
 * const wrong = DocumentNumber.parse("0/QĐ-UBND")
 * if (Result.isFailure(wrong)) console.log(wrong.failure.part, wrong.failure.position) // number 0
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (
  input: string,
  registry: Issuers.Registry = Issuers.defaultRegistry
): Result.Result<DocumentNumber, DocumentNumberParseError> => {
  if (typeof input !== "string") {
    return Result.fail(
      new DocumentNumberParseError({
        input: "",
        position: 0,
        part: "whole",
        reason: `a document number is text, got ${input === null ? "null" : typeof input}`
      })
    )
  }
  if (input.length > limits.input) {
    return Result.fail(
      new DocumentNumberParseError({
        input: `${input.slice(0, limits.input)}…`,
        position: limits.input,
        part: "whole",
        reason: `a document number has at most ${limits.input} characters, this text has ${input.length}`
      })
    )
  }
  const s = input.normalize("NFC")
  const fail = (part: NumberPart, position: number, reason: string) =>
    Result.fail(new DocumentNumberParseError({ input: s, position, part, reason }))
  let i = 0
  while (isWs(s[i])) i++
  if (i === s.length) {
    return fail(
      "number",
      i,
      "it is empty; a document number starts with digits, as in 60/2013/NĐ-CP or 20-KH/TU"
    )
  }
  const numberAt = i
  while (i < s.length && s[i]! >= "0" && s[i]! <= "9") i++
  if (i === numberAt) {
    return fail("number", i, `a document number starts with digits, found ${JSON.stringify(s[i])}`)
  }
  const digits = s.slice(numberAt, i)
  const number = Number(digits)
  if (!Number.isSafeInteger(number)) return fail("number", numberAt, `the number ${digits} is too large`)
  if (number === 0) return fail("number", numberAt, "numbering starts at 01, so 0 is not a document number")
  while (isWs(s[i])) i++
  if (i === s.length) {
    return fail(
      "separator",
      i,
      "the number must be followed by '/' (a state document, as in 123/QĐ-UBND) or '-' (a Party document, as in 20-KH/TU)"
    )
  }
  if (s[i] === "/") return parseState(s, number, i, registry, fail)
  if (isHyphen(s[i])) return parseParty(s, number, i, registry, fail)
  return fail(
    "separator",
    i,
    `expected '/' (a state document) or '-' (a Party document) after the number, found ${JSON.stringify(s[i])}`
  )
}

type Fail = (
  part: NumberPart,
  position: number,
  reason: string
) => Result.Result<never, DocumentNumberParseError>

/** Checks the characters of a code; returns the position of the first bad one. */
const badChar = (segment: Segment): number | undefined => {
  for (let k = 0; k < segment.text.length; k++) {
    const c = segment.text[k]!
    if (!codeChar.test(c)) return segment.at + k
  }
  return undefined
}

const describeChar = (c: string | undefined) =>
  c === undefined ? "the end" : isWs(c) ? "a space inside a code" : JSON.stringify(c)

/** Reads an issuer code made of `-`-separated parts, from the symbol's segments. */
const readIssuer = (
  s: string,
  segments: ReadonlyArray<Segment & { readonly sepAt: number }>,
  registry: Issuers.Registry,
  fail: Fail
): Result.Result<string, DocumentNumberParseError> => {
  for (const seg of segments) {
    if (seg.text.length === 0) {
      return seg.sepAt >= 0 && isHyphen(s[seg.sepAt])
        ? fail("issuer", seg.sepAt, "there is nothing after this '-'; expected more of the issuer code")
        : fail("issuer", seg.at, "the issuer code is missing")
    }
    const bad = badChar(seg)
    if (bad !== undefined) {
      return fail("issuer", bad, `an issuer code has only letters and digits, found ${describeChar(s[bad])}`)
    }
  }
  const text = segments.map((seg) => seg.text).join("-")
  if (!hasLetter.test(text)) {
    return fail("issuer", segments[0]!.at, `an issuer code has letters, found ${JSON.stringify(text)}`)
  }
  if (text.length > limits.issuer) {
    return fail(
      "issuer",
      segments[0]!.at,
      `an issuer code has at most ${limits.issuer} characters, this one has ${text.length}`
    )
  }
  return Result.succeed(Issuers.canonicalIssuer(text, registry))
}

const parseState = (
  s: string,
  number: number,
  slashAt: number,
  registry: Issuers.Registry,
  fail: Fail
): Result.Result<DocumentNumber, DocumentNumberParseError> => {
  const pieces = split(s, slashAt + 1, s.length, (c) => c === "/")
  if (pieces.length > 2) {
    return fail(
      "separator",
      pieces[2]!.sepAt,
      "a state number has at most two '/': number/year/symbol, as in 60/2013/NĐ-CP"
    )
  }
  let year: number | undefined
  if (pieces.length === 2) {
    const y = pieces[0]!
    if (!/^\d+$/u.test(y.text)) {
      return fail(
        "year",
        y.at,
        y.text.length === 0
          ? "there is nothing between the two '/'; expected a four-digit year, as in 60/2013/NĐ-CP"
          : `expected a four-digit year between the two '/', found ${JSON.stringify(y.text)}`
      )
    }
    if (y.text.length !== 4) return fail("year", y.at, `a year has four digits, found ${y.text}`)
    year = Number(y.text)
    if (year < 1945)
      return fail("year", y.at, `the year ${y.text} is before 1945, the first year of state documents`)
  }
  const symbol = pieces[pieces.length - 1]!
  if (symbol.text.length === 0) {
    return fail(
      "issuer",
      symbol.at,
      "the symbol after '/' is missing; expected a type code and issuer, as in QĐ-UBND"
    )
  }
  const segments = split(s, symbol.at, symbol.at + symbol.text.length, isHyphen)
  const first = segments[0]!
  const typeCode = Issuers.stateType(first.text, registry)
  if (typeCode !== undefined) {
    if (segments.length === 1) {
      return fail(
        "issuer",
        first.at + first.text.length,
        `the issuer code is missing after the type code ${typeCode}`
      )
    }
    const issuer = readIssuer(s, segments.slice(1), registry, fail)
    if (Result.isFailure(issuer)) return Result.fail(issuer.failure)
    return Result.succeed({
      _tag: "State",
      number,
      ...(year === undefined ? {} : { year }),
      typeCode,
      issuer: issuer.success
    })
  }
  const issuer = readIssuer(s, segments, registry, fail)
  if (Result.isFailure(issuer)) return Result.fail(issuer.failure)
  return Result.succeed({
    _tag: "State",
    number,
    ...(year === undefined ? {} : { year }),
    issuer: issuer.success
  })
}

const parseParty = (
  s: string,
  number: number,
  hyphenAt: number,
  registry: Issuers.Registry,
  fail: Fail
): Result.Result<DocumentNumber, DocumentNumberParseError> => {
  const pieces = split(s, hyphenAt + 1, s.length, (c) => c === "/")
  if (pieces.length === 1) {
    return fail(
      "separator",
      s.length,
      "a Party number needs '/' between the type code and the issuer, as in 20-KH/TU"
    )
  }
  if (pieces.length > 2) {
    return fail(
      "separator",
      pieces[2]!.sepAt,
      "a Party number has one '/': number-TYPE/ISSUER, as in 20-KH/TU"
    )
  }
  const type = pieces[0]!
  if (type.text.length === 0) {
    return fail("type", type.at, "the type code between '-' and '/' is missing, as KH in 20-KH/TU")
  }
  const bad = badChar(type)
  if (bad !== undefined) {
    return fail("type", bad, `a type code has only letters, found ${describeChar(s[bad])}`)
  }
  const typeCode = Issuers.partyType(type.text, registry)
  if (typeCode === undefined) {
    return fail(
      "type",
      type.at,
      `${JSON.stringify(type.text)} is not a known Party document type code (known: ${[...registry.partyTypes.values()].join(", ")})`
    )
  }
  const issuerPiece = pieces[1]!
  const segments = split(s, issuerPiece.at, issuerPiece.at + issuerPiece.text.length, isHyphen)
  const issuer = readIssuer(s, segments, registry, fail)
  if (Result.isFailure(issuer)) return Result.fail(issuer.failure)
  return Result.succeed({ _tag: "Party", number, typeCode, issuer: issuer.success })
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * The canonical form of a number: type codes as the registry spells them, issuers in their
 * canonical spelling (`BDVTW` → `BDVTƯ`). `parse` returns canonical numbers, so
 * `parse(format(n))` is `canonical(n)`.
 *
 * @category conversions
 * @since 0.1.0
 */
export const canonical = (
  n: DocumentNumber,
  registry: Issuers.Registry = Issuers.defaultRegistry
): DocumentNumber => {
  const issuer = Issuers.canonicalIssuer(n.issuer, registry)
  if (n._tag === "Party") {
    return {
      _tag: "Party",
      number: n.number,
      typeCode: Issuers.partyType(n.typeCode, registry) ?? n.typeCode,
      issuer
    }
  }
  return {
    _tag: "State",
    number: n.number,
    ...(n.year === undefined ? {} : { year: n.year }),
    ...(n.typeCode === undefined ? {} : { typeCode: Issuers.stateType(n.typeCode, registry) ?? n.typeCode }),
    issuer
  }
}

/**
 * Writes a number as documents print it: numbers below 10 with a leading zero (`06/2024/QĐ-UBND`,
 * Decree 30/2020/NĐ-CP, Appendix III; Party numbers likewise start at 01), type codes and issuers
 * in canonical spelling (`771-KH/BDVTƯ` for a number stored with `BDVTW`).
 *
 * @category formatting
 * @since 0.1.0
 */
export const format = (n: DocumentNumber, registry: Issuers.Registry = Issuers.defaultRegistry): string => {
  const c = canonical(n, registry)
  if (c._tag === "Party") return `${pad2(c.number)}-${c.typeCode}/${c.issuer}`
  const year = c.year === undefined ? "" : `/${c.year}`
  const type = c.typeCode === undefined ? "" : `${c.typeCode}-`
  return `${pad2(c.number)}${year}/${type}${c.issuer}`
}

/**
 * A key two numbers share exactly when they are the same number: same kind, number and year, type
 * codes equal ignoring case, issuers equal by {@link issuerKey} (so `BDVTƯ`, `BDVTW` and `BDVTU`
 * match). Stores index it, read in each directive's context (`Directive.numberMatchKey`), to
 * answer `findByNumber`, so every adapter matches numbers alike.
 *
 * @category conversions
 * @since 0.1.0
 */
export const matchKey = (n: DocumentNumber, registry: Issuers.Registry = Issuers.defaultRegistry): string =>
  JSON.stringify([
    n._tag,
    n.number,
    n._tag === "State" ? (n.year ?? null) : null,
    n.typeCode === undefined ? "" : Issuers.upper(n.typeCode),
    Issuers.issuerKey(n.issuer, registry)
  ])

/**
 * Whether two numbers are the same number ({@link matchKey}): issuer spelling variants compare
 * equal.
 *
 * @category predicates
 * @since 0.1.0
 */
export const equals = (
  a: DocumentNumber,
  b: DocumentNumber,
  registry: Issuers.Registry = Issuers.defaultRegistry
): boolean => matchKey(a, registry) === matchKey(b, registry)

/**
 * Reads and writes a document number as its printed string (`"60/2013/NĐ-CP"` ⇄ the structured
 * number), with the default registry. Decoding fails with the parse error's message; encoding
 * writes {@link format}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const DocumentNumberFromString = Schema.String.pipe(
  Schema.decodeTo(
    DocumentNumber,
    SchemaTransformation.transformEffect({
      decode: (s: string, options) => {
        const r = parse(s)
        return Result.isSuccess(r)
          ? Effect.succeed(r.success)
          : Effect.fail(new SchemaIssue.InvalidValue({ message: r.failure.message }, s, options))
      },
      encode: (n: DocumentNumber) => Effect.succeed(format(n))
    })
  )
)
