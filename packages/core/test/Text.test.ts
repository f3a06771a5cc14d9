import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Collation from "../src/text/Collation.ts"
import * as SearchKey from "../src/text/SearchKey.ts"

const alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
const toneMarks = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
const vowels = new Set([..."aăâeêioôơuưy"])

/** A Vietnamese letter, upper or lower case, with a tone on vowels, in NFC. */
const letterArb = fc
  .tuple(fc.constantFrom(...alphabet), fc.constantFrom(...toneMarks), fc.boolean())
  .map(([base, tone, upper]) => {
    const letter = vowels.has(base) ? `${base}${tone}`.normalize("NFC") : base
    return upper ? letter.toUpperCase() : letter
  })
/** Vietnamese-looking text: letters, spaces (also runs of them), digits and a little punctuation. */
const vietnameseArb = fc
  .array(
    fc.oneof({ weight: 8, arbitrary: letterArb }, fc.constantFrom(" ", "  ", "\t", "1", "2", "0", "-", ",")),
    {
      maxLength: 16
    }
  )
  .map((parts) => parts.join(""))
/** Vietnamese text or any Unicode text at all. */
const anyTextArb = fc.oneof(vietnameseArb, fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }))

const nfd = (s: string) => s.normalize("NFD")
const nfc = (s: string) => s.normalize("NFC")

describe("SearchKey", () => {
  it("finds tonal text from a query typed without tones", () => {
    expect(SearchKey.searchKey("Dân vận khéo")).toBe("dan van kheo")
    expect(SearchKey.matches("dan van kheo", "Mô hình “Dân vận khéo” năm 2017")).toBe(true)
    expect(SearchKey.matches("DAN VAN", "dân vận khéo")).toBe(true)
    expect(SearchKey.matches("dan van kheo", "Dân vận")).toBe(false)
    expect(SearchKey.matches("dân vân", "Dân vận khéo")).toBe(true)
    expect(SearchKey.matches("ninh binh", "Tỉnh Ninh Bình")).toBe(true)
    expect(SearchKey.matches("ninh bin", "Tỉnh Hà Nam")).toBe(false)
  })

  it("writes đ and Đ (and the legacy Ð) as d, and collapses spaces", () => {
    expect(SearchKey.searchKey("ĐỒNG THÁP")).toBe("dong thap")
    expect(SearchKey.searchKey("Ðà Nẵng")).toBe("da nang")
    expect(SearchKey.searchKey("  Quy   chế\tdân  chủ ")).toBe("quy che dan chu")
    expect(SearchKey.matches("quy che dan chu", "Quy  chế\ndân chủ ở cơ sở")).toBe(true)
  })

  it("treats NFD input like NFC input", () => {
    const decomposed = nfd("Nghệ An")
    expect(decomposed).not.toBe("Nghệ An")
    expect(SearchKey.searchKey(decomposed)).toBe("nghe an")
    expect(SearchKey.matches(decomposed, "tỉnh Nghệ An")).toBe(true)
  })

  it("an empty query matches every text; a matcher agrees with matches", () => {
    expect(SearchKey.matches("", "Hà Nội")).toBe(true)
    expect(SearchKey.matches("  ", "")).toBe(true)
    const m = SearchKey.matcher("ha noi")
    expect(m("Thành phố Hà Nội")).toBe(true)
    expect(m("Hải Phòng")).toBe(false)
  })

  it("is invariant under NFC/NFD for any text (property)", () => {
    fc.assert(
      fc.property(anyTextArb, (s) => {
        expect(SearchKey.searchKey(nfc(s))).toBe(SearchKey.searchKey(nfd(s)))
      })
    )
  })

  it("is invariant under case on Vietnamese text, idempotent, and free of marks and đ (property)", () => {
    fc.assert(
      fc.property(vietnameseArb, (s) => {
        const key = SearchKey.searchKey(s)
        expect(SearchKey.searchKey(s.toUpperCase())).toBe(key)
        expect(SearchKey.searchKey(s.toLowerCase())).toBe(key)
        expect(SearchKey.searchKey(nfd(s).toUpperCase())).toBe(key)
        expect(SearchKey.searchKey(key)).toBe(key)
        expect(key).not.toMatch(/\p{M}|[đĐ]|\s\s|^\s|\s$/u)
        expect(SearchKey.matches(s, s.toUpperCase())).toBe(true)
      })
    )
  })

  it("a text matches every piece of itself (property)", () => {
    fc.assert(
      fc.property(vietnameseArb, fc.nat(), fc.nat(), (s, a, b) => {
        const chars = [...nfc(s)]
        const from = chars.length === 0 ? 0 : a % chars.length
        const piece = chars.slice(from, from + (b % 6)).join("")
        // A piece cut inside a run of spaces may end in a space that the key trims: still found.
        expect(SearchKey.matches(piece, s)).toBe(true)
      })
    )
  })
})

