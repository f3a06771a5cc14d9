/**
 * The storage contract (`Contract`): what a record refers to, its unique values, and the first
 * rule a write breaks, in the one order every adapter follows; and the closed set of names.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Actor } from "../src/access/Actor.ts"
import * as Period from "../src/calendar/Period.ts"
import * as Regime from "../src/calendar/Regime.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { PersonId, ReportId, UnitId } from "../src/kernel/Ids.ts"
import * as Timestamp from "../src/kernel/Timestamp.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import { Report, ReportContent, type ReportStatus } from "../src/report/Report.ts"
import * as Contract from "../src/store/Contract.ts"
import * as StoreError from "../src/store/StoreError.ts"
import { ParentLink, Unit } from "../src/unit/Unit.ts"

const since = CalendarDate.make(2000, 1, 1)

const unit = (id: string, parents: ReadonlyArray<string> = []) =>
  new Unit({
    id: UnitId.make(id),
    type: parents.length === 0 ? "province" : "commune",
    name: `Đơn vị ${id}`,
    validFrom: since,
    parents: parents.map((p) => new ParentLink({ parentId: UnitId.make(p), from: since })),
    version: 1
  })

const clerk = new Actor({ personId: PersonId.make("p"), name: "Cán bộ", unitId: UnitId.make("u0") })

const report = (id: string, unitId: string, status: ReportStatus = "draft", version = 1) =>
  new Report({
    id: ReportId.make(id),
    unitId: UnitId.make(unitId),
    programme: "DVK",
    periodId: Period.id(Period.halfYear(2024, 1)),
    regimeId: Regime.defaults.party.id,
    status,
    content: new ReportContent({
      figures: FiguresRules.emptyDvk([]),
      achievements: "",
      shortcomings: "",
      nextTasks: ""
    }),
    revision: status === "draft" ? 0 : 1,
    events: [{ _tag: "Created", at: Timestamp.fromDate(new Date("2024-06-01T00:00:00Z")), by: clerk }],
    version
  })

/** A store holding `units` and `reports`, as the contract reads it. */
const viewOf = (units: ReadonlyArray<Unit>, reports: ReadonlyArray<Report> = []): Contract.View => ({
  has: (entity, key) =>
    entity === "unit"
      ? units.some((u) => u.id === key)
      : entity === "report" && reports.some((r) => r.id === key),
  holders: (unique) =>
    unique._tag === "ReportSlot"
      ? reports.filter((r) => Contract.reportSlot(r) === unique.value).map((r) => r.id)
      : []
})

