/**
 * Bulk writes of records `Checked` decoded (decision records 0034 and 0042): a store may skip the
 * checks of a record `Checked` vouches for with its kind's schema, but must store and hand back
 * exactly what it stores and hands back for the same record built any other way; a record it does
 * not vouch for (built without checks, frozen or not) is still checked and refused when it breaks
 * its schema; and a batch of checked records that fails in the middle leaves nothing.
 *
 * @since 0.1.0
 */
import { Checked, Directive, DvkModel, Ids, Page, Report, type Store, Succession, Unit } from "@danvan/core"
import { describe, expect } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as F from "../fixtures.ts"
import { type Suite, services, test, violates } from "./helpers.ts"

/** A record as an application holds it after decoding its input once at the boundary. */
const checked = <S extends Schema.Codec<unknown, unknown>>(schema: S, record: S["Type"]): S["Type"] =>
  Checked.decodeUnknownSync(schema)(Schema.encodeUnknownSync(schema)(record))

/** The records of one import of every kind, as given (`as` is the identity or `checked`). */
const batch = (as: <S extends Schema.Codec<unknown, unknown>>(schema: S, record: S["Type"]) => S["Type"]) => {
  const a = F.report("r-1", "vn-37-a", "2024S1", "DVK", { status: "approved", revision: 2 })
  const b = F.report("r-2", "vn-37-b", "2024S1", "QCDC")
  return {
    units: [
      F.unit("vn-37", "province", "Ninh Bình", { code: "37" }),
      F.unit("vn-37-a", "commune", "Ninh Hải", { parents: [["vn-37", "1992-01-01"]] }),
      F.unit("vn-37-b", "commune", "Ninh Xuân", {
        code: "14434",
        parents: [["vn-37", "1992-01-01", "2025-06-30"]],
        validUntil: "2025-06-30"
      })
    ].map((u) => as(Unit.Unit, u)),
    successions: [F.succession("s-1", "vn-37-b", "vn-37-a", "2025-07-01")].map((s) =>
      as(Succession.Succession, s)
    ),
    models: [
      F.model("m-1", "vn-37-a", { name: "Dân vận khéo trong xây dựng nông thôn mới" }),
      F.model("m-2", "vn-37-b", { replicaOf: "m-1" })
    ].map((m) => as(DvkModel.DvkModel, m)),
    reports: [a, b].map((r) => as(Report.Report, r)),
    revisions: [F.revision(a, 1), F.revision(a, 2)].map((v) => as(Report.ReportRevision, v)),
    directives: [
      F.directive("kh-771", F.partyNumber(771, "KH", "BDVTƯ"), { issuedOn: "2017-03-08" }),
      F.directive("qd-1-2024", F.stateNumber(1, "UBND", { type: "QĐ" }), { replaces: ["kh-771"] })
    ].map((d) => as(Directive.Directive, d))
  }
}

/** Encodes with a record kind's schema (one argument, so it maps over a list). */
const encoder =
  <S extends Schema.Codec<unknown, unknown>>(schema: S) =>
  (record: S["Type"]): S["Encoded"] =>
    Schema.encodeUnknownSync(schema)(record)

const encode = {
  unit: encoder(Unit.Unit),
  succession: encoder(Succession.Succession),
  model: encoder(DvkModel.DvkModel),
  report: encoder(Report.Report),
  revision: encoder(Report.ReportRevision),
  directive: encoder(Directive.Directive)
}

