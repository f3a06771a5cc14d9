import { describe, expect, it } from "@effect/vitest"
import { Order } from "effect"
import * as fc from "fast-check"
import { Actor } from "../src/access/Actor.ts"
import * as Deadline from "../src/calendar/Deadline.ts"
import * as Period from "../src/calendar/Period.ts"
import * as Regime from "../src/calendar/Regime.ts"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { FieldId, PersonId, ReportId, SuccessionId, UnitId } from "../src/kernel/Ids.ts"
import * as Timestamp from "../src/kernel/Timestamp.ts"
import * as Figures from "../src/report/Figures.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import { Report, ReportContent, type ReportEvent, type ReportStatus } from "../src/report/Report.ts"
import * as Rollup from "../src/report/Rollup.ts"
import { historyCarriers, Succession } from "../src/unit/Succession.ts"
import { ParentLink, Unit, type UnitType } from "../src/unit/Unit.ts"

const since = CalendarDate.make(2000, 1, 1)
const period = Period.halfYear(2017, 1)
const periodId = Period.id(period)
const regime = Regime.defaults.party
const fields = ["economy", "culture-society", "security-defence", "political-system"].map((f) =>
  FieldId.make(f)
)
const allStatuses: ReadonlyArray<ReportStatus> = ["draft", "submitted", "returned", "approved", "reopened"]
const clerk = new Actor({ personId: PersonId.make("p"), name: "Cán bộ", unitId: UnitId.make("u0") })
const created = Timestamp.fromDate(new Date("2017-06-01T01:00:00.000Z"))

const typeAt: ReadonlyArray<UnitType> = ["province", "ruralDistrict", "commune", "agency"]

const unit = (
  id: string,
  depth: number,
  links: ReadonlyArray<{
    parentId: string
    from: CalendarDate.CalendarDate
    until?: CalendarDate.CalendarDate
  }>,
  validFrom: CalendarDate.CalendarDate = since,
  validUntil?: CalendarDate.CalendarDate
) =>
  new Unit({
    id: UnitId.make(id),
    type: typeAt[Math.min(depth, 3)] as UnitType,
    name: `Đơn vị ${id}`,
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    parents: links.map((l) => new ParentLink({ ...l, parentId: UnitId.make(l.parentId) })),
    version: 1
  })

/** DVK figures from counts per field, with a province indicator in `extra`. */
const dvk = (byField: ReadonlyArray<number>, extra = 0): Figures.DvkFigures => {
  const models = byField.reduce((a, b) => a + b, 0)
  return {
    ...FiguresRules.emptyDvk(fields),
    models,
    byField: Object.fromEntries(fields.map((f, i) => [f, byField[i] ?? 0])) as Figures.DvkFigures["byField"],
    byStatus: { ...FiguresRules.emptyDvk(fields).byStatus, inProgress: models },
    effective: Math.floor(models / 2),
    extra: extra === 0 ? {} : { hoGiaDinh: extra }
  }
}

const report = (
  unitId: string,
  figures: Figures.Figures,
  status: ReportStatus = "approved",
  options: { periodId?: Period.PeriodId; suffix?: string; events?: ReadonlyArray<ReportEvent> } = {}
) =>
  new Report({
    id: ReportId.make(`r-${unitId}${options.suffix ?? ""}`),
    unitId: UnitId.make(unitId),
    programme: figures._tag,
    periodId: options.periodId ?? periodId,
    regimeId: regime.id,
    status,
    content: new ReportContent({ figures, achievements: "", shortcomings: "", nextTasks: "" }),
    revision: status === "draft" ? 0 : 1,
    events: [{ _tag: "Created", at: created, by: clerk }, ...(options.events ?? [])],
    version: 1
  })

const figuresArb = fc
  .tuple(fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }), fc.nat(20))
  .map(([byField, extra]) => dvk(byField, extra))

/** Drops zero entries, so totals compare by what they count. */
const nonZero = (t: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(t).filter(([, v]) => v !== 0))

const sumOf = (reports: ReadonlyArray<Report>) =>
  nonZero(Rollup.sumTotals(reports.map((r) => Figures.flatten(r.content.figures))))

const asOf = CalendarDate.make(2017, 6, 30)

