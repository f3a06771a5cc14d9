import { describe, expect, it } from "@effect/vitest"
import { Exit, Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Directive from "../src/directive/Directive.ts"
import * as DocumentNumber from "../src/directive/DocumentNumber.ts"
import * as Issuers from "../src/directive/Issuers.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { decodeProblem } from "./support/Decoding.ts"

/** The numbering scope of a number issued by the centre (the issuing unit is tested in Directive.test.ts). */
const numberingKey = (
  number: DocumentNumber.DocumentNumber,
  issuedOn: CalendarDate.CalendarDate,
  registry?: Issuers.Registry
): string =>
  Directive.numberingKey({ number, issuedOn, issuedBy: { _tag: "Central", body: "agency" } }, registry)

const date = CalendarDate.unsafeFromString

const parseOk = (s: string, registry?: Issuers.Registry) => {
  const r = DocumentNumber.parse(s, registry)
  if (Result.isFailure(r)) throw new Error(`expected ${JSON.stringify(s)} to parse: ${r.failure.message}`)
  return r.success
}

const parseErr = (s: string, registry?: Issuers.Registry) => {
  const r = DocumentNumber.parse(s, registry)
  if (Result.isSuccess(r))
    throw new Error(`expected ${JSON.stringify(s)} not to parse, got ${JSON.stringify(r.success)}`)
  return r.failure
}

// --- generators -------------------------------------------------------------------------------

const letters = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZĐƯƠÂÊÔĂabcdđưgh"]
const digits = [..."0123456789"]
const segment = fc
  .array(fc.constantFrom(...letters, ...letters, ...digits), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(""))
const knownIssuers = Issuers.defaultSpec.issuers.flatMap((i) => [i.code, ...(i.aliases ?? [])])
const issuer = fc
  .oneof(
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((ss) => ss.join("-")),
    fc.constantFrom(...knownIssuers)
  )
  .filter((s) => /\p{L}/u.test(s))
const caseOf = (code: string) =>
  fc.constantFrom(code, code.toLowerCase(), code.toUpperCase(), `${code[0]}${code.slice(1).toLowerCase()}`)
const stateTypeCode = fc.constantFrom(...Issuers.defaultSpec.stateTypes.map((t) => t.code)).chain(caseOf)
const partyTypeCode = fc.constantFrom(...Issuers.defaultSpec.partyTypes.map((t) => t.code)).chain(caseOf)
const number = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }))

/** A state number with no type code whose issuer starts like a type code cannot be written unambiguously. */
const arbState: fc.Arbitrary<DocumentNumber.StateNumber> = fc
  .record(
    {
      number,
      year: fc.integer({ min: 1945, max: 9999 }),
      typeCode: stateTypeCode,
      issuer
    },
    { requiredKeys: ["number", "issuer"] }
  )
  .filter((n) => n.typeCode !== undefined || Issuers.stateType(n.issuer.split("-")[0]!) === undefined)
  .map((n) => ({ _tag: "State" as const, ...n }))

const arbParty: fc.Arbitrary<DocumentNumber.PartyNumber> = fc
  .record({ number, typeCode: partyTypeCode, issuer })
  .map((n) => ({ _tag: "Party" as const, ...n }))

const arbNumber: fc.Arbitrary<DocumentNumber.DocumentNumber> = fc.oneof(arbState, arbParty)

// --- tests ------------------------------------------------------------------------------------

