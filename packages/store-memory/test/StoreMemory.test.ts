/**
 * What is particular to the in-memory store: seeding and snapshots, loading bad snapshots,
 * `onCommit` (the hook the JSON-file adapter makes commits durable with), interruption, and
 * isolation between stores.
 */
import {
  Directive,
  DirectiveRepository,
  DocumentNumber,
  Ids,
  Page,
  Report,
  ReportRepository,
  StoreError,
  Unit,
  UnitOfWork,
  UnitRepository
} from "@danvan/core"
import { Arbitraries, Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Context, Deferred, Effect, Exit, Fiber, Option, Result, Schema } from "effect"
import * as fc from "fast-check"
import { StoreMemory } from "../src/index.ts"

const reform = F.reformProvince()

const seed: StoreMemory.Seed = {
  unit: reform.units,
  succession: reform.successions,
  report: [
    F.report("r-a", "c-14434", "2025", "DVK", {
      status: "approved",
      revision: 1,
      figures: F.dvkFigures({ models: 3 })
    }),
    F.report("r-c", "c-14435", "2025", "DVK", {
      status: "approved",
      revision: 1,
      figures: F.dvkFigures({ models: 7 })
    })
  ],
  directive: F.directiveChain(),
  modelField: [F.field("economy", "Phát triển kinh tế", 1)],
  audit: [F.audit("a-1", "2025-07-02T01:00:00.000Z")]
}

const initial = Result.getOrThrow(StoreMemory.fromRecords(seed))

const corrupt = (snapshot: unknown) =>
  Effect.flip(StoreMemory.make({ initial: snapshot as StoreMemory.Snapshot }))

const encodedUnit = (over: Record<string, unknown> = {}) => ({
  id: "vn-37",
  type: "province",
  name: "Ninh Bình",
  validFrom: "1992-01-01",
  parents: [],
  version: 1,
  ...over
})

