/**
 * Bad input and large input for the unit importers: the work grows linearly with the file, names
 * that are not sensible are rejected rows with reasons, and any input (of any type, through any
 * entry) gives a value or a typed error.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Result } from "effect"
import * as fc from "fast-check"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import * as Hierarchy from "../src/unit/Hierarchy.ts"
import * as CsvReader from "../src/unit/import/CsvReader.ts"
import { twoTierSince } from "../src/unit/Unit.ts"
import * as UnitImport from "../src/unit/UnitImport.ts"
import { revoked, thrower } from "./support/Hostile.ts"

const day = CalendarDate.unsafeFromString
const twoTier = { validFrom: twoTierSince }
const threeTier = { validFrom: day("2025-01-01"), validUntil: twoTierSince }

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${String(r.failure)}`)
  return r.success
}
const fail = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

/** Every record of a text read by the reader, in chunks cut at the given offsets. */
const readAll = (text: string, cuts: ReadonlyArray<number> = [], delimiter = ",") => {
  const records: Array<CsvReader.CsvRecord> = []
  const reader = CsvReader.make(delimiter, (r) => {
    records.push(r)
    return undefined
  })
  const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b)
  let from = 0
  for (const cut of [...at, text.length]) {
    const error = reader.push(text.slice(from, cut))
    if (error !== undefined) return { error, records, work: reader.work() }
    from = cut
  }
  const error = reader.end()
  return { error, records, work: reader.work() }
}