describe("DocumentNumber.parse and format", () => {
  it("reads the numbers of the source article and facts.md, and writes them back", () => {
    expect(parseOk("60/2013/NĐ-CP")).toEqual({
      _tag: "State",
      number: 60,
      year: 2013,
      typeCode: "NĐ",
      issuer: "CP"
    })
    expect(parseOk("771-KH/BDVTƯ")).toEqual({ _tag: "Party", number: 771, typeCode: "KH", issuer: "BDVTƯ" })
    expect(parseOk("20-KH/TU")).toEqual({ _tag: "Party", number: 20, typeCode: "KH", issuer: "TU" })
    expect(parseOk("114-KL/TW")).toEqual({ _tag: "Party", number: 114, typeCode: "KL", issuer: "TW" })
    expect(parseOk("123/QĐ-UBND")).toEqual({ _tag: "State", number: 123, typeCode: "QĐ", issuer: "UBND" })
    expect(parseOk("06/2024/QĐ-UBND")).toEqual({
      _tag: "State",
      number: 6,
      year: 2024,
      typeCode: "QĐ",
      issuer: "UBND"
    })
    // a law: no type code, the issuer is the legislature
    expect(parseOk("10/2022/QH15")).toEqual({ _tag: "State", number: 10, year: 2022, issuer: "QH15" })
    // an official letter: the first part of the symbol is not a type code
    expect(parseOk("2618/BHXH-KHTC")).toEqual({ _tag: "State", number: 2618, issuer: "BHXH-KHTC" })
    expect(parseOk("149/2018/NĐ-CP")).toEqual({
      _tag: "State",
      number: 149,
      year: 2018,
      typeCode: "NĐ",
      issuer: "CP"
    })
    expect(parseOk("34/2007/PL-UBTVQH11")).toEqual({
      _tag: "State",
      number: 34,
      year: 2007,
      typeCode: "PL",
      issuer: "UBTVQH11"
    })
    for (const s of [
      "60/2013/NĐ-CP",
      "771-KH/BDVTƯ",
      "20-KH/TU",
      "114-KL/TW",
      "123/QĐ-UBND",
      "06/2024/QĐ-UBND",
      "10/2022/QH15",
      "2618/BHXH-KHTC",
      "145/2020/NĐ-CP"
    ]) {
      expect(DocumentNumber.format(parseOk(s))).toBe(s)
    }
  })

  it("writes numbers below 10 with a leading zero and issuers canonically", () => {
    expect(
      DocumentNumber.format({ _tag: "State", number: 6, year: 2024, typeCode: "QĐ", issuer: "UBND" })
    ).toBe("06/2024/QĐ-UBND")
    expect(DocumentNumber.format({ _tag: "Party", number: 1, typeCode: "QĐ", issuer: "TƯ" })).toBe("01-QĐ/TW")
    expect(DocumentNumber.format({ _tag: "Party", number: 15, typeCode: "CV", issuer: "BDVTU" })).toBe(
      "15-CV/BDVTƯ"
    )
    expect(DocumentNumber.format({ _tag: "Party", number: 771, typeCode: "kh", issuer: "bdvtw" })).toBe(
      "771-KH/BDVTƯ"
    )
    expect(DocumentNumber.format({ _tag: "State", number: 10, issuer: "HDND" })).toBe("10/HĐND")
    expect(DocumentNumber.format({ _tag: "State", number: 12, typeCode: "qyđ", issuer: "ttg" })).toBe(
      "12/QyĐ-TTg"
    )
    expect(parseOk("6/2024/QĐ-UBND")).toEqual(parseOk("06/2024/QĐ-UBND"))
  })

  it("tolerates spaces around separators, any letter case, NFD input and word-processor dashes", () => {
    const expected = parseOk("60/2013/NĐ-CP")
    expect(parseOk("  60 / 2013 / NĐ - CP ")).toEqual(expected)
    expect(parseOk("60/2013/nđ-cp")).toEqual(expected)
    expect(parseOk("60/2013/NÐ-CP")).toEqual(expected) // Ð (U+00D0), the Eth look-alike
    expect(parseOk("771-KH/BDVTƯ".normalize("NFD"))).toEqual(parseOk("771-KH/BDVTƯ"))
    expect(parseOk("771 – KH / BDVTW")).toEqual(parseOk("771-KH/BDVTƯ"))
    expect(parseOk("20-kh/tu")).toEqual(parseOk("20-KH/TU"))
    expect(parseOk("15-CV/BDVTU")).toEqual({ _tag: "Party", number: 15, typeCode: "CV", issuer: "BDVTƯ" })
  })

  it("names the bad part and where it is", () => {
    const cases: ReadonlyArray<[string, DocumentNumber.NumberPart, number]> = [
      ["", "number", 0],
      ["   ", "number", 3],
      ["abc", "number", 0],
      ["Số 60/2013/NĐ-CP", "number", 0],
      ["0/QĐ-UBND", "number", 0],
      ["99999999999999999999/QĐ-UBND", "number", 0],
      ["60", "separator", 2],
      ["60.2013", "separator", 2],
      ["60/13/NĐ-CP", "year", 3],
      ["60//NĐ-CP", "year", 3],
      ["60/20x3/NĐ-CP", "year", 3],
      ["60/1900/NĐ-CP", "year", 3],
      ["60/2013/", "issuer", 8],
      ["60/2013/NĐ", "issuer", 10],
      ["60/2013/NĐ-", "issuer", 10],
      ["60/2013/NĐ-C P", "issuer", 12],
      ["60/2013/NĐ-CP!", "issuer", 13],
      ["5/2013", "issuer", 2],
      ["60/2013/NĐ-CP/x", "separator", 13],
      ["771-XX/TU", "type", 4],
      ["771-/TU", "type", 4],
      ["771-K.H/TU", "type", 5],
      ["771-KH", "separator", 6],
      ["771-KH/", "issuer", 7],
      ["771-KH/TU/x", "separator", 9]
    ]
    for (const [input, part, position] of cases) {
      const e = parseErr(input)
      expect({ input, part: e.part, position: e.position }).toEqual({ input, part, position })
      expect(e._tag).toBe("DocumentNumberParseError")
      expect(e.message).toContain(JSON.stringify(input.normalize("NFC")))
      expect(e.message).toContain(`at character ${position + 1}`)
    }
    expect(parseErr("771-XX/TU").message).toContain('"XX" is not a known Party document type code')
    expect(parseErr("60/13/NĐ-CP").message).toContain("a year has four digits")
  })

  it("law: parse(format(n)) is n in canonical spelling, for any number of either kind", () => {
    fc.assert(
      fc.property(arbNumber, (n) => {
        const canonical = DocumentNumber.canonical(n)
        const s = DocumentNumber.format(n)
        const back = DocumentNumber.parse(s)
        expect(back).toEqual(Result.succeed(canonical))
        expect(DocumentNumber.equals(parseOk(s), n)).toBe(true)
        expect(DocumentNumber.format(canonical)).toBe(s)
        expect(DocumentNumber.canonical(canonical)).toEqual(canonical)
        // the result is a valid DocumentNumber by the schema
        expect(Exit.isSuccess(Schema.decodeUnknownExit(DocumentNumber.DocumentNumber)(canonical))).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  it("law: the string codec round-trips and agrees with parse and format", () => {
    fc.assert(
      fc.property(arbNumber, (n) => {
        const s = DocumentNumber.format(n)
        const decoded = Schema.decodeUnknownExit(DocumentNumber.DocumentNumberFromString)(s)
        expect(decoded).toEqual(Exit.succeed(DocumentNumber.canonical(n)))
        expect(Schema.encodeSync(DocumentNumber.DocumentNumberFromString)(DocumentNumber.canonical(n))).toBe(
          s
        )
      })
    )
    const bad = Schema.decodeUnknownExit(DocumentNumber.DocumentNumberFromString)("771-XX/TU")
    expect(Exit.isFailure(bad)).toBe(true)
    expect(String(bad)).toContain("not a known Party document type code")
  })

  it("never throws on any string or value", () => {
    const nearMiss = fc
      .tuple(arbNumber, fc.nat(), fc.constantFrom("", "/", "-", " ", "x", "0", "Ư", "\u0301", "–", "//"))
      .map(([n, at, insert]) => {
        const s = DocumentNumber.format(n)
        const k = at % (s.length + 1)
        return s.slice(0, k) + insert + s.slice(k + (at % 2))
      })
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), nearMiss),
        (s) => {
          const r = DocumentNumber.parse(s)
          if (Result.isFailure(r)) {
            expect(r.failure.position).toBeGreaterThanOrEqual(0)
            expect(r.failure.position).toBeLessThanOrEqual(r.failure.input.length)
            expect(r.failure.message.length).toBeGreaterThan(0)
          } else {
            // whatever parses is a valid number whose canonical form reads back to itself
            expect(Exit.isSuccess(Schema.decodeUnknownExit(DocumentNumber.DocumentNumber)(r.success))).toBe(
              true
            )
            expect(DocumentNumber.parse(DocumentNumber.format(r.success))).toEqual(r)
          }
        }
      ),
      { numRuns: 1000 }
    )
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(decodeProblem(DocumentNumber.DocumentNumberFromString, x)).toBeUndefined()
        expect(decodeProblem(DocumentNumber.DocumentNumber, x)).toBeUndefined()
      })
    )
  })
})