describe("StoreMemory", () => {
  it.effect("a seeded store answers queries, and its snapshot loads into an equal store", () =>
    Effect.gen(function* () {
      const first = yield* StoreMemory.make({ initial })
      const snapshot = yield* Context.get(first, StoreMemory.Snapshots).snapshot
      expect(snapshot).toEqual(initial)
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
      const second = yield* StoreMemory.make({ initial: JSON.parse(JSON.stringify(snapshot)) })
      const consolidation = (ctx: Context.Context<StoreMemory.Services>) =>
        Effect.provideContext(
          Effect.flatMap(ReportRepository, (r) =>
            r.consolidate({
              rootId: Ids.UnitId.make("vn-37"),
              asOf: F.date("2025-12-31"),
              periodId: F.period("2025"),
              programme: "DVK",
              statuses: ["approved"]
            })
          ),
          ctx
        )
      const a = yield* consolidation(first)
      expect(a.totals.models).toBe(10)
      expect(yield* consolidation(second)).toEqual(a)
      expect(yield* Context.get(second, StoreMemory.Snapshots).snapshot).toEqual(snapshot)
      const stored = (snapshot.unit ?? []) as ReadonlyArray<{ readonly version: number }>
      expect(stored.every((u) => u.version === 1)).toBe(true)
    })
  )

  it.effect("the seeded layer and the snapshot effect", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      expect((yield* units.get(Ids.UnitId.make("vn-37"))).version).toBe(1)
      const snapshot = yield* StoreMemory.snapshot
      expect(snapshot.unit?.length).toBe(reform.units.length)
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("a bad snapshot is a StoreCorrupt that names the record", () =>
    Effect.gen(function* () {
      const badDate = yield* corrupt({
        unit: [encodedUnit(), encodedUnit({ id: "vn-36", validFrom: "2025-02-30" })]
      })
      expect(badDate).toBeInstanceOf(StoreError.StoreCorrupt)
      expect(badDate.location).toBe('unit[1] "vn-36"')
      expect(badDate.reason).toContain("2025-02-30")
      const duplicate = yield* corrupt({ unit: [encodedUnit(), encodedUnit()] })
      expect(duplicate.location).toBe('unit[1] "vn-37"')
      const orphan = yield* corrupt({
        unit: [
          encodedUnit({ id: "c-1", type: "commune", parents: [{ parentId: "vn-00", from: "1992-01-01" }] })
        ]
      })
      expect(orphan.location).toBe('unit[0] "c-1"')
      expect(orphan.reason).toContain("vn-00")
      const unversioned = yield* corrupt({ unit: [encodedUnit({ version: 0 })] })
      expect(unversioned.reason).toContain("version")
      const kind = yield* corrupt({ units: [] })
      expect(kind.location).toBe("snapshot.units")
      const notList = yield* corrupt({ unit: {} })
      expect(notList.location).toBe("snapshot.unit")
      expect((yield* corrupt("not a snapshot")).location).toBe("snapshot")
      expect((yield* corrupt([])).location).toBe("snapshot")
      const sameNumber = F.directiveChain()[0]!
      const collide = yield* corrupt(
        Result.getOrThrow(
          StoreMemory.fromRecords({
            directive: [
              sameNumber,
              new Directive.Directive({ ...sameNumber, id: Ids.DirectiveId.make("nd-60-bis") })
            ]
          })
        )
      )
      expect(collide.location).toContain("directive[")
      const slot = yield* corrupt(
        Result.getOrThrow(
          StoreMemory.fromRecords({
            unit: [F.unit("vn-37", "province", "Ninh Bình")],
            report: [F.report("r-1", "vn-37", "2024", "QCDC"), F.report("r-2", "vn-37", "2024", "QCDC")]
          })
        )
      )
      expect(slot.location).toContain("report[")
    })
  )

  it("loading any value gives a store or a StoreCorrupt, never a thrown error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.dictionary(fc.constantFrom("unit", "report", "audit"), fc.array(fc.anything())),
          fc.constant({ unit: [encodedUnit({ parents: "x" })] })
        ),
        (input) => {
          const exit = Effect.runSyncExit(StoreMemory.make({ initial: input as StoreMemory.Snapshot }))
          if (Exit.isFailure(exit)) {
            const error = Option.getOrUndefined(Exit.findErrorOption(exit))
            expect(error).toBeInstanceOf(StoreError.StoreCorrupt)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it("a valid snapshot with any one value replaced loads, or is a StoreCorrupt naming a record", () => {
    // Every place in the seeded snapshot where a value sits: kind, record index, then the path.
    type Path = ReadonlyArray<string | number>
    const pathsOf = (u: unknown, prefix: Path): ReadonlyArray<Path> =>
      Array.isArray(u)
        ? [prefix, ...u.flatMap((v, i) => pathsOf(v, [...prefix, i]))]
        : typeof u === "object" && u !== null
          ? [prefix, ...Object.entries(u).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
          : [prefix]
    const paths = pathsOf(initial, []).filter((p) => p.length >= 2)
    const replaceAt = (u: unknown, path: Path, value: unknown): unknown => {
      if (path.length === 0) return value
      const [head, ...rest] = path
      const inner = replaceAt((u as Record<string | number, unknown>)[head!], rest, value)
      if (Array.isArray(u)) return u.map((v, i) => (i === head ? inner : v))
      return { ...(u as object), [head!]: inner }
    }
    let loaded = 0
    let refused = 0
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.oneof(
          fc.anything(),
          fc.string(),
          fc.integer({ min: -1, max: 3 }),
          fc.constantFrom("vn-37", "c-14434", "r-a")
        ),
        (index, value) => {
          const input = replaceAt(initial, paths[index]!, value)
          const exit = Effect.runSyncExit(StoreMemory.make({ initial: input as StoreMemory.Snapshot }))
          if (Exit.isSuccess(exit)) {
            loaded++
            return
          }
          refused++
          const error = Option.getOrUndefined(Exit.findErrorOption(exit))
          expect(error).toBeInstanceOf(StoreError.StoreCorrupt)
          // The location names a record (`unit[1] "vn-36"`): the one changed, or one that refers
          // to it (a succession whose unit's id changed).
          expect(error?.location).toMatch(
            /^(unit|succession|report|directive|modelField|audit)\[\d+\]( ".*")?$/u
          )
        }
      ),
      { numRuns: 500 }
    )
    // Both outcomes are reached: harmless changes (a name) load, damaging ones are refused.
    expect(loaded).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  })

  it.effect("NFD text in a snapshot is read as NFC", () =>
    Effect.gen(function* () {
      const ctx = yield* StoreMemory.make({
        initial: { unit: [encodedUnit({ name: "Ninh Bình".normalize("NFD") })] }
      })
      const unit = yield* Effect.provideContext(
        Effect.flatMap(UnitRepository, (u) => u.get(Ids.UnitId.make("vn-37"))),
        ctx
      )
      expect(unit.name).toBe("Ninh Bình")
    })
  )

  it.effect("onCommit receives each commit's changes, and applyChanges brings a snapshot up to date", () =>
    Effect.gen(function* () {
      const commits: Array<ReadonlyArray<StoreMemory.Change>> = []
      const ctx = yield* StoreMemory.make({
        initial,
        onCommit: (changes) => Effect.sync(() => void commits.push(changes))
      })
      yield* Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const reports = yield* ReportRepository
          const uow = yield* UnitOfWork
          yield* uow.transaction(
            Effect.gen(function* () {
              const u = yield* units.get(Ids.UnitId.make("vn-36"))
              yield* units.update(new Unit.Unit({ ...u, name: "Nam Định mới" }))
              yield* reports.insert(F.report("r-x", "vn-36", "2024", "QCDC"))
            })
          )
          yield* reports.remove(Ids.ReportId.make("r-x"), 1)
          // Reads and failed writes commit nothing.
          yield* units.list({})
          yield* Effect.flip(units.insert([F.unit("vn-37", "province", "Trùng")]))
          yield* uow.transaction(units.list({}))
        }),
        ctx
      )
      expect(commits.map((c) => c.map((x) => [x.entity, x.op, x.key]))).toEqual([
        [
          ["unit", "put", "vn-36"],
          ["report", "put", "r-x"]
        ],
        [["report", "delete", "r-x"]]
      ])
      expect((commits[0]![0]!.record as { readonly name: string; readonly version: number }).name).toBe(
        "Nam Định mới"
      )
      expect((commits[0]![0]!.record as { readonly version: number }).version).toBe(2)
      const replayed = commits.reduce(StoreMemory.applyChanges, initial)
      expect(replayed).toEqual(yield* Context.get(ctx, StoreMemory.Snapshots).snapshot)
    })
  )

  it.effect("each change onCommit receives is the encoding of the record the store then reads back", () =>
    Effect.gen(function* () {
      const commits: Array<ReadonlyArray<StoreMemory.Change>> = []
      const ctx = yield* StoreMemory.make({
        initial,
        onCommit: (changes) => Effect.sync(() => void commits.push(changes))
      })
      const read = yield* Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const reports = yield* ReportRepository
          const directives = yield* DirectiveRepository
          const u = yield* units.get(Ids.UnitId.make("vn-36"))
          yield* units.update(new Unit.Unit({ ...u, name: "Nam Định mới" }))
          const a = F.report("r-y", "vn-36", "2024", "DVK", { status: "approved", revision: 2 })
          const [stored] = yield* reports.insertMany([a], [F.revision(a, 1), F.revision(a, 2)])
          yield* reports.update(
            new Report.Report({ ...stored!, status: "submitted", revision: 3 }),
            F.revision(a, 3)
          )
          const first = F.directive("qd-1-2024", F.stateNumber(1, "UBND", { type: "QĐ" }), {
            issuedOn: "2024-05-01"
          })
          const second = F.directive("qd-2-2024", F.stateNumber(2, "UBND", { type: "QĐ" }), {
            issuedOn: "2024-06-01",
            replaces: [first.id]
          })
          yield* directives.insertMany([second, first])
          return {
            unit: yield* units.get(Ids.UnitId.make("vn-36")),
            report: yield* reports.get(a.id),
            revisions: yield* reports.revisions(a.id),
            directives: [yield* directives.get(second.id), yield* directives.get(first.id)]
          }
        }),
        ctx
      )
      const puts = commits.flat().filter((c) => c.op === "put")
      const last = (entity: string, key: string) =>
        puts.filter((c) => c.entity === entity && c.key === key).at(-1)?.record
      expect(last("unit", "vn-36")).toEqual(Schema.encodeUnknownSync(Unit.Unit)(read.unit))
      expect(last("report", "r-y")).toEqual(Schema.encodeUnknownSync(Report.Report)(read.report))
      expect(read.report.version).toBe(2)
      for (const r of read.revisions)
        expect(last("reportRevision", `r-y#${r.revision}`)).toEqual(
          Schema.encodeUnknownSync(Report.ReportRevision)(r)
        )
      for (const d of read.directives)
        expect(last("directive", d.id)).toEqual(Schema.encodeUnknownSync(Directive.Directive)(d))
      expect(puts.length).toBe(1 + 1 + 2 + 1 + 1 + 2)
    })
  )

  it.effect("when onCommit fails, the transaction fails with its error and the store is unchanged", () =>
    Effect.gen(function* () {
      let failing = true
      const ctx = yield* StoreMemory.make({
        initial,
        onCommit: () =>
          failing
            ? Effect.fail(new StoreError.StoreUnavailable({ reason: "DiskFull", detail: "disk full" }))
            : Effect.void
      })
      const before = yield* Context.get(ctx, StoreMemory.Snapshots).snapshot
      const rename = Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const u = yield* units.get(Ids.UnitId.make("vn-36"))
          return yield* units.update(new Unit.Unit({ ...u, name: "Nam Định mới" }))
        }),
        ctx
      )
      const error = yield* Effect.flip(rename)
      expect(error).toBeInstanceOf(StoreError.StoreUnavailable)
      expect(yield* Context.get(ctx, StoreMemory.Snapshots).snapshot).toEqual(before)
      failing = false
      expect((yield* rename).version).toBe(2)
    })
  )

  it.effect("an interrupted transaction leaves no trace, and does not hold the write lock", () =>
    Effect.gen(function* () {
      const ctx = yield* StoreMemory.make({ initial })
      const before = yield* Context.get(ctx, StoreMemory.Snapshots).snapshot
      const written = yield* Deferred.make<void>()
      const program = Effect.gen(function* () {
        const units = yield* UnitRepository
        const uow = yield* UnitOfWork
        const fiber = yield* Effect.forkChild(
          uow.transaction(
            Effect.gen(function* () {
              yield* units.insert([F.unit("vn-99", "province", "Tạm")])
              yield* Deferred.succeed(written, undefined)
              return yield* Effect.never
            })
          )
        )
        yield* Deferred.await(written)
        yield* Fiber.interrupt(fiber)
        yield* Effect.flip(units.get(Ids.UnitId.make("vn-99")))
        yield* units.insert([F.unit("vn-98", "province", "Sau")])
      })
      yield* Effect.provideContext(program, ctx)
      const after = yield* Context.get(ctx, StoreMemory.Snapshots).snapshot
      expect(after.unit?.length).toBe((before.unit?.length ?? 0) + 1)
      expect(JSON.stringify(after)).not.toContain("vn-99")
    })
  )

  it.effect("a commit whose onCommit has started completes even if the fiber is interrupted", () =>
    Effect.gen(function* () {
      const started = yield* Deferred.make<void>()
      const release = yield* Deferred.make<void>()
      const ctx = yield* StoreMemory.make({
        initial,
        onCommit: () => Effect.andThen(Deferred.succeed(started, undefined), Deferred.await(release))
      })
      const fiber = yield* Effect.forkChild(
        Effect.provideContext(
          Effect.flatMap(UnitRepository, (u) => u.insert([F.unit("vn-98", "province", "Mới")])),
          ctx
        )
      )
      yield* Deferred.await(started)
      const interrupting = yield* Effect.forkChild(Fiber.interrupt(fiber))
      yield* Deferred.succeed(release, undefined)
      yield* Fiber.join(interrupting)
      const snapshot = yield* Context.get(ctx, StoreMemory.Snapshots).snapshot
      expect(JSON.stringify(snapshot.unit)).toContain("vn-98")
    })
  )

  it.effect("two stores in one program keep their transactions apart", () =>
    Effect.gen(function* () {
      const a = yield* StoreMemory.make({ initial })
      const b = yield* StoreMemory.make()
      const insertInB = Effect.provideContext(
        Effect.flatMap(UnitRepository, (u) => u.insert([F.unit("vn-01", "province", "Hà Nội")])),
        b
      )
      const exit = yield* Effect.exit(
        Effect.provideContext(
          Effect.flatMap(UnitOfWork, (uow) =>
            uow.transaction(Effect.andThen(insertInB, Effect.fail("abort" as const)))
          ),
          a
        )
      )
      expect(Exit.isFailure(exit)).toBe(true)
      const inB = yield* Effect.provideContext(
        Effect.flatMap(UnitRepository, (u) => Page.collect((p) => u.list({}, p))),
        b
      )
      expect(inB.map((u) => u.id)).toEqual(["vn-01"])
    })
  )

  it.effect("records handed out are deeply frozen", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      const unit = yield* units.get(Ids.UnitId.make("c-14470"))
      expect(Object.isFrozen(unit)).toBe(true)
      expect(Object.isFrozen(unit.parents)).toBe(true)
      expect(Object.isFrozen(unit.parents[0])).toBe(true)
      expect(() => {
        ;(unit.parents as Array<Unit.ParentLink>).pop()
      }).toThrow()
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("unchanged content is held once, and what is handed out still cannot change the store", () =>
    Effect.gen(function* () {
      const reports = yield* ReportRepository
      const draft = yield* reports.insert(F.report("r-new", "c-14434", "2024", "DVK"))
      const submitted = new Report.Report({
        ...draft,
        status: "submitted",
        revision: 1,
        // Equal to the stored content, but the caller's own objects.
        content: F.content(F.dvkFigures()),
        events: [
          ...draft.events,
          { _tag: "Submitted", at: draft.events[0].at, by: draft.events[0].by, revision: 1, onTime: true }
        ]
      })
      const stored = yield* reports.update(submitted, F.revision(submitted, 1))
      const [revision] = yield* reports.revisions(Ids.ReportId.make("r-new"))
      // The revision and the status change share the content and the earlier event of the draft.
      expect(stored.content).toBe(draft.content)
      expect(stored.events[0]).toBe(draft.events[0])
      expect(revision!.content).toBe(stored.content)
      // Sharing never reaches the caller's objects, and nothing handed out can be changed.
      expect(stored.content).not.toBe(submitted.content)
      expect(Object.isFrozen(revision!.content.figures)).toBe(true)
      expect(() => {
        ;(revision!.content as { achievements: string }).achievements = "changed"
      }).toThrow()
      ;(submitted.content as { achievements: string }).achievements = "changed by the caller"
      const again = yield* reports.get(Ids.ReportId.make("r-new"))
      expect(again.content.achievements).toBe("Kết quả thực hiện")
      // The same officer's stamp is held once, across reports.
      const other = yield* reports.get(Ids.ReportId.make("r-a"))
      expect(other.events[0].by).toEqual(draft.events[0].by)
      expect(draft.events[0].by).toBe(other.events[0].by)
      expect(revision!.submittedBy).toBe(other.events[0].by)
      expect(Object.isFrozen(revision!.submittedBy)).toBe(true)
      // A changed content is stored as given.
      const edited = yield* reports.update(
        new Report.Report({ ...stored, content: F.content(stored.content.figures, "Đã sửa") })
      )
      expect(edited.content).not.toBe(stored.content)
      expect(edited.content.achievements).toBe("Đã sửa")
      expect(edited.content.figures).toBe(stored.content.figures)
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("a page cursor the store did not issue is a StoreCorrupt, never a defect", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      for (const after of ["not a cursor", "", "eyJ4IjoxfQ", "%%%", "W3t9XQ"]) {
        const e = yield* Effect.flip(units.list({}, { after, limit: 2 }))
        expect(e._tag).toBe("StoreCorrupt")
        if (e._tag === "StoreCorrupt") expect(e.location).toBe("page cursor")
      }
    }).pipe(Effect.provide(StoreMemory.seeded(seed)))
  )

  it.effect("jurisdiction and consolidate over a province of 3,000 communes page through every unit", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      const reports = yield* ReportRepository
      const communes = Array.from({ length: 3000 }, (_, i) =>
        F.unit(`c-${String(i).padStart(5, "0")}`, "commune", `Xã ${i}`, {
          parents: [["vn-37", "1992-01-01"]]
        })
      )
      yield* units.insert([F.unit("vn-37", "province", "Ninh Bình"), ...communes])
      for (const c of communes) {
        yield* reports.insert(
          F.report(`r-${c.id}`, c.id, "2024", "QCDC", { status: "approved", revision: 1 })
        )
      }
      const all = yield* Page.collect((p) =>
        units.jurisdiction(Ids.UnitId.make("vn-37"), F.date("2024-06-01"), p)
      )
      expect(all.length).toBe(3001)
      const total = yield* reports.consolidate({
        rootId: Ids.UnitId.make("vn-37"),
        asOf: F.date("2024-06-01"),
        periodId: F.period("2024"),
        programme: "QCDC",
        statuses: ["approved"]
      })
      expect(total.contributions.length).toBe(3000)
    }).pipe(Effect.provide(StoreMemory.layer()))
  )

  it.effect("a jurisdiction lists its units by UTF-16 code units, whatever the case or punctuation", () =>
    Effect.gen(function* () {
      const units = yield* UnitRepository
      const ids = ["vn-37-a", "vn-37-B", "vn-37-_", "vn-37-~", "vn-37-0", "vn-37-Z9", "vn-37-b", "vn-37-A-1"]
      yield* units.insert([
        F.unit("vn-37", "province", "Ninh Bình"),
        ...ids.map((id, i) => F.unit(id, "commune", `Xã ${i}`, { parents: [["vn-37", "1992-01-01"]] }))
      ])
      const expected = [
        "vn-37",
        "vn-37-0",
        "vn-37-A-1",
        "vn-37-B",
        "vn-37-Z9",
        "vn-37-_",
        "vn-37-a",
        "vn-37-b",
        "vn-37-~"
      ]
      const root = Ids.UnitId.make("vn-37")
      const whole = yield* Page.collect((p) => units.jurisdiction(root, F.date("2024-06-01"), p))
      expect(whole.map((u) => u.id)).toEqual(expected)
      const paged = yield* Page.collect((p) => units.jurisdiction(root, F.date("2024-06-01"), p), 2)
      expect(paged.map((u) => u.id)).toEqual(expected)
    }).pipe(Effect.provide(StoreMemory.layer()))
  )

  it("arbitrary hierarchies load from a seed and snapshot back unchanged", () => {
    fc.assert(
      fc.property(Arbitraries.hierarchy(), (h) => {
        const snapshot = Result.getOrThrow(
          StoreMemory.fromRecords({ unit: h.units, succession: h.successions })
        )
        const ctx = Effect.runSync(StoreMemory.make({ initial: snapshot }))
        const again = Effect.runSync(Context.get(ctx, StoreMemory.Snapshots).snapshot)
        expect(again).toEqual(Result.getOrThrow(StoreMemory.loadSnapshot(snapshot)))
        expect(again.unit?.length).toBe(h.units.length)
        expect(again.succession?.length ?? 0).toBe(h.successions.length)
      }),
      { numRuns: 50 }
    )
  })
})

