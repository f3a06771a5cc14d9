import * as fs from "node:fs"
import {
  Directive,
  DirectiveRules,
  DvkModel,
  Figures,
  FiguresRules,
  Hierarchy,
  ModelField,
  ModelLifecycle,
  ModelTally,
  Report,
  Succession,
  SuccessionRules,
  Unit
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { windowOf } from "../src/generate/Calendar.ts"
import * as Plan from "../src/generate/Plan.ts"
import * as Province from "../src/generate/Province.ts"

const haveUnits = fs.existsSync(Plan.defaultUnitsFile)
const describeData = haveUnits ? describe : describe.skip
if (!haveUnits) console.warn(`skipping the generator's tests: ${Plan.defaultUnitsFile} is absent`)

const encoded = (value: unknown) => JSON.stringify(value)

describe("selectProvinces", () => {
  const all: ReadonlyArray<Plan.SourceProvince> = Array.from({ length: 63 }, (_, i) => ({
    Code: String(i + 1).padStart(2, "0"),
    Name: `P${i}`,
    FullName: `Tỉnh P${i}`,
    District: Array.from({ length: 5 + (i % 9) }, () => ({
      Ward: Array.from({ length: 5 + ((i * 7) % 23) }, () => ({}))
    }))
  }))
  const total = all.reduce((n, p) => n + Plan.territorialSize(p), 0)

  it("picks a non-empty, increasing, repeatable subset near the share", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), fc.nat(1_000_000), (scale, seed) => {
        const chosen = Plan.selectProvinces(all, scale, seed)
        expect(chosen.length).toBeGreaterThan(0)
        for (let i = 1; i < chosen.length; i++) expect(chosen[i]!).toBeGreaterThan(chosen[i - 1]!)
        expect(Plan.selectProvinces(all, scale, seed)).toEqual(chosen)
        const size = chosen.reduce((n, i) => n + Plan.territorialSize(all[i]!), 0)
        const largest = Math.max(...all.map(Plan.territorialSize))
        // Never further from the share than the smallest single province, or half a province past it.
        if (chosen.length > 1) expect(Math.abs(size - scale * total)).toBeLessThanOrEqual(largest / 2 + 1)
      })
    )
  })

  it("takes every province at scale 1", () => {
    expect(Plan.selectProvinces(all, 1, 7)).toEqual(all.map((_, i) => i))
  })
})