describe("issuer spellings", () => {
  it("Ư/W/U and Đ/D variants of one issuer compare equal; TU and TW do not", () => {
    const k = DocumentNumber.issuerKey
    expect(new Set(["BDVTW", "BDVTƯ", "BDVTU", "bdvtư", "BDVTƯ".normalize("NFD")].map((s) => k(s)))).toEqual(
      new Set(["BDVTW"])
    )
    expect(k("TƯ")).toBe(k("TW"))
    expect(k("HĐND")).toBe(k("HDND"))
    expect(k("ĐU")).toBe(k("DU"))
    expect(k("TU")).not.toBe(k("TW"))
    expect(k("HU")).not.toBe(k("HW"))
    expect(
      DocumentNumber.equals(parseOk("20-KH/TU"), { _tag: "Party", number: 20, typeCode: "KH", issuer: "TW" })
    ).toBe(false)
    expect(DocumentNumber.equals(parseOk("771-KH/BDVTW"), parseOk("771-KH/BDVTU"))).toBe(true)
    // type codes are never folded: HD (guidance) is not HĐ (contract), DA (project) is not ĐA (scheme)
    expect(parseOk("05/HD-UBND")).not.toEqual(parseOk("05/HĐ-UBND"))
    expect(DocumentNumber.equals(parseOk("05/HD-UBND"), parseOk("05/HĐ-UBND"))).toBe(false)
    expect(parseOk("05/DA-UBND").typeCode).toBe("DA")
    expect(parseOk("05/ĐA-UBND").typeCode).toBe("ĐA")
  })

  it("law: swapping Ư/W, Đ/D, case and spacing in an issuer keeps the number equal and its numbering key", () => {
    const variant = fc
      .tuple(issuer, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }))
      .map(([s, flips]) => {
        let i = 0
        const out = [...s]
          .map((c) => {
            const f = flips[i++ % flips.length]!
            if (c === "Ư" || c === "ư") return f ? "W" : "w"
            if (c === "W" || c === "w") return f ? "Ư" : "ư"
            if (c === "Đ" || c === "đ") return f ? "D" : "d"
            if (c === "D" || c === "d") return f ? "Đ" : "đ"
            return f ? c.toLowerCase() : c
          })
          .join("")
        return [s, out] as const
      })
    fc.assert(
      fc.property(
        variant,
        fc.oneof(arbState, arbParty),
        fc.integer({ min: 0, max: 40_000 }),
        ([a, b], n, day) => {
          const on = CalendarDate.fromDayNumber(day)
          const x = { ...n, issuer: a }
          const y = { ...n, issuer: b }
          expect(DocumentNumber.issuerKey(a)).toBe(DocumentNumber.issuerKey(b))
          expect(DocumentNumber.equals(x, y)).toBe(true)
          expect(numberingKey(x, on)).toBe(numberingKey(y, on))
        }
      )
    )
  })

  it("law: a bare U never folds to W: TU-issuers and TW-issuers keep different keys", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(..."ABCHKLMNPQRSTVX"), { maxLength: 5 }), (prefix) => {
        const p = prefix.join("")
        // …TU is a provincial body, …TW a central one; only the explicit BDVTU alias joins them
        fc.pre(p !== "BDV")
        expect(DocumentNumber.issuerKey(`${p}TU`)).not.toBe(DocumentNumber.issuerKey(`${p}TW`))
        expect(DocumentNumber.issuerKey(`${p}TƯ`)).toBe(DocumentNumber.issuerKey(`${p}TW`))
      })
    )
  })
})

