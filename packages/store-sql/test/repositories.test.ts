/**
 * The adapter's own examples, on every engine (SQLite in memory, SQLite in a file, PostgreSQL in
 * a fresh schema): each repository's reads and writes, the version rule, the typed errors with
 * their plain-words details, ordering and paging.
 */
import {
  AuditLog,
  CommitteeRepository,
  Coordination,
  Directive,
  DirectiveRepository,
  DvkModel,
  Ids,
  ModelField,
  ModelRepository,
  Page,
  type Period,
  ReferenceData,
  Regime,
  Report,
  ReportRepository,
  type Store,
  Succession,
  Unit,
  UnitRepository,
  ValidationRule
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { describeEngine, engines, freshStore } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const before2025 = F.d("2020-01-01")
const after2025 = F.d("2026-01-01")
const p2017S1 = "2017S1" as Period.PeriodId

for (const engine of engines) {
  describeEngine(engine, () => {
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Store>) =>
      effect.pipe(Effect.provide(freshStore(engine)))

    describe("units", () => {
      it.effect("insert stores version 1 whatever the given version, and get reads the unit back", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const [stored] = yield* units.insert([new Unit.Unit({ ...F.province, version: 7 })])
            expect(stored?.version).toBe(1)
            const read = yield* units.get(F.unitId("p"))
            expect(read).toEqual(stored)
            expect(read.code).toBe("37")
            expect(read.validUntil).toBeUndefined()
          })
        )
      )

      it.effect("insert is all or none: a missing parent stores nothing and names the parent", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const orphan = F.unit("x", "commune", "Xã Mồ Côi", [{ parentId: "nowhere", from: "2000-01-01" }])
            const error = yield* Effect.flip(units.insert([F.province, orphan]))
            expect(error._tag).toBe("ConstraintViolation")
            if (error._tag !== "ConstraintViolation") return
            expect(error.entity).toBe("unit")
            expect(error.constraint).toBe("parent unit exists")
            expect(error.detail).toContain('"nowhere"')
            expect(yield* units.getMany([F.unitId("p"), F.unitId("x")])).toEqual([])
          })
        )
      )

      it.effect("a batch may name parents that come later in the same batch", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const stored = yield* units.insert([...F.units].reverse())
            expect(stored.map((u) => u.id)).toEqual([...F.units].reverse().map((u) => u.id))
          })
        )
      )

      it.effect("a duplicate id, in the batch or already stored, is a ConstraintViolation", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const twice = yield* Effect.flip(units.insert([F.province, F.province]))
            expect(twice).toMatchObject({ _tag: "ConstraintViolation", constraint: "unique id" })
            yield* units.insert([F.province])
            const again = yield* Effect.flip(units.insert([F.province]))
            expect(again).toMatchObject({ _tag: "ConstraintViolation", constraint: "unique id" })
            expect(again.message).toContain('"p"')
          })
        )
      )

      it.effect("update follows the version rule", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const [p] = yield* units.insert([F.province])
            const renamed = yield* units.update(new Unit.Unit({ ...p!, name: "Tỉnh Ninh Bình mới" }))
            expect(renamed.version).toBe(2)
            expect((yield* units.get(F.unitId("p"))).name).toBe("Tỉnh Ninh Bình mới")
            const stale = yield* Effect.flip(units.update(new Unit.Unit({ ...p!, name: "Cũ" })))
            expect(stale).toMatchObject({ _tag: "VersionConflict", entity: "unit", expected: 1, actual: 2 })
            expect((yield* units.get(F.unitId("p"))).name).toBe("Tỉnh Ninh Bình mới")
            const missing = yield* Effect.flip(units.update(F.unit("zz", "province", "Không có")))
            expect(missing).toMatchObject({ _tag: "NotFound", entity: "unit", id: "zz" })
          })
        )
      )

      it.effect("an update naming a missing parent changes nothing", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(F.units)
            const c1 = yield* units.get(F.unitId("c1"))
            const moved = new Unit.Unit({
              ...c1,
              parents: [new Unit.ParentLink({ parentId: F.unitId("ghost"), from: F.d("2000-01-01") })]
            })
            const error = yield* Effect.flip(units.update(moved))
            expect(error).toMatchObject({ _tag: "ConstraintViolation", constraint: "parent unit exists" })
            expect(yield* units.get(F.unitId("c1"))).toEqual(c1)
          })
        )
      )

      it.effect("getMany keeps the order of the ids and skips missing ones", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(F.units)
            const got = yield* units.getMany([
              F.unitId("c3"),
              F.unitId("nope"),
              F.unitId("p"),
              F.unitId("c1")
            ])
            expect(got.map((u) => u.id)).toEqual(["c3", "p", "c1"])
            expect(got[0]?.parents.map((l) => l.parentId)).toEqual(["dA", "p"])
          })
        )
      )

      it.effect("findByCode finds the unit valid on the date", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(F.units)
            const code = Unit.StatisticsCode.make("14356")
            expect(Option.map(yield* units.findByCode(code, before2025), (u) => u.id)).toEqual(
              Option.some("c1")
            )
            expect(yield* units.findByCode(code, after2025)).toEqual(Option.none())
          })
        )
      )

      it.effect(
        "the hierarchy follows the dated links: jurisdiction and ancestors before and after 2025",
        () =>
          run(
            Effect.gen(function* () {
              const units = yield* UnitRepository
              yield* units.insert(F.units)
              const before = yield* units.jurisdiction(F.unitId("p"), before2025)
              expect(before.items.map((u) => u.id)).toEqual(["c1", "c2", "c3", "dA", "p"])
              const after = yield* units.jurisdiction(F.unitId("p"), after2025)
              expect(after.items.map((u) => u.id)).toEqual(["c12", "c3", "p"])
              expect((yield* units.ancestors(F.unitId("c3"), before2025)).map((u) => u.id)).toEqual([
                "dA",
                "p"
              ])
              expect((yield* units.ancestors(F.unitId("c3"), after2025)).map((u) => u.id)).toEqual(["p"])
              expect(yield* units.ancestors(F.unitId("p"), after2025)).toEqual([])
              expect(yield* units.ancestors(F.unitId("c1"), after2025)).toEqual([])
              expect(yield* Effect.flip(units.ancestors(F.unitId("nope"), after2025))).toMatchObject({
                _tag: "NotFound"
              })
              expect(yield* Effect.flip(units.jurisdiction(F.unitId("dA"), after2025))).toMatchObject({
                _tag: "NotFound",
                id: "dA"
              })
            })
          )
      )

      it.effect("ancestors stop at a repeated unit when malformed links form a cycle", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const loop = F.unit("loop", "commune", "Vòng", [{ parentId: "loop", from: "2000-01-01" }])
            const child = F.unit("child", "agency", "Cơ quan", [{ parentId: "loop", from: "2000-01-01" }])
            yield* units.insert([loop, child])
            const chain = yield* units.ancestors(F.unitId("child"), before2025)
            expect(chain.map((u) => u.id)).toEqual(["loop"])
            expect(chain[0]?.parents).toHaveLength(1)
            expect((yield* units.jurisdiction(F.unitId("loop"), before2025)).items.map((u) => u.id)).toEqual([
              "child",
              "loop"
            ])
          })
        )
      )

      it.effect(
        "jurisdiction descends each unit once, along its first covering link, when the root lies on a cycle",
        () =>
          run(
            Effect.gen(function* () {
              const units = yield* UnitRepository
              // a → b → a is a cycle (malformed); c sits under b; e's first link (ordinal 0) has
              // ended, its second covers the day and leads to a; f has two covering links, and only
              // the first (under x, outside the jurisdiction) counts.
              yield* units.insert([
                F.unit("a", "commune", "A", [{ parentId: "b", from: "2000-01-01" }]),
                F.unit("b", "commune", "B", [{ parentId: "a", from: "2000-01-01" }]),
                F.unit("c", "agency", "C", [{ parentId: "b", from: "2000-01-01" }]),
                F.unit("x", "province", "X"),
                F.unit("e", "agency", "E", [
                  { parentId: "x", from: "2000-01-01", until: "2010-01-01" },
                  { parentId: "a", from: "2000-01-01" }
                ]),
                F.unit("f", "agency", "F", [
                  { parentId: "x", from: "2000-01-01" },
                  { parentId: "a", from: "2000-01-01" }
                ])
              ])
              const ids = (root: string) =>
                Effect.map(
                  Page.collect((p) => units.jurisdiction(F.unitId(root), before2025, p)),
                  (all) => all.map((u) => u.id)
                )
              expect(yield* ids("a")).toEqual(["a", "b", "c", "e"])
              expect(yield* ids("b")).toEqual(["a", "b", "c", "e"])
              expect(yield* ids("x")).toEqual(["f", "x"])
              const paged = yield* units.jurisdiction(F.unitId("a"), before2025, { limit: 1 })
              expect(paged.items.map((u) => u.id)).toEqual(["a"])
            })
          )
      )

      it.effect("jurisdiction and list page with opaque cursors; a foreign cursor is StoreCorrupt", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(F.units)
            const pages = yield* Page.collect((page) =>
              units.jurisdiction(F.unitId("p"), before2025, { ...page, limit: 2 })
            )
            expect(pages.map((u) => u.id)).toEqual(["c1", "c2", "c3", "dA", "p"])
            const first = yield* units.list({}, { limit: 4 })
            expect(first.items.map((u) => u.id)).toEqual(["c1", "c12", "c2", "c3"])
            expect(first.next).toBeDefined()
            const second = yield* units.list({}, { limit: 4, after: first.next! })
            expect(second.items.map((u) => u.id)).toEqual(["dA", "p"])
            expect(second.next).toBeUndefined()
            const bad = yield* Effect.flip(units.list({}, { after: "'; DROP TABLE units; --" }))
            expect(bad).toMatchObject({ _tag: "StoreCorrupt", location: "page cursor" })
          })
        )
      )

      it.effect("list filters by date, level, type and parent as of the date", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(F.units)
            const ids = (page: Page.Page<Unit.Unit>) => page.items.map((u) => u.id)
            expect(ids(yield* units.list({ asOf: after2025 }))).toEqual(["c12", "c3", "p"])
            expect(ids(yield* units.list({ levels: ["commune"] }))).toEqual(["c1", "c12", "c2", "c3"])
            expect(ids(yield* units.list({ types: ["ward"] }))).toEqual(["c3"])
            expect(ids(yield* units.list({ asOf: before2025, parentId: F.unitId("dA") }))).toEqual([
              "c1",
              "c2",
              "c3"
            ])
            expect(ids(yield* units.list({ asOf: after2025, parentId: F.unitId("p") }))).toEqual([
              "c12",
              "c3"
            ])
            expect(ids(yield* units.list({ asOf: after2025, parentId: F.unitId("dA") }))).toEqual([])
            expect(ids(yield* units.list({ levels: [] }))).toEqual([])
          })
        )
      )

      it.effect("successions: both ends must exist; listed by effective date then id", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(F.units)
            const stored = yield* units.insertSuccessions(F.merger)
            expect(stored.map((s) => s.version)).toEqual([1, 1])
            expect((yield* units.successions({ successorId: F.unitId("c12") })).map((s) => s.id)).toEqual([
              "s-c1",
              "s-c2"
            ])
            expect((yield* units.successions({ predecessorId: F.unitId("c2") })).map((s) => s.id)).toEqual([
              "s-c2"
            ])
            const bad = new Succession.Succession({
              ...F.merger[0]!,
              id: Ids.SuccessionId.make("s-bad"),
              successorId: F.unitId("ghost")
            })
            const error = yield* Effect.flip(units.insertSuccessions([bad]))
            expect(error).toMatchObject({ _tag: "ConstraintViolation", entity: "succession" })
            expect(error.message).toContain('"ghost"')
            expect(yield* units.successions({ predecessorId: F.unitId("c1") })).toHaveLength(1)
          })
        )
      )
    })

    describe("directives", () => {
      it.effect("numbers are unique per numbering scope; issuer spellings compare equal", () =>
        run(
          Effect.gen(function* () {
            const directives = yield* DirectiveRepository
            yield* directives.insert(F.directive("d60", 60))
            const clash = yield* Effect.flip(directives.insert(F.directive("d60-again", 60)))
            expect(clash).toMatchObject({ _tag: "ConstraintViolation", constraint: "unique document number" })
            expect(clash.message).toContain("60/2013/NĐ-CP")
            expect(clash.message).toContain('"d60"')
            const found = yield* directives.findByNumber({
              _tag: "State",
              number: 60,
              year: 2013,
              typeCode: "nđ",
              issuer: "CP"
            })
            expect(found.map((d) => d.id)).toEqual(["d60"])
          })
        )
      )

      it.effect("in force on a date: a replacement ends its predecessor from its own effective date", () =>
        run(
          Effect.gen(function* () {
            const directives = yield* DirectiveRepository
            yield* directives.insert(F.directive("d60", 60))
            yield* directives.insert(
              F.directive("d149", 149, { replaces: ["d60"], effectiveFrom: "2019-01-01" })
            )
            expect((yield* directives.inForce(F.d("2018-12-31"))).map((d) => d.id)).toEqual(["d60"])
            expect((yield* directives.inForce(F.d("2019-01-01"))).map((d) => d.id)).toEqual(["d149"])
            expect(yield* directives.inForce(F.d("2019-01-01"), "DVK")).toEqual([])
            expect((yield* directives.replacementsOf(Ids.DirectiveId.make("d60"))).map((d) => d.id)).toEqual([
              "d149"
            ])
            expect((yield* directives.get(Ids.DirectiveId.make("d149"))).replaces).toEqual(["d60"])
          })
        )
      )

      it.effect("a directive replacing one that does not exist is refused", () =>
        run(
          Effect.gen(function* () {
            const directives = yield* DirectiveRepository
            const error = yield* Effect.flip(
              directives.insert(F.directive("d149", 149, { replaces: ["ghost"] }))
            )
            expect(error).toMatchObject({
              _tag: "ConstraintViolation",
              constraint: "replaced directive exists"
            })
            expect(yield* Effect.flip(directives.get(Ids.DirectiveId.make("d149")))).toMatchObject({
              _tag: "NotFound"
            })
          })
        )
      )

      it.effect("update and list by programme", () =>
        run(
          Effect.gen(function* () {
            const directives = yield* DirectiveRepository
            const stored = yield* directives.insert(F.directive("d60", 60))
            const updated = yield* directives.update(
              new Directive.Directive({ ...stored, title: "Tiêu đề mới" })
            )
            expect(updated.version).toBe(2)
            expect((yield* directives.list({ programme: "QCDC" })).items.map((d) => d.title)).toEqual([
              "Tiêu đề mới"
            ])
            expect((yield* directives.list({ programme: "DVK" })).items).toEqual([])
          })
        )
      )
    })

    describe("committees, models, coordination", () => {
      it.effect("a committee's memberships round-trip; its unit must exist", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const committees = yield* CommitteeRepository
            yield* units.insert([F.province])
            const stored = yield* committees.insert(F.committee("bcd-1", "p"))
            expect(yield* committees.get(Ids.CommitteeId.make("bcd-1"))).toEqual(stored)
            expect(stored.memberships[0]?.titles).toEqual(["TVTU", "Phó Chủ tịch HĐND tỉnh"])
            expect((yield* committees.byUnit(F.unitId("p"))).map((c) => c.id)).toEqual(["bcd-1"])
            const error = yield* Effect.flip(committees.insert(F.committee("bcd-2", "ghost")))
            expect(error).toMatchObject({ _tag: "ConstraintViolation", constraint: "unit exists" })
          })
        )
      )

      it.effect("models: status is derived from events and filterable; replicas need their source", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const models = yield* ModelRepository
            yield* units.insert(F.units)
            const source = F.model("m1", "c1")
            const replica = new DvkModel.DvkModel({ ...F.model("m2", "c2"), replicaOf: source.id })
            // The replica comes first in the batch: the store orders the writes.
            yield* models.insert([replica, source])
            const started = yield* models.update(
              new DvkModel.DvkModel({
                ...(yield* models.get(source.id)),
                events: [...source.events, { _tag: "Started", on: F.d("2017-04-01"), by: F.officer("c1") }]
              })
            )
            expect(DvkModel.statusOf(started)).toBe("inProgress")
            const ids = (page: Page.Page<DvkModel.DvkModel>) => page.items.map((m) => m.id)
            expect(ids(yield* models.list({ statuses: ["inProgress"] }))).toEqual(["m1"])
            expect(ids(yield* models.list({ statuses: ["registered"] }))).toEqual(["m2"])
            expect(ids(yield* models.list({ replicaOf: source.id }))).toEqual(["m2"])
            expect(ids(yield* models.list({ within: { rootId: F.unitId("dA"), asOf: before2025 } }))).toEqual(
              ["m1", "m2"]
            )
            expect(ids(yield* models.list({ within: { rootId: F.unitId("p"), asOf: after2025 } }))).toEqual(
              []
            )
            const orphan = new DvkModel.DvkModel({
              ...F.model("m3", "c3"),
              replicaOf: Ids.ModelId.make("ghost")
            })
            expect(yield* Effect.flip(models.insert([orphan]))).toMatchObject({
              _tag: "ConstraintViolation",
              constraint: "source model exists"
            })
          })
        )
      )

      it.effect("coordination programmes: parties must exist; remove at the stored version", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const models = yield* ModelRepository
            yield* units.insert(F.units)
            const programme = new Coordination.CoordinationProgramme({
              id: Ids.CoordinationId.make("ctr-1"),
              title: "Chương trình phối hợp giữa Ban Dân vận và Công an tỉnh",
              programme: "DVK",
              parties: [F.unitId("p"), F.unitId("c3")],
              signedOn: F.d("2017-01-10"),
              validFrom: F.d("2017-01-10"),
              version: 0
            })
            const stored = yield* models.insertCoordination(programme)
            expect((yield* models.coordinationsOf(F.unitId("c3"))).map((c) => c.id)).toEqual(["ctr-1"])
            const bad = new Coordination.CoordinationProgramme({
              ...programme,
              id: Ids.CoordinationId.make("ctr-2"),
              parties: [F.unitId("p"), F.unitId("ghost")]
            })
            expect(yield* Effect.flip(models.insertCoordination(bad))).toMatchObject({
              _tag: "ConstraintViolation",
              constraint: "party unit exists"
            })
            expect(yield* Effect.flip(models.removeCoordination(stored.id, 5))).toMatchObject({
              _tag: "VersionConflict",
              actual: 1
            })
            yield* models.removeCoordination(stored.id, 1)
            expect(yield* Effect.flip(models.getCoordination(stored.id))).toMatchObject({ _tag: "NotFound" })
            expect(yield* models.coordinationsOf(F.unitId("c3"))).toEqual([])
          })
        )
      )
    })

    describe("reports", () => {
      it.effect("one report per unit, period and programme", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const reports = yield* ReportRepository
            yield* units.insert(F.units)
            yield* reports.insert(F.report("r1", "c1", 3))
            const error = yield* Effect.flip(reports.insert(F.report("r1-bis", "c1", 9)))
            expect(error).toMatchObject({
              _tag: "ConstraintViolation",
              constraint: "one report per unit, period and programme"
            })
            expect(Option.map(yield* reports.find(F.unitId("c1"), p2017S1, "DVK"), (r) => r.id)).toEqual(
              Option.some("r1")
            )
            expect(yield* reports.find(F.unitId("c1"), p2017S1, "QCDC")).toEqual(Option.none())
            expect(yield* Effect.flip(reports.insert(F.report("r9", "ghost", 1)))).toMatchObject({
              constraint: "unit exists"
            })
          })
        )
      )

      it.effect("update appends a revision atomically; a duplicate revision number changes nothing", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const reports = yield* ReportRepository
            yield* units.insert(F.units)
            const draft = yield* reports.insert(F.report("r1", "c1", 3, { status: "draft" }))
            const revision = (n: number, models: number) =>
              new Report.ReportRevision({
                reportId: draft.id,
                revision: n,
                content: new Report.ReportContent({ ...draft.content, figures: F.dvkFigures(models) }),
                submittedAt: F.at("2017-06-10T01:00:00.000Z"),
                submittedBy: F.officer("c1"),
                onTime: true
              })
            const submitted = yield* reports.update(
              new Report.Report({ ...draft, status: "submitted", revision: 1 }),
              revision(1, 3)
            )
            expect(submitted.version).toBe(2)
            const error = yield* Effect.flip(
              reports.update(new Report.Report({ ...submitted, status: "approved" }), revision(1, 99))
            )
            expect(error).toMatchObject({ _tag: "ConstraintViolation", entity: "reportRevision" })
            expect((yield* reports.get(draft.id)).status).toBe("submitted")
            expect(yield* reports.revisions(draft.id)).toEqual([revision(1, 3)])
            expect(yield* reports.revision(draft.id, 1)).toEqual(revision(1, 3))
            expect(yield* Effect.flip(reports.revision(draft.id, 2))).toMatchObject({
              _tag: "NotFound",
              id: "r1#2"
            })
          })
        )
      )

      it.effect("remove deletes only a never-submitted draft, at its version", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const reports = yield* ReportRepository
            yield* units.insert(F.units)
            const draft = yield* reports.insert(F.report("r1", "c1", 3, { status: "draft" }))
            const approved = yield* reports.insert(F.report("r2", "c2", 3))
            expect(yield* Effect.flip(reports.remove(draft.id, 2))).toMatchObject({ _tag: "VersionConflict" })
            expect(yield* Effect.flip(reports.remove(approved.id, 1))).toMatchObject({
              _tag: "ConstraintViolation"
            })
            expect(yield* Effect.flip(reports.remove(Ids.ReportId.make("ghost"), 1))).toMatchObject({
              _tag: "NotFound"
            })
            yield* reports.remove(draft.id, 1)
            expect(yield* reports.find(F.unitId("c1"), p2017S1, "DVK")).toEqual(Option.none())
            // The slot is free again.
            yield* reports.insert(F.report("r1", "c1", 4, { status: "draft" }))
          })
        )
      )

      it.effect("list filters and pages by unit, period, programme", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const reports = yield* ReportRepository
            yield* units.insert(F.units)
            for (const [id, unit, period] of [
              ["a", "c1", "2017S1"],
              ["b", "c1", "2017S2"],
              ["c", "c2", "2017S1"],
              ["d", "c3", "2017S1"]
            ] as const) {
              yield* reports.insert(F.report(id, unit, 1, { periodId: period }))
            }
            const all = yield* Page.collect((page) => reports.list({}, { ...page, limit: 1 }))
            expect(all.map((r) => r.id)).toEqual(["a", "b", "c", "d"])
            expect((yield* reports.list({ periodId: p2017S1 })).items.map((r) => r.id)).toEqual([
              "a",
              "c",
              "d"
            ])
            expect(
              (yield* reports.list({ unitIds: [F.unitId("c3"), F.unitId("c1")] })).items.map((r) => r.id)
            ).toEqual(["a", "b", "d"])
            expect(
              (yield* reports.list({ within: { rootId: F.unitId("p"), asOf: after2025 } })).items.map(
                (r) => r.id
              )
            ).toEqual(["d"])
            expect((yield* reports.list({ statuses: ["draft"] })).items).toEqual([])
          })
        )
      )

      it.effect("consolidate sums in the database and carries merged units' history", () =>
        run(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const reports = yield* ReportRepository
            yield* units.insert(F.units)
            yield* units.insertSuccessions(F.merger)
            yield* reports.insert(F.report("r1", "c1", 3, { extra: { hoGiaDinh: 10 } }))
            yield* reports.insert(F.report("r2", "c2", 4))
            yield* reports.insert(F.report("r3", "c3", 5, { status: "submitted" }))
            const query = { rootId: F.unitId("p"), periodId: p2017S1, programme: "DVK" as const }
            const now = yield* reports.consolidate({ ...query, asOf: after2025, statuses: ["approved"] })
            expect(now.totals.models).toBe(7)
            expect(now.totals["extra.hoGiaDinh"]).toBe(10)
            expect(now.contributions.map((c) => [c.unitId, c.countedUnder])).toEqual([
              ["c1", "c12"],
              ["c2", "c12"]
            ])
            const all = yield* reports.consolidate({
              ...query,
              asOf: after2025,
              statuses: ["approved", "submitted"]
            })
            expect(all.totals.models).toBe(12)
            const then = yield* reports.consolidate({ ...query, asOf: before2025, statuses: ["approved"] })
            expect(then.contributions.map((c) => [c.unitId, c.countedUnder])).toEqual([
              ["c1", "c1"],
              ["c2", "c2"]
            ])
            const district = yield* reports.consolidate({
              ...query,
              rootId: F.unitId("dA"),
              asOf: before2025,
              statuses: ["approved"]
            })
            expect(district.totals.models).toBe(7)
            expect(
              yield* Effect.flip(
                reports.consolidate({
                  ...query,
                  rootId: F.unitId("dA"),
                  asOf: after2025,
                  statuses: ["approved"]
                })
              )
            ).toMatchObject({ _tag: "NotFound" })
            const none = yield* reports.consolidate({ ...query, asOf: after2025, statuses: [] })
            expect(none).toEqual({ totals: {}, contributions: [] })
          })
        )
      )
    })

    describe("reference data and audit", () => {
      it.effect("put inserts at version 0 and updates at the stored version", () =>
        run(
          Effect.gen(function* () {
            const reference = yield* ReferenceData
            const [economy, culture] = ModelField.defaults
            const stored = yield* reference.putField(economy!)
            expect(stored.version).toBe(1)
            yield* reference.putField(culture!)
            expect(yield* Effect.flip(reference.putField(economy!))).toMatchObject({
              _tag: "VersionConflict",
              expected: 0,
              actual: 1
            })
            const renamed = yield* reference.putField(
              new ModelField.ModelField({ ...stored, name: "Kinh tế", order: 9 })
            )
            expect(renamed.version).toBe(2)
            expect((yield* reference.fields).map((f) => f.id)).toEqual(["culture-society", "economy"])
            expect(
              yield* Effect.flip(
                reference.putField(
                  new ModelField.ModelField({ ...stored, id: Ids.FieldId.make("new"), version: 3 })
                )
              )
            ).toMatchObject({ _tag: "VersionConflict", actual: 0 })
            const regime = new Regime.ReportingRegime({
              id: Ids.RegimeId.make("decree-09"),
              name: "Chế độ báo cáo theo Nghị định 09/2019/NĐ-CP",
              calendar: "decree09Cutoff",
              deadlines: { province: 5, district: 3, commune: 2, grassroots: 2 },
              holidays: [F.d("2017-09-02")],
              version: 0
            })
            yield* reference.putRegime(regime)
            expect(yield* reference.regime(regime.id)).toEqual(
              new Regime.ReportingRegime({ ...regime, version: 1 })
            )
            expect(yield* Effect.flip(reference.regime(Ids.RegimeId.make("ghost")))).toMatchObject({
              _tag: "NotFound"
            })
            const rule = new ValidationRule.ValidationRule({
              id: Ids.ValidationRuleId.make("commended-le-effective"),
              name: "Khen thưởng không vượt số hiệu quả",
              programme: "DVK",
              left: { terms: [{ indicator: "commended", coefficient: 1 }], constant: 0 },
              operator: "<=",
              right: { terms: [{ indicator: "effective", coefficient: 1 }], constant: 0 },
              importance: "high",
              scope: "both",
              version: 0
            })
            yield* reference.putValidationRule(rule)
            expect((yield* reference.validationRules("DVK")).map((r) => r.id)).toEqual([
              "commended-le-effective"
            ])
            expect(yield* reference.validationRules("QCDC")).toEqual([])
          })
        )
      )

      it.effect("audit entries append all or none and list by time then id", () =>
        run(
          Effect.gen(function* () {
            const audit = yield* AuditLog
            yield* audit.append([F.auditEntry("a2"), F.auditEntry("a1")])
            const error = yield* Effect.flip(audit.append([F.auditEntry("a3"), F.auditEntry("a1")]))
            expect(error).toMatchObject({ _tag: "ConstraintViolation", entity: "audit" })
            const page = yield* audit.list({ subjectKind: "report" }, { limit: 1 })
            expect(page.items.map((e) => e.id)).toEqual(["a1"])
            const rest = yield* audit.list({ subjectKind: "report" }, { limit: 5, after: page.next! })
            expect(rest.items.map((e) => e.id)).toEqual(["a2"])
            expect((yield* audit.list({ actorUnitId: F.unitId("c1") })).items).toEqual([])
          })
        )
      )
    })
  })
}