/** A random tree rooted at u0 with at most one report per unit, in random statuses. */
const treeArb = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc.record({
      picks: fc.array(fc.nat(1_000), { minLength: n, maxLength: n }),
      reports: fc.array(fc.option(fc.tuple(figuresArb, fc.constantFrom(...allStatuses)), { freq: 3 }), {
        minLength: n,
        maxLength: n
      }),
      statuses: fc.subarray([...allStatuses], { minLength: 1 })
    })
  )
  .map(({ picks, reports, statuses }) => {
    const parents = picks.map((p, i) => (i === 0 ? -1 : p % i))
    const depth: Array<number> = []
    parents.forEach((p, i) => {
      depth[i] = p < 0 ? 0 : (depth[p] as number) + 1
    })
    const units = parents.map((p, i) =>
      unit(`u${i}`, depth[i] as number, p < 0 ? [] : [{ parentId: `u${p}`, from: since }])
    )
    const rs = reports.flatMap((r, i) => (r === null ? [] : [report(`u${i}`, r[0], r[1])]))
    return { parents, units, reports: rs, statuses }
  })

const consolidateAt = (
  t: { units: ReadonlyArray<Unit>; reports: ReadonlyArray<Report>; statuses: ReadonlyArray<ReportStatus> },
  rootId: string,
  successions: ReadonlyArray<Succession> = [],
  date: CalendarDate.CalendarDate = asOf
) =>
  Rollup.consolidate({
    units: t.units,
    successions,
    reports: t.reports,
    rootId: UnitId.make(rootId),
    asOf: date,
    periodId,
    programme: "DVK",
    statuses: t.statuses
  })