describe("numberingKey", () => {
  const state = (s: string) => parseOk(s)

  it("scopes state numbers by type, issuer and year (from the number, else the issue date)", () => {
    const key = numberingKey
    expect(key(state("60/2013/NĐ-CP"), date("2013-06-19"))).toBe(
      key(state("60/2013/nđ-cp"), date("2013-12-31"))
    )
    expect(key(state("123/QĐ-UBND"), date("2024-03-01"))).toBe(key(state("123/QĐ-UBND"), date("2024-12-31")))
    expect(key(state("123/QĐ-UBND"), date("2024-03-01"))).not.toBe(
      key(state("123/QĐ-UBND"), date("2025-01-01"))
    )
    expect(key(state("123/QĐ-UBND"), date("2024-03-01"))).not.toBe(
      key(state("123/TB-UBND"), date("2024-03-01"))
    )
    expect(key(state("123/QĐ-UBND"), date("2024-03-01"))).not.toBe(
      key(state("123/QĐ-HĐND"), date("2024-03-01"))
    )
    expect(key(state("123/QĐ-HĐND"), date("2024-03-01"))).toBe(key(state("123/QĐ-HDND"), date("2024-03-01")))
    expect(key(state("05/HD-UBND"), date("2024-03-01"))).not.toBe(
      key(state("05/HĐ-UBND"), date("2024-03-01"))
    )
    // a state number and a Party number never share a scope
    expect(key(state("05/QĐ-TU"), date("2024-03-01"))).not.toBe(key(parseOk("05-QĐ/TU"), date("2024-03-01")))
  })

  it("law: state keys restart each 1 January", () => {
    fc.assert(
      fc.property(
        arbState,
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 40_000 }),
        (n, a, b) => {
          const x = CalendarDate.fromDayNumber(a)
          const y = CalendarDate.fromDayNumber(b)
          const sameYear = n.year !== undefined || CalendarDate.parts(x).year === CalendarDate.parts(y).year
          expect(numberingKey(n, x) === numberingKey(n, y)).toBe(sameYear)
        }
      )
    )
  })

  it("scopes Party numbers by type, issuer and committee term", () => {
    const key = numberingKey
    const plan = parseOk("20-KH/TU")
    // default local terms start on 1 November of years ≡ 0 (mod 5)
    expect(key(plan, date("2016-08-12"))).toBe(key(plan, date("2020-10-31")))
    expect(key(plan, date("2016-08-12"))).not.toBe(key(plan, date("2020-11-01")))
    expect(key(plan, date("2016-08-12"))).not.toBe(key(parseOk("20-KH/TW"), date("2016-08-12")))
    expect(key(plan, date("2016-08-12"))).not.toBe(key(parseOk("20-BC/TU"), date("2016-08-12")))
    // default central terms start on 1 February of years ≡ 1 (mod 5)
    const central = parseOk("771-KH/BDVTƯ")
    expect(key(central, date("2017-03-08"))).toBe(key(parseOk("771-KH/BDVTW"), date("2021-01-31")))
    expect(key(central, date("2017-03-08"))).not.toBe(key(central, date("2021-02-01")))
    expect(JSON.parse(key(central, date("2017-03-08")))).toEqual([
      "party",
      "",
      771,
      "KH",
      "BDVTW",
      "2016-02-01"
    ])
  })

  it("uses configured terms where the registry has them", () => {
    const r = Issuers.extend(Issuers.defaultRegistry, {
      partyTerms: [{ issuer: "TU", termStarts: [date("2015-10-16"), date("2020-10-20")] }]
    })
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    const registry = r.success
    const plan = parseOk("20-KH/TU")
    const key = (d: string) => numberingKey(plan, date(d), registry)
    expect(key("2015-10-16")).toBe(key("2020-10-19"))
    expect(key("2020-10-19")).not.toBe(key("2020-10-20"))
    expect(key("2020-10-20")).toBe(key("2030-01-01"))
    // before the first configured term the default rule applies, and its term is a different one
    expect(key("2015-10-15")).not.toBe(key("2015-10-16"))
    expect(Issuers.partyTermStart("tu", date("2018-01-01"), registry)).toBe("2015-10-16")
  })

  it("law: a Party key changes exactly when the term does", () => {
    fc.assert(
      fc.property(
        arbParty,
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 40_000 }),
        (n, a, b) => {
          const x = CalendarDate.fromDayNumber(a)
          const y = CalendarDate.fromDayNumber(b)
          const sameTerm = Issuers.partyTermStart(n.issuer, x) === Issuers.partyTermStart(n.issuer, y)
          expect(numberingKey(n, x) === numberingKey(n, y)).toBe(sameTerm)
          const start = Issuers.partyTermStart(n.issuer, x)
          expect(start <= x).toBe(true)
          // terms are five years long by default
          expect(CalendarDate.daysBetween(start, x)).toBeLessThan(5 * 366)
        }
      )
    )
  })
})

