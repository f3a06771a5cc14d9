/**
 * Round trips of awkward data: Vietnamese text given in NFC and NFD (decoded through the schemas,
 * stored NFC), the longest names, quotes and SQL in text, every indicator, the largest and
 * smallest counts, dates at the edges of periods. What goes in comes out exactly, and nothing a
 * caller holds can change what is stored.
 *
 * @since 0.1.0
 */
import { AuditEntry, Directive, DvkModel, Figures, Ids, Page, Regime, Report, Unit } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import * as fc from "fast-check"
import * as Arb from "../arbitraries.ts"
import * as F from "../fixtures.ts"
import { ids, type Suite, services, test } from "./helpers.ts"

const awkward = [
  "Robert'); DROP TABLE units;--",
  'Tên có "ngoặc kép" và \\ gạch chéo ngược',
  "50% _giảm_ ; SELECT * FROM reports WHERE 1=1",
  "Dòng một\nDòng hai\tcó tab",
  "NULL",
  "Ủy ban MTTQ Việt Nam 🇻🇳 – “Dân vận khéo”",
  "ế ề ể ễ ệ Ư ư Ơ ơ Đ đ"
]

/**
 * Awkward unit names: unit names are Vietnamese names (`Text.VietnameseName`), so quotes, brackets
 * and SQL made of words, but no semicolons, backslashes or emoji, which stay in the titles and
 * summaries above.
 */
const awkwardUnitNames = [
  "Robert') DROP TABLE units--",
  "Tên có \"ngoặc kép\" và 'nháy đơn'",
  "NULL",
  "Ủy ban MTTQ Việt Nam – “Dân vận khéo”",
  "ế ề ể ễ ệ Ư ư Ơ ơ Đ đ"
]