describe("Rollup.consolidate (property)", () => {
  it("a unit's consolidation is its own report plus its children's consolidations", () => {
    fc.assert(
      fc.property(treeArb, (t) => {
        const counted = new Set(t.statuses)
        t.parents.forEach((_, i) => {
          const at = consolidateAt(t, `u${i}`)
          const own = t.reports.filter((r) => r.unitId === `u${i}` && counted.has(r.status))
          const children = t.parents.flatMap((p, c) => (p === i ? [consolidateAt(t, `u${c}`)] : []))
          expect(nonZero(at.totals)).toEqual(
            nonZero(Rollup.sumTotals([sumOf(own), ...children.map((c) => c.totals)]))
          )
          expect(at.contributions.map((c) => c.reportId).sort()).toEqual(
            [
              ...own.map((r) => r.id),
              ...children.flatMap((c) => c.contributions.map((x) => x.reportId))
            ].sort()
          )
        })
        // The root counts every report of the tree in the given statuses, once.
        const root = consolidateAt(t, "u0")
        expect(nonZero(root.totals)).toEqual(sumOf(t.reports.filter((r) => counted.has(r.status))))
        expect(new Set(root.contributions.map((c) => c.reportId)).size).toBe(root.contributions.length)
        const ids = root.contributions.map((c) => c.unitId)
        expect(ids).toEqual([...ids].sort())
      }),
      { numRuns: 200 }
    )
  })

  it("does not depend on the order or grouping of the reports", () => {
    fc.assert(
      fc.property(
        treeArb.chain((t) =>
          fc.tuple(
            fc.constant(t),
            fc.shuffledSubarray(t.reports, { minLength: t.reports.length, maxLength: t.reports.length }),
            fc.array(fc.nat(3), { minLength: t.reports.length, maxLength: t.reports.length })
          )
        ),
        ([t, shuffled, groupOf]) => {
          const whole = consolidateAt(t, "u0")
          expect(consolidateAt({ ...t, reports: shuffled }, "u0")).toEqual(whole)
          // Duplicated input does not count twice.
          expect(consolidateAt({ ...t, reports: [...shuffled, ...t.reports] }, "u0")).toEqual(whole)
          const groups = [0, 1, 2, 3].map((g) => shuffled.filter((_, k) => groupOf[k] === g))
          const parts = groups.map((g) => consolidateAt({ ...t, reports: g }, "u0"))
          expect(nonZero(Rollup.sumTotals(parts.map((p) => p.totals)))).toEqual(nonZero(whole.totals))
          expect(
            parts.flatMap((p) => p.contributions).sort((a, b) => (a.unitId < b.unitId ? -1 : 1))
          ).toEqual(whole.contributions)
        }
      ),
      { numRuns: 200 }
    )
  })

  it("counts only the period, programme and statuses asked for", () => {
    const units = [unit("p", 0, []), unit("d", 1, [{ parentId: "p", from: since }])]
    const reports = [
      report("d", dvk([1, 1, 1, 1]), "approved"),
      report("d", dvk([5, 0, 0, 0]), "approved", {
        periodId: Period.id(Period.halfYear(2017, 2)),
        suffix: "-s2"
      }),
      report("d", FiguresRules.emptyQcdc(), "approved", { suffix: "-qcdc" }),
      report("p", dvk([7, 0, 0, 0]), "submitted")
    ]
    const t = { units, reports, statuses: ["approved"] as const }
    const c = consolidateAt(t, "p")
    expect(c.totals.models).toBe(4)
    expect(c.contributions).toEqual([
      { reportId: "r-d", unitId: "d", countedUnder: "d", status: "approved", revision: 1 }
    ])
    expect(consolidateAt({ ...t, statuses: ["approved", "submitted"] }, "p").totals.models).toBe(11)
    // A root not valid on the date has an empty jurisdiction.
    expect(consolidateAt(t, "p", [], CalendarDate.make(1999, 12, 31))).toEqual({
      totals: {},
      contributions: []
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Succession: merges over two rounds
// ---------------------------------------------------------------------------------------------

const round1 = CalendarDate.make(2019, 1, 1)
const round2 = CalendarDate.make(2023, 1, 1)

interface Merge {
  readonly into: string
  readonly on: CalendarDate.CalendarDate
}

/**
 * Province p, districts d0 and d1, `n` communes c0… split between them. In each round, communes of
 * a district with the same label merge into a new commune of that district (a group of one is a
 * rename); some merged communes also send part of their territory, without history, to another new
 * commune of the round.
 */
const mergesArb = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      district: fc.array(fc.nat(1), { minLength: n, maxLength: n }),
      label1: fc.array(fc.nat(3), { minLength: n, maxLength: n }),
      label2: fc.array(fc.nat(3), { minLength: 3 * n, maxLength: 3 * n }),
      strayPart: fc.array(fc.boolean(), { minLength: 4 * n, maxLength: 4 * n }),
      figures: fc.array(fc.option(figuresArb, { freq: 4 }), { minLength: 4 * n + 3, maxLength: 4 * n + 3 })
    })
  )
  .map((g) => {
    const units: Array<Unit> = [
      unit("p", 0, []),
      unit("d0", 1, [{ parentId: "p", from: since }]),
      unit("d1", 1, [{ parentId: "p", from: since }])
    ]
    const successions: Array<Succession> = []
    const mergedInto = new Map<string, Merge>()
    let current = g.district.map((d, i) => ({ id: `c${i}`, district: `d${d}`, from: since }))
    let stray = 0
    const round = (labels: ReadonlyArray<number>, on: CalendarDate.CalendarDate, tag: string) => {
      const next: Array<{ id: string; district: string; from: CalendarDate.CalendarDate }> = []
      const groups = new Map<
        string,
        Array<{ id: string; district: string; from: CalendarDate.CalendarDate }>
      >()
      current.forEach((c, k) => {
        const label = labels[k] ?? 0
        if (label === 0) {
          next.push(c)
          return
        }
        const key = `${tag}-${c.district}-${label}`
        groups.set(key, [...(groups.get(key) ?? []), c])
      })
      const ended = new Set<string>()
      for (const [key, members] of groups) {
        for (const m of members) {
          ended.add(m.id)
          mergedInto.set(m.id, { into: key, on })
          successions.push(
            new Succession({
              id: SuccessionId.make(`s-${m.id}-${key}`),
              kind: members.length === 1 ? "rename" : "merge",
              effectiveDate: on,
              predecessorId: UnitId.make(m.id),
              successorId: UnitId.make(key),
              carriesHistory: true,
              version: 1
            })
          )
          const others = [...groups.keys()].filter((k) => k !== key)
          if (g.strayPart[stray++ % g.strayPart.length] && others.length > 0) {
            const other = others[0] as string
            successions.push(
              new Succession({
                id: SuccessionId.make(`s-${m.id}-${other}-part`),
                kind: "split",
                effectiveDate: on,
                predecessorId: UnitId.make(m.id),
                successorId: UnitId.make(other),
                carriesHistory: false,
                version: 1
              })
            )
          }
        }
        next.push({ id: key, district: (members[0] as { district: string }).district, from: on })
      }
      for (const c of current) {
        if (!ended.has(c.id)) continue
        units.push(unit(c.id, 2, [{ parentId: c.district, from: c.from, until: on }], c.from, on))
      }
      current = next
    }
    round(g.label1, round1, "m1")
    round(g.label2, round2, "m2")
    for (const c of current) units.push(unit(c.id, 2, [{ parentId: c.district, from: c.from }], c.from))
    // Reports of 2017S1 come from the units that existed in 2017.
    const reports: Array<Report> = []
    units.forEach((u, k) => {
      const f = g.figures[k]
      if (u.validFrom === since && f !== undefined && f !== null) reports.push(report(u.id, f))
    })
    return { units, successions, mergedInto, reports }
  })

/** Where a unit's history is as of a date, from the generator's own record of merges. */
const carrierRef = (mergedInto: ReadonlyMap<string, Merge>, id: string, date: CalendarDate.CalendarDate) => {
  let at = id
  for (let m = mergedInto.get(at); m !== undefined && m.on <= date; m = mergedInto.get(at)) at = m.into
  return at
}

describe("Rollup.consolidate with succession (property)", () => {
  it("moves history into successors without losing or double counting it", () => {
    fc.assert(
      fc.property(mergesArb, (g) => {
        const statuses = ["approved"] as const
        for (const date of [CalendarDate.make(2018, 6, 30), round1, CalendarDate.make(2024, 6, 30)]) {
          const at = (root: string) =>
            consolidateAt({ units: g.units, reports: g.reports, statuses }, root, g.successions, date)
          // The province holds everything, once.
          const province = at("p")
          expect(nonZero(province.totals)).toEqual(sumOf(g.reports))
          expect(province.contributions.length).toBe(g.reports.length)
          // Each commune valid on the date holds exactly the reports whose history it carries.
          const communes = g.units.filter(
            (u) =>
              u.level === "commune" &&
              u.validFrom <= date &&
              (u.validUntil === undefined || date < u.validUntil)
          )
          const parts = communes.map((c) => {
            const mine = g.reports.filter((r) => carrierRef(g.mergedInto, r.unitId, date) === c.id)
            const got = at(c.id)
            expect(nonZero(got.totals)).toEqual(sumOf(mine))
            for (const x of got.contributions) expect(x.countedUnder).toBe(c.id)
            return got.totals
          })
          // Province = its own + districts' own + the communes' consolidations.
          const own = g.reports.filter((r) => ["p", "d0", "d1"].includes(r.unitId))
          expect(nonZero(Rollup.sumTotals([sumOf(own), ...parts]))).toEqual(nonZero(province.totals))
        }
      }),
      { numRuns: 200 }
    )
  })

  it("contributionOrder orders by unit id, then report id, in code-unit order (property)", () => {
    const reference = Order.Struct({ unitId: Order.String, reportId: Order.String })
    const id = fc.string({ maxLength: 3, unit: fc.constantFrom("a", "b", "A", "é", "\u{1F600}") })
    fc.assert(
      fc.property(
        fc.record({ unitId: id, reportId: id }),
        fc.record({ unitId: id, reportId: id }),
        (a, b) => {
          expect(Rollup.contributionOrder(a, b)).toBe(reference(a, b))
          expect(Rollup.contributionOrder(b, a)).toBe(reference(b, a))
        }
      )
    )
  })

  it("tallyMany gives each root what tally gives it alone, for any list of roots (topLevelIds included)", () => {
    fc.assert(
      fc.property(
        mergesArb.chain((g) =>
          fc.record({
            g: fc.constant(g),
            roots: fc.array(fc.constantFrom(...g.units.map((u) => u.id)), { maxLength: 6 }),
            date: fc.constantFrom(CalendarDate.make(2018, 6, 30), round1, CalendarDate.make(2024, 6, 30)),
            statuses: fc.subarray([...allStatuses], { minLength: 1 })
          })
        ),
        ({ g, roots, date, statuses }) => {
          const carrierOf = historyCarriers(g.successions, date)
          for (const rootIds of [roots, Rollup.topLevelIds(g.units, date)]) {
            const jurisdictions = rootIds.map((rootId) => ({
              rootId,
              ids: Rollup.jurisdictionIds(g.units, rootId, date)
            }))
            const input = { carrierOf, reports: g.reports, periodId, programme: "DVK" as const, statuses }
            const many = Rollup.tallyMany({ ...input, jurisdictions })
            expect(many.map((m) => m.rootId)).toEqual(rootIds)
            many.forEach((m, i) => {
              expect(m.consolidation).toEqual(Rollup.tally({ ...input, jurisdiction: jurisdictions[i]!.ids }))
            })
            // Reports known to be distinct (each id once, as here) count the same without the set
            // of the ids counted.
            expect(new Set(g.reports.map((r) => r.id)).size).toBe(g.reports.length)
            expect(Rollup.tallyMany({ ...input, jurisdictions, distinct: true })).toEqual(many)
          }
          // The country's roots are the province alone, and it counts every report once.
          expect(Rollup.topLevelIds(g.units, date)).toEqual(["p"])
        }
      ),
      { numRuns: 200 }
    )
  })

  it("counts a 2017 district report under the unit that carries it today", () => {
    // Ninh Bình city (369) and Hoa Lư district (374) merged into Hoa Lư city before 2025.
    const merged = CalendarDate.make(2025, 3, 1)
    const units = [
      unit("vn-37", 0, []),
      unit("vn-369", 1, [{ parentId: "vn-37", from: since, until: merged }], since, merged),
      unit("vn-374", 1, [{ parentId: "vn-37", from: since, until: merged }], since, merged),
      unit("vn-374-hoa-lu-city", 1, [{ parentId: "vn-37", from: merged }], merged)
    ]
    const successions = ["vn-369", "vn-374"].map(
      (id) =>
        new Succession({
          id: SuccessionId.make(`s-${id}`),
          kind: "merge",
          effectiveDate: merged,
          predecessorId: UnitId.make(id),
          successorId: UnitId.make("vn-374-hoa-lu-city"),
          carriesHistory: true,
          version: 1
        })
    )
    const reports = [report("vn-369", dvk([100, 50, 20, 30])), report("vn-374", dvk([60, 40, 10, 10]))]
    const t = { units, reports, statuses: ["approved"] as const }
    const today = CalendarDate.make(2025, 6, 1)
    const city = consolidateAt(t, "vn-374-hoa-lu-city", successions, today)
    expect(city.totals.models).toBe(320)
    expect(city.contributions.map((c) => [c.unitId, c.countedUnder])).toEqual([
      ["vn-369", "vn-374-hoa-lu-city"],
      ["vn-374", "vn-374-hoa-lu-city"]
    ])
    expect(consolidateAt(t, "vn-37", successions, today).totals.models).toBe(320)
    // As of 2017 each district still holds its own.
    expect(consolidateAt(t, "vn-369", successions, asOf).totals.models).toBe(200)
  })
})

// ---------------------------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------------------------

const submittedOn = (day: CalendarDate.CalendarDate, revision = 1): ReportEvent => ({
  _tag: "Submitted",
  at: Timestamp.startOfDayInVietnam(day),
  by: clerk,
  revision,
  onTime: true
})

describe("Rollup.completeness", () => {
  const due = Deadline.deadline(regime, period, "commune")
  const communes = ["a", "b", "c", "d"].map((id) => unit(id, 2, [{ parentId: "x", from: since }]))

  it("lists who has not submitted and who was late", () => {
    const reports = [
      report("a", dvk([1, 0, 0, 0]), "approved", { events: [submittedOn(due)] }),
      report("b", dvk([1, 0, 0, 0]), "submitted", { events: [submittedOn(CalendarDate.addDays(due, 1))] }),
      report("c", dvk([1, 0, 0, 0]), "draft"),
      report("e", dvk([1, 0, 0, 0]), "approved", { events: [submittedOn(due)] })
    ]
    expect(Rollup.completeness({ expected: communes, reports, regime, period })).toEqual({
      expected: 4,
      missing: ["c", "d"],
      late: ["b"],
      onTime: ["a"]
    })
  })

  it("judges the first submission, and ignores other periods", () => {
    const late = CalendarDate.addDays(due, 3)
    const reports = [
      report("a", dvk([1, 0, 0, 0]), "submitted", {
        events: [
          submittedOn(due),
          { _tag: "Returned", at: Timestamp.startOfDayInVietnam(due), by: clerk, reason: "Sai" },
          submittedOn(late, 2)
        ]
      }),
      report("b", dvk([1, 0, 0, 0]), "approved", {
        periodId: Period.id(Period.halfYear(2017, 2)),
        events: [submittedOn(due)]
      })
    ]
    const c = Rollup.completeness({ expected: communes.slice(0, 2), reports, regime, period })
    expect(c).toEqual({ expected: 2, missing: ["b"], late: [], onTime: ["a"] })
  })

  it("partitions the expected units; late exactly when submitted after the deadline (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -20, max: 20 })), { minLength: 1, maxLength: 20 }),
        (offsets) => {
          const expected = offsets.map((_, i) => unit(`k${i}`, 2, [{ parentId: "x", from: since }]))
          const reports = offsets.flatMap((o, i) =>
            o === null
              ? []
              : [
                  report(`k${i}`, dvk([1, 0, 0, 0]), "submitted", {
                    events: [submittedOn(CalendarDate.addDays(due, o))]
                  })
                ]
          )
          const c = Rollup.completeness({ expected, reports, regime, period })
          const all = [...c.missing, ...c.late, ...c.onTime].sort()
          expect(all).toEqual(expected.map((u) => u.id).sort())
          offsets.forEach((o, i) => {
            const id = `k${i}`
            if (o === null) expect(c.missing).toContain(id)
            else if (o > 0) expect(c.late).toContain(id)
            else expect(c.onTime).toContain(id)
          })
        }
      )
    )
  })
})