describe("Issuers registry", () => {
  it("apps add document types and issuers", () => {
    const r = Issuers.extend(Issuers.defaultRegistry, {
      stateTypes: [{ code: "TTLT", name: "Thông tư liên tịch" }],
      partyTypes: [{ code: "QC", name: "Quy chế" }],
      issuers: [{ code: "BTGDVTU", aliases: ["BTG&DVTU"], name: "Ban Tuyên giáo và Dân vận Tỉnh ủy" }]
    })
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    const registry = r.success
    expect(parseOk("01/2020/TTLT-BNV")).toEqual({ _tag: "State", number: 1, year: 2020, issuer: "TTLT-BNV" })
    expect(parseOk("01/2020/TTLT-BNV", registry)).toEqual({
      _tag: "State",
      number: 1,
      year: 2020,
      typeCode: "TTLT",
      issuer: "BNV"
    })
    expect(parseErr("05-QC/TU").part).toBe("type")
    expect(parseOk("05-qc/btgdvtu", registry)).toEqual({
      _tag: "Party",
      number: 5,
      typeCode: "QC",
      issuer: "BTGDVTU"
    })
  })

  it("rejects a spelling given to two codes", () => {
    const clash = Issuers.extend(Issuers.defaultRegistry, { issuers: [{ code: "TINHUY", aliases: ["TU"] }] })
    expect(Result.isFailure(clash)).toBe(true)
    if (Result.isFailure(clash)) {
      expect(clash.failure._tag).toBe("RegistryConflict")
      expect(clash.failure.message).toContain('"TU"')
    }
    // BDVTU and BDVTW through the Ư/W fold are one spelling already
    const fold = Issuers.make({
      stateTypes: [],
      partyTypes: [],
      issuers: [
        { code: "A", aliases: ["TƯ"] },
        { code: "B", aliases: ["TW"] }
      ]
    })
    expect(Result.isFailure(fold)).toBe(true)
    const types = Issuers.make({
      stateTypes: [
        { code: "QĐ", name: "" },
        { code: "qđ", name: "" }
      ],
      partyTypes: [],
      issuers: []
    })
    expect(Result.isFailure(types)).toBe(true)
    // a province where BDVTU names its own commission drops the alias
    const own = Issuers.make({
      ...Issuers.defaultSpec,
      issuers: [
        ...Issuers.defaultSpec.issuers.filter((i) => i.code !== "BDVTƯ"),
        { code: "BDVTƯ", aliases: ["BDVTW"] },
        { code: "BDVTU", name: "Ban Dân vận Tỉnh ủy" }
      ]
    })
    if (Result.isFailure(own)) throw new Error(own.failure.message)
    expect(DocumentNumber.issuerKey("BDVTU", own.success)).not.toBe(
      DocumentNumber.issuerKey("BDVTW", own.success)
    )
    expect(DocumentNumber.format(parseOk("15-CV/BDVTU", own.success), own.success)).toBe("15-CV/BDVTU")
  })

  it("decodes a registry spec from JSON data", () => {
    const spec = Schema.decodeUnknownSync(Issuers.RegistrySpecSchema)({
      stateTypes: [{ code: "QĐ", name: "Quyết định" }],
      partyTypes: [{ code: "KH", name: "Kế hoạch" }],
      issuers: [{ code: "TU" }],
      partyTerms: [{ issuer: "TU", termStarts: ["2020-10-20"] }]
    })
    expect(Result.isSuccess(Issuers.make(spec))).toBe(true)
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(decodeProblem(Issuers.RegistrySpecSchema, x)).toBeUndefined()
      })
    )
  })
})

