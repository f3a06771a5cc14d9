/**
 * Records `Checked` decoded (decision record 0034): the store copies them structurally instead of
 * through the codecs, and must keep every guarantee of the codec path: what it stores is the same
 * record, nothing the caller holds can change it (it shares only frozen parts with the caller), bad
 * records (unchecked, forged, or breaking the contract) are refused with nothing stored, and text
 * stays NFC.
 */
import {
  Checked,
  DvkModel,
  Ids,
  ModelRepository,
  Report,
  ReportRepository,
  StoreError,
  Unit,
  UnitRepository
} from "@danvan/core"
import { Arbitraries, Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Result, Schema } from "effect"
import * as fc from "fast-check"
import { StoreMemory } from "../src/index.ts"

const reform = F.reformProvince()
const seed: StoreMemory.Seed = { unit: reform.units, succession: reform.successions }

/** A record as an application holds it after decoding its input once at the boundary. */
const checked = <S extends Schema.Codec<unknown, unknown>>(schema: S, record: S["Type"]): S["Type"] =>
  Checked.decodeUnknownSync(schema)(Schema.encodeUnknownSync(schema)(record))

const report = (id: string, status: "draft" | "approved" = "approved", unit = "c-14434") =>
  F.report(id, unit, "2024", "DVK", status === "approved" ? { status, revision: 2 } : {})

const withRevisions = (r: Report.Report) => [F.revision(r, 1), F.revision(r, 2)]

const encodeReport = Schema.encodeUnknownSync(Report.Report)
const encodeRevision = Schema.encodeUnknownSync(Report.ReportRevision)

describe("Checked", () => {
  it("freezes what it decodes all the way down, and vouches for it with that schema only", () => {
    const r = checked(Report.Report, report("r-1"))
    expect(Checked.isCheckedBy(Report.Report, r)).toBe(true)
    expect(Checked.isCheckedBy(Report.ReportRevision, r)).toBe(false)
    expect(Object.isFrozen(r.content.figures)).toBe(true)
    expect(Object.isFrozen(r.events[0].by)).toBe(true)
    // A value built by hand, even frozen, is not vouched for.
    expect(Checked.isCheckedBy(Report.Report, Object.freeze(report("r-2")))).toBe(false)
    expect(Checked.isCheckedBy(Report.Report, { ...r })).toBe(false)
  })

  it("refuses input its schema refuses, and vouches for nothing then", () => {
    const bad = { ...encodeReport(report("r-1")), status: "lost" }
    expect(() => Checked.decodeUnknownSync(Report.Report)(bad)).toThrow()
  })
})