/** A field written as RFC 4180 asks: quoted when it holds a delimiter, a quote or a line break. */
const quote = (field: string) =>
  /[",\r\n]/u.test(field) || /^\s/u.test(field) ? `"${field.replaceAll('"', '""')}"` : field

/** A commune row whose name is `n` double quotes, quoted as a spreadsheet writes it. */
const quotesRow = (n: number) => `37,Tỉnh Ninh Bình,,,14359,${quote(`Xã ${'"'.repeat(n)}`)},Xã\n`

describe("importers linear in their input", () => {
  it("the CSV reader looks at each character a bounded number of times, whatever the quotes", () => {
    for (const n of [1_000, 40_000, 160_000, 640_000]) {
      for (const text of [quotesRow(n), `37,"${'"'.repeat(2 * n)}",x\n`, `37,Xã ${'"'.repeat(n)},x\n`]) {
        const { work } = readAll(text)
        expect(work).toBeGreaterThanOrEqual(text.length)
        expect(work).toBeLessThanOrEqual(2 * text.length)
      }
    }
    // The same text in chunks of one character costs the same.
    const text = quotesRow(5_000)
    expect(
      readAll(
        text,
        Array.from({ length: text.length }, (_, i) => i)
      ).work
    ).toBe(readAll(text).work)
  })

  it("the cost of many quotes grows linearly: 8 times the quotes take far less than 64 times as long", () => {
    // A quadratic reader (160 KB of quotes took 35 s, 40 KB 0.35 s) gives a ratio of 64 or more here.
    const time = (text: string) => {
      let best = Number.POSITIVE_INFINITY
      for (let k = 0; k < 3; k++) {
        const t = performance.now()
        const r = ok(UnitImport.fromStatisticsCsv(text, twoTier))
        best = Math.min(best, performance.now() - t)
        expect(r.rejected.map((x) => x.code)).toEqual(["14359"])
        expect(r.rejected[0]?.reason).toContain("characters long; a unit's name has at most 500")
      }
      return best
    }
    const small = quotesRow(100_000)
    const large = quotesRow(800_000)
    time(small) // warm up
    const ratio = time(large) / time(small)
    expect(ratio).toBeLessThan(24)
  }, 60_000)

  it("law: reading in chunks cut anywhere gives the records of reading the whole text, and the fields written", () => {
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "ệ", '"', ",", "\r", "\n", " ", "x", "😀") }),
      fc.constantFrom("", '""', "\r\n", " leading", "Xã ")
    )
    const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(rows, fc.constantFrom("\n", "\r\n", "\r"), fc.array(fc.nat(400)), (table, eol, cuts) => {
        const text = table.map((r) => r.map(quote).join(",")).join(eol) + eol
        const whole = readAll(text)
        expect(whole.error).toBeUndefined()
        expect(whole.records.map((r) => r.fields)).toEqual(table)
        const chunked = readAll(text, cuts)
        expect(chunked.records).toEqual(whole.records)
        // Lines are counted as an editor does: each record starts after the line breaks before it.
        const starts = whole.records.map((r) => r.line)
        expect(starts[0]).toBe(1)
        for (let k = 1; k < starts.length; k++) {
          const before = table
            .slice(0, k)
            .map((r) => r.map(quote).join(",") + eol)
            .join("")
          expect(starts[k]).toBe(before.split(/\r\n|\r|\n/u).length)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("a file given in chunks of text or bytes (cut inside letters) imports as the whole text does", async () => {
    const text = [
      "\uFEFFMã tỉnh,Tên tỉnh,Mã huyện,Tên huyện,Mã xã,Tên xã,Cấp",
      "37,Tỉnh Ninh Bình,,,14359,Phường Hoa Lư,Phường",
      '37,Tỉnh Ninh Bình,,,14362,"Đặc khu ""Bạch"" Long Vĩ",Đặc khu',
      "22,Tỉnh Quảng Ninh,,,07000,Vân Đồn,Đặc khu",
      "22,Tỉnh Quảng Ninh,,,0700,Vân Đồn,Đặc khu"
    ].join("\r\n")
    const whole = ok(UnitImport.fromStatisticsCsv(text, twoTier))
    expect(whole.added).toHaveLength(5)
    const bytes = new TextEncoder().encode(text)
    for (const size of [1, 2, 3, 7, 64]) {
      const byteChunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
        bytes.subarray(i * size, (i + 1) * size)
      )
      const fromBytes = await Effect.runPromise(UnitImport.fromStatisticsCsvChunks(byteChunks, twoTier))
      expect(fromBytes).toEqual(whole)
      const textChunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
        text.slice(i * size, (i + 1) * size)
      )
      async function* stream() {
        for (const chunk of textChunks) yield chunk
      }
      expect(await Effect.runPromise(UnitImport.fromStatisticsCsvChunks(stream(), twoTier))).toEqual(whole)
    }
  })

  it("bytes that are not UTF-8, a chunk that is not text, and a source that fails are typed errors", async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("37,T"),
      0xec,
      ...new TextEncoder().encode("nh,,,1,X,X\n")
    ])
    const notUtf8 = await Effect.runPromiseExit(UnitImport.fromStatisticsCsvChunks([latin1], twoTier))
    expect(notUtf8).toEqual(
      Exit.fail(expect.objectContaining({ _tag: "MalformedImport", record: "the file" }))
    )
    expect(String(notUtf8)).toContain("not UTF-8")
    const notText = await Effect.runPromiseExit(UnitImport.fromStatisticsCsvChunks([42 as never], twoTier))
    expect(notText).toEqual(Exit.fail(expect.objectContaining({ _tag: "MalformedImport" })))
    async function* broken() {
      yield "37,Tỉnh Ninh Bình,,,14359,Phường Hoa Lư,Phường\n"
      throw new Error("EIO: the USB stick was pulled out")
    }
    const failed = await Effect.runPromiseExit(UnitImport.fromStatisticsCsvChunks(broken(), twoTier))
    expect(failed).toEqual(
      Exit.fail(
        expect.objectContaining({ _tag: "ImportSourceFailed", reason: "EIO: the USB stick was pulled out" })
      )
    )
  })
})

/** A two-tier CSV with one commune row per name, the first a good one. */
const csvOfNames = (names: ReadonlyArray<string>) =>
  [
    "37,Tỉnh Ninh Bình,,,14359,Phường Hoa Lư,Phường",
    ...names.map((n, i) => `37,Tỉnh Ninh Bình,,,${String(14362 + i).padStart(5, "0")},${quote(n)},Xã`)
  ].join("\n")