describe("a snapshot written before directives carried their issuing unit", () => {
  const legacy = (id: string, number: string) => {
    const n = DocumentNumber.parse(number)
    if (Result.isFailure(n)) throw new Error(n.failure.message)
    const { issuedBy: _, ...rest } = Schema.encodeSync(Directive.Directive)(
      new Directive.Directive({ ...F.directive(id, n.success, { issuedOn: "2024-01-05" }), version: 1 })
    )
    return rest
  }
  const snapshot = (provinces: ReadonlyArray<string>) => ({
    unit: provinces.map((id) => encodedUnit({ id })),
    directive: [legacy("nd-59", "59/2023/NĐ-CP"), legacy("qd-01", "01/2024/QĐ-UBND")]
  })

  it.effect(
    "loads, each directive given its issuer: the centre for a central code, the only province otherwise",
    () =>
      Effect.gen(function* () {
        const store = yield* StoreMemory.make({
          initial: snapshot(["vn-37"]) as unknown as StoreMemory.Snapshot
        })
        const directives = Context.get(store, DirectiveRepository)
        const all = yield* Page.collect((page) => directives.list({}, page))
        expect(all.map((d) => [d.id, d.issuedBy])).toEqual([
          ["nd-59", { _tag: "Central", body: "government" }],
          ["qd-01", { _tag: "Unit", unitId: "vn-37", body: "peoplesCommittee" }]
        ])
      })
  )

  it.effect("with two provinces is refused, naming the directive it cannot attribute", () =>
    Effect.gen(function* () {
      const error = yield* corrupt(snapshot(["vn-35", "vn-37"]))
      expect(error._tag).toBe("StoreCorrupt")
      expect(error.message).toContain('"qd-01"')
      expect(error.message).toContain("2 provinces")
    })
  )
})