/** Imports a batch with the bulk writes and returns, encoded, what they handed back and what reads give. */
const importAndRead = (records: ReturnType<typeof batch>) =>
  Effect.gen(function* () {
    const { units, models, reports, directives } = yield* services
    const handed = {
      units: (yield* units.insert(records.units)).map(encode.unit),
      successions: (yield* units.insertSuccessions(records.successions)).map(encode.succession),
      models: (yield* models.insert(records.models)).map(encode.model),
      reports: (yield* reports.insertMany(records.reports, records.revisions)).map(encode.report),
      directives: (yield* directives.insertMany(records.directives)).map(encode.directive)
    }
    const read = {
      units: (yield* units.getMany(records.units.map((u) => u.id))).map(encode.unit),
      successions: (yield* units.successions({ successorId: Ids.UnitId.make("vn-37-a") })).map(
        encode.succession
      ),
      models: yield* Effect.forEach(records.models, (m) => Effect.map(models.get(m.id), encode.model)),
      reports: yield* Effect.forEach(records.reports, (r) => Effect.map(reports.get(r.id), encode.report)),
      revisions: (yield* reports.revisions(Ids.ReportId.make("r-1"))).map(encode.revision),
      directives: (yield* Page.collect((p) => directives.list({}, p))).map(encode.directive)
    }
    return { handed, read }
  })

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("bulk writes of records Checked decoded", () => {
    const inStore = <A, E>(effect: Effect.Effect<A, E, Store.Store>) =>
      Effect.provide(effect, suite.makeLayer())

    test(
      suite,
      "store and hand back what the same records built with constructors give",
      Effect.gen(function* () {
        const viaChecked = yield* inStore(importAndRead(batch(checked)))
        const viaConstructors = yield* inStore(importAndRead(batch((_, record) => record)))
        expect(viaChecked).toEqual(viaConstructors)
        // Every record handed back is at version 1 and is the record given (but its version).
        const given = batch(checked)
        expect(viaChecked.handed.units).toEqual(given.units.map((u) => ({ ...encode.unit(u), version: 1 })))
        expect(viaChecked.handed.reports).toEqual(
          given.reports.map((r) => ({ ...encode.report(r), version: 1 }))
        )
        expect(viaChecked.read.revisions).toEqual(given.revisions.map(encode.revision))
        expect(viaChecked.read.directives.map((d) => d.replaces)).toEqual([[], ["kh-771"]])
      })
    )

    test(
      suite,
      "hand back records of the domain's classes that share nothing mutable with the caller",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        const records = batch(checked)
        const [province] = yield* units.insert(records.units.slice(0, 1))
        expect(province).toBeInstanceOf(Unit.Unit)
        expect(province).not.toBe(records.units[0])
        yield* units.insert(records.units.slice(1))
        const [report] = yield* reports.insertMany(records.reports.slice(0, 1), records.revisions)
        expect(report).toBeInstanceOf(Report.Report)
        expect(report!.content).toBeInstanceOf(Report.ReportContent)
        // Changing what was handed back, where it can be changed at all, changes nothing stored.
        try {
          ;(report as { status: string }).status = "draft"
          ;(report!.content as { achievements: string }).achievements = "changed"
        } catch {}
        const read = yield* reports.get(records.reports[0]!.id)
        expect(read.status).toBe("approved")
        expect(read.content.achievements).toBe(records.reports[0]!.content.achievements)
      })
    )

    test(
      suite,
      "check a record Checked did not decode, even frozen, and refuse the batch when it breaks its schema",
      Effect.gen(function* () {
        const { units, reports } = yield* services
        const records = batch(checked)
        yield* units.insert(records.units)
        const r3 = F.report("r-3", "vn-37-a", "2025S1", "DVK")
        // Text in NFD, which the schema refuses, in a record built without checks and frozen: it
        // looks like a checked one, but `Checked` never vouched for it.
        const content = new Report.ReportContent(
          { ...r3.content, achievements: "Hoàn thành kế hoạch".normalize("NFD") },
          { disableChecks: true }
        )
        const forged = Object.freeze(new Report.Report({ ...r3, content }, { disableChecks: true }))
        expect(Checked.isCheckedBy(Report.Report, forged)).toBe(false)
        // Checked with another schema does not vouch for it as a report either.
        const revision = records.revisions[0]!
        expect(Checked.isCheckedBy(Report.Report, revision)).toBe(false)
        const v = yield* violates(
          "valid record",
          reports.insertMany([records.reports[0]!, forged, records.reports[1]!], records.revisions)
        )
        expect(v.entity).toBe("report")
        const badUnit = Object.freeze(
          new Unit.Unit({ ...F.unit("vn-38", "province", "Thái Bình"), name: "" }, { disableChecks: true })
        )
        yield* violates("valid record", units.insert([badUnit]))
        for (const r of [...records.reports, forged]) {
          expect((yield* Effect.flip(reports.get(r.id)))._tag).toBe("NotFound")
        }
        expect(yield* units.getMany([badUnit.id])).toEqual([])
      })
    )

    test(
      suite,
      "refuse a batch of checked records failing in the middle, leaving nothing",
      Effect.gen(function* () {
        const { units, models, reports, directives } = yield* services
        const records = batch(checked)
        yield* units.insert(records.units.slice(0, 2))
        // A unit whose id is taken, between two new ones.
        const taken = checked(Unit.Unit, F.unit("vn-37-a", "commune", "Ninh Hải"))
        yield* violates("unique id", units.insert([records.units[2]!, taken]))
        expect(yield* units.getMany([records.units[2]!.id])).toEqual([])
        yield* units.insert(records.units.slice(2))
        // A model of a unit the store does not have, in the middle.
        const orphan = checked(DvkModel.DvkModel, F.model("m-9", "vn-99"))
        yield* violates("unit exists", models.insert([records.models[0]!, orphan, records.models[1]!]))
        expect((yield* Effect.flip(models.get(records.models[0]!.id)))._tag).toBe("NotFound")
        // A report of a unit the store does not have, in the middle.
        const stray = checked(Report.Report, F.report("r-9", "vn-99", "2024S1", "DVK"))
        yield* violates(
          "unit exists",
          reports.insertMany([records.reports[0]!, stray, records.reports[1]!], records.revisions)
        )
        expect((yield* Effect.flip(reports.get(records.reports[0]!.id)))._tag).toBe("NotFound")
        expect(yield* reports.revisions(records.reports[0]!.id)).toEqual([])
        // Two directives with one id.
        yield* violates("unique id", directives.insertMany([records.directives[0]!, records.directives[0]!]))
        expect(yield* Page.collect((p) => directives.list({}, p))).toEqual([])
      })
    )
  })
}