const nfd = (s: string) => s.normalize("NFD")

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("round trips", () => {
    test(
      suite,
      "Vietnamese text given in NFD is decoded to NFC by the schemas, stored and returned in NFC",
      Effect.gen(function* () {
        const { units, reports, models } = yield* services
        const name = "Thị xã Hương Thủy, Thừa Thiên Huế, Đắk Lắk, Quảng Ngãi"
        expect(nfd(name)).not.toBe(name)
        const unit = Schema.decodeUnknownSync(Unit.Unit)({
          ...Schema.encodeSync(Unit.Unit)(F.unit("vn-46", "province", "x")),
          name: `  ${nfd(name)} `
        })
        yield* units.insert([unit])
        const got = yield* units.get(unit.id)
        expect(got.name).toBe(name)
        expect(got.name.normalize("NFC")).toBe(got.name)
        const content = Schema.decodeUnknownSync(Report.ReportContent)({
          figures: F.qcdcFigures(),
          achievements: nfd("Tổ chức đối thoại trực tiếp với Nhân dân"),
          shortcomings: nfd("Một số nơi còn hình thức"),
          nextTasks: ""
        })
        const report = new Report.Report({ ...F.report("r-1", "vn-46", "2024S1", "QCDC"), content })
        yield* reports.insert(report)
        const r = yield* reports.get(report.id)
        expect([r.content.achievements, r.content.shortcomings]).toEqual([
          "Tổ chức đối thoại trực tiếp với Nhân dân",
          "Một số nơi còn hình thức"
        ])
        const registration = Schema.decodeUnknownSync(DvkModel.RegistrationContent)({
          name: nfd("Mô hình “Dân vận khéo” xây dựng nông thôn mới"),
          beneficiaries: nfd("Hộ nghèo, người có công")
        })
        yield* models.insert([new DvkModel.DvkModel({ ...F.model("m-1", "vn-46"), content: registration })])
        const m = yield* models.get(Ids.ModelId.make("m-1"))
        expect(m.content.name).toBe("Mô hình “Dân vận khéo” xây dựng nông thôn mới")
        expect(m.content.beneficiaries).toBe("Hộ nghèo, người có công")
      })
    )

    test(
      suite,
      "names of 500 characters, quotes, semicolons, SQL keywords, new lines and emoji come back exactly",
      Effect.gen(function* () {
        const { units, directives, audit } = yield* services
        const long = "Ệ".repeat(250) + "ư".repeat(250)
        expect(long.length).toBe(500)
        const list = [
          F.unit("u-long", "province", long),
          ...awkwardUnitNames.map((n, i) => F.unit(`u-${i}`, "province", n))
        ]
        yield* units.insert(list)
        for (const u of list) expect((yield* units.get(u.id)).name).toBe(u.name)
        for (const [i, text] of awkward.entries()) {
          yield* directives.insert(
            F.directive(`d-${i}`, F.stateNumber(i + 1, "UBND", { type: "QĐ" }), {
              title: text,
              issuedOn: "2024-02-29"
            })
          )
          yield* audit.append([
            F.audit(`a-${i}`, "2024-02-29T12:00:00.000Z", { summary: text, subjectId: `s'${i}"` })
          ])
        }
        expect((yield* Page.collect((p) => directives.list({}, p))).map((d) => d.title)).toEqual(awkward)
        const entries = yield* Page.collect((p) => audit.list({}, p))
        expect(entries.map((e) => e.summary)).toEqual(awkward)
        expect(ids((yield* audit.list({ subjectId: `s'4"` })).items)).toEqual(["a-4"])
        expect((yield* units.get(Ids.UnitId.make("u-1"))).name).toContain('"ngoặc kép"')
      })
    )

    test(
      suite,
      "every indicator of both programmes, with counts 0 and Number.MAX_SAFE_INTEGER, comes back exactly",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const max = Number.MAX_SAFE_INTEGER
        const dvk = F.dvkFigures({
          models: max,
          byField: {
            economy: 0,
            "culture-society": max,
            "security-defence": 1,
            "political-system": 2,
            rural: 3
          } as Figures.DvkFigures["byField"],
          byStatus: {
            registered: max,
            inProgress: 0,
            evaluated: 1,
            commended: 2,
            replicated: 3,
            discontinued: 4
          },
          newModels: 0,
          effective: max,
          commended: 1,
          replicated: 0,
          exemplaryCases: max,
          extra: { hoGiaDinh: max, "so-ho": 0, "x.y": 7, "q'1": 8 }
        })
        const qcdc = F.qcdcFigures({
          citizenReceptions: max,
          directDialogues: 0,
          complaintsReceived: 1,
          complaintsResolved: 2,
          denunciationsReceived: 3,
          denunciationsResolved: 4,
          supervisionSessions: 5,
          questioningSessions: max,
          extra: { a_b: max, tong: 0 }
        })
        yield* reports.insert(F.report("r-dvk", "vn-37", "2021-2025", "DVK", { figures: dvk }))
        yield* reports.insert(F.report("r-qcdc", "vn-37", "2024NineMonths", "QCDC", { figures: qcdc }))
        expect((yield* reports.get(Ids.ReportId.make("r-dvk"))).content.figures).toEqual(dvk)
        expect((yield* reports.get(Ids.ReportId.make("r-qcdc"))).content.figures).toEqual(qcdc)
        expect(Figures.flatten((yield* reports.get(Ids.ReportId.make("r-dvk"))).content.figures)).toEqual(
          Figures.flatten(dvk)
        )
      })
    )

    test(
      suite,
      "random figures and report texts round-trip exactly",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const samples = fc.sample(
          fc
            .tuple(Arb.programme, Arb.periodId)
            .chain(([programme, periodId]) =>
              Arb.report({ unitId: Ids.UnitId.make("vn-37"), periodId, programme })
            ),
          { numRuns: 60, seed: 42 }
        )
        const seen = new Set<string>()
        for (const [i, r] of samples.entries()) {
          const slot = `${r.periodId} ${r.programme}`
          if (seen.has(slot)) continue
          seen.add(slot)
          const report = new Report.Report({ ...r, id: Ids.ReportId.make(`r-${i}`) })
          yield* reports.insert(report)
          const got = yield* reports.get(report.id)
          expect(Schema.encodeSync(Report.Report)(got)).toEqual({
            ...Schema.encodeSync(Report.Report)(report),
            version: 1
          })
        }
        expect(seen.size).toBeGreaterThan(10)
      })
    )

    test(
      suite,
      "random regimes (observing public holidays or not) and audit entries (with a role or without) round-trip exactly",
      Effect.gen(function* () {
        const { units, referenceData: reference, audit } = yield* services
        const regimes = fc.sample(Arb.regime, { numRuns: 40, seed: 42 })
        const seen = new Set<string>()
        for (const regime of regimes) {
          if (seen.has(regime.id)) continue
          seen.add(regime.id)
          const put = yield* reference.putRegime(regime)
          const expected = { ...Schema.encodeSync(Regime.ReportingRegime)(regime), version: 1 }
          expect(Schema.encodeSync(Regime.ReportingRegime)(put)).toEqual(expected)
          expect(Schema.encodeSync(Regime.ReportingRegime)(yield* reference.regime(regime.id))).toEqual(
            expected
          )
        }
        const observing = (yield* reference.regimes).filter((r) => r.publicHolidays !== undefined)
        expect(observing.length).toBeGreaterThan(2)
        expect(observing.some((r) => (r.publicHolidays?.schedules.length ?? 0) > 0)).toBe(true)
        expect((yield* reference.regimes).length - observing.length).toBeGreaterThan(2)

        yield* units.insert([F.unit("vn-37", "province", "Ninh Bình")])
        const entries = [
          ...new Map(
            fc
              .sample(Arb.auditEntry(Ids.UnitId.make("vn-37")), { numRuns: 40, seed: 42 })
              .map((e) => [e.id, e] as const)
          ).values()
        ]
        yield* audit.append(entries)
        const listed = yield* Page.collect((p) => audit.list({}, p))
        const byId = (es: ReadonlyArray<AuditEntry.AuditEntry>) =>
          Object.fromEntries(es.map((e) => [e.id, Schema.encodeSync(AuditEntry.AuditEntry)(e)]))
        expect(byId(listed)).toEqual(byId(entries))
        expect(listed.filter((e) => e.actor.role !== undefined).length).toBeGreaterThan(2)
        expect(listed.filter((e) => e.actor.role === undefined).length).toBeGreaterThan(2)
      })
    )

    test(
      suite,
      "dates at the edges of periods and of validity (half-open intervals, leap day)",
      Effect.gen(function* () {
        const { units, reports, audit } = yield* services
        yield* units.insert([
          F.unit("vn-37", "province", "Ninh Bình"),
          F.unit("c-a", "commune", "A", {
            validFrom: "2024-12-15",
            validUntil: "2025-07-01",
            parents: [["vn-37", "2024-12-15"]]
          }),
          F.unit("c-b", "commune", "B", {
            validFrom: "2024-02-29",
            validUntil: "2024-03-01",
            parents: [["vn-37", "2024-02-29"]]
          }),
          F.unit("c-c", "commune", "C", {
            validFrom: "2000-01-01",
            parents: [
              ["vn-37", "2000-01-01", "2024-12-15"],
              ["c-a", "2024-12-15", "2025-07-01"],
              ["vn-37", "2025-07-01"]
            ]
          })
        ])
        const on = (d: string) =>
          Effect.map(
            Page.collect((p) => units.list({ asOf: F.date(d), levels: ["commune"] }, p)),
            ids
          )
        expect(yield* on("2024-02-28")).toEqual(["c-c"])
        expect(yield* on("2024-02-29")).toEqual(["c-b", "c-c"])
        expect(yield* on("2024-03-01")).toEqual(["c-c"])
        expect(yield* on("2024-12-14")).toEqual(["c-c"])
        expect(yield* on("2024-12-15")).toEqual(["c-a", "c-c"])
        expect(yield* on("2025-06-30")).toEqual(["c-a", "c-c"])
        expect(yield* on("2025-07-01")).toEqual(["c-c"])
        const chain = (d: string) => Effect.map(units.ancestors(Ids.UnitId.make("c-c"), F.date(d)), ids)
        expect(yield* chain("2024-12-14")).toEqual(["vn-37"])
        expect(yield* chain("2024-12-15")).toEqual(["c-a", "vn-37"])
        expect(yield* chain("2025-06-30")).toEqual(["c-a", "vn-37"])
        expect(yield* chain("2025-07-01")).toEqual(["vn-37"])
        const periods = ["202412", "2024Q4", "2024S2", "2024NineMonths", "2025", "2021-2025", "2025Q3"]
        for (const period of periods) yield* reports.insert(F.report(`r-${period}`, "c-c", period, "QCDC"))
        for (const period of periods) {
          const found = yield* reports.find(Ids.UnitId.make("c-c"), F.period(period), "QCDC")
          expect(Option.map(found, (r) => r.periodId)).toEqual(Option.some(period))
        }
        yield* audit.append([
          F.audit("a-1", "2024-12-14T16:59:59.999Z"),
          F.audit("a-2", "2024-12-14T17:00:00.000Z"),
          F.audit("a-3", "2024-02-29T23:59:59.999Z")
        ])
        expect(ids((yield* audit.list({ from: F.at("2024-12-14T17:00:00.000Z") })).items)).toEqual(["a-2"])
        expect(ids((yield* audit.list({ to: F.at("2024-12-14T17:00:00.000Z") })).items)).toEqual([
          "a-3",
          "a-1"
        ])
        const a3 = (yield* audit.list({ to: F.at("2024-03-01T00:00:00.000Z") })).items[0]
        expect(a3).toBeInstanceOf(AuditEntry.AuditEntry)
        expect(a3?.at).toBe("2024-02-29T23:59:59.999Z")
      })
    )

    test(
      suite,
      "records come out as instances of the domain classes, and nothing a caller holds changes the store",
      Effect.gen(function* () {
        const { units, directives, reports } = yield* services
        const province = F.unit("vn-37", "province", "Ninh Bình")
        const commune = F.unit("c-1", "commune", "Gia Lâm", { parents: [["vn-37", "1992-01-01"]] })
        const [, stored] = yield* units.insert([province, commune])
        // Tamper with what was given and with what came back: the store must not share them.
        const tamper = (record: object) => {
          try {
            ;(record as { parents: Array<unknown> }).parents.push(
              new Unit.ParentLink({
                parentId: Ids.UnitId.make("evil"),
                from: F.date("1992-01-01")
              })
            )
          } catch {
            // frozen: fine
          }
          try {
            ;(record as { name: string }).name = "Sửa trộm"
          } catch {
            // frozen: fine
          }
        }
        tamper(commune)
        tamper(stored!)
        const read = yield* units.get(Ids.UnitId.make("c-1"))
        tamper(read)
        const again = yield* units.get(Ids.UnitId.make("c-1"))
        expect(again).toBeInstanceOf(Unit.Unit)
        expect(again.name).toBe("Gia Lâm")
        expect(again.parents.map((l) => l.parentId)).toEqual(["vn-37"])
        const d = F.directiveChain()[1]!
        yield* directives.insert(F.directiveChain()[0]!)
        yield* directives.insert(d)
        try {
          ;(d.replaces as Array<Ids.DirectiveId>).push(Ids.DirectiveId.make("evil"))
        } catch {
          // frozen: fine
        }
        const got = yield* directives.get(d.id)
        expect(got).toBeInstanceOf(Directive.Directive)
        expect(got.replaces).toEqual(["nd-60-2013"])
        // A report read twice: the second read must not see what was done to the first.
        yield* reports.insert(F.report("r-held", "c-1", "2024S1", "QCDC"))
        const first = yield* reports.get(Ids.ReportId.make("r-held"))
        try {
          ;(first.events as unknown as Array<unknown>).push(first.events[0])
        } catch {
          // frozen: fine
        }
        try {
          ;(first as { status: string }).status = "approved"
        } catch {
          // frozen: fine
        }
        const second = yield* reports.get(Ids.ReportId.make("r-held"))
        expect(second.status).toBe("draft")
        expect(second.events).toHaveLength(1)
      })
    )
  })
}