describe("Contract", () => {
  it("lists a record's references with the rule a missing one breaks", () => {
    expect(Contract.references("unit", unit("c", ["d", "p"]))).toEqual([
      { entity: "unit", id: "d", role: "parent unit", constraint: "parent unit exists" },
      { entity: "unit", id: "p", role: "parent unit", constraint: "parent unit exists" }
    ])
    expect(Contract.references("report", report("r", "c")).map((r) => r.constraint)).toEqual(["unit exists"])
    expect(Contract.identity("reportRevision")).toBe("unique revision per report")
    expect(Contract.identity("unit")).toBe("unique id")
  })

  it("checks a taken key first, then each record's references in order, then its unique values", () => {
    const stored = [unit("p")]
    const orphan = unit("c-1", ["x"])
    // The duplicate comes later in the batch, yet a taken key is checked before any reference.
    expect(
      Contract.check(viewOf(stored), [Contract.write("unit", [orphan, unit("p")], true)])?.constraint
    ).toBe("unique id")
    expect(Contract.check(viewOf(stored), [Contract.write("unit", [orphan], true)])).toMatchObject({
      entity: "unit",
      constraint: "parent unit exists",
      detail: 'unit "c-1" refers to the parent unit "x", which does not exist'
    })
    // A parent later in the same batch, or the record itself, exists after the write.
    expect(
      Contract.check(viewOf(stored), [
        Contract.write("unit", [unit("c-2", ["d-1"]), unit("d-1", ["p"])], true)
      ])
    ).toBeUndefined()
    // A report whose unit is missing and whose slot is taken breaks the reference first.
    const taken = [report("r-1", "ghost")]
    expect(
      Contract.check(viewOf(stored, taken), [Contract.write("report", [report("r-2", "ghost")], true)])
        ?.constraint
    ).toBe("unit exists")
    expect(
      Contract.check(viewOf(stored, [report("r-1", "p")]), [
        Contract.write("report", [report("r-2", "p")], true)
      ])?.constraint
    ).toBe("one report per unit, period and programme")
    // An update keeps its own slot.
    expect(
      Contract.check(viewOf(stored, [report("r-1", "p")]), [
        Contract.write("report", [report("r-1", "p", "draft", 2)], false)
      ])
    ).toBeUndefined()
  })

  it("a batch of units is accepted exactly when its ids are new and distinct and every parent exists after it", () => {
    const ids = fc.constantFrom<string>("a", "b", "c", "d", "e")
    fc.assert(
      fc.property(
        fc.uniqueArray(ids),
        fc.array(fc.tuple(ids, fc.array(ids, { maxLength: 2 })), { maxLength: 4 }),
        (storedIds, batchSpec) => {
          const stored = storedIds.map((id) => unit(id))
          const batch = batchSpec.map(([id, parents]) => unit(id, parents))
          const after = new Set<string>([...storedIds, ...batch.map((u) => u.id)])
          const keys = batch.map((u) => u.id)
          const fresh = new Set(keys).size === keys.length && keys.every((k) => !storedIds.includes(k))
          const linked = batch.every((u) => u.parents.every((l) => after.has(l.parentId)))
          const verdict = Contract.check(viewOf(stored), [Contract.write("unit", batch, true)])
          expect(verdict === undefined).toBe(fresh && linked)
          if (!fresh) expect(verdict?.constraint).toBe("unique id")
          else if (!linked) expect(verdict?.constraint).toBe("parent unit exists")
        }
      )
    )
  })

  it("a write that carries its records' keys is checked as one that does not", () => {
    const ids = fc.constantFrom<string>("a", "b", "c", "d", "e")
    fc.assert(
      fc.property(
        fc.uniqueArray(ids),
        fc.array(fc.tuple(ids, fc.array(ids, { maxLength: 2 })), { maxLength: 4 }),
        fc.boolean(),
        (storedIds, batchSpec, insert) => {
          const stored = storedIds.map((id) => unit(id))
          const batch = batchSpec.map(([id, parents]) => unit(id, parents))
          const keys = batch.map((u) => Contract.keyOf("unit", u))
          const without = Contract.check(viewOf(stored), [Contract.write("unit", batch, insert)])
          const withKeys = Contract.check(viewOf(stored), [Contract.write("unit", batch, insert, keys)])
          expect(withKeys?.constraint).toBe(without?.constraint)
          expect(withKeys?.detail).toBe(without?.detail)
        }
      )
    )
    // The keys given are the ones checked: a duplicate only the keys show is refused.
    const [c, d] = [unit("c"), unit("d")]
    expect(Contract.check(viewOf([]), [Contract.write("unit", [c, d], true, ["c", "c"])])?.constraint).toBe(
      "unique id"
    )
  })

  it("a missing reference of a report or revision is the first its references list names, as for any kind", () => {
    const ids = fc.constantFrom<string>("u0", "u1", "u2", "u3")
    fc.assert(
      fc.property(
        fc.uniqueArray(ids),
        fc.uniqueArray(ids, { maxLength: 4 }),
        fc.array(fc.tuple(fc.constantFrom("r-u0", "r-u1", "r-u2", "r-x"), fc.nat(3)), { maxLength: 4 }),
        (storedUnits, reportUnits, revisionSpec) => {
          // One report per unit, so no slot is shared: only references can be refused.
          const reports = reportUnits.map((u) => report(`r-${u}`, u))
          const revisions = revisionSpec
            .filter(([id, n], i) => revisionSpec.findIndex(([j, m]) => j === id && m === n) === i)
            .map(
              ([id, n]) =>
                ({
                  reportId: ReportId.make(id),
                  revision: n
                }) as unknown as Contract.Records["reportRevision"]
            )
          const units = storedUnits.map((u) => unit(u))
          const has = (entity: StoreError.Entity, key: string) =>
            entity === "unit" ? storedUnits.includes(key) : reports.some((r) => r.id === key)
          const expected = [
            ...reports.map((r) => ["report", r.id, Contract.references("report", r)] as const),
            ...revisions.map(
              (v) =>
                [
                  "reportRevision",
                  Contract.keyOf("reportRevision", v),
                  Contract.references("reportRevision", v)
                ] as const
            )
          ].flatMap(([entity, key, refs]) => {
            const absent = refs.find((r) => !has(r.entity, r.id))
            return absent === undefined ? [] : [Contract.missing(entity, key, absent)]
          })[0]
          const verdict = Contract.check(viewOf(units), Contract.reportImport(reports, revisions))
          expect(verdict?.detail).toBe(expected?.detail)
          expect(verdict?.constraint).toBe(expected?.constraint)
        }
      )
    )
  })

  it("removes only a never-submitted draft; a new revision must be the updated report's", () => {
    expect(Contract.removable(report("r", "p"))).toBeUndefined()
    expect(Contract.removable(report("r", "p", "submitted"))?.constraint).toBe(
      "only a never-submitted draft can be removed"
    )
    expect(Contract.revisionOf({ id: ReportId.make("a") }, { reportId: ReportId.make("b") })).toMatchObject({
      entity: "reportRevision",
      constraint: "revision belongs to the updated report"
    })
  })

  it("an import takes revisions of its own reports only, and is checked as one write of reports then revisions", () => {
    const revision = (reportId: string, n: number) => ({ reportId: ReportId.make(reportId), revision: n })
    const a = report("a", "u0", "submitted")
    expect(Contract.revisionsOf([a], [revision("a", 1), revision("a", 2)])).toBeUndefined()
    expect(Contract.revisionsOf([], [])).toBeUndefined()
    const foreign = Contract.revisionsOf([a], [revision("a", 1), revision("s", 3)])
    expect([foreign?.entity, foreign?.constraint]).toEqual([
      "reportRevision",
      "revision belongs to the updated report"
    ])
    expect(foreign?.message).toContain('"s"')
    // The imported reports' ids as a store keyed them (a set, a map by id): the same answers.
    expect(Contract.revisionsOf(new Set(["a"]), [revision("a", 1), revision("s", 3)])?.detail).toBe(
      foreign?.detail
    )
    expect(Contract.revisionsOf(new Map([["a", a]]), [revision("a", 2)])).toBeUndefined()
    const writes = Contract.reportImport([a], [])
    expect(writes.map((w) => [w.entity, w.insert])).toEqual([
      ["report", true],
      ["reportRevision", true]
    ])
    // Within the batch: a slot taken by an earlier report, and a unit missing, in the contract's order.
    const b = report("b", "u0")
    expect(Contract.check(viewOf([unit("u0")]), Contract.reportImport([a, b], []))?.constraint).toBe(
      "one report per unit, period and programme"
    )
    expect(
      Contract.check(viewOf([unit("u0")]), Contract.reportImport([report("c", "u9"), a, a], []))?.constraint
    ).toBe("unique id")
  })

  it("ConstraintViolation takes only a name of the closed set, and its message quotes it", () => {
    const v = new StoreError.ConstraintViolation({ entity: "unit", constraint: "unique id", detail: "x" })
    expect(v.message).toBe('unit: the rule "unique id" is broken: x')
    expect(
      () =>
        new StoreError.ConstraintViolation({
          entity: "unit",
          constraint: "parent exists" as StoreError.ConstraintName,
          detail: "x"
        })
    ).toThrow()
  })
})
