import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as fc from "fast-check"
import * as Text from "../src/kernel/Text.ts"
import { decodeProblem } from "./support/Decoding.ts"
import { revoked, thrower } from "./support/Hostile.ts"

/** The decoded value, or the message of the typed error. */
const decode = (schema: Schema.Codec<string, string>, input: unknown): { ok: string } | { error: string } => {
  const exit = Schema.decodeUnknownExit(schema)(input)
  if (Exit.isSuccess(exit)) return { ok: exit.value }
  const reason = exit.cause.reasons[0]
  return { error: reason?._tag === "Fail" ? String(reason.error.message) : String(exit.cause) }
}
const error = (schema: Schema.Codec<string, string>, input: unknown): string => {
  const r = decode(schema, input)
  if ("ok" in r)
    throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(r.ok)}`)
  return r.error
}

const loneSurrogates = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF"]

describe("one text policy for every adapter", () => {
  it("lone surrogates are refused in every kind of text, pairs are kept", () => {
    for (const schema of [Text.Text, Text.Name, Text.NonEmptyText(), Text.text({ maxLength: 10 })]) {
      for (const lone of loneSurrogates) {
        expect(error(schema, `Hà${lone}Nội`)).toContain(
          `lone surrogate (U+${lone.charCodeAt(0).toString(16).toUpperCase()})`
        )
      }
      expect(decode(schema, "Hà Nội 😀")).toEqual({ ok: "Hà Nội 😀" })
    }
  })

  it("NUL, terminal escapes and other control characters are refused; multi-line texts keep tabs and line breaks", () => {
    expect(error(Text.Text, "a\u0000b")).toContain("U+0000 (NUL) at character 2")
    expect(error(Text.Text, "\u001b[31mđỏ")).toContain("U+001B (ESC")
    expect(error(Text.Text, "a\u007fb")).toContain("U+007F")
    expect(error(Text.Text, "a\u0085b")).toContain("U+0085")
    expect(decode(Text.Text, "Kết quả:\n\t- tốt\r\n- khá")).toEqual({ ok: "Kết quả:\n\t- tốt\r\n- khá" })
    expect(error(Text.Name, "Hà\nNội")).toContain("a line break")
    expect(error(Text.Name, "Hà\tNội")).toContain("a tab")
  })

  it("size limits: names, titles and texts are refused past their limits, with the length and the limit", () => {
    expect(decode(Text.Name, "a".repeat(Text.limits.name))).toEqual({ ok: "a".repeat(500) })
    expect(error(Text.Name, "a".repeat(Text.limits.name + 1))).toBe(
      "the text is 501 characters long; the limit is 500"
    )
    expect(error(Text.NonEmptyText(), "a".repeat(Text.limits.title + 1))).toContain("the limit is 2,000")
    expect(error(Text.Text, "a".repeat(Text.limits.text + 1))).toContain("the limit is 200,000")
    expect(error(Text.NonEmptyText(), "   ")).toBe("the text is empty")
    // The limit counts the normalised text: an NFD spelling within the limit passes.
    const nfd = "ệ".normalize("NFD").repeat(Text.limits.name)
    expect(nfd.length).toBe(3 * Text.limits.name)
    expect(decode(Text.Name, nfd)).toEqual({ ok: "ệ".repeat(Text.limits.name) })
  })

  it("size limits are configurable: an app's own schema with a larger or smaller limit", () => {
    const long = "Báo cáo. ".repeat(50_000)
    expect(long.trim().length).toBeGreaterThan(Text.limits.text)
    expect("error" in decode(Text.Text, long)).toBe(true)
    expect(decode(Text.text({ maxLength: 1_000_000 }), long)).toEqual({ ok: long.trim() })
    expect(error(Text.name({ maxLength: 10 }), "Thành phố Hồ Chí Minh")).toContain("the limit is 10")
    expect(decode(Text.name({ maxLength: 1000 }), "a".repeat(900))).toEqual({ ok: "a".repeat(900) })
  })

  it("a 100 MB report text is refused quickly, before it is normalised", () => {
    const huge = ` ${"a".repeat(100_000_000)} `
    let normalised = 0
    const original = String.prototype.normalize
    String.prototype.normalize = function (this: string, form?: string) {
      normalised += this.length
      return original.call(this, form)
    }
    try {
      expect(error(Text.Text, huge)).toContain("the limit is 200,000")
      expect(error(Text.Name, huge)).toContain("the limit is 500")
    } finally {
      String.prototype.normalize = original
    }
    // Refused on its length: not one character of it was normalised.
    expect(normalised).toBe(0)
  })

  it("names that are not sensible are refused: U+FFFD, invisible-only names, invisible characters inside", () => {
    expect(error(Text.Name, "Ninh B\uFFFDnh")).toContain("U+FFFD at character 7")
    expect(error(Text.Name, "\u200B\u200B\u200B")).toContain("nothing visible")
    expect(error(Text.Name, "\u2060\uFEFF")).toContain("nothing visible")
    expect(error(Text.Name, "Ninh\u200BBình")).toContain("invisible character U+200B at character 5")
    expect(error(Text.Name, "\u202Eanh")).toContain("U+202E")
    expect(error(Text.Name, "---")).toBe("it has no letter or digit")
    expect(decode(Text.Name, "Tổ 1")).toEqual({ ok: "Tổ 1" })
  })

  it("look-alikes of Vietnamese letters from other scripts and blocks are not Vietnamese names", () => {
    expect(Text.vietnameseNameProblem("Ðà Nẵng")).toContain(
      "Ð (U+00D0) at character 1 looks like the Vietnamese Đ (U+0110)"
    )
    expect(Text.vietnameseNameProblem("ðông Hà")).toContain("looks like the Vietnamese đ")
    expect(Text.vietnameseNameProblem("H\u0430 N\u043Ei")).toContain("U+0430")
    expect(Text.vietnameseNameProblem("Ninh Bình \u03BF")).toContain("U+03BF")
    expect(Text.vietnameseNameProblem("Hà Nội \u0416")).toContain("a Cyrillic letter")
    expect(Text.vietnameseNameProblem("Münster")).toContain("a Latin letter, not a Vietnamese one")
    expect(Text.vietnameseNameProblem("Hà Nội#1")).toContain('"#"')
    expect(Text.vietnameseNameProblem("q\u0301")).toContain("combining mark U+0301")
    for (const name of [
      "Ia H'Drai",
      "Đắk R'Lấp",
      "Phường 1",
      "Thị trấn N.T Phong Hải",
      "Hòa Bình",
      "Cư M'gar"
    ]) {
      expect(Text.vietnameseNameProblem(name)).toBeUndefined()
      // NFD spellings are the same names
      expect(Text.vietnameseNameProblem(name.normalize("NFD"))).toBeUndefined()
    }
  })

  it("decoding any input gives a value or a typed error, and what decodes obeys the policy (property)", () => {
    const hostile = fc.oneof(
      fc.anything(),
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.string({
        unit: fc.constantFrom("\u0000", "\u001b", "\uD800", "\uDC00", "\uFFFD", "\u200B", "a", "ệ", " ", "\n")
      }),
      fc.integer({ min: 0, max: 3000 }).map((n) => "a".repeat(n))
    )
    const schemas = [
      Text.Text,
      Text.Name,
      Text.NonEmptyText(),
      Text.text({ maxLength: 50 }),
      Text.name({ maxLength: 20 })
    ]
    fc.assert(
      fc.property(hostile, (input) => {
        for (const schema of schemas) {
          expect(decodeProblem(schema, input)).toBeUndefined()
          const r = decode(schema, input)
          if ("ok" in r) {
            expect(typeof input).toBe("string")
            expect(r.ok).toBe(r.ok.normalize("NFC").trim())
            expect(Text.textProblem(r.ok)).toBeUndefined()
          }
        }
        const name = decode(Text.Name, input)
        if ("ok" in name) expect(Text.nameProblem(name.ok)).toBeUndefined()
        if (typeof input === "string") {
          // Never throws on any string.
          Text.vietnameseNameProblem(input)
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe("Text.describeUntrusted", () => {
  it("shows numbers, booleans and short texts as they are and anything else by its kind", () => {
    expect(Text.describeUntrusted(-1.5)).toBe("-1.5")
    expect(Text.describeUntrusted(true)).toBe("true")
    expect(Text.describeUntrusted("ba")).toBe('"ba"')
    expect(Text.describeUntrusted("x".repeat(41))).toBe("a text of 41 characters")
    expect(Text.describeUntrusted(null)).toBe("null")
    expect(Text.describeUntrusted([1])).toBe("a list")
    expect(Text.describeUntrusted({ toString: "" })).toBe("an object")
    expect(Text.describeUntrusted(Symbol("s"))).toBe("a symbol")
  })

  it("never throws and never grows with its input, whatever the value", () => {
    const hostile = [
      { toString: "" },
      Object.create(null),
      {
        toString: () => {
          throw new Error("no")
        }
      },
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("trap")
          },
          getPrototypeOf: () => {
            throw new Error("trap")
          }
        }
      )
    ]
    for (const value of hostile) expect(Text.describeUntrusted(value)).toBe("an object")
    // `Array.isArray` throws on a revoked proxy: it was shown as a TypeError escaping.
    expect(Text.describeUntrusted(revoked())).toBe("an object")
    expect(Text.describeUntrusted(10n ** 100n)).toBe("a whole number of 101 characters")
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({
            withNullPrototype: true,
            withObjectString: true,
            withBoxedValues: true,
            withBigInt: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true
          }),
          fc.bigInt({ min: -(10n ** 200n), max: 10n ** 200n })
        ),
        (value) => {
          expect(Text.describeUntrusted(value).length).toBeLessThanOrEqual(40 + 2 + 24)
        }
      )
    )
  })
})

describe("Text.describeThrown", () => {
  it("gives an Error's message or the text thrown as they are, anything else by its kind", () => {
    expect(Text.describeThrown(new RangeError("out of range"))).toBe("out of range")
    expect(Text.describeThrown("no ids today")).toBe("no ids today")
    expect(Text.describeThrown(7)).toBe("7")
    expect(Text.describeThrown({ toString: "" })).toBe("an object")
    expect(Text.describeThrown(Object.assign(new Error(), { message: { toString: "" } }))).toBe(
      "an error whose message is an object"
    )
  })

  it("shows what a schema's Result adapter rethrows by what reading the input threw", () => {
    let rethrown: unknown
    try {
      Schema.decodeUnknownResult(Schema.Array(Schema.String))(revoked())
    } catch (error) {
      rethrown = error
    }
    expect((rethrown as Error).message).toBe("Result adapter can only return schema issues")
    expect(Text.describeThrown(rethrown)).toBe("Cannot perform 'IsArray' on a proxy that has been revoked")
  })

  it("never throws, whatever was thrown (where `e instanceof Error ? e.message : String(e)` did)", () => {
    const badMessage = Object.defineProperty(new Error("x"), "message", { get: thrower(new Error("no")) })
    const trapped = new Proxy(
      {},
      { getPrototypeOf: thrower({ toString: "" }), get: thrower({ toString: "" }) }
    )
    const shown = [{ toString: "" }, Object.create(null), revoked(), trapped, badMessage].map(
      Text.describeThrown
    )
    expect(shown).toEqual([
      "an object",
      "an object",
      "a value of type object that cannot be shown",
      "a value of type object that cannot be shown",
      "a value of type object that cannot be shown"
    ])
    for (const value of [{ toString: "" }, Object.create(null), revoked(), trapped]) {
      expect(() => `${(value as { message?: unknown }).message ?? String(value)}`).toThrow()
    }
    fc.assert(
      fc.property(
        fc.anything({
          withNullPrototype: true,
          withObjectString: true,
          withBoxedValues: true,
          withBigInt: true
        }),
        (value) => {
          expect(typeof Text.describeThrown(value)).toBe("string")
        }
      )
    )
  })
})