describe("names that are not sensible are rejected rows with reasons", () => {
  const bad: ReadonlyArray<readonly [string, string, string]> = [
    ["NUL", "Xã Ninh\u0000Nhất", "U+0000 (NUL)"],
    ["an ANSI escape", "Xã \u001b[31mNinh Nhất\u001b[0m", "U+001B (ESC"],
    ["U+FFFD", "Xã Ninh Nh\uFFFDt", "U+FFFD"],
    ["Latin Ð for Đ", "Xã Ðông Thành", "Ð (U+00D0) at character 4 looks like the Vietnamese Đ (U+0110)"],
    ["Cyrillic а for a", "Xã Ninh H\u0430i", "U+0430"],
    ["Greek ο for o", "Xã Ninh L\u03BFc", "U+03BF"],
    ["only zero-width spaces", "\u200B\u200B\u200B", "nothing visible"],
    ["zero-width spaces after the type word", "Xã \u200B\u200B", "invisible character U+200B"],
    ["a lone surrogate", "Xã Ninh\uD800Nhất", "lone surrogate (U+D800)"],
    ["a line break", "Xã Ninh\nNhất", "a line break"],
    ["a name past the limit", `Xã ${"Ninh ".repeat(200)}`, "at most 500"]
  ]

  it("in the statistics office's CSV: each such row is rejected with its reason, the others imported", () => {
    const result = ok(
      UnitImport.fromStatisticsCsv(csvOfNames([...bad.map(([, name]) => name), "Xã Ninh Nhất"]), twoTier)
    )
    expect(result.added.map((u) => u.name)).toEqual(["Ninh Bình", "Hoa Lư", "Ninh Nhất"])
    expect(result.rejected).toHaveLength(bad.length)
    for (const [k, [what, , reason]] of bad.entries()) {
      expect(result.rejected[k]?.reason, what).toContain(reason)
      expect(result.rejected[k]?.code, what).toBe(String(14362 + k).padStart(5, "0"))
    }
    expect(Hierarchy.validate(result.imported)).toEqual([])
  })

  it("in the public dataset: a bad full or short name rejects the record (and those below it)", () => {
    const result = ok(
      UnitImport.fromDataset(
        [
          {
            Code: "37",
            Name: "Ninh Bình",
            FullName: "Tỉnh Ninh Bình",
            Wards: bad.map(([, name], i) => ({
              Code: String(14362 + i),
              Name: "",
              FullName: name,
              ProvinceCode: "37"
            }))
          },
          {
            Code: "01",
            Name: "Hà N\u043Ei",
            FullName: "Thành phố Hà Nội",
            Wards: [{ Code: "00001", Name: "Phúc Xá", FullName: "Phường Phúc Xá" }]
          }
        ],
        twoTier
      )
    )
    expect(result.added.map((u) => u.name)).toEqual(["Ninh Bình"])
    for (const [k, [what, , reason]] of bad.entries())
      expect(result.rejected[k]?.reason, what).toContain(reason)
    expect(result.rejected.at(-2)?.reason).toContain("the short name")
    expect(result.rejected.at(-1)?.reason).toContain("was rejected")
  })

  it("the message quotes a long value cut short, not whole", () => {
    const result = ok(UnitImport.fromStatisticsCsv(csvOfNames([`Xã ${"\u0430".repeat(1000)}`]), twoTier))
    expect(result.rejected[0]?.reason.length).toBeLessThan(400)
  })
})

describe("any non-string input is a typed error", () => {
  it("text entries given something else fail with MalformedImport", () => {
    for (const input of [42, null, undefined, {}, [], Buffer.from("37,a"), Symbol("x")]) {
      expect(fail(UnitImport.fromStatisticsCsv(input as never, twoTier))).toMatchObject({
        _tag: "MalformedImport",
        record: "the file"
      })
      expect(fail(UnitImport.fromDatasetJson(input as never, twoTier))).toMatchObject({
        _tag: "MalformedImport",
        record: "the file"
      })
    }
    expect(fail(UnitImport.fromStatisticsCsv(42 as never, twoTier)).message).toContain(
      "expected the file's text, got a number"
    )
  })

  it("options that cannot describe an import fail with InvalidImportOptions", () => {
    const throwing = {
      get validFrom(): never {
        throw new Error("no date here")
      }
    }
    for (const options of [
      null,
      "2025-07-01",
      {},
      { validFrom: "01/07/2025" },
      { validFrom: twoTierSince, validUntil: "soon" },
      { validFrom: twoTierSince, idOf: "vn-" },
      { validFrom: twoTierSince, existing: [{ id: 1 }] },
      { validFrom: twoTierSince, delimiter: '"' },
      { validFrom: twoTierSince, delimiter: ";;" },
      { validFrom: twoTierSince, delimiter: "\n" },
      throwing,
      new Proxy(
        {},
        {
          get: () => {
            throw new Error("trap")
          }
        }
      )
    ]) {
      expect(fail(UnitImport.fromStatisticsCsv("37,Tỉnh A,,,1,Xã B,Xã", options as never))._tag).toBe(
        "InvalidImportOptions"
      )
    }
    expect(fail(UnitImport.fromDataset([], throwing as never)).message).toContain("no date here")
  })

  it("an id scheme that throws or returns no id rejects the row with the reason", () => {
    const thrown = ok(
      UnitImport.fromStatisticsCsv("37,Tỉnh Ninh Bình,,,14359,Phường Hoa Lư,Phường", {
        ...twoTier,
        idOf: (k) => {
          if (k.level === "commune") throw new Error("no ids for communes today")
          return `p-${k.code}`
        }
      })
    )
    expect(thrown.added.map((u) => u.id)).toEqual(["p-37"])
    expect(thrown.rejected[0]?.reason).toBe("the id scheme failed: no ids for communes today")
    const numbers = ok(
      UnitImport.fromDataset([{ Code: "01", Name: "Hà Nội", FullName: "Thành phố Hà Nội", Wards: [] }], {
        ...twoTier,
        idOf: (() => 7) as never
      })
    )
    expect(numbers.rejected[0]?.reason).toContain("which is not an id")
  })
})

