import { describe, expect, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import * as fc from "fast-check"
import * as Figures from "../src/report/Figures.ts"
import { decodeProblem } from "./support/Decoding.ts"

const qcdc = {
  _tag: "QCDC",
  citizenReceptions: 3,
  directDialogues: 1,
  complaintsReceived: 2,
  complaintsResolved: 1,
  denunciationsReceived: 0,
  denunciationsResolved: 0,
  supervisionSessions: 1,
  questioningSessions: 0,
  extra: {}
}
const dvk = {
  _tag: "DVK",
  models: 2,
  byField: { economy: 2 },
  byStatus: { registered: 1, inProgress: 1, evaluated: 0, commended: 0, replicated: 0, discontinued: 0 },
  newModels: 1,
  effective: 0,
  commended: 0,
  replicated: 0,
  exemplaryCases: 0,
  extra: {}
}

/** The decoded figures, or the typed error's message (with its path). */
const decode = (input: unknown): { ok: Figures.Figures } | { error: string } => {
  const exit = Schema.decodeUnknownExit(Figures.Figures)(input)
  if (Exit.isSuccess(exit)) return { ok: exit.value }
  const reason = exit.cause.reasons[0]
  if (reason?._tag !== "Fail") throw new Error(`not a typed error: ${String(exit.cause)}`)
  return { error: reason.error.message }
}
const error = (input: unknown) => {
  const r = decode(input)
  if ("ok" in r) throw new Error(`expected a failure, got ${JSON.stringify(r.ok)}`)
  return r.error
}

describe("Figures: every key that fails its check is a typed error naming the key", () => {
  it("an extra indicator keyed by a Vietnamese label, or by a code longer than 128 characters, is refused", () => {
    const label = error({ ...qcdc, extra: { hoGiaDinh: 4, "hộ gia đình": 5 } })
    expect(label).toContain('at ["extra"]["hộ gia đình"]')
    expect(label).toContain("belongs in the indicator labels")
    const long = "a".repeat(129)
    expect(error({ ...dvk, extra: { [long]: 1 } })).toContain(`["extra"]["${long}"]`)
    expect(decode({ ...dvk, extra: { ["a".repeat(128)]: 1 } })).toMatchObject({
      ok: { extra: { ["a".repeat(128)]: 1 } }
    })
  })

  it("a byField key that is not a field id, and a byStatus key that is not a status, are refused", () => {
    expect(error({ ...dvk, byField: { "kinh tế": 2 } })).toContain('at ["byField"]["kinh tế"]')
    expect(error({ ...dvk, byStatus: { ...dvk.byStatus, paused: 0 } })).toContain(
      '"paused" is not a model status'
    )
    expect(error({ ...dvk, byStatus: { registered: 2 } })).toContain('["byStatus"]["inProgress"]')
  })

  it("keys that are valid codes are all kept, prototype names included", () => {
    const extra = JSON.parse('{"__proto__":1,"toString":2,"constructor":3,"hoGiaDinh":4}')
    const r = decode({ ...qcdc, extra })
    expect("ok" in r && Object.entries(r.ok.extra)).toEqual([
      ["__proto__", 1],
      ["toString", 2],
      ["constructor", 3],
      ["hoGiaDinh", 4]
    ])
  })

  it("no key is ever dropped: figures decode with every key they were given, or fail naming one (property)", () => {
    const key = fc.oneof(
      fc.string({ maxLength: 140 }),
      fc.constantFrom(
        "hoGiaDinh",
        "economy",
        "registered",
        "hộ gia đình",
        "__proto__",
        "a".repeat(129),
        "b c"
      )
    )
    const counts = fc.dictionary(key, fc.nat(100), { maxKeys: 5 })
    fc.assert(
      fc.property(counts, counts, counts, (extra, byField, statusExtra) => {
        for (const input of [
          { ...qcdc, extra },
          { ...dvk, extra, byField },
          { ...dvk, byStatus: { ...dvk.byStatus, ...statusExtra } }
        ]) {
          expect(decodeProblem(Figures.Figures, input)).toBeUndefined()
          const r = decode(input)
          if ("ok" in r) {
            const given = input as Record<string, unknown>
            const got = r.ok as unknown as Record<string, unknown>
            for (const map of ["extra", "byField", "byStatus"]) {
              if (given[map] === undefined) continue
              expect(Object.keys(got[map] as object).sort()).toEqual(Object.keys(given[map] as object).sort())
            }
          } else {
            // The error names a key of the input.
            const keys = [
              ...Object.keys(extra),
              ...Object.keys(byField),
              ...Object.keys(statusExtra),
              "inProgress"
            ]
            expect(keys.some((k) => r.error.includes(JSON.stringify(k)))).toBe(true)
          }
        }
      }),
      { numRuns: 300 }
    )
  })
})

describe("indicator labels live apart from their identifiers", () => {
  it("labels are Vietnamese text within a limit, keyed by indicator path", () => {
    const labels = Schema.decodeUnknownSync(Figures.IndicatorLabels)({
      "extra.hoGiaDinh": "Hộ gia đình".normalize("NFD"),
      models: "Số mô hình “Dân vận khéo”"
    })
    expect(Figures.labelOf("extra.hoGiaDinh", labels)).toBe("Hộ gia đình")
    expect(Figures.labelOf("extra.khac", labels)).toBe("extra.khac")
    expect(Figures.labelOf("toString", labels)).toBe("toString")
    const tooLong = Schema.decodeUnknownExit(Figures.IndicatorLabels)({ models: "Số ".repeat(100) })
    expect(String(tooLong)).toContain("the limit is 200")
    const badPath = Schema.decodeUnknownExit(Figures.IndicatorLabels)({ "hộ gia đình": "Hộ gia đình" })
    expect(String(badPath)).toContain('["hộ gia đình"]')
    const invisible = Schema.decodeUnknownExit(Figures.IndicatorLabels)({ models: "\u200B" })
    expect(String(invisible)).toContain("nothing visible")
  })

  it("codeFromLabel gives a valid code for any label, the same for NFC and NFD (property)", () => {
    expect(Figures.codeFromLabel("Hộ gia đình")).toBe("hoGiaDinh")
    expect(Figures.codeFromLabel("Số hộ nghèo (2024)")).toBe("soHoNgheo2024")
    const isCode = Schema.is(Figures.IndicatorCode)
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("Đảng viên", "ĐOÀN")),
        (label) => {
          const code = Figures.codeFromLabel(label)
          expect(isCode(code)).toBe(true)
          expect(Figures.codeFromLabel(label.normalize("NFD"))).toBe(
            Figures.codeFromLabel(label.normalize("NFC"))
          )
          const figures = decode({ ...qcdc, extra: { [code]: 1 } })
          expect("ok" in figures).toBe(true)
        }
      )
    )
  })
})