describeData("the generated data (one province at 1%)", () => {
  // A skipped suite's body still runs to collect its tests: read nothing without the unit list.
  if (!haveUnits) return
  const plan = Plan.make({ scale: 0.01, seed: 1 })
  const chunk = Province.generate(plan, 0)

  it("is the same for the same seed, and differs for another seed", () => {
    const again = Province.generate(Plan.make({ scale: 0.01, seed: 1 }), 0)
    expect(encoded(again)).toBe(encoded(chunk))
    const other = Province.generate({ ...plan, seed: 2 }, 0)
    expect(other.province.id).toBe(chunk.province.id)
    expect(encoded(other.models)).not.toBe(encoded(chunk.models))
    expect(encoded(other.units.map((u) => u.name))).not.toBe(encoded(chunk.units.map((u) => u.name)))
    // Two provinces generated with every record checked by the domain's schemas: seconds on a busy
    // machine, more than the default timeout.
  }, 60_000)

  it("is the same when each record is taken by a receiver as it is made, and every record is taken once", () => {
    // A receiver that copies each record (as danvan's decoding does): the chunk must hold the
    // copies, in the generator's order, with the same content as the generator's own records.
    const taken = new Map<string, number>()
    const copy =
      <A extends object>(kind: string) =>
      (record: A): A => {
        taken.set(kind, (taken.get(kind) ?? 0) + 1)
        return Object.assign(Object.create(Object.getPrototypeOf(record)), record)
      }
    const receive: Province.Receive = {
      unit: copy("unit"),
      succession: copy("succession"),
      model: copy("model"),
      report: (entry) => ({
        report: copy<Report.Report>("report")(entry.report),
        revisions: entry.revisions.map(copy("revision"))
      }),
      directive: copy("directive")
    }
    const received = Province.generate(plan, 0, receive)
    expect(encoded(received)).toBe(encoded(chunk))
    expect(encoded(Province.received(chunk, receive))).toBe(encoded(chunk))
    expect(received.units[0]).toBe(received.province)
    expect(received.units.every((u, i) => u !== chunk.units[i])).toBe(true)
    expect(received.reports.every((e, i) => e.report !== chunk.reports[i]!.report)).toBe(true)
    // Units are taken as they are made (a merged unit once more, when its end is set).
    expect(taken.get("unit")).toBe(2 * chunk.units.length + chunk.successions.length)
    expect(taken.get("model")).toBe(2 * chunk.models.length)
    expect(taken.get("report")).toBe(2 * chunk.reports.length)
  }, 60_000)

  it("has the national proportions", () => {
    const communes = chunk.units.filter((u) => u.level === "commune").length
    const grassroots = chunk.units.filter((u) => u.level === "grassroots").length
    expect(grassroots / communes).toBeGreaterThan(7.5)
    expect(grassroots / communes).toBeLessThan(10.5)
    expect(chunk.models.length / chunk.units.length).toBeGreaterThan(1.8)
    expect(chunk.models.length / chunk.units.length).toBeLessThan(3.2)
    // two programmes × four half-years for (nearly) every unit
    expect(chunk.reports.length / chunk.units.length).toBeGreaterThan(7.5)
    expect(chunk.reports.length / chunk.units.length).toBeLessThanOrEqual(8)
    expect(chunk.drafts.length).toBeGreaterThan(0)
  })

  it("decodes with the domain schemas", () => {
    const check = <S extends Schema.Top>(schema: S, values: ReadonlyArray<unknown>) => {
      const encode = Schema.encodeUnknownSync(schema as never)
      const decode = Schema.decodeUnknownResult(schema as never)
      for (const v of values) {
        const r = decode(encode(v))
        if (Result.isFailure(r)) throw new Error(`${JSON.stringify(v).slice(0, 200)}: ${String(r.failure)}`)
      }
    }
    check(Unit.Unit, chunk.units)
    check(Succession.Succession, chunk.successions)
    check(DvkModel.DvkModel, chunk.models)
    check(
      Report.Report,
      chunk.reports.map((e) => e.report)
    )
    check(
      Report.ReportRevision,
      chunk.reports.flatMap((e) => e.revisions)
    )
    check(Directive.Directive, chunk.directives)
  })

  it("keeps the hierarchy and succession rules", () => {
    expect(Hierarchy.validate(chunk.units).map((v) => v.message)).toEqual([])
    expect(SuccessionRules.validate(chunk.units, chunk.successions).map((v) => v.message)).toEqual([])
    for (const s of chunk.successions) expect(s.carriesHistory).toBe(true)
  })

  it("builds every model through the lifecycle's allowed steps", () => {
    const byId = new Map<string, DvkModel.DvkModel>()
    for (const m of chunk.models) {
      const source = m.replicaOf === undefined ? undefined : byId.get(m.replicaOf)
      if (m.replicaOf !== undefined) expect(source).toBeDefined()
      const first = m.events[0]!
      let model = Result.getOrThrow(
        ModelLifecycle.register(
          {
            id: m.id,
            unitId: m.unitId,
            phaseId: m.phaseId,
            fieldId: m.fieldId,
            registeredOn: m.registeredOn,
            content: m.content,
            ...(m.replicaOf === undefined ? {} : { replicaOf: m.replicaOf }),
            by: first.by
          },
          source === undefined ? {} : { source }
        )
      )
      for (const e of m.events.slice(1)) {
        const next = ModelLifecycle.apply(model, e)
        if (Result.isFailure(next)) throw new Error(`${m.id}: ${next.failure.message}`)
        model = next.success
      }
      byId.set(m.id, m)
    }
  })

  it("fills every report with consistent figures, DVK ones from the unit's models", () => {
    const modelsOf = new Map<string, Array<DvkModel.DvkModel>>()
    for (const m of chunk.models) modelsOf.set(m.unitId, [...(modelsOf.get(m.unitId) ?? []), m])
    const fieldIds = ModelField.defaults.map((f) => f.id)
    for (const { report, revisions } of chunk.reports) {
      expect(FiguresRules.check(report.content.figures).map((v) => v.message)).toEqual([])
      expect(report.content.figures._tag).toBe(report.programme)
      if (report.programme === "DVK") {
        const window = windowOf("DVK", report.periodId)
        const { exemplaryCases: _a, ...tally } = ModelTally.tally(
          modelsOf.get(report.unitId) ?? [],
          fieldIds,
          window.last,
          {
            newWithin: window
          }
        )
        const { exemplaryCases: _b, ...figures } = report.content.figures as Figures.DvkFigures
        expect(figures).toEqual(tally)
      }
      const submitted = report.events.filter((e) => e._tag === "Submitted")
      expect(revisions.map((r) => r.revision)).toEqual(submitted.map((_, i) => i + 1))
      expect(report.revision).toBe(revisions.length)
      expect(revisions.at(-1)?.content ?? report.content).toBe(report.content)
    }
  })

  it("gives directives unique numbers and valid replacement chains", () => {
    const all = [...plan.directives, ...chunk.directives]
    expect(DirectiveRules.validateReplacements(all).map((v) => v.message)).toEqual([])
    const keys = all.map((d) => Directive.numberingKey(d))
    expect(new Set(keys).size).toBe(keys.length)
    // Every province numbers its own documents from 01, as provinces do; the issuing unit keeps them apart.
    expect(
      chunk.directives.every((d) => d.issuedBy._tag === "Unit" && d.issuedBy.unitId === chunk.province.id)
    ).toBe(true)
    expect(chunk.directives.filter((d) => d.number.number === 1).length).toBeGreaterThan(0)
    expect(plan.directives.every((d) => d.issuedBy._tag === "Central")).toBe(true)
  })

  it("knows the answers the scenarios must find", () => {
    const approved = chunk.reports.filter(
      (e) => e.report.periodId === "2024S1" && e.report.programme === "DVK" && e.report.status === "approved"
    )
    expect(chunk.expected.counted.DVK).toBe(approved.length)
    const sum: Record<string, number> = {}
    for (const e of approved) Figures.addFlat(sum, Figures.flatten(e.report.content.figures))
    expect(chunk.expected.rollup.DVK).toEqual(sum)
    const h = Hierarchy.make(chunk.units)
    expect(chunk.expected.jurisdiction).toBe(
      Hierarchy.jurisdiction(h, chunk.province.id, "2024-06-30" as never).length
    )
    expect(chunk.expected.district.size).toBe(
      Hierarchy.jurisdiction(h, chunk.expected.district.id, "2024-06-30" as never).length
    )
  })
})
