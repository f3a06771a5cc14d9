/**
 * A report's update that keeps the content it was read with (a submission, a return, an approval)
 * requires the stored content unchanged in its `UPDATE` instead of reading it first, and hands back
 * the decoded content with the row's other columns (docs/decisions/0038). What must hold: the record
 * handed back is the one a read gives; a content changed by hand since the read is seen (its figure
 * rows and text are put back to the written report's, as before); a stale version still conflicts;
 * and on SQLite the update is one statement that leaves the content column out.
 */

import { join } from "node:path"
import { DatabaseSync, StatementSync } from "node:sqlite"
import { Ids, type Period, Report, ReportRepository, UnitOfWork, UnitRepository } from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { StoreSqlite } from "../src/sqlite.ts"
import { describeEngine, engines, freshStoreWithSql, SqlClient, tempDir } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const query = {
  rootId: F.unitId("p"),
  asOf: F.d("2017-06-30"),
  periodId: "2017S1" as Period.PeriodId,
  programme: "DVK" as const,
  statuses: ["draft", "submitted", "returned", "approved", "reopened"] as const
}

const revisionOf = (report: Report.Report) =>
  new Report.ReportRevision({
    reportId: report.id,
    revision: report.revision + 1,
    content: report.content,
    submittedAt: F.at("2017-06-10T01:00:00.000Z"),
    submittedBy: F.officer("c1"),
    onTime: true
  })

const submitted = (report: Report.Report) =>
  new Report.Report({
    ...report,
    status: "submitted",
    revision: report.revision + 1,
    events: [
      ...report.events,
      {
        _tag: "Submitted",
        at: F.at("2017-06-10T01:00:00.000Z"),
        by: F.officer("c1"),
        revision: 1,
        onTime: true
      }
    ]
  })

/** The store's units and a draft report `r1` of commune c1, and that report as a read gives it. */
const draftRead = Effect.gen(function* () {
  const reports = yield* ReportRepository
  yield* (yield* UnitRepository).insert(F.units)
  yield* reports.insert(F.report("r1", "c1", 3, { status: "draft" }))
  return { reports, read: yield* reports.get(Ids.ReportId.make("r1")) }
})

/** The SQL text of every statement `node:sqlite` runs while `effect` runs. */
const traced = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const seen: Array<string> = []
    const proto = StatementSync.prototype as unknown as Record<string, (...args: Array<unknown>) => unknown>
    const originals = (["run", "all", "get", "iterate"] as const).map((name) => [name, proto[name]!] as const)
    const exec = DatabaseSync.prototype.exec
    const result = yield* Effect.acquireUseRelease(
      Effect.sync(() => {
        for (const [name, original] of originals)
          proto[name] = function (this: StatementSync, ...args: Array<unknown>) {
            seen.push(this.sourceSQL)
            return original.apply(this, args)
          }
        DatabaseSync.prototype.exec = function (this: DatabaseSync, sql: string) {
          seen.push(sql)
          return exec.call(this, sql)
        }
      }),
      () => effect,
      () =>
        Effect.sync(() => {
          for (const [name, original] of originals) proto[name] = original
          DatabaseSync.prototype.exec = exec
        })
    )
    return { result, seen }
  })