describe("Collation", () => {
  it("orders the 29 letters of the Vietnamese alphabet", () => {
    const letters = [...alphabet]
    const shuffled = [...letters].reverse()
    expect(shuffled.sort(Collation.compare)).toEqual(letters)
    expect([..."ĐDdđ"].sort(Collation.compare)).toEqual(["d", "D", "đ", "Đ"])
  })

  it("orders names as a Vietnamese reader expects", () => {
    const names = [
      "Đà Nẵng",
      "Ân Thi",
      "An Giang",
      "Bắc Ninh",
      "Ăn Giang",
      "Bạc Liêu",
      "Bà Rịa",
      "Dương Minh Châu",
      "Yên Bái"
    ]
    expect([...names].sort(Collation.compare)).toEqual([
      "An Giang",
      "Ăn Giang",
      "Ân Thi",
      "Bà Rịa",
      "Bạc Liêu",
      "Bắc Ninh",
      "Dương Minh Châu",
      "Đà Nẵng",
      "Yên Bái"
    ])
  })

  it("orders tones ngang, huyền, hỏi, ngã, sắc, nặng as a secondary key", () => {
    expect(["bạ", "bá", "bã", "bả", "bà", "ba"].sort(Collation.compare)).toEqual([
      "ba",
      "bà",
      "bả",
      "bã",
      "bá",
      "bạ"
    ])
    // The letters decide first; tones only break ties between the same letters.
    expect(["bạc", "bác", "bà", "bac"].sort(Collation.compare)).toEqual(["bà", "bac", "bác", "bạc"])
    // Where the tone mark sits (old hoà, new hòa) does not change the order against other words.
    const sorted = ["hoá", "hòa", "hoa", "hoà", "hoả"].sort(Collation.compare)
    expect(sorted[0]).toBe("hoa")
    expect(new Set(sorted.slice(1, 3))).toEqual(new Set(["hòa", "hoà"]))
    expect(sorted.slice(3)).toEqual(["hoả", "hoá"])
  })

  it("compares numbers by value and lowercase before uppercase", () => {
    expect(["Phường 10", "Phường 2", "Phường 1", "Phường 02"].sort(Collation.compare)).toEqual([
      "Phường 1",
      "Phường 02",
      "Phường 2",
      "Phường 10"
    ])
    expect(["An", "an"].sort(Collation.compare)).toEqual(["an", "An"])
    // Spaces and punctuation, whatever their code point, come before digits, digits before letters.
    expect(["Tổ a", "Tổ 1", "Tổ ~", "Tổ :", "Tổ (", "Tổ _"].sort(Collation.compare)).toEqual([
      "Tổ (",
      "Tổ :",
      "Tổ _",
      "Tổ ~",
      "Tổ 1",
      "Tổ a"
    ])
    expect(Collation.compare("Hà Nội", "Hà Nội")).toBe(0)
    expect(Collation.compare(nfd("Hà Nội"), "Hà Nội")).toBe(0)
  })

  it("sortBy agrees with sorting by compare", () => {
    const items = ["Ninh Bình", "Nam Định", "Ninh Thuận", "Nghệ An"].map((name) => ({ name }))
    expect(Collation.sortBy(items, (i) => i.name).map((i) => i.name)).toEqual([
      "Nam Định",
      "Nghệ An",
      "Ninh Bình",
      "Ninh Thuận"
    ])
  })

  it("is a total order, equal only on the same text up to NFC/NFD (property)", () => {
    fc.assert(
      fc.property(anyTextArb, anyTextArb, anyTextArb, (a, b, c) => {
        const ab = Collation.compare(a, b)
        expect(Collation.compare(b, a)).toBe(-ab || 0)
        expect(ab === 0).toBe(nfc(a) === nfc(b))
        expect(Collation.compare(a, a)).toBe(0)
        // Transitivity: sorting the three and checking every pair in order.
        const [x, y, z] = [a, b, c].sort(Collation.compare) as [string, string, string]
        expect(Collation.compare(x, y)).toBeLessThanOrEqual(0)
        expect(Collation.compare(y, z)).toBeLessThanOrEqual(0)
        expect(Collation.compare(x, z)).toBeLessThanOrEqual(0)
      }),
      { numRuns: 500 }
    )
  })

  it("is transitive on near-equal Vietnamese texts (property)", () => {
    // Short texts over few letters collide at the primary level often, so the lower levels are exercised.
    const shortArb = fc
      .array(fc.constantFrom("a", "à", "á", "A", "Ă", "ạ", "b", " ", "1", "01", "đ", "D"), { maxLength: 4 })
      .map((p) => p.join(""))
    fc.assert(
      fc.property(shortArb, shortArb, shortArb, (a, b, c) => {
        if (Collation.compare(a, b) <= 0 && Collation.compare(b, c) <= 0) {
          expect(Collation.compare(a, c)).toBeLessThanOrEqual(0)
        }
        expect(Collation.compare(a, b)).toBe(-Collation.compare(b, a) || 0)
      }),
      { numRuns: 2000 }
    )
  })

  it("sorts the NFC and the NFD spellings of a list the same way (property)", () => {
    fc.assert(
      fc.property(fc.array(anyTextArb, { maxLength: 12 }), vietnameseArb, (list, other) => {
        const byNfc = list.map(nfc).sort(Collation.compare)
        const byNfd = list.map(nfd).sort(Collation.compare).map(nfc)
        expect(byNfd).toEqual(byNfc)
        for (const s of list) {
          expect(Collation.compare(nfd(s), other)).toBe(Collation.compare(nfc(s), other))
        }
      })
    )
  })
})