describe("a snapshot whose reading throws", () => {
  const unshowable = () => {
    throw { toString: "" }
  }
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }
  const hostile = (): ReadonlyArray<readonly [string, unknown]> => [
    ["a revoked proxy", revoked()],
    [
      "a proxy whose traps throw",
      new Proxy({}, { ownKeys: unshowable, get: unshowable, getPrototypeOf: unshowable })
    ],
    ["a getter that throws", Object.defineProperty({}, "unit", { enumerable: true, get: unshowable })],
    ["a list of revoked proxies", { unit: [revoked()] }],
    [
      "a record whose id getter throws",
      { unit: [Object.defineProperty({}, "id", { enumerable: true, get: unshowable })] }
    ]
  ]

  it("is a StoreCorrupt from loadSnapshot, not an exception", () => {
    for (const [what, input] of hostile()) {
      // Each threw (a TypeError, or what the getter threw) out of loadSnapshot.
      const loaded = StoreMemory.loadSnapshot(input)
      expect(Result.isFailure(loaded) && loaded.failure._tag, what).toBe("StoreCorrupt")
      expect(Result.isFailure(loaded) && loaded.failure.location, what).toBe("snapshot")
    }
    const revokedLoad = StoreMemory.loadSnapshot(revoked())
    expect(Result.isFailure(revokedLoad) && revokedLoad.failure.message).toBe(
      "store corrupt at snapshot: it cannot be read: Cannot perform 'IsArray' on a proxy that has been revoked"
    )
  })

  it.effect("is a StoreCorrupt from the layer given it as its initial snapshot, not a defect", () =>
    Effect.gen(function* () {
      for (const [what, input] of hostile()) {
        const exit = yield* Effect.exit(StoreMemory.make({ initial: input as never }))
        const reason = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
        expect(reason?._tag, what).toBe("Fail")
        expect(reason?._tag === "Fail" && reason.error._tag, what).toBe("StoreCorrupt")
      }
    })
  )
})