/**
 * What a caller's code may throw that `String` cannot turn into text, or that is not even safe to
 * ask `instanceof Error`: each made a `TypeError` (or itself) escape the importers, which showed
 * what was thrown with `error instanceof Error ? error.message : String(error)`.
 */
const unshowable = (): ReadonlyArray<readonly [string, unknown, string]> => [
  ["an object whose toString is not a function", { toString: "" }, "an object"],
  ["a null-prototype object", Object.create(null), "an object"],
  ["a revoked proxy", revoked(), "a value of type object that cannot be shown"],
  [
    "an Error whose message is not text",
    Object.assign(new Error(), { message: { toString: "" } }),
    "an error whose message is an object"
  ]
]

describe("what the caller's code throws is shown without throwing again", () => {
  const row = "37,Tỉnh Ninh Bình,,,14359,Phường Hoa Lư,Phường"

  it("an options getter that throws it gives InvalidImportOptions through every entry", () => {
    for (const [what, thrown, shown] of unshowable()) {
      const options = Object.defineProperty({ ...twoTier }, "delimiter", { get: thrower(thrown) })
      const reason = `the options cannot be read: ${shown}`
      expect(fail(UnitImport.fromStatisticsCsv(row, options as never)), what).toMatchObject({
        _tag: "InvalidImportOptions",
        reason
      })
      expect(fail(UnitImport.statisticsCsvImport(options as never)), what).toMatchObject({ reason })
      const noDate = Object.defineProperty({}, "validFrom", { get: thrower(thrown) })
      expect(fail(UnitImport.fromDataset([], noDate as never)), what).toMatchObject({
        _tag: "InvalidImportOptions",
        reason
      })
    }
  })

  it("an id scheme that throws it rejects the row with the reason", () => {
    for (const [what, thrown, shown] of unshowable()) {
      const result = ok(UnitImport.fromStatisticsCsv(row, { ...twoTier, idOf: thrower(thrown) }))
      expect(result.rejected[0]?.reason, what).toBe(`the id scheme failed: ${shown}`)
    }
  })

  it.effect("a source of chunks that throws it gives ImportSourceFailed, not a defect", () =>
    Effect.gen(function* () {
      for (const [what, thrown, shown] of unshowable()) {
        const source = { [Symbol.iterator]: thrower(thrown) }
        const exit = yield* Effect.exit(UnitImport.fromStatisticsCsvChunks(source as never, twoTier))
        expect(exit, what).toStrictEqual(Exit.fail(new UnitImport.ImportSourceFailed({ reason: shown })))
      }
    })
  )

  it("input whose reading throws is a MalformedImport naming the record", () => {
    const everyTrap = () =>
      new Proxy(
        {},
        Object.fromEntries(
          ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf"].map((t) => [
            t,
            thrower({ toString: "" })
          ])
        )
      )
    // Each threw out of the importer: the schemas' decoding does not catch what reading throws.
    expect(fail(UnitImport.fromDataset(revoked(), twoTier))).toMatchObject({
      _tag: "MalformedImport",
      record: "the file",
      detail: "it cannot be read: Cannot perform 'IsArray' on a proxy that has been revoked"
    })
    expect(fail(UnitImport.fromDataset([everyTrap()], twoTier))).toMatchObject({
      _tag: "MalformedImport",
      record: "provinces[0]"
    })
    const province = { Code: "01", Name: "Hà Nội", FullName: "Thành phố Hà Nội", Wards: [revoked()] }
    expect(fail(UnitImport.fromDataset([province], twoTier))).toMatchObject({
      _tag: "MalformedImport",
      record: "provinces[0].Wards[0]"
    })
    expect(fail(UnitImport.fromStatisticsCsv(revoked() as never, twoTier))).toMatchObject({
      _tag: "MalformedImport",
      record: "the file",
      detail: "expected the file's text, got an object"
    })
  })
})