describe("Figures.addFigures", () => {
  const count = fc.nat(1_000)
  const extra = fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), count, { maxKeys: 3 })
  const figuresArb: fc.Arbitrary<Figures.Figures> = fc.oneof(
    fc.record({ a: count, b: count, c: count, extra }).map(
      ({ a, b, c, extra }) =>
        ({
          ...qcdc,
          citizenReceptions: a,
          directDialogues: b,
          questioningSessions: c,
          extra
        }) as Figures.Figures
    ),
    fc.record({ economy: count, culture: count, inProgress: count, extra }).map(
      ({ economy, culture, inProgress, extra }) =>
        ({
          ...dvk,
          models: economy + culture,
          byField: { economy, "culture-society": culture },
          byStatus: { ...dvk.byStatus, inProgress },
          extra
        }) as Figures.Figures
    )
  )
  const totalsArb = fc.dictionary(
    fc.constantFrom("models", "byField.economy", "extra.x", "citizenReceptions"),
    count
  )

  it("adds what addFlat adds of the flattened figures, into the same accumulator (property)", () => {
    fc.assert(
      fc.property(totalsArb, fc.array(figuresArb, { maxLength: 5 }), (totals, all) => {
        const direct = { ...totals }
        const flat = { ...totals }
        for (const f of all) {
          expect(Figures.addFigures(direct, f)).toBe(direct)
          Figures.addFlat(flat, Figures.flatten(f))
        }
        expect(direct).toEqual(flat)
      })
    )
  })
})

describe("Figures.totals", () => {
  const count = fc.nat(1_000)
  // Codes that name members of Object.prototype are codes too, and must sum like any other.
  const code = fc.oneof(
    fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/),
    fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty")
  )
  const extra = fc.dictionary(code, count, { maxKeys: 3 })
  const figuresArb: fc.Arbitrary<Figures.Figures> = fc.oneof(
    fc
      .record({ a: count, b: count, extra })
      .map(
        ({ a, b, extra }) => ({ ...qcdc, citizenReceptions: a, directDialogues: b, extra }) as Figures.Figures
      ),
    fc.record({ fields: fc.dictionary(code, count, { maxKeys: 3 }), inProgress: count, extra }).map(
      ({ fields, inProgress, extra }) =>
        ({
          ...dvk,
          models: Object.values(fields).reduce((a, b) => a + b, 0),
          byField: fields,
          byStatus: { ...dvk.byStatus, inProgress },
          extra
        }) as Figures.Figures
    )
  )

  it("sums what addFigures sums into one empty accumulator, path by path (property)", () => {
    fc.assert(
      fc.property(fc.array(figuresArb, { maxLength: 8 }), (all) => {
        const totals = Figures.totals()
        const direct: Record<string, number> = {}
        for (const f of all) {
          totals.add(f)
          Figures.addFigures(direct, f)
        }
        const flat = totals.flat()
        expect(Object.keys(flat).sort()).toEqual(Object.keys(direct).sort())
        for (const key of Object.keys(direct)) expect(Object.hasOwn(flat, key) && flat[key]).toBe(direct[key])
      })
    )
  })

  it("reads a fresh object each time, and keeps counting after a read", () => {
    const totals = Figures.totals()
    totals.add(dvk as Figures.Figures)
    const first = totals.flat()
    first["models"] = 100
    totals.add({ ...dvk, extra: { ["__proto__"]: 3 } } as unknown as Figures.Figures)
    const second = totals.flat()
    expect(second["models"]).toBe(4)
    expect(second["byField.economy"]).toBe(4)
    expect(second["byStatus.registered"]).toBe(2)
    expect(Object.hasOwn(second, "extra.__proto__") && second["extra.__proto__"]).toBe(3)
    expect(totals.flat()).toEqual(second)
    expect(totals.flat()).not.toBe(second)
    expect(Figures.totals().flat()).toEqual({})
  })
})