describe("document numbers bounded (issuer codes and the whole)", () => {
  it("a 10,000-character number does not parse, and the error does not carry the whole input", () => {
    const huge = `60/2013/NĐ-${"C".repeat(10_000)}`
    const error = parseErr(huge)
    expect(error.part).toBe("whole")
    expect(error.reason).toBe(
      `a document number has at most ${DocumentNumber.limits.input} characters, this text has ${huge.length}`
    )
    expect(error.input.length).toBeLessThanOrEqual(DocumentNumber.limits.input + 1)
    expect(error.message.length).toBeLessThan(400)
    // Leading zeros do not make a long number valid either.
    expect(parseErr(`${"0".repeat(5000)}1/QĐ-UBND`).part).toBe("whole")
    expect(Exit.isFailure(Schema.decodeUnknownExit(DocumentNumber.DocumentNumberFromString)(huge))).toBe(true)
  })

  it("an issuer code longer than the limit is refused, naming the issuer; one at the limit reads", () => {
    const atLimit = "A".repeat(DocumentNumber.limits.issuer)
    expect(parseOk(`12/QĐ-${atLimit}`)).toMatchObject({ issuer: atLimit })
    const over = parseErr(`12/QĐ-${atLimit}B`)
    expect(over.part).toBe("issuer")
    expect(over.reason).toContain(`at most ${DocumentNumber.limits.issuer} characters`)
    const parts = parseErr(`12-KH/${Array.from({ length: 12 }, () => "ABCD").join("-")}`)
    expect(parts.part).toBe("issuer")
  })

  it("stored numbers with over-long codes do not decode", () => {
    const long = "X".repeat(DocumentNumber.limits.issuer + 1)
    for (const n of [
      { _tag: "State", number: 1, issuer: long },
      { _tag: "State", number: 1, typeCode: "Q".repeat(DocumentNumber.limits.typeCode + 1), issuer: "UBND" },
      { _tag: "Party", number: 1, typeCode: "KH", issuer: long }
    ]) {
      expect(Exit.isFailure(Schema.decodeUnknownExit(DocumentNumber.DocumentNumber)(n))).toBe(true)
    }
  })

  it("whatever parses fits the limits, and inputs of any length and type give a value or a typed error (property)", () => {
    const longish = fc
      .tuple(arbNumber, fc.integer({ min: 0, max: 300 }), fc.constantFrom("A", " ", "0", "-"))
      .map(([n, k, c]) => `${DocumentNumber.format(n)}${c.repeat(k)}`)
    fc.assert(
      fc.property(fc.oneof(longish, fc.string({ maxLength: 400 }), fc.anything()), (input) => {
        const r = DocumentNumber.parse(input as string)
        if (Result.isSuccess(r)) {
          expect(typeof input).toBe("string")
          expect((input as string).length).toBeLessThanOrEqual(DocumentNumber.limits.input)
          expect(r.success.issuer.length).toBeLessThanOrEqual(DocumentNumber.limits.issuer)
          expect(DocumentNumber.format(r.success).length).toBeLessThanOrEqual(DocumentNumber.limits.input)
        } else expect(r.failure._tag).toBe("DocumentNumberParseError")
        expect(decodeProblem(DocumentNumber.DocumentNumberFromString, input)).toBeUndefined()
      }),
      { numRuns: 500 }
    )
  })
})