for (const engine of engines) {
  describeEngine(engine, () => {
    it.effect("a status change hands back the record a read gives, its content as read", () =>
      Effect.gen(function* () {
        const { reports, read } = yield* draftRead
        const stored = yield* reports.update(submitted(read), revisionOf(read))
        expect(stored.version).toBe(read.version + 1)
        expect(stored.status).toBe("submitted")
        expect(stored.content).toBe(read.content)
        expect(stored).toBeInstanceOf(Report.Report)
        expect(stored).toEqual(yield* reports.get(read.id))
        // The revision takes the report's encoded content: it reads back as the revision written.
        expect(yield* reports.revisions(read.id)).toEqual([revisionOf(read)])
        // A stale version still conflicts and changes nothing.
        expect(yield* Effect.flip(reports.update(submitted(read), revisionOf(read)))).toMatchObject({
          _tag: "VersionConflict",
          expected: read.version,
          actual: stored.version
        })
        expect((yield* reports.get(read.id)).version).toBe(stored.version)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a content changed by hand since the read is put back with its figure rows", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const { reports, read } = yield* draftRead
        // Another hand changes the stored figures and text, leaving the version as it was.
        const other = F.report("r1", "c1", 8, { status: "draft", achievements: "Sửa tay" })
        yield* sql`UPDATE reports SET content = ${JSON.stringify({
          ...other.content,
          figures: other.content.figures
        })} WHERE id = ${"r1"}`
        yield* sql`UPDATE report_figures SET value = ${8} WHERE report_id = ${"r1"}`
        expect((yield* reports.consolidate(query)).totals.models).toBe(8)

        const stored = yield* reports.update(submitted(read), revisionOf(read))
        expect(stored.content).toEqual(read.content)
        const again = yield* reports.get(read.id)
        expect(again.content.figures).toEqual(read.content.figures)
        expect(again.content.achievements).toBe(read.content.achievements)
        expect((yield* reports.consolidate(query)).totals.models).toBe(3)
        expect(stored).toEqual(again)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a column besides the content changed by hand since the read is put back", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const { reports, read } = yield* draftRead
        // Another hand changes columns a submission does not change, leaving the version as it was.
        yield* sql`UPDATE reports SET regime_id = ${"regime-by-hand"}, programme = ${"DVK2"} WHERE id = ${"r1"}`

        const stored = yield* reports.update(submitted(read), revisionOf(read))
        const again = yield* reports.get(read.id)
        expect(again.regimeId).toBe(read.regimeId)
        expect(again.programme).toBe(read.programme)
        expect(again.status).toBe("submitted")
        expect(stored).toEqual(again)
        const rows = yield* sql<{
          regime_id: string
          programme: string
        }>`SELECT regime_id, programme FROM reports WHERE id = ${"r1"}`
        expect(rows).toEqual([{ regime_id: read.regimeId, programme: read.programme }])
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a status change rolled back leaves the report as read, and the same read submits after", () =>
      Effect.gen(function* () {
        const uow = yield* UnitOfWork
        const { reports, read } = yield* draftRead
        const failed = yield* Effect.flip(
          uow.transaction(
            Effect.andThen(
              Effect.andThen(reports.update(submitted(read), revisionOf(read)), reports.get(read.id)),
              Effect.fail("stop" as const)
            )
          )
        )
        expect(failed).toBe("stop")
        expect(yield* reports.get(read.id)).toEqual(read)
        expect(yield* reports.revisions(read.id)).toEqual([])
        // The row read inside the rolled-back transaction is not taken for the stored one.
        const stored = yield* reports.update(submitted(read), revisionOf(read))
        expect(stored.version).toBe(read.version + 1)
        expect(stored).toEqual(yield* reports.get(read.id))
        expect(yield* reports.revisions(read.id)).toEqual([revisionOf(read)])
        expect(yield* Effect.flip(reports.update(submitted(read), revisionOf(read)))).toMatchObject({
          _tag: "VersionConflict"
        })
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a report removed since the read is not found, and nothing is written", () =>
      Effect.gen(function* () {
        const { reports, read } = yield* draftRead
        yield* reports.remove(read.id, read.version)
        expect(yield* Effect.flip(reports.update(submitted(read), revisionOf(read)))).toMatchObject({
          _tag: "NotFound"
        })
        expect(yield* Effect.flip(reports.get(read.id))).toMatchObject({ _tag: "NotFound" })
        expect(yield* reports.revisions(read.id)).toEqual([])
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a submission's revision is stored as written, and a stale one writes no revision", () =>
      Effect.gen(function* () {
        // On PostgreSQL the revision's row is inserted by the report's `UPDATE` itself, from the
        // updated row, its parameters typed by the columns (decision 0055).
        const { reports, read } = yield* draftRead
        const revision = revisionOf(read)
        yield* reports.update(submitted(read), revision)
        expect(yield* reports.revisions(read.id)).toEqual([revision])
        const stale = new Report.ReportRevision({ ...revisionOf(submitted(read)), onTime: false })
        expect(yield* Effect.flip(reports.update(submitted(submitted(read)), stale))).toMatchObject({
          _tag: "VersionConflict",
          expected: read.version,
          actual: read.version + 1
        })
        expect(yield* reports.revisions(read.id)).toEqual([revision])
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    it.effect("a content read for one report and written as another's changes only the other", () =>
      Effect.gen(function* () {
        const { reports, read: one } = yield* draftRead
        yield* reports.insert(F.report("r2", "c2", 3, { status: "draft", periodId: "2017S2" }))
        const two = yield* reports.get(Ids.ReportId.make("r2"))
        // r2 written with r1's decoded content (equal text): the row read for that content is r1's.
        const stored = yield* reports.update(new Report.Report({ ...submitted(two), content: one.content }))
        expect(stored.version).toBe(two.version + 1)
        const again = yield* reports.get(two.id)
        expect(again).toEqual(stored)
        expect(again.unitId).toBe(two.unitId)
        expect(again.periodId).toBe(two.periodId)
        expect(again.status).toBe("submitted")
        expect(yield* reports.get(one.id)).toEqual(one)
      }).pipe(Effect.provide(freshStoreWithSql(engine)))
    )

    if (engine !== "pg")
      it.effect("on SQLite a report updated by another store on the same file since the read conflicts", () =>
        Effect.gen(function* () {
          const filename = join(yield* tempDir, "store.db")
          const a = yield* Layer.build(StoreSqlite.layer({ filename }))
          const b = yield* Layer.build(StoreSqlite.layer({ filename }))
          const inA = <X, E>(effect: Effect.Effect<X, E, ReportRepository | UnitRepository>) =>
            Effect.provideContext(effect, a)
          const inB = <X, E>(effect: Effect.Effect<X, E, ReportRepository | UnitRepository>) =>
            Effect.provideContext(effect, b)
          yield* inA(Effect.flatMap(UnitRepository, (u) => u.insert(F.units)))
          yield* inA(
            Effect.flatMap(ReportRepository, (r) => r.insert(F.report("r1", "c1", 3, { status: "draft" })))
          )
          const id = Ids.ReportId.make("r1")
          const readA = yield* inA(Effect.flatMap(ReportRepository, (r) => r.get(id)))
          const readB = yield* inB(Effect.flatMap(ReportRepository, (r) => r.get(id)))
          const byB = yield* inB(
            Effect.flatMap(ReportRepository, (r) => r.update(submitted(readB), revisionOf(readB)))
          )
          // A's read is stale: its single UPDATE matches no row, and the conflict names B's version.
          expect(
            yield* Effect.flip(
              inA(Effect.flatMap(ReportRepository, (r) => r.update(submitted(readA), revisionOf(readA))))
            )
          ).toMatchObject({ _tag: "VersionConflict", expected: readA.version, actual: byB.version })
          // B's return, from its own write's record (the row it read is now a version behind).
          const back = new Report.Report({ ...byB, status: "returned" })
          const returned = yield* inB(Effect.flatMap(ReportRepository, (r) => r.update(back)))
          expect(returned.version).toBe(byB.version + 1)
          const seenByA = yield* inA(Effect.flatMap(ReportRepository, (r) => r.get(id)))
          expect(seenByA).toEqual(returned)
          expect(yield* inA(Effect.flatMap(ReportRepository, (r) => r.revisions(id)))).toEqual([
            revisionOf(readB)
          ])
        }).pipe(Effect.scoped)
      )

    if (engine !== "pg")
      it.effect("on SQLite a status change is one UPDATE that leaves the content out", () =>
        Effect.gen(function* () {
          const { reports, read } = yield* draftRead
          const { seen } = yield* traced(reports.update(submitted(read), revisionOf(read)))
          const touching = seen.filter((s) => /\breports\b/.test(s) && !/report_revisions/.test(s))
          expect(touching).toHaveLength(1)
          expect(touching[0]).toMatch(/^UPDATE "?reports"? SET/)
          // Only the columns a status change changes are set; the others are required unchanged
          // (decision 0052).
          const set = /SET([\s\S]*)WHERE/.exec(touching[0]!)?.[1] ?? ""
          const where = /WHERE([\s\S]*)$/.exec(touching[0]!)?.[1] ?? ""
          for (const column of ["status", "revision", "events", "version"])
            expect(set).toMatch(new RegExp(`\\b${column}\\b`))
          for (const column of ["unit_id", "programme", "period_id", "regime_id", "content"]) {
            expect(set).not.toMatch(new RegExp(`\\b${column}\\b`))
            expect(where).toMatch(new RegExp(`\\b${column}\\b`))
          }
          expect(seen.some((s) => /^SELECT content/.test(s))).toBe(false)

          // An edit of the content reads the stored content first, as before.
          const edited = yield* traced(
            reports.update(
              new Report.Report({
                ...(yield* reports.get(read.id)),
                status: "returned",
                content: new Report.ReportContent({ ...read.content, figures: F.dvkFigures(4) })
              })
            )
          )
          expect(edited.seen.some((s) => /^SELECT content/.test(s))).toBe(true)
          expect((yield* reports.consolidate(query)).totals.models).toBe(4)
        }).pipe(Effect.provide(freshStoreWithSql(engine)))
      )
  })
}