describe("hostile input through every public entry of UnitImport (property)", () => {
  // Null-prototype and boxed values and objects with a `toString` key are what `String` chokes on.
  const anything = () =>
    fc.anything({ withNullPrototype: true, withBoxedValues: true, withObjectString: true, withBigInt: true })
  /** Options whose getter, or whose id scheme, throws something `String` cannot show. */
  const throwingOptions = fc
    .tuple(fc.constantFrom("validFrom", "validUntil", "delimiter", "existing", "idOf"), fc.boolean())
    .map(([key, inScheme]) =>
      inScheme
        ? { ...twoTier, idOf: thrower({ toString: "" }) }
        : Object.defineProperty({ ...twoTier }, key, { enumerable: true, get: thrower(Object.create(null)) })
    )
  const hostileOptions = fc.oneof(
    throwingOptions,
    fc.constant(twoTier),
    fc.constant(threeTier),
    anything(),
    fc.record(
      {
        validFrom: fc.oneof(fc.constant(twoTierSince), fc.string()),
        delimiter: fc.oneof(fc.string(), anything())
      },
      { requiredKeys: [] }
    )
  )
  const hostileText = fc.oneof(
    fc.string({ unit: "binary" }),
    fc.string({
      unit: fc.constantFrom('"', ",", "\r", "\n", "\u0000", "\uD800", "37", "Xã ", "Tỉnh A", "\u200B")
    }),
    anything()
  )
  const typed = (r: Result.Result<unknown, { readonly _tag: string }>) => {
    if (Result.isFailure(r)) expect(["MalformedImport", "InvalidImportOptions"]).toContain(r.failure._tag)
    else {
      const v = r.success as UnitImport.ImportResult
      expect(Hierarchy.validate(v.imported)).toEqual([])
      for (const rejection of v.rejected) expect(rejection.reason.length).toBeGreaterThan(0)
    }
  }

  it("fromStatisticsCsv, fromDatasetJson, fromDataset and statisticsCsvImport give a value or a typed error", () => {
    fc.assert(
      fc.property(hostileText, hostileOptions, anything(), (text, options, chunk) => {
        typed(UnitImport.fromStatisticsCsv(text as string, options as never))
        typed(UnitImport.fromDatasetJson(text as string, options as never))
        typed(UnitImport.fromDataset(text, options as never))
        const csv = UnitImport.statisticsCsvImport(options as never)
        if (Result.isSuccess(csv)) {
          const pushed = csv.success.push(chunk as string)
          if (Result.isFailure(pushed)) expect(pushed.failure._tag).toBe("MalformedImport")
          typed(csv.success.end())
        } else expect(csv.failure._tag).toBe("InvalidImportOptions")
      }),
      { numRuns: 400 }
    )
  })

  it.effect("fromStatisticsCsvChunks gives a value or a typed error for any chunks", () =>
    Effect.gen(function* () {
      const chunks = fc.oneof(
        fc.array(fc.oneof(fc.string(), fc.uint8Array(), anything()), { maxLength: 4 }),
        anything()
      )
      const samples = fc.sample(fc.tuple(chunks, hostileOptions), 150)
      for (const [input, options] of samples) {
        const exit = yield* Effect.exit(UnitImport.fromStatisticsCsvChunks(input as never, options as never))
        if (Exit.isFailure(exit)) {
          const reason = exit.cause.reasons[0]
          expect(reason?._tag).toBe("Fail")
          if (reason?._tag === "Fail") {
            expect(["MalformedImport", "InvalidImportOptions", "ImportSourceFailed"]).toContain(
              reason.error._tag
            )
          }
        }
      }
    })
  )
})