describe("a store handed records Checked decoded", () => {
  it.effect("stores the same records the codec path stores, sharing only frozen parts with the caller", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const plain = report("r-plain", "approved", "c-14435")
      const mine = checked(Report.Report, report("r-checked"))
      const revisions = withRevisions(mine).map((v) => checked(Report.ReportRevision, v))
      yield* reports.insertMany([plain], withRevisions(plain))
      const [stored] = yield* reports.insertMany([mine], revisions)
      const viaCodec = yield* reports.get(plain.id)
      const read = yield* reports.get(mine.id)
      expect(stored).toBe(read)
      // What the caller gave, at version 1, as the codec path stores it.
      expect(encodeReport(read)).toEqual({ ...encodeReport(mine), version: 1 })
      expect(encodeReport(viaCodec)).toEqual({ ...encodeReport(plain), version: 1 })
      expect(read.version).toBe(1)
      expect(read).toBeInstanceOf(Report.Report)
      expect(read.content).toBeInstanceOf(Report.ReportContent)
      // The record is the store's own object; parts it takes from the caller are frozen, so no
      // one can change them (the content is the caller's, the events with the held stamps not).
      expect(read).not.toBe(mine)
      expect(Object.isFrozen(read)).toBe(true)
      expect(read.content).toBe(mine.content)
      expect(Object.isFrozen(read.content.figures)).toBe(true)
      expect(Object.isFrozen(read.events)).toBe(true)
      expect(Object.isFrozen(read.events[0])).toBe(true)
      // The officer's stamp is held once across records.
      const next = yield* reports.insert(checked(Report.Report, F.report("r-next", "c-14434", "2025", "DVK")))
      expect(next.events[0].by).toEqual(read.events[0].by)
      expect(next.events[0].by).toBe(read.events[0].by)
      const history = yield* reports.revisions(mine.id)
      expect(history.map((v) => encodeRevision(v))).toEqual(revisions.map((v) => encodeRevision(v)))
      expect(history[0]).not.toBe(revisions[0])
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("a commit hands onCommit the encoding of the checked record it stored", () =>
    Effect.gen(function* () {
      const commits: Array<ReadonlyArray<StoreMemory.Change>> = []
      const ctx = yield* StoreMemory.make({
        initial: Result.getOrThrow(StoreMemory.fromRecords(seed)),
        onCommit: (changes) => Effect.sync(() => void commits.push(changes))
      })
      const mine = checked(Report.Report, report("r-1"))
      const read = yield* Effect.provideContext(
        Effect.gen(function* () {
          const reports = yield* ReportRepository
          yield* reports.insertMany(
            [mine],
            withRevisions(mine).map((v) => checked(Report.ReportRevision, v))
          )
          return yield* reports.get(mine.id)
        }),
        ctx
      )
      const puts = commits.flat().filter((c) => c.op === "put")
      expect(puts.find((c) => c.key === "r-1")?.record).toEqual(encodeReport(read))
      expect(puts.find((c) => c.key === "r-1")?.record).toEqual({ ...encodeReport(mine), version: 1 })
      expect(puts.length).toBe(3)
    })
  )

  it.effect(
    "an import holds a revision's content once with its report's when equal, and its own when not",
    () =>
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const mine = checked(Report.Report, report("r-1"))
        const first = F.revision(mine, 1)
        const earlier = new Report.ReportContent({ ...first.content, shortcomings: "Một số việc còn chậm." })
        const revisions = [
          checked(Report.ReportRevision, new Report.ReportRevision({ ...first, content: earlier })),
          checked(Report.ReportRevision, F.revision(mine, 2))
        ]
        // Decoded separately, as an application's boundary does: equal content, distinct objects.
        expect(revisions[1]!.content).not.toBe(mine.content)
        yield* reports.insertMany([mine], revisions)
        const read = yield* reports.get(mine.id)
        const history = yield* reports.revisions(mine.id)
        expect(history[1]!.content).toBe(read.content)
        expect(history[0]!.content).not.toBe(read.content)
        expect(history[0]!.content.shortcomings).toBe("Một số việc còn chậm.")
        // Parts equal to the report's are held once inside a content that differs.
        expect(history[0]!.content.figures).toBe(read.content.figures)
        expect(history.map((v) => encodeRevision(v))).toEqual(revisions.map((v) => encodeRevision(v)))
        expect(Object.isFrozen(history[0]!.content)).toBe(true)
      }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("an update of a checked record stores it at the next version, sharing unchanged content", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const draft = yield* reports.insert(checked(Report.Report, report("r-1", "draft")))
      const edited = checked(Report.Report, new Report.Report({ ...draft, regimeId: draft.regimeId }))
      const stored = yield* reports.update(edited)
      expect(stored.version).toBe(draft.version + 1)
      expect(stored.content).toBe(draft.content)
      expect(Object.isFrozen(stored)).toBe(true)
      const stale = yield* Effect.flip(reports.update(edited))
      expect(stale).toBeInstanceOf(StoreError.VersionConflict)
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("an actor is held once for each unit a person acts for, however many records carry it", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      // One person stamping reports of two units: each record decoded on its own, as at a boundary.
      const stamp = (r: Report.Report, unit: string) =>
        checked(
          Report.Report,
          new Report.Report({
            ...r,
            events: [{ ...r.events[0]!, by: F.actor(unit, "Nguyễn Văn An", "person-9") }]
          })
        )
      const batch = [
        stamp(report("r-1", "draft"), "c-14434"),
        stamp(report("r-2", "draft", "c-14437"), "c-14434"),
        stamp(F.report("r-3", "c-14437", "2024", "QCDC"), "c-14437")
      ]
      expect(batch[0]!.events[0]!.by).not.toBe(batch[1]!.events[0]!.by)
      yield* reports.insertMany(batch, [])
      const [a, b, c] = yield* Effect.forEach(["r-1", "r-2", "r-3"], (id) =>
        reports.get(Ids.ReportId.make(id))
      )
      expect(a!.events[0]!.by).toBe(b!.events[0]!.by)
      expect(c!.events[0]!.by).not.toBe(a!.events[0]!.by)
      expect(c!.events[0]!.by.unitId).toBe("c-14437")
      expect(Object.isFrozen(c!.events[0]!.by)).toBe(true)
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect(
    "an actor is held once wherever its kind's schema puts it: events, a revision's signer, a model's events",
    () =>
      Effect.gen(function* () {
        const reports = yield* ReportRepository
        const models = yield* ModelRepository
        // Each record decoded on its own, as at a boundary: the same actor, three separate objects.
        const r = checked(Report.Report, report("r-1"))
        const revisions = withRevisions(r).map((v) => checked(Report.ReportRevision, v))
        const m = checked(DvkModel.DvkModel, F.model("m-1", "c-14434"))
        expect(revisions[0]!.submittedBy).not.toBe(r.events[0]!.by)
        expect(m.events[0]!.by).not.toBe(r.events[0]!.by)
        yield* reports.insertMany([r], revisions)
        yield* models.insert([m])
        const held = (yield* reports.get(r.id)).events[0]!.by
        const stored = yield* reports.revisions(r.id)
        expect(stored.map((v) => v.submittedBy)).toEqual([held, held])
        for (const v of stored) expect(v.submittedBy).toBe(held)
        expect((yield* models.get(m.id)).events[0]!.by).toBe(held)
        expect(Object.isFrozen(held)).toBe(true)
      }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("an update of a checked record keeps the stored events it repeats, and adds the new one", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const draft = yield* reports.insert(checked(Report.Report, report("r-1", "draft")))
      const later = { _tag: "Edited" as const, at: F.at("2024-06-11T02:00:00.000Z"), by: F.actor("c-14434") }
      const next = checked(Report.Report, new Report.Report({ ...draft, events: [...draft.events, later] }))
      expect(next.events[0]).not.toBe(draft.events[0])
      const stored = yield* reports.update(next)
      expect(stored.events[0]).toBe(draft.events[0])
      expect(stored.events).not.toBe(draft.events)
      expect(stored.events.length).toBe(2)
      // The new event's actor is the one the store holds already (the same person and unit).
      expect(stored.events[1]!.by).toBe(draft.events[0]!.by)
      expect(stored.content).toBe(draft.content)
      expect(Schema.encodeUnknownSync(Report.Report)(stored)).toEqual({
        ...Schema.encodeUnknownSync(Report.Report)(next),
        version: draft.version + 1
      })
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("a batch with one record that breaks its schema stores nothing", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const good = [checked(Report.Report, report("r-1")), checked(Report.Report, report("r-2"))]
      // Built without checks: text in NFD, which the schema refuses. Frozen, but not vouched for.
      const r3 = report("r-3")
      const content = new Report.ReportContent(
        { ...r3.content, achievements: "Hoàn thành kế hoạch".normalize("NFD") },
        { disableChecks: true }
      )
      const bad = Object.freeze(new Report.Report({ ...r3, content }, { disableChecks: true }))
      const error = yield* Effect.flip(reports.insertMany([good[0]!, bad, good[1]!], []))
      expect(error).toBeInstanceOf(StoreError.ConstraintViolation)
      expect((error as StoreError.ConstraintViolation).constraint).toBe("valid record")
      for (const id of ["r-1", "r-2", "r-3"]) {
        const missing = yield* Effect.flip(reports.get(Ids.ReportId.make(id)))
        expect(missing).toBeInstanceOf(StoreError.NotFound)
      }
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("a batch of checked records that breaks the contract stores nothing", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const units = yield* UnitRepository
      const a = checked(Report.Report, report("r-1"))
      // Two reports with one id, and a report of a unit the store does not have.
      const twice = yield* Effect.flip(reports.insertMany([a, checked(Report.Report, report("r-1"))], []))
      expect(twice).toBeInstanceOf(StoreError.ConstraintViolation)
      const orphan = checked(Report.Report, F.report("r-2", "nowhere", "2024", "DVK"))
      const unknown = yield* Effect.flip(reports.insertMany([a, orphan], []))
      expect(unknown).toBeInstanceOf(StoreError.ConstraintViolation)
      expect((yield* reports.list({ unitIds: [Ids.UnitId.make("c-14434")] })).items).toEqual([])
      const unit = checked(Unit.Unit, reform.units[0]!)
      const taken = yield* Effect.flip(units.insert([unit]))
      expect(taken).toBeInstanceOf(StoreError.ConstraintViolation)
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("a caller cannot change what was stored, through the value it passed or one it read", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const mine = checked(Report.Report, report("r-1"))
      yield* reports.insert(mine)
      expect(() => {
        ;(mine.content as { achievements: string }).achievements = "changed"
      }).toThrow()
      expect(() => {
        ;(mine.events as unknown as Array<Report.ReportEvent>).pop()
      }).toThrow()
      const read = yield* reports.get(mine.id)
      expect(() => {
        ;(read.content.figures as { _tag: string })._tag = "QCDC"
      }).toThrow()
      expect(encodeReport(yield* reports.get(mine.id))).toEqual({ ...encodeReport(mine), version: 1 })
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it("text given decomposed (NFD) is stored NFC", async () => {
    await fc.assert(
      fc.asyncProperty(Arbitraries.nfcAndNfd, async ({ nfc, nfd }) => {
        const encoded = encodeReport(report("r-nfc", "draft"))
        const input = { ...encoded, content: { ...(encoded.content as object), achievements: nfd } }
        const r = Checked.decodeUnknownSync(Report.Report)(input)
        const stored = await Effect.runPromise(
          Effect.gen(function* () {
            const reports = yield* ReportRepository
            yield* reports.insert(r)
            return yield* reports.get(r.id)
          }).pipe(Effect.provide(StoreMemory.seeded(seed)))
        )
        expect(stored.content.achievements).toBe(nfc)
      }),
      { numRuns: 25 }
    )
  })
})