describe("Rollup.completenessOf", () => {
  const due = Deadline.deadline(regime, period, "commune")
  const levels = ["district", "commune", "grassroots"] as const

  /** Reporters with first submissions some days from the deadline, or none; ids repeat. */
  const reportersArb = fc.array(
    fc.record({
      id: fc.integer({ min: 0, max: 8 }),
      level: fc.constantFrom(...levels),
      offset: fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined })
    }),
    { maxLength: 20 }
  )

  it("does not depend on the order of the reporters, and a repeated unit counts once with its earliest submission (property)", () => {
    fc.assert(
      fc.property(
        reportersArb.chain((rs) =>
          fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))
        ),
        ([rs, shuffled]) => {
          const at = (offset: number | undefined) =>
            offset === undefined
              ? {}
              : { firstSubmittedAt: submittedOn(CalendarDate.addDays(due, offset)).at }
          // One level per unit, as a store gives it.
          const of = (r: (typeof rs)[number]): Rollup.Reporter => ({
            unitId: UnitId.make(`k${r.id}`),
            level: levels[r.id % 3]!,
            ...at(r.offset)
          })
          const c = Rollup.completenessOf({ reporters: rs.map(of), regime, period })
          expect(Rollup.completenessOf({ reporters: shuffled.map(of), regime, period })).toEqual(c)
          const ids = [...new Set(rs.map((r) => `k${r.id}`))].sort()
          expect(c.expected).toBe(ids.length)
          expect([...c.missing, ...c.late, ...c.onTime].sort()).toEqual(ids)
          for (const id of ids) {
            const offsets = rs
              .filter((r) => `k${r.id}` === id && r.offset !== undefined)
              .map((r) => r.offset!)
            if (offsets.length === 0) expect(c.missing).toContain(id)
            else {
              const level = levels[Number(id.slice(1)) % 3]!
              const first = CalendarDate.addDays(due, Math.min(...offsets))
              const onTime = first <= Deadline.deadline(regime, period, level)
              expect(onTime ? c.onTime : c.late).toContain(id)
            }
          }
        }
      )
    )
  })

  it("judges what Rollup.completeness judges from the units and their reports (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 3 })), {
          maxLength: 12
        }),
        (submissions) => {
          const expected = submissions.map((_, i) =>
            unit(`k${i}`, 1 + (i % 3), [{ parentId: "x", from: since }])
          )
          const reports = submissions.flatMap((s, i) =>
            s === null
              ? []
              : [
                  report(`k${i}`, dvk([1, 0, 0, 0]), s.length === 0 ? "draft" : "submitted", {
                    events: s.map((o, n) => submittedOn(CalendarDate.addDays(due, o), n + 1))
                  })
                ]
          )
          const reporters = Rollup.reporters({ expected, reports, period, programme: "DVK" })
          expect(reporters.map((r) => r.unitId)).toEqual(expected.map((u) => u.id))
          reporters.forEach((r, i) => {
            const s = submissions[i]
            expect(r.level).toBe(expected[i]!.level)
            // The first submission in the order of the events, not the earliest instant.
            expect(r.firstSubmittedAt).toBe(
              s === null || s === undefined || s.length === 0
                ? undefined
                : submittedOn(CalendarDate.addDays(due, s[0]!)).at
            )
          })
          expect(Rollup.completenessOf({ reporters, regime, period })).toEqual(
            Rollup.completeness({ expected, reports, regime, period, programme: "DVK" })
          )
        }
      )
    )
  })
})
